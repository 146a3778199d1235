"""Subcommands of ``wms``: one module per command group, discovered automatically.

Each module defines ``register(subparsers)`` that adds its parser(s) and sets
``handler=callable(args, ctx) -> int`` with ``set_defaults``. Handlers raise
:class:`warehouse.errors.WarehouseError` for anything the user did wrong; ``wms`` prints its
sentence and exits non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
