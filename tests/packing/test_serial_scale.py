"""A serial scale, played by a real pseudo-terminal, is read by the configured protocol."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from packing.errors import ScaleError
from packing.scale import SerialScale, weight_in_line
from warehouse.config_shipping import ScaleSettings


@pytest.fixture
def pty() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def play(master: int, lines: list[bytes], *, after_request: bytes = b"") -> threading.Thread:
    def scale() -> None:
        if after_request:
            asked = b""
            while after_request not in asked:
                asked += os.read(master, 64)
        time.sleep(0.05)
        for line in lines:
            os.write(master, line)
            time.sleep(0.01)

    thread = threading.Thread(target=scale, daemon=True)
    thread.start()
    return thread


def test_a_streaming_scale_gives_its_first_stable_line(pty: tuple[int, str]) -> None:
    master, port = pty
    settings = ScaleSettings(port=port, stable_pattern=r"^ST", timeout_s=2)
    with SerialScale(settings) as scale:
        play(master, [b"US,GS,+  1.180kg\r\n", b"US,GS,+  1.236kg\r\n", b"ST,GS,+  1.234kg\r\n"])
        assert scale.read_weight() == Decimal("1.234")


def test_a_polled_scale_answers_the_request_in_grams(pty: tuple[int, str]) -> None:
    master, port = pty
    settings = ScaleSettings(port=port, request="W\r\n", unit="g", timeout_s=2)
    with SerialScale(settings) as scale:
        play(master, [b"  2055\r\n"], after_request=b"W\r\n")
        assert scale.read_weight() == Decimal("2.055")


def test_a_silent_scale_is_told_in_one_sentence(pty: tuple[int, str]) -> None:
    _, port = pty
    with (
        SerialScale(ScaleSettings(port=port, timeout_s=0.3)) as scale,
        pytest.raises(ScaleError) as silent,
    ):
        scale.read_weight()
    assert "gave no stable weight within 0.3 s" in str(silent.value)


def test_a_missing_port_is_told_in_one_sentence() -> None:
    with pytest.raises(ScaleError, match="cannot be opened"):
        SerialScale(ScaleSettings(port="/dev/no-such-scale"))


def test_lines_are_parsed_by_the_configured_pattern_and_unit() -> None:
    settings = ScaleSettings(pattern=r"N\s*(?P<value>\d+\.\d+)", unit="lb")
    assert weight_in_line("N   2.000 ", settings) == Decimal("0.907")
    assert weight_in_line("G 2.000", settings) is None
