"""Fault injection for the reference mall, changeable while it runs.

A spec string such as ``"500=0.2,429=0.05,slow=0.02,drop=0.02,dup=0.1,reorder=0.1,biz=0.02"``
sets the share of requests that fail in each way; ``retry_after=1|0.25`` lists the
``Retry-After`` values sent with 429 (integer and decimal seconds) and ``slow_s=`` how long a
slow response takes.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, fields, replace
from typing import Literal

Fault = Literal[
    "none", "error_500", "rate_limited", "slow", "drop_before", "drop_after", "business_error"
]

_ALIASES = {
    "500": "error_500",
    "5xx": "error_500",
    "429": "rate_limited",
    "slow": "slow",
    "drop": "drop",
    "dup": "feed_duplicates",
    "reorder": "feed_reorder",
    "biz": "business_error",
    "retry_after": "retry_after",
    "slow_s": "slow_s",
}


@dataclass(frozen=True)
class FaultConfig:
    """Shares (0..1) of API requests that meet each fault. Admin endpoints never fail."""

    error_500: float = 0.0
    rate_limited: float = 0.0
    retry_after: tuple[str, ...] = ("1", "0.25")
    slow: float = 0.0
    slow_s: float = 3.0
    drop: float = 0.0
    """Close the socket without an answer; half of these after the push was applied."""
    business_error: float = 0.0
    """HTTP 200 whose body is ``{"code": "SYSTEM_BUSY", ...}`` (nothing applied)."""
    feed_duplicates: float = 0.0
    """Share of feed items sent twice in the same page."""
    feed_reorder: float = 0.0
    """Share of feed items followed by an older version of the same order."""

    @classmethod
    def parse(cls, spec: str) -> FaultConfig:
        """Read ``key=value`` pairs separated by commas; unknown keys raise ``ValueError``."""
        config = cls()
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, _, value = part.partition("=")
            name = _ALIASES.get(key.strip(), key.strip())
            if name not in {f.name for f in fields(cls)}:
                raise ValueError(f"unknown fault {key!r}")
            if name == "retry_after":
                config = replace(config, retry_after=tuple(v for v in value.split("|") if v))
            else:
                updates: dict[str, object] = {name: float(value)}
                config = replace(config, **updates)  # type: ignore[arg-type]
        return config

    def describe(self) -> str:
        shares = [
            f"{f.name}={getattr(self, f.name)}"
            for f in fields(self)
            if isinstance(getattr(self, f.name), float)
            and getattr(self, f.name)
            and f.name != "slow_s"
        ]
        return ", ".join(shares) or "none"


class FaultInjector:
    """Draws faults from a seeded generator; thread-safe; the config can be swapped live."""

    def __init__(self, config: FaultConfig | None = None, seed: int = 7) -> None:
        self._config = config or FaultConfig()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.injected: dict[str, int] = {}

    @property
    def config(self) -> FaultConfig:
        return self._config

    def set(self, config: FaultConfig) -> None:
        with self._lock:
            self._config = config

    def _count(self, fault: str) -> None:
        self.injected[fault] = self.injected.get(fault, 0) + 1

    def draw(self) -> Fault:
        """The fault for one request (at most one)."""
        with self._lock:
            c, roll = self._config, self._rng.random()
            for fault, share in (
                ("error_500", c.error_500),
                ("rate_limited", c.rate_limited),
                ("slow", c.slow),
                ("drop", c.drop),
                ("business_error", c.business_error),
            ):
                if roll < share:
                    if fault == "drop":
                        fault = "drop_after" if self._rng.random() < 0.5 else "drop_before"
                    self._count(fault)
                    return fault  # type: ignore[return-value]
                roll -= share
            return "none"

    def retry_after(self) -> str:
        with self._lock:
            return self._rng.choice(self._config.retry_after or ("1",))

    def feed_roll(self, kind: Literal["dup", "reorder", "shuffle"]) -> bool:
        with self._lock:
            c = self._config
            share = {
                "dup": c.feed_duplicates,
                "reorder": c.feed_reorder,
                "shuffle": c.feed_reorder,
            }[kind]
            hit = self._rng.random() < share
            if hit:
                self._count(f"feed_{kind}")
            return hit

    def shuffle(self, items: list[object]) -> None:
        with self._lock:
            self._rng.shuffle(items)
