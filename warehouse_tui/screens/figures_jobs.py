"""What the shift-figures, statement and floor-map screens ask of the database (no Textual).

Each function is one read-only unit of work for a background worker; exports write a file
under the site's ``var/exports`` and return its path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from labels.statement_pdf import statement_pdf_for
from picking.layout import Layout, Point, UnknownLocation
from picking.map import render_map
from picking.routing import Route
from picking.routing.stops import Stop
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.reports.figures import ShiftFigures, shift_figures
from warehouse.reports.figures_csv import figures_csv
from warehouse.reports.floor import FloorNow, floor_now
from warehouse.reports.statement import MerchantStatement, merchant_statements
from warehouse.reports.statement_csv import statement_csv
from warehouse.reports.window import Window

SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Period:
    """The days a report covers: ``days`` whole days ending on ``last``, in the site's zone."""

    last: date
    days: int = 1
    zone: str = "UTC"

    @classmethod
    def today(cls, zone: str = "UTC") -> Period:
        return cls(datetime.now(ZoneInfo(zone)).date(), zone=zone)

    @property
    def window(self) -> Window:
        return Window.days(self.last - timedelta(days=self.days - 1), self.last, self.zone)

    def shifted(self, days: int) -> Period:
        return replace(self, last=self.last + timedelta(days=days))

    def widened(self) -> Period:
        """One day ↔ seven days."""
        return replace(self, days=7 if self.days == 1 else 1)

    def label(self) -> str:
        first = self.last - timedelta(days=self.days - 1)
        return str(self.last) if self.days == 1 else f"{first} – {self.last}"


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, v * (len(SPARKS) - 1) // top)] for v in values)


def export_dir(settings: Settings) -> Path:
    base = settings.source.parent if settings.source is not None else Path.cwd()
    path = base / "var" / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_figures(database: Database, actor: Actor, period: Period) -> ShiftFigures:
    with database.unit_of_work(read_only=True, replica=True) as session:
        return shift_figures(session, actor, period.window)


def export_figures(database: Database, settings: Settings, actor: Actor, period: Period) -> Path:
    figures = load_figures(database, actor, period)
    window = period.window
    path = export_dir(settings) / f"figures-{window.start.date()}-{period.last}.csv"
    path.write_text(figures_csv(figures), encoding="utf-8")
    return path


def load_statements(database: Database, actor: Actor, period: Period) -> list[MerchantStatement]:
    with database.unit_of_work(read_only=True, replica=True) as session:
        return merchant_statements(session, actor, period.window)


def export_statements(
    database: Database, settings: Settings, actor: Actor, period: Period, kind: str
) -> Path:
    statements = load_statements(database, actor, period)
    window = period.window
    path = export_dir(settings) / f"statement-{window.start.date()}-{period.last}.{kind}"
    if kind == "pdf":
        path.write_bytes(statement_pdf_for(settings, window, statements))
    else:
        path.write_text(statement_csv(window, statements), encoding="utf-8")
    return path


@dataclass(frozen=True)
class FloorView:
    now: FloorNow
    lines: list[str]
    selected: int
    """Index of the picker whose remaining route is drawn (−1: none)."""
    metres: tuple[float, ...]
    """Per picker: the walk left, from the last scan through the remaining stops to the depot."""


def _point(layout: Layout, code: str) -> Point | None:
    try:
        return layout.locate(code) if code else None
    except UnknownLocation:
        return None


def walking_stops(layout: Layout, codes: tuple[str, ...]) -> list[Stop]:
    """The stops of ``codes`` in the order given (the cart's walking order), one per point."""
    by_point: dict[Point, list[str]] = {}
    for code in codes:
        point = _point(layout, code)
        if point is not None:
            by_point.setdefault(point, []).append(code)
    return [Stop(point, tuple(codes)) for point, codes in by_point.items()]


def remaining_m(layout: Layout, start: Point, stops: list[Stop]) -> float:
    """From where the picker is, through the stops, back to the depot."""
    total, here = 0.0, start
    for stop in stops:
        total += layout.distance(here, stop.point)
        here = stop.point
    return total + layout.distance(here, layout.depot)


def load_floor(
    database: Database, layout: Layout, actor: Actor, selected: int, size: tuple[int, int]
) -> FloorView:
    """The floor now, drawn ``size`` (width, height): ``C`` shelves with open counts, ``@``
    the chosen picker, ``P`` the others, and the chosen picker's remaining route numbered."""
    with database.unit_of_work(read_only=True, replica=True) as session:
        now = floor_now(session, actor)
    chosen = selected % len(now.pickers) if now.pickers else -1
    route = None
    marks: list[tuple[Point, str]] = []
    for code in now.count_locations:
        point = _point(layout, code)
        if point is not None:
            marks.append((point, "C"))
    for index, picker in enumerate(now.pickers):
        point = _point(layout, picker.location)
        if point is not None and index != chosen:
            marks.append((point, "P"))
    if chosen >= 0:
        picker = now.pickers[chosen]
        stops = walking_stops(layout, picker.remaining)
        start = _point(layout, picker.location) or layout.depot
        route = Route(stops, remaining_m(layout, start, stops), "remaining")
        point = _point(layout, picker.location)
        if point is not None:
            marks.append((point, "@"))
    metres = tuple(
        remaining_m(
            layout, _point(layout, p.location) or layout.depot, walking_stops(layout, p.remaining)
        )
        for p in now.pickers
    )
    width, height = size
    lines = render_map(layout, route, width=width, height=height, marks=marks)
    return FloorView(now, lines, chosen, metres)
