"""The words the plugin puts into a built site, in the reader's language.

One small module per language (`de.py`, `zh_CN.py`) holds `PLURAL`, the name of its plural rule,
`GROUP`, its thousands separator (`MIN_GROUPING`: 2 where 1234 is written ungrouped), and
`STRINGS`: every key of `en.py`, each a `str.format` pattern. A pattern shown with a number is
a dict of plural forms, one per category of the rule, chosen by the `count` parameter. Plain
Python, so a translation needs no toolchain and ships with the package; `tests/test_locales.py`
holds every catalogue to the English one. Section titles are never translated: they are the
template's.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Union

Pattern = Union[str, Mapping[str, str]]


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "few"
    return "many"


# CLDR's cardinal rules, for whole numbers (the plugin shows no fractions). The "many" of French,
# Spanish and Italian starts at a million ("un million de sections"), which no page reaches.
PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "one": lambda n: "one" if n == 1 else "other",  # en de es it nl
    "zero_one": lambda n: "one" if n in (0, 1) else "other",  # fr, pt (Brazilian)
    "polish": _polish,
    "none": lambda n: "other",  # ja ko zh
}
# The forms each rule asks a catalogue for.
PLURAL_FORMS = {
    "one": ("one", "other"),
    "zero_one": ("one", "other"),
    "polish": ("one", "few", "many"),
    "none": ("other",),
}

# Catalogue module -> the BCP 47 tag of its language, for `lang` attributes.
LANGUAGES = {
    "en": "en",
    "de": "de",
    "fr": "fr",
    "es": "es",
    "pt": "pt-BR",
    "it": "it",
    "nl": "nl",
    "pl": "pl",
    "ja": "ja",
    "zh_CN": "zh-Hans",
    "ko": "ko",
}
# Chinese is chosen by script: a traditional-script reader is not given simplified text.
_SIMPLIFIED = {"zh", "zh_cn", "zh_hans", "zh_sg", "zh_hans_cn", "zh_hans_sg"}
_FIELD = re.compile(r"\{(\w+)\}")


def resolve(wanted: str) -> str | None:
    """The catalogue for a language tag such as `de`, `de-CH`, `pt_BR` or `zh-Hans`: its own, or
    its language's; None when there is none."""
    tag = wanted.strip().replace("-", "_").lower()
    language = tag.split("_")[0]
    if language == "zh":
        return "zh_CN" if tag in _SIMPLIFIED else None
    return language if language in LANGUAGES else None


def fields(pattern: str) -> set[str]:
    """The `{name}` parameters of a pattern."""
    return set(_FIELD.findall(pattern))


@dataclass(frozen=True)
class Catalogue:
    name: str  # the module's: `de`, `zh_CN`
    strings: Mapping[str, Pattern]
    plural: str  # a key of PLURAL_RULES
    group: str = ","
    min_grouping: int = 1

    @property
    def lang(self) -> str:
        return LANGUAGES[self.name]

    def pattern(self, key: str, count: int | None = None) -> str:
        found = self.strings[key]
        if isinstance(found, str):
            return found
        assert count is not None, f"{key} needs a count"
        return found[PLURAL_RULES[self.plural](count)]

    def text(self, key: str, count: int | None = None, /, **params: object) -> str:
        """Plain text, as a `title` attribute or a tooltip takes it; numbers as the language
        writes them."""
        return self.pattern(key, count).format(**self._shown(count, params))

    def html(self, key: str, count: int | None = None, /, **params: object) -> str:
        """HTML: the pattern escaped, its parameters inserted as they are given (already HTML)."""
        return escape(self.pattern(key, count), quote=False).format(**self._shown(count, params))

    def _shown(self, count: int | None, params: Mapping[str, object]) -> dict[str, object]:
        shown = {"count": count, **params}
        return {k: self.number(v) if isinstance(v, int) else v for k, v in shown.items()}

    def number(self, value: int) -> str:
        """A whole number with the language's thousands separator: 1,234, 1.234, 1 234."""
        digits = str(abs(value))
        if len(digits) < 4 + self.min_grouping - 1:
            return str(value)
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        return ("-" if value < 0 else "") + self.group.join(groups)

    def percent(self, value: int) -> str:
        return self.text("percent", value=value)


@cache
def load(name: str) -> Catalogue:
    """The catalogue of a module of this package (`resolve` names one)."""
    if name not in LANGUAGES:
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    grouping = getattr(module, "MIN_GROUPING", 1)
    return Catalogue(name, module.STRINGS, module.PLURAL, module.GROUP, grouping)


def choose(option: str | None, theme_language: str | None) -> tuple[Catalogue, str | None]:
    """The catalogue of a site: the `locale` option's, else the theme's language's; English, with
    a warning naming the option, when there is none for it."""
    wanted = option or theme_language or "en"
    name = resolve(wanted)
    if name is not None:
        return load(name), None
    source = "locale" if option else "the theme's language"
    return load("en"), (
        f"{source} '{wanted}' has no translation of the spec plugin's words; they are in English "
        f"(set the plugin's 'locale' option to one of: {', '.join(LANGUAGES)})"
    )
