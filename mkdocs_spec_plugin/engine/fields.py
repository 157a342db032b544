"""Page metadata fields: what a template's `fields` front matter declares, and how a page's
values measure up to it.

A field is read from the page's front matter, and from the `Key: value` list under its title when
the template writes its fields that way (MADR 2, many team templates). Each field is complete,
unfinished (empty, still the template's placeholder, a to-do marker), missing or invalid (not a
date, not one of the allowed values).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import yaml

from . import reasons
from .front_matter import FrontMatter
from .model import State
from .reasons import Reason
from .status import MetaList, first_words, metadata_list, starts_with
from .text import collapse, fold, is_filler, is_todo, placeholder_pattern

TYPES = ("text", "date", "list", "one_of")
# A template's own front-matter keys: never a field's value (see `parse_fields`).
TEMPLATE_KEYS = frozenset(
    {"id", "name", "description", "optional", "aliases", "extends", "placeholders", "fields"}
    | {"score_fields", "version"}
)
_SPEC_KEYS = frozenset({"type", "required", "one_of", "placeholder"})
_KEY_RE = re.compile(r"[\s_-]+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-]*Z?)?")
# A value written in braces is a placeholder whatever the template's delimiters: unquoted in YAML
# (`date: {YYYY-MM-DD}`) it is even a mapping, which no field's value can be.
_BRACES = placeholder_pattern((("{", "}"),))


class FieldError(ValueError):
    """A `fields` schema that cannot be used; the message says what to write instead."""


class FieldSpec(NamedTuple):
    """One field a template declares."""

    name: str  # as the template declares it
    key: str  # `key_of(name)`: how page keys are matched
    type: str = "text"  # one of TYPES
    required: bool = False
    values: tuple[str, ...] = ()  # one_of: the allowed values (each item's, for a list)
    placeholder: str = ""  # what `new` and `fix` write
    label: str | None = None  # how the template's metadata list writes the key; None: not there
    scored: bool = True  # a required field counts in the score (`score_fields: false`: it does not)


class FieldVerdict(NamedTuple):
    """The verdict on one field of a page."""

    name: str
    state: State
    required: bool = False
    scored: bool = True
    line: int | None = None  # None when judged from the built page
    value: str | None = None  # the value as the page gives it, in text
    did_you_mean: str | None = None
    cause: Reason | None = None  # None for a complete or missing field

    @property
    def counts(self) -> bool:
        """Whether the field counts in the page's score."""
        return self.required and self.scored

    @property
    def optional(self) -> bool:
        return not self.required

    @property
    def reason(self) -> str | None:
        return self.cause.text if self.cause else None

    def describe(self) -> str:
        """The gap in words, as `check` prints it."""
        words = f"{self.state.value}: field '{self.name}'"
        if self.optional:
            words += " (optional)"
        elif not self.scored:
            words += " (not scored)"
        if self.reason:
            words += f" ({self.reason})"
        if self.did_you_mean:
            words += f" (did you mean '{self.did_you_mean}'?)"
        return words

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "state": self.state.value,
            "required": self.required,
            "scored": self.counts,
            "line": self.line,
            "value": self.value,
            "did_you_mean": self.did_you_mean,
            "reason": self.reason,
            "reason_code": self.cause.code if self.cause else None,
            "reason_params": self.cause.as_params() if self.cause else {},
        }


@functools.lru_cache(maxsize=1024)
def key_of(name: str) -> str:
    """A field key as pages are matched on it: `decision-makers`, `Decision makers` and
    `decision_makers` are one key."""
    return _KEY_RE.sub(" ", fold(name)).strip()


# -- the schema -------------------------------------------------------------------------------


def parse_fields(
    meta: Mapping[str, Any], body: str, delimiters: Sequence[tuple[str, str]]
) -> tuple[FieldSpec, ...]:
    """The fields a template's front matter declares (`fields:`, `score_fields:`), read against
    its body, whose metadata list says how pages write them. A template copied from one that
    writes its fields in front matter (MADR 4) keeps them there: `date: {YYYY-MM-DD}` beside
    `fields:` is that field's placeholder. Raises FieldError."""
    value, scored = meta.get("fields"), meta.get("score_fields", True)
    if not isinstance(scored, bool):
        raise FieldError(f"'score_fields' must be true or false, got {scored!r}")
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise FieldError(
            "'fields' must map field names to their specs, such as "
            "'fields: {status: {required: true, one_of: [proposed, accepted]}}'"
        )
    listed: dict[str, str] = {
        key_of(key): shown(written)
        for key, written in meta.items()
        if isinstance(key, str) and key not in TEMPLATE_KEYS
    }
    labels: dict[str, str] = {}
    for item in metadata_list(body).items:
        listed[key_of(item.key)] = item.value
        labels[key_of(item.key)] = item.key
    specs: dict[str, FieldSpec] = {}
    for name, spec in value.items():
        if not isinstance(name, str) or not key_of(name):
            raise FieldError(f"field name {name!r} must be text, such as 'status'")
        field = _spec(name, {} if spec is None else spec, listed, delimiters[0], scored)
        field = field._replace(label=labels.get(field.key))
        if field.key in specs:
            raise FieldError(f"fields {specs[field.key].name!r} and {name!r} are the same field")
        specs[field.key] = field
    return tuple(specs.values())


def _spec(
    name: str,
    spec: Any,
    written: Mapping[str, str],
    delimiters: tuple[str, str],
    scored: bool,
) -> FieldSpec:
    """One field's spec; `written` holds the values the template itself gives its fields."""
    where = f"field {name!r}"
    if not isinstance(spec, Mapping):
        raise FieldError(f"{where} must be a mapping such as '{{type: date, required: true}}'")
    unknown = sorted(str(k) for k in spec if k not in _SPEC_KEYS)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(_SPEC_KEYS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        known = ", ".join(sorted(_SPEC_KEYS))
        raise FieldError(f"{where} has unknown key {unknown[0]!r}{hint}; known keys: {known}")
    values = spec.get("one_of")
    kind = spec.get("type", "one_of" if values is not None else "text")
    if kind not in TYPES:
        raise FieldError(f"{where}: type must be one of {', '.join(TYPES)}, got {kind!r}")
    if values is not None and (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise FieldError(f"{where}: 'one_of' must be a list of values such as [proposed, accepted]")
    if kind == "one_of" and values is None:
        raise FieldError(f"{where}: type one_of needs 'one_of: [value, ...]'")
    if values is not None and kind in ("text", "date"):
        raise FieldError(f"{where}: 'one_of' goes with type one_of or list, not {kind}")
    required = spec.get("required", False)
    if not isinstance(required, bool):
        raise FieldError(f"{where}: 'required' must be true or false, got {required!r}")
    placeholder = spec.get("placeholder")
    if placeholder is not None and not isinstance(placeholder, str):
        raise FieldError(f"{where}: 'placeholder' must be text, such as '{{YYYY-MM-DD}}'")
    allowed = tuple(v.strip() for v in values or ())
    if placeholder is None and written.get(key_of(name)):
        placeholder = written[key_of(name)]  # as the template itself writes the field
    elif placeholder is None:
        opened, closed = delimiters
        placeholder = f"{opened}{_placeholder(kind, allowed, name)}{closed}"
    return FieldSpec(
        name=name,
        key=key_of(name),
        type=kind,
        required=required,
        values=allowed,
        placeholder=placeholder,
        scored=scored,
    )


def _placeholder(kind: str, values: tuple[str, ...], name: str) -> str:
    """A placeholder's words when the template gives none: the allowed values, the date format
    or the field's name."""
    if values:
        return " | ".join(values)
    return "YYYY-MM-DD" if kind == "date" else name


def inherit(
    parent: Sequence[FieldSpec], own: Sequence[FieldSpec], scored: bool | None
) -> tuple[FieldSpec, ...]:
    """A template's fields over those of the template it extends: its own override by key, and
    its `score_fields`, when set, applies to all of them."""
    merged = {spec.key: spec for spec in parent}
    merged.update((spec.key, spec) for spec in own)
    fields = tuple(merged.values())
    if scored is None:
        return fields
    return tuple(spec._replace(scored=scored) for spec in fields)


# -- a page's values --------------------------------------------------------------------------


class _Found(NamedTuple):
    value: Any
    line: int | None  # 1-based in the file; None when not known


def _front_lines(front: str | None, first: int) -> dict[str, int]:
    """Top-level keys of the front matter's text -> their line (1-based, in the file)."""
    found: dict[str, int] = {}
    for number, line in enumerate((front or "").split("\n"), first):
        if line[:1] not in ("", " ", "\t", "#", "-") and ":" in line:
            found.setdefault(key_of(line.split(":", 1)[0].strip("'\" ")), number)
    return found


def _read_values(
    fields: Sequence[FieldSpec],
    meta: Mapping[Any, Any],
    listed: MetaList | None,
    front: str | None = None,
    body_line: int | None = None,
) -> dict[str, _Found]:
    """The page's value of each field, by key: front matter first, then the metadata list (read
    only when the template writes fields there). Lines only when `body_line` is given."""
    keys = {spec.key for spec in fields}
    found: dict[str, _Found] = {}
    lines = _front_lines(front, 2) if body_line is not None and meta else {}
    for name, value in meta.items():
        key = key_of(name) if isinstance(name, str) else ""
        if key in keys and key not in found:
            found[key] = _Found(value, lines.get(key))
    for item in listed.items if listed else ():
        key = key_of(item.key)
        if key in keys and key not in found:
            line = body_line + item.row if body_line is not None else None
            found[key] = _Found(item.value, line)
    return found


def judge_fields(
    fields: Sequence[FieldSpec],
    pattern: re.Pattern[str],
    meta: Mapping[Any, Any],
    body: str,
    document: FrontMatter | None = None,
) -> tuple[FieldVerdict, ...]:
    """Every field of the template, in its order, judged on the page. With the page's
    `document` (from its source), verdicts point at lines: a missing field at the place `fix`
    would add it."""
    if not fields:
        return ()
    in_list = any(spec.label is not None for spec in fields)
    listed = metadata_list(body) if in_list else None
    front = document.front if document else None
    body_line = document.body_line if document else None
    values = _read_values(fields, meta, listed, front, body_line)
    missing_line = _missing_line(document, listed) if document else None
    verdicts = []
    for spec in fields:
        found = values.get(spec.key)
        if found is None:
            verdict = FieldVerdict(spec.name, State.MISSING, spec.required, spec.scored)
            verdicts.append(verdict._replace(line=missing_line))
            continue
        state, cause, near = judge_value(spec, found.value, pattern)
        verdicts.append(
            FieldVerdict(
                spec.name,
                state,
                spec.required,
                spec.scored,
                found.line,
                shown(found.value),
                near,
                cause,
            )
        )
    return tuple(verdicts)


def _missing_line(document: FrontMatter, listed: MetaList | None) -> int:
    """Where a missing field belongs: the end of the metadata list, else the front matter's
    closing line, else the top."""
    if listed and listed.items:
        return document.body_line + listed.items[-1].row
    return document.closing_line or 1


# -- one value --------------------------------------------------------------------------------


# How much of a nested YAML value is written out: a page can alias one list into itself nine
# levels deep ("billion laughs"), which written out in full never ends.
_DEPTH = 3
_ITEMS = 200


def shown(value: Any, depth: int = 0) -> str:
    """A value in text, as the page wrote it: a YAML date as ISO, an unquoted `{...}` (a mapping
    of empty values) back in its braces, a list as `a, b`."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (Mapping, list)) and depth >= _DEPTH:
        return "…"
    if isinstance(value, Mapping):
        inner = ", ".join(
            str(k) if v is None else f"{k}: {shown(v, depth + 1)}"
            for k, v in list(value.items())[:_ITEMS]
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return ", ".join(shown(item, depth + 1) for item in value[:_ITEMS])
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _unfinished(spec: FieldSpec, text: str, form: str, pattern: re.Pattern[str]) -> Reason | None:
    """Why a value is not the author's yet, or None."""
    if not text:
        return Reason.of(reasons.EMPTY)
    # `status: [proposed | accepted]` unquoted is a YAML list: the author wrote the brackets.
    written = f"[{text}]" if form == "list" else text
    if fold(collapse(spec.placeholder)) in (fold(text), fold(written)):
        return Reason.of(reasons.PLACEHOLDER_ONLY, text=written)
    if is_todo(text):
        return Reason.of(reasons.TODO_MARKER, text=text)
    # A list's brackets are YAML's, not a placeholder's, where the field is a list.
    looked_at = text if spec.type == "list" else written
    if is_filler(looked_at, pattern) or is_filler(looked_at, _BRACES):
        return Reason.of(reasons.PLACEHOLDER_ONLY, text=written)
    return None


def _form(value: Any) -> str:
    """What YAML made of a value, beyond its text: a date, a list, a mapping of empty values
    (an unquoted `{...}`), another mapping, or text."""
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping) and value:
        return "braces" if all(v is None for v in value.values()) else "mapping"
    return "text"


def judge_value(
    spec: FieldSpec, value: Any, pattern: re.Pattern[str]
) -> tuple[State, Reason | None, str | None]:
    """A present value's state, why, and a did-you-mean for a value not allowed."""
    form = _form(value)
    items = tuple(shown(item, 1) for item in value[:_ITEMS]) if form == "list" else ()
    return _judged(spec, collapse(shown(value)), form, items, pattern)


# Pages of one template give the same few values again and again (`status: accepted`): each is
# judged once.
@functools.lru_cache(maxsize=4096)
def _judged(
    spec: FieldSpec, text: str, form: str, items: tuple[str, ...], pattern: re.Pattern[str]
) -> tuple[State, Reason | None, str | None]:
    if form == "braces":
        # `date: {YYYY-MM-DD}` unquoted: YAML reads a mapping; the author wrote a placeholder.
        return State.UNFINISHED, Reason.of(reasons.PLACEHOLDER_ONLY, text=text), None
    if form == "mapping":
        return State.INVALID, Reason.of(reasons.NOT_TEXT, value=text), None
    cause = _unfinished(spec, text, form, pattern)
    if cause is not None:
        return State.UNFINISHED, cause, None
    if spec.type == "date":
        if form == "date" or _is_iso_date(text):
            return State.COMPLETE, None, None
        return State.INVALID, Reason.of(reasons.NOT_A_DATE, value=text), None
    if spec.values:
        if spec.type != "list":
            items = (text,)
        elif form != "list":  # a list written as text: `Ana, Bo`
            items = tuple(text.split(","))
        for item in (collapse(i) for i in items):
            if item and not any(starts_with(item, allowed) for allowed in spec.values):
                near = _closest(item, spec.values)
                params = {"value": item, "values": ", ".join(spec.values)}
                if near:
                    params["did_you_mean"] = near
                return State.INVALID, Reason.of(reasons.NOT_ONE_OF, **params), near
    return State.COMPLETE, None, None


def _is_iso_date(text: str) -> bool:
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return False
    try:
        datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def _closest(value: str, allowed: Sequence[str]) -> str | None:
    """The allowed value a misspelt one was meant to be, compared on as many first words."""
    said = first_words(value).split()
    best, ratio = None, 0.0
    for entry in allowed:
        size = len(first_words(entry).split()) or 1
        matcher = difflib.SequenceMatcher(None, " ".join(said[:size]), first_words(entry))
        if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
            continue  # cheap upper bounds first, as difflib.get_close_matches does
        score = matcher.ratio()
        if score > ratio:
            best, ratio = entry, score
    return best if ratio >= 0.75 else None


# -- adding missing fields (`fix`) ------------------------------------------------------------


def yaml_line(name: str, value: str) -> str:
    """`name: value` as a front-matter line, quoted where YAML would read something else."""
    dumped = yaml.safe_dump({name: value}, allow_unicode=True, width=1 << 16)
    return dumped.rstrip("\n")


class Addition(NamedTuple):
    """Lines for `fix` to insert before a 1-based line, for the fields it names; `tight` ones go
    inside the front matter or the list, with no blank line around them."""

    before: int
    lines: list[str]
    tight: bool
    names: tuple[str, ...]


def additions(
    fields: Sequence[FieldSpec],
    verdicts: Sequence[FieldVerdict],
    document: FrontMatter,
) -> list[Addition]:
    """What `fix` adds for the missing required fields, with their placeholders. Where the
    template writes its fields in a list under the title: into the page's list, or a new one
    under the title; else into the page's YAML front matter, or new front matter at the top."""
    wanted = {v.name for v in verdicts if v.state is State.MISSING and v.required}
    specs = [spec for spec in fields if spec.name in wanted]
    if not specs:
        return []
    names = tuple(spec.name for spec in specs)
    # Only where `judge_fields` reads: the list, when the template writes its fields there.
    in_list = any(spec.label is not None for spec in fields)
    listed = metadata_list(document.body) if in_list else MetaList(None, ())
    if listed.items:
        last = listed.items[-1]
        marker = f"{last.marker} " if last.marker else ""
        lines = [f"{marker}{_label(spec)}: {spec.placeholder}" for spec in specs]
        return [Addition(document.body_line + last.row + 1, lines, True, names)]
    if in_list:
        lines = [f"* {_label(spec)}: {spec.placeholder}" for spec in specs]
        at = document.body_line + (listed.title + 1 if listed.title is not None else 0)
        return [Addition(at, lines, False, names)]
    if document.closing_line is not None:
        lines = [yaml_line(spec.name, spec.placeholder) for spec in specs]
        return [Addition(document.closing_line, lines, True, names)]
    if document.meta:
        return []  # MultiMarkdown-style metadata: no YAML to add to, and none may go above it
    lines = ["---", *(yaml_line(spec.name, spec.placeholder) for spec in specs), "---"]
    return [Addition(1, lines, True, names)]


def _label(spec: FieldSpec) -> str:
    return spec.label or spec.name[:1].upper() + spec.name[1:].replace("-", " ").replace("_", " ")
