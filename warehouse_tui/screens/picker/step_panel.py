"""The instruction a picker reads in a glance: where (big), what, how many, then what next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from picking.floor import Step
from warehouse_tui.i18n import tr
from warehouse_tui.widgets.big_location import show_location


class StepPanel(Vertical):
    """Shows one :class:`~picking.floor.Step`; the screen calls :meth:`show`."""

    def compose(self) -> ComposeResult:
        yield Static(id="pick-head", classes="dim", markup=False)
        yield Digits(id="pick-where-big")
        yield Static(id="pick-where", markup=False)
        yield Static(id="pick-what", markup=False)
        yield Static(id="pick-qty", markup=False)
        yield Static(id="pick-prompt", classes="prompt")
        yield Static(id="pick-next", classes="dim", markup=False)

    def show(self, step: Step, language: str) -> None:
        def t(key: str, **params: object) -> str:
            return tr(key, language, **params)

        working = step.kind not in ("idle", "done")
        head = where = what = qty = upcoming = ""
        if step.batch_code:
            metres = f"{step.distance_left_m:.0f}"
            head = f"{step.batch_code}  " + t(
                "pick.progress", done=step.tasks_done, total=step.tasks_total, metres=metres
            )
        if working:
            where = step.location
            what = step.name(language)
            if step.sku_code and step.sku_code != what:
                what += f" · {step.sku_code}"  # what to type when there is no scanner
            if step.lot:
                expiry = f" {step.expiry:%Y-%m-%d}" if step.expiry else ""
                what += f"  {t('pick.lot')} {step.lot}{expiry}"
            qty = t(
                "pick.qty", qty=step.qty - step.in_hand if step.kind != "tote" else step.in_hand
            )
            if step.in_hand and step.kind == "quantity":
                qty += "  " + t("pick.in_hand", n=step.in_hand)
            qty += f"  → {step.tote_label}"
            stops = [f"{s.location}×{s.units}" for s in step.next_stops]
            upcoming = f"{t('pick.next')}: " + (" ".join(stops) if stops else t("pick.last"))
        prompt = t(f"pick.prompt.{step.kind}", tote=step.tote_label)
        self.query_one("#pick-head", Static).update(head)
        show_location(
            self.query_one("#pick-where-big", Digits), self.query_one("#pick-where", Static), where
        )
        self.query_one("#pick-what", Static).update(what)
        self.query_one("#pick-qty", Static).update(qty)
        self.query_one("#pick-prompt", Static).update(prompt)
        self.query_one("#pick-next", Static).update(upcoming)
        self.set_class(step.kind == "tote", "at-tote")
