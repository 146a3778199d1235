"""F7 on the packing screen: another carrier and service than suggested, with a reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from warehouse_tui.i18n import tr


class CarrierDialog(ModalScreen[tuple[str, str] | None]):
    """Answers (``CARRIER/service``, reason), or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back", id="back")]
    """Enter in the first field moves to the reason; Enter there answers; Esc cancels."""

    DEFAULT_CSS = """
    CarrierDialog { align: center middle; }
    CarrierDialog > Vertical { width: 64; max-width: 100%; height: auto; }
    """

    def __init__(self, choices: list[str] | None = None) -> None:
        super().__init__()
        self.choices = choices or []

    def compose(self) -> ComposeResult:
        language = getattr(self.app, "language", "en")
        with Vertical(id="short-box"):
            yield Static(tr("pack.carrier_title", language), classes="title")
            if self.choices:
                choices = "  ".join(self.choices)
                yield Static(tr("pack.carrier_choices", language, choices=choices), markup=False)
            first = self.choices[0] if self.choices else "SF/express"
            yield Input(id="carrier-service", placeholder=first)
            yield Input(id="carrier-reason", placeholder=tr("pack.carrier_reason", language))
            yield Static(tr("pack.carrier_back", language))

    def on_mount(self) -> None:
        self.query_one("#carrier-service", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "carrier-service":
            self.query_one("#carrier-reason", Input).focus()
            return
        service = self.query_one("#carrier-service", Input).value.strip()
        self.dismiss((service, event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
