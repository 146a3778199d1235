"""A supervisor at a 120×40 console (and at 80×24) works the queue, the held orders and the
shortage cases with the keyboard; afterwards the database and the outbox hold the decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from textual.widgets import DataTable

from tests import builders as f
from tests.supervisor.conftest import BADGE, PIN, SCREEN, SMALL
from tests.supervisor.helpers import escalated_short
from tests.tui.terminal import Terminal
from warehouse.models import Order, OutboxEvent, ShortageCase, Sku
from warehouse.words import Message, encode
from warehouse_tui.app import WmsApp
from warehouse_tui.screens.supervisor.held import HeldScreen
from warehouse_tui.screens.supervisor.history import HistoryScreen
from warehouse_tui.screens.supervisor.queue import QueueScreen
from warehouse_tui.screens.supervisor.shortages import ShortagesScreen


def _queue_orders(app: WmsApp) -> None:
    now = datetime.now(UTC)
    with app.database.unit_of_work() as session:
        shop, other = f.merchant(session, "SHOP"), f.merchant(session, "OTHER")
        tea = f.sku(session, shop, "TEA")
        f.order(session, shop, [(tea, 1)], due_at=now - timedelta(hours=1))
        f.order(session, shop, [(tea, 1)], due_at=now + timedelta(minutes=40))
        late_other = f.order(session, other, [(tea, 1)], due_at=now + timedelta(hours=8))
        late_other.carrier_code = "SF"
        for n in range(60):
            f.order(session, other, [(tea, 1)], due_at=now + timedelta(days=1, minutes=n))


def _table_rows(app: WmsApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _open(term: Terminal, digit: str) -> None:
    await term.log_in(BADGE, PIN)
    await term.press(digit)


@pytest.mark.parametrize("size", [SCREEN, SMALL])
async def test_the_queue_pages_filters_and_searches(
    supervisor_app: WmsApp, size: tuple[int, int]
) -> None:
    _queue_orders(supervisor_app)
    async with supervisor_app.run_test(size=size) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "a")
        assert isinstance(supervisor_app.screen, QueueScreen)
        rows = _table_rows(supervisor_app)
        assert len(rows) == 50 and rows[0][-1] == "LATE" and rows[1][-1] == "at risk"
        assert "PgDn: more." in term.message()
        await term.press("tab", "pagedown")
        assert len(_table_rows(supervisor_app)) == 63 and "That is all." in term.message()
        for typed, count in (("merchant=SHOP", 2), ("carrier=SF", 1), ("due=2h", 2), ("prio=1", 0)):
            supervisor_app.screen.query_one("#queue-filter").focus()
            await term.press("ctrl+a", "ctrl+k")
            await term.scan(typed)
            assert len(_table_rows(supervisor_app)) == count, typed
        await term.press("ctrl+a", "ctrl+k")
        await term.scan("nonsense=1")
        assert "Not understood: nonsense=1" in term.message()
        await term.press("ctrl+a", "ctrl+k")
        await term.scan("TEA")
        assert "orders found" in term.message()
        assert _table_rows(supervisor_app)[0][2] == "SKU"
        await term.press("tab", "enter")
        assert isinstance(supervisor_app.screen, HistoryScreen)


async def test_raising_an_orders_priority_from_the_queue_is_stored_and_audited(
    supervisor_app: WmsApp,
) -> None:
    _queue_orders(supervisor_app)
    async with supervisor_app.run_test(size=SCREEN) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "a")
        await term.press("tab", "plus")
        assert "Priority is now 100." in term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        assert (
            session.scalar(select(Order.priority_override).order_by(Order.due_at).limit(1)) == 100
        )


def _held_order(app: WmsApp, cipher: object) -> str:
    from warehouse.pii import Receiver, ReceiverCipher

    assert isinstance(cipher, ReceiverCipher)
    with app.database.unit_of_work() as session:
        shop = f.merchant(session)
        order = f.order(session, shop, [(f.sku(session, shop, "TEA"), 1)], state="held")
        order.hold_reason = encode([Message.of("intake.address_incomplete")])
        order.mall_state = "requested"
        order.receiver_sealed = cipher.seal(
            Receiver(name="张三", mobile="13800001234", province="浙江省"), bound_to=order.fo_id
        )
        return order.fo_id


async def test_a_held_address_is_corrected_from_the_keyboard_and_told_to_the_mall(
    supervisor_app: WmsApp, cipher: object
) -> None:
    fo_id = _held_order(supervisor_app, cipher)
    async with supervisor_app.run_test(size=SCREEN) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "b")
        assert isinstance(supervisor_app.screen, HeldScreen)
        assert "1 held." in term.message()
        supervisor_app.screen.query_one("#held-text").focus()
        await term.scan("浙江省 / 杭州市 / 西湖区 / 文三路 1 号")
        await term.press("A")
        assert "address corrected, released" in term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(Order.state).where(Order.fo_id == fo_id)) == "released"
        kinds = set(session.scalars(select(OutboxEvent.kind).where(OutboxEvent.fo_id == fo_id)))
    assert kinds == {"address_correction", "accept"}


async def test_a_held_order_without_a_reason_is_not_released(
    supervisor_app: WmsApp, cipher: object
) -> None:
    fo_id = _held_order(supervisor_app, cipher)
    async with supervisor_app.run_test(size=SMALL) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "b")
        await term.press("R")
        assert "Give a reason" in term.message()
        supervisor_app.screen.query_one("#held-text").focus()
        await term.scan("buyer confirmed by phone")
        await term.press("X")
        assert "rejected" in term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(Order.state).where(Order.fo_id == fo_id)) == "rejected"


RESOLUTIONS = [
    ("1", "", "resolved", "allocated", None),
    ("2", "W2", "waiting", "short", "transfer_request"),
    ("3", "2030-01-31", "waiting", "short", "restock_promise"),
    ("4", "TEA2", "waiting", "short", "substitute_offer"),
    ("5", "", "resolved", "picked", "shortage"),
    ("6", "", "resolved", "picked", "shortage"),
]


@pytest.mark.parametrize(("key", "typed", "case_state", "order_state", "message"), RESOLUTIONS)
async def test_each_shortage_resolution_from_the_keyboard(
    supervisor_app: WmsApp,
    key: str,
    typed: str,
    case_state: str,
    order_state: str,
    message: str | None,
) -> None:
    e = escalated_short(supervisor_app.database)
    with supervisor_app.database.unit_of_work() as session:
        tea = session.scalar(select(Sku).where(Sku.code == "TEA"))
        assert tea is not None
        f.sku(session, tea.merchant, "TEA2")
        if key == "1":
            f.stock(session, tea, f.location(session), 5)
        before = session.scalar(select(OutboxEvent.id).order_by(OutboxEvent.id.desc()).limit(1))
    async with supervisor_app.run_test(size=SCREEN) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "c")
        assert isinstance(supervisor_app.screen, ShortagesScreen)
        assert "1 cases." in term.message()
        if typed:
            supervisor_app.screen.query_one("#cases-argument").focus()
            await term.scan(typed)
        await term.press(key)
        assert "Order" not in term.message() and "SN" in term.message(), term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        case = session.get(ShortageCase, e.case_id)
        order = session.get(Order, e.order_id)
        assert case is not None and order is not None
        assert (case.state, order.state) == (case_state, order_state)
        sent = list(
            session.scalars(
                select(OutboxEvent.kind)
                .where(OutboxEvent.id > (before or 0))
                .order_by(OutboxEvent.id)
            )
        )
    expected = [message] if message else []
    if key == "5":
        expected.append("progress")  # PICKED: the order moves on to packing
    if key == "6":
        expected.append("progress")
    assert sent == expected


async def test_a_cart_is_handed_to_another_picker_and_a_wave_previewed_then_released(
    supervisor_app: WmsApp,
) -> None:
    from picking import floor as pick
    from tests.builders import FLOOR
    from warehouse.models import PickBatch, Wave
    from warehouse_tui.screens.supervisor.floor import FloorScreen

    with supervisor_app.database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), f.location(session), 9)
        code = f.batch(session, [f.allocated_order(session, shop, [(quant, 1)])]).code
        f.allocated_order(session, shop, [(quant, 2)])
        first, other = f.picker(session), f.picker(session, "P-NEXT")
    with supervisor_app.database.unit_of_work() as session:
        pick.claim_next_batch(session, first, datetime.now(UTC), floor=FLOOR)
    async with supervisor_app.run_test(size=SCREEN) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "d")
        assert isinstance(supervisor_app.screen, FloorScreen)
        assert _table_rows(supervisor_app)[0][:3] == [code, first.name, "0/1"]
        supervisor_app.screen.query_one("#floor-badge").focus()
        await term.scan("P-NEXT")
        await term.press("A")
        assert f"Cart {code} handed to P-NEXT." in term.message()
        assert _table_rows(supervisor_app)[0][1] == "P-NEXT"
        await term.press("P")
        assert "Preview" in term.text("#floor-wave") and "1 orders" in term.text("#floor-wave")
        with supervisor_app.database.unit_of_work(read_only=True) as session:
            assert session.scalar(select(Wave.id)) is None
        await term.press("W")
        assert "Released" in term.text("#floor-wave")
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        batch = session.scalar(select(PickBatch).where(PickBatch.code == code))
        assert batch is not None and batch.assignee_id == other.user_id
        assert session.scalar(select(Wave.id)) is not None


async def test_a_refused_message_is_sent_again_or_given_up(supervisor_app: WmsApp) -> None:
    from warehouse.outbox import enqueue
    from warehouse_tui.screens.supervisor.mall import MallScreen

    with supervisor_app.database.unit_of_work() as session:
        for fo_id in ("FO-A", "FO-B"):
            event = enqueue(session, fo_id, "accept", {})
            event.state, event.last_error = "failed", "409 STATE_CONFLICT: cancelled at the mall"
    async with supervisor_app.run_test(size=SMALL) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "e")
        assert isinstance(supervisor_app.screen, MallScreen)
        assert "cancelled at the mall" in _table_rows(supervisor_app)[0][2]
        await term.press("S")
        assert "sent again" in term.message()
        await term.press("X")
        assert "given up" in term.message() and "0 refused." in term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        states = dict(session.execute(select(OutboxEvent.fo_id, OutboxEvent.state)).all())
    assert sorted(states.values()) == ["dropped", "pending"]


async def test_a_picker_counts_a_shelf_on_the_handheld_and_the_stock_follows(
    supervisor_app: WmsApp,
) -> None:
    from warehouse.models import StockQuant, StockTask
    from warehouse.users import SITE_SETUP, add_user
    from warehouse_tui.screens.picker.count import CountScreen

    e = escalated_short(supervisor_app.database)
    with supervisor_app.database.unit_of_work() as session:
        add_user(session, SITE_SETUP, badge="P-CNT", name="拣货员", role="picker", pin="2468")
        session.execute(  # the count from the short pick is for this picker to take
            StockTask.__table__.update().values(assignee_id=None)
        )
    async with supervisor_app.run_test(size=(40, 16)) as pilot:
        term = Terminal(supervisor_app, pilot)
        await term.log_in("P-CNT", "2468")
        await term.press("7")
        assert isinstance(supervisor_app.screen, CountScreen)
        assert term.text("#count-where") == e.tea_shelf
        await term.scan("A-00-00-0-Z")
        assert "Wrong shelf" in term.text("#count-message")
        await term.scan(e.tea_shelf)
        assert "Scan a SKU (TEA)" in term.text("#count-prompt")
        await term.scan("TEA")
        await term.scan("7")
        assert "TEA: 7 counted" in term.text("#count-message")
        await term.press("f5")
        assert "Shelf counted." in term.text("#count-message")
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        task = session.scalar(select(StockTask).where(StockTask.kind == "count"))
        assert task is not None and task.state == "done"
        on_hand = session.scalar(
            select(StockQuant.on_hand).where(StockQuant.location_id == task.from_location_id)
        )
    assert on_hand == 7


async def test_a_set_aside_payload_is_read_again_from_the_keyboard(supervisor_app: WmsApp) -> None:
    from sync.mall_sim import generate_orders
    from sync.mall_sim.generator import DEMO_SKUS
    from sync.quarantine import quarantine
    from warehouse.models import QuarantinedOrder
    from warehouse.pii import ReceiverCipher
    from warehouse_tui.screens.supervisor.setaside import SetAsideScreen

    good = {**generate_orders(1, list(DEMO_SKUS), seed=4)[0], "version": 1, "change_seq": 1}
    cipher = ReceiverCipher.from_settings(supervisor_app.settings)
    with supervisor_app.database.unit_of_work() as session:
        quarantine(session, good, Message.of("quarantine.not_object"), cipher)
    async with supervisor_app.run_test(size=SMALL) as pilot:
        term = Terminal(supervisor_app, pilot)
        await _open(term, "f")
        assert isinstance(supervisor_app.screen, SetAsideScreen)
        assert "1 set aside." in term.message()
        await term.press("R")
        assert "read again and taken in" in term.message() and "0 set aside." in term.message()
    with supervisor_app.database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(QuarantinedOrder.state)) == "closed"
        assert session.scalar(select(Order.fo_id)) == good["fo_id"]
