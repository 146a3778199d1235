"""Who may work at the returns station."""

from __future__ import annotations

from warehouse.states import Role

ROLES = (Role.RETURNS, Role.SUPERVISOR)
