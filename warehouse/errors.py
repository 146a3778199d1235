"""Domain errors. Each message is one sentence fit to show an operator."""


class WarehouseError(Exception):
    """Base of every error the operator may see; ``str(error)`` is the sentence to show."""


class ConfigError(WarehouseError):
    """The configuration file is missing, unreadable or invalid."""


class NotFound(WarehouseError):
    """A thing named by the operator does not exist."""


class StateError(WarehouseError):
    """An action is not allowed in the current state."""


class PermissionDenied(WarehouseError):
    """The user's role does not allow this action."""


class AuthError(WarehouseError):
    """Wrong badge or PIN, or the badge is locked or disabled."""


class StockError(WarehouseError):
    """A stock movement would make stock negative or reserve more than is on hand."""
