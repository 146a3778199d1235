"""``wms serve``: the same terminal app in a browser, through textual-serve.

Every browser tab starts its own ``wms`` process (the app, exactly as at a terminal) and talks
to it over a websocket; supervisors and handhelds that have a browser instead of an SSH client
use it. Serve on loopback and put a TLS proxy in front of it for the floor's network.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from textual_serve.server import Server


def app_command(config: Path | None) -> str:
    """The shell command textual-serve runs for each browser session: this Python, this wms."""
    argv = [sys.executable, "-m", "warehouse_tui.cli"]
    if config is not None:
        argv += ["--config", str(config.resolve())]
    return shlex.join(argv)


def make_server(
    config: Path | None, *, host: str, port: int, public_url: str | None = None, title: str
) -> Server:
    return Server(app_command(config), host=host, port=port, title=title, public_url=public_url)


def serve(
    config: Path | None, *, host: str, port: int, public_url: str | None = None, title: str
) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM)."""
    make_server(config, host=host, port=port, public_url=public_url, title=title).serve()
