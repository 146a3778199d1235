"""What the packer's screen shows, read from the database alone (a killed station resumes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.models import Order, OrderLine, PackDiscrepancy, PackSession, PackUnit, Parcel, Sku
from warehouse.words import Message, decode

COUNTED = ("packed", "checking")
LOST = ("damaged", "short")


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
    parcels: tuple[str, ...] = field(default_factory=tuple)
    """``box tracking`` of each closed parcel."""

    @property
    def left(self) -> int:
        return sum(line.left for line in self.lines)

    @property
    def done_units(self) -> int:
        return sum(line.packed + line.short for line in self.lines)

    @property
    def total_units(self) -> int:
        return sum(line.expected for line in self.lines)


def line_views(session: Session, pack: PackSession) -> tuple[LineView, ...]:
    counts: dict[int, dict[str, int]] = {}
    parcel: dict[int, int] = {}
    rows = session.execute(
        select(PackUnit.order_line_id, PackUnit.kind, PackUnit.parcel_no, func.sum(PackUnit.qty))
        .where(PackUnit.session_id == pack.id)
        .group_by(PackUnit.order_line_id, PackUnit.kind, PackUnit.parcel_no)
    )
    for line_id, kind, parcel_no, qty in rows:
        bucket = counts.setdefault(line_id, {})
        bucket[kind] = bucket.get(kind, 0) + int(qty)
        if kind in COUNTED and parcel_no == pack.parcel_no:
            parcel[line_id] = parcel.get(line_id, 0) + int(qty)
    lines = session.execute(
        select(OrderLine, Sku)
        .join(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id == pack.order_id, OrderLine.cancelled.is_(False))
        .order_by(OrderLine.id)
    )
    views = []
    for line, sku in lines:
        got = counts.get(line.id, {})
        views.append(
            LineView(
                line.id,
                sku.code,
                sku.name_zh,
                sku.name_en,
                line.picked,
                sum(got.get(k, 0) for k in COUNTED),
                sum(got.get(k, 0) for k in LOST),
                parcel.get(line.id, 0),
                sku.fragile,
                sku.high_value,
                sku.id,
            )
        )
    return tuple(views)


def station_view(
    session: Session,
    pack: PackSession | None,
    *,
    message: Message | None = None,
    bell: bool = False,
    cart: str = "",
) -> StationView:
    if pack is None:
        return StationView(stage="idle", message=message, bell=bell)
    order = session.get_one(Order, pack.order_id)
    found = session.scalars(
        select(PackDiscrepancy.message)
        .where(PackDiscrepancy.session_id == pack.id)
        .order_by(PackDiscrepancy.id.desc())
        .limit(8)
    )
    closed = session.scalars(
        select(Parcel)
        .join(PackUnit, PackUnit.parcel_id == Parcel.id)
        .where(PackUnit.session_id == pack.id)
        .distinct()
        .order_by(Parcel.id)
    )
    stage = "done" if pack.state == "closed" else pack.stage
    return StationView(
        stage=stage,
        session_id=pack.id,
        order_sn=order.order_sn,
        cart=cart,
        tote=f"T{pack.tote:02d}" if pack.tote else "",
        parcel_no=pack.parcel_no,
        lines=line_views(session, pack),
        discrepancies=tuple(m for stored in found for m in decode(stored)),
        box=pack.box_code,
        box_suggested=pack.box_suggested,
        expected_kg=None,
        last_weight_kg=pack.last_weight_kg,
        carrier=pack.carrier_override,
        print_state=pack.print_state,
        print_note=tuple(decode(pack.print_note)),
        message=message,
        bell=bell,
        parcels=tuple(f"{p.box_code} {p.carrier_code} {p.tracking_no}" for p in closed),
    )
