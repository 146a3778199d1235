"""The routing core stays usable without the terminal UI."""

from __future__ import annotations

import subprocess
import sys


def test_picking_core_never_imports_textual_or_the_tui() -> None:
    code = (
        "import sys, picking.layout, picking.routing, picking.routing.exact, picking.routing.tsp, "
        "picking.routing.heuristics, picking.sprp, picking.batching, picking.batching.savings, picking.map\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'warehouse_tui')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
