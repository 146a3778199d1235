"""The reference mall's after-sales desk: return requests (RMA) for shipped orders, their
change feed, and the warehouse's outcome per line applied exactly once per idempotency key.
An accepted return is refunded; an accepted exchange ships a replacement as a new fulfilment
order (through the order feed) and the RMA names it (``replacement_fo_id``).
"""

from __future__ import annotations

import bisect
import copy
import threading
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from sync.contract_returns import ReturnOutcomeBody, ReturnRequestSnapshot
from sync.mall_sim.rules import SimError, restate_amounts
from sync.mall_sim.store import MALL_TZ, MallStore, _fingerprint


class SimReturns:
    def __init__(self, store: MallStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._seq = 0
        self._rmas: dict[str, dict[str, Any]] = {}
        self._log: list[tuple[int, str]] = []
        self._keys: dict[str, tuple[str, dict[str, Any]]] = {}
        self.deliveries: Counter[str] = Counter()
        self.outcomes: dict[str, dict[str, Any]] = {}
        """Every outcome applied, by RMA (a refused delivery's too)."""
        self.refunds: dict[str, int] = {}
        """Units refunded per RMA."""
        self.applied: Counter[str] = Counter()
        """Outcomes applied per RMA (exactly once each, whatever the deliveries)."""

    def _stamp(self, rma: dict[str, Any], *, new_version: bool) -> None:
        if new_version:
            rma["version"] = int(rma["version"]) + 1
        self._seq += 1
        rma["change_seq"] = self._seq
        self._log.append((self._seq, rma["rma_id"]))

    def request(
        self,
        order: dict[str, Any],
        *,
        kind: str = "return",
        lines: list[dict[str, Any]] | None = None,
        reason: str = "不想要了",
        tracking_no: str = "",
        delivered_days_ago: int = 2,
    ) -> dict[str, Any]:
        """The customer asks to return (or exchange) goods of ``order`` (a snapshot)."""
        now = datetime.now(MALL_TZ)
        with self._lock:
            rma_id = f"RMA{len(self._rmas) + 1:06d}-{order['fo_id']}"[:64]
            rma: dict[str, Any] = {
                "rma_id": rma_id,
                "version": 1,
                "change_seq": 1,
                "kind": kind,
                "state": "shipped_back" if tracking_no else "requested",
                "fo_id": order["fo_id"],
                "order_sn": order["order_sn"],
                "merchant": dict(order["merchant"]),
                "warehouse_code": order.get("warehouse_code", self.store.warehouse_code),
                "requested_at": now.isoformat(timespec="seconds"),
                "delivered_at": (now - timedelta(days=delivered_days_ago)).isoformat(
                    timespec="seconds"
                ),
                "reason": reason,
                "tracking_no": tracking_no,
                "carrier_code": "SF" if tracking_no else "",
                "lines": lines
                or [
                    {"line_id": ln["line_id"], "sku_code": ln["sku_code"], "qty": ln["qty"]}
                    for ln in order["lines"]
                ],
            }
            ReturnRequestSnapshot.model_validate(rma)
            self._rmas[rma_id] = rma
            self._stamp(rma, new_version=False)
            return copy.deepcopy(rma)

    def add_raw(self, raw: Any) -> int:
        """Publish any payload in the return feed, even a broken one (to test quarantine)."""
        with self._lock:
            self._seq += 1
            rma_id = f"RAW-{self._seq}"
            self._rmas[rma_id] = {"rma_id": rma_id, "change_seq": self._seq, "raw": raw}
            self._log.append((self._seq, rma_id))
            return self._seq

    def ship_back(self, rma_id: str, tracking_no: str, carrier: str = "SF") -> dict[str, Any]:
        with self._lock:
            rma = self._get(rma_id)
            rma.update(tracking_no=tracking_no, carrier_code=carrier, state="shipped_back")
            self._stamp(rma, new_version=True)
            return copy.deepcopy(rma)

    def _get(self, rma_id: str) -> dict[str, Any]:
        rma = self._rmas.get(rma_id)
        if rma is None:
            raise SimError(404, "NOT_FOUND", f"no return {rma_id}")
        return rma

    def rma(self, rma_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._get(rma_id))

    def changes(self, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        with self._lock:
            seqs = [s for s, _ in self._log]
            position = bisect.bisect_right(seqs, cursor)
            items: list[dict[str, Any]] = []
            next_cursor = cursor
            while position < len(self._log) and len(items) < limit:
                seq, rma_id = self._log[position]
                position += 1
                next_cursor = seq
                entry = self._rmas[rma_id]
                if entry["change_seq"] == seq:
                    items.append(copy.deepcopy(entry.get("raw", entry)))
            return items, next_cursor, position < len(self._log)

    def outcome(self, rma_id: str, key: str | None, body: Any) -> tuple[int, dict[str, Any]]:
        """Apply the warehouse's outcome once per key: refund, or ship the exchange."""
        if not isinstance(body, dict) or not key or body.get("event_id") != key:
            raise SimError(
                422, "VALIDATION_FAILED", "the Idempotency-Key header must equal event_id"
            )
        fingerprint = _fingerprint("return-outcome", rma_id, body)
        with self._lock:
            self.deliveries[key] += 1
            seen = self._keys.get(key)
            if seen is not None:
                if seen[0] != fingerprint:
                    raise SimError(
                        422, "IDEMPOTENCY_KEY_REUSED", f"key {key} was used for another push"
                    )
                return 200, {**seen[1], "duplicate": True}
            try:
                parsed = ReturnOutcomeBody.model_validate(body)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise SimError(422, "VALIDATION_FAILED", f"{where}: {first['msg']}") from None
            if parsed.rma_id != rma_id:
                raise SimError(422, "VALIDATION_FAILED", "rma_id differs from the path")
            rma = self._rmas.get(rma_id)
            if rma is None and not parsed.refused_delivery:
                raise SimError(404, "NOT_FOUND", f"no return {rma_id}")
            if rma is not None and rma["state"] == "closed":
                raise SimError(
                    409,
                    "STATE_CONFLICT",
                    f"return {rma_id} is closed",
                    state="closed",
                    version=rma["version"],
                )
            accepted = {ln.line_id: ln.accepted_qty for ln in parsed.lines if ln.accepted_qty}
            state = "refunded"
            if rma is not None:
                if rma["kind"] == "exchange" and accepted:
                    rma["replacement_fo_id"] = self._replacement(rma, accepted)
                    state = "exchanged"
                rma["state"] = "closed"
                self._stamp(rma, new_version=True)
            self.refunds[rma_id] = 0 if state == "exchanged" else sum(accepted.values())
            self.outcomes[rma_id] = parsed.model_dump(mode="json")
            self.applied[rma_id] += 1
            answer = {"rma_id": rma_id, "state": state}
            self._keys[key] = (fingerprint, answer)
            return 200, dict(answer)

    def _replacement(self, rma: dict[str, Any], accepted: dict[str, int]) -> str:
        """A new fulfilment order for the exchanged units (same receiver, already paid)."""
        original = self.store.order(rma["fo_id"])
        lines = [
            {**ln, "qty": accepted[ln["line_id"]], "discount": "0.00"}
            for ln in original["lines"]
            if ln["line_id"] in accepted
        ]
        fo_id = f"{rma['fo_id']}-X{rma['rma_id'][3:9]}"[:64]
        payment = {
            **original["payment"],
            "method": "online",
            "paid": True,
            "discount": "0.00",
            "shipping_fee": "0.00",
            "cod_amount": "0.00",
        }
        payment.pop("amount_paid", None)
        snapshot = {
            **copy.deepcopy(original),
            "fo_id": fo_id,
            "order_sn": f"{original['order_sn']}X"[:64],
            "state": "requested",
            "cancel_request": None,
            "lines": lines,
            "payment": restate_amounts(payment, lines),
            "buyer_note": f"换货 {rma['rma_id']}"[:500],
        }
        self.store.add_order(snapshot)
        return fo_id

    def state(self) -> dict[str, Any]:
        """Everything the desk holds, for the store's state file."""
        with self._lock:
            return {
                "seq": self._seq,
                "rmas": copy.deepcopy(self._rmas),
                "log": [list(e) for e in self._log],
                "keys": {k: [f, a] for k, (f, a) in self._keys.items()},
                "deliveries": dict(self.deliveries),
                "outcomes": copy.deepcopy(self.outcomes),
                "refunds": dict(self.refunds),
                "applied": dict(self.applied),
            }

    def restore(self, state: dict[str, Any]) -> None:
        with self._lock:
            self._seq = int(state.get("seq", 0))
            self._rmas = dict(state.get("rmas", {}))
            self._log = [(int(s), str(r)) for s, r in state.get("log", [])]
            self._keys = {k: (str(v[0]), dict(v[1])) for k, v in state.get("keys", {}).items()}
            self.deliveries = Counter(state.get("deliveries", {}))
            self.outcomes = dict(state.get("outcomes", {}))
            self.refunds = {k: int(v) for k, v in state.get("refunds", {}).items()}
            self.applied = Counter(state.get("applied", {}))

    def counters(self) -> dict[str, Any]:
        with self._lock:
            return {
                "returns": len(self._rmas),
                "outcomes": len(self.outcomes),
                "outcome_deliveries": dict(self.deliveries),
            }
