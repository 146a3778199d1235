"""The shift figures as rich tables for the figures screen (no widgets, no database)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from warehouse.reports.figures import ShiftFigures
from warehouse_tui.i18n import tr
from warehouse_tui.screens.figures_jobs import sparkline


def _n(value: float | None, digits: int = 1, scale: float = 1.0) -> str:
    return "-" if value is None else f"{value * scale:.{digits}f}"


def summary(figures: ShiftFigures, language: str) -> Text:
    slowest = (
        tr(f"figures.stage.{figures.slowest_stage}", language) if figures.slowest_stage else "-"
    )
    return Text(
        tr(
            "figures.summary",
            language,
            orders=figures.orders_picked,
            lines=figures.lines_picked,
            oph=_n(figures.orders_per_hour),
            lph=_n(figures.lines_per_hour),
            short=_n(figures.short_rate, 1, 100),
            accuracy=_n(figures.pick_accuracy, 1, 100),
            metres=_n(figures.metres_per_line),
            slowest=slowest,
        )
    )


def hours_line(figures: ShiftFigures, language: str) -> Text:
    return Text(
        f"{tr('figures.by_hour', language)} {sparkline(figures.lines_by_hour)} "
        f"(max {max(figures.lines_by_hour, default=0)})"
    )


def tables(figures: ShiftFigures, language: str) -> Group:
    def t(key: str) -> str:
        return tr(f"figures.{key}", language)

    stages = Table(title=t("stages"), title_justify="left", expand=False)
    for column in ("stage", "orders", "mean_min", "p90_min"):
        stages.add_column(t(f"col.{column}"), justify="left" if column == "stage" else "right")
    for s in figures.stages:
        name = t(f"stage.{s.stage}") + (" ◀" if s.stage == figures.slowest_stage else "")
        stages.add_row(Text(name), str(s.count), _n(s.mean_min), _n(s.p90_min))

    people = Table(title=t("people"), title_justify="left")
    for column in ("person", "role", "orders", "lines", "oph", "lph"):
        people.add_column(
            t(f"col.{column}"), justify="left" if column in ("person", "role") else "right"
        )
    for p in figures.people:
        people.add_row(
            Text(f"{p.badge} {p.name}"),
            tr(f"role.{p.role}", language),
            str(p.orders),
            str(p.lines),
            _n(p.orders_per_hour, 2),
            _n(p.lines_per_hour, 2),
        )

    carriers = Table(title=t("carriers"), title_justify="left")
    for column in ("carrier", "due", "late"):
        carriers.add_column(t(f"col.{column}"), justify="left" if column == "carrier" else "right")
    for c in figures.carriers:
        carriers.add_row(Text(c.carrier), str(c.due), str(c.late))
    return Group(stages, people, carriers)
