"""The reference carrier's HTTP server (``wms carrier-sim --port P``): ThreadingHTTPServer on
loopback.

- ``GET /api/v1/events?carrier=SF&cursor=N&limit=L``: events after ``cursor``, oldest first,
  ``{events, next_cursor, has_more}`` (pulling). Each event appears once in the feed; the
  ``repeat`` fault serves the page again from an older cursor.
- ``POST /_sim/parcels {tracking_no, carrier_code, scenario}``, ``POST /_sim/advance {steps}``,
  ``GET /_sim/state``: the admin side for the demo and the tests.
- :func:`sign` is how the carrier signs pushed events: HMAC-SHA256 of the body with the shared
  secret, hex, in the ``X-Carrier-Signature`` header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from shipping.carrier_sim.store import CarrierStore

SIGNATURE_HEADER = "X-Carrier-Signature"


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class RunningCarrier:
    base_url: str
    store: CarrierStore
    _server: ThreadingHTTPServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: CarrierStore) -> None:
        super().__init__(address, _Handler)
        self.store = store


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}") if length else {}

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        store = self.server.store
        if url.path == "/api/v1/events":
            carrier = query.get("carrier", [""])[0]
            cursor = int(query.get("cursor", ["0"])[0] or 0)
            limit = max(1, min(200, int(query.get("limit", ["100"])[0] or 100)))
            events, last = store.after(carrier, cursor, limit)
            more = bool(store.after(carrier, last, 1)[0])
            self._send(200, {"events": events, "next_cursor": str(last), "has_more": more})
        elif url.path == "/_sim/state":
            self._send(200, store.state())
        else:
            self._send(404, {"code": "NOT_FOUND"})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        store = self.server.store
        try:
            body = self._body()
            if url.path == "/_sim/parcels":
                store.register(
                    str(body["tracking_no"]),
                    str(body["carrier_code"]),
                    str(body.get("scenario", "signed")),
                )
                self._send(201, {"registered": body["tracking_no"]})
            elif url.path == "/_sim/advance":
                self._send(200, {"events": store.advance(int(body.get("steps", 1)))})
            else:
                self._send(404, {"code": "NOT_FOUND"})
        except (KeyError, ValueError, json.JSONDecodeError) as exc:
            self._send(422, {"code": "VALIDATION_FAILED", "message": str(exc)})


def start_carrier_sim(
    store: CarrierStore | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> RunningCarrier:
    server = _Server((host, port), store or CarrierStore())
    thread = threading.Thread(target=server.serve_forever, name="carrier-sim", daemon=True)
    thread.start()
    bound = server.server_address[1]
    return RunningCarrier(f"http://{host}:{bound}", server.store, server, thread)
