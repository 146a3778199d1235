"""A supervisor at a desk (120x40, and a small 80x24 terminal) reads the shift's figures,
exports them, bills the merchants and watches the floor map as a picker walks."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from picking import floor as pick
from tests import builders as f
from tests.reports.shift import record_shift
from tests.tui.terminal import Terminal
from warehouse.db import Database
from warehouse.models import StockTask
from warehouse.users import SITE_SETUP as SETUP
from warehouse.users import add_user
from warehouse_tui.app import WmsApp
from warehouse_tui.screens import figures_jobs
from warehouse_tui.screens.figures import FiguresScreen
from warehouse_tui.screens.floor_map import FloorMapScreen
from warehouse_tui.screens.home import HomeScreen
from warehouse_tui.screens.statement import StatementScreen

DESK = (120, 40)
SMALL = (80, 24)


@pytest.fixture
def shift_app(sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WmsApp:
    record_shift(sqlite_database)
    with sqlite_database.unit_of_work() as session:
        add_user(
            session,
            SETUP,
            badge="S100",
            name="王主管",
            role="supervisor",
            pin="3579",
        )
        add_user(session, SETUP, badge="P200", name="李拣货", role="picker", pin="2468")
    monkeypatch.setattr(
        figures_jobs.Period,
        "today",
        classmethod(lambda cls, zone="UTC": cls(date(2026, 11, 24), zone=zone)),
    )
    settings = f.SITE.model_copy(update={"language": "en", "source": tmp_path / "config.toml"})
    return WmsApp(settings, sqlite_database)


async def test_the_shift_figures_at_a_desk_and_their_csv(shift_app: WmsApp, tmp_path: Path) -> None:
    async with shift_app.run_test(size=DESK) as pilot:
        terminal = Terminal(shift_app, pilot)
        await terminal.log_in("S100", "3579")
        await terminal.press("9")
        assert isinstance(shift_app.screen, FiguresScreen)
        await terminal.settle()
        text = terminal.screen_text()
        assert "Shift figures 2026-11-24" in text
        assert "Orders 2" in text and "lines 3" in text and "slowest: released → picked" in text
        assert "accuracy 66.7%" in text and "short 0.0%" in text
        assert "released → picked ◀" in text and "45.0" in text and "50.0" in text
        assert "K900" in text and "SF" in text
        await terminal.press("e")
        exported = tmp_path / "var" / "exports" / "figures-2026-11-24-2026-11-24.csv"
        assert "Written to" in terminal.text("#figures-message")
        rows = list(csv.DictReader(exported.open(encoding="utf-8")))
        assert {"section": "overall", "subject": "", "figure": "lines_picked", "value": "3"} in rows
        await terminal.press("left_square_bracket")
        assert "Shift figures 2026-11-23" in terminal.screen_text()
        assert "Orders 0" in terminal.screen_text()
        await terminal.press("w", "right_square_bracket")
        assert "2026-11-18 – 2026-11-24" in terminal.screen_text()
        assert "[ -1 day  ] +1 day" in terminal.screen_text()


async def test_the_figures_on_a_small_terminal_and_in_chinese(shift_app: WmsApp) -> None:
    async with shift_app.run_test(size=SMALL) as pilot:
        terminal = Terminal(shift_app, pilot)
        await terminal.log_in("S100", "3579")
        await terminal.press("9")
        text = terminal.screen_text()
        assert "Shift figures 2026-11-24" in text and "slowest" in text
        assert "Esc Back" in text
        await terminal.press("f9")
        assert "班次数据 2026-11-24" in terminal.screen_text()
        assert "最慢环节" in terminal.screen_text()


async def test_the_merchant_statement_screen_writes_pdf_and_csv(
    shift_app: WmsApp, tmp_path: Path
) -> None:
    async with shift_app.run_test(size=DESK) as pilot:
        terminal = Terminal(shift_app, pilot)
        await terminal.log_in("S100", "3579")
        await terminal.press("8")
        assert isinstance(shift_app.screen, StatementScreen)
        await terminal.settle()
        text = terminal.screen_text()
        assert "Merchant statement 2026-11-24" in text
        assert "M×1 S×1" in text
        await terminal.press("p")
        pdf = tmp_path / "var" / "exports" / "statement-2026-11-24-2026-11-24.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        await terminal.press("e")
        assert "location_days" in pdf.with_suffix(".csv").read_text(encoding="utf-8")


async def test_a_picker_has_no_supervisor_screens(shift_app: WmsApp) -> None:
    async with shift_app.run_test(size=SMALL) as pilot:
        terminal = Terminal(shift_app, pilot)
        await terminal.log_in("P200", "2468")
        for key in "89abcdefg":  # the supervisor's desk screens
            await terminal.press(key)
            assert isinstance(shift_app.screen, HomeScreen), key
        assert "Shift figures" not in terminal.screen_text()


@pytest.fixture
def floor_app(sqlite_database: Database, tmp_path: Path) -> WmsApp:
    """A picker on a cart of two orders has scanned the first shelf; one shelf waits for a
    count."""
    with sqlite_database.unit_of_work() as session:
        shop = f.merchant(session)
        tea, cup = f.sku(session, shop, "TEA"), f.sku(session, shop, "CUP")
        first, second = f.location(session, "A-02-03-1-A"), f.location(session, "B-05-04-1-A")
        counted = f.location(session, "A-06-10-1-A")
        quants = f.stock(session, tea, first, 5), f.stock(session, cup, second, 5)
        one = f.allocated_order(session, shop, [(quants[0], 1), (quants[1], 1)])
        f.batch(session, [one], code="CART-9")
        session.add(StockTask(kind="count", from_location_id=counted.id, reason="short"))
        walker = f.picker(session, "P300")
        add_user(
            session,
            SETUP,
            badge="S100",
            name="王主管",
            role="supervisor",
            pin="3579",
        )
    with sqlite_database.unit_of_work() as session:
        pick.claim_next_batch(session, walker, f.NOW, floor=f.FLOOR)
    with sqlite_database.unit_of_work() as session:
        step = pick.current_step(session, walker, floor=f.FLOOR)
        pick.handle_scan(session, walker, step.location, f.key(), f.NOW, floor=f.FLOOR)
    settings = f.SITE.model_copy(update={"language": "en", "source": tmp_path / "config.toml"})
    return WmsApp(settings, sqlite_database)


async def test_the_floor_map_shows_the_picker_their_route_and_counts(floor_app: WmsApp) -> None:
    async with floor_app.run_test(size=DESK) as pilot:
        terminal = Terminal(floor_app, pilot)
        await terminal.log_in("S100", "3579")
        await terminal.press("g")
        assert isinstance(floor_app.screen, FloorMapScreen)
        await terminal.settle()
        floor = terminal.text("#map-floor")
        assert "@" in floor and "C" in floor and "D" in floor
        body = floor.splitlines()[:-1]  # without the aisle numbers
        assert "2" in "".join(body)  # the next shelf; the picker's '@' stands on stop 1
        text = terminal.screen_text()
        assert "P300" in text and "CART-9" in text and "A-02-03-1-A" in text
        assert "1 shelves wait for a count" in text
        view = floor_app.screen._view
        assert view is not None and view.now.pickers[0].remaining == ("A-02-03-1-A", "B-05-04-1-A")


async def test_the_floor_map_fits_a_small_terminal(floor_app: WmsApp) -> None:
    async with floor_app.run_test(size=SMALL) as pilot:
        terminal = Terminal(floor_app, pilot)
        await terminal.log_in("S100", "3579")
        await terminal.press("g")
        lines = terminal.text("#map-floor").splitlines()
        assert lines and all(len(line) <= 40 for line in lines) and len(lines) <= 20
        assert "@" in "".join(lines)
