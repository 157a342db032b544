"""Which template a page uses: its front matter, else path rules. Bad values never fail."""

from __future__ import annotations

import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wcmatch import glob

from .model import Template
from .status import skip_reason
from .templates import TemplateError, TemplateRegistry

# How a bad front-matter value is quoted in a warning: a page's YAML can alias one list into
# itself nine levels deep ("billion laughs"); a full repr of it never finished.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlevel = 2
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4

# Values that say "this page is not a spec", so a page can opt out of path rules explicitly.
OPT_OUT = frozenset({"false", "none", "off", "no"})


@dataclass(frozen=True)
class Resolution:
    """The template a page is judged against, or why it is not judged."""

    template: Template | None = None
    warning: str | None = None  # a problem the author should fix; the page is then not judged
    # The page names a template that cannot be used (an unknown id), or names it in a way that
    # breaks the build (`template: design-doc`): `check` fails on it, the build stops on `error`.
    failed: bool = False
    error: bool = False


# Full glob syntax, as wcmatch gives it: `**` crosses folders, `[0-9]`, `{a,b}`, `!(x)`; a leading
# `!` is a character, not a negation (exclusions have their own list, `exclude`).
_GLOB_FLAGS = glob.GLOBSTAR | glob.BRACE | glob.EXTGLOB | glob.DOTGLOB


@dataclass(frozen=True)
class Rule:
    """Pages whose docs-relative path matches `glob`, and none of `exclude`, use `template`
    unless their front matter names one (or opts out)."""

    glob: str
    template: str
    exclude: tuple[str, ...] = ()

    def matches(self, path: str) -> bool:
        # wcmatch keeps the patterns it compiled: a site has a few rules and thousands of pages.
        excluded = list(self.exclude) or None
        return glob.globmatch(path, [self.glob], flags=_GLOB_FLAGS, exclude=excluded)


class Matcher:
    """Finds the template of a page: its front-matter key first, then the path rules."""

    def __init__(
        self,
        registry: TemplateRegistry,
        key: str = "spec",
        rules: Sequence[Rule] = (),
        skip_status: Sequence[str] = (),
        judge_skipped: bool = False,
    ) -> None:
        self.registry = registry
        self.key = key
        self.rules = tuple(rules)
        self.skip_status = tuple(skip_status)
        # `skip_status_judged`: such pages are judged, but shown without the admonition
        self.judge_skipped = judge_skipped
        for rule in self.rules:
            if registry.get(rule.template) is None:
                close = registry.closest(rule.template)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                raise TemplateError(
                    f"rule for {rule.glob!r} names unknown template {rule.template!r}{hint}"
                )

    def resolve(self, meta: Mapping[str, Any], path: str = "") -> Resolution:
        """The page's template. No key, no matching rule, or an opt-out: none, no warning."""
        if self.key in meta:
            return self._named(meta[self.key])
        lookalike = next(
            (k for k in meta if isinstance(k, str) and k.lower() == self.key.lower()), None
        )
        if lookalike is not None:
            return Resolution(
                warning=f"front matter has '{lookalike}', but the key is '{self.key}' "
                f"(case matters); the page is not judged"
            )
        theme_template = meta.get("template")
        if isinstance(theme_template, str) and self.registry.get(theme_template.strip()):
            # MkDocs reads `template` as the theme's HTML file: the theme would crash on it.
            name = theme_template.strip()
            return Resolution(
                warning=f"front matter 'template: {name}' names a spec template, but MkDocs "
                f"reads 'template' as the theme's HTML file; write '{self.key}: {name}' instead",
                failed=True,
                error=True,
            )
        for rule in self.rules:
            if rule.matches(path):
                return Resolution(self.registry.get(rule.template))
        return Resolution()

    def skipped(self, meta: Mapping[str, Any], body: str) -> str | None:
        """Why a page with a template is still not judged (its status), or None."""
        return skip_reason(meta, body, self.skip_status)

    def _named(self, value: Any) -> Resolution:
        key, registry = self.key, self.registry
        if value is False:
            return Resolution()
        if not isinstance(value, str) or not value.strip():
            shown = "an empty value" if value is None or value == "" else _SHORT.repr(value)
            return Resolution(
                warning=f"front matter '{key}' must be a template id such as "
                f"'{_example(registry)}' (or 'false' to opt out), got {shown}"
            )
        template_id = value.strip()
        if template_id.lower() in OPT_OUT:
            return Resolution()
        template = registry.get(template_id)
        if template is None:
            close = registry.closest(template_id)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            known = ", ".join(sorted(t.id for t in registry))
            return Resolution(
                warning=f"unknown template {template_id!r} in front matter '{key}'{hint} "
                f"(known templates: {known})",
                failed=True,
            )
        return Resolution(template)


def _example(registry: TemplateRegistry) -> str:
    ids = sorted(t.id for t in registry)
    return "design-doc" if "design-doc" in ids else (ids[0] if ids else "design-doc")
