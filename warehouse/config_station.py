"""Settings of the packing station's verification and finish (``[station]``).

Read by :mod:`warehouse.config` as part of :class:`~warehouse.config.Settings`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class StationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label_printer: str = "labels"
    """The printer (``[[printers]]`` name) that prints shipping labels when an order is packed."""
    slip_printer: str = "labels"
    """The printer that prints the packing slip when an order is packed."""
    damage_location: str = "DMG-01"
    """Where units found damaged at packing go (created as a ``damage`` location if missing)."""
    serial_repeat_s: Annotated[int, Field(ge=0)] = 3600
    """The same serial number scanned again within this many seconds is refused as a repeat."""
