"""The sync package stays out of the terminal app's way."""

from __future__ import annotations

import subprocess
import sys


def test_importing_every_sync_module_loads_neither_textual_nor_the_app() -> None:
    code = (
        "import sys, pkgutil, importlib, sync\n"
        "for m in pkgutil.walk_packages(sync.__path__, 'sync.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('textual', 'warehouse_tui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
