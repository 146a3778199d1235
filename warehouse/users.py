"""Users, roles, PINs and lockout.

PINs are hashed with scrypt (stdlib, memory-hard); after ``pin_attempts`` wrong PINs in a row
the badge is locked until a supervisor or admin unlocks it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.db import Database
from warehouse.errors import AuthError, NotFound, PermissionDenied, WarehouseError
from warehouse.models import User, utcnow
from warehouse.states import USER_ROLES

ROLES: tuple[str, ...] = tuple(str(role) for role in USER_ROLES)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    params = f"{_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}"
    return f"scrypt${params}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        pin.encode(), salt=base64.b64decode(salt), dklen=32, n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def check_pin_rules(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise WarehouseError("A PIN is 4 to 8 digits.")


def add_user(session: Session, actor: Actor, *, badge: str, name: str, role: str, pin: str) -> User:
    if role not in ROLES:
        raise WarehouseError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    check_pin_rules(pin)
    badge = badge.strip()
    if not badge:
        raise WarehouseError("A badge code is required.")
    if session.scalar(select(User).where(User.badge == badge)) is not None:
        raise WarehouseError(f"Badge {badge} is already in use.")
    user = User(badge=badge, name=name, role=role, pin_hash=hash_pin(pin))
    session.add(user)
    session.flush()
    record(session, actor, "user.add", "user", badge, after={"role": role, "name": name})
    return user


def find_user(session: Session, badge: str) -> User:
    user = session.scalar(select(User).where(User.badge == badge.strip()))
    if user is None:
        raise NotFound(f"No user has badge {badge.strip()}.")
    return user


def set_active(session: Session, actor: Actor, badge: str, active: bool) -> User:
    user = find_user(session, badge)
    before = {"active": user.active, "locked": user.locked_at is not None}
    user.active = active
    if active:
        user.failed_pins = 0
        user.locked_at = None
    record(
        session,
        actor,
        "user.enable" if active else "user.disable",
        "user",
        user.badge,
        before=before,
        after={"active": active, "locked": False if active else before["locked"]},
    )
    return user


def unlock(session: Session, actor: Actor, badge: str) -> User:
    require_role(actor, "supervisor", "admin")
    user = find_user(session, badge)
    user.failed_pins = 0
    user.locked_at = None
    record(session, actor, "user.unlock", "user", user.badge)
    return user


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    error: AuthError | None = None


def authenticate(session: Session, badge: str, pin: str, *, max_attempts: int = 5) -> LoginOutcome:
    """Check a badge and PIN; failures are counted in ``session`` (commit it either way)."""
    user = session.scalar(select(User).where(User.badge == badge.strip()))
    if user is None:
        return _failed(
            "Unknown badge: scan your badge again or ask a supervisor.",
            "工牌无效：请重新扫描或联系主管。",
        )
    if not user.active:
        return _failed("This badge is disabled: ask a supervisor.", "此工牌已停用：请联系主管。")
    if user.locked_at is not None:
        return _failed(
            "This badge is locked after too many wrong PINs: ask a supervisor.",
            "密码错误次数过多，工牌已锁定：请联系主管。",
        )
    actor = Actor.of(user)
    attempt = _count_attempt(session, user, max_attempts)
    if attempt is None:  # other attempts used the last ones while this one waited
        return _failed(
            "This badge is locked after too many wrong PINs: ask a supervisor.",
            "密码错误次数过多，工牌已锁定：请联系主管。",
        )
    if not verify_pin(pin, user.pin_hash):
        if attempt >= max_attempts:
            session.execute(update(User).where(User.id == user.id).values(locked_at=utcnow()))
            record(
                session,
                actor,
                "user.locked",
                "user",
                user.badge,
                after={"failed_pins": attempt},
            )
            return _failed(
                "Wrong PIN: the badge is now locked; ask a supervisor.",
                "密码错误：工牌已锁定，请联系主管。",
            )
        left = max_attempts - attempt
        return _failed(
            f"Wrong PIN: {left} attempt{'s' if left != 1 else ''} left.",
            f"密码错误：还可尝试 {left} 次。",
            retry_pin=True,
        )
    session.execute(
        update(User).where(User.id == user.id).values(failed_pins=0, last_login_at=utcnow())
    )
    session.refresh(user)
    record(session, actor, "user.login", "user", user.badge)
    return LoginOutcome(user)


def _count_attempt(session: Session, user: User, max_attempts: int) -> int | None:
    """Count this attempt before the PIN is checked, in one atomic statement.

    ``UPDATE … SET failed_pins = failed_pins + 1 … RETURNING``: concurrent attempts queue on
    the row, and each sees the count the previous one left, so at most ``max_attempts`` PINs
    are ever checked before the badge locks (a read-then-write loses updates on PostgreSQL).
    A right PIN sets the count back to zero in the same transaction. None: no attempt left.
    """
    return session.execute(
        update(User)
        .where(
            User.id == user.id,
            User.active.is_(True),
            User.locked_at.is_(None),
            User.failed_pins < max_attempts,
        )
        .values(failed_pins=User.failed_pins + 1)
        .returning(User.failed_pins)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()


def _failed(message: str, zh: str, *, retry_pin: bool = False) -> LoginOutcome:
    return LoginOutcome(None, AuthError(message, zh=zh, retry_pin=retry_pin))


def login(database: Database, badge: str, pin: str, *, max_attempts: int = 5) -> User:
    """Authenticate in a transaction of its own, so that a failed attempt is counted."""
    with database.unit_of_work() as session:
        outcome = authenticate(session, badge, pin, max_attempts=max_attempts)
    if outcome.user is None:
        raise outcome.error or AuthError("Login failed.")
    return outcome.user


def require_role(actor: Actor, *roles: str) -> None:
    if actor.role == "admin" or actor.role == "system" or actor.role in roles:
        return
    raise PermissionDenied(f"Your role ({actor.role}) may not do this; ask a {roles[0]}.")
