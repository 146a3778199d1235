"""A supervisor reads the shift's figures: per hour, per person, stage times, accuracy,
walking and lateness, from what was recorded (on SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.reports.shift import record_shift
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.models import PickBatch
from warehouse.reports.figures import shift_figures
from warehouse.reports.figures_csv import figures_csv
from warehouse.reports.floor import floor_now
from warehouse.reports.statement import merchant_statements
from warehouse.reports.window import Window, percentile

DAY = Window.days(date(2026, 11, 24), date(2026, 11, 24))


def test_the_shift_in_figures(database: Database) -> None:
    shift = record_shift(database)
    with database.unit_of_work(read_only=True) as session:
        figures = shift_figures(session, shift.supervisor, DAY)
        route = sum(b.route_length_m for b in session.query(PickBatch))
    assert (figures.orders_picked, figures.lines_picked) == (2, 3)
    assert figures.lines_per_hour == pytest.approx(3 / 24)
    assert sum(figures.lines_by_hour) == 3 and figures.lines_by_hour[10] == 3
    stages = {s.stage: s for s in figures.stages}
    assert (stages["picking"].count, stages["picking"].mean_min, stages["picking"].p90_min) == (
        2,
        45.0,
        50.0,
    )
    assert (stages["packing"].mean_min, stages["packing"].p90_min) == (35.0, 40.0)
    assert stages["handover"].count == 0 and stages["handover"].mean_min is None
    assert figures.slowest_stage == "picking"
    assert figures.pick_accuracy == pytest.approx(2 / 3)
    assert figures.short_rate == 0.0
    assert figures.metres_per_line == pytest.approx(route / 3)
    people = {(p.role, p.badge): (p.orders, p.lines) for p in figures.people}
    assert people == {("picker", shift.picker.name): (2, 3), ("packer", "K900"): (2, 3)}
    assert [(c.carrier, c.due, c.late) for c in figures.carriers] == [("SF", 2, 1)]


def test_figures_csv_has_one_row_per_figure(database: Database) -> None:
    shift = record_shift(database)
    with database.unit_of_work(read_only=True) as session:
        text = figures_csv(shift_figures(session, shift.supervisor, DAY))
    rows = list(csv.DictReader(io.StringIO(text)))
    value = {(r["section"], r["subject"], r["figure"]): r["value"] for r in rows}
    assert value[("overall", "", "lines_picked")] == "3"
    assert value[("overall", "", "slowest_stage")] == "picking"
    assert value[("stage", "picking", "p90_min")] == "50.0"
    assert value[("carrier", "SF", "late")] == "1"
    assert value[("person", "packer:K900", "orders")] == "2"


def test_an_empty_day_has_no_invented_figures(database: Database) -> None:
    shift = record_shift(database)
    with database.unit_of_work(read_only=True) as session:
        figures = shift_figures(
            session, shift.supervisor, Window.days(date(2026, 11, 20), date(2026, 11, 20))
        )
    assert figures.lines_picked == 0 and figures.slowest_stage is None
    assert figures.pick_accuracy is None and figures.short_rate is None
    assert figures.metres_per_line is None and figures.people == []


def test_pickers_and_packers_are_refused_every_report(database: Database) -> None:
    shift = record_shift(database)
    for actor in (shift.picker, shift.packer):
        with database.unit_of_work(read_only=True) as session:
            with pytest.raises(PermissionDenied):
                shift_figures(session, actor, DAY)
            with pytest.raises(PermissionDenied):
                merchant_statements(session, actor, DAY)
            with pytest.raises(PermissionDenied):
                floor_now(session, actor)


def test_the_90th_percentile_is_a_value_that_occurred() -> None:
    assert percentile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.9) is None


def test_a_day_is_the_sites_day(database: Database) -> None:
    shift = record_shift(database)  # picked 10:10-10:20 UTC = 18:10-18:20 in Shanghai
    shanghai = Window.days(date(2026, 11, 24), date(2026, 11, 24), "Asia/Shanghai")
    with database.unit_of_work(read_only=True) as session:
        figures = shift_figures(session, shift.supervisor, shanghai)
        next_day = shift_figures(
            session,
            shift.supervisor,
            Window.days(date(2026, 11, 25), date(2026, 11, 25), "Asia/Shanghai"),
        )
    assert figures.lines_picked == 3 and figures.lines_by_hour[18] == 3
    assert next_day.lines_picked == 0
