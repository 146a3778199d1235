"""What an allocation did, as plain values for screens, commands and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineResult:
    line_id: str
    sku_code: str
    ordered: int
    allocated: int
    """Reserved for the line in total (this attempt and earlier ones)."""
    reserved_now: int
    short: int
    reason: str
    """Empty when covered, else OUT_OF_STOCK, EXPIRED or NOT_FOUND."""
    quants: int
    """Quants (about: locations) this attempt reserved from."""


@dataclass(frozen=True)
class OrderResult:
    fo_id: str
    order_sn: str
    outcome: str
    """``allocated`` (every line covered), ``partial`` (some stock reserved) or ``short``."""
    lines: tuple[LineResult, ...]
    cases_opened: int
    replenishments: tuple[int, ...]


@dataclass
class AllocationSummary:
    dry_run: bool = False
    allocated: int = 0
    partial: int = 0
    short: int = 0
    cases_opened: int = 0
    replenishments: int = 0
    retried: int = 0
    """Orders undone by a deadlock or serialisation failure and left for a later window."""
    failures: list[str] = field(default_factory=list)
    results: list[OrderResult] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.allocated + self.partial + self.short

    def add(self, result: OrderResult, *, keep: bool = True) -> None:
        if result.outcome == "allocated":
            self.allocated += 1
        elif result.outcome == "partial":
            self.partial += 1
        else:
            self.short += 1
        self.cases_opened += result.cases_opened
        self.replenishments += len(result.replenishments)
        if keep:
            self.results.append(result)
