"""Split a page or template into front matter and body, exactly as MkDocs does.

MkDocs (`mkdocs.utils.meta.get_data`) accepts YAML between `---` lines, and otherwise
MultiMarkdown-style `key: value` lines at the very top. The rules are repeated here, not imported,
so the engine runs without MkDocs; the result must match what a build sees, line for line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # The C loader is several times faster; fall back when PyYAML was built without it.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]  # no C loader built

_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


@dataclass
class FrontMatter:
    """A document's metadata and the body that follows it.

    `body_line` is the 1-based line number, in the original text, of the body's first line.
    `error` says why front matter that looked like YAML could not be read (the body then keeps it,
    as in MkDocs).
    """

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    error: str | None = None
    # YAML front matter only: its text, and the 1-based line of its closing `---` (or `...`).
    front: str | None = None
    closing_line: int | None = None


def normalise_newlines(text: str) -> str:
    """Strip a BOM and turn CRLF/CR into LF, as MkDocs and Python-Markdown do."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> FrontMatter:
    """Read front matter from text whose newlines are already normalised."""
    match = _YAML_RE.match(text)
    if match:
        try:
            data = yaml.load(match.group(1), SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return FrontMatter(body=text, error=f"invalid YAML front matter{where}: {problem}")
        except Exception as exc:  # PyYAML raises more than YAMLError on hostile input.
            return FrontMatter(body=text, error=f"invalid YAML front matter: {exc}")
        if not isinstance(data, dict):
            return FrontMatter(body=text)
        document = _after(text, match.end(), data)
        document.front = match.group(1)
        document.closing_line = text.count("\n", 0, match.end())
        return document
    return _multimarkdown(text)


def _after(text: str, end: int, meta: dict[str, Any]) -> FrontMatter:
    rest = text[end:]
    body = rest.lstrip("\n")
    consumed = text[: end + len(rest) - len(body)]
    return FrontMatter(meta=meta, body=body, body_line=consumed.count("\n") + 1)


def _multimarkdown(text: str) -> FrontMatter:
    lines = text.split("\n")
    data: dict[str, Any] = {}
    key = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() == "":
            index += 1  # the blank line ends the metadata and is consumed with it
            break
        if m1 := _META_RE.match(line):
            key = m1.group("key").lower().strip()
            value = m1.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif (m2 := _META_MORE_RE.match(line)) and key:
            data[key] += " {}".format(m2.group("value").strip())
        else:
            break
        index += 1
    if not data:
        return FrontMatter(body=text)
    return _after(text, len("\n".join(lines[:index])) + (1 if index else 0), data)
