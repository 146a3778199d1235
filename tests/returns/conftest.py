"""A real reference mall on loopback and a returns site on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.intake import IntakeContext
from sync.mall_sim import MallStore, RunningMall, start_mall_sim
from tests.returns.site import ReturnSite, build
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.pii import ReceiverCipher


@pytest.fixture
def mall() -> Iterator[RunningMall]:
    running = start_mall_sim(MallStore("W1"), token="test-token")
    yield running
    running.stop()


@pytest.fixture
def site(
    database: Database, mall: RunningMall, settings: Settings, cipher: ReceiverCipher
) -> ReturnSite:
    return build(database, mall, IntakeContext(settings=settings, cipher=cipher))
