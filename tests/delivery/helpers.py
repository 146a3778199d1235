"""Settings and helpers of the handover and delivery tests."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from sync.client import MallClient
from sync.mall_sim.generator import generate_orders
from sync.mall_sim.store import MallStore
from sync.pusher import push_pending
from warehouse.config import Settings, load_settings
from warehouse.db import Database
from warehouse.models import Order, OutboxEvent

ROOT = Path(__file__).resolve().parents[2]


def site(tmp_path: Path, **delivery: object) -> Settings:
    """The documented configuration (carriers with tracking ranges), manifests under tmp."""
    documented = load_settings(ROOT / "config.toml", environ={})
    return documented.model_copy(
        update={
            "delivery": documented.delivery.model_copy(
                update={"manifest_dir": str(tmp_path / "manifests"), **delivery}
            )
        }
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    file = tmp_path / "manifest.pdf"
    file.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(file), "-"], check=True, capture_output=True, text=True
    ).stdout


def mall_twin(store: MallStore, database: Database, fo_ids: list[str]) -> None:
    """The mall's side of orders the builders made: same fo_id and lines, in progress."""
    with database.unit_of_work(read_only=True) as session:
        orders = [session.scalars(select(Order).where(Order.fo_id == f)).one() for f in fo_ids]
        shapes = [
            (o.fo_id, o.merchant.mall_id, [(ln.line_id, ln.sku_code, ln.qty) for ln in o.lines])
            for o in orders
        ]
    for n, (fo_id, merchant_id, lines) in enumerate(shapes):
        snapshot = generate_orders(1, {(merchant_id, "店铺"): ["X"]}, seed=n + 1)[0]
        template = snapshot["lines"][0]
        snapshot["fo_id"] = fo_id
        snapshot["lines"] = [
            {**template, "line_id": line_id, "sku_code": code, "qty": qty, "discount": "0.00"}
            for line_id, code, qty in lines
        ]
        store.add_order(snapshot)
        store._get(fo_id).snapshot["state"] = "in_progress"  # accepted and picked at the mall


def push_until_done(database: Database, client: MallClient, rounds: int = 200) -> None:
    """Push the outbox as the sync worker would, until nothing is pending."""
    later = datetime.now(UTC)
    for _ in range(rounds):
        later += timedelta(minutes=10)
        push_pending(database, client, now=lambda at=later: at)
        with database.unit_of_work(read_only=True) as session:
            pending = session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.state == "pending")
            )
        if not pending:
            return
    raise AssertionError("the outbox did not drain")
