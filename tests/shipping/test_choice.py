"""The cheapest service that meets the promise wins; the packer may override with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from shipping.choice import ParcelFacts, choose_service, next_collection
from shipping.errors import NoService, ShippingError
from tests.shipping.helpers import EVENING, MORNING, documented

SETTINGS = documented()
TZ = SETTINGS.site.timezone
SMALL = (220, 160, 110)


def facts(**changes: object) -> ParcelFacts:
    base: dict[str, object] = {
        "province": "浙江省",
        "city": "杭州市",
        "dims_mm": SMALL,
        "weight_kg": Decimal("0.8"),
    }
    base.update(changes)
    return ParcelFacts(**base)  # type: ignore[arg-type]


def test_without_a_promise_the_cheapest_service_wins() -> None:
    decision = choose_service(SETTINGS.carriers, facts(), MORNING, TZ)
    assert (decision.carrier, decision.service, decision.cost) == (
        "ZTO",
        "standard",
        Decimal("10.00"),
    )
    assert decision.zone == "national" and not decision.overridden
    assert "ZTO" not in decision.reason.render("en") and "中通标快" in decision.reason.render("en")


def test_a_tight_delivery_promise_picks_the_cheapest_fast_enough_service() -> None:
    promise = datetime(2026, 12, 2, 15, 59, tzinfo=UTC)  # 12-02 23:59 Shanghai: next day
    decision = choose_service(SETTINGS.carriers, facts(deliver_by=promise), MORNING, TZ)
    assert (decision.carrier, decision.service) == ("SF", "express")
    late = [o for o in decision.options if o.late is not None]
    assert {(o.carrier, o.service) for o in late} == {
        ("SF", "standard"),
        ("ZTO", "standard"),
        ("EMS", "standard"),
    }


def test_cash_on_delivery_rules_out_services_that_do_not_collect_it() -> None:
    promise = datetime(2026, 12, 2, 15, 59, tzinfo=UTC)
    decision = choose_service(SETTINGS.carriers, facts(deliver_by=promise, cod=True), MORNING, TZ)
    express = next(o for o in decision.options if o.service == "express")
    assert express.refusal is not None and "cash on delivery" in express.refusal.render("en")
    # No COD service is next-day: the one that arrives first is chosen, and says so.
    assert (decision.carrier, decision.service) == ("SF", "standard")
    assert "No service meets the promise" in decision.reason.render("en")


def test_after_the_cut_off_a_parcel_leaves_tomorrow_and_misses_todays_due_time() -> None:
    due = EVENING + timedelta(hours=2)
    decision = choose_service(SETTINGS.carriers, facts(due=due), EVENING, TZ)
    assert all(o.late is not None for o in decision.options)
    assert decision.collection.astimezone(UTC).date() == datetime(2026, 12, 2).date()
    zto = next_collection(SETTINGS.carrier("ZTO").cutoff, MORNING, decision.collection.tzinfo)  # type: ignore[arg-type]
    assert zto == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_due_time_excludes_carriers_collecting_too_late() -> None:
    due = datetime(
        2026, 12, 1, 9, 30, tzinfo=UTC
    )  # 17:30 Shanghai: ZTO (17:00) and EMS (16:30) collect in time
    decision = choose_service(SETTINGS.carriers, facts(due=due), MORNING, TZ)
    sf = [o for o in decision.options if o.carrier == "SF"]
    assert all(o.late is not None for o in sf)
    assert decision.carrier == "ZTO"


def test_a_remote_destination_costs_the_remote_rate() -> None:
    decision = choose_service(
        SETTINGS.carriers, facts(province="新疆维吾尔自治区", city="喀什"), MORNING, TZ
    )
    assert decision.zone == "remote" and (decision.carrier, decision.cost) == (
        "ZTO",
        Decimal("18.00"),
    )


def test_the_packer_overrides_with_a_reason_and_the_record_keeps_both() -> None:
    decision = choose_service(
        SETTINGS.carriers,
        facts(),
        MORNING,
        TZ,
        override=("SF", "standard"),
        reason="客户要求顺丰",
        actor="P001",
    )
    assert (decision.carrier, decision.service, decision.cost) == (
        "SF",
        "standard",
        Decimal("18.00"),
    )
    assert decision.overridden and decision.suggested.carrier == "ZTO"
    assert "P001" in decision.reason.render("en") and "客户要求顺丰" in decision.reason.render(
        "zh_CN"
    )


def test_an_override_needs_a_reason_and_a_service_that_can_take_the_parcel() -> None:
    with pytest.raises(ShippingError, match="Say why"):
        choose_service(SETTINGS.carriers, facts(), MORNING, TZ, override=("SF", "standard"))
    with pytest.raises(ShippingError, match="no service overnight"):
        choose_service(
            SETTINGS.carriers, facts(), MORNING, TZ, override=("SF", "overnight"), reason="x"
        )
    with pytest.raises(NoService, match="cash on delivery"):
        choose_service(
            SETTINGS.carriers, facts(cod=True), MORNING, TZ, override=("SF", "express"), reason="x"
        )


def test_a_parcel_no_carrier_takes_is_refused_in_one_sentence() -> None:
    with pytest.raises(NoService) as refused:
        choose_service(SETTINGS.carriers, facts(weight_kg=Decimal("45")), MORNING, TZ)
    assert str(refused.value).startswith("No carrier can take this parcel to 浙江省:")
    assert refused.value.zh and refused.value.zh.startswith("没有承运商")
