"""The pick service for handheld terminals: claim a batch, walk it, scan, report shorts.

Public API (every function works in the caller's unit of work and never imports Textual)
-----------------------------------------------------------------------------------------
``claim_next_batch(session, actor, now, *, floor) -> BatchView | None`` (``floor`` is required)
``release_batch(session, actor) -> str | None`` and ``release_abandoned(session, actor, *, floor)``
``current_step(session, actor, *, floor) -> Step``
``scan_location``, ``scan_item``, ``put_to_tote`` ``(session, actor, text, key, now, *, floor)``
``confirm_quantity(session, actor, qty, key, now, *, floor)``
``handle_scan(session, actor, text, key, now, *, floor)``: the text read for the current step
``skip_task(session, actor, key, now, *, floor)``: this shelf at the end of the tour
``report_short(session, actor, task_id, reason, found_qty, key, now, *, floor)``
``Floor.from_settings(settings)``: layout and abandonment timeout.
"""

from picking.floor.claim import claim_next_batch, release_abandoned, release_batch
from picking.floor.floor import Floor
from picking.floor.scan import (
    confirm_quantity,
    handle_scan,
    put_to_tote,
    scan_item,
    scan_location,
    skip_task,
)
from picking.floor.shorts import report_short
from picking.floor.steps import current_step
from picking.floor.views import SHORT_REASONS, BatchView, Step, StopView
from warehouse.totes import tote_label

__all__ = [
    "SHORT_REASONS",
    "BatchView",
    "Floor",
    "Step",
    "StopView",
    "claim_next_batch",
    "confirm_quantity",
    "current_step",
    "handle_scan",
    "put_to_tote",
    "release_abandoned",
    "release_batch",
    "report_short",
    "scan_item",
    "scan_location",
    "skip_task",
    "tote_label",
]
