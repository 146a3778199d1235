"""Choose carrier and service: the cheapest one that meets the promise, or the packer's
override with a reason. The answer is a :class:`CarrierDecision` record that says why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from shipping import errors as e
from shipping.rates import FreightQuote, freight
from shipping.zones import billed_weight, zone_of
from warehouse.config_shipping import CarrierSettings, ServiceSettings, Zone
from warehouse.words import Message

END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class ParcelFacts:
    """What the rules look at: destination, outer size, actual weight, payment, promise."""

    province: str
    city: str
    dims_mm: tuple[int, int, int]
    weight_kg: Decimal
    cod: bool = False
    due: datetime | None = None
    """The parcel must be collected by then (the order's due time)."""
    deliver_by: datetime | None = None
    """The parcel must be delivered by then (the mall's delivery promise), if there is one."""


@dataclass(frozen=True)
class Option:
    """One carrier service weighed for the parcel; ``refusal`` says why it cannot be used."""

    carrier: str
    service: str
    service_name: str
    zone: Zone
    billed_kg: Decimal
    cost: Decimal | None
    collection: datetime
    eta: datetime
    refusal: Message | None = None
    late: Message | None = None
    """Set when the service could take the parcel but misses the promise."""


@dataclass(frozen=True)
class CarrierDecision:
    carrier: str
    service: str
    cost: Decimal
    zone: Zone
    billed_kg: Decimal
    collection: datetime
    eta: datetime
    reason: Message
    suggested: Option
    overridden: bool
    options: tuple[Option, ...]


def next_collection(cutoff: time, now: datetime, zone: ZoneInfo) -> datetime:
    """The carrier's next collection at or after ``now``: today's cut-off, else tomorrow's."""
    local = now.astimezone(zone)
    today = datetime.combine(local.date(), cutoff, tzinfo=zone)
    return today if local <= today else today + timedelta(days=1)


def _show(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%m-%d %H:%M")


def weigh_option(
    carrier: CarrierSettings,
    service: ServiceSettings,
    facts: ParcelFacts,
    now: datetime,
    site_zone: ZoneInfo,
) -> Option:
    zone = zone_of(carrier, facts.province, facts.city)
    billed = billed_weight(carrier, zone, facts.dims_mm, facts.weight_kg)
    collection = next_collection(carrier.cutoff, now, site_zone)
    days = service.transit_days.get(zone)
    eta_day = collection.date() + timedelta(days=days if days is not None else 99)
    eta = datetime.combine(eta_day, END_OF_DAY, tzinfo=site_zone)
    cost = freight(carrier, service, zone, facts.dims_mm, facts.weight_kg)
    refusal: Message | None = None
    late: Message | None = None
    if days is None or zone not in service.rates:
        refusal = Message.of("shipping.no_zone", service=service.name)
    elif cost is None:
        refusal = Message.of(
            "shipping.too_heavy", carrier=carrier.name, limit=carrier.max_weight_kg, weight=billed
        )
    elif facts.cod and not (carrier.cod and service.cod):
        refusal = Message.of("shipping.no_cod", service=service.name)
    elif facts.due is not None and collection > facts.due:
        late = Message.of(
            "shipping.misses_due",
            service=service.name,
            collection=_show(collection, site_zone),
            due=_show(facts.due, site_zone),
        )
    elif facts.deliver_by is not None and eta > facts.deliver_by:
        late = Message.of(
            "shipping.misses_delivery",
            service=service.name,
            eta=_show(eta, site_zone),
            promise=_show(facts.deliver_by, site_zone),
        )
    return Option(
        carrier.code, service.code, service.name, zone, billed, cost, collection, eta, refusal, late
    )


def _rank(option: Option) -> tuple[Decimal, datetime, str, str]:
    return (option.cost or Decimal(0), option.eta, option.carrier, option.service)


def choose_service(
    carriers: Sequence[CarrierSettings],
    facts: ParcelFacts,
    now: datetime,
    site_timezone: str,
    *,
    override: tuple[str, str] | None = None,
    reason: str = "",
    actor: str = "",
) -> CarrierDecision:
    """The cheapest service that meets the promise; when none does, the one that arrives first.

    ``override`` names (carrier, service) the packer wants instead; it needs a ``reason`` and
    must be able to take the parcel (zone, weight, COD), though it may miss the promise.
    """
    site_zone = ZoneInfo(site_timezone)
    options = tuple(
        weigh_option(carrier, service, facts, now, site_zone)
        for carrier in carriers
        for service in carrier.services
    )
    usable = [o for o in options if o.refusal is None]
    if not usable:
        why = " ".join(o.refusal.render("en") for o in options if o.refusal) or "-"
        raise e.NoService.of(e.NO_SERVICE, province=facts.province or "?", why=why)
    on_time = [o for o in usable if o.late is None]
    if on_time:
        best = min(on_time, key=_rank)
        because = Message.of("shipping.cheapest", service=best.service_name, cost=str(best.cost))
    else:
        best = min(usable, key=lambda o: (o.eta, *_rank(o)))
        because = Message.of(
            "shipping.fastest_late", service=best.service_name, cost=str(best.cost)
        )
    chosen, overridden = best, False
    if override is not None and override != (best.carrier, best.service):
        chosen = _overridden(carriers, options, override, reason)
        because = Message.of(
            "shipping.overridden",
            actor=actor or "-",
            suggested=f"{best.carrier} {best.service_name}",
            reason=reason.strip(),
        )
        overridden = True
    return CarrierDecision(
        carrier=chosen.carrier,
        service=chosen.service,
        cost=chosen.cost or Decimal(0),
        zone=chosen.zone,
        billed_kg=chosen.billed_kg,
        collection=chosen.collection,
        eta=chosen.eta,
        reason=because,
        suggested=best,
        overridden=overridden,
        options=options,
    )


def _overridden(
    carriers: Sequence[CarrierSettings],
    options: Sequence[Option],
    override: tuple[str, str],
    reason: str,
) -> Option:
    if not reason.strip():
        raise e.ShippingError.of(e.OVERRIDE_NEEDS_REASON)
    carrier_code, service_code = override
    if not any(c.code == carrier_code for c in carriers):
        raise e.ShippingError.of(e.UNKNOWN_CARRIER, carrier=carrier_code)
    match = next((o for o in options if (o.carrier, o.service) == override), None)
    if match is None:
        raise e.ShippingError.of(e.UNKNOWN_SERVICE, carrier=carrier_code, service=service_code)
    if match.refusal is not None:
        raise e.NoService(match.refusal.render("en"), zh=match.refusal.render("zh"))
    return match


def rules_quote(
    carriers: Sequence[CarrierSettings],
    facts: ParcelFacts,
    now: datetime,
    site_timezone: str,
    *,
    override: tuple[str, str] | None = None,
) -> FreightQuote:
    """Freight for the box chooser: for each box (outer size, weight) the service these rules
    choose for the parcel (destination, COD, due time in ``facts``), or the packer's
    ``override``; None where no service can take it. Answers are kept per size and weight."""
    known: dict[tuple[tuple[int, int, int], float], Decimal | None] = {}

    def quote(dims_mm: tuple[int, int, int], actual_kg: float) -> Decimal | None:
        key = (dims_mm, round(actual_kg, 3))
        if key not in known:
            weight = Decimal(str(key[1]))
            parcel = replace(facts, dims_mm=dims_mm, weight_kg=weight)
            try:
                decision = choose_service(
                    carriers, parcel, now, site_timezone, override=override,
                    reason="override" if override else "",
                )  # fmt: skip
            except e.ShippingError:
                known[key] = None
            else:
                known[key] = decision.cost
        return known[key]

    return quote
