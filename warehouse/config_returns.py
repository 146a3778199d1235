"""Settings for after-sales returns (``[returns]`` and ``[[returns.policies]]``).

Kept apart from :mod:`warehouse.config`; :class:`warehouse.config.Settings` holds them as
``returns``. A request outside its merchant's policy is flagged for a supervisor, never
refused silently.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReturnPolicy(_Section):
    merchant: str = "*"
    """The merchant's mall id this policy is for; ``*`` is every merchant without its own."""
    days_after_delivery: Annotated[int, Field(ge=0, le=3650)] = 7
    """A request later than this many days after delivery is out of policy (七天无理由: 7)."""
    not_returnable: list[str] = Field(default_factory=list)
    """SKU code patterns (``FOOD-*``) that may not be returned at all (underwear, custom goods)."""
    not_returnable_opened: list[str] = Field(default_factory=list)
    """SKU code patterns that may not come back once opened (opened food, cosmetics)."""
    dated_goods_opened: bool = False
    """May dated goods (lot-controlled) come back once opened? False: opened dated goods are
    out of policy."""
    damaged_by_customer_accepted: bool = False
    """Is a unit graded C (damaged) still accepted for a refund?"""

    def forbids(self, sku_code: str) -> bool:
        return any(fnmatchcase(sku_code, pattern) for pattern in self.not_returnable)

    def forbids_opened(self, sku_code: str) -> bool:
        return any(fnmatchcase(sku_code, pattern) for pattern in self.not_returnable_opened)


class ReturnsSettings(_Section):
    """Rework, quarantine and not-ours shelves are locations of kind ``returns`` that are not
    active for picking: stock there is the merchant's, but never allocated or replenished."""

    rework_location: str = "RT-00-02-1-B"
    """Where grade B (open box, to repackage) goes before it is sellable again."""
    quarantine_location: str = "RT-00-03-1-Q"
    """Where grade C (damaged) and expired goods wait for a supervisor's scrap decision."""
    not_ours_location: str = "RT-00-04-1-X"
    """The shelf for grade D (wrong item, not ours) and unknown parcels."""
    putaway_location: str = "RT-00-01-1-A"
    """Where grade A goes when the SKU has no pick face of its own with room."""
    damage_rate_alert: Annotated[float, Field(ge=0, le=1)] = 0.2
    """A SKU whose returned units are damaged (C) at least this often is named for better
    packing in the report."""
    policies: list[ReturnPolicy] = Field(default_factory=lambda: [ReturnPolicy()])
    """Per-merchant policies; the first whose ``merchant`` matches applies."""

    def policy_for(self, merchant_mall_id: str) -> ReturnPolicy:
        for policy in self.policies:
            if policy.merchant == merchant_mall_id:
                return policy
        for policy in self.policies:
            if policy.merchant == "*":
                return policy
        return ReturnPolicy()
