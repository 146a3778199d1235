"""What a supervisor types in the queue's filter line, read into a filter or a search.

``merchant=SHOP carrier=SF prio=100 due=2h state=held,short``; a word without ``=`` is a
search term (order number, tracking number, SKU or location). Textual-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from warehouse.orders import OPEN_STATES
from warehouse.supervision.queue import QueueFilter


@dataclass(frozen=True)
class Typed:
    wanted: QueueFilter
    search: str = ""
    unknown: tuple[str, ...] = ()
    """Words that were not understood (shown back to the supervisor)."""


def _hours(text: str) -> float | None:
    text = text.strip().lower()
    try:
        if text.endswith("m"):
            return float(text[:-1]) / 60
        return float(text.removesuffix("h"))
    except ValueError:
        return None


def read_filter(text: str, now: datetime) -> Typed:
    values: dict[str, object] = {}
    search: list[str] = []
    unknown: list[str] = []
    for word in text.split():
        name, sep, value = word.partition("=")
        name = name.lower()
        if not sep:
            search.append(word)
        elif name == "merchant" and value:
            values["merchant"] = value
        elif name == "carrier" and value:
            values["carrier"] = value.upper()
        elif name in ("prio", "priority") and value.lstrip("-").isdigit():
            values["min_priority"] = int(value)
        elif name == "due" and (hours := _hours(value)) is not None:
            values["due_before"] = now + timedelta(hours=hours)
        elif name == "state" and set(value.split(",")) <= OPEN_STATES:
            values["states"] = frozenset(value.split(","))
        else:
            unknown.append(word)
    return Typed(QueueFilter(**values), " ".join(search), tuple(unknown))  # type: ignore[arg-type]
