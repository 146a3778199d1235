"""The reference mall's stock levels: per merchant SKU the figure with the highest ``seq``.

A ``stock-levels`` message carries many SKUs of one merchant. Each idempotency key is applied
once (a repeat gets the first answer with ``duplicate: true``). The envelope (``event_id``,
``occurred_at``, a list of 1 to 1000 items) must be right or the whole message is refused with
422; then each item is read on its own: one that breaks the contract is refused alone (listed
in ``refused``) and the others are applied; an item whose ``seq`` is not above the SKU's last
applied one is stale and changes nothing. ``arrivals`` records every applied seq per SKU so
that a test can show the mall never took a figure backwards.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from pydantic import ValidationError

from sync.contract import _Push
from sync.contract_delivery import STOCK_LEVELS_MAX_ITEMS, StockLevelItem
from sync.mall_sim.rules import SimError


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(body)"
    return f"{where}: {first['msg']}"


class StockBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.levels: dict[tuple[str, str], tuple[int, int]] = {}
        """(merchant, sku) → (seq, sellable_qty) of the newest figure."""
        self.arrivals: dict[tuple[str, str], list[int]] = {}
        self.stale = 0
        self.refused = 0
        self.messages = 0
        """Messages applied (each key once)."""
        self.deliveries: Counter[str] = Counter()
        self._answers: dict[str, dict[str, Any]] = {}

    def apply(self, merchant_id: str, key: str | None, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict) or not key or body.get("event_id") != key:
            raise SimError(
                422, "VALIDATION_FAILED", "the Idempotency-Key header must equal event_id"
            )
        items = body.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= STOCK_LEVELS_MAX_ITEMS:
            raise SimError(
                422,
                "VALIDATION_FAILED",
                f"items: a list of 1 to {STOCK_LEVELS_MAX_ITEMS} stock figures is required",
            )
        try:  # the envelope alone; each item is read below on its own
            _Push.model_validate({k: v for k, v in body.items() if k != "items"})
        except ValidationError as exc:
            raise SimError(422, "VALIDATION_FAILED", _first_error(exc)) from None
        with self._lock:
            self.deliveries[key] += 1
            seen = self._answers.get(key)
            if seen is not None:
                return 200, {**seen, "duplicate": True}
            answer = self._apply_items(merchant_id, items)
            self.messages += 1
            self._answers[key] = answer
            return 200, dict(answer)

    def _apply_items(self, merchant_id: str, items: list[Any]) -> dict[str, Any]:
        applied, stale, refused = 0, 0, []
        seen_here: set[str] = set()
        for index, raw in enumerate(items):
            code = str(raw.get("sku_code", ""))[:64] if isinstance(raw, dict) else ""
            try:
                figure = StockLevelItem.model_validate(raw)
            except ValidationError as exc:
                refused.append({"index": index, "sku_code": code, "reason": _first_error(exc)})
                continue
            if figure.sku_code in seen_here:
                reason = "the SKU appears twice in one message"
                refused.append({"index": index, "sku_code": code, "reason": reason})
                continue
            seen_here.add(figure.sku_code)
            name = (merchant_id, figure.sku_code)
            if figure.seq <= self.levels.get(name, (0, 0))[0]:
                stale += 1
                continue
            self.levels[name] = (figure.seq, figure.sellable_qty)
            self.arrivals.setdefault(name, []).append(figure.seq)
            applied += 1
        self.stale += stale
        self.refused += len(refused)
        return {"applied": applied, "stale": stale, "refused": refused}

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                f"{m}/{s}": {"seq": seq, "sellable_qty": qty}
                for (m, s), (seq, qty) in self.levels.items()
            }
