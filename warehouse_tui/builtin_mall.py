"""The demo's mall: the reference mall in a thread, and a sync loop beside the app.

With ``mall.base_url = "builtin"`` the app starts a reference mall on a free loopback port
(its store kept in ``var/mall-state.json`` between runs, so the warehouse's cursor stays
valid), seeds it once with orders for the warehouse's own SKUs, and runs one sync round every
few seconds in a daemon thread: new orders arrive, accepts and progress go back. A failed round
is logged and tried again; the home screen shows the last successful sync and the backlog.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from sync.catalog import warehouse_catalog
from sync.client import MallClient
from sync.intake import IntakeContext
from sync.mall_sim.run import start_seeded
from sync.mall_sim.server import RunningMall
from sync.service import SyncSummary, run_once
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.key_rotation import opening_cipher
from warehouse.pii import ReceiverCipher
from warehouse_tui.crashlog import write_crash_log

DEMO_ORDERS = 40
STATE_BINDING = "mall-state"
ROUND_SECONDS = 10.0


class BuiltinMall:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        state: Path | None = None,
        interval_s: float = ROUND_SECONDS,
    ) -> None:
        self.settings = settings
        self.database = database
        base = settings.source.parent if settings.source is not None else Path.cwd()
        self.state = state or base / "var" / "mall-state.json"
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._mall: RunningMall | None = None
        self._thread: threading.Thread | None = None

    def start(
        self, *, new_orders: int | None = None, seed: int = 11, background: bool = True
    ) -> None:
        """Serve the mall; ``new_orders`` (default: some on the very first run) are added to it."""
        if new_orders is None:
            new_orders = 0 if self.state.exists() else DEMO_ORDERS
        self._mall = start_seeded(
            port=0,
            orders=new_orders,
            seed=seed,
            faults="",
            token=secrets.token_urlsafe(16),
            catalog=warehouse_catalog(self.database),
            warehouse_code=self.settings.site.warehouse_code,
            state=self.state,
            unseal=self._unseal,
        )
        if background:
            self._thread = threading.Thread(target=self._loop, name="builtin-sync", daemon=True)
            self._thread.start()

    def _client(self) -> MallClient:
        assert self._mall is not None
        return MallClient(
            self._mall.base_url, self._mall.token, timeout_s=self.settings.mall.timeout_s
        )

    def _context(self) -> IntakeContext:
        return IntakeContext(self.settings, opening_cipher(self.settings, self.database))

    def _seal(self, text: str) -> str:
        """The mall's state holds its receivers: sealed with the site's key (and 0600)."""
        return ReceiverCipher.from_settings(self.settings).seal_text(text, bound_to=STATE_BINDING)

    def _unseal(self, text: str) -> str:
        cipher = ReceiverCipher.from_settings(self.settings)
        return cipher.open_text(text, bound_to=STATE_BINDING)

    def sync_now(self) -> SyncSummary:
        """One round in the caller's thread (the demo seed uses it)."""
        with self._client() as client:
            return run_once(self.database, client, self._context())

    def request_returns(self, shipped: list[tuple[str, str]]) -> list[str]:
        """The mall's customers ask to return shipped orders (the demo): a return, an
        exchange, and one asked too late (out of policy). Each parcel is on its way back with
        tracking number ``RT`` + the original's."""
        assert self._mall is not None
        store = self._mall.store
        kinds = ["return", "exchange", "return"]
        made = []
        for index, (fo_id, tracking) in enumerate(shipped):
            rma = store.returns.request(
                store.order(fo_id),
                kind=kinds[index % 3],
                tracking_no=f"RT{tracking[2:]}",
                delivered_days_ago=20 if index % 3 == 2 else 2,
            )
            made.append(str(rma["tracking_no"]))
        return made

    def request_cancels(self, fo_ids: list[str]) -> None:
        """The mall's buyers cancel these orders (the demo): a request the warehouse answers
        at the next sync round."""
        assert self._mall is not None
        for fo_id in fo_ids:
            self._mall.store.request_cancel(fo_id, reason="the buyer changed their mind")

    def _loop(self) -> None:
        context = self._context()
        with self._client() as client:
            while not self._stop.is_set():
                try:
                    run_once(self.database, client, context)
                except Exception as exc:  # the next round tries again; the details go to the log
                    write_crash_log(exc)
                self._stop.wait(self.interval_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._mall is not None:
            self._mall.stop()
            self.state.parent.mkdir(parents=True, exist_ok=True)
            self._mall.store.save(self.state, seal=self._seal)
