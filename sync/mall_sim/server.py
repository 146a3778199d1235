"""The reference mall's HTTP server (stdlib ``ThreadingHTTPServer``) on loopback.

``start_mall_sim()`` runs it in a background thread on a free port and returns a
:class:`RunningMall` with the API base URL and a ``stop()``; the demo and the tests use it, and
``wms mall-sim`` runs it in the foreground.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sync.contract import API_PREFIX
from sync.mall_sim.admin import handle_admin
from sync.mall_sim.faults import FaultConfig, FaultInjector
from sync.mall_sim.rules import SimError
from sync.mall_sim.store import MallStore

ORDERS = f"{API_PREFIX}/fulfillment-orders"
MERCHANTS = f"{API_PREFIX}/merchants"
RETURNS = f"{API_PREFIX}/returns"


@dataclass
class RunningMall:
    """A reference mall serving in a background thread."""

    base_url: str
    """API root, e.g. ``http://127.0.0.1:41234/api/wms/v1`` (what ``mall.base_url`` names)."""
    root: str
    token: str
    store: MallStore
    faults: FaultInjector
    _server: ThreadingHTTPServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], store: MallStore, token: str, faults: FaultInjector
    ) -> None:
        super().__init__(address, _Handler)
        self.store, self.token, self.faults = store, token, faults

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # a client that went away (killed workers, timeouts) is not news
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 60

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm and delayed
        # ACKs add about 40 ms to every answer on Linux.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return  # keep test and demo output quiet

    # --- plumbing ----------------------------------------------------------------------------

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True  # the client gave up (slow-response fault)

    def _drop(self) -> None:
        """Close the socket without any answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except ValueError:
            raise SimError(400, "VALIDATION_FAILED", "the body is not JSON") from None

    def _authorized(self) -> bool:
        return self.headers.get("Authorization", "") == f"Bearer {self.server.token}"

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._body() if method != "GET" else None
            if not self._authorized():
                raise SimError(401, "UNAUTHORIZED", "missing or wrong bearer token")
            if url.path.startswith("/_sim/"):
                status, answer = handle_admin(
                    self.server.store, self.server.faults, method, url.path, body
                )
                self._send(status, answer)
                return
            if (
                method == "POST"
                and url.path.startswith(MERCHANTS + "/")
                and url.path.endswith("/stock-requests")
            ):
                merchant_id = unquote(url.path[len(MERCHANTS) + 1 : -len("/stock-requests")])
                key = self.headers.get("Idempotency-Key")
                self._send(*self.server.store.stock_request(merchant_id, key, body))
                return
            if url.path.startswith(RETURNS + "/"):
                rest = url.path[len(RETURNS) + 1 :]
                self._api(method, rest, parse_qs(url.query), body, self._route_returns)
                return
            if (
                method == "POST"
                and url.path.startswith(MERCHANTS + "/")
                and url.path.endswith("/stock-levels")
            ):
                merchant_id = unquote(url.path[len(MERCHANTS) + 1 : -len("/stock-levels")])
                key = self.headers.get("Idempotency-Key")
                self._faulty(lambda: self.server.store.stock.apply(merchant_id, key, body))
                return
            if not url.path.startswith(ORDERS + "/"):
                raise SimError(404, "NOT_FOUND", f"no route {url.path}")
            self._api(method, url.path[len(ORDERS) + 1 :], parse_qs(url.query), body)
        except SimError as exc:
            self._send(exc.status, exc.body)
        except Exception as exc:  # a bug in the simulator is still an HTTP answer
            self._send(500, {"code": "INTERNAL", "message": f"{type(exc).__name__}: {exc}"})

    # --- the mall API ----------------------------------------------------------------------------

    def _api(
        self,
        method: str,
        rest: str,
        query: dict[str, list[str]],
        body: Any,
        route: Any = None,
    ) -> None:
        self._faulty(lambda: (route or self._route)(method, rest, query, body))

    def _faulty(self, compute: Callable[[], tuple[int, dict[str, Any]]]) -> None:
        """Answer through the configured faults (errors, 429, drops, slow answers)."""
        faults = self.server.faults
        fault = faults.draw()
        if fault == "error_500":
            self._send(500, {"code": "INTERNAL", "message": "injected server error"})
            return
        if fault == "rate_limited":
            self._send(
                429,
                {"code": "RATE_LIMITED", "message": "slow down"},
                {"Retry-After": faults.retry_after()},
            )
            return
        if fault == "business_error":
            self._send(200, {"code": "SYSTEM_BUSY", "message": "系统繁忙，请稍后再试"})
            return
        if fault == "drop_before":
            self._drop()
            return
        try:
            status, answer = compute()
        except SimError as exc:
            status, answer = exc.status, exc.body
        if fault == "drop_after":
            self._drop()
            return
        if fault == "slow":
            time.sleep(faults.config.slow_s)
        self._send(status, answer)

    def _route(
        self, method: str, rest: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, dict[str, Any]]:
        store = self.server.store
        parts = rest.split("/")
        if method == "GET" and parts == ["changes"]:
            return 200, self._changes(query)
        if method == "GET" and len(parts) == 1:
            return 200, store.order(parts[0])
        if method == "POST" and len(parts) == 2:
            try:
                return store.push(parts[0], parts[1], self.headers.get("Idempotency-Key"), body)
            except SimError as exc:
                return exc.status, exc.body
        raise SimError(404, "NOT_FOUND", f"no route {method} {rest}")

    def _route_returns(
        self, method: str, rest: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, dict[str, Any]]:
        """``GET /returns/changes`` and ``POST /returns/{rma_id}/outcome``."""
        desk = self.server.store.returns
        parts = rest.split("/")
        if method == "GET" and parts == ["changes"]:
            cursor, limit = _page_args(query)
            items, next_cursor, has_more = desk.changes(cursor, limit)
            return 200, {"items": items, "next_cursor": str(next_cursor), "has_more": has_more}
        if method == "POST" and len(parts) == 2 and parts[1] == "outcome":
            try:
                return desk.outcome(unquote(parts[0]), self.headers.get("Idempotency-Key"), body)
            except SimError as exc:
                return exc.status, exc.body
        raise SimError(404, "NOT_FOUND", f"no route {method} returns/{rest}")

    def _changes(self, query: dict[str, list[str]]) -> dict[str, Any]:
        try:
            cursor = int((query.get("cursor") or ["0"])[0] or 0)
            limit = int((query.get("limit") or ["100"])[0])
        except ValueError:
            raise SimError(422, "VALIDATION_FAILED", "cursor and limit must be integers") from None
        if not 1 <= limit <= 100:
            raise SimError(422, "VALIDATION_FAILED", "limit must be between 1 and 100")
        store, faults = self.server.store, self.server.faults
        items, next_cursor, has_more = store.changes(cursor, limit)
        served: list[Any] = []
        for item in items:
            served.append(item)
            if faults.feed_roll("dup"):
                served.append(item)
            if faults.feed_roll("reorder"):
                older = store.older_version(str(item.get("fo_id")))
                if older is not None:
                    served.append(older)
        if len(served) > 1 and faults.feed_roll("shuffle"):
            faults.shuffle(served)
        return {"items": served, "next_cursor": str(next_cursor), "has_more": has_more}


def _page_args(query: dict[str, list[str]]) -> tuple[int, int]:
    try:
        cursor = int((query.get("cursor") or ["0"])[0] or 0)
        limit = int((query.get("limit") or ["100"])[0])
    except ValueError:
        raise SimError(422, "VALIDATION_FAILED", "cursor and limit must be integers") from None
    if not 1 <= limit <= 100:
        raise SimError(422, "VALIDATION_FAILED", "limit must be between 1 and 100")
    return cursor, limit


def start_mall_sim(
    store: MallStore | None = None,
    *,
    token: str = "sim-token",
    faults: FaultConfig | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    fault_seed: int = 7,
) -> RunningMall:
    """Serve a reference mall in a daemon thread; ``port=0`` picks a free port."""
    store = store or MallStore()
    injector = FaultInjector(faults, seed=fault_seed)
    server = _Server((host, port), store, token, injector)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="mall-sim", daemon=True
    )
    thread.start()
    root = f"http://{host}:{server.server_address[1]}"
    return RunningMall(
        base_url=root + API_PREFIX,
        root=root,
        token=token,
        store=store,
        faults=injector,
        _server=server,
        _thread=thread,
    )
