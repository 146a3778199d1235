"""Long work on the command line: a rich bar with the rate and the time left on a terminal,
a few plain lines when stdout is a file or a pipe (a line every ``every_s`` seconds and one
at the end), so logs stay readable.

``showing(...)`` gives a :class:`warehouse.progress.Progress` (call it with what is done);
``polling(progress, measure)`` calls it from a thread with a count read from the database
(allocation's queue, which several allocator processes empty together).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from warehouse.progress import Progress


class RateColumn(ProgressColumn):
    """Items per second, e.g. ``412 orders/s``."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.elapsed and task.completed:
            speed = task.completed / task.elapsed  # too few samples yet for rich's estimate
        return Text("" if speed is None else f"{speed:,.0f} {self.unit}/s", style="cyan")


def columns(unit: str) -> tuple[ProgressColumn, ...]:
    """The columns of every bar: what, bar, done of total, rate, elapsed, time left."""
    return (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )


def _clock_line(text: str) -> str:
    return f"[{time.strftime('%H:%M:%S')}] {text}"


class _Lines:
    """The quiet rendering: a plain line every ``every_s`` seconds and one at the end."""

    def __init__(
        self,
        console: Console,
        description: str,
        unit: str,
        every_s: float,
        clock: Callable[[], float],
    ) -> None:
        self.console, self.description, self.unit = console, description, unit
        self.every_s, self.clock = every_s, clock
        self.started = self.last = clock()
        self.done, self.total, self.stage = 0, None, ""  # type: tuple[int, int | None, str]
        self.lock = threading.Lock()

    def __call__(self, done: int, total: int | None = None, *, stage: str = "") -> None:
        with self.lock:
            self.done, self.total = done, total if total is not None else self.total
            self.stage = stage or self.stage
            now = self.clock()
            if now - self.last >= self.every_s:
                self.last = now
                self._print(self._so_far(now))

    def _rate(self, now: float) -> float:
        return self.done / (now - self.started) if now > self.started else 0.0

    def _what(self) -> str:
        return f"{self.description}{f' ({self.stage})' if self.stage else ''}"

    def _so_far(self, now: float) -> str:
        rate = self._rate(now)
        of = f"/{self.total:,}" if self.total is not None else ""
        left = ""
        if self.total is not None and rate > 0:
            left = f", about {max(0.0, (self.total - self.done) / rate):.0f} s left"
        return f"{self._what()}: {self.done:,}{of} {self.unit}, {rate:,.0f}/s{left}"

    def end(self) -> None:
        now = self.clock()
        seconds = now - self.started
        self._print(
            f"{self.description}: {self.done:,} {self.unit} in {seconds:.1f} s "
            f"({self._rate(now):,.0f}/s)"
        )

    def _print(self, text: str) -> None:
        self.console.print(_clock_line(text), highlight=False, soft_wrap=True, markup=False)


@contextmanager
def showing(
    description: str,
    *,
    unit: str,
    total: int | None = None,
    console: Console | None = None,
    every_s: float = 30.0,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Progress]:
    """A progress for ``description`` counted in ``unit``: a live bar on a terminal, plain
    lines otherwise (every ``every_s`` seconds, and the total and rate at the end)."""
    console = console or Console()
    if not console.is_terminal:
        lines = _Lines(console, description, unit, every_s, clock)
        lines(0, total)
        try:
            yield lines
        finally:
            lines.end()
        return
    with RichProgress(*columns(unit), console=console, transient=False) as bar:
        task = bar.add_task(description, total=total)

        def update(done: int, total: int | None = None, *, stage: str = "") -> None:
            what = f"{description} ({stage})" if stage else description
            if total is not None:
                bar.update(task, completed=done, total=total, description=what)
            else:
                bar.update(task, completed=done, description=what)

        yield update


@contextmanager
def polling(progress: Progress, measure: Callable[[], int], every_s: float = 0.5) -> Iterator[None]:
    """Call ``progress(measure())`` from a thread every ``every_s`` seconds while the block
    runs, and once more at its end (a count read from the database, say)."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(every_s):
            progress(measure())

    thread = threading.Thread(target=run, name="progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        progress(measure())
