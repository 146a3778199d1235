"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 14:19:20.551360
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("badge", name=op.f("uq_app_user_badge")),
    )
    op.create_table(
        "location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("zone", sa.String(length=8), nullable=False),
        sa.Column("aisle", sa.Integer(), nullable=False),
        sa.Column("bay", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("bin", sa.String(length=4), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location")),
        sa.UniqueConstraint("code", name=op.f("uq_location_code")),
    )
    op.create_table(
        "merchant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mall_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("whole_order_only", sa.Boolean(), nullable=False),
        sa.Column("slip_note", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant")),
        sa.UniqueConstraint("mall_id", name=op.f("uq_merchant_mall_id")),
    )
    op.create_table(
        "outbox_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("fo_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_event")),
        sa.UniqueConstraint("event_id", name=op.f("uq_outbox_event_event_id")),
    )
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_event_fo_id"), ["fo_id"], unique=False)
        batch_op.create_index("ix_outbox_event_pending", ["state", "next_attempt_at"], unique=False)

    op.create_table(
        "print_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=40), nullable=False),
        sa.Column("document", sa.String(length=24), nullable=False),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_job")),
    )
    op.create_table(
        "quarantined_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fo_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_order")),
    )
    with op.batch_alter_table("quarantined_order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantined_order_fo_id"), ["fo_id"], unique=False)

    op.create_table(
        "sync_cursor",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("backlog", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_cursor")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_audit_event_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_event_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "fulfilment_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fo_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("order_sn", sa.String(length=40), nullable=False),
        sa.Column("group_order_sn", sa.String(length=40), nullable=False),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("mall_state", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("priority_override", sa.Integer(), nullable=True),
        sa.Column("expedited", sa.Boolean(), nullable=False),
        sa.Column("gift", sa.Boolean(), nullable=False),
        sa.Column("holiday", sa.Boolean(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payment_method", sa.String(length=12), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("cod_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("receiver_sealed", sa.Text(), nullable=False),
        sa.Column("ship_province", sa.String(length=40), nullable=False),
        sa.Column("ship_city", sa.String(length=40), nullable=False),
        sa.Column("buyer_note", sa.String(length=500), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"], ["merchant.id"], name=op.f("fk_fulfilment_order_merchant_id_merchant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fulfilment_order")),
        sa.UniqueConstraint("fo_id", name=op.f("uq_fulfilment_order_fo_id")),
    )
    with op.batch_alter_table("fulfilment_order", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fulfilment_order_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fulfilment_order_order_sn"), ["order_sn"], unique=False
        )
        batch_op.create_index(
            "ix_fulfilment_order_queue", ["state", "priority", "due_at"], unique=False
        )

    op.create_table(
        "scan_receipt",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_scan_receipt_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_scan_receipt")),
    )
    op.create_table(
        "sku",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("weight_kg", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("length_mm", sa.Integer(), nullable=False),
        sa.Column("width_mm", sa.Integer(), nullable=False),
        sa.Column("height_mm", sa.Integer(), nullable=False),
        sa.Column("fragile", sa.Boolean(), nullable=False),
        sa.Column("high_value", sa.Boolean(), nullable=False),
        sa.Column("lot_controlled", sa.Boolean(), nullable=False),
        sa.Column("shelf_life_days", sa.Integer(), nullable=True),
        sa.Column("min_remaining_days", sa.Integer(), nullable=False),
        sa.Column("pick_face_min", sa.Integer(), nullable=False),
        sa.Column("pick_face_max", sa.Integer(), nullable=False),
        sa.Column("reorder_point", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"], ["merchant.id"], name=op.f("fk_sku_merchant_id_merchant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sku")),
        sa.UniqueConstraint("merchant_id", "code", name=op.f("uq_sku_merchant_id_code")),
    )
    with op.batch_alter_table("sku", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sku_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_sku_merchant_id"), ["merchant_id"], unique=False)

    op.create_table(
        "wave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_wave_created_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wave")),
        sa.UniqueConstraint("code", name=op.f("uq_wave_code")),
    )
    op.create_table(
        "order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=40), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("sku_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("allocated", sa.Integer(), nullable=False),
        sa.Column("picked", sa.Integer(), nullable=False),
        sa.Column("packed", sa.Integer(), nullable=False),
        sa.Column("short", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "allocated >= 0 AND picked >= 0 AND packed >= 0 AND short >= 0",
            name=op.f("ck_order_line_quantities_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["fulfilment_order.id"],
            name=op.f("fk_order_line_order_id_fulfilment_order"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_order_line_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_line")),
        sa.UniqueConstraint("order_id", "line_id", name=op.f("uq_order_line_order_id_line_id")),
    )
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_line_order_id"), ["order_id"], unique=False)

    op.create_table(
        "pick_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("algorithm", sa.String(length=16), nullable=False),
        sa.Column("route_length_m", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["app_user.id"], name=op.f("fk_pick_batch_assignee_id_app_user")
        ),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], name=op.f("fk_pick_batch_wave_id_wave")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_batch")),
        sa.UniqueConstraint("code", name=op.f("uq_pick_batch_code")),
    )
    with op.batch_alter_table("pick_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pick_batch_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_pick_batch_wave_id"), ["wave_id"], unique=False)

    op.create_table(
        "replenishment_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("open_key", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["location.id"],
            name=op.f("fk_replenishment_request_location_id_location"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["merchant.id"], name=op.f("fk_replenishment_request_owner_id_merchant")
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_replenishment_request_sku_id_sku")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replenishment_request")),
        sa.UniqueConstraint("open_key", name=op.f("uq_replenishment_request_open_key")),
    )
    with op.batch_alter_table("replenishment_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_replenishment_request_sku_id"), ["sku_id"], unique=False
        )

    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("carrier_code", sa.String(length=8), nullable=False),
        sa.Column("service", sa.String(length=24), nullable=False),
        sa.Column("insured_value", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("cod_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.Column("packed_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["fulfilment_order.id"],
            name=op.f("fk_shipment_order_id_fulfilment_order"),
        ),
        sa.ForeignKeyConstraint(
            ["packed_by"], ["app_user.id"], name=op.f("fk_shipment_packed_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment")),
    )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipment_order_id"), ["order_id"], unique=False)

    op.create_table(
        "sku_barcode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_sku_barcode_sku_id_sku"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sku_barcode")),
        sa.UniqueConstraint("code", "sku_id", name=op.f("uq_sku_barcode_code_sku_id")),
    )
    with op.batch_alter_table("sku_barcode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sku_barcode_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_sku_barcode_sku_id"), ["sku_id"], unique=False)

    op.create_table(
        "stock_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("lot", sa.String(length=40), nullable=False),
        sa.Column("from_location_id", sa.Integer(), nullable=True),
        sa.Column("to_location_id", sa.Integer(), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_location_id"],
            ["location.id"],
            name=op.f("fk_stock_move_from_location_id_location"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["merchant.id"], name=op.f("fk_stock_move_owner_id_merchant")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_stock_move_sku_id_sku")),
        sa.ForeignKeyConstraint(
            ["to_location_id"], ["location.id"], name=op.f("fk_stock_move_to_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_stock_move_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_move")),
    )
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_move_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_move_sku_id"), ["sku_id"], unique=False)

    op.create_table(
        "stock_quant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("lot", sa.String(length=40), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("on_hand >= 0", name=op.f("ck_stock_quant_on_hand_not_negative")),
        sa.CheckConstraint(
            "reserved <= on_hand", name=op.f("ck_stock_quant_reserved_within_on_hand")
        ),
        sa.CheckConstraint("reserved >= 0", name=op.f("ck_stock_quant_reserved_not_negative")),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_stock_quant_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["merchant.id"], name=op.f("fk_stock_quant_owner_id_merchant")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_stock_quant_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_quant")),
        sa.UniqueConstraint(
            "sku_id",
            "location_id",
            "owner_id",
            "lot",
            name=op.f("uq_stock_quant_sku_id_location_id_owner_id_lot"),
        ),
    )
    with op.batch_alter_table("stock_quant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_quant_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stock_quant_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_quant_sku_id"), ["sku_id"], unique=False)

    op.create_table(
        "stock_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("lot", sa.String(length=40), nullable=False),
        sa.Column("from_location_id", sa.Integer(), nullable=True),
        sa.Column("to_location_id", sa.Integer(), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["app_user.id"], name=op.f("fk_stock_task_assignee_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["from_location_id"],
            ["location.id"],
            name=op.f("fk_stock_task_from_location_id_location"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["merchant.id"], name=op.f("fk_stock_task_owner_id_merchant")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_stock_task_sku_id_sku")),
        sa.ForeignKeyConstraint(
            ["to_location_id"], ["location.id"], name=op.f("fk_stock_task_to_location_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_task")),
    )
    with op.batch_alter_table("stock_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_task_state"), ["state"], unique=False)

    op.create_table(
        "parcel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("box_code", sa.String(length=16), nullable=False),
        sa.Column("expected_weight_kg", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("actual_weight_kg", sa.Numeric(precision=10, scale=3), nullable=True),
        sa.Column("tracking_no", sa.String(length=40), nullable=False),
        sa.Column("sscc", sa.String(length=18), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
            name=op.f("fk_parcel_shipment_id_shipment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parcel")),
    )
    with op.batch_alter_table("parcel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parcel_shipment_id"), ["shipment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_parcel_tracking_no"), ["tracking_no"], unique=False)

    op.create_table(
        "reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quant_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("picked", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "qty >= 0 AND picked >= 0 AND picked <= qty",
            name=op.f("ck_reservation_picked_within_qty"),
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_line.id"],
            name=op.f("fk_reservation_order_line_id_order_line"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["quant_id"], ["stock_quant.id"], name=op.f("fk_reservation_quant_id_stock_quant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation")),
    )
    with op.batch_alter_table("reservation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reservation_order_line_id"), ["order_line_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reservation_quant_id"), ["quant_id"], unique=False)

    op.create_table(
        "shortage_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("ordered_qty", sa.Integer(), nullable=False),
        sa.Column("available_qty", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_shortage_case_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["fulfilment_order.id"],
            name=op.f("fk_shortage_case_order_id_fulfilment_order"),
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_line.id"],
            name=op.f("fk_shortage_case_order_line_id_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"], ["app_user.id"], name=op.f("fk_shortage_case_resolved_by_app_user")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_shortage_case_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shortage_case")),
    )
    with op.batch_alter_table("shortage_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shortage_case_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shortage_case_state"), ["state"], unique=False)

    op.create_table(
        "pick_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("reservation_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("lot", sa.String(length=40), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("picked_qty", sa.Integer(), nullable=False),
        sa.Column("tote", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("short_reason", sa.String(length=16), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["pick_batch.id"], name=op.f("fk_pick_task_batch_id_pick_batch")
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by"], ["app_user.id"], name=op.f("fk_pick_task_confirmed_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_pick_task_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["fulfilment_order.id"],
            name=op.f("fk_pick_task_order_id_fulfilment_order"),
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_pick_task_order_line_id_order_line")
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["reservation.id"],
            name=op.f("fk_pick_task_reservation_id_reservation"),
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_pick_task_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_task")),
    )
    with op.batch_alter_table("pick_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pick_task_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pick_task_order_id"), ["order_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("pick_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_task_order_id"))
        batch_op.drop_index(batch_op.f("ix_pick_task_batch_id"))

    op.drop_table("pick_task")
    with op.batch_alter_table("shortage_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shortage_case_state"))
        batch_op.drop_index(batch_op.f("ix_shortage_case_order_id"))

    op.drop_table("shortage_case")
    with op.batch_alter_table("reservation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reservation_quant_id"))
        batch_op.drop_index(batch_op.f("ix_reservation_order_line_id"))

    op.drop_table("reservation")
    with op.batch_alter_table("parcel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parcel_tracking_no"))
        batch_op.drop_index(batch_op.f("ix_parcel_shipment_id"))

    op.drop_table("parcel")
    with op.batch_alter_table("stock_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_task_state"))

    op.drop_table("stock_task")
    with op.batch_alter_table("stock_quant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_quant_sku_id"))
        batch_op.drop_index(batch_op.f("ix_stock_quant_owner_id"))
        batch_op.drop_index(batch_op.f("ix_stock_quant_location_id"))

    op.drop_table("stock_quant")
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_move_sku_id"))
        batch_op.drop_index(batch_op.f("ix_stock_move_at"))

    op.drop_table("stock_move")
    with op.batch_alter_table("sku_barcode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sku_barcode_sku_id"))
        batch_op.drop_index(batch_op.f("ix_sku_barcode_code"))

    op.drop_table("sku_barcode")
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipment_order_id"))

    op.drop_table("shipment")
    with op.batch_alter_table("replenishment_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replenishment_request_sku_id"))

    op.drop_table("replenishment_request")
    with op.batch_alter_table("pick_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_batch_wave_id"))
        batch_op.drop_index(batch_op.f("ix_pick_batch_state"))

    op.drop_table("pick_batch")
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_line_order_id"))

    op.drop_table("order_line")
    op.drop_table("wave")
    with op.batch_alter_table("sku", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sku_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_sku_code"))

    op.drop_table("sku")
    op.drop_table("scan_receipt")
    with op.batch_alter_table("fulfilment_order", schema=None) as batch_op:
        batch_op.drop_index("ix_fulfilment_order_queue")
        batch_op.drop_index(batch_op.f("ix_fulfilment_order_order_sn"))
        batch_op.drop_index(batch_op.f("ix_fulfilment_order_merchant_id"))

    op.drop_table("fulfilment_order")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_entity")
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    op.drop_table("sync_cursor")
    with op.batch_alter_table("quarantined_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantined_order_fo_id"))

    op.drop_table("quarantined_order")
    op.drop_table("print_job")
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_event_pending")
        batch_op.drop_index(batch_op.f("ix_outbox_event_fo_id"))

    op.drop_table("outbox_event")
    op.drop_table("merchant")
    op.drop_table("location")
    op.drop_table("app_user")
