"""Demo parcels packed the real way (``wms demo seed``): the demo packer opens the picked
carts at the packing station and packs some of their orders action by action through the
station's facade (the same calls the packer's screen makes: scan, the intact answer, the
weight, then the slip and labels printed), so the dock finds parcels to hand over and the
packer still finds totes waiting.

Here rather than in ``warehouse.demo``: the core may not import the packing station (layers).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from packing.station.parcel import parcel_expected
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import PackSession, User
from warehouse_tui.retry import new_key
from warehouse_tui.screens.packer.jobs import PackJobs, View

MAX_ACTIONS = 500


def pack_orders(
    database: Database, settings: Settings, carts: list[str], orders: int, badge: str = "K001"
) -> list[str]:
    """The user ``badge`` packs up to ``orders`` orders of ``carts``; the parcels' tracking
    numbers. An order the station will not finish as it is (a refusal that needs a person)
    is left open at the station for the packer, and packing stops there."""
    with database.unit_of_work(read_only=True) as session:
        user = session.scalars(select(User).where(User.badge == badge)).one()
        packer = Actor.of(user)
    jobs = PackJobs(database, settings, packer)
    numbers: list[str] = []
    packed = 0
    for cart in carts:
        while packed < orders:
            try:
                view = jobs.scan(cart, new_key())
            except WarehouseError:
                break  # nothing of this cart waits any more
            done = _pack_one(jobs, view)
            if done is None:
                return numbers
            numbers += [p.tracking_no for p in done.parcels if not p.voided]
            packed += 1
    return numbers


def _pack_one(jobs: PackJobs, view: View) -> View | None:
    """Scan, answer and weigh until the order is packed; None if the station is stuck."""
    for _ in range(MAX_ACTIONS):
        if view.stage == "done":
            return view
        if view.stage == "intact":
            text = "Y"
        elif view.stage == "weigh":
            weight = _expected_kg(jobs, view)
            if weight is None:
                return None
            text = str(weight)  # the scale shows what the parcel should weigh
        elif view.stage == "scan":
            line = next((line for line in view.lines if line.left > 0), None)
            if line is None:
                return None
            text = line.sku_code
        else:
            return None
        before = (view.stage, view.done_units, view.parcel_no)
        view = jobs.scan(text, new_key())
        if view.bell and (view.stage, view.done_units, view.parcel_no) == before:
            return None  # refused: a person decides
    return None


def _expected_kg(jobs: PackJobs, view: View) -> Decimal | None:
    with jobs.database.unit_of_work(read_only=True) as session:
        pack = session.get(PackSession, view.session_id) if view.session_id else None
        expected = parcel_expected(session, jobs.settings, pack) if pack is not None else None
        return expected.total_kg if expected is not None else None
