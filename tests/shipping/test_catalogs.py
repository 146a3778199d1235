"""Every sentence of the shipping and packing catalogs has the same placeholders in both
languages and is registered, so a stored message renders anywhere."""

from __future__ import annotations

import pytest

from packing import errors as packing_errors
from shipping import errors as shipping_errors
from warehouse.words import registered


@pytest.mark.parametrize("catalog", [shipping_errors.CATALOG, packing_errors.CATALOG])
def test_both_languages_carry_the_same_placeholders(catalog: dict) -> None:  # type: ignore[type-arg]
    for key, words in catalog.items():
        english, chinese = words.placeholders()
        assert english == chinese, key
        assert registered()[key] == words
