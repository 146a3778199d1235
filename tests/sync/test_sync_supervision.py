"""A supervisor sees refused messages and set-aside orders, and decides what happens next."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_helpers import CATALOG, add_catalog

from sync.client import MallClient
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall, seed_store
from sync.pusher import push_pending
from sync.supervision import (
    close_set_aside,
    give_up,
    refused_messages,
    send_again,
    set_aside_orders,
)
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.models import AuditEvent, OutboxEvent

SUPERVISOR = Actor("S001", user_id=None, role="supervisor")
PICKER = Actor("P001", user_id=None, role="picker")


def test_a_refused_message_is_listed_and_can_be_sent_again_once_the_mall_is_fixed(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    ids = seed_store(mall.store, 10, CATALOG, seed=21)
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
        with database.unit_of_work(read_only=True) as session:
            accepted = session.scalars(
                select(OutboxEvent.fo_id).where(OutboxEvent.kind == "accept")
            ).first()
        assert accepted in ids
        stored = mall.store._orders[accepted]
        stored.snapshot["state"] = "accepted"  # someone accepted it by hand at the mall
        push_pending(database, client)
        with database.unit_of_work(read_only=True) as session:
            refused = refused_messages(session)
        assert [(r.fo_id, r.kind) for r in refused] == [(accepted, "accept")]
        assert "the order is accepted there" in refused[0].reason
        with database.unit_of_work() as session, pytest.raises(PermissionDenied):
            send_again(session, refused[0].event_id, PICKER)
        mall.store._orders[accepted].snapshot["state"] = "requested"  # the mall fixes its mistake
        with database.unit_of_work() as session:
            send_again(session, refused[0].event_id, SUPERVISOR)
        assert push_pending(database, client).pushed == 1
    assert mall.store.order(accepted)["state"] == "accepted"


def test_a_set_aside_order_is_listed_and_closed_with_a_note(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    mall.store.add_raw({"fo_id": "FO-BAD-W1", "version": 1, "lines": []})
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
    with database.unit_of_work(read_only=True) as session:
        (entry,) = set_aside_orders(session)
    assert entry.fo_id == "FO-BAD-W1" and "could not be read" in entry.reason
    with database.unit_of_work() as session:
        close_set_aside(session, entry.id, SUPERVISOR, "the mall resent it fixed")
    with database.unit_of_work(read_only=True) as session:
        assert set_aside_orders(session) == []
        notes = session.scalars(
            select(AuditEvent.note).where(AuditEvent.action == "quarantine.close")
        ).all()
    assert notes == ["the mall resent it fixed"]


def test_giving_up_a_refused_message_drops_it_and_says_who(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    seed_store(mall.store, 5, CATALOG, seed=22)
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
        for fo_id in mall.store.fo_ids():
            mall.store.request_cancel(fo_id)  # all cancelled before our accepts arrive
        push_pending(database, client)
    with database.unit_of_work(read_only=True) as session:
        refused = refused_messages(session)
    assert refused
    with database.unit_of_work() as session:
        give_up(session, refused[0].event_id, SUPERVISOR)
    with database.unit_of_work(read_only=True) as session:
        assert len(refused_messages(session)) == len(refused) - 1
        actor = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "outbox.give_up")
        ).one()
    assert actor == "S001"
