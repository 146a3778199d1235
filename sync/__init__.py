"""Order intake from the mall and status push-back, exactly once (contract v1).

Public API:

- ``sync.contract`` — pydantic models of the contract (``OrderSnapshot``, ``FeedPage``, the
  push bodies, ``PushResult``, ``ErrorBody``); ``sync.openapi`` generates the OpenAPI document.
- ``sync.client.MallClient`` — HTTP client with retries (``RetryPolicy``) and typed errors
  (``sync.errors``).
- ``sync.intake_checks.check_intake`` — pure release/hold decision with zh/en sentences.
- ``sync.ingest.sync_orders`` / ``store_page`` / ``store_snapshot`` — the feed into the database.
- ``sync.pusher.push_pending`` — the outbox to the mall.
- ``sync.service.run_once`` — one round of both (what ``wms sync`` runs).
- ``sync.supervision`` — refused messages and set-aside orders for the supervisor screens
  (list, send again, give up, close).
- ``sync.mall_sim.start_mall_sim`` — the reference mall for the demo and the tests.
- ``sync.adapters.macrozheng.snapshot_from_oms_order`` — macrozheng/mall rows to snapshots.

Nothing here imports Textual or ``warehouse_tui``.
"""
