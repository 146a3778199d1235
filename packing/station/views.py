"""What the packer's screen shows, read from the database alone (a killed station resumes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, String, bindparam, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from warehouse.models import (
    Order,
    OrderLine,
    PackDiscrepancy,
    PackSession,
    PackUnit,
    Parcel,
    Shipment,
    Sku,
)
from warehouse.states import ParcelState, ShipmentState
from warehouse.words import Message, decode

COUNTED = ("packed", "checking")
LOST = ("damaged", "short")
SHOWN_DISCREPANCIES = 8


@dataclass(frozen=True)
class LineView:
    line_id: int
    sku_code: str
    name_zh: str
    name_en: str
    expected: int
    packed: int
    short: int
    in_parcel: int
    fragile: bool
    high_value: bool
    sku_id: int = 0

    @property
    def left(self) -> int:
        return self.expected - self.packed - self.short

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") or not self.name_en else self.name_en

    @property
    def notes(self) -> tuple[str, ...]:
        """Handling note keys (``packing.station.messages``)."""
        return tuple(
            k
            for k, on in (
                ("handling.fragile", self.fragile),
                ("handling.high_value", self.high_value),
            )
            if on
        )


@dataclass(frozen=True)
class ClosedParcel:
    box: str
    carrier: str
    tracking_no: str
    voided: bool = False
    """Reopened before handover: its label is void (the parcel closes again with a new one)."""


@dataclass(frozen=True)
class StationView:
    stage: str
    """``idle``, ``scan``, ``intact``, ``weigh`` or ``done``."""
    session_id: int | None = None
    order_sn: str = ""
    cart: str = ""
    tote: str = ""
    parcel_no: int = 0
    lines: tuple[LineView, ...] = ()
    discrepancies: tuple[Message, ...] = ()
    box: str = ""
    box_suggested: str = ""
    expected_kg: Decimal | None = None
    last_weight_kg: Decimal | None = None
    carrier: str = ""
    print_state: str = ""
    print_note: tuple[Message, ...] = ()
    message: Message | None = None
    bell: bool = False
    parcels: tuple[ClosedParcel, ...] = field(default_factory=tuple)
    """The order's closed parcels, voided ones too."""

    @property
    def left(self) -> int:
        return sum(line.left for line in self.lines)

    @property
    def done_units(self) -> int:
        return sum(line.packed + line.short for line in self.lines)

    @property
    def total_units(self) -> int:
        return sum(line.expected for line in self.lines)


@dataclass(frozen=True)
class LineRow:
    """One order line as an action sees it: the rows (in the session) and what is counted."""

    line: OrderLine
    sku: Sku
    view: LineView


def _line_rows() -> Select[Any]:
    counted = PackUnit.kind.in_(COUNTED)
    here = counted & (PackUnit.parcel_no == bindparam("parcel_no"))
    units = (
        select(
            PackUnit.order_line_id.label("line_id"),
            func.sum(case((counted, PackUnit.qty), else_=0)).label("counted"),
            func.sum(case((PackUnit.kind.in_(LOST), PackUnit.qty), else_=0)).label("lost"),
            func.sum(case((here, PackUnit.qty), else_=0)).label("here"),
        )
        .where(PackUnit.session_id == bindparam("session_id"))
        .group_by(PackUnit.order_line_id)
        .subquery()
    )
    return (
        select(OrderLine, Sku, units.c.counted, units.c.lost, units.c.here)
        .join(Sku, Sku.id == OrderLine.sku_id)
        .outerjoin(units, units.c.line_id == OrderLine.id)
        .where(OrderLine.order_id == bindparam("order_id"), OrderLine.cancelled.is_(False))
        .order_by(OrderLine.id)
    )


_LINE_ROWS = _line_rows()
"""Built once (it is read on every unit scan); the session, parcel and order are bound."""


def line_rows(session: Session, pack: PackSession) -> list[LineRow]:
    """The order's lines with their SKUs and the units counted so far, in one statement."""
    rows = session.execute(
        _LINE_ROWS,
        {"session_id": pack.id, "parcel_no": pack.parcel_no, "order_id": pack.order_id},
    )
    return [
        LineRow(
            line,
            sku,
            LineView(
                line.id,
                sku.code,
                sku.name_zh,
                sku.name_en,
                line.picked,
                int(packed or 0),
                int(lost or 0),
                int(here or 0),
                sku.fragile,
                sku.high_value,
                sku.id,
            ),
        )
        for line, sku, packed, lost, here in rows
    ]


def line_views(session: Session, pack: PackSession) -> tuple[LineView, ...]:
    return tuple(row.view for row in line_rows(session, pack))


def _found_and_parcels(
    session: Session, pack: PackSession
) -> tuple[tuple[Message, ...], tuple[ClosedParcel, ...]]:
    """The latest discrepancies of the session and the order's parcels, in one statement."""
    empty = literal("", String)
    latest = (
        select(PackDiscrepancy.id)
        .where(PackDiscrepancy.session_id == pack.id)
        .order_by(PackDiscrepancy.id.desc())
        .limit(SHOWN_DISCREPANCIES)
    )
    found = select(
        literal("d", String).label("what"), PackDiscrepancy.id.label("id"),
        PackDiscrepancy.message.label("text"), empty.label("box"), empty.label("carrier"),
        empty.label("tracking"), empty.label("state"),
    ).where(PackDiscrepancy.id.in_(latest))  # fmt: skip
    parcels = (
        select(
            literal("p", String),
            Parcel.id,
            empty,
            Parcel.box_code,
            Parcel.carrier_code,
            Parcel.tracking_no,
            Parcel.state,
        )
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .where(Shipment.order_id == pack.order_id, Shipment.state != ShipmentState.CANCELLED)
    )
    rows = sorted(session.execute(union_all(found, parcels)), key=lambda r: r[1])
    messages = tuple(m for r in reversed(rows) if r[0] == "d" for m in decode(r[2]))
    closed = tuple(
        ClosedParcel(r[3], r[4], r[5], r[6] == ParcelState.VOIDED) for r in rows if r[0] == "p"
    )
    return messages, closed


def station_view(
    session: Session,
    pack: PackSession | None,
    *,
    order_sn: str = "",
    lines: tuple[LineView, ...] | None = None,
    message: Message | None = None,
    bell: bool = False,
    cart: str = "",
) -> StationView:
    """What the screen shows; ``lines`` when the caller has them already (saves a read)."""
    if pack is None:
        return StationView(stage="idle", message=message, bell=bell)
    if not order_sn:
        order_sn = session.get_one(Order, pack.order_id).order_sn
    found, parcels = _found_and_parcels(session, pack)
    stage = "done" if pack.state == "closed" else pack.stage
    return StationView(
        stage=stage,
        session_id=pack.id,
        order_sn=order_sn,
        cart=cart,
        tote=f"T{pack.tote:02d}" if pack.tote else "",
        parcel_no=pack.parcel_no,
        lines=lines if lines is not None else line_views(session, pack),
        discrepancies=found,
        box=pack.box_code,
        box_suggested=pack.box_suggested,
        expected_kg=None,
        last_weight_kg=pack.last_weight_kg,
        carrier=pack.carrier_override,
        print_state=pack.print_state,
        print_note=tuple(decode(pack.print_note)),
        message=message,
        bell=bell,
        parcels=parcels,
    )
