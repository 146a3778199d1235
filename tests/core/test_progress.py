"""Long work shows its progress: a rich bar with rate and time left on a terminal, a few
plain lines when stdout is not one (``warehouse_tui.progress``)."""

from __future__ import annotations

import io
import os
import pty
import re
import select as io_select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from tests import builders as f
from warehouse.db import Database
from warehouse_tui.cli import main
from warehouse_tui.progress import polling, showing

ROOT = Path(__file__).resolve().parents[2]
STAMP = r"\[\d\d:\d\d:\d\d\] "


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_not_a_terminal_a_line_now_and_then_and_one_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    console = Console(file=out, force_terminal=False, width=200)
    with showing(
        "allocation", unit="orders", total=1000, console=console, every_s=30, clock=clock
    ) as progress:
        for done, at in ((100, 110), (300, 130), (400, 140), (700, 170)):
            clock.now = at
            progress(done)
        clock.now = 199  # within 30 s of the last line: only the end line
        progress(1000)
    lines = out.getvalue().splitlines()
    assert [re.sub(STAMP, "", line) for line in lines] == [
        "allocation: 300/1,000 orders, 10/s, about 70 s left",
        "allocation: 700/1,000 orders, 10/s, about 30 s left",
        "allocation: 1,000 orders in 99.0 s (10/s)",
    ]
    assert all(re.match(STAMP, line) for line in lines)
    assert "\x1b" not in out.getvalue() and "━" not in out.getvalue()


def test_on_a_terminal_a_bar_with_rate_and_time_left() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with showing("wave planning", unit="orders", console=console) as progress:
        progress(0, 400, stage="planning carts")
        time.sleep(0.05)
        progress(400, 400, stage="writing carts")
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", out.getvalue())
    assert "wave planning (writing carts)" in text
    assert "400/400" in text and "orders/s" in text and "left" in text and "━" in text


def test_polling_reports_what_the_measure_reads_and_once_at_the_end() -> None:
    seen: list[int] = []
    counter = iter(range(1000))
    with polling(
        lambda done, total=None, *, stage="": seen.append(done), lambda: next(counter), every_s=0.01
    ):
        time.sleep(0.1)
    assert len(seen) >= 2 and seen == sorted(seen)


@pytest.fixture
def site(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{database.url}"\n', encoding="utf-8")
    monkeypatch.setenv("WMS_CONFIG", str(config))
    monkeypatch.delenv("WMS_DATABASE_URL", raising=False)
    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s, "A-01-01-1-A"), 30)
        for n in range(6):
            f.order(s, m, [(cup, 2)], fo_id=f"FO-{n}")
    return config


def test_wms_allocate_into_a_file_is_quiet(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["allocate", "--set-size", "2"]) == 0  # three sets of two
    out = capsys.readouterr().out
    finals = [line for line in out.splitlines() if re.match(STAMP + "allocation: ", line)]
    assert len(finals) == 1 and "6 orders in" in finals[0], out
    assert "orders/s" not in out and "\r" not in out and "\x1b" not in out


def test_wms_allocate_on_a_terminal_draws_the_bar(site: Path) -> None:
    """The real command in a pseudo-terminal (a child process: stdout is a tty)."""
    parent, child = pty.openpty()
    env = {**os.environ, "WMS_CONFIG": str(site), "TERM": "xterm-256color", "COLUMNS": "120"}
    process = subprocess.Popen(
        [sys.executable, "-m", "warehouse_tui.cli", "allocate"],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=ROOT,
        env=env,
    )
    os.close(child)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = io_select.select([parent], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(parent)
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", b"".join(chunks).decode(errors="replace"))
    assert "allocation" in text and "6/6" in text and "orders/s" in text and "━" in text, text
    assert not re.search(STAMP + "allocation: ", text)  # no log lines on a terminal
