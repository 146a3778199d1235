"""A returns clerk at an 80x24 station receives a parcel the mall asked to return, grades one
unit A and one C by scanner and keys, closes it, and the database holds the right figures; a
station killed half-way resumes on the same return."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from sync.intake import IntakeContext
from sync.mall_sim import MallStore, RunningMall, start_mall_sim
from tests.returns.site import ReturnSite, build, on_hand, outcome_events, pull, shipped_order
from tests.tui.terminal import Terminal
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import ReturnRequest
from warehouse.pii import ReceiverCipher
from warehouse.users import SITE_SETUP, add_user
from warehouse_tui.app import WmsApp
from warehouse_tui.screens.returns.station import ReturnStationScreen

STATION = (80, 24)


@pytest.fixture
def mall() -> Iterator[RunningMall]:
    running = start_mall_sim(MallStore("W1"), token="test-token")
    yield running
    running.stop()


@pytest.fixture
def site(
    sqlite_database: Database, mall: RunningMall, settings: Settings, cipher: ReceiverCipher
) -> ReturnSite:
    site = build(sqlite_database, mall, IntakeContext(settings=settings, cipher=cipher))
    fo_id = shipped_order(site, "FO-2001-W1", [(site.tea, 2)], "SF2001")
    mall.store.returns.request(mall.store.order(fo_id), tracking_no="SF-RET-2001")
    pull(site)
    with sqlite_database.unit_of_work() as session:
        add_user(session, SITE_SETUP, badge="R100", name="赵退货", role="returns", pin="4444")
    return site


def _app(site: ReturnSite, language: str = "en") -> WmsApp:
    return WmsApp(site.context.settings.model_copy(update={"language": language}), site.db)


async def _station(terminal: Terminal) -> ReturnStationScreen:
    await terminal.log_in("R100", "4444")
    await terminal.press("5")
    screen = terminal.app.screen
    assert isinstance(screen, ReturnStationScreen)
    return screen


async def test_a_clerk_grades_a_return_at_an_80x24_station_with_the_scanner_and_keys(
    site: ReturnSite,
) -> None:
    app = _app(site)
    async with app.run_test(size=STATION) as pilot:
        terminal = Terminal(app, pilot)
        screen = await _station(terminal)
        assert terminal.message() == "Ready for a return parcel."
        await terminal.scan("SF-RET-2001")
        assert terminal.message().startswith("Received RMA000001")
        assert "L1 TEA-1: 0/2" in terminal.screen_text()

        await terminal.scan(site.tea_ean)
        assert "type its grade" in terminal.message()
        await terminal.scan("E")
        assert terminal.message() == "Type A, B, C or D."
        await terminal.scan("A")
        assert terminal.message().startswith(f"✓ TEA-1 A → sellable at {site.face}")

        await terminal.scan(site.tea_ean)
        await terminal.scan("C")
        assert "Reason" in terminal.screen_text()
        await terminal.scan("crushed")
        await terminal.scan("corner of the box torn")
        assert "quarantine" in terminal.message() and "rejected: damaged" in terminal.message()
        text = terminal.screen_text()
        assert "L1 TEA-1: 2/2" in text and "F5" in text
        assert len(text.splitlines()) <= 24 and max(len(line) for line in text.splitlines()) <= 80

        await terminal.press("f5")
        assert terminal.message().endswith("closed; the mall hears the outcome.")
        assert screen.step == "parcel"

    assert on_hand(site, site.tea, site.face) == 6
    assert on_hand(site, site.tea, site.context.settings.returns.quarantine_location) == 1
    (event,) = outcome_events(site)
    assert event.state == "pending" and event.payload["lines"][0]["decision"] == "PARTIAL"


async def test_a_station_killed_half_way_resumes_on_the_same_return_in_chinese(
    site: ReturnSite,
) -> None:
    app = _app(site)
    async with app.run_test(size=STATION) as pilot:
        terminal = Terminal(app, pilot)
        await _station(terminal)
        await terminal.scan("2001")  # the original order number
        await terminal.scan(site.tea_ean)
        await terminal.scan("A")
    app = _app(site, "zh_CN")
    async with app.run_test(size=STATION) as pilot:
        terminal = Terminal(app, pilot)
        screen = await _station(terminal)
        assert terminal.message().startswith("继续处理 RMA000001")
        assert screen.step == "item" and "L1 TEA-1：1/2" in terminal.screen_text()
        await terminal.scan("NOPE-1")
        await terminal.scan("A")
        assert "不是该商家的商品" in terminal.message()
    with site.db.unit_of_work(read_only=True) as session:
        request = session.scalars(select(ReturnRequest)).one()
        assert request.state == "received" and len(request.units) == 1


async def test_an_unknown_parcel_is_received_when_scanned_twice(site: ReturnSite) -> None:
    app = _app(site)
    async with app.run_test(size=STATION) as pilot:
        terminal = Terminal(app, pilot)
        await _station(terminal)
        await terminal.scan("ZT-000-NOBODY")
        assert "scan it again" in terminal.message()
        await terminal.scan("ZT-000-NOBODY")
        assert terminal.message().startswith("Received UNKNOWN-ZT-000-NOBODY")
        assert "unknown return" in terminal.screen_text()
