"""Errors from talking to the mall; ``str(error)`` is a sentence for a supervisor."""

from __future__ import annotations

from warehouse.errors import WarehouseError


class MallError(WarehouseError):
    """The mall did not do what we asked."""

    retryable = False

    def __init__(
        self,
        sentence: str,
        *,
        fo_id: str | None = None,
        status: int | None = None,
        code: str = "",
        state: str | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(sentence)
        self.fo_id, self.status, self.code = fo_id, status, code
        self.state, self.version = state, version


class MallConflict(MallError):
    """409 STATE_CONFLICT: the order is in a state that forbids this; re-fetch, show a supervisor."""


class MallRejected(MallError):
    """422 (or 400): the request is invalid, e.g. an unknown carrier or too many units."""


class MallAuthError(MallError):
    """401/403: the token is wrong, expired or not for this warehouse."""


class MallNotFound(MallError):
    """404: the mall does not know the order."""


class MallUnavailable(MallError):
    """Transient failures outlasted the retries; try again later with the same key."""

    retryable = True


class MallProtocolError(MallError):
    """A body that does not match the contract."""

    retryable = True
