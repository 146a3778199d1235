"""the allocation queue's own index: waiting orders in urgency order

On a peak day hundreds of thousands of orders wait, and each allocation set read the most
urgent ones by sorting them all (270 ms a read at 450,000 orders). A partial index in the
queue's order (priority first, then due, then id) over released and short orders lets the
read stop at the set's size.

Revision ID: 0011_waiting_index
Revises: 0010_address_scrub
Create Date: 2026-12-01 17:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_waiting_index"
down_revision: str | None = "0010_address_scrub"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = "state IN ('released', 'short') AND cancel_requested IS FALSE"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite would use it only for a filter repeating its terms word for word
    op.create_index(
        "ix_fulfilment_order_waiting",
        "fulfilment_order",
        [sa.text("priority DESC"), "due_at", "id"],
        postgresql_where=sa.text(WAITING),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_fulfilment_order_waiting", table_name="fulfilment_order")
