"""Fixtures for the sync tests: a real reference mall on loopback, an intake context."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.intake import IntakeContext
from sync.mall_sim import MallStore, RunningMall, start_mall_sim
from warehouse.config import Settings
from warehouse.pii import ReceiverCipher


@pytest.fixture
def mall() -> Iterator[RunningMall]:
    running = start_mall_sim(MallStore("W1"), token="test-token")
    yield running
    running.stop()


@pytest.fixture
def context(settings: Settings, cipher: ReceiverCipher) -> IntakeContext:
    return IntakeContext(settings=settings, cipher=cipher)
