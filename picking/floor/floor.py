"""The site facts the pick service needs: the walking layout and the abandonment timeout."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from picking.layout import Layout, Point, UnknownLocation
from warehouse.config import Settings


@dataclass(frozen=True)
class Floor:
    layout: Layout
    abandon_after: timedelta
    _points: dict[str, Point | None] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """Each code's point, parsed once: every scan walks the cart's remaining shelves."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Floor:
        return cls(
            Layout.from_settings(settings.layout),
            timedelta(minutes=settings.picking.abandon_after_min),
        )

    def point(self, code: str) -> Point | None:
        """Where a location is walked to; None for a code outside the layout (no distance)."""
        if code in self._points:
            return self._points[code]
        try:
            point: Point | None = self.layout.locate(code)
        except UnknownLocation:
            point = None
        self._points[code] = point  # the layout is fixed for the Floor's life
        return point

    def walk(self, start: Point | None, codes: list[str]) -> float:
        """Metres from ``start`` (the depot when None) through ``codes`` and back to the depot."""
        here = start or self.layout.depot
        total = 0.0
        for code in codes:
            point = self.point(code)
            if point is None:
                continue
            total += self.layout.distance(here, point)
            here = point
        return total + self.layout.distance(here, self.layout.depot)
