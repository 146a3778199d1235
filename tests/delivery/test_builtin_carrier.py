"""The demo's built-in carrier: it collects what was handed over, refuses exactly one parcel
(the first it ever collects), and a restart of the app keeps its feed and the pull cursor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from shipping.handover import open_handover, scan_parcel
from shipping.handover_day import close_and_print
from tests import builders as b
from tests.delivery.helpers import site
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import DeliveryException, Parcel, ReturnRequest, TrackingEvent
from warehouse.states import ParcelState, Role
from warehouse_tui.builtin_carrier import BuiltinCarrier


def _hand_over(
    database: Database, settings: Settings, packer: Actor, count: int, code: str = "SF"
) -> list[str]:
    carrier = settings.carrier(code)
    with database.unit_of_work() as session:
        shop = b.merchant(session)
        tea = b.sku(session, shop, "TEA")
        numbers = [
            b.packed_parcel(session, shop, tea, carrier=carrier).tracking_no for _ in range(count)
        ]
        open_handover(session, packer, code, settings)
    for number in numbers:
        with database.unit_of_work() as session:
            assert scan_parcel(session, packer, code, number).accepted
    close_and_print(database, settings, packer, code)
    return sorted(numbers)


def _states(database: Database) -> dict[str, str]:
    with database.unit_of_work(read_only=True) as session:
        return {p.tracking_no: p.state for p in session.scalars(select(Parcel))}


def test_one_refused_parcel_and_a_restart_in_between(database: Database, tmp_path: Path) -> None:
    settings = site(tmp_path)
    assert settings.delivery.builtin_refuses_one
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
    first = _hand_over(database, settings, packer, 3)
    state = tmp_path / "carrier.json"

    carrier = BuiltinCarrier(settings, database, state=state)
    carrier.start(background=False)
    carrier.step()
    carrier.step()  # collected, in transit
    carrier.stop()
    assert set(_states(database).values()) == {ParcelState.IN_TRANSIT}

    again = BuiltinCarrier(settings, database, state=state)
    again.start(background=False)  # the app started again: the same carrier, the same feed
    try:
        later = _hand_over(database, settings, packer, 2)
        for _ in range(6):
            again.step()
    finally:
        again.stop()
    states = _states(database)
    assert states == {
        first[0]: ParcelState.RETURNING,
        **dict.fromkeys(first[1:], ParcelState.DELIVERED),
        **dict.fromkeys(later, ParcelState.DELIVERED),
    }
    with database.unit_of_work(read_only=True) as session:
        events = session.scalars(select(TrackingEvent.event_key)).all()
        entries = session.scalars(select(DeliveryException)).all()
        returns = session.scalars(select(ReturnRequest.rma_id)).all()
    assert len(events) == len(set(events)) == 5 + 4 * 4, "each carrier event stored once"
    assert [(e.kind, e.state) for e in entries] == [("refused", "open")]
    assert returns == [f"REFUSED-{first[0]}"], "the refused parcel is expected back"


def test_the_refused_one_is_on_the_first_handover_closed(
    database: Database, tmp_path: Path
) -> None:
    settings = site(tmp_path)
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
    sf = _hand_over(database, settings, packer, 2)
    zto = _hand_over(database, settings, packer, 1, "ZTO")  # closed before the carrier's step
    assert zto[0] < sf[0], "the ZTO number sorts first, yet SF was handed over first"
    carrier = BuiltinCarrier(settings, database, state=tmp_path / "carrier.json")
    carrier.start(background=False)
    try:
        carrier.step()
        scenarios = carrier.store.scenarios()
    finally:
        carrier.stop()
    assert scenarios == {sf[0]: "refused", sf[1]: "signed", zto[0]: "signed"}
