"""A picker's and a packer's sessions are refused every supervisor service, in the service
layer (not only by the menu); a supervisor passes; nothing is written by a refused call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from picking.floor import carts, counts
from picking.wave_release import preview_wave, release_wave
from sync import quarantine_review
from sync import shortage_resolutions as resolve
from sync import supervision as sync_supervision
from sync.intake import IntakeContext
from tests.builders import NOW, SITE
from tests.supervisor.helpers import people
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.models import AuditEvent
from warehouse.pii import ReceiverCipher
from warehouse.priority import set_priority
from warehouse.supervision import holds
from warehouse.supervision.history import order_history
from warehouse.supervision.queue import QueueFilter, order_page
from warehouse.supervision.search import search_orders

TODAY = date(2026, 11, 24)
Service = Callable[[Session, Actor], Any]


def services(cipher: ReceiverCipher) -> dict[str, Service]:
    address = holds.Address("浙江省", "杭州市", "西湖区", "文三路 1 号")
    return {
        "queue": lambda s, a: order_page(s, a, QueueFilter()),
        "search": lambda s, a: search_orders(s, a, "SN1"),
        "history": lambda s, a: order_history(s, a, "FO-1"),
        "held orders": lambda s, a: holds.held_orders(s, a, "en"),
        "release held": lambda s, a: holds.release_held(s, a, "FO-1", "ok"),
        "reject held": lambda s, a: holds.reject_held(s, a, "FO-1", "OTHER", "no"),
        "wait for payment": lambda s, a: holds.keep_waiting_for_payment(s, a, "FO-1"),
        "correct address": lambda s, a: holds.correct_address(s, a, "FO-1", address, cipher),
        "reallocate": lambda s, a: resolve.reallocate(s, a, 1, TODAY),
        "transfer": lambda s, a: resolve.request_transfer(s, a, 1, "W2"),
        "wait for stock": lambda s, a: resolve.wait_for_stock(s, a, 1, TODAY, TODAY),
        "substitute": lambda s, a: resolve.offer_substitute(s, a, 1, "X"),
        "ship available": lambda s, a: resolve.ship_available(s, a, 1),
        "cancel line": lambda s, a: resolve.cancel_line(s, a, 1),
        "carts": lambda s, a: carts.carts_in_progress(s, a),
        "give back cart": lambda s, a: carts.give_back_cart(s, a, "B1"),
        "reassign cart": lambda s, a: carts.reassign_cart(s, a, "B1", "P1", NOW),
        "preview wave": lambda s, a: preview_wave(s, SITE, a, NOW),
        "release wave": lambda s, a: release_wave(s, SITE, a, NOW),
        "priority": lambda s, a: set_priority(s, a, "FO-1", 10),
        "refused messages": lambda s, a: sync_supervision.refused_for(s, a),
        "send again": lambda s, a: sync_supervision.send_again(s, "e1", a),
        "give up message": lambda s, a: sync_supervision.give_up(s, "e1", a),
        "set-aside list": lambda s, a: quarantine_review.set_aside_for(s, a, "en"),
        "show payload": lambda s, a: quarantine_review.show_payload(s, a, 1, cipher),
        "read again": lambda s, a: quarantine_review.read_again(
            s, a, 1, IntakeContext(settings=SITE, cipher=cipher)
        ),
        "close set-aside": lambda s, a: sync_supervision.close_set_aside(s, 1, a, "x"),
    }


NAMES = list(services(ReceiverCipher(bytes(32))))


@pytest.mark.parametrize("name", NAMES)
def test_pickers_and_packers_are_refused_every_supervisor_service(
    database: Database, cipher: ReceiverCipher, name: str
) -> None:
    who = people(database)
    service = services(cipher)[name]
    for actor in (who.picker, who.packer):
        with database.unit_of_work() as session, pytest.raises(PermissionDenied):
            service(session, actor)
    with database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_a_supervisor_passes_the_role_check_of_every_service(
    database: Database, cipher: ReceiverCipher
) -> None:
    who = people(database)
    for name, service in services(cipher).items():
        with database.unit_of_work() as session:
            try:
                service(session, who.supervisor)
            except PermissionDenied:  # pragma: no cover - the failure this test looks for
                pytest.fail(f"{name}: a supervisor was refused")
            except Exception:
                pass


def test_a_packer_cannot_do_a_count_task(database: Database) -> None:
    who = people(database)
    with database.unit_of_work() as session, pytest.raises(PermissionDenied):
        counts.next_count_task(session, who.packer)
