"""supervisor: the order queue's keyset pages are index walks

The supervisor's queue reads open orders soonest due first, a page after the last row shown
(``due_at, id``), for all merchants or one; two indexes make each page an index walk at
100,000 open orders.

Revision ID: 0004_supervisor
Revises: 0004_returns
Create Date: 2026-12-01 11:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_supervisor"
down_revision: str | None = "0004_returns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_fulfilment_order_due", "fulfilment_order", ["due_at", "id"])
    op.create_index(
        "ix_fulfilment_order_merchant_due", "fulfilment_order", ["merchant_id", "due_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_fulfilment_order_merchant_due", table_name="fulfilment_order")
    op.drop_index("ix_fulfilment_order_due", table_name="fulfilment_order")
