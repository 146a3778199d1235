"""Settings: ``config.toml`` validated into typed, documented settings.

The file named by ``WMS_CONFIG`` (or ``./config.toml``, or the copy shipped in the package) is
read once by :func:`load_settings`; nothing here runs at import time. A wrong file raises
:class:`ConfigError` whose message is one sentence naming the file, the key and the problem.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from warehouse.config_delivery import DeliverySettings
from warehouse.config_printing import LabelSettings, PrinterSettings
from warehouse.config_returns import ReturnsSettings
from warehouse.config_shipping import CarrierSettings, PackingSettings
from warehouse.config_station import StationSettings
from warehouse.errors import ConfigError

DEFAULT_LOCATION_PATTERN = (
    r"^(?P<zone>[A-Z])-(?P<aisle>\d{2})-(?P<bay>\d{2})-(?P<level>\d)-(?P<bin>[A-Z])$"
)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str = "sqlite:///var/wms.db"
    """SQLAlchemy URL: ``sqlite:///path.db`` or ``postgresql+psycopg://user@host/db``.
    ``WMS_DATABASE_URL`` overrides it. A relative SQLite path is relative to the config file."""
    password_file: Path | None = None
    """File whose content is the database password (kept out of the URL and the repository)."""
    echo: bool = False
    """Log every SQL statement (for debugging only)."""
    read_url: str | None = None
    """A read-only copy of the database (a PostgreSQL streaming replica, or a role that may
    only read) for reports, queues and figures; writers never use it. ``WMS_DATABASE_READ_URL``
    overrides it; ``password_file`` applies to it too. Ignored with SQLite."""
    read_after_write_s: Annotated[float, Field(ge=0)] = 10.0
    """After a process writes, its reads go to the primary for this long, so a screen that just
    changed something sees its change however far the replica lags."""
    pooler: Literal["none", "transaction"] = "none"
    """``transaction``: a pooler such as PgBouncer in transaction mode stands between the app and
    PostgreSQL, so no session state survives a transaction: psycopg's prepared statements are
    turned off (``prepare_threshold=None``)."""


class SiteSettings(_Section):
    code: str = "SH01"
    """Site code, printed on labels and reports."""
    name: str = "Demo warehouse"
    warehouse_code: str = "W1"
    """The warehouse code the mall uses in ``warehouse_code`` of fulfilment orders."""
    timezone: str = "Asia/Shanghai"
    """Time zone of the site: cut-off times and shift figures are in this zone."""


class BlockSettings(_Section):
    zone: str
    """Zone letter used in location codes for this block (the first block is at the front)."""
    bays: Annotated[int, Field(ge=1, le=999)]
    """Bays per aisle in this block, numbered 1.. from the front cross-aisle."""


class DepotSettings(_Section):
    aisle: Annotated[int, Field(ge=1)] = 1
    """The depot (start and end of every pick tour) is at the head of this aisle..."""
    cross_aisle: Annotated[int, Field(ge=0)] = 0
    """...on this cross-aisle: 0 is the front, 1 the one behind the first block, and so on."""


class LayoutSettings(_Section):
    """The floor: aisles run front to back through every block; cross-aisles separate blocks."""

    aisles: Annotated[int, Field(ge=1, le=999)] = 12
    """Number of parallel pick aisles, numbered 1.. from the left."""
    aisle_pitch_m: Annotated[float, Field(gt=0)] = 3.0
    """Centre-to-centre distance between neighbouring aisles."""
    bay_pitch_m: Annotated[float, Field(gt=0)] = 1.0
    """Distance between neighbouring bays along an aisle."""
    end_gap_m: Annotated[float, Field(ge=0)] = 1.0
    """Distance from a cross-aisle's centre line to the first (or last) bay of a block."""
    cross_aisle_width_m: Annotated[float, Field(ge=0)] = 0.0
    """Extra walk across a middle cross-aisle, beyond the two end gaps."""
    levels: Annotated[int, Field(ge=1, le=9)] = 4
    bins: str = "AB"
    """Bin letters per level (left and right face share one walking point)."""
    blocks: list[BlockSettings] = Field(
        default_factory=lambda: [BlockSettings(zone="A", bays=20), BlockSettings(zone="B", bays=20)]
    )
    depot: DepotSettings = DepotSettings()
    location_pattern: str = DEFAULT_LOCATION_PATTERN
    """Regular expression with named groups zone, aisle, bay, level and bin."""

    @field_validator("location_pattern")
    @classmethod
    def _pattern_has_groups(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a valid regular expression ({exc})") from exc
        missing = {"zone", "aisle", "bay"} - set(compiled.groupindex)
        if missing:
            raise ValueError(f"lacks the named group(s) {', '.join(sorted(missing))}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> LayoutSettings:
        if not self.blocks:
            raise ValueError("needs at least one block")
        zones = [b.zone for b in self.blocks]
        if len(set(zones)) != len(zones):
            raise ValueError("has two blocks with the same zone")
        if self.depot.aisle > self.aisles:
            raise ValueError(f"depot aisle {self.depot.aisle} is beyond the {self.aisles} aisles")
        if self.depot.cross_aisle > len(self.blocks):
            raise ValueError("depot cross_aisle is beyond the last cross-aisle")
        return self


class CartSettings(_Section):
    totes: Annotated[int, Field(ge=1)] = 8
    """Orders per cart (one tote each)."""
    max_items: Annotated[int, Field(ge=1)] = 60
    max_weight_kg: Annotated[float, Field(gt=0)] = 80.0
    max_volume_l: Annotated[float, Field(gt=0)] = 240.0


class PickingSettings(_Section):
    routing: Literal["optimal", "combined", "largest-gap", "s-shape", "name-sorted"] = "optimal"
    """Routing algorithm used for pick tours."""
    abandon_after_min: Annotated[int, Field(ge=1)] = 20
    """A claimed batch with no activity for this long goes back to the queue, progress kept."""
    cart: CartSettings = CartSettings()


class AllocationSettings(_Section):
    """How the allocator yields the CPU to the floor (``warehouse.allocation.yielding``)."""

    nice: Annotated[int, Field(ge=0, le=19)] = 10
    """The allocator's OS priority (``nice``, 0 = as any process, 19 = lowest), for its process
    and, when PostgreSQL runs on the same host and may be reniced (same user or root), for the
    database backends serving it. It only costs allocation speed while the CPU is wanted by
    others (the scans)."""
    pause_ratio: Annotated[float, Field(ge=0, le=20)] = 0.0
    """While the floor is busy, after each set sleep this many times the set's own time
    (1.0: the allocator, database work included, takes at most half a core). 0: no pause."""
    busy_window_s: Annotated[float, Field(gt=0)] = 30.0
    """The floor is busy when a pick batch had a scan in this many seconds, or a pack session
    is open."""


class MallSettings(_Section):
    base_url: str = "builtin"
    """The mall's API root, or ``builtin`` for the reference mall served inside the demo."""
    token_env: str = "WMS_MALL_TOKEN"
    """Environment variable holding the bearer token."""
    token_file: Path | None = None
    """Or a file holding it."""
    timeout_s: Annotated[float, Field(gt=0)] = 10.0
    page_limit: Annotated[int, Field(ge=1, le=100)] = 100
    poll_interval_s: Annotated[float, Field(gt=0)] = 30.0


class SecuritySettings(_Section):
    secret_key_env: str = "WMS_SECRET_KEY"
    """Environment variable with the base64 AES-256 key that encrypts receiver data."""
    secret_key_file: Path | None = None
    """Or a file holding that key (base64)."""
    pin_attempts: Annotated[int, Field(ge=1, le=20)] = 5
    """Wrong PINs in a row before the badge is locked."""


class Settings(_Section):
    language: Literal["zh_CN", "en"] = "zh_CN"
    database: DatabaseSettings = DatabaseSettings()
    site: SiteSettings = SiteSettings()
    layout: LayoutSettings = LayoutSettings()
    picking: PickingSettings = PickingSettings()
    allocation: AllocationSettings = AllocationSettings()
    """The allocator beside the floor (``AllocationSettings``)."""
    carriers: list[CarrierSettings] = Field(
        default_factory=lambda: [
            CarrierSettings(code="SF", name="顺丰速运", cutoff=time(18, 0)),
            CarrierSettings(code="ZTO", name="中通快递", cutoff=time(17, 0)),
        ]
    )
    packing: PackingSettings = PackingSettings()
    station: StationSettings = StationSettings()
    """The packing station (``warehouse.config_station.StationSettings``)."""
    printers: list[PrinterSettings] = Field(default_factory=list)
    """Printers by name (``warehouse.config_printing.PrinterSettings``)."""
    labels: LabelSettings = LabelSettings()
    """Packing slips and shipping labels (``warehouse.config_printing.LabelSettings``)."""
    mall: MallSettings = MallSettings()
    returns: ReturnsSettings = ReturnsSettings()
    """After-sales returns (``warehouse.config_returns.ReturnsSettings``)."""
    security: SecuritySettings = SecuritySettings()
    delivery: DeliverySettings = DeliverySettings()  # handover, tracking (config_delivery)
    source: Path | None = Field(default=None, exclude=True)
    """The file these settings were read from (set by :func:`load_settings`)."""

    def printer(self, name: str) -> PrinterSettings:
        for printer in self.printers:
            if printer.name == name:
                return printer
        raise KeyError(name)

    def carrier(self, code: str) -> CarrierSettings:
        for carrier in self.carriers:
            if carrier.code == code:
                return carrier
        raise KeyError(code)


def _default_config_path() -> Path | None:
    local = Path("config.toml")
    if local.is_file():
        return local
    packaged = resources.files("warehouse").joinpath("default_config.toml")
    if packaged.is_file():
        return Path(str(packaged))
    return None


def _describe(error: ValidationError, path: Path) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    kind = first["type"]
    if kind == "extra_forbidden":
        problem = "is not a known setting"
    elif kind == "missing":
        problem = "is required but missing"
    else:
        problem = first["msg"].removeprefix("Value error, ")
        problem = problem[0].lower() + problem[1:]
        if "input" in first and kind != "value_error":
            problem += f" (got {first['input']!r})"
    return f"{path}: setting '{key}' {problem}."


def load_settings(
    path: str | Path | None = None, *, environ: dict[str, str] | None = None
) -> Settings:
    """Read and validate the configuration.

    Order: the explicit ``path``, then ``WMS_CONFIG``, then ``./config.toml``, then the packaged
    default. ``WMS_DATABASE_URL`` overrides ``database.url``, ``WMS_DATABASE_READ_URL``
    ``database.read_url``.
    """
    env = os.environ if environ is None else environ
    chosen = Path(path) if path is not None else None
    if chosen is None and env.get("WMS_CONFIG"):
        chosen = Path(env["WMS_CONFIG"])
    if chosen is None:
        chosen = _default_config_path()
    data: dict[str, object] = {}
    if chosen is not None:
        if not chosen.is_file():
            raise ConfigError(f"{chosen}: the configuration file does not exist.")
        try:
            data = tomllib.loads(chosen.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{chosen}: not valid TOML ({exc}).") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{chosen}: cannot be read ({exc}).") from exc
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, chosen or Path("(defaults)"))) from None
    override = env.get("WMS_DATABASE_URL")
    database = settings.database
    url = override or database.url
    if not override and chosen is not None:
        url = _anchor_sqlite(url, chosen.parent)
    read_override = env.get("WMS_DATABASE_READ_URL")
    read_url = read_override or database.read_url
    if database.password_file is not None:
        password = _read_secret_file(database.password_file, chosen, "database.password_file")
        if not override:
            url = _with_password(url, password)
        if read_url and not read_override:
            read_url = _with_password(read_url, password)
    changed = {"url": url, "read_url": read_url}
    return settings.model_copy(
        update={"database": database.model_copy(update=changed), "source": chosen}
    )


def _anchor_sqlite(url: str, base: Path) -> str:
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite:///:memory:":
        return url
    file = Path(url[len(prefix) :])
    if file.is_absolute():
        return url
    return prefix + str((base / file).resolve())


def _with_password(url: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)


def _read_secret_file(file: Path, config: Path | None, key: str) -> str:
    if not file.is_absolute() and config is not None:
        file = config.parent / file
    try:
        return file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"{config}: setting '{key}' names {file}, which cannot be read ({exc.strerror})."
        ) from None


def read_secret(
    env_name: str,
    file: Path | None,
    *,
    config: Path | None,
    key: str,
    environ: dict[str, str] | None = None,
) -> str | None:
    """A secret from the environment variable ``env_name`` or else from ``file``."""
    env = os.environ if environ is None else environ
    value = env.get(env_name)
    if value:
        return value.strip()
    if file is not None:
        return _read_secret_file(file, config, key)
    return None
