"""shipping: tracking-number range counters

Revision ID: 0002_shipping
Revises: 0002_hardening
Create Date: 2026-12-01 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_shipping"
down_revision: str | None = "0002_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tracking_range",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("first_serial", sa.BigInteger(), nullable=False),
        sa.Column("last_serial", sa.BigInteger(), nullable=False),
        sa.Column("next_serial", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "next_serial <= last_serial + 1",
            name=op.f("ck_tracking_range_next_within_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_range")),
        sa.UniqueConstraint(
            "carrier_code", "name", name=op.f("uq_tracking_range_carrier_code_name")
        ),
    )


def downgrade() -> None:
    op.drop_table("tracking_range")
