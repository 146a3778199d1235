"""Settings for carriers (``[[carriers]]``) and the packing station (``[packing]``).

Read by :mod:`warehouse.config` as part of :class:`~warehouse.config.Settings`. Money is
``Decimal`` (RMB), weights are kilograms, dimensions millimetres.
"""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Zone = Literal["same_province", "national", "remote"]
"""Where a parcel goes, seen from the site: its own province, another one, or a remote area."""
ZONES: tuple[Zone, ...] = ("same_province", "national", "remote")
CheckRule = Literal["none", "mod7", "mod10", "s10"]
"""Check digit: none, serial mod 7, Luhn mod 10, or the UPU S10 mod-11 rule (EMS)."""

DEFAULT_REMOTE_PROVINCES = ("新疆", "西藏", "青海")
DEFAULT_REMOTE_CITIES = ("内蒙古/阿拉善盟", "内蒙古/呼伦贝尔", "内蒙古/锡林郭勒盟")
Money = Annotated[Decimal, Field(ge=0, decimal_places=4)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RateSettings(_Section):
    """Freight for one zone: a first weight, then each further step."""

    first_kg: Annotated[Decimal, Field(gt=0)] = Decimal("1")
    """The weight the first price covers."""
    first: Money
    """Price of the first weight."""
    extra_per_kg: Money
    """Price of each further kilogram (billed weight rounded up to the carrier's step)."""


class ServiceSettings(_Section):
    code: str
    """Service code on the label and with the mall, e.g. ``standard`` or ``express``."""
    name: str
    """Name shown to the packer, e.g. 顺丰标快."""
    transit_days: dict[Zone, Annotated[int, Field(ge=0)]]
    """Days from collection to delivery per zone; a zone left out is not served."""
    rates: dict[Zone, RateSettings]
    """Rate table per zone; a zone left out is not served."""
    cod: bool = True
    """Whether this service collects cash on delivery (the carrier must allow it too)."""


class InsuranceTier(_Section):
    up_to: Money
    """Declared values up to and including this pay ``premium``."""
    premium: Money
    """The fixed premium (RMB) of this tier."""


class InsuranceSettings(_Section):
    """The carrier's 保价 schedule, and when the site insures a parcel with it."""

    insure_above: Money = Decimal("500")
    """Parcels declared above this value are insured (fragile high-value goods always are)."""
    tiers: list[InsuranceTier] = Field(default_factory=list)
    """Fixed premiums for low declared values, in rising order of ``up_to``."""
    rate: Annotated[Decimal, Field(ge=0, le=1)] = Decimal("0.005")
    """Share of the declared value above the last tier."""
    fragile_rate: Annotated[Decimal, Field(ge=0, le=1)] | None = None
    """Share of the declared value for fragile goods (instead of tiers and ``rate``)."""
    min_premium: Money = Decimal("0")
    """No premium is lower than this."""

    @field_validator("tiers")
    @classmethod
    def _rising(cls, tiers: list[InsuranceTier]) -> list[InsuranceTier]:
        limits = [t.up_to for t in tiers]
        if limits != sorted(limits) or len(set(limits)) != len(limits):
            raise ValueError("must list tiers in rising order of up_to")
        return tiers


class TrackingRangeSettings(_Section):
    """A block of tracking numbers the carrier gave the site: prefix + serial + check + suffix."""

    name: str
    """Name of the range (its counter row in the database is keyed by carrier and name)."""
    first: Annotated[int, Field(ge=0)]
    """First serial of the range."""
    last: Annotated[int, Field(ge=0)]
    """Last serial of the range (inclusive)."""
    width: Annotated[int, Field(ge=1, le=20)] = 10
    """Digits of the serial, zero-padded."""
    prefix: str = ""
    """Letters or digits before the serial (``SF``, ``EA``)."""
    suffix: str = ""
    """Letters after the check digit (``CN`` for S10 numbers)."""
    check: CheckRule = "none"
    """The carrier's check-digit rule, appended after the serial."""

    @model_validator(mode="after")
    def _ordered(self) -> TrackingRangeSettings:
        if self.last < self.first:
            raise ValueError("has last below first")
        if len(str(self.last)) > self.width:
            raise ValueError(f"has last {self.last} wider than {self.width} digits")
        if self.check == "s10" and self.width != 8:
            raise ValueError("uses the S10 rule, which needs width = 8")
        return self


class CarrierSettings(_Section):
    code: str
    """Short carrier code used with the mall (SF, ZTO, YTO, STO, YD, JD, EMS)."""
    name: str
    """Name shown to the packer and on the manifest."""
    cutoff: time = time(17, 0)
    """Daily collection time at the site (site time zone); a parcel packed later leaves tomorrow."""
    max_weight_kg: Annotated[float, Field(gt=0)] = 30.0
    """Heaviest parcel (billed weight) the carrier takes."""
    cod: bool = True
    """Whether this carrier collects cash on delivery."""
    origin_province: str = "上海"
    """Province the site ships from: a destination in it is the ``same_province`` zone."""
    remote_provinces: list[str] = Field(default_factory=lambda: list(DEFAULT_REMOTE_PROVINCES))
    """Provinces (偏远地区) that are the ``remote`` zone, matched by the name's start."""
    remote_cities: list[str] = Field(default_factory=lambda: list(DEFAULT_REMOTE_CITIES))
    """Remote parts of other provinces as ``province/city``, matched by the names' start."""
    volumetric_divisor: dict[Zone, Annotated[int, Field(gt=0)]] = Field(
        default_factory=lambda: dict.fromkeys(ZONES, 6000)
    )
    """Volumetric weight (kg) = length × width × height (cm) / divisor, per zone."""
    weight_step_kg: Annotated[Decimal, Field(gt=0)] = Decimal("1")
    """Billed weight is rounded up to a multiple of this."""
    services: list[ServiceSettings] = Field(default_factory=list)
    """The carrier's services (``[[carriers.services]]``); a carrier without any is never chosen."""
    insurance: InsuranceSettings = InsuranceSettings()
    """The 保价 schedule (``[carriers.insurance]``)."""
    tracking: list[TrackingRangeSettings] = Field(default_factory=list)
    """Number ranges, used in order: the next starts when one is used up."""

    @model_validator(mode="after")
    def _unique(self) -> CarrierSettings:
        codes = [s.code for s in self.services]
        if len(set(codes)) != len(codes):
            raise ValueError("has two services with the same code")
        names = [r.name for r in self.tracking]
        if len(set(names)) != len(names):
            raise ValueError("has two tracking ranges with the same name")
        return self


class BoxSettings(_Section):
    """One carton of the catalogue."""

    code: str
    """Box code printed on the carton and recorded on the parcel."""
    inner_mm: tuple[
        Annotated[int, Field(gt=0)], Annotated[int, Field(gt=0)], Annotated[int, Field(gt=0)]
    ]
    """Inside length, width and height."""
    max_weight_kg: Annotated[float, Field(gt=0)]
    """Heaviest content the carton holds."""
    weight_kg: Annotated[float, Field(ge=0)]
    """The empty carton's own weight."""
    cost: Money
    """What one carton costs the site."""
    filler_kg: Annotated[float, Field(ge=0)] = 0.0
    """Usual void fill (paper, air pillows) in this carton, for the expected weight."""
    outer_mm: (
        tuple[Annotated[int, Field(gt=0)], Annotated[int, Field(gt=0)], Annotated[int, Field(gt=0)]]
        | None
    ) = None
    """Outside dimensions for volumetric weight; the inner ones plus 10 mm when left out."""

    @property
    def outside(self) -> tuple[int, int, int]:
        if self.outer_mm is not None:
            return self.outer_mm
        length, width, height = self.inner_mm
        return (length + 10, width + 10, height + 10)


class ScaleSettings(_Section):
    """A serial scale that sends lines such as ``ST,GS,+  1.234kg``."""

    port: str = ""
    """Serial device (``/dev/ttyUSB0``, ``COM3``); empty when the weight is typed or wedged."""
    baudrate: int = 9600
    """Serial speed (8 data bits, no parity, 1 stop bit)."""
    request: str = ""
    """Text sent to ask for a reading (e.g. ``W\\r\\n``); empty for a scale that streams."""
    pattern: str = r"(?P<value>[-+]?\s*\d+(?:\.\d+)?)\s*(?P<unit>kg|g|lb)?"
    """Regular expression finding the weight in a line: groups ``value`` and optional ``unit``."""
    stable_pattern: str = ""
    """A line must also match this to count (e.g. ``^ST``); empty accepts every line."""
    unit: Literal["kg", "g", "lb"] = "kg"
    """Unit of a line without one."""
    timeout_s: Annotated[float, Field(gt=0)] = 2.0
    """How long to wait for a stable reading."""

    @field_validator("pattern")
    @classmethod
    def _has_value(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a valid regular expression ({exc})") from exc
        if "value" not in compiled.groupindex:
            raise ValueError("lacks the named group value")
        return value


class MaterialSettings(_Section):
    """A packing material billed to the merchant, used by a rule of the station."""

    code: str
    """Material code on the statement (``BUBBLE``, ``GIFTWRAP``)."""
    per: Literal["parcel", "unit", "fragile_unit", "high_value_parcel", "gift_parcel"]
    """When it is used: every parcel, every unit, every fragile unit, a parcel holding a
    high-value unit, a parcel of a gift order."""
    qty: Annotated[int, Field(ge=1, le=100)] = 1
    """How many are used each time."""


class PackingSettings(_Section):
    boxes: list[BoxSettings] = Field(default_factory=list)
    """The box catalogue."""
    materials: list[MaterialSettings] = Field(default_factory=list)
    """Packing materials the station records on each parcel it closes (``[[packing.materials]]``),
    counted on the merchant's statement."""
    tolerance_kg: Annotated[float, Field(ge=0)] = 0.05
    """A parcel is accepted when actual and expected weight differ by at most the larger of
    this and ``tolerance_pct`` of the expected weight."""
    tolerance_pct: Annotated[float, Field(ge=0, le=100)] = 3.0
    """Percentage of the expected weight allowed as difference (see ``tolerance_kg``)."""
    fragile_max_load_kg: Annotated[float, Field(ge=0)] = 0.5
    """Most weight that may rest above a fragile item (in its footprint)."""
    pack_attempts: Annotated[int, Field(ge=1, le=1000)] = 20
    """Packing tries per box before it counts as too small (work, not time: repeatable)."""
    scale: ScaleSettings = ScaleSettings()
    """The serial scale (``[packing.scale]``)."""

    @model_validator(mode="after")
    def _unique_boxes(self) -> PackingSettings:
        codes = [b.code for b in self.boxes]
        if len(set(codes)) != len(codes):
            raise ValueError("has two boxes with the same code")
        rules = [(m.code, m.per) for m in self.materials]
        if len(set(rules)) != len(rules):
            raise ValueError("has the same material rule twice")
        return self
