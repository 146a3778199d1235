"""A terminal driver for Pilot tests: what an operator does at a handheld or a station.

``Terminal(app, pilot)`` logs in, scans (the characters and Enter, as a keyboard-wedge
scanner sends them), presses keys, waits for the background work to answer, and reads the
screen's message line. ``matches_snapshot`` compares the screen's text with a file in
``snapshots/``; a missing file fails the test unless ``WMS_UPDATE_SNAPSHOTS=1`` asks for it to
be written (then read the diff before committing it).
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from warehouse_tui.app import WmsApp

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_ENV = "WMS_UPDATE_SNAPSHOTS"


class Terminal:
    def __init__(self, app: WmsApp, pilot: Pilot[None]) -> None:
        self.app = app
        self.pilot = pilot

    async def settle(self) -> None:
        """Wait until the screen has the answer (an answer may start the next queued call)."""
        for _ in range(3):
            await self.app.workers.wait_for_complete()
            await self.pilot.pause()

    async def scan(self, text: str) -> None:
        await self.pilot.press(*list(text), "enter")
        await self.settle()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def log_in(self, badge: str, pin: str) -> None:
        await self.scan(badge)
        await self.scan(pin)

    def message(self) -> str:
        """The current screen's message line (the widget with class ``message``)."""
        return str(self.app.screen.query_one(".message", Static).render())

    def text(self, selector: str) -> str:
        return str(self.app.screen.query_one(selector, Static).render())

    def screen_text(self) -> str:
        strips = self.app.screen._compositor.render_strips()
        return "\n".join(strip.text.rstrip() for strip in strips) + "\n"


def matches_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get(UPDATE_ENV) == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{name}: no snapshot {path}; run with {UPDATE_ENV}=1 to write it"
    assert text == path.read_text(encoding="utf-8"), f"{name}: screen differs from {path}"
