"""The person logged in at this terminal (plain values: no ORM object outlives its session)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from warehouse.audit import Actor
from warehouse.models import User


def shell_operator() -> Actor:
    """Who acts when a ``wms`` command changes something: the operator at the shell, as an
    admin. Whoever can run ``wms`` can read config.toml and reach the database directly, so
    the command line grants nothing more than the shell already has; the audit trail names
    the login (``cli:<user>``). A badge's role is never taken from here."""
    return Actor(name=f"cli:{getpass.getuser()}", role="admin")


@dataclass(frozen=True)
class Operator:
    user_id: int
    badge: str
    name: str
    role: str
    language: str = ""

    @classmethod
    def of(cls, user: User) -> Operator:
        return cls(user.id, user.badge, user.name, user.role, user.language)

    @property
    def actor(self) -> Actor:
        return Actor(name=self.badge, user_id=self.user_id, role=self.role)
