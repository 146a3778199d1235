"""Checking each unit: the shared item-scan reading, then this station's own refusals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from packing.station.core import Act, Outcome
from packing.station.finish import finish_without_parcel, start_weighing
from packing.station.messages import refused
from packing.station.parcel import parcel_units
from warehouse.item_scan import ItemScan, match_sku, read_item_scan, shown
from warehouse.models import Location, OrderLine, PackUnit, PickTask, Sku, StockMove
from warehouse.shortages import DAMAGED, NOT_FOUND, SHIP_AVAILABLE, LineShortage, open_cases
from warehouse.stock.lookup import shippable
from warehouse.totes import tote_label
from warehouse.words import Message

SOURCE = "packing"
YES, NO = {"Y", "YES", "是", "1"}, {"N", "NO", "否", "0"}


def _other_order(a: Act, scan: ItemScan) -> Outcome | None:
    assert a.pack is not None
    if a.pack.batch_id is None:
        return None
    rows = a.session.execute(
        select(PickTask.tote, PickTask.sku_id)
        .where(PickTask.batch_id == a.pack.batch_id, PickTask.order_id != a.pack.order_id)
        .distinct()
    ).all()
    ids = sorted({sku_id for _, sku_id in rows})
    skus = list(a.session.scalars(select(Sku).where(Sku.id.in_(ids)).order_by(Sku.id)))
    hit = match_sku(a.session, scan, skus)
    if hit is None:
        return None
    tote = next(t for t, s in rows if s == hit.id)
    return a.discrepancy(
        "other_order", "station.other_order", scanned=scan.text, sku=hit.code,
        tote=tote_label(tote), order=a.order.order_sn,
    )  # fmt: skip


def _lot_refusal(a: Act, scan: ItemScan, sku: Sku, line_id: int) -> Outcome | None:
    if scan.expiry is not None:
        verdict = shippable(scan.expiry, a.today, sku.min_remaining_days)
        if verdict != "ok":
            return a.discrepancy(
                "expired", "station.expired", line_id=line_id, scanned=scan.text,
                lot=scan.lot or "-", sku=sku.code, expiry=f"{scan.expiry:%Y-%m-%d}",
            )  # fmt: skip
    if scan.lot:
        picked = set(
            a.session.scalars(
                select(PickTask.lot).where(
                    PickTask.order_line_id == line_id, PickTask.picked_qty > 0, PickTask.lot != ""
                )
            )
        )
        if picked and scan.lot not in picked:
            return a.discrepancy(
                "wrong_lot", "station.wrong_lot", line_id=line_id, scanned=scan.text,
                lot=scan.lot, sku=sku.code, picked=", ".join(sorted(picked)),
            )  # fmt: skip
    return None


def _serial_refusal(a: Act, scan: ItemScan, sku: Sku, line_id: int) -> Outcome | None:
    if not scan.serial:
        return None
    since = a.now - timedelta(seconds=a.settings.station.serial_repeat_s)
    seen = a.session.scalars(
        select(PackUnit.id).where(
            PackUnit.order_line_id == line_id,
            PackUnit.serial == scan.serial,
            PackUnit.kind.in_(("packed", "checking")),
            PackUnit.at >= since,
        )
    ).first()
    if seen is None:
        return None
    return a.discrepancy(
        "serial_twice", "station.serial_twice", line_id=line_id, scanned=scan.text,
        serial=scan.serial, sku=sku.code,
    )  # fmt: skip


def scan_item(a: Act, text: str) -> Outcome:
    assert a.pack is not None
    scan = read_item_scan(text, a.today)
    rows = a.rows()
    sku = match_sku(a.session, scan, [row.sku for row in rows])
    if sku is None:
        return _other_order(a, scan) or a.discrepancy(
            "wrong_item", "station.wrong_item", scanned=scan.text, scan=shown(scan.text),
            order=a.order.order_sn,
        )  # fmt: skip
    matching = [row.view for row in rows if row.sku.id == sku.id]
    view = next((v for v in matching if v.left > 0), matching[0])
    if view.left <= 0:
        return a.discrepancy(
            "extra_unit", "station.extra_unit", line_id=view.line_id, scanned=scan.text,
            sku=sku.code, qty=view.expected,
        )  # fmt: skip
    refusal = _lot_refusal(a, scan, sku, view.line_id) or _serial_refusal(
        a, scan, sku, view.line_id
    )
    if refusal is not None:
        return refusal
    a.session.execute(
        insert(PackUnit).values(
            session_id=a.pack.id, order_line_id=view.line_id, qty=1, lot=scan.lot or "",
            serial=scan.serial or "", parcel_no=a.pack.parcel_no, at=a.now,
            kind="checking" if sku.fragile else "packed",
        )
    )  # fmt: skip
    if sku.fragile:
        a.count(view.line_id, 1)
        a.pack.stage = "intact"
        return Outcome(Message.of("station.answer_intact", sku=sku.code))
    return _counted(a, sku.code, view.line_id, 1)


def _counted(a: Act, code: str, line_id: int, added: int) -> Outcome:
    """``added`` more units of the line are counted (0: a unit already counted was confirmed);
    the last one of the order asks for the parcel's weight."""
    view = a.count(line_id, added)
    if all(v.left <= 0 for v in a.lines()):
        return start_weighing(a)
    return Outcome(Message.of("station.counted", sku=code, done=view.packed, qty=view.expected))


def _maybe_weigh(a: Act) -> None:
    assert a.pack is not None
    a.forget()
    if any(v.left > 0 for v in a.lines()):
        return
    if parcel_units(a.session, a.pack):
        start_weighing(a)
    else:
        finish_without_parcel(a)


def _last_unit(a: Act) -> PackUnit | None:
    assert a.pack is not None
    return a.session.scalars(
        select(PackUnit)
        .where(
            PackUnit.session_id == a.pack.id,
            PackUnit.parcel_no == a.pack.parcel_no,
            PackUnit.parcel_id.is_(None),
            PackUnit.kind.in_(("packed", "checking")),
        )
        .order_by(PackUnit.id.desc())
        .limit(1)
    ).first()


def type_count(a: Act, count: int) -> Outcome:
    """The last scan stands for ``count`` identical units (not for high-value or serial goods)."""
    a.rows()  # the line and its SKU below come from here
    unit = _last_unit(a)
    if unit is None or unit.kind != "packed":
        raise refused("station.count_what")
    line = a.session.get_one(OrderLine, unit.order_line_id)
    sku = a.session.get_one(Sku, line.sku_id)
    if sku.high_value or unit.serial:
        return a.discrepancy("scan_each", "station.scan_each", line_id=line.id, sku=sku.code)
    view = next(v for v in a.lines() if v.line_id == line.id)
    more = count - unit.qty
    if more > view.left:
        return a.discrepancy(
            "extra_unit", "station.extra_unit", line_id=line.id, scanned=str(count),
            qty=view.expected, sku=sku.code,
        )  # fmt: skip
    if count < 1:
        raise refused("station.count_what")
    unit.qty = count
    return _counted(a, sku.code, line.id, more)


def answer_intact(a: Act, text: str) -> Outcome:
    assert a.pack is not None
    a.rows()  # the line and its SKU below come from here
    unit = _last_unit(a)
    answer = text.strip().upper()
    if unit is None or unit.kind != "checking":
        a.pack.stage = "scan"
        raise refused("station.count_what")
    line = a.session.get_one(OrderLine, unit.order_line_id)
    sku = a.session.get_one(Sku, line.sku_id)
    if answer not in YES | NO:
        raise refused("station.answer_intact", sku=sku.code)
    a.pack.stage = "scan"
    if answer in YES:
        unit.kind = "packed"
        return _counted(a, sku.code, line.id, 0)
    unit.kind = "damaged"
    place = _damage_location(a)
    a.session.add(
        StockMove(
            at=a.now,
            sku_id=sku.id,
            owner_id=sku.merchant_id,
            lot=unit.lot,
            from_location_id=None,
            to_location_id=place.id,
            qty=unit.qty,
            reason="damaged",
            user_id=a.actor.user_id,
            reference=a.order.order_sn,
        )
    )
    _short(a, line, unit.qty, DAMAGED)
    a.discrepancy("damaged", "station.damaged", line_id=line.id, sku=sku.code, location=place.code)
    a.session.flush()
    _maybe_weigh(a)
    return Outcome(Message.of("station.damaged", sku=sku.code, location=place.code), bell=True)


def _damage_location(a: Act) -> Location:
    code = a.settings.station.damage_location
    place = a.session.scalars(select(Location).where(Location.code == code)).first()
    if place is None:
        place = Location(code=code, zone="DMG", aisle=0, bay=0, level=0, bin="", kind="damage")
        a.session.add(place)
        a.session.flush()
    return place


def _short(a: Act, line: OrderLine, qty: int, reason: str) -> None:
    assert a.pack is not None
    line.short += qty
    a.forget()
    shorts = [v.short for v in a.lines() if v.line_id == line.id]
    available = line.picked - sum(shorts)
    open_cases(
        a.session, a.actor, a.order, [LineShortage(line, max(0, available), reason)],
        source=SOURCE, proposal=SHIP_AVAILABLE,
    )  # fmt: skip


def short_line(a: Act, line_id: int | None) -> Outcome:
    """What is left of a line (the first incomplete one by default) is not there: shorted."""
    assert a.pack is not None
    views = [v for v in a.lines() if v.left > 0]
    view = next((v for v in views if line_id in (None, v.line_id)), None)
    if view is None:
        raise refused("station.nothing_short")
    line = a.session.get_one(OrderLine, view.line_id)
    a.session.add(
        PackUnit(
            session_id=a.pack.id,
            order_line_id=line.id,
            qty=view.left,
            kind="short",
            parcel_no=a.pack.parcel_no,
            at=a.now,
        )
    )
    a.session.flush()
    _short(a, line, view.left, NOT_FOUND)
    a.discrepancy(
        "short",
        "station.shorted",
        line_id=line.id,
        units=view.left,
        qty=view.left,
        sku=view.sku_code,
    )
    _maybe_weigh(a)
    return Outcome(Message.of("station.shorted", sku=view.sku_code, qty=view.left), bell=True)


def unscan(a: Act) -> Outcome:
    """Take the last counted unit of the open parcel off again."""
    assert a.pack is not None
    unit = _last_unit(a)
    if unit is None:
        raise refused("station.nothing_to_unscan")
    line = a.session.get_one(OrderLine, unit.order_line_id)
    if unit.qty > 1:
        unit.qty -= 1
    else:
        a.session.delete(unit)
    a.forget()
    a.pack.stage = "scan"
    return Outcome(Message.of("station.unscanned", sku=line.sku_code))
