"""Running the reference mall in the foreground (``wms mall-sim``)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sync.mall_sim.faults import FaultConfig
from sync.mall_sim.generator import DEMO_SKUS, seed_store
from sync.mall_sim.server import RunningMall, start_mall_sim
from sync.mall_sim.store import MallStore


def start_seeded(
    *,
    port: int,
    orders: int,
    seed: int,
    faults: str,
    token: str,
    catalog: Mapping[tuple[str, str], Sequence[str]] | None,
    warehouse_code: str = "W1",
    host: str = "127.0.0.1",
    state: Path | None = None,
    unseal: Callable[[str], str] | None = None,
) -> RunningMall:
    """A mall with ``orders`` new orders; with ``state``, first load the store saved there
    (opened with ``unseal`` when it was saved sealed)."""
    store = (
        MallStore.load(state, unseal=unseal)
        if state is not None and state.exists()
        else MallStore(warehouse_code)
    )
    if orders:
        seed_store(store, orders, catalog or list(DEMO_SKUS), seed=seed)
    return start_mall_sim(
        store, token=token, faults=FaultConfig.parse(faults), host=host, port=port, fault_seed=seed
    )


def serve_until_interrupted(
    mall: RunningMall, state: Path | None = None, announce: Callable[[], None] = lambda: None
) -> None:
    """Serve until SIGTERM or Ctrl-C; then stop and, with ``state``, save the store there.

    ``announce`` (printing the address) runs once SIGTERM is handled, so a caller that stops
    the mall as soon as it has read the address still has the store saved."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        announce()
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        mall.stop()
        if state is not None:
            mall.store.save(state)
