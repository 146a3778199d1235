"""returns: after-sales requests (RMA), their lines and every unit inspected

Revision ID: 0004_returns
Revises: 0002_shipping
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_returns"
down_revision: str | None = "0002_shipping"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "return_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rma_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("mall_state", sa.String(length=20), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("fo_id", sa.String(length=64), nullable=False),
        sa.Column("merchant_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("tracking_no", sa.String(length=40), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("out_of_policy", sa.Text(), nullable=False),
        sa.Column("discrepancy", sa.Text(), nullable=False),
        sa.Column("supervisor_cleared", sa.Boolean(), nullable=False),
        sa.Column("replacement_fo_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"], ["merchant.id"], name=op.f("fk_return_request_merchant_id_merchant")
        ),
        sa.ForeignKeyConstraint(
            ["received_by"], ["app_user.id"], name=op.f("fk_return_request_received_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["fulfilment_order.id"],
            name=op.f("fk_return_request_order_id_fulfilment_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_request")),
        sa.UniqueConstraint("rma_id", name=op.f("uq_return_request_rma_id")),
    )
    with op.batch_alter_table("return_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_request_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_request_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_return_request_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_return_request_tracking_no"), ["tracking_no"], unique=False
        )

    op.create_table(
        "return_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("sku_code", sa.String(length=64), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("opened", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["return_request.id"],
            name=op.f("fk_return_line_return_id_return_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_return_line_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_line")),
        sa.UniqueConstraint("return_id", "line_id", name=op.f("uq_return_line_return_id_line_id")),
    )
    with op.batch_alter_table("return_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_line_return_id"), ["return_id"], unique=False)

    op.create_table(
        "return_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("return_line_id", sa.Integer(), nullable=True),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("scanned", sa.String(length=64), nullable=False),
        sa.Column("lot", sa.String(length=40), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("photo_path", sa.String(length=255), nullable=False),
        sa.Column("disposition", sa.String(length=12), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("refusal", sa.String(length=24), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_return_unit_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["return_request.id"],
            name=op.f("fk_return_unit_return_id_return_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["return_line_id"],
            ["return_line.id"],
            name=op.f("fk_return_unit_return_line_id_return_line"),
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_return_unit_sku_id_sku")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_return_unit_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_unit")),
    )
    with op.batch_alter_table("return_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_unit_return_id"), ["return_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_unit_sku_id"), ["sku_id"], unique=False)


def downgrade() -> None:
    op.drop_table("return_unit")
    op.drop_table("return_line")
    op.drop_table("return_request")
