"""Fixtures for the sync tests: a real reference mall on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.mall_sim import MallStore, RunningMall, start_mall_sim


@pytest.fixture
def mall() -> Iterator[RunningMall]:
    running = start_mall_sim(MallStore("W1"), token="test-token")
    yield running
    running.stop()
