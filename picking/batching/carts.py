"""Carts and the orders on them: sizes, limits, urgency and the two baselines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from picking.routing import Route
from warehouse.config import CartSettings
from warehouse.errors import StateError

RouteFn = Callable[[Sequence[str]], Route]
LengthFn = Callable[[Sequence[str]], float]


class OrderTooBig(StateError):
    """An order that no cart can carry on its own."""


@dataclass(frozen=True)
class Order:
    order_id: str
    locations: tuple[str, ...]
    items: int
    weight_kg: float = 0.0
    volume_l: float = 0.0
    priority: int = 0
    """Higher is more urgent."""
    due: datetime | None = None
    cutoff: datetime | None = None
    """The collection the order must make (orders of two cut-offs never share a cart in
    :func:`picking.batching.plan_carts`); None when there is none."""


@dataclass(frozen=True)
class Batch:
    order_ids: tuple[str, ...]
    route: Route
    urgent: bool = False
    fill: float = 0.0
    """Share of the tightest cart limit in use (1.0 = full)."""
    planned_m: float | None = None
    """The length the planner measured the cart by (:func:`picking.batching.plan_carts`: the
    optimal tour through the cart's points where the aisle sweep fits the floor, else its
    insertion tour); None from the other planners."""

    @property
    def length_m(self) -> float:
        return self.route.length_m


def fits_cart(orders: Sequence[Order], cart: CartSettings) -> bool:
    return (
        len(orders) <= cart.totes
        and sum(o.items for o in orders) <= cart.max_items
        and sum(o.weight_kg for o in orders) <= cart.max_weight_kg + 1e-9
        and sum(o.volume_l for o in orders) <= cart.max_volume_l + 1e-9
    )


def cart_fill(orders: Sequence[Order], cart: CartSettings) -> float:
    return max(
        len(orders) / cart.totes,
        sum(o.items for o in orders) / cart.max_items,
        sum(o.weight_kg for o in orders) / cart.max_weight_kg,
        sum(o.volume_l for o in orders) / cart.max_volume_l,
    )


def _check_sizes(orders: Sequence[Order], cart: CartSettings) -> None:
    for order in orders:
        if not fits_cart([order], cart):
            raise OrderTooBig(
                f"Order {order.order_id} ({order.items} items, {order.weight_kg:g} kg, "
                f"{order.volume_l:g} l) does not fit on one cart."
            )


def _codes(group: Sequence[Order]) -> list[str]:
    return sorted({code for order in group for code in order.locations})


def _make_batch(
    group: Sequence[Order],
    cart: CartSettings,
    route: RouteFn,
    urgent: bool = False,
    planned_m: float | None = None,
) -> Batch:
    return Batch(
        tuple(o.order_id for o in group),
        route(_codes(group)),
        urgent,
        cart_fill(group, cart),
        planned_m,
    )


def one_order_per_trip(orders: Sequence[Order], route: RouteFn) -> list[Batch]:
    return [Batch((o.order_id,), route(_codes([o])), False, 0.0) for o in orders]


def first_come_first_served(
    orders: Sequence[Order], cart: CartSettings, route: RouteFn
) -> list[Batch]:
    """Fill carts in arrival order; a cart leaves when the next order would not fit."""
    _check_sizes(orders, cart)
    groups: list[list[Order]] = [[]]
    for order in orders:
        if groups[-1] and not fits_cart([*groups[-1], order], cart):
            groups.append([])
        groups[-1].append(order)
    return [_make_batch(g, cart, route) for g in groups if g]


def is_urgent(
    order: Order, now: datetime | None, horizon: timedelta, urgent_priority: int | None
) -> bool:
    if urgent_priority is not None and order.priority >= urgent_priority:
        return True
    return order.due is not None and now is not None and order.due <= now + horizon
