"""What the pick service hands to a screen: plain, frozen values (no ORM object escapes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

StepKind = Literal["idle", "location", "item", "quantity", "tote", "done"]
"""``idle``: no batch (claim one); ``location``: walk there and scan it; ``item``: scan the
item; ``quantity``: scan each unit or type the number; ``tote``: scan the tote label;
``done``: the batch is finished (take the cart to packing)."""

SHORT_REASONS = ("EMPTY", "DAMAGED", "EXPIRED", "NOT_FOUND")
"""What a picker may report, in the order of the short-pick dialog's digits 1-4."""


@dataclass(frozen=True)
class BatchView:
    id: int
    code: str
    state: str
    priority: int
    due_at: datetime | None
    tasks: int
    tasks_left: int
    route_length_m: float
    resumed: bool
    """True when the picker already held this batch (logged in again, crash, lost Wi-Fi)."""


@dataclass(frozen=True)
class StopView:
    """A location still to visit and how many units are picked there."""

    location: str
    units: int


@dataclass(frozen=True)
class Step:
    """Exactly what the screen shows now."""

    kind: StepKind
    batch_id: int | None = None
    batch_code: str = ""
    task_id: int | None = None
    location: str = ""
    sku_code: str = ""
    name_zh: str = ""
    name_en: str = ""
    lot: str = ""
    expiry: date | None = None
    qty: int = 0
    """Units this task asks for (what is left of it, including units in hand)."""
    in_hand: int = 0
    """Units confirmed but not yet put in the tote."""
    tote: int = 0
    tote_label: str = ""
    next_stops: tuple[StopView, ...] = ()
    distance_left_m: float = 0.0
    tasks_done: int = 0
    tasks_total: int = 0
    notes: tuple[str, ...] = field(default=())
    """Events of the last action the picker should know (``reallocated:B-01-02-1-A``)."""

    def name(self, language: str) -> str:
        if language.startswith("zh"):
            return self.name_zh or self.name_en or self.sku_code
        return self.name_en or self.name_zh or self.sku_code
