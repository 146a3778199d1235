"""One round of hearing the carriers: ``wms tracking --once|--watch`` and the demo's built-in
carrier run this same code.

A round pulls every new page of each carrier's events (``shipping.tracking_feed.pull``),
queues parcels not signed in time (``check_overdue``), and expects every refused or returned
parcel back at the returns station (``returns.refused.receive_refused_delivery``, once per
parcel), so the returns clerk can receive it by its tracking number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from returns.refused import receive_refused_delivery
from shipping.delivery_actions import expected_returns
from shipping.delivery_exceptions import check_overdue
from shipping.tracking_feed import ACTOR, TrackingAdapter, adapter_for, pull
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError

BUILTIN = "builtin"


@dataclass
class TrackingRound:
    parts: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    overdue: int = 0
    expected_back: int = 0

    def line(self) -> str:
        return "; ".join([*self.parts, f"{self.overdue} overdue"])


def pulled_carriers(settings: Settings) -> dict[str, TrackingAdapter]:
    """The adapters ``wms tracking`` pulls: every ``[[delivery.tracking]]`` entry with an
    adapter, except the built-in carrier (the app hears that one itself)."""
    adapters: dict[str, TrackingAdapter] = {}
    for entry in settings.delivery.tracking:
        if entry.base_url == BUILTIN:
            continue
        adapter = adapter_for(settings, entry.carrier)
        if adapter is not None:
            adapters[entry.carrier] = adapter
    return adapters


def builtin_carriers(settings: Settings) -> list[str]:
    """Carriers heard through the built-in reference carrier (``base_url = "builtin"``)."""
    return [
        e.carrier
        for e in settings.delivery.tracking
        if e.base_url == BUILTIN and e.adapter != "none"
    ]


def tracking_round(
    database: Database, settings: Settings, adapters: Mapping[str, TrackingAdapter]
) -> TrackingRound:
    result = TrackingRound()
    for code, adapter in adapters.items():
        try:
            pulled = pull(database, code, adapter)
        except httpx.HTTPError as exc:
            result.parts.append(f"{code}: not reachable ({type(exc).__name__})")
            continue
        result.parts.append(f"{code}: {pulled.stored} new, {len(pulled.changes)} changes")
        result.changes += pulled.changes
    with database.unit_of_work() as session:
        result.overdue = check_overdue(session, settings.delivery.not_signed_after_days)
    result.expected_back = expect_refused_back(database)
    return result


def expect_refused_back(database: Database) -> int:
    """A return expected for each refused or returned parcel (idempotent); how many there are."""
    with database.unit_of_work(read_only=True) as session:
        numbers = expected_returns(session)
    now = datetime.now(UTC)
    for number in numbers:
        try:
            with database.unit_of_work() as session:
                receive_refused_delivery(session, ACTOR, number, now=now)
        except WarehouseError:
            continue  # not a shipped order's parcel: nothing to expect
    return len(numbers)
