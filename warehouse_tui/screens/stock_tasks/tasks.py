"""Put-back and unpack tasks on a handheld or at a bench: the open tasks, one chosen by its
number (or by scanning its tote or parcel label), then one instruction at a time.

A put-back: scan the shelf (another shelf than the suggested one is asked again, and the
service decides whether this merchant may use it), scan the item, type how many (Enter: all).
An unpack: scan the parcel label, then for each part of it scan its shelf, the item, and
confirm how many (the service checks each scan; the stock moves when the last part is
confirmed). The scanner
types into the one input and presses Enter; every decision is the service's
(:mod:`warehouse.stock.put_back_tasks`, :mod:`shipping.unpacking`), each put-back keyed so a
repeated Enter puts nothing back twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Digits, Input, Static

from shipping.unpacking import UnpackView
from warehouse.stock.put_back_tasks import LocationCheck, PutBackResult, PutBackView
from warehouse.words import Words
from warehouse_tui.retry import new_key
from warehouse_tui.screens.stock_tasks.jobs import StockTaskJobs, Task
from warehouse_tui.screens.stock_tasks.view import task_screen
from warehouse_tui.widgets.big_location import show_location
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

T = TypeVar("T")
CHROME_ROWS = 9
"""Rows of a 40×16 or 80×24 screen that are not list rows (title, prompt, input, keys...)."""


class StockTasksScreen(Screen[None]):
    GUIDE = Words(
        en="Open put-back and unpack tasks. Type a task's number and Enter, or scan its tote or "
        "parcel label (Enter alone takes the first). Put-back: scan the shelf, scan the item, "
        "type how many (Enter: all). Unpack: scan the parcel label, put each item on its "
        "shelf: scan the shelf, the item, confirm how many. Esc: back to the list, then home. "
        "F5 refreshes the list.",
        zh="待归位和待拆包任务。输入任务序号后回车，或扫描周转箱或包裹面单（直接回车选第一项）。"
        "归位：扫描库位，扫描商品，输入数量（回车：全部）。拆包：扫描包裹面单，然后逐项扫描"
        "库位、商品并确认数量。Esc：返回列表，再按返回主页。F5 刷新列表。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "refresh", "Refresh", id="tasks.refresh"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[Task] = []
        self.chosen: Task | None = None
        self.stage = "list"
        """``list``; a put-back's ``location``, ``confirm``, ``item``, ``qty``; an unpack's
        ``parcel``, then per part ``part_location``, ``part_item``, ``part_qty``."""
        self.location = ""
        self.item = ""
        self.parcel_scan = ""
        self.part = 0
        """The unpack's part being put away (an index of ``UnpackView.lines``)."""
        self._calls = itertools.count()
        self._queue: list[str] = []
        """Scans typed while the service answers an earlier one, handled in order."""
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="tasks"):
            yield Static(id="tasks-head", classes="title", markup=False)
            yield Static(id="tasks-body", markup=False)
            yield Digits(id="tasks-where-big")
            yield Static(id="tasks-where", markup=False)
            yield Static(id="tasks-prompt", classes="prompt", markup=False)
            yield Input(id="scan", restrict=r"[ -~\x1d]*")
            yield Static(id="tasks-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = StockTaskJobs(app.database, app.operator.actor)
        self.query_one("#scan", Input).focus()
        self._show()
        self.action_refresh()

    def refresh_language(self) -> None:
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refresh":
            return self.stage == "list"  # F5 is shown only over the list
        return True

    # -- feedback ---------------------------------------------------------------------------
    def _t(self, key: str, **params: object) -> str:
        return wms_app(self).tr(key, **params)

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#tasks-message", Static)
        message.update(text)
        message.set_class(error, "error")
        self.query_one("#tasks").set_class(error, "scan-bad")
        if error:
            self.app.bell()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._queue.clear()  # scans made before the refusal was read would land in a wrong step
        self._say(wms_app(self).error_sentence(error), error=True)

    def _call(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        refused: Callable[[], None] | None = None,
    ) -> None:
        """``job`` off the UI thread; then ``done``, or ``refused`` (the stage to go back to)
        and the sentence."""

        def finished(value: T) -> None:
            self._busy = False
            done(value)
            self._next()

        def failed(error: BaseException) -> None:
            if refused is not None:
                refused()
                self._show()
            self._failed(error)

        # One call at a time (``_busy``), each in a group of its own: the next call starts from
        # this one's answer, before its worker has ended, and must not cancel it.
        self._busy = True
        run_in_background(self, job, finished, failed, group=f"tasks-{next(self._calls)}")

    # -- what is shown ----------------------------------------------------------------------
    def _show(self) -> None:
        room = max(3, self.app.size.height - CHROME_ROWS)
        shown = task_screen(
            self.tasks, self.chosen, self.stage, self.location, self.part, room, self._t
        )
        self.query_one("#tasks-head", Static).update(shown.head)
        self.query_one("#tasks-body", Static).update(shown.body)
        show_location(
            self.query_one("#tasks-where-big", Digits),
            self.query_one("#tasks-where", Static),
            shown.where,
        )
        self.query_one("#tasks-prompt", Static).update(shown.prompt)
        self.refresh_bindings()

    # -- the list ---------------------------------------------------------------------------
    def action_refresh(self) -> None:
        if self.stage == "list" and not self._busy:
            self._call(self.jobs.tasks, self._listed)

    def _listed(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self._show()

    def _choose(self, task: Task, *, parcel_scan: str = "") -> None:
        self.chosen, self.location, self.item = task, "", ""
        if isinstance(task, PutBackView):
            self.stage = "location"
        elif parcel_scan:
            self.stage, self.parcel_scan, self.part = "part_location", parcel_scan, 0
        else:
            self.stage, self.part = "parcel", 0
        self._say("")
        self._show()

    def _pick_from_list(self, text: str) -> None:
        if not self.tasks:
            return
        if not text:
            self._choose(self.tasks[0])
            return
        if text.isdigit() and 1 <= int(text) <= len(self.tasks):
            self._choose(self.tasks[int(text) - 1])
            return

        def found(tasks: list[Task]) -> None:
            if not tasks:
                self._say(self._t("tasks.not_found", scan=text[:40]), error=True)
            elif isinstance(tasks[0], UnpackView):
                self._choose(tasks[0], parcel_scan=text)
            else:
                self._choose(tasks[0])

        self._call(lambda: self.jobs.find(text), found)

    # -- scans ------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._queue.append(event.value.strip())
        event.input.value = ""
        self._next()

    def _next(self) -> None:
        while self._queue and not self._busy:
            self._handle(self._queue.pop(0))

    def _handle(self, text: str) -> None:
        task = self.chosen
        if self.stage == "list" or task is None:
            self._pick_from_list(text)
        elif isinstance(task, PutBackView):
            self._put_back_scan(task, text)
        else:
            self._unpack_scan(task, text)

    def _put_back_scan(self, task: PutBackView, text: str) -> None:
        if self.stage in ("location", "confirm") and text:
            if self.stage == "confirm" and text.upper() == self.location.upper():
                self._at_shelf(self.location)
                return

            def checked(check: LocationCheck) -> None:
                if check.suggested:
                    self._at_shelf(check.code)
                else:
                    self.stage, self.location = "confirm", check.code
                    self._say("")
                    self._show()

            self._call(lambda: self.jobs.check_location(task.task_id, text), checked)
        elif self.stage == "item" and text:

            def matched(_: str) -> None:
                self.stage, self.item = "qty", text
                self._say("")
                self._show()

            self._call(lambda: self.jobs.check_item(task.task_id, text), matched)
        elif self.stage == "qty":
            if text and not (text.isdigit() and 1 <= int(text) <= task.qty):
                self._say(self._t("tasks.type_number", left=task.qty), error=True)
                return
            qty, key = int(text) if text else task.qty, new_key()
            location, item = self.location, self.item
            self._call(
                lambda: self.jobs.put_back(task.task_id, location, item, qty, key),
                lambda result: self._put(task, result),
            )

    def _at_shelf(self, code: str) -> None:
        self.stage, self.location = "item", code
        self._say("")
        self._show()

    def _put(self, task: PutBackView, result: PutBackResult) -> None:
        if result.put == 0:
            self._say(self._t("tasks.put_back.again"))
            self._back_to_list()
        elif result.done:
            self._say(self._t("tasks.put_back.done", sku=task.sku, location=result.location))
            self._back_to_list()
        else:
            self._say(
                self._t(
                    "tasks.put_back.partial",
                    put=result.put,
                    sku=task.sku,
                    location=result.location,
                    left=result.left,
                )
            )
            self.chosen = PutBackView(
                task.task_id,
                task.sku,
                result.left,
                task.lot,
                task.source,
                task.location,
                task.merchant,
                task.order,
            )
            self.stage, self.item = "item", ""  # the rest: at the same shelf, scan again
            self._show()

    def _unpack_scan(self, task: UnpackView, text: str) -> None:
        if self.stage == "parcel" and text:
            self.stage, self.parcel_scan, self.part = "part_location", text, 0
            self._say("")
            self._show()
        elif self.stage == "part_location" and text:
            number = self.part

            def at_shelf(_: None) -> None:
                self.stage, self.location = "part_item", text
                self._say("")
                self._show()

            self._call(
                lambda: self.jobs.check_unpack_line(task.task_id, number, text, None), at_shelf
            )
        elif self.stage == "part_item" and text:
            number, location = self.part, self.location

            def checked(_: None) -> None:
                self.stage, self.item = "part_qty", text
                self._say("")
                self._show()

            def again() -> None:
                self.stage, self.location = "part_location", ""  # from the shelf again

            self._call(
                lambda: self.jobs.check_unpack_line(task.task_id, number, location, text),
                checked,
                again,
            )
        elif self.stage == "part_qty":
            part = task.lines[self.part]
            if text and text != str(part.qty):
                self._say(
                    self._t("tasks.unpack.count_again", qty=part.qty, sku=part.sku), error=True
                )
                return
            self.part += 1
            self.location = self.item = ""
            if self.part < len(task.lines):
                self.stage = "part_location"
                self._say("")
                self._show()
            else:
                self._unpack(task)

    def _unpack(self, task: UnpackView) -> None:
        def done(units: int) -> None:
            key = "tasks.unpack.done" if units else "tasks.unpack.again"
            self._say(self._t(key, tracking=task.tracking_no, units=units))
            self._back_to_list()

        def again() -> None:
            self.stage, self.parcel_scan, self.part = "parcel", "", 0  # scan the right label

        scan = self.parcel_scan
        self._call(lambda: self.jobs.unpack(task.task_id, scan), done, again)

    def _back_to_list(self) -> None:
        self.chosen, self.stage, self.location, self.item = None, "list", "", ""
        self._show()
        self.action_refresh()

    def action_back(self) -> None:
        if self.stage == "list":
            self.app.pop_screen()
        else:
            self._say("")
            self._back_to_list()
