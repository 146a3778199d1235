"""Low stock and replenishment: pick-face moves from reserve and supplier requests, each
opened once while open (:mod:`~warehouse.replenishment.service`); the move tasks it proposes
(:mod:`~warehouse.replenishment.moves`)."""

from warehouse.replenishment.service import (
    StockLevels,
    close_satisfied,
    count_open,
    open_key,
    open_requests,
    raise_if_low,
    raise_where_low,
    review,
    stock_levels,
)

__all__ = [
    "StockLevels",
    "close_satisfied",
    "count_open",
    "open_key",
    "open_requests",
    "raise_if_low",
    "raise_where_low",
    "review",
    "stock_levels",
]
