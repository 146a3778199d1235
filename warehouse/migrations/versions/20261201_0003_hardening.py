"""hardening: the columns take what the mall contract allows

Ids from the mall (order_sn, group_order_sn, merchant id, line_id, sku_code) widen to the
contract's 64 characters, province and city to 64; versions and change_seq become 64-bit;
a quarantined payload keeps a keyed digest (its raw text is sealed like the receiver).

Revision ID: 0002_hardening
Revises: 0002_labels
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_hardening"
down_revision: str | None = "0002_labels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WIDER: dict[str, list[tuple[str, int, int]]] = {
    # table: [(column, old length, new length)]
    "fulfilment_order": [
        ("order_sn", 40, 64),
        ("group_order_sn", 40, 64),
        ("ship_province", 40, 64),
        ("ship_city", 40, 64),
    ],
    "order_line": [("line_id", 40, 64), ("sku_code", 40, 64)],
    "merchant": [("mall_id", 40, 64)],
}
_BIGGER: dict[str, list[tuple[str, bool]]] = {
    # table: [(column, nullable)]
    "fulfilment_order": [("version", False), ("change_seq", False)],
    "quarantined_order": [("version", True)],
}


def upgrade() -> None:
    for table in sorted(_WIDER.keys() | _BIGGER.keys()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, old, new in _WIDER.get(table, []):
                batch_op.alter_column(
                    column,
                    existing_type=sa.String(length=old),
                    type_=sa.String(length=new),
                    existing_nullable=False,
                )
            for column, nullable in _BIGGER.get(table, []):
                batch_op.alter_column(
                    column,
                    existing_type=sa.Integer(),
                    type_=sa.BigInteger(),
                    existing_nullable=nullable,
                )
            if table == "quarantined_order":
                batch_op.add_column(
                    sa.Column("raw_digest", sa.String(length=64), nullable=False, server_default="")
                )
                batch_op.create_index(
                    batch_op.f("ix_quarantined_order_raw_digest"), ["raw_digest"], unique=False
                )


def downgrade() -> None:
    for table in sorted(_WIDER.keys() | _BIGGER.keys()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "quarantined_order":
                batch_op.drop_index(batch_op.f("ix_quarantined_order_raw_digest"))
                batch_op.drop_column("raw_digest")
            for column, nullable in _BIGGER.get(table, []):
                batch_op.alter_column(
                    column,
                    existing_type=sa.BigInteger(),
                    type_=sa.Integer(),
                    existing_nullable=nullable,
                )
            for column, old, new in _WIDER.get(table, []):
                batch_op.alter_column(
                    column,
                    existing_type=sa.String(length=new),
                    type_=sa.String(length=old),
                    existing_nullable=False,
                )
