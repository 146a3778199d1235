"""address corrections: the outbox no longer keeps the receiver's street in the clear

Earlier address-correction messages were queued with the whole corrected address. The sync
worker now reads the sealed address when it sends, so the clear copy is removed from every
queued or sent message (province and city stay: they are readable on the order too).

Revision ID: 0010_address_scrub
Revises: 0009_stocklevels
Create Date: 2026-12-01 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_address_scrub"
down_revision: str | None = "0009_stocklevels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEPT = ("event_id", "occurred_at", "province", "city")


def upgrade() -> None:
    outbox = sa.table(
        "outbox_event",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("payload", sa.JSON()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(outbox.c.id, outbox.c.payload).where(outbox.c.kind == "address_correction")
    ).all()
    for row_id, payload in rows:
        kept = {k: v for k, v in dict(payload or {}).items() if k in KEPT}
        connection.execute(sa.update(outbox).where(outbox.c.id == row_id).values(payload=kept))


def downgrade() -> None:
    """The street cannot come back from the outbox (it is still sealed on the order)."""
