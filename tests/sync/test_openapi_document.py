"""The published OpenAPI document is the contract the code implements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.contract import PUSH_BODIES, OrderSnapshot
from sync.contract_returns import ReturnFeedPage
from sync.mall_sim import RunningMall, seed_store
from sync.mall_sim.generator import DEMO_SKUS
from sync.openapi import build, render

DOCUMENT = Path(__file__).parents[2] / "docs" / "openapi" / "mall-wms-v1.json"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_the_committed_document_is_what_the_models_generate() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == render(), (
        "regenerate with: .venv/bin/python -m sync.openapi > docs/openapi/mall-wms-v1.json"
    )


def test_every_reference_resolves_and_every_push_has_its_body_and_error_answers() -> None:
    document = build()
    assert document["openapi"].startswith("3.1")
    schemas = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    for action, model in PUSH_BODIES.items():
        post = document["paths"][f"/api/wms/v1/fulfillment-orders/{{fo_id}}/{action}"]["post"]
        assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
            model.__name__
        )
        assert {"200", "409", "422", "429"} <= set(post["responses"])
    assert schemas["OrderSnapshot"]["properties"]["placed_at"]["format"] == "date-time"
    assert schemas["OrderLine"]["properties"]["unit_price"]["type"] == "string"


def test_the_document_passes_an_openapi_validator() -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(build())


def test_the_reference_mall_answers_every_documented_read_with_the_documented_shape(
    mall: RunningMall,
) -> None:
    (fo_id,) = seed_store(mall.store, 1, list(DEMO_SKUS))
    headers = {"Authorization": f"Bearer {mall.token}"}
    for path, item in build()["paths"].items():
        if "get" not in item:
            continue
        answer = httpx.get(mall.root + path.replace("{fo_id}", fo_id), headers=headers)
        assert answer.status_code == 200, path
        body = answer.json()
        if "/returns/" in path:  # the after-sales feed: no request yet
            assert ReturnFeedPage.model_validate(body).items == []
            continue
        snapshots = body.get("items", [body])
        assert [OrderSnapshot.model_validate(s).fo_id for s in snapshots] == [fo_id]
