"""Running the reference mall in the foreground (``wms mall-sim``)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Mapping, Sequence

from sync.mall_sim.faults import FaultConfig
from sync.mall_sim.generator import DEMO_SKUS, seed_store
from sync.mall_sim.server import RunningMall, start_mall_sim
from sync.mall_sim.store import MallStore


def start_seeded(*, port: int, orders: int, seed: int, faults: str, token: str,
                 catalog: Mapping[tuple[str, str], Sequence[str]] | None,
                 warehouse_code: str = "W1", host: str = "127.0.0.1") -> RunningMall:
    store = MallStore(warehouse_code)
    seed_store(store, orders, catalog or list(DEMO_SKUS), seed=seed)
    return start_mall_sim(store, token=token, faults=FaultConfig.parse(faults), host=host,
                          port=port, fault_seed=seed)


def serve_until_interrupted(mall: RunningMall) -> None:
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        mall.stop()
