"""Shift figures as CSV: one row per figure (section, subject, figure, value)."""

from __future__ import annotations

import csv
import io

from warehouse.reports.figures import ShiftFigures

HEADER = ("section", "subject", "figure", "value")


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def figures_rows(figures: ShiftFigures) -> list[tuple[str, str, str, str]]:
    w = figures.window
    rows = [
        ("window", "", "from", w.start.isoformat()),
        ("window", "", "to", w.end.isoformat()),
        ("overall", "", "orders_picked", str(figures.orders_picked)),
        ("overall", "", "lines_picked", str(figures.lines_picked)),
        ("overall", "", "orders_per_hour", _num(figures.orders_per_hour)),
        ("overall", "", "lines_per_hour", _num(figures.lines_per_hour)),
        ("overall", "", "short_pick_rate", _num(figures.short_rate, 4)),
        ("overall", "", "pick_accuracy", _num(figures.pick_accuracy, 4)),
        ("overall", "", "metres_per_line", _num(figures.metres_per_line, 1)),
        ("overall", "", "slowest_stage", figures.slowest_stage or ""),
    ]
    rows += [("hour", str(i), "lines", str(n)) for i, n in enumerate(figures.lines_by_hour)]
    for p in figures.people:
        subject = f"{p.role}:{p.badge}"
        rows += [
            ("person", subject, "orders", str(p.orders)),
            ("person", subject, "lines", str(p.lines)),
            ("person", subject, "orders_per_hour", _num(p.orders_per_hour)),
            ("person", subject, "lines_per_hour", _num(p.lines_per_hour)),
        ]
    for s in figures.stages:
        rows += [
            ("stage", s.stage, "orders", str(s.count)),
            ("stage", s.stage, "mean_min", _num(s.mean_min, 1)),
            ("stage", s.stage, "p90_min", _num(s.p90_min, 1)),
        ]
    for c in figures.carriers:
        rows += [
            ("carrier", c.carrier, "due", str(c.due)),
            ("carrier", c.carrier, "late", str(c.late)),
        ]
    return rows


def figures_csv(figures: ShiftFigures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(figures_rows(figures))
    return out.getvalue()
