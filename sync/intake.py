"""One order snapshot from the mall into the warehouse: create, update, or ignore as stale.

A new order passes the intake checks and is released (with an ``accept`` queued in the
outbox) or held with a reason a supervisor can read; nothing is accepted that is held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract import OrderSnapshot, priority_level
from sync.intake_checks import check_intake
from sync.order_changes import answer_cancel_request, cancel_order, replace_lines
from warehouse.audit import Actor, record
from warehouse.bulk import among
from warehouse.config import Settings
from warehouse.models import Merchant, Order, OrderLine, Sku
from warehouse.orders import CANCELLED, FINAL_STATES, HELD, RECEIVED, RELEASED, SHIPPED, transition
from warehouse.pii import Receiver, ReceiverCipher
from warehouse.priority import recompute_priority
from warehouse.states import OrderState
from warehouse.users import require_role


@dataclass
class IntakeContext:
    """What intake needs besides the session; caches merchants and SKUs for one page."""

    settings: Settings
    cipher: ReceiverCipher
    actor: Actor = field(default_factory=lambda: Actor.system("sync"))
    merchants: dict[str, Merchant] = field(default_factory=dict)
    sku_ids: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def warehouse_code(self) -> str:
        return self.settings.site.warehouse_code

    @property
    def language(self) -> str:
        return self.settings.language

    def prefetch(self, session: Session, snapshots: list[OrderSnapshot]) -> None:
        self.merchants, self.sku_ids = {}, {}
        if not snapshots:
            return  # (``among`` needs at least one value to know its type)
        self.merchants = {
            m.mall_id: m
            for m in session.scalars(
                select(Merchant).where(
                    among(session, Merchant.mall_id, {s.merchant.id for s in snapshots})
                )
            )
        }
        codes = {line.sku_code for s in snapshots for line in s.lines}
        self.sku_ids = {
            (merchant_id, code): sku_id
            for sku_id, merchant_id, code in session.execute(
                select(Sku.id, Sku.merchant_id, Sku.code).where(among(session, Sku.code, codes))
            )
        }

    def merchant(self, session: Session, snapshot: OrderSnapshot) -> Merchant:
        merchant = self.merchants.get(snapshot.merchant.id)
        if merchant is None:
            merchant = Merchant(mall_id=snapshot.merchant.id, name=snapshot.merchant.name)
            session.add(merchant)
            session.flush()
            record(
                session,
                self.actor,
                "merchant.created",
                "merchant",
                snapshot.merchant.id,
                note="first order of this merchant from the mall",
            )
            self.merchants[snapshot.merchant.id] = merchant
        return merchant

    def sku_map(self, merchant: Merchant, snapshot: OrderSnapshot) -> dict[str, int]:
        return {
            line.sku_code: self.sku_ids[(merchant.id, line.sku_code)]
            for line in snapshot.lines
            if (merchant.id, line.sku_code) in self.sku_ids
        }


def _receiver(snapshot: OrderSnapshot) -> Receiver:
    r = snapshot.receiver
    return Receiver(
        name=r.name,
        mobile=r.mobile,
        phone=r.phone,
        province=r.province,
        city=r.city,
        district=r.district,
        detail=r.detail,
        postcode=r.postcode,
    )


def order_fields(snapshot: OrderSnapshot, context: IntakeContext) -> dict[str, Any]:
    """The order's columns that each mall version sets (receiver sealed), by column name."""
    return {
        "version": snapshot.version,
        "change_seq": snapshot.change_seq,
        "order_sn": snapshot.order_sn,
        "group_order_sn": snapshot.group_order_sn or "",
        "mall_state": snapshot.state,
        "placed_at": snapshot.placed_at,
        "paid_at": snapshot.paid_at,
        "due_at": snapshot.ship_by,
        "expedited": priority_level(snapshot.priority)[0] == "urgent",
        "gift": snapshot.gift,
        "payment_method": snapshot.payment.kind,
        "paid": snapshot.payment.paid,
        "cod_amount": snapshot.payment.cod_amount or 0,
        "currency": snapshot.payment.currency,
        "receiver_sealed": context.cipher.seal(_receiver(snapshot), bound_to=snapshot.fo_id),
        "ship_province": snapshot.receiver.province,
        "ship_city": snapshot.receiver.city,
        "buyer_note": snapshot.buyer_note[:500],
    }


def line_fields(snapshot: OrderSnapshot, sku_ids: dict[str, int]) -> list[dict[str, Any]]:
    """The columns of a new order's lines, in the snapshot's order."""
    return [
        {
            "line_id": line.line_id,
            "sku_code": line.sku_code,
            "name": line.name[:200],
            "qty": line.qty,
            "unit_price": line.unit_price,
            "sku_id": sku_ids.get(line.sku_code),
        }
        for line in snapshot.lines
    ]


def _copy_fields(order: Order, snapshot: OrderSnapshot, context: IntakeContext) -> None:
    for name, value in order_fields(snapshot, context).items():
        setattr(order, name, value)


def _release_or_hold(
    session: Session,
    order: Order,
    snapshot: OrderSnapshot,
    sku_ids: dict[str, int],
    context: IntakeContext,
) -> str:
    decision = check_intake(snapshot, known_skus=sku_ids)
    reason = decision.stored_holds
    order.warnings = decision.stored_warnings
    if not decision.release:
        if order.state == HELD and order.hold_reason == reason:
            return "held_again"
        if order.state == HELD:
            order.hold_reason = reason
            return "held_again"
        transition(session, order, HELD, context.actor, reason=reason)
        return "held"
    accepted_already = snapshot.state != "requested"
    transition(
        session,
        order,
        RELEASED,
        context.actor,
        reason=f"intake checks passed (mall version {snapshot.version})",
        notify=None if accepted_already else ("accept", {}),
    )
    recompute_priority(order, context.settings)
    return "released"


def _create(session: Session, snapshot: OrderSnapshot, context: IntakeContext) -> Order:
    merchant = context.merchant(session, snapshot)
    sku_ids = context.sku_map(merchant, snapshot)
    order = Order(fo_id=snapshot.fo_id, merchant_id=merchant.id, state=RECEIVED, version=0)
    _copy_fields(order, snapshot, context)
    order.lines = [OrderLine(**fields) for fields in line_fields(snapshot, sku_ids)]
    session.add(order)
    return order  # its first transition (to held, released or cancelled) is the audit record


def apply_snapshot(
    session: Session, snapshot: OrderSnapshot, existing: dict[str, Order], context: IntakeContext
) -> list[str]:
    """Upsert by ``(fo_id, version)``; returns what happened (``new``, ``held``, ...).
    Intake's work: ``context.actor`` is the system component that reads the mall."""
    require_role(session, context.actor, system=True)
    order = existing.get(snapshot.fo_id)
    if order is not None and snapshot.version <= order.version:
        return ["ignored"]
    outcome: list[str] = []
    if order is None:
        order = _create(session, snapshot, context)
        existing[snapshot.fo_id] = order
        outcome.append("new")
        if snapshot.state in ("cancelled", "rejected"):
            transition(
                session, order, CANCELLED, context.actor, reason=f"{snapshot.state} at the mall"
            )
            return [*outcome, "cancelled"]
        if snapshot.state in ("shipped", "partially_shipped"):
            order.state = SHIPPED  # history from an import: nothing left to do here
            record(
                session,
                context.actor,
                "order.imported",
                "order",
                snapshot.fo_id,
                after={"state": SHIPPED, "mall_state": snapshot.state},
            )
            return outcome
    else:
        was_cancel_requested = order.cancel_requested
        if snapshot.cancel_request is None:
            order.cancel_requested = False  # answered (or withdrawn): a later request is new
        _copy_fields(order, snapshot, context)
        outcome.append("updated")
        gone = (SHIPPED, OrderState.PARTIALLY_SHIPPED, OrderState.DELIVERED)
        if order.state in FINAL_STATES and order.state not in gone:
            return outcome
        if snapshot.state == "cancelled":
            if order.state not in gone:
                cancel_order(
                    session, order, context.actor, answer=False, reason="cancelled at the mall"
                )
                outcome.append("cancelled")
            return outcome
        if snapshot.cancel_request is not None and not was_cancel_requested:
            result = answer_cancel_request(session, order, context.actor)
            if result.startswith("cancelled"):
                outcome.append("cancelled")
            return outcome
        merchant = context.merchant(session, snapshot)
        replace_lines(session, order, snapshot, context.sku_map(merchant, snapshot), context.actor)
        if order.state not in (HELD, RECEIVED):
            return outcome  # released or in work: payment and address changes need no decision
    merchant = context.merchant(session, snapshot)
    result = _release_or_hold(
        session, order, snapshot, context.sku_map(merchant, snapshot), context
    )
    if result in ("held", "released"):
        outcome.append(result)
    return outcome
