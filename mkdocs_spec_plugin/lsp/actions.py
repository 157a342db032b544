"""Code actions: what `mkdocs-spec fix` does, one section at a time or all at once."""

from __future__ import annotations

from lsprotocol import types

from ..engine import fix
from ..engine.model import State
from .analysis import Analysis, split_lines
from .diagnostics import Units


def _position(text: str, offset: int, units: Units) -> types.Position:
    lines = split_lines(text[:offset])
    return types.Position(len(lines) - 1, units(lines[-1]))


def text_edit(old: str, new: str, units: Units) -> types.TextEdit:
    """The one edit that turns `old` into `new`: `fix` only inserts and renames, so the texts
    share a head and a tail, and only what lies between them is sent (the editor keeps its
    cursor and undo history, which a whole-document replacement loses)."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    head = old.rfind("\n", 0, head) + 1  # whole lines: an edit an author can read in a preview
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    while 0 < tail < len(old) and old[len(old) - tail - 1] != "\n":
        tail -= 1
    start, end = _position(old, head, units), _position(old, len(old) - tail, units)
    return types.TextEdit(types.Range(start, end), new[head : len(new) - tail])


def _action(
    title: str, uri: str, analysis: Analysis, fixed: str, units: Units, preferred: bool = False
) -> types.CodeAction:
    edit = text_edit(analysis.text, fixed, units)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
        is_preferred=preferred,
    )


def _inserted(analysis: Analysis, insertion: fix.Insertion, plain: fix.Insertion) -> str:
    """The text with one section inserted: with the template's guidance unless that guidance
    would turn the new heading into code (a fence the page left open), as `fix.repair` decides."""
    fixed = fix.apply(analysis.text, [insertion])
    report = analysis.judge(fixed)
    if report is not None:
        missing = {r.path for r in report.sections if r.state is State.MISSING}
        if not any(path in missing for path in insertion.paths):
            return fixed
    return fix.apply(analysis.text, [plain])


def code_actions(
    analysis: Analysis, uri: str, first: int, last: int, units: Units
) -> list[types.CodeAction]:
    """The fixes for the sections whose diagnostics lie on lines `first`..`last` (1-based), and
    one inserting every missing section."""
    report = analysis.report
    if report is None:
        return []
    actions = []
    for rename in fix.near_misses(report):
        if first <= rename.line <= last:
            renamed, _ = fix.rename(analysis.text, [rename])
            title = f"Rename '{rename.was}' to '{rename.title}'"
            actions.append(_action(title, uri, analysis, renamed, units, preferred=True))
    lines = {result.path: result.line or 1 for result in report.sections}
    insertions = fix.plan(report)
    for insertion, plain in zip(insertions, fix.plan(report, guidance=False)):
        top = min(insertion.paths, key=len)  # a missing parent brings its children
        if first <= lines[top] <= last:
            name = " / ".join(top)
            fixed = _inserted(analysis, insertion, plain)
            actions.append(_action(f"Insert section '{name}'", uri, analysis, fixed, units, True))
    if insertions:
        fixed, _, _ = fix.repair(analysis.text, report, analysis.judge)
        count = sum(len(i.paths) for i in insertions)
        title = f"Insert all {count} missing section{'s' if count != 1 else ''}"
        actions.append(_action(title, uri, analysis, fixed, units))
    fields = fix.plan_fields(report, analysis.text)
    if fields:  # the missing required fields, with their placeholders, as `fix` adds them
        names = ", ".join(name for insertion in fields for name in insertion.fields)
        fixed = fix.apply(analysis.text, fields)
        actions.append(_action(f"Add missing fields: {names}", uri, analysis, fixed, units))
    return actions
