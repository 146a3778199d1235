"""handover: handovers, parcel lines and states, tracking events, delivery exceptions,
insurance claims, stock levels for the mall

Revision ID: 0002_handover
Revises: 0002_packing
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_handover"
down_revision: str | None = "0002_packing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=True),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("manifest_job_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["opened_by"], ["app_user.id"], name=op.f("fk_handover_opened_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["app_user.id"], name=op.f("fk_handover_closed_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["manifest_job_id"],
            ["print_job.id"],
            name=op.f("fk_handover_manifest_job_id_print_job"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    op.create_index("ix_handover_carrier_state", "handover", ["carrier_code", "state"])
    with op.batch_alter_table("parcel", schema=None) as batch_op:
        batch_op.alter_column(  # added by the packing station at 12; handed_over needs more
            "state", existing_type=sa.String(length=12), type_=sa.String(length=20)
        )
        batch_op.add_column(sa.Column("handover_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_at", TS, nullable=True))
        batch_op.add_column(sa.Column("expected_at", TS, nullable=True))
        batch_op.add_column(sa.Column("last_event_at", TS, nullable=True))
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_parcel_handover_id_handover"), "handover", ["handover_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_parcel_replaces_id_parcel"), "parcel", ["replaces_id"], ["id"]
        )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.alter_column(  # partially_shipped has 17 characters
            "state", existing_type=sa.String(length=12), type_=sa.String(length=20)
        )
    op.create_table(
        "tracking_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=True),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("tracking_no", sa.String(length=40), nullable=False),
        sa.Column("event_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", TS, nullable=False),
        sa.Column("place", sa.String(length=80), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcel.id"], name=op.f("fk_tracking_event_parcel_id_parcel")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_event")),
        sa.UniqueConstraint(
            "carrier_code",
            "tracking_no",
            "event_key",
            name=op.f("uq_tracking_event_carrier_code_tracking_no_event_key"),
        ),
    )
    op.create_index(op.f("ix_tracking_event_parcel_id"), "tracking_event", ["parcel_id"])
    op.create_table(
        "delivery_exception",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("latest_event", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("resolved_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcel.id"], name=op.f("fk_delivery_exception_parcel_id_parcel")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_exception")),
        sa.UniqueConstraint("parcel_id", "kind", name=op.f("uq_delivery_exception_parcel_id_kind")),
    )
    op.create_index(op.f("ix_delivery_exception_parcel_id"), "delivery_exception", ["parcel_id"])
    op.create_index(op.f("ix_delivery_exception_state"), "delivery_exception", ["state"])
    op.create_table(
        "insurance_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("declared_value", sa.Numeric(12, 2), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcel.id"], name=op.f("fk_insurance_claim_parcel_id_parcel")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insurance_claim")),
        sa.UniqueConstraint("parcel_id", name=op.f("uq_insurance_claim_parcel_id")),
    )
    op.create_table(
        "stock_level_dirty",
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("touches", sa.BigInteger(), nullable=False),
        sa.Column("first_touched_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_stock_level_dirty_sku_id_sku")
        ),
        sa.PrimaryKeyConstraint("sku_id", name=op.f("pk_stock_level_dirty")),
    )
    op.create_table(
        "stock_level_seq",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_level_seq")),
    )


def downgrade() -> None:
    op.drop_table("stock_level_seq")
    op.drop_table("stock_level_dirty")
    op.drop_table("insurance_claim")
    op.drop_table("delivery_exception")
    op.drop_table("tracking_event")
    with op.batch_alter_table("parcel", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_parcel_replaces_id_parcel"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_parcel_handover_id_handover"), type_="foreignkey")
        for name in ("replaces_id", "last_event_at", "expected_at", "handed_over_at"):
            batch_op.drop_column(name)
        batch_op.drop_column("handover_id")
        batch_op.alter_column(
            "state", existing_type=sa.String(length=20), type_=sa.String(length=12)
        )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.alter_column(
            "state", existing_type=sa.String(length=20), type_=sa.String(length=12)
        )
    op.drop_index("ix_handover_carrier_state", table_name="handover")
    op.drop_table("handover")
