"""A picker at a 40x16 handheld picks a whole cluster cart by scanning, as a scanner types.

One wrong location, one wrong item, one short shelf re-allocated on the way, one short shelf
escalated to the supervisor and the mall; afterwards the database holds exactly the right
figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from textual.pilot import Pilot
from textual.widgets import Static

from tests import builders as f
from tests.tui.terminal import Terminal
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import (
    Order,
    OrderLine,
    OutboxEvent,
    PickBatch,
    ShortageCase,
    StockQuant,
    StockTask,
)
from warehouse.users import add_user
from warehouse_tui.app import WmsApp
from warehouse_tui.screens.picker.pick import PickScreen
from warehouse_tui.screens.picker.short_pick import ShortPickDialog

HANDHELD = (40, 16)


@dataclass(frozen=True)
class Cart:
    barcodes: dict[str, str]
    quants: dict[str, int]
    orders: tuple[int, int]


def build_cart(session: Session) -> Cart:
    """Two orders on one cart: tea and a cup for tote 1, tea and jam for tote 2."""
    shop = f.merchant(session, "SHOP")
    tea, cup, jam = (f.sku(session, shop, code) for code in ("TEA", "CUP", "JAM"))
    tea.name_en, tea.name_zh = "Green tea 250 g", "绿茶 250 克"
    shelf = {
        c: f.location(session, c)
        for c in ("A-01-05-1-A", "A-02-10-1-B", "A-03-02-2-A", "B-01-04-1-A")
    }
    quants = {
        "tea": f.stock(session, tea, shelf["A-01-05-1-A"], 10),
        "tea_b": f.stock(session, tea, shelf["B-01-04-1-A"], 4),
        "cup": f.stock(session, cup, shelf["A-02-10-1-B"], 1),
        "jam": f.stock(session, jam, shelf["A-03-02-2-A"], 5),
    }
    one = f.allocated_order(session, shop, [(quants["tea"], 2), (quants["cup"], 1)])
    two = f.allocated_order(session, shop, [(quants["tea"], 1), (quants["jam"], 2)])
    f.batch(session, [one, two], code="CART-1", priority=3)
    add_user(
        session,
        Actor("cli:test", role="admin"),
        badge="P100",
        name="李拣货",
        role="picker",
        pin="1234",
    )
    return Cart(
        {s.code: f.barcode(s) for s in (tea, cup, jam)},
        {name: q.id for name, q in quants.items()},
        (one.id, two.id),
    )


@pytest.fixture
def cart(sqlite_database: Database) -> Cart:
    with sqlite_database.unit_of_work() as session:
        return build_cart(session)


@pytest.fixture
def pick_app(sqlite_database: Database, cart: Cart) -> WmsApp:
    """The app on the test site, whose floor differs from the built-in defaults."""
    return WmsApp(f.SITE.model_copy(update={"language": "en"}), sqlite_database)


async def scan(app: WmsApp, pilot: Pilot[None], text: str) -> None:
    await Terminal(app, pilot).scan(text)


async def open_pick(app: WmsApp, pilot: Pilot[None]) -> PickScreen:
    terminal = Terminal(app, pilot)
    await terminal.log_in("P100", "1234")
    await terminal.press("1")
    assert isinstance(app.screen, PickScreen)
    return app.screen


def message(app: WmsApp) -> str:
    return str(app.screen.query_one("#pick-message", Static).render())


async def short(app: WmsApp, pilot: Pilot[None], reason_digit: str, found: str) -> None:
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, ShortPickDialog)
    await pilot.press(reason_digit)
    await scan(app, pilot, found)


async def test_a_picker_picks_a_cluster_cart_with_two_shorts(
    pick_app: WmsApp, sqlite_database: Database, cart: Cart
) -> None:
    app = pick_app
    codes = cart.barcodes
    async with app.run_test(size=HANDHELD) as pilot:
        screen = await open_pick(app, pilot)
        assert screen.step.kind == "location" and screen.step.location == "A-01-05-1-A"
        assert message(app) == "Batch CART-1: 4 picks."

        await scan(app, pilot, "A-02-10-1-B")  # the wrong shelf
        assert message(app) == "Wrong location: go to A-01-05-1-A."
        assert screen.query_one("#pick").has_class("scan-bad")
        await scan(app, pilot, "A-01-05-1-A")
        assert screen.step.kind == "item" and screen.query_one("#pick").has_class("scan-ok")
        await scan(app, pilot, (codes["CUP"]))  # the wrong item
        assert message(app) == "Wrong item: take TEA."
        await scan(app, pilot, (codes["TEA"]))
        await scan(app, pilot, "2")
        assert screen.step.kind == "tote" and screen.step.tote_label == "T01"
        await scan(app, pilot, "T01")

        # Tote 2's tea at the same shelf: the shelf turns out empty; tea is found elsewhere.
        assert (screen.step.kind, screen.step.tote) == ("item", 2)
        await short(app, pilot, "1", "0")
        assert message(app) == "Short: 1 more at B-01-04-1-A."

        escalated = False
        while screen.step.kind != "done":
            step = screen.step
            if step.sku_code == "CUP" and not escalated:
                await scan(app, pilot, step.location)
                await short(app, pilot, "2", "0")  # the only cup is damaged
                assert message(app) == "Short reported to the supervisor."
                escalated = True
            elif step.kind == "location":
                await scan(app, pilot, step.location)
            elif step.kind == "item":
                await scan(app, pilot, (codes[step.sku_code]))
            elif step.kind == "quantity" and step.sku_code == "JAM":
                await scan(app, pilot, (codes["JAM"]))  # scanning each unit counts it
            elif step.kind == "quantity":
                await scan(app, pilot, str(step.qty - step.in_hand))
            else:
                await scan(app, pilot, step.tote_label)
        assert escalated

    with sqlite_database.unit_of_work(read_only=True) as s:
        quants = cart.quants
        figures = {
            n: (q.on_hand, q.reserved) for n in quants if (q := s.get(StockQuant, quants[n]))
        }
        assert figures == {"tea": (8, 0), "tea_b": (3, 0), "cup": (1, 0), "jam": (3, 0)}
        one, two = cart.orders
        assert [s.get(Order, i).state for i in (one, two)] == ["short", "picked"]
        assert s.scalar(select(PickBatch.state)) == "done"
        case = s.scalars(select(ShortageCase)).one()
        assert (case.reason, case.ordered_qty, case.available_qty) == ("DAMAGED", 1, 0)
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shortage")).one()
        assert event.payload["lines"] == [
            {"line_id": "L2", "ordered_qty": 1, "available_qty": 0, "reason": "DAMAGED"}
        ]
        assert event.payload["proposal"] == "HOLD"
        counted = s.scalar(select(func.count()).where(StockTask.kind == "count"))
        assert counted == 2  # the empty tea shelf and the cup shelf, once each
        lines = {
            (line.order_id, line.line_id): (line.picked, line.short)
            for line in s.scalars(select(OrderLine))
        }
        assert lines == {
            (one, "L1"): (2, 0),
            (one, "L2"): (0, 1),
            (two, "L1"): (1, 0),
            (two, "L2"): (2, 0),
        }


async def test_a_picker_who_leaves_comes_back_to_the_same_step(
    pick_app: WmsApp, sqlite_database: Database
) -> None:
    async with pick_app.run_test(size=HANDHELD) as pilot:
        screen = await open_pick(pick_app, pilot)
        await scan(pick_app, pilot, "A-01-05-1-A")
        before = screen.step
    # The terminal is killed; a new app on a new connection, the same badge.
    fresh = Database.from_url(sqlite_database.url)
    app = WmsApp(pick_app.settings, fresh)
    try:
        async with app.run_test(size=HANDHELD) as pilot:
            screen = await open_pick(app, pilot)
            assert screen.step == before and screen.step.kind == "item"
            assert message(app) == "Resuming CART-1: 4 picks left."
            await pilot.press("escape")  # home
    finally:
        fresh.dispose()
    with sqlite_database.unit_of_work(read_only=True) as s:
        batch = s.scalars(select(PickBatch)).one()
        assert batch.state == "in_progress" and batch.assignee_id is not None
        assert batch.last_activity_at is not None
    from picking.floor import release_abandoned
    from tests.builders import FLOOR
    from warehouse.db import database_now

    with sqlite_database.unit_of_work() as s:  # 13 minutes pass on the database's clock
        s.execute(
            update(PickBatch).values(last_activity_at=database_now(s) - timedelta(minutes=13))
        )
    with sqlite_database.unit_of_work() as s:
        assert release_abandoned(s, Actor.system("picking"), floor=FLOOR) == ["CART-1"]


async def test_logging_out_gives_the_cart_back_with_its_progress(
    pick_app: WmsApp, sqlite_database: Database
) -> None:
    app = pick_app
    async with app.run_test(size=HANDHELD) as pilot:
        await open_pick(app, pilot)
        await scan(app, pilot, "A-01-05-1-A")
        await pilot.press("escape")  # home, then Esc + Enter: log out
        await pilot.press("escape")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with sqlite_database.unit_of_work(read_only=True) as s:
        batch = s.scalars(select(PickBatch)).one()
        assert batch.state == "open" and batch.assignee_id is None
        assert batch.last_activity_at is not None  # the scanned shelf stays on record


async def test_f1_explains_f3_skips_and_f4_gives_the_batch_back(pick_app: WmsApp) -> None:
    app = pick_app
    async with app.run_test(size=HANDHELD) as pilot:
        screen = await open_pick(app, pilot)
        await pilot.press("f1")
        assert "F2 reports a short shelf" in str(
            app.screen.query_one("#help-text", Static).render()
        )
        await pilot.press("escape")
        first = screen.step.location
        await pilot.press("f3")
        await Terminal(app, pilot).settle()
        assert screen.step.location != first
        assert message(app) == "Skipped: back here at the end."
        await pilot.press("f4")
        await pilot.press("1")
        await Terminal(app, pilot).settle()
        assert message(app) == "Batch CART-1 given back."
        assert screen.step.kind == "idle"
        await scan(app, pilot, "")  # Enter: ask for work again, the same cart comes back
        assert message(app) == "Batch CART-1: 4 picks." and screen.step.location == "A-02-10-1-B"


@pytest.mark.parametrize(
    ("hostile", "sentence"),
    [
        ("(01)[/b]", "Cannot read '(01)[/b]': scan again."),
        ("(01)[b]OK", "Cannot read '(01)[b]OK': scan again."),
        ("(01)5", "Cannot read '(01)5': scan again."),
        ("[b]OK[/b]", "Wrong item: take TEA."),
        ("[link=x]T01[/link]", "Wrong item: take TEA."),
    ],
)
async def test_a_scan_is_shown_literally_never_as_markup(
    pick_app: WmsApp, hostile: str, sentence: str
) -> None:
    async with pick_app.run_test(size=HANDHELD) as pilot:
        screen = await open_pick(pick_app, pilot)
        await scan(pick_app, pilot, "A-01-05-1-A")
        await scan(pick_app, pilot, hostile)
        assert message(pick_app) == sentence
        assert screen.query_one("#pick-message").has_class("error")
        assert screen.step.kind == "item"
