"""Login: scan the badge, type the PIN. Wrong PINs are counted; five lock the badge."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from warehouse.errors import AuthError
from warehouse.users import login
from warehouse.words import Words
from warehouse_tui.operator import Operator
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class LoginScreen(Screen[None]):
    """Two steps: badge (scanner types it and Enter), then PIN."""

    GUIDE = Words(
        en="Scan your badge (or type its code and press Enter), then type your PIN and press Enter. Five wrong PINs in a row lock the badge until a supervisor unlocks it.",
        zh="扫描工牌（或输入工牌号后按回车），再输入密码并按回车。连续输错五次密码，工牌将被锁定，需主管解锁。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "restart", "Back", id="back")]
    """Esc goes back to the badge step."""

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static(id="login-title", classes="title")
            yield Static(id="login-prompt", classes="prompt")
            yield Input(id="badge")
            yield Input(id="pin", password=True, classes="hidden")
            yield Static(id="login-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_language()
        self.query_one("#badge", Input).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#login-title", Static).update(app.tr("login.title"))
        pin_step = not self.query_one("#pin", Input).has_class("hidden")
        self.query_one("#login-prompt", Static).update(
            app.tr("login.pin" if pin_step else "login.badge")
        )
        self.query_one("#badge", Input).placeholder = app.tr("login.badge_placeholder")
        self.query_one("#pin", Input).placeholder = app.tr("login.pin_placeholder")

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#login-message", Static)
        message.update(text)
        message.set_class(error, "error")
        if error:
            self.app.bell()

    def action_restart(self) -> None:
        badge, pin = self.query_one("#badge", Input), self.query_one("#pin", Input)
        pin.value = ""
        pin.add_class("hidden")
        badge.remove_class("hidden")
        badge.value = ""
        badge.disabled = False
        badge.focus()
        self.refresh_language()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "badge":
            if not event.value.strip():
                return
            self._say("")
            event.input.add_class("hidden")
            pin = self.query_one("#pin", Input)
            pin.remove_class("hidden")
            pin.focus()
            self.refresh_language()
        elif event.input.id == "pin" and event.value:
            self._check(self.query_one("#badge", Input).value, event.value)

    def _check(self, badge: str, pin: str) -> None:
        app = wms_app(self)
        self.query_one("#pin", Input).disabled = True
        self._say(app.tr("login.checking"))
        attempts = app.settings.security.pin_attempts

        def job() -> Operator:
            return Operator.of(login(app.database, badge, pin, max_attempts=attempts))

        run_in_background(self, job, self._welcome, self._refused, group="login")

    def _welcome(self, operator: Operator) -> None:
        wms_app(self).signed_in(operator)

    def _refused(self, error: BaseException) -> None:
        pin = self.query_one("#pin", Input)
        pin.disabled = False
        pin.value = ""
        if isinstance(error, AuthError) and error.retry_pin:
            pin.focus()  # a wrong PIN with tries left: stay on the PIN step
        else:
            self.action_restart()
        self._say(wms_app(self).error_sentence(error), error=True)
