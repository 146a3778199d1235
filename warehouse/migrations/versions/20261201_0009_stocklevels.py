"""stock levels in batches: single-SKU ``stock_level`` messages still pending are dropped
and every SKU is marked dirty, so the next flush sends the figures again as ``stock_levels``
batches (no schema change)

Revision ID: 0009_stocklevels
Revises: 0002_handover
Create Date: 2026-12-01 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_stocklevels"
down_revision: str | None = "0002_handover"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE outbox_event SET state = 'dropped', "
            "last_error = 'Replaced by the stock_levels batches: the SKU is sent again.' "
            "WHERE kind = 'stock_level' AND state = 'pending'"
        )
    )
    op.execute(
        sa.text(
            "INSERT INTO stock_level_dirty (sku_id, touches, first_touched_at) "
            "SELECT id, 1, CURRENT_TIMESTAMP FROM sku "
            "WHERE id NOT IN (SELECT sku_id FROM stock_level_dirty)"
        )
    )


def downgrade() -> None:
    pass  # the dropped messages stay dropped; the batches already carried newer figures
