"""Routing code (三段码 / 大头笔) and hub (集包地) from the configured rules by destination."""

from __future__ import annotations

from warehouse.config_printing import CarrierLabelSettings, RouteRule


def route_for(carrier: CarrierLabelSettings, province: str, city: str) -> RouteRule | None:
    """The rule with the longest prefix of ``province + city``; else the carrier's default."""
    destination = f"{province}{city}"
    best: RouteRule | None = None
    for rule in carrier.routes:
        if destination.startswith(rule.prefix) and (
            best is None or len(rule.prefix) > len(best.prefix)
        ):
            best = rule
    return best or carrier.default_route
