"""The demo's carrier: the reference carrier in a thread, and the tracking poller beside it.

With ``base_url = "builtin"`` in a carrier's ``[[delivery.tracking]]`` entry (the demo's
config), the app starts the reference carrier (``shipping.carrier_sim``) on a free loopback
port. Every ``delivery.builtin_step_s`` seconds, in a daemon thread:

1. the carrier collects the parcels on closed handovers of its carriers (what the courier took
   away; a real carrier learns them from the handover, this one reads them from the site's
   database), each with the usual scenario 揽收 → 在途 → 派件 → 签收; with
   ``delivery.builtin_refuses_one`` the very first parcel it ever collects (the lowest tracking
   number on the first handover closed, even when a second one closed before the same step)
   is refused (拒收) and comes back (退回);
2. it moves every parcel one step, its events dated at that moment;
3. the same round as ``wms tracking --watch`` pulls the events over HTTP
   (``warehouse_tui.tracking_work.tracking_round``): parcels move on, the mall hears each
   change, the refused parcel lands in the delivery-exception queue and is expected back.

The carrier's parcels and events are kept in ``var/carrier-state.json`` between runs, so the
warehouse's pull cursor stays valid; ``wms demo seed`` starts a new one.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from shipping.carrier_sim.server import RunningCarrier, start_carrier_sim
from shipping.carrier_sim.store import CarrierStore
from shipping.handover import collected
from shipping.tracking_feed import ReferenceCarrierAdapter, TrackingAdapter
from warehouse.config import Settings
from warehouse.db import Database
from warehouse_tui.crashlog import write_crash_log
from warehouse_tui.tracking_work import TrackingRound, builtin_carriers, tracking_round


def state_file(settings: Settings) -> Path:
    base = settings.source.parent if settings.source is not None else Path.cwd()
    return base / "var" / "carrier-state.json"


def _now() -> datetime:
    return datetime.now(UTC)


class BuiltinCarrier:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        state: Path | None = None,
        step_s: float | None = None,
    ) -> None:
        self.settings = settings
        self.database = database
        self.state = state or state_file(settings)
        self.step_s = step_s if step_s is not None else settings.delivery.builtin_step_s
        self.codes = builtin_carriers(settings)
        self._stop = threading.Event()
        self._carrier: RunningCarrier | None = None
        self._adapters: dict[str, TrackingAdapter] = {}
        self._thread: threading.Thread | None = None

    @property
    def store(self) -> CarrierStore:
        assert self._carrier is not None
        return self._carrier.store

    @property
    def base_url(self) -> str:
        assert self._carrier is not None
        return self._carrier.base_url

    def start(self, *, background: bool = True) -> None:
        store = (
            CarrierStore.load(self.state, clock=_now)
            if self.state.exists()
            else CarrierStore(clock=_now)
        )
        self._carrier = start_carrier_sim(store)
        self._adapters = {
            code: ReferenceCarrierAdapter(self._carrier.base_url, code) for code in self.codes
        }
        if background:
            self._thread = threading.Thread(target=self._loop, name="builtin-carrier", daemon=True)
            self._thread.start()

    def collect(self) -> list[str]:
        """Take over the parcels handed over since the last step; their tracking numbers."""
        with self.database.unit_of_work(read_only=True) as session:
            found = collected(session, self.codes)
        taken = []
        for number, code in found:
            if self.store.knows(number):
                continue
            first = not self.store.scenarios()
            refused = first and self.settings.delivery.builtin_refuses_one
            self.store.register(number, code, "refused" if refused else "signed")
            taken.append(number)
        return taken

    def step(self) -> TrackingRound:
        """One move of the demo: collect, move every parcel on, pull the events."""
        self.collect()
        self.store.advance(1)
        heard = tracking_round(self.database, self.settings, self._adapters)
        self.store.save(self.state)
        return heard

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception as exc:  # the next step tries again; the details go to the log
                write_crash_log(exc)
            self._stop.wait(self.step_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._carrier is not None:
            self._carrier.stop()
            self.store.save(self.state)
