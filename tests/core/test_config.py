"""A wrong configuration stops wms with one sentence naming the file, the key and the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.config import load_settings
from warehouse.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_default_config_loads() -> None:
    settings = load_settings(ROOT / "config.toml", environ={})
    assert settings.language == "zh_CN"
    assert [b.zone for b in settings.layout.blocks] == ["A", "B"]
    assert settings.carrier("SF").cutoff.hour == 18
    assert settings.database.url.startswith("sqlite:///") and settings.database.url.endswith(
        "var/wms.db"
    )


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[database\nurl = 1")
    with pytest.raises(ConfigError, match=r"site\.toml: not valid TOML"):
        load_settings(path, environ={})


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "[layout]\naisle_count = 4\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})
    assert str(raised.value) == f"{path}: setting 'layout.aisle_count' is not a known setting."


def test_wrong_type_says_what_is_wrong(tmp_path: Path) -> None:
    path = write(tmp_path, '[layout]\naisle_pitch_m = "wide"\n')
    with pytest.raises(ConfigError, match=r"setting 'layout.aisle_pitch_m' .*number.*'wide'"):
        load_settings(path, environ={})


def test_inconsistent_layout_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "[layout]\naisles = 4\n[layout.depot]\naisle = 9\n")
    with pytest.raises(ConfigError, match="depot aisle 9 is beyond the 4 aisles"):
        load_settings(path, environ={})


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_environment_names_the_file_and_overrides_the_url(tmp_path: Path) -> None:
    path = write(tmp_path, 'language = "en"\n')
    settings = load_settings(
        environ={"WMS_CONFIG": str(path), "WMS_DATABASE_URL": "sqlite:////tmp/x.db"}
    )
    assert settings.language == "en"
    assert settings.database.url == "sqlite:////tmp/x.db"
    assert settings.source == path


def test_relative_sqlite_path_is_next_to_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:///data/site.db"\n')
    assert (
        load_settings(path, environ={}).database.url == f"sqlite:///{tmp_path / 'data' / 'site.db'}"
    )


def test_password_comes_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("s3cret\n")
    path = write(
        tmp_path, '[database]\nurl = "postgresql+psycopg://wms@db/wms"\npassword_file = "pw"\n'
    )
    assert load_settings(path, environ={}).database.url == "postgresql+psycopg://wms:s3cret@db/wms"


def test_read_url_and_pooler(tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("s3cret\n")
    path = write(
        tmp_path,
        '[database]\nurl = "postgresql+psycopg://wms@db/wms"\npassword_file = "pw"\n'
        'read_url = "postgresql+psycopg://wms_reader@replica/wms"\npooler = "transaction"\n',
    )
    database = load_settings(path, environ={}).database
    assert database.read_url == "postgresql+psycopg://wms_reader:s3cret@replica/wms"
    assert database.pooler == "transaction"
    override = {"WMS_DATABASE_READ_URL": "postgresql+psycopg://r@elsewhere/wms"}
    assert (
        load_settings(path, environ=override).database.read_url == override["WMS_DATABASE_READ_URL"]
    )
    with pytest.raises(ConfigError, match="pooler"):
        load_settings(write(tmp_path, '[database]\npooler = "session"\n'), environ={})


def test_wms_prints_one_sentence_and_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "[layout]\naisles = -3\n")
    result = subprocess.run(
        [sys.executable, "-m", "warehouse_tui.cli", "--config", str(path), "db", "current"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "layout.aisles" in lines[0] and "greater than or equal to 1" in lines[0]
