"""The person logged in at this terminal (plain values: no ORM object outlives its session)."""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.audit import Actor
from warehouse.models import User


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
