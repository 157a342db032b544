"""Move a page to the newest version of its template: rewrite the pin in its front matter.

What the new version adds is then inserted by `fix`, judging the page against it. A pinned page
stays pinned (`spec: kep@2024` becomes `spec: kep@2025`): a version after that must not turn it
red overnight either. Every byte but the pin's value is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .front_matter import normalise_newlines, split_front_matter
from .model import Template
from .templates import TemplateRegistry


@dataclass(frozen=True)
class Upgrade:
    """The page with its pin moved (or as it was), and what happened, in words."""

    text: str
    said: str
    failed: bool = False  # the pin could not be rewritten: the page is to be left alone


def upgrade(text: str, key: str, template: Template, registry: TemplateRegistry) -> Upgrade:
    """Move a page judged against `template` to its newest version, through its `key` pin."""
    newest = registry.newest(template)
    if template.version is None:
        return Upgrade(text, f"template {template.id!r} has no versions; nothing to upgrade")
    if newest is template:
        return Upgrade(text, f"already on the newest version ({template.ref})")
    pinned = split_front_matter(normalise_newlines(text)).meta.get(key)
    if isinstance(pinned, list):
        # `spec: [kep@2024, nygard]`: a list in any YAML style is not rewritten by hand here.
        return Upgrade(
            text,
            f"the page's '{key}' lists several templates; to upgrade, write {newest.ref} in "
            f"place of {template.ref} in that list",
        )
    if not isinstance(pinned, str):
        # Not named in the page: a path rule pins this version, and the rule is the site's.
        return Upgrade(
            text,
            f"a path rule pins {template.ref}; to upgrade, make the rule name {newest.ref} (or "
            f"{newest.id}, the newest) in the site's config, or pin this page with "
            f"'{key}: {newest.ref}'",
        )
    moved = repin(text, key, pinned.strip(), newest.ref)
    if moved is None:
        return Upgrade(
            text,
            f"cannot find the line '{key}: {pinned.strip()}' in the front matter to rewrite; "
            f"write '{key}: {newest.ref}' there",
            failed=True,
        )
    return Upgrade(moved, f"upgraded {template.ref} to {newest.ref}")


_CLOSE_YAML = frozenset({"---", "..."})


def repin(text: str, key: str, old: str, new: str) -> str | None:
    """The text with its front-matter line `key: old` (quoted or not, a comment after it kept)
    saying `new` instead; None when the front matter has no such line (a flow mapping, a value
    over several lines)."""
    pin = re.compile(
        rf"(?P<lead>{re.escape(key)}[ \t]*:[ \t]*)(?P<quote>['\"]?){re.escape(old)}(?P=quote)"
        r"(?P<tail>[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)?)\Z"
    )
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text[len(bom) :])
    is_yaml = bool(lines) and lines[0].rstrip() == "---"
    for index in range(1 if is_yaml else 0, len(lines)):
        line = lines[index]
        if (line.rstrip() in _CLOSE_YAML) if is_yaml else not line.strip():
            break  # the end of the front matter
        found = pin.match(line)
        if found:
            quote = found.group("quote")
            lines[index] = f"{found.group('lead')}{quote}{new}{quote}{found.group('tail')}"
            return bom + "".join(lines)
    return None
