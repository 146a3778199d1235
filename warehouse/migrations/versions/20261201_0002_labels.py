"""labels: print jobs keep their format, label size and the bytes sent

Revision ID: 0002_labels
Revises: 0001
Create Date: 2026-12-01 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_labels"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("format", sa.String(length=8), server_default="pdf", nullable=False)
        )
        batch_op.add_column(
            sa.Column("label_size", sa.String(length=12), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_print_job_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_job_state"))
        batch_op.drop_column("last_attempt_at")
        batch_op.drop_column("content")
        batch_op.drop_column("label_size")
        batch_op.drop_column("format")
