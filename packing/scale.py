"""A serial scale read with pyserial, by a simple configurable protocol (``[packing.scale]``):
optionally send a request, then read lines until one matches ``stable_pattern`` (if set) and
``pattern`` (groups ``value`` and optional ``unit``) or the time runs out."""

from __future__ import annotations

import re
import time
from decimal import Decimal, InvalidOperation
from types import TracebackType

import serial

from packing.errors import SCALE_NONE, SCALE_SILENT, SCALE_UNREACHABLE, ScaleError
from packing.weighing import to_kg
from warehouse.config_shipping import ScaleSettings


def weight_in_line(line: str, settings: ScaleSettings) -> Decimal | None:
    """The weight (kg) a scale's line carries, or None when it is not a stable reading."""
    if settings.stable_pattern and not re.search(settings.stable_pattern, line):
        return None
    match = re.search(settings.pattern, line)
    if match is None:
        return None
    unit = match.groupdict().get("unit")
    try:
        return to_kg(match["value"], unit, settings.unit)
    except (InvalidOperation, KeyError):
        return None


class SerialScale:
    """One open serial scale; use as a context manager or call :meth:`close`."""

    def __init__(self, settings: ScaleSettings) -> None:
        self.settings = settings
        if not settings.port:
            raise ScaleError.of(SCALE_NONE)
        try:
            self.port = serial.Serial(settings.port, settings.baudrate, timeout=0.1)
        except (serial.SerialException, OSError) as exc:
            raise ScaleError.of(SCALE_UNREACHABLE, port=settings.port, why=str(exc)[:80]) from None

    def read_weight(self) -> Decimal:
        """The next stable weight in kg; one sentence when none comes within the timeout."""
        settings = self.settings
        self.port.reset_input_buffer()
        if settings.request:
            self.port.write(settings.request.encode("ascii"))
            self.port.flush()
        deadline = time.monotonic() + settings.timeout_s
        pending = b""
        while time.monotonic() < deadline:
            pending += self.port.read(self.port.in_waiting or 1)
            *lines, pending = re.split(rb"\r\n|\r|\n", pending)
            for raw in lines:
                weight = weight_in_line(raw.decode("ascii", errors="replace"), settings)
                if weight is not None:
                    return weight
        raise ScaleError.of(SCALE_SILENT, port=settings.port, seconds=settings.timeout_s)

    def close(self) -> None:
        self.port.close()

    def __enter__(self) -> SerialScale:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
