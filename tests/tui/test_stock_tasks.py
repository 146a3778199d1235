"""Put-backs and unpacks at the terminal, by key presses as a scanner types them: a packer on a
40×16 handheld (tote scan, a wrong shelf, a wrong item, a partial, the rest, then the parcel),
and a returns clerk at an 80×24 bench in Chinese (a put-back on another pick face of the same
merchant, confirmed by scanning it twice). Real picking and cancellation made the work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.delivery import stock_tasks_site as site_
from tests.delivery.helpers import site
from tests.tui.terminal import Terminal
from warehouse.db import Database
from warehouse.models import Parcel, StockQuant, StockTask
from warehouse.states import ParcelState
from warehouse_tui.app import WmsApp
from warehouse_tui.screens.home import HomeScreen
from warehouse_tui.screens.stock_tasks.jobs import StockTaskJobs
from warehouse_tui.screens.stock_tasks.tasks import StockTasksScreen

HANDHELD = (40, 16)
BENCH = (80, 24)


@pytest.fixture
def work(sqlite_database: Database, tmp_path: Path) -> site_.StockTaskSite:
    return site_.build(sqlite_database, site(tmp_path))


class SlowJobs(StockTaskJobs):
    """The real calls, the item check answered late (a slow link)."""

    def check_item(self, task_id: int, scan: str) -> str:
        time.sleep(0.5)
        return super().check_item(task_id, scan)


def _app(database: Database, tmp_path: Path, language: str) -> WmsApp:
    return WmsApp(site(tmp_path).model_copy(update={"language": language}), database)


def _on_hand(database: Database, sku_id: int, shelf: str) -> int:
    with database.unit_of_work(read_only=True) as session:
        return int(
            session.scalar(
                select(func.coalesce(func.sum(StockQuant.on_hand), 0)).where(
                    StockQuant.sku_id == sku_id, StockQuant.location.has(code=shelf)
                )
            )
            or 0
        )


async def test_a_packer_puts_back_a_tote_and_unpacks_a_parcel_on_a_handheld(
    sqlite_database: Database, work: site_.StockTaskSite, tmp_path: Path
) -> None:
    app = _app(sqlite_database, tmp_path, "en")
    async with app.run_test(size=HANDHELD) as pilot:
        terminal = Terminal(app, pilot)
        await terminal.log_in("K100", "1234")
        assert isinstance(app.screen, HomeScreen)
        home = terminal.screen_text()
        assert "0  Put back and unpack" in home, home
        assert "put-backs        2" in home and "to unpack        1" in home, home
        await terminal.press("0")
        assert isinstance(app.screen, StockTasksScreen)
        text = terminal.screen_text()
        assert "Put back / unpack: 3 open" in text, text
        assert f"1 TEA×3 {work.cart}/T01→{site_.TEA_SHELF}" in text, text
        assert f"3 Unpack {work.tracking_no} (2 pcs)" in text, text

        await terminal.scan(f"{work.cart}-T01")  # the tote: its first put-back
        assert terminal.text("#tasks-head") == f"Put back TEA ×3 from {work.cart}/T01"
        assert terminal.text("#tasks-prompt") == "Go there, scan the shelf."
        assert "F5" not in terminal.screen_text(), "the list's refresh is not a task's key"
        await terminal.scan(site_.OTHERS_SHELF)
        assert terminal.message() == (
            f"{site_.OTHERS_SHELF} is not a pick face for 17's goods: put the units back at "
            f"{site_.TEA_SHELF}."
        )
        assert app.screen.query_one("#tasks").has_class("scan-bad")
        await terminal.scan(site_.TEA_SHELF)
        assert terminal.text("#tasks-prompt") == "Scan the item."
        await terminal.scan(work.barcodes["CUP"])
        assert terminal.message() == (
            f"'{work.barcodes['CUP']}' is not TEA: put back only TEA with this task."
        )
        await terminal.scan(work.barcodes["TEA"])
        assert terminal.text("#tasks-prompt") == "How many back on the shelf? Enter: all 3."
        await terminal.scan("9")
        assert terminal.message() == "Type a number from 1 to 3."
        await terminal.scan("1")
        assert terminal.message() == (f"1 of TEA back at {site_.TEA_SHELF}; 2 still to put back.")
        assert terminal.text("#tasks-head") == f"Put back TEA ×2 from {work.cart}/T01"
        await terminal.scan(work.barcodes["TEA"])
        await terminal.press("enter")  # all that is left
        assert terminal.message() == f"TEA: all back at {site_.TEA_SHELF}. Task done."
        assert "Put back / unpack: 2 open" in terminal.screen_text()

        await terminal.scan(work.tracking_no)  # the parcel's label chooses its unpack
        assert terminal.text("#tasks-head").startswith(f"Unpack {work.tracking_no}")
        assert f"→ TEA×2 → {site_.TEA_SHELF}" in terminal.text("#tasks-body")
        assert terminal.text("#tasks-prompt") == "Take out TEA×2, go to its shelf, scan it."
        await terminal.scan(site_.CUP_SHELF)
        assert terminal.message() == (
            f"That is {site_.CUP_SHELF}: TEA from this parcel goes back to {site_.TEA_SHELF}."
        )
        await terminal.scan(site_.TEA_SHELF)
        await terminal.scan(work.barcodes["CUP"])
        assert terminal.message() == (
            f"'{work.barcodes['CUP']}' is not TEA: take the TEA out of the parcel and scan it."
        )
        assert terminal.text("#tasks-prompt") == "Take out TEA×2, go to its shelf, scan it."
        await terminal.scan(site_.TEA_SHELF)
        await terminal.scan(work.barcodes["TEA"])
        assert terminal.text("#tasks-prompt") == "How many TEA were in the parcel? Enter: 2."
        await terminal.scan("1")
        assert terminal.message() == (
            "The parcel should hold 2 TEA: count again, or Esc and ask a supervisor."
        )
        assert _on_hand(sqlite_database, work.sku_ids["TEA"], site_.TEA_SHELF) == 8
        await terminal.press("enter")
        assert terminal.message() == (
            f"Parcel {work.tracking_no} unpacked: 2 pcs back on the shelves."
        )
        text = terminal.screen_text()
        assert "Put back / unpack: 1 open" in text and "1 CUP×1" in text, text
        await terminal.press("escape")
        assert isinstance(app.screen, HomeScreen)

    tea = work.sku_ids["TEA"]
    assert _on_hand(sqlite_database, tea, site_.TEA_SHELF) == 10
    with sqlite_database.unit_of_work(read_only=True) as session:
        states = dict(session.execute(select(StockTask.kind, StockTask.state)).all())
        assert session.scalar(select(Parcel.state)) == ParcelState.UNPACKED
        assert states["unpack"] == "done"


async def test_a_returns_clerk_puts_back_on_another_shelf_in_chinese_at_a_bench(
    sqlite_database: Database, work: site_.StockTaskSite, tmp_path: Path
) -> None:
    app = _app(sqlite_database, tmp_path, "zh_CN")
    async with app.run_test(size=BENCH) as pilot:
        terminal = Terminal(app, pilot)
        await terminal.log_in("R100", "1234")
        await terminal.press("0")
        assert isinstance(app.screen, StockTasksScreen)
        text = terminal.screen_text()
        assert "归位/拆包：2 项待办" in text, text  # a returns clerk does not unpack
        assert "拆包 " not in text, text
        await terminal.scan("2")
        assert terminal.text("#tasks-head") == f"归位 CUP ×1，来自 {work.cart}/T01"
        await terminal.scan(site_.SPARE_SHELF)
        assert terminal.text("#tasks-prompt") == (
            f"{site_.SPARE_SHELF} 不是建议库位：再扫一次即放到该库位。"
        )
        await terminal.scan(site_.SPARE_SHELF)
        assert terminal.text("#tasks-prompt") == "请扫描商品。"
        # The item and Enter at once, faster than a slow answer: the Enter waits its turn.
        screen = app.screen
        assert isinstance(screen, StockTasksScreen)
        screen.jobs = SlowJobs(screen.jobs.database, screen.jobs.actor)
        await pilot.press(*work.barcodes["CUP"], "enter", "enter")
        await terminal.settle()
        assert terminal.message() == f"CUP 已全部放回 {site_.SPARE_SHELF}。任务完成。"
        await terminal.press("escape")
        assert isinstance(app.screen, HomeScreen)

    cup = work.sku_ids["CUP"]
    assert _on_hand(sqlite_database, cup, site_.SPARE_SHELF) == 1
    assert _on_hand(sqlite_database, cup, site_.CUP_SHELF) == 4
