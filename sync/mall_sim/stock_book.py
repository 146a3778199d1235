"""The reference mall's stock levels: per merchant SKU the figure with the highest ``seq``.

Each idempotency key is applied once; an older figure arriving after a newer one is answered
``stale: true`` and kept out. ``arrivals`` records every applied seq per SKU so that a test can
show the mall never took a figure backwards.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from pydantic import ValidationError

from sync.contract_delivery import StockLevelBody
from sync.mall_sim.rules import SimError


class StockBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.levels: dict[tuple[str, str], tuple[int, int]] = {}
        """(merchant, sku) → (seq, sellable_qty) of the newest figure."""
        self.arrivals: dict[tuple[str, str], list[int]] = {}
        self.stale = 0
        self.deliveries: Counter[str] = Counter()
        self._answers: dict[str, dict[str, Any]] = {}

    def apply(self, merchant_id: str, key: str | None, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict) or not key or body.get("event_id") != key:
            raise SimError(
                422, "VALIDATION_FAILED", "the Idempotency-Key header must equal event_id"
            )
        try:
            figure = StockLevelBody.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SimError(422, "VALIDATION_FAILED", f"{where}: {first['msg']}") from None
        with self._lock:
            self.deliveries[key] += 1
            seen = self._answers.get(key)
            if seen is not None:
                return 200, {**seen, "duplicate": True}
            name = (merchant_id, figure.sku_code)
            last_seq = self.levels.get(name, (0, 0))[0]
            if figure.seq <= last_seq:
                self.stale += 1
                answer = {"applied_seq": last_seq, "stale": True}
            else:
                self.levels[name] = (figure.seq, figure.sellable_qty)
                self.arrivals.setdefault(name, []).append(figure.seq)
                answer = {"applied_seq": figure.seq}
            self._answers[key] = answer
            return 200, dict(answer)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                f"{m}/{s}": {"seq": seq, "sellable_qty": qty}
                for (m, s), (seq, qty) in self.levels.items()
            }
