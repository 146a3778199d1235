"""Every public domain function that acts for someone (it takes an ``actor``), and what it is.

- ``CHECKED``: a service that writes; it checks the role first, so a picker is refused.
- ``PICKERS_OWN``: the pick service, a picker's own work (a packer is refused).
- ``INSIDE``: building blocks that write only inside a checked service's transaction (the audit
  row, the state machines, the ledger, shortage cases, replenishment requests) or the check
  itself; the terminal (``warehouse_tui``) never calls them directly.
- ``READS``: read only.

``tests/core/test_roles_everywhere.py`` walks the domain packages and fails when a function with
an ``actor`` is in none of these, so a new writing service cannot be forgotten. Each call gives
the service just enough to reach its role check (which comes first); the values are not real.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy.orm import Session

from labels.jobs import print_document, reprint
from packing import station
from packing.station import core as station_core
from packing.station.printing import print_packed, reprint_packed
from picking import floor as pick
from picking.floor import carts, counts
from picking.floor.scan import act
from picking.wave_release import preview_wave, release_wave
from picking.waves import plan_wave
from returns.inspect import grade_unit
from returns.outcome import close_return
from returns.receiving import current_return, open_parcel
from returns.refused import receive_refused_delivery
from returns.rework import repacked
from returns.supervision import clear, scrap
from shipping import delivery_actions, handover, handover_day, unpacking
from sync import quarantine_review
from sync import shortage_resolutions as resolve
from sync import supervision as sync_supervision
from sync.intake import IntakeContext, apply_snapshot
from sync.intake_sets import store_new_orders
from sync.order_changes import answer_cancel_request, cancel_order, replace_lines
from sync.supervision import close_set_aside, give_up, send_again
from tests.builders import FLOOR, NOW, SITE, key
from warehouse.allocation import allocate_order, allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.pii import ReceiverCipher
from warehouse.priority import refresh_priorities, set_priority
from warehouse.reports.figures import shift_figures
from warehouse.reports.floor import floor_now
from warehouse.reports.statement import merchant_statements
from warehouse.reports.window import Window
from warehouse.stock import adjust, count, move, put_back, put_back_tasks, receive
from warehouse.supervision import holds
from warehouse.supervision.cases import shortage_cases
from warehouse.supervision.history import order_history
from warehouse.supervision.queue import QueueFilter, order_page
from warehouse.supervision.search import search_orders
from warehouse.users import add_user, set_active, unlock

PACKAGES = ("warehouse", "picking", "packing", "sync", "labels", "shipping", "returns")
NOT_SERVICES = ("sync.mall_sim", "warehouse.migrations")
"""The reference mall (a separate program standing in for the mall) and the schema history."""

Call = Callable[[Database, Actor], object]
_CIPHER = ReceiverCipher(bytes(32))
_WINDOW = Window.days(date(2026, 11, 24), date(2026, 11, 24))
NOTHING: Any = None


def tx(work: Callable[[Session, Actor], object]) -> Call:
    def call(database: Database, actor: Actor) -> object:
        with database.unit_of_work() as session:
            return work(session, actor)

    return call


CHECKED: dict[str, Call] = {
    "warehouse.users.add_user": tx(
        lambda s, a: add_user(s, a, badge="NEW-ADMIN", name="x", role="admin", pin="1234")
    ),
    "warehouse.users.set_active": tx(lambda s, a: set_active(s, a, "S-ANY", False)),
    "warehouse.users.unlock": tx(lambda s, a: unlock(s, a, "S-ANY")),
    "warehouse.stock.operations.receive": tx(
        lambda s, a: receive(s, a, sku_code="TEA", location_code="A-01-01-1-A", qty=1)
    ),
    "warehouse.stock.operations.put_back": tx(
        lambda s, a: put_back(s, a, sku_code="TEA", location_code="A-01-01-1-A", qty=1)
    ),
    "warehouse.stock.operations.move": tx(
        lambda s, a: move(
            s, a, sku_code="TEA", from_location="A-01-01-1-A", to_location="A-01-02-1-A", qty=1
        )
    ),
    "warehouse.stock.operations.count": tx(
        lambda s, a: count(s, a, sku_code="TEA", location_code="A-01-01-1-A", counted=999)
    ),
    "warehouse.stock.operations.adjust": tx(
        lambda s, a: adjust(
            s, a, sku_code="TEA", location_code="A-01-01-1-A", delta=999, reason="found"
        )
    ),
    "warehouse.priority.set_priority": tx(lambda s, a: set_priority(s, a, "FO-ANY", 9)),
    "warehouse.priority.refresh_priorities": tx(lambda s, a: refresh_priorities(s, SITE, a)),
    "warehouse.allocation.service.allocate_order": tx(
        lambda s, a: allocate_order(s, "FO-ANY", actor=a)
    ),
    "warehouse.allocation.service.allocate_pending": lambda d, a: allocate_pending(d, actor=a),
    "picking.waves.plan_wave": tx(lambda s, a: plan_wave(s, SITE, a, now=NOW)),
    "picking.floor.claim.release_abandoned": tx(
        lambda s, a: pick.release_abandoned(s, a, floor=FLOOR)
    ),
    "sync.order_changes.cancel_order": tx(
        lambda s, a: cancel_order(s, NOTHING, a, answer=True, reason="x")
    ),
    "sync.order_changes.answer_cancel_request": tx(
        lambda s, a: answer_cancel_request(s, NOTHING, a)
    ),
    "sync.order_changes.replace_lines": tx(lambda s, a: replace_lines(s, NOTHING, NOTHING, {}, a)),
    "sync.supervision.send_again": tx(lambda s, a: send_again(s, "E-ANY", a)),
    "sync.supervision.give_up": tx(lambda s, a: give_up(s, "E-ANY", a)),
    "sync.supervision.close_set_aside": tx(lambda s, a: close_set_aside(s, 1, a, "x")),
    "labels.jobs.print_document": lambda d, a: print_document(d, SITE, a, "any", NOTHING),
    "labels.jobs.reprint": lambda d, a: reprint(d, SITE, a, 1),
    # acts through its context, not an ``actor`` parameter: listed by hand
    "sync.intake.apply_snapshot": tx(
        lambda s, a: apply_snapshot(
            s, NOTHING, {}, IntakeContext(SITE, ReceiverCipher(b"k" * 32), actor=a)
        )
    ),
    "sync.intake_sets.store_new_orders": tx(
        lambda s, a: store_new_orders(
            s, [], {}, IntakeContext(SITE, ReceiverCipher(b"k" * 32), actor=a)
        )
    ),
    # Supervisor reports read only, but what they show (who picked what, billing figures) is
    # for supervisors: they refuse a picker like a writing service does.
    "warehouse.reports.figures.shift_figures": tx(lambda s, a: shift_figures(s, a, _WINDOW)),
    "warehouse.reports.floor.floor_now": tx(lambda s, a: floor_now(s, a)),
    "warehouse.reports.statement.merchant_statements": tx(
        lambda s, a: merchant_statements(s, a, _WINDOW)
    ),
    # The returns station (returns clerks and supervisors); refused deliveries also by the
    # tracking worker (system).
    "returns.receiving.open_parcel": tx(
        lambda s, a: open_parcel(s, a, "RMA-X", key=key(), now=NOW)
    ),
    "returns.inspect.grade_unit": tx(
        lambda s, a: grade_unit(
            s, a, SITE.returns, "RMA-X", item="X", grade="A", key=key(), now=NOW
        )
    ),
    "returns.outcome.close_return": tx(
        lambda s, a: close_return(s, a, "RMA-X", key=key(), now=NOW)
    ),
    "returns.rework.repacked": tx(lambda s, a: repacked(s, a, SITE.returns, 1, NOW.date())),
    "returns.supervision.clear": tx(lambda s, a: clear(s, a, "RMA-X")),
    "returns.supervision.scrap": tx(lambda s, a: scrap(s, a, 1, "broken", NOW.date())),
    "returns.refused.receive_refused_delivery": tx(
        lambda s, a: receive_refused_delivery(s, a, "SF000", now=NOW)
    ),
    # The supervisor's desk (issue 14): the same calls tests/supervisor/test_access.py makes.
    **{
        name: tx(call)
        for name, call in {
            "warehouse.supervision.queue.order_page": lambda s, a: order_page(s, a, QueueFilter()),
            "warehouse.supervision.search.search_orders": lambda s, a: search_orders(s, a, "SN1"),
            "warehouse.supervision.history.order_history": lambda s, a: order_history(s, a, "FO-1"),
            "warehouse.supervision.cases.shortage_cases": lambda s, a: shortage_cases(s, a, "en"),
            "warehouse.supervision.holds.held_orders": lambda s, a: holds.held_orders(s, a, "en"),
            "warehouse.supervision.holds.release_held": lambda s, a: holds.release_held(
                s, a, "FO-1", "ok"
            ),
            "warehouse.supervision.holds.reject_held": lambda s, a: holds.reject_held(
                s, a, "FO-1", "OTHER", "no"
            ),
            "warehouse.supervision.holds.keep_waiting_for_payment": (
                lambda s, a: holds.keep_waiting_for_payment(s, a, "FO-1")
            ),
            "warehouse.supervision.holds.correct_address": lambda s, a: holds.correct_address(
                s, a, "FO-1", holds.Address("浙江省", "杭州市", "西湖区", "文三路 1 号"), _CIPHER
            ),
            "sync.shortage_resolutions.reallocate": lambda s, a: resolve.reallocate(
                s, a, 1, NOW.date()
            ),
            "sync.shortage_resolutions.request_transfer": lambda s, a: resolve.request_transfer(
                s, a, 1, "W2"
            ),
            "sync.shortage_resolutions.wait_for_stock": lambda s, a: resolve.wait_for_stock(
                s, a, 1, NOW.date(), NOW.date()
            ),
            "sync.shortage_resolutions.offer_substitute": lambda s, a: resolve.offer_substitute(
                s, a, 1, "X"
            ),
            "sync.shortage_resolutions.ship_available": lambda s, a: resolve.ship_available(
                s, a, 1
            ),
            "sync.shortage_resolutions.cancel_line": lambda s, a: resolve.cancel_line(s, a, 1),
            "picking.floor.carts.carts_in_progress": lambda s, a: carts.carts_in_progress(s, a),
            "picking.floor.carts.give_back_cart": lambda s, a: carts.give_back_cart(s, a, "B1"),
            "picking.floor.carts.reassign_cart": lambda s, a: carts.reassign_cart(
                s, a, "B1", "P1", NOW
            ),
            "picking.floor.counts.raise_low_stock_counts": (
                lambda s, a: counts.raise_low_stock_counts(s, a)
            ),
            "picking.wave_release.preview_wave": lambda s, a: preview_wave(s, SITE, a, NOW),
            "picking.wave_release.release_wave": lambda s, a: release_wave(s, SITE, a, NOW),
            "sync.supervision.refused_for": lambda s, a: sync_supervision.refused_for(s, a),
            "sync.quarantine_review.set_aside_for": (
                lambda s, a: quarantine_review.set_aside_for(s, a, "en")
            ),
            "sync.quarantine_review.show_payload": (
                lambda s, a: quarantine_review.show_payload(s, a, 1, _CIPHER)
            ),
            "sync.quarantine_review.read_again": lambda s, a: quarantine_review.read_again(
                s, a, 1, IntakeContext(settings=SITE, cipher=_CIPHER)
            ),
        }.items()
    },
    # The packing station (packers and supervisors).
    "packing.station.core.act": tx(
        lambda s, a: station_core.act(s, a, key(), NOW, SITE, "x", lambda _: NOTHING)
    ),
    "packing.station.handle_scan": tx(
        lambda s, a: station.handle_scan(s, a, "T01", key(), NOW, settings=SITE)
    ),
    "packing.station.unscan": tx(lambda s, a: station.unscan(s, a, key(), NOW, settings=SITE)),
    "packing.station.short_line": tx(
        lambda s, a: station.short_line(s, a, None, key(), NOW, settings=SITE)
    ),
    "packing.station.close_parcel": tx(
        lambda s, a: station.close_parcel(s, a, key(), NOW, settings=SITE)
    ),
    "packing.station.next_box": tx(lambda s, a: station.next_box(s, a, key(), NOW, settings=SITE)),
    "packing.station.choose_carrier": tx(
        lambda s, a: station.choose_carrier(s, a, "SF/standard", "why", key(), NOW, settings=SITE)
    ),
    "packing.station.weigh_kg": tx(
        lambda s, a: station.weigh_kg(s, a, Decimal("1.0"), key(), NOW, settings=SITE)
    ),
    "packing.station.core.current": tx(lambda s, a: station_core.current(s, a)),
    "packing.station.printing.print_packed": lambda d, a: print_packed(d, SITE, _CIPHER, a, 1),
    "packing.station.printing.reprint_packed": lambda d, a: reprint_packed(d, SITE, _CIPHER, a, 1),
    # Handover at the dock (packers, supervisors) and delivery exceptions (supervisors).
    "shipping.handover.open_handover": tx(lambda s, a: handover.open_handover(s, a, "SF", SITE)),
    "shipping.handover.scan_parcel": tx(lambda s, a: handover.scan_parcel(s, a, "SF", "SF1")),
    "shipping.handover.close_handover": tx(lambda s, a: handover.close_handover(s, a, "SF", SITE)),
    "shipping.handover_day.close_and_print": lambda d, a: handover_day.close_and_print(
        d, SITE, a, "SF"
    ),
    "shipping.handover_day.end_of_day": lambda d, a: handover_day.end_of_day(d, SITE, a),
    "shipping.delivery_actions.reship": tx(lambda s, a: delivery_actions.reship(s, a, 1, SITE)),
    "shipping.delivery_actions.parcel_returned": tx(
        lambda s, a: delivery_actions.parcel_returned(s, a, "SF1")
    ),
    "shipping.unpacking.complete_unpack": tx(lambda s, a: unpacking.complete_unpack(s, a, 1)),
    "warehouse.stock.put_back_tasks.complete_put_back": tx(
        lambda s, a: put_back_tasks.complete_put_back(
            s,
            a,
            1,
            location_scan="A-01-01-1-A",
            item_scan="TEA",
            qty=1,
            key=key(),
            today=NOW.date(),
        )
    ),
}


PICKERS_OWN: dict[str, Call] = {
    "picking.floor.counts.next_count_task": tx(lambda s, a: counts.next_count_task(s, a)),
    "picking.floor.counts.count_sku": tx(
        lambda s, a: counts.count_sku(s, a, 1, "A-01-01-1-A", "TEA", 1, key(), NOW.date())
    ),
    "picking.floor.counts.finish_count": tx(lambda s, a: counts.finish_count(s, a, 1)),
    "picking.floor.claim.claim_next_batch": tx(
        lambda s, a: pick.claim_next_batch(s, a, NOW, floor=FLOOR)
    ),
    "picking.floor.claim.release_batch": tx(lambda s, a: pick.release_batch(s, a)),
    "picking.floor.scan.act": tx(
        lambda s, a: act(s, a, key(), NOW, "x", lambda _: (), floor=FLOOR)
    ),
    "picking.floor.scan.scan_location": tx(
        lambda s, a: pick.scan_location(s, a, "A-01-01-1-A", key(), NOW, floor=FLOOR)
    ),
    "picking.floor.scan.scan_item": tx(
        lambda s, a: pick.scan_item(s, a, "TEA", key(), NOW, floor=FLOOR)
    ),
    "picking.floor.scan.confirm_quantity": tx(
        lambda s, a: pick.confirm_quantity(s, a, 1, key(), NOW, floor=FLOOR)
    ),
    "picking.floor.scan.put_to_tote": tx(
        lambda s, a: pick.put_to_tote(s, a, "T01", key(), NOW, floor=FLOOR)
    ),
    "picking.floor.scan.handle_scan": tx(
        lambda s, a: pick.handle_scan(s, a, "A-01-01-1-A", key(), NOW, floor=FLOOR)
    ),
    "picking.floor.scan.skip_task": tx(lambda s, a: pick.skip_task(s, a, key(), NOW, floor=FLOOR)),
    "picking.floor.shorts.report_short": tx(
        lambda s, a: pick.report_short(s, a, None, "EMPTY", 0, key(), NOW, floor=FLOOR)
    ),
}

_STATE_MACHINE = "a state machine: moves and audits for the checked service that calls it"
_PART = "writes in the caller's transaction, for a service that has checked the role"
_CHECK = "the role check itself"
INSIDE: dict[str, str] = {
    "warehouse.audit.record": "the audit row of the service that calls it",
    "warehouse.audit.audit_row": "the values of an audit row, for the service that calls it",
    "warehouse.orders.state_change_row": "the values of a state change's audit row (intake's sets)",
    "warehouse.allocation.sets.allocate_set": "a set of orders, inside allocate_pending",
    "shipping.handover_ship.ship_parcels": "the shipment messages, inside close_handover",
    "shipping.tracking_events.record_event": "stores one carrier event, inside the tracking feed",
    "packing.station.core.held_session": "the packer's open session, read inside each action",
    "packing.materials.record_materials": "the parcel's materials, inside the station's close",
    "warehouse.supervision.access.supervisor": "the desk's role check itself",
    "sync.shortage_resolutions.advance": "moves the order on inside a checked resolution",
    "sync.shortage_resolutions.close_answered": "closes a case when the mall answers (intake)",
    "sync.stock_effects.take_off_carts": "inside a cancellation (sync) or a cancelled line",
    "returns.putaway.place": "where a graded unit goes, inside grade_unit",
    "returns.receiving.remember": "the station's client-key receipt, inside each checked action",
    "warehouse.reports.window.require_supervisor": "the reports' role check itself",
    "warehouse.batches.move_batch": _STATE_MACHINE,
    "warehouse.orders.transition": _STATE_MACHINE,
    "warehouse.stock.ledger.write_ledger": _PART,
    "warehouse.shortages.open_cases": _PART,
    "warehouse.shortages.sync_cases": _PART,
    "warehouse.replenishment.service.raise_if_low": _PART,
    "warehouse.replenishment.service.raise_where_low": _PART,
    "warehouse.replenishment.bulk.open_many": _PART,
    "warehouse.replenishment.service.close_satisfied": _PART,
    "warehouse.replenishment.service.review": _PART,
    "shipping.choice.choose_service": "pure: decides and writes nothing (the actor's name goes on the decision record)",
    "picking.floor.confirm.take_units": _PART,
    "picking.floor.confirm.finish_task": _PART,
    "picking.floor.confirm.order_progress": _PART,
    "warehouse.users.require_role": _CHECK,
    "warehouse.users.current_role": _CHECK,
    "warehouse.stock.roles.may_count": _CHECK,
    "warehouse.stock.roles.check_assigned_count": _CHECK,
    "picking.floor.claim.may_pick": _CHECK,
}

READS: dict[str, Call] = {
    "returns.receiving.current_return": lambda d, a: _read(d, lambda s: current_return(s, a)),
    "picking.floor.claim.held_batch": lambda d, a: _read(d, lambda s: pick_held(s, a)),
    "picking.floor.steps.current_step": lambda d, a: _read(
        d, lambda s: pick.current_step(s, a, floor=FLOOR)
    ),
    "warehouse.stock.put_back_tasks.open_put_backs": lambda d, a: _read(
        d, lambda s: put_back_tasks.open_put_backs(s, a)
    ),
    "warehouse.stock.put_back_tasks.check_location": lambda d, a: _read(
        d, lambda s: _refusal(lambda: put_back_tasks.check_location(s, a, 1, "A-01-01-1-A"))
    ),
    "warehouse.stock.put_back_tasks.check_item": lambda d, a: _read(
        d, lambda s: _refusal(lambda: put_back_tasks.check_item(s, a, 1, "TEA", NOW.date()))
    ),
    "shipping.unpacking.open_unpacks": lambda d, a: _read(
        d, lambda s: unpacking.open_unpacks(s, a)
    ),
    "shipping.unpacking.check_unpack_line": lambda d, a: _read(
        d,
        lambda s: _refusal(
            lambda: unpacking.check_unpack_line(
                s, a, 1, 0, location_scan="A-01-01-1-A", item_scan="TEA", today=NOW.date()
            )
        ),
    ),
    "shipping.unpacking.find_unpack": lambda d, a: _read(
        d, lambda s: unpacking.find_unpack(s, a, "SF-NONE")
    ),
}


def pick_held(session: Session, actor: Actor) -> object:
    from picking.floor.claim import held_batch

    return held_batch(session, actor, lock=False)


def _refusal(work: Callable[[], object]) -> object:
    """A read that answers a missing task with a sentence (the answer, not a failure)."""
    try:
        return work()
    except WarehouseError as error:
        return error


def _read(database: Database, work: Callable[[Session], object]) -> object:
    with database.unit_of_work(read_only=True) as session:
        return work(session)


def acting_functions() -> set[str]:
    """``module.name`` of every public function of the domain packages with an ``actor``."""
    found: set[str] = set()
    for package in PACKAGES:
        try:
            root = importlib.import_module(package)
        except ModuleNotFoundError:
            continue
        names = [package, *(m.name for m in pkgutil.walk_packages(root.__path__, f"{package}."))]
        for name in names:
            if name.startswith(NOT_SERVICES):
                continue
            module = importlib.import_module(name)
            for attr, obj in vars(module).items():
                if attr.startswith("_") or not inspect.isfunction(obj):
                    continue
                if obj.__module__ == name and "actor" in inspect.signature(obj).parameters:
                    found.add(f"{name}.{attr}")
    return found


def qualified(obj: object) -> str:
    function = cast(Callable[..., object], obj)
    return f"{function.__module__}.{function.__name__}"
