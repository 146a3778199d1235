"""The reference mall: the mall's side of the contract, for the demo and the tests."""

from sync.mall_sim.faults import FaultConfig, FaultInjector
from sync.mall_sim.generator import evolve, generate_orders, seed_store
from sync.mall_sim.server import RunningMall, start_mall_sim
from sync.mall_sim.store import MallStore

__all__ = [
    "FaultConfig",
    "FaultInjector",
    "MallStore",
    "RunningMall",
    "evolve",
    "generate_orders",
    "seed_store",
    "start_mall_sim",
]
