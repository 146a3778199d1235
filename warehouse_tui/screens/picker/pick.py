"""The guided pick: one instruction at a time, every scan answered at once.

The scanner types into the one input and presses Enter. Scans are sent to the pick service in
the order they were made, one at a time, each with its own key. Nothing about the step lives
here: after a crash or a lost connection the service says where the picker was.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from picking.floor import BatchView, Floor, Step
from warehouse.words import Words
from warehouse_tui.retry import new_key
from warehouse_tui.screens.picker.jobs import PickJobs
from warehouse_tui.screens.picker.step_panel import StepPanel
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class PickScreen(Screen[None]):
    GUIDE = Words(
        en="Walk to the big location and scan its label, scan the item, scan each unit or type the quantity and press Enter, then scan the tote. F2 reports a short shelf, F3 comes back to this shelf at the end, F4 opens the menu, Esc goes back to the home screen (the batch stays yours).",
        zh="走到大字显示的库位并扫描库位标签，扫描商品，逐件扫描或输入数量后按回车，再扫描周转箱。F2 报缺，F3 最后再拣此库位，F4 打开菜单，Esc 返回主页（批次仍归您）。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "short", "Short", id="short"),
        Binding("f3", "skip", "Skip", id="skip"),
        Binding("f4", "menu", "Menu", id="menu"),
        Binding("escape", "home", "Back", id="back"),
    ]
    """F2 short pick, F3 skip to the end, F4 menu, Esc home; Enter sends a scan."""

    def __init__(self) -> None:
        super().__init__()
        self.step = Step(kind="idle")
        """What the screen shows now (as the pick service last said)."""
        self._queue: list[tuple[str, str]] = []
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield StepPanel(id="pick-step")
            yield Input(id="scan", restrict=r"[ -~\x1d]*")
            yield Static(id="pick-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = PickJobs(app.database, Floor.from_settings(app.settings), app.operator.actor)
        self._say(app.tr("home.loading"))
        self.refresh_language()
        self.query_one("#scan", Input).focus()
        self._start()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one(StepPanel).show(self.step, app.language)
        self.query_one("#scan", Input).placeholder = app.tr("pick.scan_here")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("short", "skip"):
            return self.step.kind in ("location", "item", "quantity")
        return True

    # -- feedback ---------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        message = self.query_one("#pick-message", Static)
        message.update(text)
        message.set_class(error, "error")
        message.set_class(ok, "ok")
        self.query_one("#pick").set_class(error, "scan-bad")
        self.query_one("#pick").set_class(ok, "scan-ok")
        if error:
            self.app.bell()

    def _show(self, step: Step) -> None:
        self.step = step
        self.query_one(StepPanel).show(step, wms_app(self).language)
        self.refresh_bindings()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._say(wms_app(self).error_sentence(error), error=True)
        self._next()

    # -- work -------------------------------------------------------------------------------
    def _start(self) -> None:
        self._busy = True
        run_in_background(self, self.jobs.start, self._started, self._failed, group="pick")

    def _started(self, result: tuple[BatchView | None, Step]) -> None:
        self._busy = False
        batch, step = result
        app = wms_app(self)
        self._show(step)
        if batch is None:
            self._say(app.tr("pick.none"))
        else:
            key = "pick.resumed" if batch.resumed else "pick.claimed"
            self._say(app.tr(key, code=batch.code, left=batch.tasks_left), ok=True)
        self._next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        event.input.value = ""
        if self.step.kind in ("idle", "done") and not self._busy:
            self._start()  # Enter asks for the next batch
            return
        self._queue.append((text, new_key()))
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        text, key = self._queue.pop(0)
        self._busy = True
        run_in_background(
            self, lambda: self.jobs.scan(text, key), self._scanned, self._failed, group="pick"
        )

    def _scanned(self, step: Step) -> None:
        self._busy = False
        self._show(step)
        self._say(self._note(step), ok=True)
        self._next()

    def _note(self, step: Step) -> str:
        app = wms_app(self)
        words = []
        for note in step.notes:
            kind, _, rest = note.partition(":")
            if kind == "reallocated":
                location, _, qty = rest.partition(":")
                words.append(app.tr("pick.reallocated", location=location, qty=qty))
            elif kind in ("escalated", "skipped"):
                words.append(app.tr(f"pick.{kind}"))
        return " ".join(words) or "✓ " + app.tr("pick.ok")

    # -- keys -------------------------------------------------------------------------------
    def action_short(self) -> None:
        from warehouse_tui.screens.picker.short_pick import ShortPickDialog

        step = self.step
        wanted = step.qty - step.in_hand

        def answer(result: tuple[str, int] | None) -> None:
            self.query_one("#scan", Input).focus()
            if result is None or self._busy:
                return
            reason, found = result
            self._busy = True
            key = new_key()
            run_in_background(
                self,
                lambda: self.jobs.short(step.task_id, reason, found, key),
                self._scanned,
                self._failed,
                group="pick",
            )

        self.app.push_screen(ShortPickDialog(wanted), answer)

    def action_skip(self) -> None:
        if self._busy:
            return
        self._busy = True
        key = new_key()
        run_in_background(
            self, lambda: self.jobs.skip(key), self._scanned, self._failed, group="pick"
        )

    def action_menu(self) -> None:
        from warehouse_tui.screens.picker.pick_menu import PickMenu

        def answer(choice: str | None) -> None:
            self.query_one("#scan", Input).focus()
            if choice == "home":
                self.action_home()
            elif choice == "release" and not self._busy:
                self._busy = True
                run_in_background(
                    self, self.jobs.release, self._released, self._failed, group="pick"
                )

        self.app.push_screen(PickMenu(), answer)

    def _released(self, code: str | None) -> None:
        self._busy = False
        self._show(Step(kind="idle"))
        app = wms_app(self)
        self._say(app.tr("pick.released", code=code) if code else app.tr("pick.idle"))

    def action_home(self) -> None:
        self.app.pop_screen()
