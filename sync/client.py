"""HTTP client for the mall's warehouse API (contract v1).

Transient failures (5xx, 429, timeouts, dropped connections, a 200 carrying an error code
other than a business refusal, a body that does not validate) are retried with exponential
backoff and full jitter, honouring ``Retry-After``; pushes keep their ``Idempotency-Key`` so
a retry can never apply twice. 409, 422, 401, 403 and 404 are not retried: they raise typed
errors whose text is a sentence for a supervisor.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from sync.contract import (
    ErrorBody,
    OrderSnapshot,
    PushResult,
    RawFeedPage,
    StockRequestBody,
    StockRequestResult,
    _Push,
)
from sync.contract_returns import ReturnOutcomeBody, ReturnOutcomeResult
from sync.errors import (
    MallAuthError,
    MallConflict,
    MallError,
    MallNotFound,
    MallProtocolError,
    MallRejected,
    MallUnavailable,
)
from warehouse.config import MallSettings, read_secret
from warehouse.errors import ConfigError

M = TypeVar("M", bound=BaseModel)
REFUSAL_CODES = {"STATE_CONFLICT"}
INVALID_CODES = {
    "VALIDATION_FAILED",
    "UNKNOWN_CARRIER",
    "QTY_ABOVE_ORDERED",
    "IDEMPOTENCY_KEY_REUSED",
}
_PUSH_WHAT = {
    "accept": "accept order {}",
    "reject": "reject order {}",
    "events": "report progress on order {}",
    "shortages": "report a shortage on order {}",
    "shipments": "report a shipment of order {}",
    "cancellation": "answer the cancellation request of order {}",
}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    """Tries per call, the first included."""
    base_s: float = 0.2
    cap_s: float = 10.0
    budget_s: float = 60.0
    """No new try starts once this much time has gone by since the first."""


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: integer or decimal seconds, or a date."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if seconds == seconds else None  # NaN guard


def _error_body(body: Any) -> ErrorBody | None:
    """The contract's error body if ``body`` is one (a dict with a string ``code``)."""
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        return None
    try:
        return ErrorBody.model_validate(body)
    except ValidationError:  # e.g. an unknown state: keep the code and the message
        return ErrorBody(code=body["code"], message=str(body.get("message", "")))


class MallClient:
    """One warehouse's connection to the mall. Use as a context manager or call ``close()``."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout_s: float = 10.0,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self._sleep, self._clock = sleep, clock
        self._rng = rng or random.Random()
        self.retries = 0
        """Retries made over the client's life (for the sync summary and tests)."""
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/json",
                "User-Agent": "warehouse-tui-sync/1",
            },
        )

    @classmethod
    def from_settings(
        cls,
        mall: MallSettings,
        *,
        config: Path | None = None,
        base_url: str | None = None,
        **kwargs: Any,
    ) -> MallClient:
        token = read_secret(mall.token_env, mall.token_file, config=config, key="mall.token_file")
        if not token:
            raise ConfigError(
                f"The mall token is missing: set {mall.token_env} or mall.token_file."
            )
        return cls(base_url or mall.base_url, token, timeout_s=mall.timeout_s, **kwargs)

    def __enter__(self) -> MallClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the API ---------------------------------------------------------------------------------

    def changes(self, cursor: str, limit: int = 100) -> RawFeedPage:
        """One page of the change feed after ``cursor`` (``"0"`` from the start)."""
        body = self._call(
            "GET",
            "/fulfillment-orders/changes",
            "read the order feed",
            params={"cursor": cursor, "limit": str(limit)},
        )
        return self._validate(RawFeedPage, body, "the order feed")

    def order(self, fo_id: str) -> OrderSnapshot:
        body = self._call(
            "GET",
            f"/fulfillment-orders/{quote(fo_id, safe='')}",
            f"read order {fo_id}",
            fo_id=fo_id,
        )
        return self._validate(OrderSnapshot, body, f"order {fo_id}")

    def push(self, fo_id: str, action: str, body: _Push) -> PushResult:
        """POST one push to ``/fulfillment-orders/{fo_id}/{action}`` with its idempotency key."""
        what = _PUSH_WHAT.get(action, f"send {action} for order {{}}").format(fo_id)
        answer = self._call(
            "POST",
            f"/fulfillment-orders/{quote(fo_id, safe='')}/{action}",
            what,
            fo_id=fo_id,
            json_body=body.model_dump(mode="json", exclude_none=True),
            key=body.event_id,
        )
        return self._validate(PushResult, answer, f"the answer to {action} for order {fo_id}")

    def request_stock(self, merchant_id: str, body: StockRequestBody) -> StockRequestResult:
        """POST a replenishment request for one merchant's SKU with its idempotency key."""
        what = f"ask merchant {merchant_id} for more {body.sku_code}"
        answer = self._call(
            "POST",
            f"/merchants/{quote(merchant_id, safe='')}/stock-requests",
            what,
            json_body=body.model_dump(mode="json", exclude_none=True),
            key=body.event_id,
        )
        return self._validate(
            StockRequestResult, answer, f"the answer to the stock request for {body.sku_code}"
        )

    def return_changes(self, cursor: str, limit: int = 100) -> RawFeedPage:
        """One page of the return-request feed after ``cursor``."""
        body = self._call(
            "GET",
            "/returns/changes",
            "read the return-request feed",
            params={"cursor": cursor, "limit": str(limit)},
        )
        return self._validate(RawFeedPage, body, "the return-request feed")

    def return_outcome(self, body: ReturnOutcomeBody) -> ReturnOutcomeResult:
        """POST the outcome of one return with its idempotency key."""
        answer = self._call(
            "POST",
            f"/returns/{quote(body.rma_id, safe='')}/outcome",
            f"report the outcome of return {body.rma_id}",
            json_body=body.model_dump(mode="json", exclude_none=True),
            key=body.event_id,
        )
        return self._validate(
            ReturnOutcomeResult, answer, f"the answer to the outcome of return {body.rma_id}"
        )

    # --- retries -----------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.policy.cap_s, self.policy.base_s * 2 ** (attempt - 1))
        return self._rng.uniform(0, ceiling)

    def _call(
        self,
        method: str,
        path: str,
        what: str,
        *,
        fo_id: str | None = None,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        key: str | None = None,
    ) -> Any:
        headers = {"Idempotency-Key": key} if key else {}
        started = self._clock()
        last: str = ""
        for attempt in range(1, self.policy.attempts + 1):
            delay = self._backoff(attempt)
            try:
                response = self._http.request(
                    method, self.base_url + path, params=params, json=json_body, headers=headers
                )
            except httpx.TimeoutException:
                last = "the mall did not answer in time"
            except httpx.TransportError as exc:
                last = f"the connection failed ({type(exc).__name__})"
            else:
                outcome = self._judge(response, what, fo_id)
                if not isinstance(outcome, str):
                    return outcome[0]
                last = outcome
                if response.status_code == 429:
                    wait = parse_retry_after(response.headers.get("Retry-After"))
                    if wait is not None:
                        delay = max(wait, delay)
            if (
                attempt == self.policy.attempts
                or self._clock() - started + delay > self.policy.budget_s
            ):
                break
            self.retries += 1
            self._sleep(delay)
        raise MallUnavailable(
            f"Could not {what}: {last}; tried {attempt} times, will try again later.", fo_id=fo_id
        )

    def _judge(self, response: httpx.Response, what: str, fo_id: str | None) -> tuple[Any] | str:
        """The decoded body as a 1-tuple, a reason string for a retry, or raise for no retry."""
        status = response.status_code
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        except RecursionError:
            raise MallProtocolError(
                f"The mall answered the request to {what} with JSON nested too deeply to read; "
                "nothing of it was stored.",
                fo_id=fo_id,
                status=status,
            ) from None
        error = _error_body(body)
        code, message = (error.code, error.message) if error is not None else (None, "")
        if 200 <= status < 300:
            if body is None:
                return "the mall answered with a body that is not JSON"
            if code is None:
                return (body,)
            status = 409 if code in REFUSAL_CODES else 422 if code in INVALID_CODES else 503
            if status == 503:
                return f"the mall answered 200 with error {code} ({message})"
        if status == 429:
            return "the mall asked us to slow down (429)"
        if status >= 500:
            return f"the mall had an error (HTTP {status})"
        if status == 409:
            state = error.state if error is not None else None
            version = error.version if error is not None else None
            raise MallConflict(
                f"The mall refused to {what}: the order is {state or 'in another state'} there"
                f"{f' (version {version})' if version else ''}. {message}".strip(),
                fo_id=fo_id,
                status=409,
                code=str(code or "STATE_CONFLICT"),
                state=state,
                version=version,
            )
        if status in (400, 422):
            raise MallRejected(
                f"The mall rejected the request to {what} as invalid: {message or code or status}.",
                fo_id=fo_id,
                status=status,
                code=str(code or "VALIDATION_FAILED"),
            )
        if status in (401, 403):
            raise MallAuthError(
                f"The mall refused our credentials when trying to {what} "
                f"(HTTP {status}); check the mall token.",
                fo_id=fo_id,
                status=status,
                code=str(code or "UNAUTHORIZED"),
            )
        if status == 404:
            raise MallNotFound(
                f"The mall does not know this when trying to {what} (HTTP 404).",
                fo_id=fo_id,
                status=404,
                code=str(code or "NOT_FOUND"),
            )
        raise MallError(
            f"The mall answered HTTP {status} when trying to {what}.",
            fo_id=fo_id,
            status=status,
            code=str(code or ""),
        )

    def _validate(self, model: type[M], body: Any, what: str) -> M:
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(body)"
            raise MallProtocolError(
                f"The mall sent {what} in a shape we do not understand ({where}: {first['msg']})."
            ) from None
