"""Carrier and packing settings are checked when config.toml is read, in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shipping.helpers import documented
from warehouse.config import load_settings
from warehouse.errors import ConfigError


def test_the_documented_carriers_and_boxes_load() -> None:
    settings = documented()
    assert [c.code for c in settings.carriers] == ["SF", "ZTO", "EMS"]
    assert settings.carrier("SF").volumetric_divisor == {
        "same_province": 12000,
        "national": 6000,
        "remote": 6000,
    }
    assert len(settings.packing.boxes) == 10
    assert settings.packing.boxes[0].outside == (140, 90, 100)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '[[carriers]]\ncode = "X"\nname = "X"\n[[carriers.tracking]]\nname = "R"\nfirst = 9\nlast = 1\n',
            "has last below first",
        ),
        (
            '[[carriers]]\ncode = "X"\nname = "X"\n[[carriers.tracking]]\nname = "R"\nfirst = 1\nlast = 9\ncheck = "s10"\n',
            "needs width = 8",
        ),
        ('[[carriers]]\ncode = "X"\nname = "X"\nzone = "far"\n', "is not a known setting"),
        ("[packing.scale]\npattern = '(?P<weight>\\d+)'\n", "lacks the named group value"),
    ],
)
def test_a_wrong_carrier_or_packing_setting_is_named(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_settings(path, environ={})
