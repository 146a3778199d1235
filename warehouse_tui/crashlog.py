"""Where unexpected errors are written in full, so that the screen can stay one sentence."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path


def crash_log_path() -> Path:
    base = Path(os.environ.get("WMS_LOG_DIR") or Path(tempfile.gettempdir()) / "wms")
    base.mkdir(parents=True, exist_ok=True)
    return base / "errors.log"


def write_crash_log(exc: BaseException) -> Path:
    path = crash_log_path()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()} pid {os.getpid()}\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path
