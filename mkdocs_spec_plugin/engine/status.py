"""A record's own status: `status` in its front matter, or a `Status:` line of the metadata list
that decision records (MADR 2, many team templates) put right under the title.

A team leaves superseded or deprecated records as they were; `skip_status` names the statuses whose
pages are not judged, by the plugin and the command line alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

# A metadata line: `Key: value`, the key a few words (`Status`, `Decision makers`), maybe in
# bold (`**Status**: accepted`, `**Status:** accepted`); a list item (MADR 2) or a line of its
# own (`Date: 2016-02-12`, as adr-tools writes it under the title).
_META_LINE = re.compile(
    r"[ ]{0,3}(?:([-*+])[ \t]+)?(?:\*\*|__)?([A-Za-z][\w -]{0,40}?)(?:\*\*|__)?[ \t]*:"
    r"(?:\*\*|__)?[ \t]*(.*)"
)
_TITLE = re.compile(r"[ ]{0,3}#[ \t]")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_MARKUP = re.compile(r"[*_`\[\]]")


class MetaItem(NamedTuple):
    """One `Key: value` line of the metadata list."""

    key: str  # as written
    value: str  # without HTML comments, stripped
    row: int  # 0-based line of the body
    marker: str  # the list marker: `-`, `*` or `+`; empty for a line of its own


class MetaList(NamedTuple):
    """The metadata list that opens a page, and the line of the title above it (None: none)."""

    title: int | None
    items: tuple[MetaItem, ...]


def _lines(body: str) -> Iterator[str]:
    """The body's lines one by one: only the first few are read, never the whole page split."""
    start = 0
    while start < len(body):
        end = body.find("\n", start)
        if end < 0:
            end = len(body)
        yield body[start:end]
        start = end + 1


def metadata_list(body: str) -> MetaList:
    """The `Key: value` list that opens a page, under its title if it has one; no items when the
    page opens with anything else."""
    found: list[MetaItem] = []
    title = None
    for index, line in enumerate(_lines(body)):
        if not line.strip():
            if found:
                break
            continue
        if title is None and not found and _TITLE.match(line):
            title = index
            continue
        match = _META_LINE.fullmatch(line.rstrip())
        if match is None:
            break
        value = _COMMENT.sub("", match[3]).strip()
        found.append(MetaItem(match[2].strip(), value, index, match[1] or ""))
    return MetaList(title, tuple(found))


def metadata(body: str) -> dict[str, str]:
    """The metadata list's values by key, lowercased (the first of a repeated key)."""
    found: dict[str, str] = {}
    for item in metadata_list(body).items:
        found.setdefault(item.key.lower(), item.value)
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
    for entry in wanted:
        if starts_with(status, entry):
            return f"status '{entry}' is in skip_status"
    return None


def first_words(value: str) -> str:
    """A value as its first words are compared: markup gone, lowercased, spaces collapsed."""
    return " ".join(_MARKUP.sub(" ", value).lower().split())


def starts_with(value: str, entry: str) -> bool:
    """Whether `value` is `entry` or begins with it as whole words, whatever the case and markup:
    `superseded` matches "Superseded by [ADR-0005](0005.md)"."""
    words, entry = first_words(value), first_words(entry)
    return bool(entry) and (
        words == entry or (words.startswith(entry) and not words[len(entry)].isalnum())
    )
