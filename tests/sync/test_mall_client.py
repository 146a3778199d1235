"""The mall client against the real reference mall on loopback, with faults switched on."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import httpx
import pytest

from sync.client import MallClient, RetryPolicy, parse_retry_after
from sync.contract import AcceptBody, Package, PackageLine, ShipmentBody
from sync.errors import MallAuthError, MallConflict, MallNotFound, MallRejected, MallUnavailable
from sync.mall_sim import FaultConfig, RunningMall, seed_store
from sync.mall_sim.generator import DEMO_SKUS

SKUS = list(DEMO_SKUS)

NOW = datetime(2024, 6, 11, 10, 0, tzinfo=UTC)


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _client(mall: RunningMall, **kwargs: object) -> MallClient:
    return MallClient(mall.base_url, mall.token, rng=random.Random(1), **kwargs)  # type: ignore[arg-type]


def test_the_whole_feed_is_read_page_by_page(mall: RunningMall) -> None:
    ids = seed_store(mall.store, 250, SKUS, seed=5)
    with _client(mall) as client:
        seen, cursor = [], "0"
        while True:
            page = client.changes(cursor, limit=100)
            seen += [item["fo_id"] for item in page.items]
            cursor = page.next_cursor
            if not page.has_more:
                break
    assert seen == ids


@pytest.mark.parametrize("header, seconds", [("2", 2.0), ("0.25", 0.25), ("1.5", 1.5)])
def test_a_429_is_retried_after_at_least_the_time_the_mall_asked_for(
    mall: RunningMall, header: str, seconds: float
) -> None:
    seed_store(mall.store, 3, SKUS)
    mall.faults.set(FaultConfig(rate_limited=1.0, retry_after=(header,)))
    sleep = RecordingSleep()
    with (
        _client(mall, sleep=sleep, policy=RetryPolicy(attempts=3)) as client,
        pytest.raises(MallUnavailable, match="slow down"),
    ):
        client.changes("0")
    assert len(sleep.waits) == 2 and all(w >= seconds for w in sleep.waits)


def test_transient_failures_are_retried_with_growing_jittered_waits(mall: RunningMall) -> None:
    seed_store(mall.store, 3, SKUS)
    mall.faults.set(FaultConfig(error_500=1.0))
    sleep = RecordingSleep()
    policy = RetryPolicy(attempts=6, base_s=0.1, cap_s=0.8)
    with _client(mall, sleep=sleep, policy=policy) as client, pytest.raises(MallUnavailable):
        client.changes("0")
    ceilings = [0.1, 0.2, 0.4, 0.8, 0.8]
    assert len(sleep.waits) == 5
    assert all(0 <= w <= c for w, c in zip(sleep.waits, ceilings, strict=True))


def test_a_dropped_connection_and_a_busy_answer_inside_200_are_retried_then_succeed(
    mall: RunningMall,
) -> None:
    ids = seed_store(mall.store, 2, SKUS)
    mall.faults.set(FaultConfig(drop=0.3, business_error=0.3))
    with _client(mall, sleep=RecordingSleep(), policy=RetryPolicy(attempts=30)) as client:
        for n in range(10):
            result = client.push(
                ids[0] if n == 0 else ids[1],
                "accept",
                AcceptBody(event_id=f"evt-accept-{min(n, 1):04d}", occurred_at=NOW),
            )
            assert result.state == "accepted"
        assert client.retries > 0
    assert len(mall.store.applied()) == 2  # each key applied once, however often it arrived


def test_a_slow_answer_times_out_and_the_retry_is_recognised_as_a_duplicate(
    mall: RunningMall,
) -> None:
    ids = seed_store(mall.store, 1, SKUS)
    mall.faults.set(FaultConfig(slow=1.0, slow_s=0.6))
    with (
        _client(
            mall, sleep=RecordingSleep(), timeout_s=0.2, policy=RetryPolicy(attempts=2)
        ) as client,
        pytest.raises(MallUnavailable, match="in time"),
    ):
        client.push(ids[0], "accept", AcceptBody(event_id="evt-slow-0001", occurred_at=NOW))
    mall.faults.set(FaultConfig())
    with _client(mall) as client:
        again = client.push(ids[0], "accept", AcceptBody(event_id="evt-slow-0001", occurred_at=NOW))
    assert again.duplicate and again.state == "accepted"
    assert mall.store.deliveries()["evt-slow-0001"] == 3 and len(mall.store.applied()) == 1


def test_a_state_conflict_is_not_retried_and_tells_the_supervisor_the_state(
    mall: RunningMall,
) -> None:
    ids = seed_store(mall.store, 1, SKUS)
    mall.store.request_cancel(ids[0])
    sleep = RecordingSleep()
    with _client(mall, sleep=sleep) as client, pytest.raises(MallConflict) as caught:
        client.push(ids[0], "accept", AcceptBody(event_id="evt-late-0001", occurred_at=NOW))
    assert sleep.waits == []
    assert caught.value.state == "cancelled" and caught.value.version == 2
    assert str(caught.value).startswith(
        f"The mall refused to accept order {ids[0]}: the order is cancelled"
    )


def test_an_unknown_carrier_is_rejected_as_invalid_without_retry(mall: RunningMall) -> None:
    ids = seed_store(mall.store, 1, SKUS)
    body = ShipmentBody(
        event_id="evt-ship-0001",
        occurred_at=NOW,
        final=True,
        packages=[
            Package(
                carrier_code="DHL",
                tracking_no="1234567",
                weight_kg="1.2",  # type: ignore[arg-type]
                lines=[PackageLine(line_id="L1", qty=1)],
            )
        ],
    )
    with _client(mall) as client:
        client.push(ids[0], "accept", AcceptBody(event_id="evt-acc-0001", occurred_at=NOW))
        with pytest.raises(MallRejected, match="carrier 'DHL' is not known"):
            client.push(ids[0], "shipments", body)


def test_a_wrong_token_and_an_unknown_order_are_alerts_not_retries(mall: RunningMall) -> None:
    with MallClient(mall.base_url, "wrong") as client, pytest.raises(MallAuthError, match="token"):
        client.changes("0")
    with _client(mall) as client, pytest.raises(MallNotFound):
        client.order("FO-NOPE")


def test_retry_after_may_be_seconds_decimal_or_a_date() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None


def test_a_body_outside_the_contract_is_an_error_not_data() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"items": "nope", "next_cursor": "1", "has_more": False})

    client = MallClient("http://mall.test/api", "t", transport=httpx.MockTransport(handler))
    with pytest.raises(Exception, match="shape we do not understand"):
        client.changes("0")


def test_no_new_try_starts_once_the_time_budget_is_spent(mall: RunningMall) -> None:
    seed_store(mall.store, 1, SKUS)
    mall.faults.set(FaultConfig(error_500=1.0))
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds + 10  # each wait, plus slow answers, eats the budget

    policy = RetryPolicy(attempts=50, base_s=1.0, cap_s=1.0, budget_s=30.0)
    with (
        _client(mall, sleep=sleep, clock=lambda: now[0], policy=policy) as client,
        pytest.raises(MallUnavailable, match="tried 4 times"),
    ):
        client.changes("0")
