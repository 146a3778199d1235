"""What a command or the app needs, built once from the settings and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from warehouse.config import Settings, load_settings
from warehouse_tui.crashlog import use_site

if TYPE_CHECKING:
    from warehouse.db import Database


@dataclass
class Context:
    """Settings plus lazily built resources; nothing connects until it is first used."""

    config_path: Path | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
            use_site(self._settings.source)  # crash logs under the site's var/
        return self._settings

    @cached_property
    def database(self) -> Database:
        from warehouse.db import Database

        return Database.from_settings(self.settings)
