"""Template versions: how a page names one (`kep@2024`), and which is newest (natural order)."""

from __future__ import annotations

import re
from typing import Any

SEPARATOR = "@"
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")
_RUN_RE = re.compile(r"[0-9]+|[^0-9]+")
# A bare number as written in front matter: YAML reads `version: 1.10` as the float 1.1.
_WRITTEN_RE = re.compile(r"^version[ \t]*:[ \t]*([0-9][0-9._]*)[ \t]*(?:#.*)?$", re.MULTILINE)


def join_ref(template_id: str, version: str | None) -> str:
    """How a page names a template's version: `kep@2024`, or the bare id when unversioned."""
    return f"{template_id}{SEPARATOR}{version}" if version is not None else template_id


def split_ref(ref: str) -> tuple[str, str | None]:
    """`kep@2024` -> ("kep", "2024"); `kep` -> ("kep", None); `kep@` -> ("kep", "")."""
    template_id, separator, version = ref.partition(SEPARATOR)
    return template_id, version if separator else None


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """The natural order of versions: runs of digits compare as numbers, other runs as text
    (case-folded), and a version that is a prefix of another comes first. So 2024.9 < 2024.10,
    1.2 < 1.10, 2024 < 2024-rc1 < 2024.1 (a suffix sorts after its release, `-` before `.`),
    and 9 < 10 < v1 (digits before letters)."""
    return tuple(
        (0, int(run), "") if run[0].isdigit() else (1, 0, run.casefold())
        for run in _RUN_RE.findall(version)
    )


def read_version(value: Any, front: str) -> str | None:
    """A template's `version` from its front matter as text, or None when it is not text or a
    number. A bare number is taken as written in `front` (the front matter's lines), so
    `version: 1.10` is "1.10", not the float's "1.1"."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    written = _WRITTEN_RE.search(front)
    return written.group(1) if written else str(value)
