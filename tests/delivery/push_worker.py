"""A push-only sync worker for the shipment fault test: pushes in a loop until killed.

Usage: python push_worker.py DATABASE_URL MALL_BASE_URL TOKEN
"""

from __future__ import annotations

import sys
import time

from sync.client import MallClient, RetryPolicy
from sync.errors import MallError
from sync.pusher import push_pending
from sync.stock_sync import flush_stock
from warehouse.db import Database


def main(url: str, base_url: str, token: str) -> None:
    database = Database.from_url(url)
    policy = RetryPolicy(attempts=4, base_s=0.01, cap_s=0.1, budget_s=5)
    with MallClient(base_url, token, timeout_s=0.4, policy=policy) as client:
        while True:
            try:
                flush_stock(database)
                push_pending(database, client, base_delay_s=0.05, max_delay_s=0.5)
            except MallError:
                pass
            time.sleep(0.02)


if __name__ == "__main__":
    main(*sys.argv[1:4])
