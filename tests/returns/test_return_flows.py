"""Returns from the mall's request to the mall's refund, on both databases, each ending with
the right stock, ledger, order and outbox state, and the outcome applied once by the mall
through injected faults."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from returns.errors import ReturnError
from returns.inspect import grade_unit
from returns.outcome import close_return
from returns.receiving import current_return, open_parcel
from returns.refused import receive_refused_delivery
from returns.supervision import queues
from sync.mall_sim import FaultConfig
from tests.builders import key
from tests.returns.site import (
    NOW,
    TODAY,
    ReturnSite,
    ledger,
    on_hand,
    outcome_events,
    pull,
    push_all,
    shipped_order,
)
from warehouse.audit import Actor
from warehouse.models import Order, Parcel, ReturnRequest
from warehouse.states import OrderState, ReturnState
from warehouse.words import render_all

FAULTS = "500=0.25,429=0.1,drop=0.15,biz=0.05"


def _request(site: ReturnSite, fo_id: str, tracking: str, **kw: object) -> str:
    order = site.mall.store.order(fo_id)
    rma = site.mall.store.returns.request(order, tracking_no=tracking, **kw)  # type: ignore[arg-type]
    pull(site)
    return str(rma["rma_id"])


def _open(site: ReturnSite, scan: str, **kw: object) -> str:
    with site.db.unit_of_work() as session:
        return open_parcel(session, site.clerk, scan, key=key(), now=NOW, **kw)  # type: ignore[arg-type]


def _grade(site: ReturnSite, rma: str, item: str, grade: str, **kw: str) -> str:
    with site.db.unit_of_work() as session:
        return grade_unit(
            session,
            site.clerk,
            site.context.settings.returns,
            rma,
            item=item,
            grade=grade,
            key=key(),
            now=NOW,
            **kw,
        ).disposition


def _close_and_push(site: ReturnSite, rma: str) -> dict[str, object]:
    with site.db.unit_of_work() as session:
        close_return(session, site.clerk, rma, key=key(), now=NOW)
    site.mall.faults.set(FaultConfig.parse(FAULTS))
    push_all(site)
    site.mall.faults.set(FaultConfig())
    desk = site.mall.store.returns
    assert desk.applied[rma] == 1  # once, whatever the deliveries
    (event,) = [e for e in outcome_events(site) if e.payload["rma_id"] == rma]
    assert event.state == "sent"
    return desk.outcomes[rma]


def _order_state(site: ReturnSite, fo_id: str) -> str:
    with site.db.unit_of_work(read_only=True) as session:
        return session.scalars(select(Order.state).where(Order.fo_id == fo_id)).one()


def _request_row(site: ReturnSite, rma: str) -> ReturnRequest:
    with site.db.unit_of_work(read_only=True) as session:
        row = session.scalars(select(ReturnRequest).where(ReturnRequest.rma_id == rma)).one()
        session.expunge(row)
        return row


def test_a_full_return_graded_a_goes_back_to_the_pick_face_and_the_mall_accepts_the_line(
    site: ReturnSite,
) -> None:
    fo_id = shipped_order(site, "FO-1001-W1", [(site.tea, 2)], "SF1001")
    rma = _request(site, fo_id, "SF-RET-1001")
    assert _request_row(site, rma).state == ReturnState.EXPECTED
    assert _open(site, "SF-RET-1001") == rma
    assert _grade(site, rma, site.tea_ean, "A") == "sellable"
    assert _grade(site, rma, site.tea_ean, "a") == "sellable"
    assert _request_row(site, rma).state == ReturnState.INSPECTED
    outcome = _close_and_push(site, rma)

    assert on_hand(site, site.tea, site.face) == 5 + 2
    assert [(m.qty, m.reason) for m in ledger(site, rma)] == [(1, "receive"), (1, "receive")]
    assert _order_state(site, fo_id) == OrderState.SHIPPED
    (line,) = outcome["lines"]  # type: ignore[index]
    assert line["decision"] == "ACCEPTED" and line["accepted_qty"] == 2
    assert site.mall.store.returns.refunds[rma] == 2
    row = _request_row(site, rma)
    assert row.state == ReturnState.CLOSED and not row.discrepancy


def test_a_partial_return_with_one_damaged_unit_is_accepted_for_one_and_quarantines_the_other(
    site: ReturnSite,
) -> None:
    returns = site.context.settings.returns
    fo_id = shipped_order(site, "FO-1002-W1", [(site.tea, 3)], "SF1002")
    rma = _request(
        site, fo_id, "SF-RET-1002", lines=[{"line_id": "L1", "sku_code": site.tea, "qty": 2}]
    )
    _open(site, rma)
    _grade(site, rma, site.tea_ean, "A")
    with pytest.raises(ReturnError, match="needs a reason"):
        _grade(site, rma, site.tea_ean, "C")
    assert (
        _grade(site, rma, site.tea_ean, "C", reason="crushed", note="box crushed") == "quarantine"
    )
    outcome = _close_and_push(site, rma)

    assert on_hand(site, site.tea, site.face) == 6
    assert on_hand(site, site.tea, returns.quarantine_location) == 1
    (line,) = outcome["lines"]  # type: ignore[index]
    assert (line["decision"], line["accepted_qty"], line["rejected_qty"]) == ("PARTIAL", 1, 1)
    assert line["reasons"] == [{"reason": "DAMAGED", "qty": 1}]
    assert _order_state(site, fo_id) == OrderState.SHIPPED

    from returns.supervision import scrap
    from warehouse.errors import PermissionDenied
    from warehouse.models import ReturnUnit

    with site.db.unit_of_work() as session:
        unit = session.scalars(select(ReturnUnit).where(ReturnUnit.grade == "C")).one()
        with pytest.raises(PermissionDenied):
            scrap(session, site.clerk, unit.id, "crushed", TODAY)
    with site.db.unit_of_work() as session:  # the supervisor decides: scrap
        scrap(session, site.boss, unit.id, "crushed", TODAY)
    assert on_hand(site, site.tea, returns.quarantine_location) == 0


def test_a_wrong_item_sent_back_is_not_ours_and_the_line_is_rejected_with_a_discrepancy(
    site: ReturnSite,
) -> None:
    returns = site.context.settings.returns
    fo_id = shipped_order(site, "FO-1003-W1", [(site.tea, 1)], "SF1003")
    rma = _request(site, fo_id, "SF-RET-1003")
    _open(site, "1003")  # the original order number
    with pytest.raises(ReturnError, match="grade it D"):
        _grade(site, rma, site.other_ean, "A")
    assert (
        _grade(site, rma, site.other_ean, "D", reason="wrong", photo_path="/photos/1003.jpg")
        == "not_ours"
    )
    outcome = _close_and_push(site, rma)

    assert on_hand(site, site.tea, site.face) == 5
    assert on_hand(site, "OTHER-1", returns.not_ours_location) == 0  # never another's stock
    assert ledger(site, rma) == []
    (line,) = outcome["lines"]  # type: ignore[index]
    assert line["decision"] == "REJECTED"
    row = _request_row(site, rma)
    text = render_all(row.discrepancy, "en")
    assert "1 requested, 0 received" in text and "was not on the request" in text
    assert any(r.queue == "discrepancy" for r in _queues(site))


def test_expired_food_is_refused_for_restock_and_waits_in_quarantine(site: ReturnSite) -> None:
    returns = site.context.settings.returns
    fo_id = shipped_order(site, "FO-1004-W1", [(site.nuts, 1)], "SF1004")
    rma = _request(site, fo_id, "SF-RET-1004")
    _open(site, "SF-RET-1004")
    with pytest.raises(ReturnError, match="lot and expiry"):
        _grade(site, rma, site.nuts_gtin, "A")
    label = site.nuts_label(TODAY.replace() + __import__("datetime").timedelta(days=10))
    assert _grade(site, rma, label, "A") == "quarantine"
    outcome = _close_and_push(site, rma)

    assert on_hand(site, site.nuts, returns.quarantine_location) == 1
    assert on_hand(site, site.nuts, returns.putaway_location) == 0
    (line,) = outcome["lines"]  # type: ignore[index]
    assert line["decision"] == "REJECTED" and line["reasons"] == [{"reason": "EXPIRED", "qty": 1}]


def test_an_unknown_parcel_is_received_for_a_supervisor_and_nothing_goes_to_the_mall(
    site: ReturnSite,
) -> None:
    returns = site.context.settings.returns
    with pytest.raises(ReturnError, match="unknown return"):
        _open(site, "YT-STRANGE-1")
    rma = _open(site, "YT-STRANGE-1", unknown_ok=True)
    assert rma == "UNKNOWN-YT-STRANGE-1"
    _grade(site, rma, site.tea_ean, "D", reason="unknown", note="no paperwork")
    with site.db.unit_of_work() as session:
        close_return(session, site.clerk, rma, key=key(), now=NOW)
    assert outcome_events(site) == []
    assert on_hand(site, site.tea, site.face) == 5
    assert on_hand(site, site.tea, returns.not_ours_location) == 0
    (row,) = [r for r in _queues(site) if r.rma_id == rma]
    assert row.queue == "unknown" and "YT-STRANGE-1" in row.why


def test_an_exchange_is_linked_to_the_replacement_order_the_mall_sends(site: ReturnSite) -> None:
    fo_id = shipped_order(site, "FO-1005-W1", [(site.tea, 1)], "SF1005")
    rma = _request(site, fo_id, "SF-RET-1005", kind="exchange")
    _open(site, "SF-RET-1005")
    _grade(site, rma, site.tea_ean, "A")
    _close_and_push(site, rma)
    pull(site)  # the replacement order and the RMA's new version naming it

    replacement = _request_row(site, rma).replacement_fo_id
    assert replacement and replacement != fo_id
    with site.db.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == replacement)).one()
        assert order.state == OrderState.RELEASED
        assert [(ln.sku_code, ln.qty) for ln in order.lines] == [(site.tea, 1)]
    assert site.mall.store.returns.refunds[rma] == 0
    (linked,) = [r for r in _queues(site) if r.rma_id == rma]
    assert (linked.queue, linked.replacement_fo_id) == ("exchange", replacement)
    assert on_hand(site, site.tea, site.face) == 6


def test_a_refused_delivery_coming_back_is_received_like_a_return(site: ReturnSite) -> None:
    fo_id = shipped_order(site, "FO-1006-W1", [(site.tea, 2)], "SF1006")
    with site.db.unit_of_work() as session:
        request = receive_refused_delivery(session, Actor.system("tracking"), "SF1006", now=NOW)
        rma = request.rma_id
    with site.db.unit_of_work() as session:  # the carrier's report repeated, with the row
        parcel = session.scalars(select(Parcel).where(Parcel.tracking_no == "SF1006")).one()
        assert (
            receive_refused_delivery(session, Actor.system("tracking"), parcel, now=NOW).rma_id
            == rma
        )
    assert _open(site, "SF1006") == rma
    _grade(site, rma, site.tea_ean, "A")
    _grade(site, rma, site.tea_ean, "B")
    outcome = _close_and_push(site, rma)

    assert outcome["refused_delivery"] is True
    assert on_hand(site, site.tea, site.face) == 6
    assert on_hand(site, site.tea, site.context.settings.returns.rework_location) == 1
    assert _order_state(site, fo_id) == OrderState.SHIPPED

    from returns.rework import repacked
    from warehouse.models import ReturnUnit

    with site.db.unit_of_work() as session:  # repacked: the B unit becomes sellable
        unit = session.scalars(select(ReturnUnit).where(ReturnUnit.grade == "B")).one()
        assert (
            repacked(session, site.clerk, site.context.settings.returns, unit.id, TODAY)
            == site.face
        )
    assert on_hand(site, site.tea, site.face) == 7
    assert on_hand(site, site.tea, site.context.settings.returns.rework_location) == 0


def test_a_repeated_scan_counts_once_and_a_killed_station_resumes_on_its_return(
    site: ReturnSite,
) -> None:
    fo_id = shipped_order(site, "FO-1007-W1", [(site.tea, 2)], "SF1007")
    rma = _request(site, fo_id, "SF-RET-1007")
    _open(site, "SF-RET-1007")
    scan_key = key()
    for _ in range(2):
        with site.db.unit_of_work() as session:
            grade_unit(
                session,
                site.clerk,
                site.context.settings.returns,
                rma,
                item=site.tea_ean,
                grade="A",
                key=scan_key,
                now=NOW,
            )
    assert on_hand(site, site.tea, site.face) == 6
    with site.db.unit_of_work(read_only=True) as session:
        assert current_return(session, site.clerk) == rma


def test_a_late_request_is_flagged_out_of_policy_for_a_supervisor_not_refused(
    site: ReturnSite,
) -> None:
    fo_id = shipped_order(site, "FO-1008-W1", [(site.tea, 1)], "SF1008")
    rma = _request(site, fo_id, "SF-RET-1008", delivered_days_ago=30)
    (row,) = [r for r in _queues(site) if r.rma_id == rma]
    assert row.queue == "policy" and "30 days after delivery" in row.why
    assert _open(site, "SF-RET-1008") == rma  # still received


def test_a_broken_return_request_is_set_aside_alone(site: ReturnSite) -> None:
    desk = site.mall.store.returns
    fo_id = shipped_order(site, "FO-1009-W1", [(site.tea, 1)], "SF1009")
    desk.add_raw({"rma_id": "RMA-BAD", "version": 1, "lines": []})
    rma = _request(site, fo_id, "SF-RET-1009")
    pull(site)
    assert _request_row(site, rma).state == ReturnState.EXPECTED
    from warehouse.models import QuarantinedOrder

    with site.db.unit_of_work(read_only=True) as session:
        assert len(list(session.scalars(select(QuarantinedOrder)))) == 1


def _queues(site: ReturnSite) -> list:  # type: ignore[type-arg]
    with site.db.unit_of_work(read_only=True) as session:
        return queues(session, "en")
