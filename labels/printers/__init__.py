"""Printer backends: a folder of files, a CUPS queue, a raw TCP 9100 thermal printer.

Each backend sends bytes it is given (already rendered) and raises
:class:`labels.errors.PrintFailed` with one sentence when the printer does not take them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from labels.printers.cups import CupsQueue
from labels.printers.folder import Folder
from labels.printers.raw9100 import Raw9100
from warehouse.config_printing import PrinterSettings


class Backend(Protocol):
    def send(self, content: bytes, *, title: str, media: str, raw: bool) -> str:
        """Send ``content``; returns where it went (a file, a CUPS request id, host:port).

        ``media`` is the CUPS media name (``Custom.100x150mm``, ``A5``); ``raw`` is true for ZPL.
        """
        ...


def backend_for(printer: PrinterSettings, base: Path | None = None) -> Backend:
    """The backend of a configured printer (a relative folder is relative to ``base``)."""
    if printer.kind == "file":
        folder = Path(printer.target)
        if not folder.is_absolute() and base is not None:
            folder = base / folder
        return Folder(printer.name, folder)
    if printer.kind == "cups":
        return CupsQueue(printer.name, printer.target, timeout_s=printer.timeout_s)
    return Raw9100(printer.name, printer.target, timeout_s=printer.timeout_s)
