"""Tracking numbers come from the carriers' ranges with their check digits, never twice."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from shipping.check_digits import is_valid, mod7, mod10, s10
from shipping.errors import RangeExhausted
from shipping.tracking import Carrier, carrier_for, draw_tracking_number, format_number
from tests.shipping.helpers import documented
from warehouse.config_shipping import CarrierSettings, TrackingRangeSettings
from warehouse.db import Database
from warehouse.models import TrackingRange


def test_check_digits_follow_each_rule() -> None:
    assert s10("47312482") == "9"  # the UPU S10 example RR 47312482 9 GB
    assert mod10("7992739871") == "3"  # the Luhn example
    assert mod7("100000000005") == str(100000000005 % 7)
    assert is_valid("mod10", "79927398713") and not is_valid("mod10", "79927398710")


def test_numbers_are_printed_as_the_carrier_writes_them() -> None:
    ems = documented().carrier("EMS").tracking[0]
    assert format_number(ems, 47312482) == "EA473124829CN"
    sf = documented().carrier("SF").tracking[0]
    assert format_number(sf, 100000000005) == "SF100000000005" + mod7("100000000005")


def small_carrier(*sizes: int) -> CarrierSettings:
    ranges, start = [], 1000
    for n, size in enumerate(sizes):
        ranges.append(
            TrackingRangeSettings(
                name=f"R{n}", first=start, last=start + size - 1, width=6, check="mod7"
            )
        )
        start += 1000
    return CarrierSettings(code="TST", name="Test", tracking=ranges)


def test_a_station_draws_the_next_number_of_the_range_then_the_next_range(
    database: Database,
) -> None:
    carrier: Carrier = carrier_for(small_carrier(2, 1))
    with database.unit_of_work() as session:
        numbers = [carrier.tracking_number(session, f"P{n}") for n in range(3)]
    assert numbers == ["0010006", "0010010", "0020005"]  # serial + (serial mod 7)
    with database.unit_of_work() as session:
        rows = session.scalars(select(TrackingRange).order_by(TrackingRange.name)).all()
        assert [(r.name, r.next_serial) for r in rows] == [("R0", 1002), ("R1", 2001)]


def test_a_used_up_carrier_says_so_in_one_sentence(database: Database) -> None:
    carrier = small_carrier(1)
    with database.unit_of_work() as session:
        draw_tracking_number(session, carrier)
    with pytest.raises(RangeExhausted) as refused, database.unit_of_work() as session:
        draw_tracking_number(session, carrier)
    assert str(refused.value) == (
        "TST has no tracking numbers left: add a new range to its [[carriers.tracking]]."
    )
    assert refused.value.zh == "TST 的运单号已用完：请在其 [[carriers.tracking]] 中添加新号段。"


def test_a_rolled_back_parcel_gives_its_number_back(database: Database) -> None:
    carrier = small_carrier(5)
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        draw_tracking_number(session, carrier)
        raise RuntimeError("printer jammed")
    with database.unit_of_work() as session:
        assert draw_tracking_number(session, carrier) == "0010006"


@pytest.mark.postgres
def test_stations_drawing_at_once_never_get_the_same_number(pg_database: Database) -> None:
    carrier = small_carrier(150, 200)
    stations, each = 6, 50
    drawn: list[str] = []
    errors: list[BaseException] = []
    lock, start = threading.Lock(), threading.Barrier(stations)

    def station() -> None:
        database = Database.from_url(pg_database.url)
        try:
            start.wait()
            for _ in range(each):
                with database.unit_of_work() as session:
                    number = draw_tracking_number(session, carrier)
                with lock:
                    drawn.append(number)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=station) for _ in range(stations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(drawn) == stations * each == len(set(drawn))
    serials = sorted(int(n[:-1]) for n in drawn)
    assert serials == list(range(1000, 1150)) + list(range(2000, 2150))
