"""The carriers of the documented config.toml, for the shipping tests."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from warehouse.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
# 2026-12-01 10:00 in Shanghai: before every cut-off of the day.
MORNING = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
EVENING = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)  # 19:00 in Shanghai, after every cut-off


@cache
def documented() -> Settings:
    return load_settings(ROOT / "config.toml", environ={})
