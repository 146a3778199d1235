"""Tracking numbers behind a :class:`Carrier` interface.

Today's carriers hand the site number ranges (config ``[[carriers.tracking]]``); a later
electronic-waybill API is another :class:`Carrier` with the same method. Drawing a number is
one guarded ``UPDATE … RETURNING`` on the range's counter row, so two stations drawing at once
on PostgreSQL (row lock) or SQLite (``BEGIN IMMEDIATE``) never get the same number.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shipping import errors as e
from shipping.check_digits import check_digit
from warehouse.config_shipping import CarrierSettings, TrackingRangeSettings
from warehouse.models import TrackingRange, utcnow


class Carrier(Protocol):
    """What the packing station needs from a carrier to label a parcel."""

    @property
    def code(self) -> str: ...

    def tracking_number(self, session: Session, reference: str) -> str:
        """A new tracking number for the parcel ``reference``, in the caller's transaction."""
        ...


def format_number(spec: TrackingRangeSettings, serial: int) -> str:
    digits = str(serial).zfill(spec.width)
    return f"{spec.prefix}{digits}{check_digit(spec.check, digits)}{spec.suffix}"


def _seed(session: Session, carrier_code: str, spec: TrackingRangeSettings) -> None:
    values = {
        "carrier_code": carrier_code,
        "name": spec.name,
        "first_serial": spec.first,
        "last_serial": spec.last,
        "next_serial": spec.first,
        "updated_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(TrackingRange).values(**values)
    session.execute(statement.on_conflict_do_nothing(index_elements=["carrier_code", "name"]))


def draw_serial(session: Session, carrier_code: str, spec: TrackingRangeSettings) -> int | None:
    """The next unused serial of the range, or None when it is used up."""
    row = TrackingRange
    take = (
        update(row)
        .where(
            row.carrier_code == carrier_code,
            row.name == spec.name,
            row.next_serial <= row.last_serial,
        )
        .values(next_serial=row.next_serial + 1, updated_at=utcnow())
        .returning(row.next_serial)
        .execution_options(synchronize_session=False)
    )
    taken = session.execute(take).scalar_one_or_none()
    if taken is None:
        # The row may be missing (first use), used up, or created by another station after
        # this statement began (READ COMMITTED: not visible to it). Create it if missing
        # (waits for a station creating it now) and try again with a fresh snapshot; only a
        # second miss means the range is used up.
        _seed(session, carrier_code, spec)
        taken = session.execute(take).scalar_one_or_none()
    return None if taken is None else int(taken) - 1


def draw_tracking_number(session: Session, carrier: CarrierSettings) -> str:
    """A tracking number from the carrier's ranges, in their order; one sentence when none is left."""
    if not carrier.tracking:
        raise e.RangeExhausted.of(e.NO_RANGE, carrier=carrier.code)
    for spec in carrier.tracking:
        serial = draw_serial(session, carrier.code, spec)
        if serial is not None:
            return format_number(spec, serial)
    raise e.RangeExhausted.of(e.RANGE_EXHAUSTED, carrier=carrier.code)


class RangeCarrier:
    """A carrier whose numbers come from configured ranges."""

    def __init__(self, settings: CarrierSettings) -> None:
        self.settings = settings

    @property
    def code(self) -> str:
        return self.settings.code

    def tracking_number(self, session: Session, reference: str) -> str:
        return draw_tracking_number(session, self.settings)


def carrier_for(settings: CarrierSettings) -> Carrier:
    """The :class:`Carrier` for a configured carrier (ranges today; an API can replace it)."""
    return RangeCarrier(settings)
