"""Decide which template a page names in its front matter, without ever failing on bad values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Template
from .templates import TemplateRegistry

# Values that say "this page is not a spec", so a page can opt out of path rules explicitly.
OPT_OUT = frozenset({"false", "none", "off", "no"})


@dataclass(frozen=True)
class Resolution:
    """The template a page is judged against, or why it is not judged."""

    template: Template | None = None
    warning: str | None = None  # a problem the author should fix; the page is then not judged


def resolve(meta: dict[str, Any], key: str, registry: TemplateRegistry) -> Resolution:
    """The template named by `meta[key]`. No key or an opt-out: no template and no warning."""
    if key not in meta:
        return Resolution()
    value = meta[key]
    if value is False:
        return Resolution()
    if not isinstance(value, str) or not value.strip():
        shown = "an empty value" if value is None or value == "" else f"{value!r}"
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
            f"(known templates: {known})"
        )
    return Resolution(template)


def _example(registry: TemplateRegistry) -> str:
    ids = sorted(t.id for t in registry)
    return "design-doc" if "design-doc" in ids else (ids[0] if ids else "design-doc")
