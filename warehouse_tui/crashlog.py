"""Where unexpected errors are written in full, so that the screen can stay one sentence.

The log directory is private to the site's user: ``<site>/var/log`` (the site is the folder of
config.toml), or ``WMS_LOG_DIR``; never the shared /tmp. The directory is kept at 0700 and
the log file at 0600. SQL parameters never reach it (the engines hide them).
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

_site_var: Path | None = None


def use_site(config_file: Path | None) -> None:
    """Logs go under the ``var/`` of the site whose config.toml is ``config_file``."""
    global _site_var
    base = config_file.parent if config_file is not None else Path.cwd()
    _site_var = base / "var"


def log_dir() -> Path:
    env = os.environ.get("WMS_LOG_DIR")
    base = Path(env) if env else (_site_var or Path.cwd() / "var") / "log"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    base.chmod(0o700)  # also when it existed with wider rights
    return base


def crash_log_path() -> Path:
    return log_dir() / "errors.log"


def write_crash_log(exc: BaseException) -> Path:
    path = crash_log_path()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()} pid {os.getpid()}\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path
