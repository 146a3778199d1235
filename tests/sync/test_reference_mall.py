"""The reference mall keeps the contract's rules, so that tests against it mean something."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sync.contract import OrderSnapshot
from sync.intake_checks import check_intake
from sync.mall_sim import FaultConfig, MallStore, RunningMall, generate_orders, seed_store
from sync.mall_sim.generator import DEMO_SKUS
from sync.mall_sim.rules import SimError

SKUS = list(DEMO_SKUS)


def _push(mall: RunningMall, fo_id: str, action: str, body: dict[str, object]) -> httpx.Response:
    return httpx.post(
        f"{mall.base_url}/fulfillment-orders/{fo_id}/{action}",
        json=body,
        headers={"Authorization": f"Bearer {mall.token}", "Idempotency-Key": str(body["event_id"])},
    )


def test_the_same_seed_gives_the_same_orders_and_a_realistic_mix() -> None:
    first = generate_orders(400, SKUS, seed=9)
    assert first == generate_orders(400, SKUS, seed=9)
    decisions = [
        check_intake(OrderSnapshot.model_validate({**o, "version": 1, "change_seq": 1}))
        for o in first
    ]
    held = sum(not d.release for d in decisions)
    assert 10 < held < 80
    assert len({o["merchant"]["id"] for o in first}) >= 5
    assert any(o["payment"]["method"] == "cod" for o in first)
    assert {line["sku_code"] for o in first for line in o["lines"]} <= set(SKUS)


def test_a_cancel_before_accept_is_outright_and_after_accept_is_a_request() -> None:
    store = MallStore()
    a, b, c = seed_store(store, 3, SKUS)
    store.push(
        b,
        "accept",
        "k-accept-b",
        {"event_id": "k-accept-b", "occurred_at": "2024-06-11T10:00:00+08:00"},
    )
    assert store.request_cancel(a)["state"] == "cancelled"
    requested = store.request_cancel(b)
    assert requested["state"] == "accepted" and requested["cancel_request"] is not None
    assert requested["version"] == 3
    store.push(
        c,
        "accept",
        "k-accept-c",
        {"event_id": "k-accept-c", "occurred_at": "2024-06-11T10:00:00+08:00"},
    )
    store.push(
        c,
        "shipments",
        "k-ship-c",
        {
            "event_id": "k-ship-c",
            "occurred_at": "2024-06-11T11:00:00+08:00",
            "final": True,
            "packages": [
                {
                    "carrier_code": "SF",
                    "tracking_no": "SF1234567890",
                    "weight_kg": "1.000",
                    "lines": [
                        {"line_id": line["line_id"], "qty": line["qty"]}
                        for line in store.order(c)["lines"]
                    ],
                }
            ],
        },
    )
    with pytest.raises(SimError) as caught:
        store.request_cancel(c)
    assert caught.value.status == 409


def test_shipping_more_than_ordered_is_422_and_answering_an_unknown_cancel_is_409(
    mall: RunningMall,
) -> None:
    (fo_id,) = seed_store(mall.store, 1, SKUS)
    at = "2024-06-11T10:00:00+08:00"
    assert (
        _push(mall, fo_id, "accept", {"event_id": "acc-000001", "occurred_at": at}).status_code
        == 200
    )
    line = mall.store.order(fo_id)["lines"][0]
    too_many = _push(
        mall,
        fo_id,
        "shipments",
        {
            "event_id": "ship-00001",
            "occurred_at": at,
            "final": True,
            "packages": [
                {
                    "carrier_code": "ZTO",
                    "tracking_no": "ZTO123456",
                    "weight_kg": "0.500",
                    "lines": [{"line_id": line["line_id"], "qty": line["qty"] + 1}],
                }
            ],
        },
    )
    assert too_many.status_code == 422 and too_many.json()["code"] == "QTY_ABOVE_ORDERED"
    answer = _push(
        mall,
        fo_id,
        "cancellation",
        {"event_id": "can-000001", "occurred_at": at, "decision": "ACCEPT"},
    )
    assert answer.status_code == 409 and answer.json()["state"] == "accepted"


def test_a_reused_key_with_another_body_is_refused(mall: RunningMall) -> None:
    a, b = seed_store(mall.store, 2, SKUS)
    at = "2024-06-11T10:00:00+08:00"
    assert (
        _push(mall, a, "accept", {"event_id": "same-key-1", "occurred_at": at}).status_code == 200
    )
    again = _push(mall, b, "accept", {"event_id": "same-key-1", "occurred_at": at})
    assert again.status_code == 422 and again.json()["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_the_feed_can_repeat_and_send_older_versions_when_told_to(mall: RunningMall) -> None:
    ids = seed_store(mall.store, 50, SKUS)
    for fo_id in ids:
        mall.store.change_lines(fo_id, [{**mall.store.order(fo_id)["lines"][0], "qty": 9}])
    mall.faults.set(FaultConfig(feed_duplicates=0.3, feed_reorder=0.3))
    page = httpx.get(
        f"{mall.base_url}/fulfillment-orders/changes",
        params={"cursor": "0"},
        headers={"Authorization": f"Bearer {mall.token}"},
    ).json()
    versions = [(item["fo_id"], item["version"]) for item in page["items"]]
    assert len(versions) > len(set(versions))  # duplicates
    assert any(v == 1 for _, v in versions)  # stale versions after the newest


def test_admin_counters_report_duplicates_per_key(mall: RunningMall) -> None:
    (fo_id,) = seed_store(mall.store, 1, SKUS)
    body = {"event_id": "dup-key-01", "occurred_at": "2024-06-11T10:00:00+08:00"}
    for _ in range(3):
        _push(mall, fo_id, "accept", body)
    counters = httpx.get(
        f"{mall.root}/_sim/counters", headers={"Authorization": f"Bearer {mall.token}"}
    ).json()
    assert counters["duplicates_by_key"] == {"dup-key-01": 2} and counters["applied"] == 1


def test_the_mall_state_survives_a_restart_through_its_json_file(tmp_path: Path) -> None:
    store = MallStore()
    (fo_id,) = seed_store(store, 1, SKUS)
    store.push(
        fo_id,
        "accept",
        "key-persist-1",
        {"event_id": "key-persist-1", "occurred_at": "2024-06-11T10:00:00+08:00"},
    )
    store.save(tmp_path / "mall.json")
    again = MallStore.load(tmp_path / "mall.json")
    assert again.order(fo_id) == store.order(fo_id)
    assert again.counters() == store.counters()
    status, body = again.push(
        fo_id,
        "accept",
        "key-persist-1",
        {"event_id": "key-persist-1", "occurred_at": "2024-06-11T10:00:00+08:00"},
    )
    assert status == 200 and body["duplicate"] is True and again.changes(0, 100)[1] == 2


def test_tests_drive_the_mall_through_its_admin_endpoints(mall: RunningMall) -> None:
    admin = httpx.Client(
        base_url=mall.root + "/_sim", headers={"Authorization": f"Bearer {mall.token}"}
    )
    created = admin.post("/orders", json={"generate": 5, "seed": 3, "skus": SKUS}).json()["fo_ids"]
    first, second = created[0], created[1]
    assert (
        admin.post(f"/orders/{first}/cancel", json={"reason": "changed mind"}).json()["state"]
        == "cancelled"
    )
    line = mall.store.order(second)["lines"][0]
    changed = admin.post(f"/orders/{second}/lines", json={"lines": [{**line, "qty": 7}]}).json()
    assert changed["version"] == 2 and changed["lines"][0]["qty"] == 7
    assert (
        admin.put("/faults", json={"spec": "500=0.5,retry_after=2|0.5"}).json()["faults"]
        == "error_500=0.5"
    )
    assert admin.put("/faults", json={"spec": "explode=1"}).status_code == 422
    record = admin.get(f"/orders/{second}").json()
    assert [h["version"] for h in record["history"]] == [1]
    counters = admin.get("/counters").json()
    assert counters["orders"] == 5 and counters["states"] == {"cancelled": 1, "requested": 4}
    assert httpx.get(mall.root + "/_sim/counters").status_code == 401
