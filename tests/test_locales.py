"""The catalogue of injected words: every language has every English string, with the same
parameters and the plural forms its rule asks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_spec_plugin import locales
from mkdocs_spec_plugin.engine import reasons
from mkdocs_spec_plugin.locales import LANGUAGES, PLURAL_FORMS, PLURAL_RULES, fields, load

ENGLISH = load("en").strings


def _forms(pattern: locales.Pattern) -> list[str]:
    return [pattern] if isinstance(pattern, str) else list(pattern.values())


def test_every_module_is_a_listed_language():
    modules = {p.stem for p in Path(locales.__file__).parent.glob("*.py")} - {"__init__"}
    assert modules == set(LANGUAGES)


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_a_catalogue_has_every_english_string_and_no_other(name):
    catalogue = load(name)
    assert catalogue.plural in PLURAL_RULES
    assert sorted(set(ENGLISH) - set(catalogue.strings)) == [], "missing"
    assert sorted(set(catalogue.strings) - set(ENGLISH)) == [], "stray"
    for key, english in ENGLISH.items():
        wanted = set().union(*map(fields, _forms(english)))
        found = catalogue.strings[key]
        if isinstance(english, str):
            assert isinstance(found, str), key
        else:
            assert isinstance(found, dict) and tuple(found) == PLURAL_FORMS[catalogue.plural], key
        for form in _forms(found):
            assert fields(form) == wanted, (key, form)
            assert form.strip() == form or key == "list_separator", (key, form)


def test_every_reason_code_has_words():
    shown = (*reasons.UNFINISHED_CODES, reasons.MISSING_UNDER)
    assert {f"reason_{code}" for code in shown} <= set(ENGLISH)
    assert f"notice_{reasons.OUT_OF_ORDER}" in ENGLISH


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("en", {0: "other", 1: "one", 2: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other"}),
        ("pl", {1: "one", 2: "few", 4: "few", 5: "many", 12: "many", 22: "few", 25: "many"}),
        ("ja", {0: "other", 1: "other", 7: "other"}),
    ],
)
def test_plural_rules(name, counts):
    rule = PLURAL_RULES[load(name).plural]
    assert {n: rule(n) for n in counts} == counts


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("en", {7: "7", 999: "999", 1234: "1,234", 1234567: "1,234,567"}),
        ("de", {1234: "1.234"}),
        ("fr", {1234: "1\u202f234"}),
        ("es", {1234: "1234", 12345: "12.345"}),
        ("pl", {1234: "1234", 12345: "12\u00a0345"}),
        ("ja", {1234: "1,234"}),
    ],
)
def test_number_formats(name, numbers):
    catalogue = load(name)
    assert {n: catalogue.number(n) for n in numbers} == numbers


def test_counts_are_written_as_the_language_writes_numbers():
    assert load("de").text("report_pages", 1234) == "1.234 Spec-Seiten"
    assert load("pl").text("report_pages", 12345) == "12\u00a0345 stron Spec"
    assert load("pl").text("report_pages", 1234) == "1234 strony Spec"
    assert load("pl").text("report_pages", 22) == "22 strony Spec"


def test_percent_formats():
    assert load("en").percent(58) == "58%"
    assert load("de").percent(58) == "58\u00a0%"
    assert load("fr").percent(58) == "58\u202f%"
    assert load("ja").percent(58) == "58%"


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("de", "de"),
        ("de-CH", "de"),
        ("de_AT", "de"),
        ("pt-BR", "pt"),
        ("PT_pt", "pt"),
        ("zh", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("zh_CN", "zh_CN"),
        ("zh-TW", None),
        ("zh-Hant", None),
        ("ja", "ja"),
        ("en_GB", "en"),
        ("xx", None),
        ("", None),
    ],
)
def test_a_language_tag_finds_its_catalogue(tag, name):
    assert locales.resolve(tag) == name
