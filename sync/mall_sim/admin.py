"""Admin endpoints of the reference mall (``/_sim/…``): tests and the demo drive the mall's
own side with them — create orders, cancel, change lines, set faults, read counters."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sync.mall_sim.faults import FaultConfig, FaultInjector
from sync.mall_sim.generator import evolve, seed_store
from sync.mall_sim.rules import SimError
from sync.mall_sim.store import MallStore


def _field(body: Any, name: str, default: Any = None) -> Any:
    if not isinstance(body, dict):
        raise SimError(400, "VALIDATION_FAILED", "the body must be a JSON object")
    return body.get(name, default)


def handle_admin(
    store: MallStore, faults: FaultInjector, method: str, path: str, body: Any
) -> tuple[int, dict[str, Any]]:
    parts = path.strip("/").split("/")[1:]
    if method == "GET" and parts == ["counters"]:
        return 200, {**store.counters(), "faults_injected": dict(faults.injected)}
    if method == "GET" and parts == ["deliveries"]:
        return 200, {"deliveries": store.deliveries()}
    if method == "GET" and parts == ["applied"]:
        return 200, {"applied": [asdict(e) for e in store.applied()]}
    if method == "PUT" and parts == ["faults"]:
        try:
            config = FaultConfig.parse(str(_field(body, "spec", "")))
        except ValueError as exc:
            raise SimError(422, "VALIDATION_FAILED", str(exc)) from None
        faults.set(config)
        return 200, {"faults": config.describe()}
    if method == "POST" and parts == ["orders"]:
        if _field(body, "snapshot") is not None:
            return 201, store.add_order(body["snapshot"])
        skus = [str(s) for s in _field(body, "skus", [])]
        ids = seed_store(
            store, int(_field(body, "generate", 0)), skus, seed=int(_field(body, "seed", 1))
        )
        return 201, {"fo_ids": ids}
    if method == "POST" and parts == ["raw"]:
        return 201, {"change_seq": store.add_raw(body)}
    if method == "POST" and parts == ["evolve"]:
        done = evolve(
            store,
            [str(s) for s in _field(body, "skus", [])],
            seed=int(_field(body, "seed", 1)),
            share=float(_field(body, "share", 0.1)),
        )
        return 200, done
    if len(parts) == 3 and parts[0] == "orders" and method == "POST":
        fo_id, action = parts[1], parts[2]
        if action == "cancel":
            return 200, store.request_cancel(fo_id, str(_field(body, "reason", "buyer asked")))
        if action == "lines":
            return 200, store.change_lines(fo_id, list(_field(body, "lines", [])))
        if action == "paid":
            return 200, store.mark_paid(fo_id)
    if method == "POST" and parts == ["returns"]:
        order = store.order(str(_field(body, "fo_id", "")))
        return 201, store.returns.request(
            order,
            kind=str(_field(body, "kind", "return")),
            lines=_field(body, "lines"),
            reason=str(_field(body, "reason", "不想要了")),
            tracking_no=str(_field(body, "tracking_no", "")),
            delivered_days_ago=int(_field(body, "delivered_days_ago", 2)),
        )
    if len(parts) == 2 and parts[0] == "returns" and method == "GET":
        return 200, {**store.returns.rma(parts[1]), "outcome": store.returns.outcomes.get(parts[1])}
    if len(parts) == 2 and parts[0] == "orders" and method == "GET":
        record = store.record(parts[1])
        return 200, {**asdict(record)}
    raise SimError(404, "NOT_FOUND", f"no admin route {method} {path}")
