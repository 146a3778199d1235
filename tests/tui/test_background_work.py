"""Background work on a screen: a superseded answer is never shown after the newer one, and a
closed screen is never called back (driven through Pilot, with real thread workers)."""

from __future__ import annotations

import threading
import time

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from warehouse_tui.work import run_in_background


class Counter(Screen[None]):
    """Shows what the last delivered refresh returned."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("-", id="answer")

    def refresh_with(self, job: object) -> None:
        run_in_background(self, job, self._show, self._show, group="refresh")  # type: ignore[arg-type]

    def _show(self, value: object) -> None:
        self.shown.append(str(value))
        self.query_one("#answer", Static).update(str(value))


class Harness(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Counter())


def _slow(gate: threading.Event, finished: threading.Event, value: str) -> object:
    def job() -> str:
        gate.wait(5)
        finished.set()
        return value

    return job


async def _settle(pilot: object, finished: threading.Event) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(100):
        if finished.is_set():
            break
        time.sleep(0.01)
    for _ in range(5):
        await pilot.pause(0.02)


async def test_two_refreshes_in_quick_succession_show_the_second() -> None:
    app = Harness()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Counter)
        gate, first_done = threading.Event(), threading.Event()
        screen.refresh_with(_slow(gate, first_done, "first (stale)"))
        await pilot.pause()
        screen.refresh_with(lambda: "second")
        await pilot.pause(0.1)
        assert screen.shown == ["second"]
        gate.set()  # the superseded call finishes only now, after the newer one was shown
        await _settle(pilot, first_done)
        assert screen.shown == ["second"]
        assert str(screen.query_one("#answer", Static).render()) == "second"


async def test_a_superseded_failure_is_not_shown_either() -> None:
    app = Harness()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Counter)
        gate, first_done = threading.Event(), threading.Event()

        def failing() -> str:
            gate.wait(5)
            first_done.set()
            raise RuntimeError("old error")

        screen.refresh_with(failing)
        await pilot.pause()
        screen.refresh_with(lambda: "fresh")
        await pilot.pause(0.1)
        gate.set()
        await _settle(pilot, first_done)
        assert screen.shown == ["fresh"]


async def test_a_closed_screen_is_not_called_back() -> None:
    app = Harness()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Counter)
        gate, done = threading.Event(), threading.Event()
        screen.refresh_with(_slow(gate, done, "late"))
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        gate.set()
        await _settle(pilot, done)
        assert screen.shown == []
