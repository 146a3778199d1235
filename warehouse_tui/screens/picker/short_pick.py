"""F2 on the pick screen: why is it short (digits 1-4), and how many were found (type, Enter)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from picking.floor import SHORT_REASONS
from warehouse_tui.i18n import tr


class ShortPickDialog(ModalScreen[tuple[str, int] | None]):
    """Answers ``(reason, found)`` or None when the picker presses Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"reason({n})", show=False) for n in range(1, len(SHORT_REASONS) + 1)),
        Binding("escape", "cancel", "Back", id="back"),
    ]
    """1-4 choose the reason; then the found quantity and Enter; Esc goes back."""

    def __init__(self, wanted: int) -> None:
        super().__init__()
        self._wanted = wanted
        self._reason: str | None = None

    def _t(self, key: str, **params: object) -> str:
        return tr(key, getattr(self.app, "language", "en"), **params)

    def compose(self) -> ComposeResult:
        reasons = [f" {n}  {self._t('short.' + r)}" for n, r in enumerate(SHORT_REASONS, start=1)]
        with Vertical(id="short-box"):
            yield Static(self._t("short.title", wanted=self._wanted), classes="title")
            yield Static(self._t("short.reason"), id="short-prompt", classes="prompt")
            yield Static("\n".join(reasons), id="short-reasons")
            # Disabled until a reason is chosen, so that the digits 1-4 reach the bindings first.
            yield Input(id="short-found", classes="hidden", restrict=r"\d{0,4}", disabled=True)
            yield Static(id="short-message", classes="message")

    def action_reason(self, number: int) -> None:
        if self._reason is not None:
            return  # digits now type the found quantity
        self._reason = SHORT_REASONS[number - 1]
        self.query_one("#short-reasons", Static).update(
            f" {number}  {self._t('short.' + self._reason)}"
        )
        self.query_one("#short-prompt", Static).update(self._t("short.found", wanted=self._wanted))
        found = self.query_one("#short-found", Input)
        found.remove_class("hidden")
        found.disabled = False
        found.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip() or "0"
        if self._reason is None or not value.isdigit() or int(value) >= self._wanted:
            message = self.query_one("#short-message", Static)
            message.update(self._t("short.bad_found", top=self._wanted - 1))
            message.add_class("error")
            self.app.bell()
            event.input.value = ""
            return
        self.dismiss((self._reason, int(value)))

    def action_cancel(self) -> None:
        self.dismiss(None)
