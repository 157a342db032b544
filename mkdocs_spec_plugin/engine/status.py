"""A record's own status: `status` in its front matter, or a `Status:` line of the metadata list
that decision records (MADR 2, many team templates) put right under the title.

A team leaves superseded or deprecated records as they were; `skip_status` names the statuses whose
pages are not judged, by the plugin and the command line alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# A metadata line: a list item `Key: value`, the key a few words (`Status`, `Decision makers`).
_META_LINE = re.compile(r"[ ]{0,3}[-*+][ \t]+([A-Za-z][\w -]{0,40}?)[ \t]*:[ \t]*(.*)")
_TITLE = re.compile(r"[ ]{0,3}#[ \t]")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_MARKUP = re.compile(r"[*_`\[\]]")


def metadata(body: str) -> dict[str, str]:
    """The `Key: value` list that opens a page, under its title if it has one, keys lowercased;
    empty when the page opens with anything else."""
    lines = iter(body.splitlines())
    found: dict[str, str] = {}
    seen_title = False
    for line in lines:
        if not line.strip():
            if found:
                break
            continue
        if not seen_title and not found and _TITLE.match(line):
            seen_title = True
            continue
        match = _META_LINE.fullmatch(line)
        if match is None:
            break
        found.setdefault(match[1].strip().lower(), _COMMENT.sub("", match[2]).strip())
    return found


def record_status(meta: Mapping[str, Any], body: str) -> str | None:
    """The status the record gives itself, as written, or None."""
    value = meta.get("status")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return metadata(body).get("status") or None


def skip_reason(meta: Mapping[str, Any], body: str, skip: Iterable[str]) -> str | None:
    """Why the page is not judged (its status is one `skip_status` lists), or None. A status
    matches by its first words, whatever their case: `superseded` matches "Superseded by
    [ADR-0005](0005.md)"."""
    wanted = [s.strip().lower() for s in skip if s.strip()]
    if not wanted:
        return None
    status = record_status(meta, body)
    if status is None:
        return None
    words = " ".join(_MARKUP.sub(" ", status).lower().split())
    for entry in wanted:
        if words == entry or (words.startswith(entry) and not words[len(entry)].isalnum()):
            return f"status '{entry}' is in skip_status"
    return None
