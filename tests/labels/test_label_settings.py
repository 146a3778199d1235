"""Label and printer settings: known sizes only, privacy decided merchant > carrier > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.config import load_settings
from warehouse.config_printing import LabelSettings, PrinterSettings
from warehouse.errors import ConfigError


def test_the_older_label_size_spelling_still_names_a_size() -> None:
    printer = PrinterSettings(name="p", kind="file", target="x", label_size_mm=(101.6, 152.4))
    assert printer.size == "4x6in"


def test_an_unknown_label_size_stops_wms_with_one_sentence(tmp_path: Path) -> None:
    config = tmp_path / "site.toml"
    config.write_text(
        '[[printers]]\nname = "p"\nkind = "file"\ntarget = "x"\nlabel_size_mm = [90.0, 90.0]\n'
    )
    with pytest.raises(
        ConfigError, match=r"setting 'printers.0.label_size_mm' is not a label size we print"
    ):
        load_settings(config, environ={})
    config.write_text('[labels]\nslip_page = "A3"\n')
    with pytest.raises(ConfigError, match=r"setting 'labels.slip_page'"):
        load_settings(config, environ={})


def test_privacy_is_the_merchants_choice_then_the_carriers_then_the_default() -> None:
    labels = LabelSettings.model_validate(
        {"carriers": {"SF": {"privacy": False}}, "merchants": {"M1": {"privacy": True}}}
    )
    assert labels.privacy_for("SF", "M1") is True
    assert labels.privacy_for("SF", "M2") is False
    assert labels.privacy_for("ZTO", "M2") is True


def test_the_shipped_config_is_valid_and_documents_the_label_keys() -> None:
    root = Path(__file__).resolve().parents[2]
    settings = load_settings(root / "config.toml", environ={})
    assert settings.labels.carrier("SF").routes and settings.printers[0].size == "100x150mm"
    text = (root / "config.toml").read_text(encoding="utf-8")
    for key in LabelSettings.model_fields:
        assert key in text, key
    for key in PrinterSettings.model_fields:
        assert key in text, key
