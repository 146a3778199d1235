"""Hearing carriers: pulling their event feed, and an HTTP endpoint for pushed events.

A pulled page and the cursor after it are stored in one transaction (cursor row
``tracking:<carrier>`` in ``sync_cursor``). A pushed body must carry
``X-Carrier-Signature: hex(HMAC-SHA256(secret, body))`` with the carrier's shared secret;
anything else is refused with 401 and logged (and audited as ``tracking.forged``).
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

import httpx
from sqlalchemy import select

from shipping.carrier_sim.server import SIGNATURE_HEADER, sign
from shipping.handover_messages import CATALOG as M
from shipping.tracking_events import CarrierEvent, Recorded, record_event
from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import SyncCursor, utcnow

log = logging.getLogger("wms.tracking")
ACTOR = Actor.system("tracking")


class TrackingAdapter(Protocol):
    """One carrier's tracking API: events after a cursor."""

    def events(self, cursor: str) -> tuple[list[dict[str, Any]], str, bool]: ...


class ReferenceCarrierAdapter:
    """The reference carrier's feed (``GET /api/v1/events``)."""

    def __init__(self, base_url: str, carrier_code: str, client: httpx.Client | None = None):
        self.base_url, self.carrier_code = base_url.rstrip("/"), carrier_code
        self.client = client or httpx.Client(timeout=10)

    def events(self, cursor: str) -> tuple[list[dict[str, Any]], str, bool]:
        answer = self.client.get(
            f"{self.base_url}/api/v1/events",
            params={"carrier": self.carrier_code, "cursor": cursor or "0", "limit": 100},
        )
        answer.raise_for_status()
        body = answer.json()
        return list(body["events"]), str(body["next_cursor"]), bool(body["has_more"])


def adapter_for(settings: Settings, carrier_code: str) -> TrackingAdapter | None:
    entry = settings.delivery.for_carrier(carrier_code)
    if entry.adapter == "none":
        return None
    return ReferenceCarrierAdapter(entry.base_url, carrier_code)


def store_events(database: Database, raw: list[dict[str, Any]]) -> Recorded:
    """Record a batch of raw events in one transaction (malformed ones are counted unknown)."""
    result = Recorded()
    with database.unit_of_work() as session:
        for item in raw:
            try:
                event = CarrierEvent.parse(item)
            except (KeyError, ValueError, TypeError):
                result.unknown += 1
                continue
            record_event(session, ACTOR, event, result)
    return result


def pull(database: Database, carrier_code: str, adapter: TrackingAdapter) -> Recorded:
    """Pull every new page; each page with its cursor in one transaction."""
    total = Recorded()
    name = f"tracking:{carrier_code}"
    while True:
        with database.unit_of_work(read_only=True) as session:
            row = session.get(SyncCursor, name)
            cursor = row.cursor if row is not None else "0"
        events, next_cursor, more = adapter.events(cursor)
        result = Recorded()
        with database.unit_of_work() as session:
            row = session.scalars(
                select(SyncCursor).where(SyncCursor.name == name).with_for_update()
            ).first()
            if row is None:
                row = SyncCursor(name=name, cursor="0")
                session.add(row)
            if row.cursor != cursor:
                continue  # another worker stored this page first
            for item in events:
                try:
                    record_event(session, ACTOR, CarrierEvent.parse(item), result)
                except (KeyError, ValueError, TypeError):
                    result.unknown += 1
            row.cursor = next_cursor
            row.last_success_at = utcnow()
        for key in ("stored", "repeated", "stale", "unknown"):
            setattr(total, key, getattr(total, key) + getattr(result, key))
        total.changes += result.changes
        if not more or not events:
            return total


def secret_for(settings: Settings, carrier_code: str, environ: dict[str, str] | None = None) -> str:
    entry = settings.delivery.for_carrier(carrier_code)
    return (environ if environ is not None else dict(os.environ)).get(entry.secret_env, "")


def receive_push(
    database: Database, carrier_code: str, secret: str, body: bytes, signature: str
) -> tuple[int, dict[str, Any]]:
    """Check a pushed batch and store it; (HTTP status, answer)."""
    if not secret or not hmac.compare_digest(sign(secret, body), signature.strip().lower()):
        log.warning(M["tracking.bad_signature"].render("en", carrier=carrier_code))
        with database.unit_of_work() as session:
            record(session, ACTOR, "tracking.forged", "carrier", carrier_code, note=str(len(body)))
        return 401, {"code": "BAD_SIGNATURE"}
    try:
        data = json.loads(body)
        events = data["events"] if isinstance(data, dict) else data
        if not isinstance(events, list):
            raise ValueError("events is not a list")
    except (ValueError, KeyError):
        return 422, {"code": "VALIDATION_FAILED"}
    result = store_events(database, [e for e in events if isinstance(e, dict)])
    return 200, {"stored": result.stored, "repeated": result.repeated}


@dataclass
class RunningEndpoint:
    base_url: str
    _server: ThreadingHTTPServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def start_endpoint(
    database: Database, secrets: dict[str, str], *, host: str = "127.0.0.1", port: int = 0
) -> RunningEndpoint:
    """``POST /carriers/{code}/events`` with a signed JSON body ``{"events": [...]}``."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            parts = self.path.strip("/").split("/")
            length = min(int(self.headers.get("Content-Length") or 0), 1_000_000)
            body = self.rfile.read(length)
            if len(parts) != 3 or parts[0] != "carriers" or parts[2] != "events":
                status, answer = 404, {"code": "NOT_FOUND"}
            else:
                code = parts[1][:8]
                status, answer = receive_push(
                    database,
                    code,
                    secrets.get(code, ""),
                    body,
                    self.headers.get(SIGNATURE_HEADER, ""),
                )
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="tracking-endpoint", daemon=True)
    thread.start()
    return RunningEndpoint(f"http://{host}:{server.server_address[1]}", server, thread)
