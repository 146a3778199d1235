"""The reference mall's own store: fulfilment orders, the change feed and idempotency keys.

Everything is in memory behind one lock; ``change_seq`` is stamped in the same critical
section as the change it numbers, which is the guarantee the warehouse's cursor relies on.
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sync.contract import PUSH_BODIES, OrderSnapshot, StockRequestBody
from sync.mall_sim.resolutions import RESOLUTION_APPLY
from sync.mall_sim.rules import APPLY, SimError, SimOrder, restate_amounts
from sync.mall_sim.stock_book import StockBook

MALL_TZ = timezone(timedelta(hours=8))
CANCELLABLE_OUTRIGHT = ("requested",)
CANCEL_BY_REQUEST = ("accepted", "in_progress", "partially_shipped")
CHANGEABLE = ("requested", "accepted", "in_progress")


@dataclass(frozen=True)
class AppliedEvent:
    """One push the mall applied (exactly once per idempotency key)."""

    key: str
    fo_id: str
    action: str
    body: dict[str, Any]
    version_after: int


@dataclass(frozen=True)
class _KeyRecord:
    fo_id: str
    action: str
    fingerprint: str
    status: int
    response: dict[str, Any]


def _fingerprint(action: str, fo_id: str, body: dict[str, Any]) -> str:
    text = json.dumps([action, fo_id, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class MallStore:
    """Thread-safe state of the reference mall for one warehouse."""

    def __init__(self, warehouse_code: str = "W1") -> None:
        self.warehouse_code = warehouse_code
        self._lock = threading.RLock()
        self._seq = 0
        self._orders: dict[str, SimOrder] = {}
        self._log_seqs: list[int] = []
        self._log_ids: list[str] = []
        self._keys: dict[str, _KeyRecord] = {}
        self._deliveries: Counter[str] = Counter()
        self._applied: list[AppliedEvent] = []
        from sync.mall_sim.returns import SimReturns  # the desk refers back to this store

        self.returns = SimReturns(self)
        """The after-sales desk (return requests and their outcomes)."""
        self.stock = StockBook()

    # --- changes stamped with change_seq ------------------------------------------------------

    def _stamp(self, order: SimOrder, *, new_version: bool) -> None:
        """Caller holds the lock. Keep the old snapshot, bump version, number the change."""
        if new_version:
            order.history.append(copy.deepcopy(order.snapshot))
            order.snapshot["version"] = int(order.snapshot["version"]) + 1
        self._seq += 1
        order.snapshot["change_seq"] = self._seq
        self._log_seqs.append(self._seq)
        self._log_ids.append(order.snapshot["fo_id"])

    def add_order(self, snapshot: dict[str, Any]) -> dict[str, Any]:
        """Add a new order at version 1 (``change_seq`` is assigned here)."""
        data = copy.deepcopy(snapshot)
        data["version"] = 1
        data["change_seq"] = 1
        data.setdefault("warehouse_code", self.warehouse_code)
        OrderSnapshot.model_validate(data)  # the mall never publishes what the contract forbids
        with self._lock:
            if data["fo_id"] in self._orders:
                raise SimError(409, "STATE_CONFLICT", f"order {data['fo_id']} exists")
            order = SimOrder(snapshot=data)
            self._orders[data["fo_id"]] = order
            self._stamp(order, new_version=False)
            return copy.deepcopy(order.snapshot)

    def add_orders(self, snapshots: list[dict[str, Any]]) -> list[str]:
        """Add many new orders at version 1, taking the dicts given as they are (no copies:
        the caller hands them over, as the generator does); each is checked as in
        :meth:`add_order`. Returns their fo_ids."""
        for data in snapshots:
            data["version"], data["change_seq"] = 1, 1
            data.setdefault("warehouse_code", self.warehouse_code)
            OrderSnapshot.model_validate(data)
        with self._lock:
            fo_ids = [data["fo_id"] for data in snapshots]
            if len(set(fo_ids)) < len(fo_ids) or any(fo in self._orders for fo in fo_ids):
                raise SimError(409, "STATE_CONFLICT", "an order of the batch exists")
            for data in snapshots:
                order = SimOrder(snapshot=data)
                self._orders[data["fo_id"]] = order
                self._stamp(order, new_version=False)
            return fo_ids

    def add_raw(self, raw: dict[str, Any]) -> int:
        """Publish a payload as is, even a malformed one (to test quarantine). Returns its seq."""
        with self._lock:
            fo_id = str(raw.get("fo_id", f"RAW-{self._seq + 1}"))
            order = SimOrder(snapshot=copy.deepcopy(raw))
            self._orders[fo_id] = order
            self._seq += 1
            order.snapshot["change_seq"] = self._seq
            self._log_seqs.append(self._seq)
            self._log_ids.append(fo_id)
            return self._seq

    def _get(self, fo_id: str) -> SimOrder:
        order = self._orders.get(fo_id)
        if order is None:
            raise SimError(404, "NOT_FOUND", f"no fulfilment order {fo_id}")
        return order

    def request_cancel(self, fo_id: str, reason: str = "buyer asked") -> dict[str, Any]:
        """The buyer cancels: outright before accept, a request the warehouse answers after."""
        with self._lock:
            order = self._get(fo_id)
            if order.state in CANCELLABLE_OUTRIGHT:
                order.snapshot["state"] = "cancelled"
            elif order.state in CANCEL_BY_REQUEST:
                order.snapshot["cancel_request"] = {
                    "requested_at": datetime.now(MALL_TZ).isoformat(timespec="seconds"),
                    "reason": reason,
                }
            else:
                raise order.conflict(f"cannot cancel: the order is {order.state}")
            self._stamp(order, new_version=True)
            return copy.deepcopy(order.snapshot)

    def change_lines(self, fo_id: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
        """A quantity change or substitution: the order's lines are replaced in a new version."""
        with self._lock:
            order = self._get(fo_id)
            if order.state not in CHANGEABLE:
                raise order.conflict(f"cannot change lines: the order is {order.state}")
            candidate = {**order.snapshot, "lines": copy.deepcopy(lines)}
            candidate["payment"] = restate_amounts(candidate["payment"], candidate["lines"])
            OrderSnapshot.model_validate(candidate)
            order.snapshot["lines"] = candidate["lines"]
            order.snapshot["payment"] = candidate["payment"]
            self._stamp(order, new_version=True)
            return copy.deepcopy(order.snapshot)

    def mark_paid(self, fo_id: str) -> dict[str, Any]:
        with self._lock:
            order = self._get(fo_id)
            paid = {**order.snapshot["payment"], "paid": True}
            order.snapshot["payment"] = restate_amounts(paid, order.snapshot["lines"])
            order.snapshot["paid_at"] = datetime.now(MALL_TZ).isoformat(timespec="seconds")
            self._stamp(order, new_version=True)
            return copy.deepcopy(order.snapshot)

    # --- reads ---------------------------------------------------------------------------------

    def changes(self, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """Current snapshots of orders changed after ``cursor``, in ``change_seq`` order."""
        with self._lock:
            items: list[dict[str, Any]] = []
            position = bisect.bisect_right(self._log_seqs, cursor)
            next_cursor = cursor
            while position < len(self._log_seqs) and len(items) < limit:
                seq, fo_id = self._log_seqs[position], self._log_ids[position]
                position += 1
                next_cursor = seq
                snapshot = self._orders[fo_id].snapshot
                if snapshot.get("change_seq") == seq:  # later entries supersede this one
                    items.append(copy.deepcopy(snapshot))
            return items, next_cursor, position < len(self._log_seqs)

    def older_version(self, fo_id: str) -> dict[str, Any] | None:
        with self._lock:
            order = self._orders.get(fo_id)
            return copy.deepcopy(order.history[-1]) if order and order.history else None

    def order(self, fo_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._get(fo_id).snapshot)

    def record(self, fo_id: str) -> SimOrder:
        with self._lock:
            return copy.deepcopy(self._get(fo_id))

    def fo_ids(self) -> list[str]:
        with self._lock:
            return list(self._orders)

    # --- pushes --------------------------------------------------------------------------------

    def push(
        self, fo_id: str, action: str, key: str | None, body: Any
    ) -> tuple[int, dict[str, Any]]:
        """Apply one warehouse push exactly once per idempotency key; returns status and body."""
        model = PUSH_BODIES.get(action)
        if model is None:
            raise SimError(404, "NOT_FOUND", f"no such action {action}")
        if not isinstance(body, dict) or not key or body.get("event_id") != key:
            raise SimError(
                422, "VALIDATION_FAILED", "the Idempotency-Key header must equal event_id"
            )
        fingerprint = _fingerprint(action, fo_id, body)
        with self._lock:
            self._deliveries[key] += 1
            seen = self._keys.get(key)
            if seen is not None:
                if seen.fingerprint != fingerprint:
                    raise SimError(
                        422, "IDEMPOTENCY_KEY_REUSED", f"key {key} was used for another push"
                    )
                return seen.status, {**seen.response, "duplicate": True}
            order = self._get(fo_id)
            try:
                parsed = model.model_validate(body)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise SimError(422, "VALIDATION_FAILED", f"{where}: {first['msg']}") from None
            before = copy.deepcopy(order)
            try:
                changed = {**APPLY, **RESOLUTION_APPLY}[action](order, parsed)
            except SimError:
                self._orders[fo_id] = before
                raise
            if changed:
                self._stamp(order, new_version=True)
            response = {"state": order.state, "version": order.version}
            status = 201 if action == "shipments" else 200
            self._keys[key] = _KeyRecord(fo_id, action, fingerprint, status, response)
            self._applied.append(AppliedEvent(key, fo_id, action, body, order.version))
            return status, dict(response)

    def stock_request(
        self, merchant_id: str, key: str | None, body: Any
    ) -> tuple[int, dict[str, Any]]:
        """Record a warehouse's request for more stock, once per idempotency key."""
        if not isinstance(body, dict) or not key or body.get("event_id") != key:
            raise SimError(
                422, "VALIDATION_FAILED", "the Idempotency-Key header must equal event_id"
            )
        fingerprint = _fingerprint("stock-requests", merchant_id, body)
        with self._lock:
            self._deliveries[key] += 1
            seen = self._keys.get(key)
            if seen is not None:
                if seen.fingerprint != fingerprint:
                    raise SimError(
                        422, "IDEMPOTENCY_KEY_REUSED", f"key {key} was used for another push"
                    )
                return seen.status, {**seen.response, "duplicate": True}
            try:
                StockRequestBody.model_validate(body)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise SimError(422, "VALIDATION_FAILED", f"{where}: {first['msg']}") from None
            response = {"request_id": f"SR{len(self._keys) + 1:06d}"}
            self._keys[key] = _KeyRecord(merchant_id, "stock-requests", fingerprint, 201, response)
            self._applied.append(AppliedEvent(key, merchant_id, "stock-requests", body, 0))
            return 201, dict(response)

    # --- counters for tests ------------------------------------------------------------------

    def deliveries(self) -> dict[str, int]:
        """How many times each idempotency key arrived (duplicates included)."""
        with self._lock:
            return dict(self._deliveries)

    def applied(self) -> list[AppliedEvent]:
        with self._lock:
            return list(self._applied)

    def counters(self) -> dict[str, Any]:
        returns = self.returns.counters()
        with self._lock:
            states = Counter(o.state for o in self._orders.values())
            duplicates = {k: n - 1 for k, n in self._deliveries.items() if n > 1}
            return {
                "orders": len(self._orders),
                "change_seq": self._seq,
                "states": dict(states),
                "applied": len(self._applied),
                "keys": len(self._keys),
                "deliveries": sum(self._deliveries.values()),
                "duplicate_deliveries": sum(duplicates.values()),
                "duplicates_by_key": duplicates,
                "after_sales": returns,
            }

    # --- persistence (optional): the whole state as one JSON file ---------------------------

    def save(self, path: str | Path, *, seal: Callable[[str], str] | None = None) -> None:
        """Write the store to ``path`` atomically (write a temporary file, then rename);
        with ``seal`` (the demo seals it with the site's receiver key) the text is sealed."""
        with self._lock:
            state = {
                "warehouse_code": self.warehouse_code,
                "seq": self._seq,
                "orders": {k: asdict(v) for k, v in self._orders.items()},
                "log": [self._log_seqs, self._log_ids],
                "keys": {k: asdict(v) for k, v in self._keys.items()},
                "deliveries": dict(self._deliveries),
                "applied": [asdict(e) for e in self._applied],
                "returns": self.returns.state(),
            }
        target = Path(path)
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.unlink(missing_ok=True)
        # The mall's receivers are in this file: readable by its owner only (0600).
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            text = json.dumps(state, ensure_ascii=False)
            handle.write(seal(text) if seal is not None else text)
        temporary.replace(target)

    @classmethod
    def load(cls, path: str | Path, *, unseal: Callable[[str], str] | None = None) -> MallStore:
        text = Path(path).read_text(encoding="utf-8")
        if not text.lstrip().startswith("{"):
            if unseal is None:
                raise ValueError(f"{path} is sealed; it needs the key it was sealed with")
            text = unseal(text)
        state = json.loads(text)
        store = cls(state["warehouse_code"])
        store._seq = int(state["seq"])
        store._orders = {k: SimOrder(**v) for k, v in state["orders"].items()}
        store._log_seqs, store._log_ids = [list(x) for x in state["log"]]
        store._keys = {k: _KeyRecord(**v) for k, v in state["keys"].items()}
        store._deliveries = Counter(state["deliveries"])
        store._applied = [AppliedEvent(**e) for e in state["applied"]]
        store.returns.restore(state.get("returns") or {})
        return store
