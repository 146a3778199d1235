"""An operator logs in at a handheld (40x16) or a desk, switches language, asks for help, quits."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import type_and_enter
from warehouse_tui.app import WmsApp
from warehouse_tui.dialogs.help import HelpScreen
from warehouse_tui.screens.home import HomeScreen
from warehouse_tui.screens.login import LoginScreen

HANDHELD = (40, 16)


def text_of(app: WmsApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def log_in(app: WmsApp, pilot: object, badge: str, pin: str) -> None:
    await type_and_enter(pilot, badge)
    await type_and_enter(pilot, pin)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_picker_scans_badge_types_pin_and_sees_the_home_screen(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await log_in(app, pilot, "P001", "1111")
        assert isinstance(app.screen, HomeScreen)
        assert app.operator is not None and app.operator.role == "picker"
        assert "Picker" in text_of(app, "#home-who")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "released" in text_of(app, "#home-figures")


async def test_a_wrong_pin_is_told_and_the_picker_may_try_again(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await log_in(app, pilot, "P001", "9876")
        assert isinstance(app.screen, LoginScreen)
        assert text_of(app, "#login-message") == "Wrong PIN: 4 attempts left."
        assert app.screen.query_one("#login-message").has_class("error")
        await type_and_enter(pilot, "1111")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_five_wrong_pins_lock_the_badge(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await log_in(app, pilot, "P001", "0000")
        for _ in range(4):
            await type_and_enter(pilot, "0000")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert "now locked" in text_of(app, "#login-message")
        await log_in(app, pilot, "P001", "1111")
        assert isinstance(app.screen, LoginScreen)
        assert "locked" in text_of(app, "#login-message")


async def test_an_unknown_badge_goes_back_to_the_badge_step(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await log_in(app, pilot, "ZZZ", "1234")
        assert "Unknown badge" in text_of(app, "#login-message")
        assert app.screen.query_one("#badge").has_focus


async def test_f9_switches_the_screen_to_chinese_and_back(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        assert text_of(app, "#login-prompt") == "Scan your badge"
        await pilot.press("f9")
        assert text_of(app, "#login-prompt") == "请扫描工牌"
        await log_in(app, pilot, "K001", "2222")
        assert "打包员" in text_of(app, "#home-who")
        await pilot.press("f9")
        assert "Packer" in text_of(app, "#home-who")


async def test_f1_shows_help_for_this_screen_and_esc_closes_it(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Five wrong PINs" in str(app.screen.query_one("#help-text", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, LoginScreen)


async def test_a_supervisor_opens_the_shift_figures(app: WmsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await log_in(app, pilot, "S001", "3333")
        await pilot.press("9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from warehouse_tui.screens.figures import FiguresScreen

        assert isinstance(app.screen, FiguresScreen)
        assert text_of(app, "#figures-title").startswith("Shift figures ")
        assert "slowest" in text_of(app, "#figures-summary")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_escape_logs_out_after_a_yes(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await log_in(app, pilot, "P001", "1111")
        await pilot.press("escape")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.operator is None


async def test_ctrl_q_quits_after_a_yes(app: WmsApp) -> None:
    async with app.run_test(size=HANDHELD) as pilot:
        await pilot.press("ctrl+q")
        await pilot.press("escape")
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
