"""The reference mall answers the supervisor's four pushes, and a substitute's answer comes
back as a new version that the warehouse's intake applies and that closes the waiting case."""

from __future__ import annotations

import pytest

from sync.mall_sim import MallStore, seed_store
from sync.mall_sim.generator import DEMO_SKUS
from sync.mall_sim.resolutions import answer_substitute
from sync.mall_sim.rules import SimError

AT = "2026-11-24T10:00:00+08:00"


def _push(store: MallStore, fo_id: str, action: str, key: str, **body: object) -> dict[str, object]:
    status, answer = store.push(fo_id, action, key, {"event_id": key, "occurred_at": AT, **body})
    assert status == 200
    return answer


def _accepted(store: MallStore) -> tuple[str, str, int]:
    (fo_id,) = seed_store(store, 1, list(DEMO_SKUS))
    _push(store, fo_id, "accept", f"k-accept-{fo_id}")
    line = store.order(fo_id)["lines"][0]
    return fo_id, str(line["line_id"]), int(line["qty"])


def test_a_transfer_request_and_a_promise_are_recorded_without_a_new_version() -> None:
    store = MallStore()
    fo_id, line_id, qty = _accepted(store)
    version = store.order(fo_id)["version"]
    _push(
        store,
        fo_id,
        "transfer-requests",
        "k-transfer-1",
        line_id=line_id,
        sku_code="X",
        qty=qty,
        from_warehouse="W2",
    )
    _push(
        store,
        fo_id,
        "replenishment-promises",
        "k-promise-1",
        line_id=line_id,
        qty=qty,
        promised_date="2026-11-28",
    )
    assert store.order(fo_id)["version"] == version
    kinds = [s["kind"] for s in store.record(fo_id).shortages]
    assert kinds == ["transfer_request", "restock_promise"]
    with pytest.raises(SimError) as refused:
        _push(
            store,
            fo_id,
            "transfer-requests",
            "k-transfer-2",
            line_id=line_id,
            sku_code="X",
            qty=qty + 1,
            from_warehouse="W2",
        )
    assert refused.value.status == 422


@pytest.mark.parametrize("agreed", [True, False])
def test_the_customers_answer_to_a_substitute_is_a_new_version(agreed: bool) -> None:
    store = MallStore()
    fo_id, line_id, _ = _accepted(store)
    lines = store.order(fo_id)["lines"]
    lines[0]["qty"] = 3
    store.change_lines(fo_id, lines)
    _push(
        store,
        fo_id,
        "substitute-offers",
        "k-offer-1",
        line_id=line_id,
        sku_code="ORIGINAL",
        substitute_sku_code="OTHER-SKU",
        qty=2,
    )
    version = store.order(fo_id)["version"]
    answered = answer_substitute(store, fo_id, line_id, agreed=agreed)
    assert answered["version"] == version + 1
    by_id = {line["line_id"]: line for line in answered["lines"]}
    assert by_id[line_id]["qty"] == 1  # what the shelf had stays on the original line
    if agreed:
        assert (by_id[f"{line_id}-S"]["sku_code"], by_id[f"{line_id}-S"]["qty"]) == ("OTHER-SKU", 2)
    else:
        assert f"{line_id}-S" not in by_id


def test_an_address_correction_changes_the_address_in_a_new_version() -> None:
    store = MallStore()
    (fo_id,) = seed_store(store, 1, list(DEMO_SKUS))
    version = store.order(fo_id)["version"]
    _push(
        store,
        fo_id,
        "address-corrections",
        "k-address-1",
        province="浙江省",
        city="杭州市",
        district="西湖区",
        detail="文三路 1 号",
    )
    order = store.order(fo_id)
    assert order["version"] == version + 1 and order["receiver"]["city"] == "杭州市"
