"""The choice of quants for one line, without a database."""

from __future__ import annotations

from datetime import date

from warehouse.allocation.plan import Candidate, plan_line
from warehouse.stock.lookup import shippable

TODAY = date(2026, 11, 24)


def quant(qid: int, free: int, *, face: bool = True, expiry: date | None = None) -> Candidate:
    return Candidate(qid, sku_id=1, location_id=qid, pick_face=face, available=free, expiry=expiry)


def taken(plan: list[tuple[Candidate, int]]) -> list[tuple[int, int]]:
    return [(c.quant_id, q) for c, q in plan]


def test_the_smallest_shelf_that_covers_the_line_is_chosen() -> None:
    shelves = [quant(1, 50), quant(2, 5), quant(3, 8)]
    assert taken(plan_line(shelves, 6, fefo=False)) == [(3, 6)]


def test_without_a_covering_shelf_the_biggest_go_first() -> None:
    shelves = [quant(1, 2), quant(2, 5), quant(3, 4)]
    assert taken(plan_line(shelves, 8, fefo=False)) == [(2, 5), (3, 3)]


def test_reserve_only_tops_up_what_the_pick_faces_lack() -> None:
    shelves = [quant(1, 100, face=False), quant(2, 3)]
    assert taken(plan_line(shelves, 4, fefo=False)) == [(2, 3), (1, 1)]


def test_first_expiry_first_out_beats_pick_face_first() -> None:
    shelves = [
        quant(1, 10, expiry=date(2027, 3, 1)),
        quant(2, 10, face=False, expiry=date(2027, 1, 1)),
    ]
    assert taken(plan_line(shelves, 12, fefo=True)) == [(2, 10), (1, 2)]


def test_two_lines_of_one_sku_never_plan_the_same_unit() -> None:
    shelves = [quant(1, 3)]
    booked: dict[int, int] = {}
    assert taken(plan_line(shelves, 2, fefo=False, taken=booked)) == [(1, 2)]
    assert taken(plan_line(shelves, 2, fefo=False, taken=booked)) == [(1, 1)]


def test_a_lot_is_expired_on_its_date_and_short_dated_below_the_minimum() -> None:
    assert shippable(TODAY, TODAY, 0) == "expired"
    assert shippable(date(2026, 11, 30), TODAY, 7) == "short_dated"
    assert shippable(date(2026, 12, 1), TODAY, 7) == "ok"
    assert shippable(None, TODAY, 7) == "ok"
