"""Settings of the handover, carrier tracking, delivery exceptions and stock levels (issue 13)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CarrierTrackingSettings(_Section):
    """How the site hears one carrier's tracking events."""

    carrier: str
    """The carrier's code (as in ``[[carriers]]``)."""
    adapter: Literal["reference", "none"] = "reference"
    """``reference``: the reference carrier's API (``wms carrier-sim``); ``none``: no pulling."""
    base_url: str = "http://127.0.0.1:8766"
    """Where the carrier's tracking API answers (pulling), or ``builtin``: the reference
    carrier served inside the app (the demo), which collects every parcel handed over to this
    carrier and moves it on every ``delivery.builtin_step_s``."""
    secret_env: str = "WMS_CARRIER_SECRET"
    """Environment variable holding the shared secret that signs pushed events (HMAC-SHA256)."""


class DeliverySettings(_Section):
    manifest_printer: str = ""
    """Printer (``[[printers]]`` name) for handover manifests; empty: only stored as a file."""
    manifest_dir: str = "manifests"
    """Folder where each closed handover's manifest PDF is also written."""
    not_signed_after_days: Annotated[int, Field(ge=0, le=60)] = 3
    """Days after the expected delivery date before the mall is asked to contact the customer."""
    tracking: list[CarrierTrackingSettings] = Field(default_factory=list)
    """One entry per carrier whose events are pulled or pushed."""
    push_port: Annotated[int, Field(ge=0, le=65535)] = 0
    """Port of the endpoint receiving pushed events (``wms tracking --watch``); 0: none."""
    poll_interval_s: Annotated[float, Field(gt=0)] = 60.0
    """Seconds between two pulls of tracking events."""
    builtin_step_s: Annotated[float, Field(gt=0, le=3600)] = 15.0
    """The built-in carrier's demo speed: seconds between two moves of its parcels (collected,
    in transit, out for delivery, signed), each move followed by a pull of its events."""
    builtin_refuses_one: bool = True
    """The built-in carrier's first parcel (the lowest tracking number on the first handover
    closed, even when another closed before the same step) is refused by its receiver (拒收)
    and comes back: one delivery exception."""
    stock_flush_s: Annotated[float, Field(gt=0)] = 10.0
    """Seconds between two flushes of changed stock levels into the outbox (coalescing)."""
    stock_batch_items: Annotated[int, Field(ge=1, le=1000)] = 500
    """Most SKU figures in one ``stock_levels`` message to the mall (the contract allows 1000)."""

    def for_carrier(self, code: str) -> CarrierTrackingSettings:
        for entry in self.tracking:
            if entry.carrier == code:
                return entry
        return CarrierTrackingSettings(carrier=code)
