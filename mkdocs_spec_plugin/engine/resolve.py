"""Which template a page uses: its front matter, else path rules. Bad values never fail.

Either may name several templates (a folder of decision records in two styles): the page is then
judged against each, and the one it matches best is its verdict (`judge.judge_best`).
"""

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
    """The templates a page is judged against, or why it is not judged."""

    templates: tuple[Template, ...] = ()  # in the order named; the best match is the verdict
    warning: str | None = None  # a problem the author should fix; the page is then not judged
    # The page names a template that cannot be used (an unknown id), or names it in a way that
    # breaks the build (`template: design-doc`): `check` fails on it, the build stops on `error`.
    failed: bool = False
    error: bool = False

    @property
    def template(self) -> Template | None:
        """The first template named, or None when the page is not judged."""
        return self.templates[0] if self.templates else None


# Full glob syntax, as wcmatch gives it: `**` crosses folders, `[0-9]`, `{a,b}`, `!(x)`; a leading
# `!` is a character, not a negation (exclusions have their own list, `exclude`).
_GLOB_FLAGS = glob.GLOBSTAR | glob.BRACE | glob.EXTGLOB | glob.DOTGLOB


@dataclass(frozen=True)
class Rule:
    """Pages whose docs-relative path matches `glob`, and none of `exclude`, use `templates`
    (the one they match best, when there are several) unless their front matter names one (or
    opts out)."""

    glob: str
    templates: tuple[str, ...]
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
            for ref in rule.templates:
                if registry.get(ref) is None:
                    raise TemplateError(f"rule for {rule.glob!r} names {registry.unknown(ref)}")

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
                found = (self.registry.get(template_id) for template_id in rule.templates)
                return Resolution(tuple(t for t in found if t is not None))
        return Resolution()

    def skipped(self, meta: Mapping[str, Any], body: str) -> str | None:
        """Why a page with a template is still not judged (its status), or None."""
        return skip_reason(meta, body, self.skip_status)

    def _named(self, value: Any) -> Resolution:
        key, registry = self.key, self.registry
        if value is False:
            return Resolution()
        if isinstance(value, list) and value:
            # `spec: [madr, nygard]`: whichever the page follows best. An opt-out has no place
            # in a list; every id must be usable, as a single one must.
            if not all(isinstance(v, str) and v.strip() for v in value):
                return self._not_an_id(value)
            refs = list(dict.fromkeys(v.strip() for v in value))
        elif isinstance(value, str) and value.strip():
            if value.strip().lower() in OPT_OUT:
                return Resolution()
            refs = [value.strip()]
        else:
            return self._not_an_id(value)
        templates = []
        for ref in refs:
            template = registry.get(ref)
            if template is None:
                where = f" in front matter '{key}'"
                return Resolution(warning=registry.unknown(ref, where), failed=True)
            templates.append(template)
        return Resolution(tuple(templates))

    def _not_an_id(self, value: Any) -> Resolution:
        shown = "an empty value" if value in (None, "", []) else _SHORT.repr(value)
        return Resolution(
            warning=f"front matter '{self.key}' must be a template id such as "
            f"'{_example(self.registry)}', a list of ids (the page is judged against the one it "
            f"follows best) or 'false' to opt out, got {shown}"
        )


def _example(registry: TemplateRegistry) -> str:
    ids = sorted(t.id for t in registry)
    return "design-doc" if "design-doc" in ids else (ids[0] if ids else "design-doc")
