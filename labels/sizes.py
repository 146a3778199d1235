"""Label sizes in millimetres, points and printer dots."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from warehouse.config_printing import LABEL_SIZES_MM


@dataclass(frozen=True)
class LabelSize:
    name: str
    width_mm: float
    height_mm: float

    @classmethod
    def named(cls, name: str) -> LabelSize:
        width, height = LABEL_SIZES_MM[name]
        return cls(name, width, height)

    @property
    def points(self) -> tuple[float, float]:
        return self.width_mm * mm, self.height_mm * mm

    def dots(self, dpi: int = 203) -> tuple[int, int]:
        """Width and length in printer dots (``^PW`` and ``^LL``)."""
        return round(self.width_mm * dpi / 25.4), round(self.height_mm * dpi / 25.4)
