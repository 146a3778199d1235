"""Typed ORM models of everything the warehouse stores."""

from warehouse.models.base import Base, utcnow
from warehouse.models.catalog import Merchant, Sku, SkuBarcode
from warehouse.models.handover import (
    DeliveryException,
    Handover,
    InsuranceClaim,
    StockLevelDirty,
    StockLevelSeq,
    TrackingEvent,
)
from warehouse.models.orders import Order, OrderLine, Reservation
from warehouse.models.packing import PackDiscrepancy, PackSession, PackUnit, ParcelLine
from warehouse.models.returns import ReturnLine, ReturnRequest, ReturnUnit
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
    "PackDiscrepancy",
    "PackSession",
    "PackUnit",
    "Parcel",
    "ParcelLine",
    "PickBatch",
    "PickTask",
    "PrintJob",
    "QuarantinedOrder",
    "ReplenishmentRequest",
    "Reservation",
    "ReturnLine",
    "ReturnRequest",
    "ReturnUnit",
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
