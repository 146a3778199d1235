"""The reference carrier's parcels and the events it has produced, behind one lock.

Each parcel follows a scenario: the usual 揽收 → 在途 → 派件 → 签收, or one ending in an
exception (拒收 then 退回, 疑难, delayed, lost, damaged). :meth:`CarrierStore.advance` moves every
parcel one step and numbers each new event with a global sequence (the pull cursor).
Events are dated ``start`` + 6 h per step, or by ``clock`` (the demo: the time of the move).
:meth:`save` and :meth:`load` keep a store between runs, so a puller's cursor stays valid.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SCENARIOS: dict[str, tuple[str, ...]] = {
    "signed": ("collected", "in_transit", "out_for_delivery", "signed"),
    "refused": ("collected", "in_transit", "out_for_delivery", "refused", "returned"),
    "returned": ("collected", "in_transit", "returned"),
    "problem": ("collected", "in_transit", "problem"),
    "delayed": ("collected", "in_transit", "delayed"),
    "lost": ("collected", "in_transit", "lost"),
    "damaged": ("collected", "in_transit", "damaged"),
    "stuck": ("collected", "in_transit"),
}
PLACES = {
    "collected": "上海青浦揽收点",
    "in_transit": "上海转运中心",
    "out_for_delivery": "北京朝阳营业部",
    "signed": "北京朝阳 本人签收",
    "refused": "北京朝阳 客户拒收",
    "returned": "退回寄件人",
    "problem": "北京朝阳 地址不详",
    "delayed": "天气原因延误",
    "lost": "上海转运中心 遗失",
    "damaged": "北京转运中心 破损",
}


@dataclass
class SimParcel:
    tracking_no: str
    carrier_code: str
    scenario: str
    step: int = 0


@dataclass
class CarrierStore:
    start: datetime = field(default_factory=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    parcels: dict[str, SimParcel] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    clock: Callable[[], datetime] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def register(self, tracking_no: str, carrier_code: str, scenario: str = "signed") -> None:
        if scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {scenario!r}")
        with self._lock:
            self.parcels.setdefault(tracking_no, SimParcel(tracking_no, carrier_code, scenario))

    def advance(self, steps: int = 1) -> list[dict[str, Any]]:
        """Move every parcel ``steps`` steps along its scenario; the new events."""
        made = []
        with self._lock:
            for _ in range(steps):
                for parcel in self.parcels.values():
                    path = SCENARIOS[parcel.scenario]
                    if parcel.step >= len(path):
                        continue
                    status = path[parcel.step]
                    parcel.step += 1
                    seq = len(self.events) + 1
                    event = {
                        "seq": seq,
                        "event_id": f"{parcel.carrier_code}-{parcel.tracking_no}-{parcel.step}",
                        "carrier_code": parcel.carrier_code,
                        "tracking_no": parcel.tracking_no,
                        "status": status,
                        "occurred_at": self._moment(parcel.step, seq).isoformat(),
                        "place": PLACES[status],
                    }
                    self.events.append(event)
                    made.append(event)
        return made

    def _moment(self, step: int, seq: int) -> datetime:
        if self.clock is not None:
            return self.clock()
        return self.start + timedelta(hours=6 * step, seconds=seq)

    def knows(self, tracking_no: str) -> bool:
        with self._lock:
            return tracking_no in self.parcels

    def scenarios(self) -> dict[str, str]:
        with self._lock:
            return {k: p.scenario for k, p in self.parcels.items()}

    def save(self, path: Path) -> None:
        """Parcels and events as JSON (tracking numbers and carrier places: nothing secret)."""
        with self._lock:
            data = {
                "start": self.start.isoformat(),
                "parcels": [asdict(p) for p in self.parcels.values()],
                "events": self.events,
            }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, *, clock: Callable[[], datetime] | None = None) -> CarrierStore:
        data = json.loads(path.read_text(encoding="utf-8"))
        store = cls(start=datetime.fromisoformat(data["start"]), clock=clock)
        for item in data["parcels"]:
            parcel = SimParcel(**item)
            store.parcels[parcel.tracking_no] = parcel
        store.events = list(data["events"])
        return store

    def after(self, carrier_code: str, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        with self._lock:
            found = [
                e for e in self.events if e["seq"] > cursor and e["carrier_code"] == carrier_code
            ][:limit]
            last = found[-1]["seq"] if found else cursor
            return found, last

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {
                "parcels": {
                    k: {"scenario": p.scenario, "step": p.step} for k, p in self.parcels.items()
                },
                "events": len(self.events),
            }
