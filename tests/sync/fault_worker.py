"""A sync worker process for the fault test: syncs in a loop until it is killed (kill -9).

Usage: python fault_worker.py DATABASE_URL MALL_BASE_URL TOKEN
"""

from __future__ import annotations

import sys
import time

from sync.client import MallClient, RetryPolicy
from sync.errors import MallError
from sync.ingest import store_snapshot, sync_orders
from sync.intake import IntakeContext
from sync.pusher import push_pending
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.pii import ReceiverCipher


def main(url: str, base_url: str, token: str) -> None:
    database = Database.from_url(url)
    settings = Settings()
    context = IntakeContext(settings=settings, cipher=ReceiverCipher.from_settings(settings))
    policy = RetryPolicy(attempts=4, base_s=0.01, cap_s=0.1, budget_s=5)
    with MallClient(base_url, token, timeout_s=0.4, policy=policy) as client:
        while True:
            try:
                sync_orders(database, client, context, limit=100)
                push_pending(
                    database,
                    client,
                    base_delay_s=0.05,
                    max_delay_s=0.5,
                    refresh=lambda snapshot: store_snapshot(database, snapshot, context),
                )
            except MallError:
                pass  # transient: the next round tries again
            time.sleep(0.02)


if __name__ == "__main__":
    main(*sys.argv[1:4])
