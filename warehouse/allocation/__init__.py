"""Allocation: reserving each merchant's own stock for released orders.

``allocate_order(session, order, actor, today) -> OrderResult`` and
``allocate_pending(database, ...) -> AllocationSummary`` live in
:mod:`~warehouse.allocation.service`; the rest of the family: ``plan`` (choosing quants for a
line: FEFO, pick face before reserve, fewest locations), ``queue`` (claiming orders in
priority order), ``stock`` (locking and booking quants), ``result`` (what a run reports).
"""

from warehouse.allocation.result import AllocationSummary, LineResult, OrderResult
from warehouse.allocation.service import ALLOCATABLE, allocate_order, allocate_pending

__all__ = [
    "ALLOCATABLE",
    "AllocationSummary",
    "LineResult",
    "OrderResult",
    "allocate_order",
    "allocate_pending",
]
