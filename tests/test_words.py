"""One rule for interface text: every key has both languages and the same placeholders, and
stored messages render in the reader's language."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from warehouse.words import Message, Words, decode, encode, registered, render_all
from warehouse_tui.i18n import TEXTS

PACKAGES = ("warehouse", "picking", "packing", "labels", "sync", "shipping", "returns")


def _import_everything() -> None:
    """Catalogs register themselves on import: load every module of the domain packages."""
    for name in PACKAGES:
        try:
            package = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def _all_words() -> dict[str, Words]:
    _import_everything()
    return {**{f"ui:{k}": v for k, v in TEXTS.items()}, **registered()}


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    words = _all_words()
    assert len(words) > 100
    problems = []
    for key, entry in words.items():
        if not entry.en.strip() or not entry.zh.strip():
            problems.append(f"{key}: a language is empty")
        english, chinese = entry.placeholders()
        if english != chinese:
            problems.append(f"{key}: placeholders {sorted(english)} vs {sorted(chinese)}")
    assert not problems, problems


def test_the_domain_catalogs_are_registered() -> None:
    keys = set(_all_words())
    assert {"pick.wrong_item", "shortage.short_pick", "scan.unreadable"} <= keys


def test_a_stored_message_is_read_in_each_operators_language() -> None:
    _import_everything()
    stored = encode([Message.of("shortage.short_pick", location="A-01-05-1-A", batch="CART-1")])
    assert render_all(stored, "en") == "Short at A-01-05-1-A in CART-1."
    assert render_all(stored, "zh_CN") == "批次 CART-1 在 A-01-05-1-A 缺货。"


def test_a_sentence_stored_before_message_keys_is_shown_as_written() -> None:
    assert render_all("Hold: the phone number is missing.", "zh_CN") == (
        "Hold: the phone number is missing."
    )


def test_a_key_this_build_does_not_know_is_shown_plainly_not_crashing() -> None:
    assert decode(encode([Message.of("future.key", n=3)]))[0].render("en") == "future.key {'n': 3}"


def test_parameters_are_cut_so_a_hostile_value_cannot_grow_a_reason() -> None:
    message = Message.of("scan.unreadable", text="x" * 10_000)
    assert len(str(message.params["text"])) == 200


def test_the_same_key_cannot_be_registered_with_other_words() -> None:
    from warehouse.words import register

    with pytest.raises(ValueError):
        register({"pick.wrong_item": Words(en="Other", zh="其他")})


def test_every_home_menu_entry_has_its_words() -> None:
    from warehouse_tui.i18n import TEXTS
    from warehouse_tui.menu import MENU

    assert [e.label_key for e in MENU if e.label_key not in TEXTS] == []
