"""Named states and roles. The database stores their string values (``StrEnum`` compares equal
to its value), so naming them here needs no migration.

The order state machine lives in :mod:`warehouse.orders`; the pick batch's in
:mod:`warehouse.batches`. The other families are listed here so that every package spells a
state the same way.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user may do; checked in the services (``warehouse.users.require_role``)."""

    PICKER = "picker"
    PACKER = "packer"
    RETURNS = "returns"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SYSTEM = "system"
    """Not a user's role: work that a system component does and names (``Actor.system``)."""


USER_ROLES: tuple[Role, ...] = (
    Role.PICKER,
    Role.PACKER,
    Role.RETURNS,
    Role.SUPERVISOR,
    Role.ADMIN,
)
"""The roles a user account can have (not ``system``)."""


class OrderState(StrEnum):
    RECEIVED = "received"
    HELD = "held"
    RELEASED = "released"
    ALLOCATED = "allocated"
    SHORT = "short"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"
    PARTIALLY_SHIPPED = "partially_shipped"
    """Some parcels of the order went with a carrier, others wait for a later handover."""
    DELIVERED = "delivered"
    """The customer signed for every parcel (四.1): the order is complete."""
    CANCEL_REQUESTED = "cancel_requested"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


class WaveState(StrEnum):
    PLANNED = "planned"
    RELEASED = "released"
    DONE = "done"


class BatchState(StrEnum):
    """A pick cart: ``open → claimed → in_progress → done``, or back to ``open`` when released."""

    OPEN = "open"
    CLAIMED = "claimed"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class TaskState(StrEnum):
    """One pick: ``pending → picked | short`` (a skipped task stays pending, moved to the end)."""

    PENDING = "pending"
    PICKED = "picked"
    SHORT = "short"
    CANCELLED = "cancelled"
    """The order or line was cancelled while on the cart: the handheld skips the task."""


class ShipmentState(StrEnum):
    OPEN = "open"
    PACKED = "packed"
    SHIPPED = "shipped"
    PARTIALLY_SHIPPED = "partially_shipped"
    CANCELLED = "cancelled"


class ParcelState(StrEnum):
    """``packed → handed_over → in_transit → delivered``, or one of the delivery exceptions;
    ``packed → unpack → unpacked`` when its order is cancelled before handover."""

    PACKING = "packing"
    PACKED = "packed"
    HANDED_OVER = "handed_over"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    REFUSED = "refused"
    RETURNING = "returning"
    LOST = "lost"
    DAMAGED = "damaged"
    DELAYED = "delayed"
    OUT_FOR_DELIVERY = "out_for_delivery"
    RETURNED = "returned"
    """Back at the site (received through the returns flow)."""
    PROBLEM = "problem"
    """疑难: the carrier cannot deliver and asks for instructions."""
    UNPACK = "unpack"
    """Its order was cancelled before handover: to be unpacked and put away."""
    UNPACKED = "unpacked"
    """Final: opened at the site and its units put back on the shelves (its unpack task is
    done). The row and tracking number are kept; no label, handover or statement counts it."""
    REPLACED = "replaced"
    """Lost or damaged, and a replacement parcel was shipped."""
    VOIDED = "voided"
    """Reopened at the packing station before handover: the row and its tracking number are
    kept (audited), the label printed for it is void and the parcel closed again gets a new
    tracking number."""


class HandoverState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ExceptionState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class PrintJobState(StrEnum):
    """A print: ``queued → printed``, or ``failed`` and kept for a reprint."""

    QUEUED = "queued"
    SENDING = "sending"
    PRINTED = "printed"
    FAILED = "failed"


class ShortageState(StrEnum):
    OPEN = "open"
    WAITING = "waiting"
    """Decided, waiting for something outside: stock promised or transferred, or the
    customer's answer to a substitute. Allocation still sees it as the line's case."""
    RESOLVED = "resolved"


class StockTaskState(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    DONE = "done"
    CANCELLED = "cancelled"


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    DROPPED = "dropped"


class ReturnState(StrEnum):
    """A return (RMA): ``requested → expected → received → inspected → closed``.

    ``expected`` once the customer has shipped (a tracking number is known); ``received`` at
    the first scan of the parcel; ``inspected`` when every unit has a grade; ``closed`` when
    the outcome is queued for the mall.
    """

    REQUESTED = "requested"
    EXPECTED = "expected"
    RECEIVED = "received"
    INSPECTED = "inspected"
    CLOSED = "closed"


class ReturnLineState(StrEnum):
    """The warehouse's decision on one return line, told to the mall."""

    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PARTIAL = "partial"


class ReturnGrade(StrEnum):
    """What an inspected unit is: A resellable, B open box or repackage, C damaged, D wrong
    item or not ours."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class ReturnKind(StrEnum):
    RETURN = "return"
    EXCHANGE = "exchange"
    REFUSED = "refused"
    """A delivery the receiver refused, coming back with the carrier (no request from the mall)."""
    UNKNOWN = "unknown"
    """A parcel that arrived with no request: received for a supervisor."""
