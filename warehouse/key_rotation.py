"""The receiver key: refuse a key that does not open the stored data, and rotate it.

A second key that does not open existing receivers would seal new orders with one key and
leave the old ones unreadable; it is refused at start with a sentence. Rotation re-seals every
sealed row (receivers, quarantined payloads and their digests) with the new key in one
transaction: either all rows move to the new key or none does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import ConfigError, WarehouseError
from warehouse.models import Order, QuarantinedOrder
from warehouse.pii import ReceiverCipher, quarantine_binding
from warehouse.words import Words

KEY_MISMATCH = Words(
    en="The receiver encryption key does not open the receivers already stored; start with "
    "the key they were sealed with, or rotate to a new key with 'wms keys rotate'.",
    zh="收件人加密密钥无法打开已保存的收件人信息：请使用保存时的密钥启动，"
    "或用“wms keys rotate”更换为新密钥。",
)
SAME_KEY = Words(
    en="The new key is the same as the current one; nothing was changed.",
    zh="新密钥与当前密钥相同，未作任何更改。",
)


def check_key_opens(database: Database, cipher: ReceiverCipher) -> None:
    """Raise a ConfigError if ``cipher`` cannot open a stored receiver or quarantined payload."""
    with database.unit_of_work(read_only=True) as session:
        order = session.execute(
            select(Order.fo_id, Order.receiver_sealed).where(Order.receiver_sealed != "").limit(1)
        ).first()
        entry = session.execute(
            select(QuarantinedOrder.fo_id, QuarantinedOrder.raw)
            .where(QuarantinedOrder.raw.like("v1:%"))
            .limit(1)
        ).first()
    try:
        if order is not None:
            cipher.open_text(order.receiver_sealed, bound_to=order.fo_id)
        if entry is not None:
            cipher.open_text(entry.raw, bound_to=quarantine_binding(entry.fo_id))
    except WarehouseError:
        raise ConfigError.of(KEY_MISMATCH) from None


def opening_cipher(settings: Settings, database: Database) -> ReceiverCipher:
    """The configured cipher, refused with a sentence if it does not open the stored data."""
    cipher = ReceiverCipher.from_settings(settings)
    check_key_opens(database, cipher)
    return cipher


@dataclass(frozen=True)
class Rotation:
    orders: int
    quarantined: int


def rotate(database: Database, old: ReceiverCipher, new: ReceiverCipher) -> Rotation:
    """Re-seal every sealed row with ``new``; all rows or none."""
    if old.digest("same?") == new.digest("same?"):
        raise WarehouseError.of(SAME_KEY)
    orders = quarantined = 0
    with database.unit_of_work() as session:
        for order in session.scalars(
            select(Order).where(Order.receiver_sealed != "").order_by(Order.id).with_for_update()
        ):
            plain = old.open_text(order.receiver_sealed, bound_to=order.fo_id)
            order.receiver_sealed = new.seal_text(plain, bound_to=order.fo_id)
            orders += 1
        for entry in session.scalars(
            select(QuarantinedOrder).order_by(QuarantinedOrder.id).with_for_update()
        ):
            binding = quarantine_binding(entry.fo_id)
            plain = old.open_text(entry.raw, bound_to=binding)
            entry.raw = new.seal_text(plain, bound_to=binding)
            entry.raw_digest = new.digest(plain)
            quarantined += 1
    return Rotation(orders, quarantined)
