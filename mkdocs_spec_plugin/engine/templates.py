"""Read templates (Markdown files whose headings are the schema) and keep them by id."""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .fields import FieldError, FieldSpec, inherit, parse_fields
from .front_matter import normalise_newlines, split_front_matter
from .markdown_reader import read_markdown, reference_labels
from .model import Section, Template, TemplateSection
from .nesting import flatten
from .profile import EMBED_WORD, MarkdownProfile
from .text import (
    DEFAULT_PLACEHOLDERS,
    InlineText,
    collapse,
    has_placeholder,
    inline_text,
    is_placeholder_title,
    keys_of,
    line_key,
    normalise_name,
    placeholder_pattern,
    says_optional,
    split_optional,
    strip_numbering,
    words,
)
from .versions import SEPARATOR, VERSION_RE, join_ref, read_version, split_ref, version_key

BUILTIN = "built-in"
_MARKER_RE = re.compile(r"^(?:[-*+>]|\d+[.)])\s+")
_MARKUP_RE = re.compile(r"\*\*|__|`")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class TemplateError(Exception):
    """A template that cannot be used; the message names the file and the problem."""


def builtin_dir() -> Path:
    """The folder of built-in templates: inside the installed package, or the source checkout's."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


@dataclass
class _RawTemplate:
    """A template file read but not yet resolved against the template it extends."""

    id: str
    meta: dict[str, Any]
    source: str
    title: str | None
    sections: list[TemplateSection]
    text: str
    extends: str | None = None
    pattern: re.Pattern[str] = field(default_factory=lambda: placeholder_pattern(()))
    builtin: bool = False
    labels: frozenset[str] = frozenset()
    version: str | None = None

    @property
    def ref(self) -> str:
        return join_ref(self.id, self.version)


def _placeholders(value: Any, source: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return DEFAULT_PLACEHOLDERS
    pairs = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and len(item) == 2 and item[0] != item[1]:
                pairs.append((item[0], item[1]))
            else:
                pairs = []
                break
    if not pairs:
        raise TemplateError(
            f"{source}: 'placeholders' must be a list of two-character strings such as "
            f'["{{}}", "[]"], got {value!r}'
        )
    return tuple(pairs)


_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_COMMENT_SPAN = 50  # lines a marker comment above or below a heading may span


@dataclass
class _Marker:
    """An HTML comment beside a heading that says the section is optional."""

    first: int  # its first line (1-based)
    says_optional: bool


def _comment_above(lines: list[str], index: int) -> _Marker | None:
    """The comment that ends on the line right above line `index` (0-based), if any."""
    if index <= 0 or not lines[index - 1].rstrip().endswith("-->"):
        return None
    for at in range(index - 1, max(-1, index - 1 - _COMMENT_SPAN), -1):
        opened = lines[at].find("<!--")
        if opened >= 0:
            if lines[at][:opened].strip():
                return None  # text before the comment: not a comment line of its own
            text = "\n".join([lines[at][opened + 4 :], *lines[at + 1 : index]])
            return _Marker(at, says_optional(text.rsplit("-->", 1)[0]))
        if at < index - 1 and "-->" in lines[at]:
            return None
    return None


def _comment_below(lines: list[str], index: int) -> bool:
    """Whether a comment saying "optional" starts on line `index` (0-based)."""
    if index >= len(lines) or not lines[index].lstrip().startswith("<!--"):
        return False
    text = "\n".join(lines[index : index + _COMMENT_SPAN])
    match = _COMMENT_RE.search(text)
    return match is not None and says_optional(match.group(1))


def _name_pattern(written: str, pattern: re.Pattern[str]) -> tuple[re.Pattern[str], str] | None:
    """For a heading that mixes words and placeholders, a pattern over normalised page names
    (each placeholder takes one or more words) and the heading's own words. None otherwise."""
    parts: list[str] = []
    literal: list[str] = []
    position = 0
    text = strip_numbering(written)
    for match in pattern.finditer(text):
        found = words(text[position : match.start()].replace("&", " and "))
        parts += [re.escape(w) for w in found]
        literal += found
        parts.append(r"\S+(?: \S+)*?")
        position = match.end()
    if position == 0:
        return None
    found = words(text[position:].replace("&", " and "))
    parts += [re.escape(w) for w in found]
    literal += found
    if not literal:
        return None
    return re.compile(" ".join(parts)), " ".join(literal)


def _slot(
    section: Section,
    guidance: list[str],
    pattern: re.Pattern[str],
    lines: list[str],
    first: int,
    labels: frozenset[str],
) -> TemplateSection:
    heading = section.heading
    assert heading is not None
    source = heading.source or heading.title
    # What a reader sees of the heading, with its `<System>` placeholders kept: comments, links
    # and real tags are not part of its name (`## [API](api.md) Design` is "API Design").
    shown = InlineText(source, labels, keep_unknown=True).text.replace(EMBED_WORD, "")
    shown = collapse(shown) or heading.title
    written, suffix = split_optional(shown)
    commented = any(says_optional(c) for c in _COMMENT_RE.findall(source))
    line = (heading.line or first) - first
    above = _comment_above(lines, line)
    below = _comment_below(lines, (section.start or heading.line or first) - first)
    by = (
        "suffix"
        if suffix
        else "comment"
        if commented or below or (above and above.says_optional)
        else None
    )
    wildcard = is_placeholder_title(written, pattern) or (
        heading.hidden_placeholder and not words(heading.title)
    )
    mixed = None if wildcard else _name_pattern(written, pattern)
    hidden = set(section.hidden_lines)
    # Reasons quote a left-over line as the template writes it (`<If applicable>` included),
    # without its list marker and emphasis.
    written_lines = {line_key(inline_text(raw)): _plain(raw) for raw in guidance}
    return TemplateSection(
        titles=[shown],
        level=heading.level,
        line=heading.line or 0,
        wildcard=wildcard,
        optional=by is not None,
        optional_by=by,
        names=frozenset() if wildcard or mixed else frozenset({normalise_name(written)}),
        name_pattern=mixed[0] if mixed else None,
        literal=mixed[1] if mixed else "",
        source=source,
        guidance=guidance,
        keys=frozenset(keys_of(section.lines)),
        placeholder_lines={
            key: written_lines.get(key, text)
            for index, text in enumerate(section.lines)
            if (index in hidden or has_placeholder(text, pattern, labels))
            and (key := line_key(text))
        },
    )


def _plain(line: str) -> str:
    return _MARKUP_RE.sub("", _MARKER_RE.sub("", line.strip()))


def _tree(
    sections: list[Section],
    lines: list[str],
    first: int,
    pattern: re.Pattern[str],
    labels: frozenset[str],
) -> list[TemplateSection]:
    """Nest slots under the nearest shallower heading; merge runs of wildcard siblings, whose
    later members' subsections fold into the first one's."""
    roots: list[TemplateSection] = []
    stack: list[TemplateSection] = []
    absorbed: list[tuple[TemplateSection, TemplateSection]] = []
    for number, section in enumerate(sections):
        start, end = section.start or first, section.end or first
        if number + 1 < len(sections):
            # A marker comment right above the next heading is that heading's, not guidance here.
            after = sections[number + 1].heading
            marker = _comment_above(lines, (after.line or first) - first) if after else None
            if marker is not None and marker.says_optional:
                end = min(end, marker.first + first)
        slot = _slot(
            section, _trim(lines[start - first : end - first]), pattern, lines, first, labels
        )
        while stack and stack[-1].level >= slot.level:
            stack.pop()
        siblings = stack[-1].children if stack else roots
        previous = siblings[-1] if siblings else None
        if slot.wildcard and previous is not None and previous.wildcard:
            previous.titles.extend(slot.titles)
            previous.keys |= slot.keys
            previous.placeholder_lines.update(slot.placeholder_lines)
            absorbed.append((previous, slot))
            stack.append(slot)  # its own subsections gather under it, and fold in below
            continue
        siblings.append(slot)
        stack.append(slot)
    for previous, slot in reversed(absorbed):  # the innermost runs first
        for child in slot.children:
            twin = next((c for c in previous.children if _same_slot(c, child)), previous)
            for part in child.walk():
                twin.keys |= part.keys
                twin.placeholder_lines.update(part.placeholder_lines)
    return roots


def _same_slot(a: TemplateSection, b: TemplateSection) -> bool:
    if a.wildcard or b.wildcard:
        return a.wildcard and b.wildcard
    return bool(a.names & b.names) or (a.literal != "" and a.literal == b.literal)


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def parse_template(
    text: str,
    source: str,
    default_id: str,
    profile: MarkdownProfile | None = None,
    default_version: str | None = None,
) -> _RawTemplate:
    """Read one template file's text. Raises TemplateError naming `source`.

    The template is read in the site's Markdown profile: its guidance, copied into a page of that
    site, must be recognised there line for line. `default_version` is the one its file name
    gives (`kep@2024.md`); its front matter's `version` must agree with it.
    """
    text = normalise_newlines(text)
    document = split_front_matter(text)
    if document.error:
        raise TemplateError(f"{source}: {document.error}")
    meta = document.meta
    template_id = meta.get("id", default_id)
    if not isinstance(template_id, str) or not _ID_RE.match(template_id):
        raise TemplateError(
            f"{source}: template id {template_id!r} must be letters, digits, '.', '_' or '-'"
        )
    version = _version(meta, text[: len(text) - len(document.body)], source, default_version)
    pattern = placeholder_pattern(_placeholders(meta.get("placeholders"), source))
    body = flatten(document.body)[0]
    labels = reference_labels(body)
    sections = read_markdown(body, document.body_line, profile)[1:]
    title = None
    h1 = [s for s in sections if s.heading and s.heading.level == 1]
    if len(h1) == 1 and sections and sections[0] is h1[0]:
        title = h1[0].heading.source if h1[0].heading else None
        sections = sections[1:]
    lines = document.body.split("\n")
    roots = _tree(sections, lines, document.body_line, pattern, labels)
    extends = meta.get("extends")
    if extends is not None and not isinstance(extends, str):
        raise TemplateError(f"{source}: 'extends' must be a template id, got {extends!r}")
    if not roots and not extends:
        raise TemplateError(f"{source}: template has no sections (no headings below its title)")
    raw = _RawTemplate(template_id, meta, source, title, roots, document.body, extends, pattern)
    raw.labels = labels
    raw.version = version
    return raw


def _version(meta: dict[str, Any], front: str, source: str, default: str | None) -> str | None:
    if "version" not in meta:
        if default is not None and not VERSION_RE.match(default):
            raise TemplateError(
                f"{source}: the file name's version {default!r} must be letters, digits, '.', "
                "'_', '+' or '-' after the '@' (kep@2024.md)"
            )
        return default
    version = read_version(meta["version"], front)
    if version is None or not VERSION_RE.match(version):
        raise TemplateError(
            f'{source}: \'version\' must be text such as "2024" or "1.2" (letters, digits, '
            f"'.', '_', '+' or '-'), got {meta['version']!r}"
        )
    if default is not None and version != default:
        raise TemplateError(
            f"{source}: the file name says version {default!r} but front matter 'version' says "
            f"{version!r}; make them agree (or drop one)"
        )
    return version


def _find(slots: list[TemplateSection], path: list[str]) -> TemplateSection | None:
    name, *rest = path
    for slot in slots:
        if name in slot.names or (
            (slot.wildcard or slot.name_pattern) and name == normalise_name(slot.title)
        ):
            return _find(slot.children, rest) if rest else slot
    return None


def _named(sections: list[TemplateSection], entry: str) -> list[TemplateSection]:
    """The slots a front-matter entry names: a whole title anywhere in the tree first (a title
    may hold a `/`, as `User-Stories/Use-Cases` does), else a `Parent/Child` path from the top."""
    whole = normalise_name(entry)
    found = [
        slot
        for top in sections
        for slot in top.walk()
        if whole in slot.names
        or ((slot.wildcard or slot.name_pattern) and whole == normalise_name(slot.title))
    ]
    if found:
        return found
    slot = _find(sections, [normalise_name(p) for p in entry.split("/")])
    return [slot] if slot is not None else []


def _apply_meta(raw: _RawTemplate, sections: list[TemplateSection]) -> None:
    """Apply front matter `optional` and `aliases`, which name sections by title or path."""
    optional = raw.meta.get("optional") or []
    if isinstance(optional, str):
        optional = [optional]
    if not isinstance(optional, list):
        raise TemplateError(f"{raw.source}: 'optional' must be a list of section titles")
    for entry in optional:
        slots = _named(sections, str(entry))
        if not slots:
            raise TemplateError(f"{raw.source}: 'optional' names an unknown section {entry!r}")
        for slot in slots:
            slot.optional = True
            slot.optional_by = slot.optional_by or "front matter"
    aliases = raw.meta.get("aliases") or {}
    if not isinstance(aliases, Mapping):
        raise TemplateError(f"{raw.source}: 'aliases' must map section titles to other names")
    for entry, names in aliases.items():
        slots = _named(sections, str(entry))
        if not slots:
            raise TemplateError(f"{raw.source}: 'aliases' names an unknown section {entry!r}")
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list):
            raise TemplateError(f"{raw.source}: aliases of {entry!r} must be a list of names")
        for slot in slots:
            slot.names = slot.names | {normalise_name(str(n)) for n in names}


def _merge(base: list[TemplateSection], own: list[TemplateSection]) -> list[TemplateSection]:
    """A child template's sections over its parent's: a repeated heading replaces that subtree
    (keeping the names the parent accepts for it)."""
    merged = copy.deepcopy(base)
    for slot in own:
        for index, inherited in enumerate(merged):
            if slot.names and slot.names & inherited.names:
                # A copy: the child's own slot stays as its file says (it may be read again).
                merged[index] = replace(slot, names=slot.names | inherited.names)
                break
        else:
            merged.append(slot)
    return merged


# Every template file read, by id: one entry, or its versions oldest first.
_Groups = dict[str, list[_RawTemplate]]


def _lookup(groups: _Groups, ref: str) -> _RawTemplate | None:
    """The template `ref` names: `base@1` that version, `base` the newest (or only) one."""
    template_id, version = split_ref(ref)
    group = groups.get(template_id, [])
    if version is None:
        return group[-1] if group else None
    return next((raw for raw in group if raw.version == version), None)


def _resolve(groups: _Groups) -> dict[str, Template]:
    """Every template by ref (`kep@2024`, or the id of an unversioned one), `extends` applied."""
    resolved: dict[str, Template] = {}

    def resolve(raw: _RawTemplate, chain: tuple[str, ...]) -> Template:
        ref = raw.ref
        if ref in resolved:
            return resolved[ref]
        sections = raw.sections
        parent_labels: frozenset[str] = frozenset()
        fields = _fields(raw)
        if raw.extends is not None:
            base = _lookup(groups, raw.extends)
            if base is None:
                raise TemplateError(
                    f"{raw.source}: 'extends' names unknown template {raw.extends!r}"
                    + _unknown_hint(raw.extends, groups, raw.id)
                )
            if base.ref in chain or base is raw:
                cycle = " -> ".join((*chain, ref, raw.extends))
                raise TemplateError(f"{raw.source}: 'extends' makes a cycle: {cycle}")
            parent = resolve(base, (*chain, ref))
            parent_labels = parent.labels
            fields = inherit(parent.fields, fields, raw.meta.get("score_fields"))
            sections = _merge(parent.sections, raw.sections)
            if not sections:
                raise TemplateError(f"{raw.source}: template has no sections")
        sections = copy.deepcopy(sections)
        _apply_meta(raw, sections)
        meta = raw.meta
        template = Template(
            id=raw.id,
            name=str(meta.get("name") or raw.id),
            description=str(meta.get("description") or ""),
            source=BUILTIN if raw.builtin else raw.source,
            title=raw.title,
            sections=sections,
            placeholder_re=raw.pattern,
            text=raw.text,
            extends=raw.extends,
            labels=raw.labels | (parent_labels if raw.extends is not None else frozenset()),
            version=raw.version,
            fields=fields,
        )
        resolved[ref] = template
        return template

    for group in groups.values():
        for raw in group:
            resolve(raw, ())
    return resolved


def _unknown_hint(ref: str, groups: _Groups, own: str) -> str:
    template_id, version = split_ref(ref)
    group = groups.get(template_id)
    if version is not None and group:
        return f" ({_versions_text(template_id, [raw.version for raw in group])})"
    return _hint(ref, (known for known in groups if known != own))


def _versions_text(template_id: str, versions: Sequence[str | None]) -> str:
    """ "known versions: 2024, 2025 (newest)", or that it has none."""
    if versions[-1] is None:
        return f"it has no versions; name it {template_id!r}"
    return f"known versions: {', '.join(str(v) for v in versions)} (newest)"


def _fields(raw: _RawTemplate) -> tuple[FieldSpec, ...]:
    """The fields the template itself declares. Raises TemplateError naming its file."""
    delimiters = _placeholders(raw.meta.get("placeholders"), raw.source)
    try:
        return parse_fields(raw.meta, raw.text, delimiters)
    except FieldError as exc:
        raise TemplateError(f"{raw.source}: {exc}") from exc


def _hint(wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def _read_folder(
    folder: Path, builtin: bool, profile: MarkdownProfile | None, digest: Any
) -> _Groups:
    """The folder's templates by id. A file `kep@2024.md` is template `kep`, version `2024`
    unless its front matter says otherwise; files sharing an id are its versions."""
    groups: _Groups = {}
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{path}: cannot read template: {exc}") from exc
        digest.update(f"{path}\0{text}\0".encode("utf-8", "surrogatepass"))
        stem, version = split_ref(path.stem)
        raw = _parsed(text, str(path), stem, profile, version, builtin)
        group = groups.setdefault(raw.id, [])
        _check_version(raw, group)
        group.append(raw)
    for group in groups.values():
        group.sort(key=lambda raw: version_key(raw.version or ""))
    return groups


@functools.lru_cache(maxsize=256)
def _parsed(
    text: str,
    source: str,
    stem: str,
    profile: MarkdownProfile | None,
    version: str | None,
    builtin: bool,
) -> _RawTemplate:
    """`parse_template`, once per file text and profile: the language server, the agent tools and
    in-process runs load the registry again and again, and reading the five built-ins was half of
    each load. `_resolve` copies what it changes, so a cached template is never altered."""
    raw = parse_template(text, source, stem, profile, version)
    raw.builtin = builtin
    return raw


def _check_version(raw: _RawTemplate, group: list[_RawTemplate]) -> None:
    """A new file of an id already read must be a distinct version of it, and so must they all."""
    for other in group:
        if raw.version is None and other.version is None:
            raise TemplateError(
                f"{raw.source}: duplicate template id {raw.id!r}, also defined in {other.source}"
            )
        if raw.version is None or other.version is None:
            unversioned, versioned = (raw, other) if raw.version is None else (other, raw)
            raise TemplateError(
                f"{unversioned.source}: template {raw.id!r} has versions ({versioned.source} is "
                f"{versioned.ref}) but this file has none; give it a 'version' in its front "
                f"matter or a file name such as {raw.id}{SEPARATOR}1.md"
            )
        if version_key(raw.version) == version_key(other.version):
            raise TemplateError(
                f"{raw.source}: duplicate version {raw.version!r} of template {raw.id!r}, also "
                f"defined in {other.source}"
            )


@dataclass
class TemplateRegistry:
    """Every usable template by id (its newest version), and every version of the versioned ones.
    Ids are keys here, never paths: a page cannot name a file."""

    templates: dict[str, Template]
    fingerprint: str = ""  # changes whenever a template file or the profile does
    versions: dict[str, tuple[Template, ...]] = field(default_factory=dict)  # oldest first

    def get(self, ref: str) -> Template | None:
        """`kep@2024` is that version; `kep` the newest (or only) one."""
        template_id, version = split_ref(ref)
        if version is None:
            return self.templates.get(template_id)
        return next((t for t in self.versions.get(template_id, ()) if t.version == version), None)

    def newest(self, template: Template) -> Template:
        """The newest version of `template`'s id (itself when unversioned)."""
        return self.templates.get(template.id, template)

    def unknown_version(self, ref: str, where: str = "") -> str | None:
        """For `kep@2023`, naming a known id but none of its versions, the problem in words with
        the versions it has (`where` is said after the name); None for any other ref."""
        template_id, version = split_ref(ref)
        if version is None or template_id not in self.templates:
            return None
        found = [t.version for t in self.versions.get(template_id, ())] or [None]
        known = _versions_text(template_id, found)
        return f"unknown version {version!r} of template {template_id!r}{where} ({known})"

    def unknown(self, ref: str, where: str = "") -> str:
        """Why `ref` names no template, with the closest ids or the versions it has."""
        problem = self.unknown_version(ref, where)
        if problem:
            return problem
        close = self.closest(split_ref(ref)[0])
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        known = ", ".join(sorted(self.templates))
        return f"unknown template {ref!r}{where}{hint} (known templates: {known})"

    def closest(self, template_id: str) -> list[str]:
        return difflib.get_close_matches(template_id, list(self.templates), n=3, cutoff=0.4)

    def every(self) -> Iterator[Template]:
        """Every template and every version, by id, oldest version first."""
        for template_id, newest in self.templates.items():
            yield from self.versions.get(template_id, (newest,))

    def __iter__(self) -> Iterator[Template]:
        return iter(self.templates.values())


def load_registry(
    templates_dir: Path | None = None, profile: MarkdownProfile | None = None
) -> TemplateRegistry:
    """The built-in templates, plus (and overridden by) those in `templates_dir`, read in the
    site's Markdown `profile`. A folder's id replaces the built-in of that id, versions and all."""
    digest = hashlib.sha256(repr(profile).encode())
    groups = _read_folder(builtin_dir(), True, profile, digest)
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise TemplateError(f"{templates_dir}: templates_dir is not a folder")
        groups.update(_read_folder(templates_dir, False, profile, digest))
    resolved = _resolve(groups)
    newest = {template_id: resolved[group[-1].ref] for template_id, group in groups.items()}
    versions = {
        template_id: tuple(resolved[raw.ref] for raw in group)
        for template_id, group in groups.items()
        if group[-1].version is not None
    }
    return TemplateRegistry(newest, digest.hexdigest(), versions)
