"""The box suggestion is priced with the carrier and service the shipping rules choose for the
order (destination, COD, due time), or with the packer's override: not the first carrier."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from packing.station.parcel import ParcelUnits, suggest_box
from tests.packing.helpers import documented
from warehouse.models import Order, OrderLine, Sku

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _order(*, due: datetime, cod: bool = False, province: str = "北京") -> Order:
    return Order(
        ship_province=province, ship_city=f"{province}市", due_at=due,
        payment_method="cod" if cod else "online", cod_amount=Decimal("50") if cod else 0,
    )  # fmt: skip


def _tea() -> list[ParcelUnits]:
    sku = Sku(
        id=1, code="TEA", length_mm=120, width_mm=80, height_mm=60, weight_kg=Decimal("0.300"),
        fragile=False, high_value=False,
    )  # fmt: skip
    return [ParcelUnits(OrderLine(id=1, sku_id=1, unit_price=Decimal("9")), sku, 1)]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def test_the_cheapest_on_time_service_prices_the_box() -> None:
    settings = documented()
    assert settings.carriers[0].code == "SF"  # the first carrier is not the cheapest here
    box = suggest_box(settings, _order(due=at(25, 18)), _tea(), at(24, 10))
    assert (box.box, box.carrier, box.service, box.freight) == (
        "B12", "ZTO", "standard", Decimal("10.00"),
    )  # fmt: skip


def test_a_due_time_only_sf_meets_prices_the_box_with_sf() -> None:
    # 17:30: ZTO (17:00) and EMS (16:30) collect tomorrow, SF still at 18:00, before the 18:30 due
    box = suggest_box(documented(), _order(due=at(24, 18, 30)), _tea(), at(24, 17, 30))
    assert (box.carrier, box.service, box.freight) == ("SF", "standard", Decimal("18.00"))


def test_the_packers_override_prices_the_box() -> None:
    box = suggest_box(
        documented(), _order(due=at(25, 18)), _tea(), at(24, 10), override="ems/standard"
    )
    assert (box.carrier, box.service, box.freight) == ("EMS", "standard", Decimal("15.00"))


def test_a_remote_destination_is_priced_at_the_remote_rate() -> None:
    box = suggest_box(documented(), _order(due=at(26, 18), province="西藏"), _tea(), at(24, 10))
    assert (box.carrier, box.freight) == ("ZTO", Decimal("18.00"))
