"""A plain-text map of the floor and a route, for terminals from 40 columns up.

Public API
----------
``render_map(layout, route=None, width=40, height=20) -> list[str]``
    Exactly ``height`` lines of exactly ``width`` characters. The back of the warehouse is at
    the top. ``|`` aisles, ``-`` cross-aisles, ``+`` where they meet, ``D`` the depot, ``*``
    the walk, and stops labelled in visiting order ``1``–``9``, ``a``–``z``, ``A``–``Z``
    (then ``#``). ``marks`` (point, character) are drawn last, over everything but the depot
    (the supervisor's map: pickers and shelves to count). Zone letters stand in the left margin; the bottom line numbers the aisles
    when there is room. A floor larger than the box is compressed: several aisles may share
    a column and several bays a line (the earliest stop's label is kept).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from picking.layout import Layout, Point
from picking.routing import Route

LABELS = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def stop_label(index: int) -> str:
    """The map label of the stop visited ``index``-th (0-based)."""
    return LABELS[index] if index < len(LABELS) else "#"


class _Canvas:
    def __init__(self, layout: Layout, width: int, rows: int) -> None:
        self.layout, self.width, self.rows = layout, width, rows
        self.grid = [[" "] * width for _ in range(rows)]
        aisles = layout.aisles
        # Two margin columns at the left for zone letters, one free at the right.
        room = width - 3
        spacing = room // aisles if aisles > 1 else 1
        if spacing >= 2:
            self.columns = [2 + a * min(spacing, 6) for a in range(aisles)]
        else:
            self.columns = [2 + round(a * (room - 1) / max(1, aisles - 1)) for a in range(aisles)]

    def col(self, aisle: int) -> int:
        return self.columns[aisle]

    def row(self, y: float) -> int:
        length = self.layout.length_m or 1.0
        return self.rows - 1 - round(y / length * (self.rows - 1))

    def put(self, row: int, col: int, char: str, over: str = "") -> None:
        inside = 0 <= row < self.rows and 0 <= col < self.width
        if inside and (not over or self.grid[row][col] in over):
            self.grid[row][col] = char


def _floor(canvas: _Canvas) -> None:
    layout = canvas.layout
    left, right = canvas.col(0), canvas.col(layout.aisles - 1)
    cross_rows = {canvas.row(c) for c in layout.cross_aisles}
    for row in range(canvas.rows):
        for col in canvas.columns:
            canvas.put(row, col, "+" if row in cross_rows else "|")
    for row in cross_rows:
        for col in range(left, right + 1):
            canvas.put(row, col, "-", over=" ")
    for block in layout.blocks:
        canvas.put(canvas.row((block.start_y + block.end_y) / 2), 0, block.zone)


def _walk(canvas: _Canvas, a: Point, b: Point) -> None:
    layout = canvas.layout
    if a.aisle == b.aisle:
        legs = [(a.aisle, a.y, b.y)]
        across: tuple[float, int, int] | None = None
    else:
        cross = min(layout.cross_aisles, key=lambda c: (abs(a.y - c) + abs(b.y - c), c))
        legs = [(a.aisle, a.y, cross), (b.aisle, cross, b.y)]
        across = (cross, a.aisle, b.aisle)
    for aisle, y1, y2 in legs:
        r1, r2 = sorted((canvas.row(y1), canvas.row(y2)))
        for row in range(r1, r2 + 1):
            canvas.put(row, canvas.col(aisle), "*")
    if across is not None:
        cross, a1, a2 = across
        c1, c2 = sorted((canvas.col(a1), canvas.col(a2)))
        for col in range(c1, c2 + 1):
            canvas.put(canvas.row(cross), col, "*")


def render_map(
    layout: Layout,
    route: Route | None = None,
    width: int = 40,
    height: int = 20,
    marks: Sequence[tuple[Point, str]] = (),
) -> list[str]:
    width, height = max(width, 8), max(height, 4)
    numbered = height >= 8
    canvas = _Canvas(layout, width, height - 1 if numbered else height)
    _floor(canvas)
    stops = route.stops if route is not None else []
    points = [layout.depot, *(s.point for s in stops), layout.depot]
    for a, b in itertools.pairwise(points):
        _walk(canvas, a, b)
    for index in range(len(stops) - 1, -1, -1):  # earlier stops overwrite later ones
        point = stops[index].point
        canvas.put(canvas.row(point.y), canvas.col(point.aisle), stop_label(index))
    for point, char in marks:
        canvas.put(canvas.row(point.y), canvas.col(point.aisle), char[:1])
    canvas.put(canvas.row(layout.depot.y), canvas.col(layout.depot.aisle), "D")
    lines = ["".join(row) for row in canvas.grid]
    if numbered:
        footer = [" "] * width
        step = 1 if canvas.columns[-1] - canvas.columns[0] >= 3 * (layout.aisles - 1) else 5
        for aisle in range(0, layout.aisles, step):
            text, col = str(aisle + 1), canvas.col(aisle)
            if col + len(text) <= width and all(
                c == " " for c in footer[col : col + len(text) + 1]
            ):
                footer[col : col + len(text)] = text
        lines.append("".join(footer))
    return lines
