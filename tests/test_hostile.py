"""Hostile and broken input: a real `mkdocs build` of a site made of it, and `mkdocs-spec check` and
`fix --dry-run` on the same pages.

The corpus (tests/hostile_corpus.py, shared with bench/hostile.py): binary junk named `.md`, a NUL
in a page, a 1 MB heading, lists and quotes nested 10,000 levels deep, thousands of headings,
unclosed fences, comments and HTML, `<script>` and `"><img onerror=...>` in page headings and in a
team template's title, section titles and name, template ids that look like paths
(`../../etc/passwd`, `/etc/passwd`, `C:\\x`, one with a NUL), bad front matter of every kind
(invalid YAML, a Python tag, a "billion laughs" alias bomb, 10,000 keys), and inline HTML that made
our readers slow (thousands of unclosed `<h2>`, a link with 40 `<>`).

Each page builds with a warning that names its file, or is judged as usual; nothing raises, no
page carries markup from our badge or admonition that is not escaped, no file outside the template
folders is opened by us for a template id, and no source file changes.

Sizes: CI builds 10,000 nesting levels as a one-line list (`- - - ... x`) and as 1,000 indented
levels, and 20,000 headings, because Python-Markdown itself (not our code) takes about 45 s on a
10,000-level indented list even after flattening, and 12 s on 100,000 headings. `HOSTILE_FULL=1`
builds the full sizes:

    HOSTILE_FULL=1 python -m pytest tests/test_hostile.py

Time and memory per page are measured, not tested: `python bench/hostile.py` prints them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ENV
from hostile_corpus import (
    BAIT_TEMPLATE,
    HEADINGS_IN_BUILD,
    Case,
    Opened,
    Site,
    build_in_process,
    corpus,
    headings,
    make_case,
    recording_opens,
    verdict_fragments,
)
from mkdocs_spec_plugin.cli import main
from mkdocs_spec_plugin.engine.nesting import flatten
from mkdocs_spec_plugin.engine.templates import builtin_dir


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, str]]:
    base = tmp_path_factory.mktemp("hostile")
    cases = corpus()
    site = build_in_process(base, cases)
    return site, _digest(site.docs)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Thousands of headings, in a site of their own (Python-Markdown takes its time on it)."""
    case = make_case("many.md", headings(HEADINGS_IN_BUILD), True, True)
    return build_in_process(tmp_path_factory.mktemp("many"), [case])


# -- the build ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", corpus(), ids=lambda c: c.name)
def test_each_page_builds_with_a_warning_or_a_verdict(hostile, case: Case) -> None:
    site, _ = hostile
    assert not site.errors, site.errors
    named = [w for w in site.warnings if case.name in w]
    badges = site.verdict(case.name).select(".spec-badge")
    if case.warns:
        assert named, f"no warning names {case.name}: {site.warnings[:20]}"
    if case.judged:
        assert len(badges) == 1, f"{case.name}: {len(badges)} badges"
    else:
        assert not badges, f"{case.name} was judged"
    for warning in named:
        assert "Traceback" not in warning and len(warning) < 2_000, warning[:300]


def test_deep_nesting_is_flattened_not_fatal(hostile) -> None:
    site, _ = hostile
    for name in ("deep-indent.md", "deep-chain.md", "deep-quote.md", "deep-mixed.md"):
        assert any(name in w and "nested deeper than" in w for w in site.warnings), name
        assert site.verdict(name).select_one(".spec-badge") is not None


def test_many_headings_build(many: Site) -> None:
    assert not many.errors
    assert many.verdict("many.md").select_one(".spec-badge")["data-spec-score"] == "0"
    html = many.page_html("many.md")
    assert html.count('<h2 id="heading-') == HEADINGS_IN_BUILD  # every heading is there
    assert html.index('class="spec-badge-row"') < html.index('<h2 id="heading-0"')  # under the H1


def test_no_source_file_changes(hostile) -> None:
    site, before = hostile
    assert _digest(site.docs) == before
    for path in site.bait:
        assert path.read_text(encoding="utf-8") == BAIT_TEMPLATE
    assert not (site.root / "PWNED").exists(), "a YAML tag ran a command"


# -- what readers see ---------------------------------------------------------------------------

_ACTIVE = ["script", "img", "svg", "iframe", "object", "embed"]


def _active(element) -> list[str]:
    """Elements that run or load something, and elements with an `on...` handler. The report's
    own charts are SVG (the outer element only: nothing from a page may be inside as markup)."""
    found = [str(e)[:200] for e in element.find_all(_ACTIVE) if not _chart(e)]
    for e in element.find_all(True):
        if any(name.lower().startswith("on") for name in e.attrs):
            found.append(str(e)[:200])
    return found


def _chart(element) -> bool:
    parent = element.parent
    return (
        element.name == "svg"
        and element.get("class") == ["spec-chart"]
        and parent is not None
        and "spec-report-figure" in (parent.get("class") or [])
    )


def _built_pages(site: Site) -> list[Path]:
    return sorted(site.site_dir.rglob("*.html"))


def test_verdicts_hold_no_markup(hostile) -> None:
    """Page and template text in the badge, the admonition and the report is only ever text."""
    site, _ = hostile
    checked = 0
    for path in _built_pages(site):
        for fragment in verdict_fragments(path.read_text(encoding="utf-8")):
            element = BeautifulSoup(fragment, "html.parser")
            assert not _active(element), f"{path}: {_active(element)}"
            checked += 1
    assert checked > 20


def test_injected_text_is_shown_as_text(hostile) -> None:
    site, _ = hostile
    evil = site.verdict("evil-page.md").select_one(".spec-missing")
    assert evil is not None
    text = evil.get_text()
    assert "<script>alert(1)</script>" in text  # the template's own titles, as text
    # A template title is shown as a reader sees it: its markup is gone, never made active.
    assert "Threats" in text and not evil.select("img, script, [onerror]")
    inject = site.verdict("inject.md").select_one(".spec-missing").get_text()
    assert "<script>alert(1)</script>" in inject  # the Observability placeholder, quoted as text


def test_the_plugin_adds_no_active_element(hostile, tmp_path: Path) -> None:
    """The same pages built without the plugin have exactly the same scripts, images and
    handlers: whatever the authors' raw HTML holds, the plugin adds nothing of its own."""
    site, _ = hostile
    # Without the plugin, MkDocs itself stops on the deep pages (RecursionError) and on binary.md
    # (UnicodeDecodeError): those are what the plugin saves.
    quiet = [c for c in corpus() if not c.name.startswith(("deep-", "binary"))]
    without = build_in_process(tmp_path, quiet, enabled=False)
    for case in quiet:
        ours = Counter(_active(BeautifulSoup(site.page_html(case.name), "html.parser")))
        theirs = Counter(_active(BeautifulSoup(without.page_html(case.name), "html.parser")))
        assert ours == theirs, f"{case.name}: {ours - theirs}"


# -- what is opened -----------------------------------------------------------------------------


def _allowed_roots(site: Site) -> list[Path]:
    return [
        site.docs.resolve(),
        site.templates.resolve(),
        builtin_dir().resolve(),
        site.site_dir.resolve(),
        site.config_file.resolve(),
    ]


def _assert_only_allowed(site: Site, opened: Opened) -> None:
    for path in opened.everything:
        assert path.resolve() not in {p.resolve() for p in site.bait}, f"bait opened: {path}"
        assert path.resolve() != Path("/etc/passwd"), "opened /etc/passwd"
    roots = _allowed_roots(site)
    outside = sorted({str(p) for p in opened.ours if not (_inside(p, roots) or _scratch(p))})
    assert not outside, f"our code opened files outside the site and template folders: {outside}"


def _scratch(path: Path) -> bool:
    """Inside the plugin's own scratch folder (`mkdocs-spec-*` in the temporary directory)."""
    import tempfile

    temporary = Path(tempfile.gettempdir()).resolve()
    resolved = path.resolve()
    return any(
        p.parent == temporary and p.name.startswith("mkdocs-spec-")
        for p in (resolved, *resolved.parents)
    )


def test_build_opens_nothing_outside_the_template_folders(hostile) -> None:
    site, _ = hostile
    assert site.opened.ours, "the recording saw nothing"
    _assert_only_allowed(site, site.opened)
    # Every Markdown file we opened outside docs_dir is a template, or a page the plugin writes
    # in its scratch folder (the report, a decoded copy of binary.md).
    templates = [
        p
        for p in site.opened.ours
        if p.suffix == ".md" and not _inside(p, [site.docs]) and not _scratch(p)
    ]
    assert {p.resolve().parent for p in templates} <= {
        site.templates.resolve(),
        builtin_dir().resolve(),
    }


def test_path_like_ids_are_unknown_templates(hostile) -> None:
    site, _ = hostile
    for name in ("id-relative.md", "id-absolute.md", "id-drive.md", "id-nul.md"):
        warning = next(w for w in site.warnings if name in w)
        assert "unknown template" in warning, warning
        assert "canary" not in warning


# -- the command line ---------------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_cli_check_and_fix_dry_run_in_process(hostile) -> None:
    site, before = hostile
    cwd = Path.cwd()
    os.chdir(site.root)
    try:
        with recording_opens() as opened:
            check = _run("check", "-f", str(site.config_file), "--format", "json")
            text = _run("check", "-f", str(site.config_file))
            github = _run("check", "-f", str(site.config_file), "--format", "github")
            dry = _run("fix", "--dry-run", "-f", str(site.config_file))
    finally:
        os.chdir(cwd)
    for code, _, err in (check, text, github):
        assert code in (0, 1), err[-2000:]
        assert "Traceback" not in err
    assert dry[0] == 0 and "Traceback" not in dry[2], dry[2][-2000:]
    report = json.loads(check[1])
    judged = {Path(p["path"]).name for p in report["pages"]}
    warned = {Path(w["path"]).name for w in report["warnings"]}
    for case in corpus():
        assert case.name in judged | warned or not (case.warns or case.judged), case.name
    assert all(0 <= p["score"] <= 100 for p in report["pages"])
    _assert_only_allowed(site, opened)
    assert _digest(site.docs) == before, "fix --dry-run wrote to a page"


def test_cli_as_a_command(hostile) -> None:
    """The installed command, in a process of its own: exit 0 or 1, never a traceback."""
    import subprocess

    site, _ = hostile
    for args in (["check"], ["fix", "--dry-run"]):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs_spec_plugin", *args, "-f", str(site.config_file)],
            capture_output=True,
            text=True,
            env=ENV,
            cwd=site.root,
            timeout=300,
        )
        assert result.returncode in (0, 1), result.stderr[-2000:]
        assert "Traceback" not in result.stderr


def test_python_markdown_alone_still_breaks_on_deep_nesting() -> None:
    """Why the plugin flattens: without it, Python-Markdown itself raises on this page."""
    with pytest.raises(RecursionError):
        markdown.markdown("- " * 1_000 + "x\n")
    markdown.markdown(flatten("- " * 1_000 + "x\n")[0])
