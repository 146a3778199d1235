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
from warehouse.states import USER_ROLES, Role
from warehouse.words import Words

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


SITE_SETUP = Actor.system("site-setup")
"""The one system component that may create users: seeding a new (demo) site."""


def add_user(session: Session, actor: Actor, *, badge: str, name: str, role: str, pin: str) -> User:
    """An admin adds a user (or :data:`SITE_SETUP` seeds a site's first users)."""
    require_role(session, actor, Role.ADMIN, system=actor == SITE_SETUP)
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
    """An admin disables or enables a badge (enabling also clears a lockout)."""
    require_role(session, actor, Role.ADMIN)
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
    """A supervisor or admin unlocks a badge locked by wrong PINs."""
    require_role(session, actor, Role.SUPERVISOR, Role.ADMIN)
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


ROLE_WORDS = Words(
    en="Your role ({role}) may not do this; ask a {needed}.",
    zh="您的角色（{role}）不能执行此操作；请联系{needed}。",
)
INACTIVE_WORDS = Words(
    en="Badge {badge} is disabled or no longer exists: log in again.",
    zh="工牌 {badge} 已停用或不存在：请重新登录。",
)
SYSTEM_WORDS = Words(
    en="{name} is not a person and may not do this.", zh="{name} 不是操作人员，不能执行此操作。"
)


def current_role(session: Session, actor: Actor) -> str:
    """The role the actor holds *now*: read from the user's row (a disabled user, or one
    whose role changed since logging in, is refused at the next action), or the command
    line operator's own role when the actor is not a badge."""
    if actor.user_id is None:
        return actor.role
    user = session.get(User, actor.user_id, populate_existing=True)
    if user is None or not user.active:
        raise PermissionDenied.of(INACTIVE_WORDS, badge=actor.name)
    return user.role


def require_role(session: Session, actor: Actor, *roles: str, system: bool = False) -> str:
    """Refuse unless the actor's current role is one of ``roles`` (an admin may do anything
    a user may). System components pass only where the service says ``system=True``: the
    work they do names itself (``Actor.system("sync")``). The role that was checked."""
    if actor.role == Role.SYSTEM:
        if system:
            return Role.SYSTEM
        raise PermissionDenied.of(SYSTEM_WORDS, name=actor.name)
    role = current_role(session, actor)
    if role == Role.ADMIN or role in roles:
        return role
    raise PermissionDenied.of(ROLE_WORDS, role=role, needed=roles[0] if roles else Role.ADMIN)
