"""The demo site served to real clients: a browser through ``wms serve``, a handheld through
ssh. The tools are real (Debian's chromium and chromedriver, openssh); when one is missing the
test is skipped, unless ``WMS_REQUIRE_BROWSER=1`` / ``WMS_REQUIRE_SSH=1`` (set by .ci/run)
make that a failure."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.tui.conftest import _demo_template, demo_database  # noqa: F401 (fixtures)
from warehouse.db import Database


def need(tool: str, env: str) -> str:
    found = shutil.which(tool) or (tool if Path(tool).is_file() else None)
    if found is None:
        why = f"{tool} is not installed"
        if os.environ.get(env) == "1":
            pytest.fail(f"{why} and {env}=1 forbids skipping (.ci/run installs it)")
        pytest.skip(why)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def site(demo_database: Database, tmp_path: Path) -> Path:  # noqa: F811
    """A config.toml for the seeded demo database (demo users S001/3333, P001/1111 …), with
    no mall to sync with; the receiver key comes from the environment."""
    config = tmp_path / "site" / "config.toml"
    config.parent.mkdir()
    config.write_text(
        f'language = "en"\n\n[database]\nurl = "{demo_database.url}"\n\n'
        '[mall]\nbase_url = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    return config


def app_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(WMS_SECRET_KEY=TEST_KEY, WMS_LOG_DIR=str(tmp_path / "log"))
    env.pop("WMS_DATABASE_URL", None)
    return env
