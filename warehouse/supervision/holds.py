"""Held orders, each closed in the system: an address corrected and confirmed (the mall hears
the correction), an unpaid order left waiting, or a release or rejection with a reason."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.errors import NotFound, StateError, WarehouseError
from warehouse.models import Merchant, Order
from warehouse.orders import HELD, REJECTED, RELEASED, transition
from warehouse.outbox import enqueue
from warehouse.pii import ReceiverCipher
from warehouse.supervision.access import supervisor
from warehouse.supervision.errors import CATALOG
from warehouse.words import Message, encode, render_all

REJECT_REASONS = ("BAD_ADDRESS", "OUT_OF_STOCK", "OTHER")


@dataclass(frozen=True)
class HeldOrder:
    fo_id: str
    order_sn: str
    merchant: str
    paid: bool
    reason: str
    """The hold reasons rendered in the reader's language."""
    since: datetime


@dataclass(frozen=True)
class Address:
    province: str
    city: str
    district: str
    detail: str
    postcode: str = ""


def held_orders(session: Session, actor: Actor, language: str) -> list[HeldOrder]:
    supervisor(session, actor)
    rows = session.execute(
        select(Order, Merchant.mall_id)
        .join(Merchant, Merchant.id == Order.merchant_id)
        .where(Order.state == HELD)
        .order_by(Order.updated_at, Order.id)
    )
    return [
        HeldOrder(o.fo_id, o.order_sn, m, o.paid, render_all(o.hold_reason, language), o.updated_at)
        for o, m in rows
    ]


def _held(session: Session, fo_id: str) -> Order:
    order = session.scalar(select(Order).where(Order.fo_id == fo_id).with_for_update())
    if order is None:
        raise NotFound.of(CATALOG["supervision.no_order"], order=fo_id)
    if order.state != HELD:
        raise StateError.of(CATALOG["supervision.not_held"], order=order.order_sn)
    return order


def _reason(text: str) -> str:
    text = text.strip()
    if not text:
        raise WarehouseError.of(CATALOG["supervision.reason_needed"])
    return text[:200]


def release_held(session: Session, actor: Actor, fo_id: str, reason: str) -> None:
    """Release a held order for allocation; the mall is told it is accepted if not yet."""
    supervisor(session, actor)
    order = _held(session, fo_id)
    note = encode([Message.of("hold.released_by", reason=_reason(reason))])
    accept = order.mall_state == "requested"
    transition(
        session, order, RELEASED, actor, reason=note, notify=("accept", {}) if accept else None
    )


def reject_held(session: Session, actor: Actor, fo_id: str, code: str, reason: str) -> None:
    """Refuse the order for good; the mall hears why (``BAD_ADDRESS``, ``OUT_OF_STOCK``, ``OTHER``)."""
    supervisor(session, actor)
    if code not in REJECT_REASONS:
        raise WarehouseError.of(CATALOG["supervision.reason_needed"])
    order = _held(session, fo_id)
    text = _reason(reason)
    note = encode([Message.of("hold.rejected_by", reason=text)])
    body = {"reason": code, "message": text}
    transition(session, order, REJECTED, actor, reason=note, notify=("reject", body))


def keep_waiting_for_payment(session: Session, actor: Actor, fo_id: str) -> None:
    """An unpaid order waits: the decision is recorded, the order stays held."""
    supervisor(session, actor)
    order = _held(session, fo_id)
    record(
        session,
        actor,
        "hold.wait_payment",
        "order",
        order.fo_id,
        note=encode([Message.of("hold.waiting_payment")]),
    )


def correct_address(
    session: Session, actor: Actor, fo_id: str, address: Address, cipher: ReceiverCipher
) -> None:
    """Store the corrected address (sealed), tell the mall, and release the order.

    The correction message carries the address only (no name, no phone). The queued message
    holds no street either: the sync worker reads the sealed address when it sends, so the
    outbox never stores the receiver's address in the clear."""
    supervisor(session, actor)
    if not (address.province.strip() and address.city.strip() and address.detail.strip()):
        raise WarehouseError.of(CATALOG["supervision.address_incomplete"])
    order = _held(session, fo_id)
    receiver = cipher.open(order.receiver_sealed, bound_to=order.fo_id)
    fixed = replace(
        receiver,
        province=address.province.strip(),
        city=address.city.strip(),
        district=address.district.strip(),
        detail=address.detail.strip(),
        postcode=address.postcode.strip() or receiver.postcode,
    )
    order.receiver_sealed = cipher.seal(fixed, bound_to=order.fo_id)
    order.ship_province, order.ship_city = fixed.province, fixed.city
    enqueue(
        session,
        order.fo_id,
        "address_correction",
        {"province": fixed.province, "city": fixed.city},  # readable, like ship_province/city
    )
    record(session, actor, "hold.address_corrected", "order", order.fo_id)
    note = encode([Message.of("hold.address_corrected")])
    accept = order.mall_state == "requested"
    transition(
        session, order, RELEASED, actor, reason=note, notify=("accept", {}) if accept else None
    )
