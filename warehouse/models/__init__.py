"""Typed ORM models of everything the warehouse stores."""

from warehouse.models.base import Base, utcnow
from warehouse.models.catalog import Merchant, Sku, SkuBarcode
from warehouse.models.handover import (
    DeliveryException,
    Handover,
    InsuranceClaim,
    ParcelLine,
    StockLevelDirty,
    StockLevelSeq,
    TrackingEvent,
)
from warehouse.models.orders import Order, OrderLine, Reservation
from warehouse.models.shipping import Parcel, PrintJob, Shipment
from warehouse.models.stock import Location, StockMove, StockQuant
from warehouse.models.system import AuditEvent, OutboxEvent, QuarantinedOrder, SyncCursor, User
from warehouse.models.tracking import TrackingRange
from warehouse.models.work import (
    PickBatch,
    PickTask,
    ReplenishmentRequest,
    ScanReceipt,
    ShortageCase,
    StockTask,
    Wave,
)

__all__ = [
    "AuditEvent",
    "Base",
    "DeliveryException",
    "Handover",
    "InsuranceClaim",
    "Location",
    "Merchant",
    "Order",
    "OrderLine",
    "OutboxEvent",
    "Parcel",
    "ParcelLine",
    "PickBatch",
    "PickTask",
    "PrintJob",
    "QuarantinedOrder",
    "ReplenishmentRequest",
    "Reservation",
    "ScanReceipt",
    "Shipment",
    "ShortageCase",
    "Sku",
    "SkuBarcode",
    "StockLevelDirty",
    "StockLevelSeq",
    "StockMove",
    "StockQuant",
    "StockTask",
    "SyncCursor",
    "TrackingEvent",
    "TrackingRange",
    "User",
    "Wave",
    "utcnow",
]
