"""Progress of long work: what a service reports, not how it is shown.

A long service (wave planning, for one) accepts a :class:`Progress` and calls it with what is
done so far, the total when known and the stage it is in; ``warehouse_tui.progress``
renders it (a bar on a terminal, a few plain lines otherwise). Services never print.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None, *, stage: str = "") -> None: ...


def quiet(done: int, total: int | None = None, *, stage: str = "") -> None:
    """Reports nothing: the default of every service that accepts a progress."""
