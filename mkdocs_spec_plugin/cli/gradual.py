"""Gradual adoption: a baseline of every page's section states, regressions against it, and the
pages a change touched (`check --changed-since REF`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from ..engine.report import PageVerdict
from ..engine.templates import BUILTIN, TemplateRegistry
from ..engine.versions import split_ref
from .context import UsageError
from .files import shown, write_atomic
from .formats import Checked

FORMAT = 1  # the baseline file's version, for readers of files written by older releases


def _sections(verdict: PageVerdict) -> dict[str, str]:
    return {s.name: s.state.value for s in verdict.required}


def _fields(verdict: PageVerdict) -> dict[str, str]:
    """The scored metadata fields' states (a baseline from before fields has none)."""
    return {f.name: f.state.value for f in verdict.fields if f.counts}


def write_baseline(path: Path, results: list[Checked]) -> int:
    """Record every judged page's template, score, required section states and scored field
    states; the number of pages recorded."""
    pages = {
        v.path: {
            "template": v.template,
            "score": v.score,
            "sections": _sections(v),
            "fields": _fields(v),
        }
        for v in (r.verdict for r in results)
        if v is not None
    }
    data = {"mkdocs_spec_baseline": FORMAT, "pages": pages}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"), replace=True)
    return len(pages)


def read_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{shown(path)}: cannot read the baseline: {exc}") from exc
    if not isinstance(data, dict) or data.get("mkdocs_spec_baseline") != FORMAT:
        raise UsageError(
            f"{shown(path)}: not a baseline written by 'mkdocs-spec baseline' (format {FORMAT})"
        )
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def regressions(checked: Checked, baseline: dict[str, Any], threshold: int) -> list[str]:
    """What got worse on a page since the baseline: a section or field that was complete and is
    not, or a new page below the threshold."""
    verdict = checked.verdict
    if verdict is None:
        return []
    before = baseline.get(checked.path)
    if not isinstance(before, dict):
        if verdict.score < threshold:
            return [f"new page at {verdict.score}%, below {threshold}%"]
        return []
    found = []
    for key, now, what in (
        ("sections", _sections(verdict), ""),
        ("fields", _fields(verdict), "field "),
    ):
        for name, state in (before.get(key) or {}).items():
            current = now.get(name, "missing")
            if state == "complete" and current != "complete":
                found.append(f"{what}'{name}' was complete, now {current}")
    return found


def _git(args: list[str], cwd: Path) -> list[str]:
    try:
        result = subprocess.run(
            ["git", *args], capture_output=True, text=True, cwd=cwd, check=False
        )
    except OSError as exc:
        raise UsageError(f"--changed-since needs git: {exc.strerror}") from exc
    if result.returncode != 0:
        raise UsageError(f"--changed-since: git {' '.join(args)}: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line]


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Files changed since `ref` (committed, staged, or not yet), and new untracked files."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd)[0])
    names = _git(["diff", "--name-only", ref, "--"], cwd)
    names += _git(["ls-files", "--others", "--exclude-standard", "--full-name"], cwd)
    return {(root / name).resolve() for name in names}


def changed_templates(registry: TemplateRegistry, changed: set[Path]) -> set[str]:
    """Ids of the templates whose file changed, and of every template that extends one. Every
    version counts: a change to `kep@2024.md` concerns the pages pinned to it."""
    every = list(registry.every())
    ids = {t.id for t in every if t.source != BUILTIN and Path(t.source).resolve() in changed}
    grew = True
    while grew:
        more = {t.id for t in every if t.extends and split_ref(t.extends)[0] in ids} - ids
        ids |= more
        grew = bool(more)
    return ids
