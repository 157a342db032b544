"""Hostile and broken input: a real `mkdocs build` of a site made of it, and `mkdocs-spec check` and
`fix --dry-run` on the same pages.

The corpus: binary junk named `.md`, a NUL in a page, a 1 MB heading, lists and quotes nested
10,000 levels deep, thousands of headings, unclosed fences, comments and HTML, `<script>` and
`"><img onerror=...>` in page headings and in a team template's title, section titles and name,
template ids that look like paths (`../../etc/passwd`, `/etc/passwd`, `C:\\x`, one with a NUL), bad
front matter of every kind (invalid YAML, a Python tag, a "billion laughs" alias bomb, 10,000 keys),
and inline HTML that made our readers slow (thousands of unclosed `<h2>`, a link with 40 `<>`).

Each page builds with a warning that names its file, or is judged as usual; nothing raises, no
page carries markup from our badge or admonition that is not escaped, no file outside the template
folders is opened by us for a template id, and no source file changes.

Sizes: CI builds 10,000 nesting levels as a one-line list (`- - - ... x`) and as 1,000 indented
levels, and 20,000 headings, because Python-Markdown itself (not our code) takes about 45 s on a
10,000-level indented list even after flattening, and 12 s on 100,000 headings. `HOSTILE_FULL=1`
builds the full sizes and adds them (a 50 MB page of 10,000 indented levels, 100,000 headings) to
the printed figures:

    HOSTILE_FULL=1 python -m pytest tests/test_hostile.py
    python -m pytest tests/test_hostile.py -s -k figures     # print time and memory per page
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import mkdocs_spec_plugin
from conftest import ENV
from mkdocs_spec_plugin.cli import main
from mkdocs_spec_plugin.engine.html_reader import read_html
from mkdocs_spec_plugin.engine.judge import judge
from mkdocs_spec_plugin.engine.nesting import flatten
from mkdocs_spec_plugin.engine.page import decode, judge_page
from mkdocs_spec_plugin.engine.profile import MarkdownProfile
from mkdocs_spec_plugin.engine.resolve import Matcher
from mkdocs_spec_plugin.engine.templates import builtin_dir, load_registry
from mkdocs_spec_plugin.plugin.plugin import SpecPlugin

FULL = os.environ.get("HOSTILE_FULL") == "1"
NESTING = 10_000  # levels, in every form
INDENTED_IN_BUILD = NESTING if FULL else 1_000
HEADINGS = 100_000
HEADINGS_IN_BUILD = HEADINGS if FULL else 20_000
PACKAGE = Path(mkdocs_spec_plugin.__file__).resolve().parent

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SPEC = "---\nspec: design-doc\n---\n\n"


def _laughs() -> str:
    """YAML whose last alias stands for 9**9 strings ("billion laughs")."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\nspec: *i\n---\n\n# Laughs\n"


def indented(levels: int) -> str:
    return (
        SPEC
        + "# Deep\n\n## Current Context\nText.\n\n"
        + "".join("\t" * level + f"- level {level}\n" for level in range(levels))
    )


def headings(count: int) -> str:
    return SPEC + "# Many\n\n" + "".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(count))


@dataclass
class Case:
    """A hostile page: its bytes, and what the build must do with it."""

    name: str
    data: bytes
    warns: bool  # the build warns, naming the file
    judged: bool  # the built page carries a badge
    covers: str = ""


def _case(name: str, text: str | bytes, warns: bool, judged: bool, covers: str = "") -> Case:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return Case(name, data, warns, judged, covers)


INJECTION_BODY = f"""# Cache {SCRIPT} Design Document

## Current Context {SCRIPT}
The cache sits in front of the profile store.

## Securty {IMG} Considerations
Only the gateway calls it.

<h2>Rollout {SCRIPT} Strategy</h2>

Testing Strategy {IMG}
----------------------

## Observability
[&lt;script&gt;alert(1)&lt;/script&gt;]

## Technical Design
&lt;img src=x onerror=alert(1)&gt; is what we escape.
"""

EVIL_TEMPLATE = f"""---
id: evil
name: '{SCRIPT} Evil'
description: '{IMG}'
---

# {SCRIPT} [Title] {IMG}

## Security {SCRIPT}
[Describe it]

## {IMG} Threats
[List them]

## Plain

### Child {SCRIPT}
[Fill in]
"""

# A valid template where a naive `templates_dir / f"{id}.md"` would look for `../../etc/passwd`: if
# any code read it, the page would be judged against it, and the read would be recorded.
BAIT_TEMPLATE = "---\nid: canary\n---\n\n# Canary\n\n## Canary Section\n[x]\n"


def corpus() -> list[Case]:
    return [
        _case("binary.md", bytes(range(256)) * 64 + b"\xff\xfe\xfd\x00\x80", True, False),
        _case("nul.md", SPEC + "# Nul\x00\n\n## Current Context\nA\x00B\n", True, True),
        _case(
            "huge-heading.md",
            SPEC + "# Huge\n\n## " + "Security Considerations " * 43_000 + "\n\nText.\n",
            True,
            True,
            "a 1 MB heading",
        ),
        _case(
            "huge-injected-heading.md",
            SPEC + "# Huge\n\n## " + f"Security {SCRIPT} {IMG} " * 1_600 + "\n\nText.\n",
            True,
            True,
            "a 100 KB heading made of injections",
        ),
        _case("deep-indent.md", indented(INDENTED_IN_BUILD), True, True),
        _case("deep-chain.md", SPEC + "# Chain\n\n" + "- " * NESTING + "x\n", True, True),
        _case("deep-quote.md", SPEC + "# Quote\n\n" + "> " * NESTING + "x\n", True, True),
        _case(
            "deep-mixed.md",
            SPEC + "# Mixed\n\n" + "".join(" " * (2 * i) + "> - " for i in range(3)) * 3000 + "x\n",
            True,
            True,
        ),
        _case("inject.md", SPEC + INJECTION_BODY, True, True),
        # Round two: shapes that made our readers superlinear (bench/scaling.py times them at
        # sizes far beyond these; Python-Markdown itself is quadratic on the first two).
        _case(
            "brackets.md",
            SPEC + "# B\n\n## " + "[" * 2_000 + "\n\n" + "[x " * 1_000 + "\n",
            True,
            True,
        ),
        _case(
            "raw-anchors.md",
            SPEC + "# A\n\n## Current Context\n\n<div>" + "<a" * 8_000 + "</div>\n",
            True,
            True,
            "raw HTML of 8,000 '<a'",
        ),
        _case(
            "evil-page.md", "---\nspec: evil\n---\n\n# Evil page\n\n## Plain\nText.\n", True, True
        ),
        _case("id-relative.md", "---\nspec: ../../etc/passwd\n---\n\n# P\n", True, False),
        _case("id-absolute.md", "---\nspec: /etc/passwd\n---\n\n# P\n", True, False),
        _case("id-drive.md", "---\nspec: 'C:\\x'\n---\n\n# P\n", True, False),
        _case("id-nul.md", '---\nspec: "design-doc\\0"\n---\n\n# P\n', True, False),
        _case("id-nul-raw.md", "---\nspec: design\x00doc\n---\n\n# P\n", True, False),
        _case("bad-yaml.md", "---\nspec: [unclosed\n---\n\n# P\n", True, False),
        _case(
            "python-tag.md",
            '---\nspec: !!python/object/apply:os.system ["echo pwned > PWNED"]\n---\n\n# P\n',
            True,
            False,
        ),
        _case("laughs.md", _laughs(), True, False, "a YAML alias bomb as the template id"),
        _case(
            "huge-front-matter.md",
            "---\nspec: design-doc\n"
            + "".join(f"k{i}: {'v' * 40}\n" for i in range(10_000))
            + "---\n\n# P\n",
            True,
            True,
        ),
        _case("not-a-mapping.md", "---\n- a\n- b\n---\n\n# P\n", False, False),
        _case(
            "html-bombs.md",
            SPEC
            + "# Bombs\n\n## Current Context\n"
            + "<h2>" * 20_000
            + "\n\n"
            + '<a class="headerlink">' * 5_000
            + "\n\n"
            + "<tr>" * 5_000
            + "\n\n"
            + "<!--" * 5_000
            + "\n",
            True,
            True,
            "inline HTML that made the readers quadratic",
        ),
        _case(
            "link-bomb.md", SPEC + "# L\n\n## Current Context\n[a](" + "<>" * 40 + "\n", True, True
        ),
        _case(
            "control.md",
            SPEC + "# C\x02t\x03l\n\n## Current\x02 Context\n\x01\x07\x1b[31m\u202e\u2028\ufeff\n",
            True,
            True,
        ),
        _case(
            "unclosed.md",
            SPEC
            + "# U\n\n## Current Context\n<div>\n\n```python\n## Security\n<!-- never closed\n",
            True,
            True,
        ),
        _case("empty.md", "", False, False),
        _case("only-front-matter.md", SPEC, True, True),
        _case("crlf-bom.md", "\ufeff" + SPEC.replace("\n", "\r\n") + "# T\r\n", True, True),
    ]


# -- recording which files are opened -----------------------------------------------------------


@dataclass
class Opened:
    everything: list[Path] = field(default_factory=list)  # by anyone (MkDocs, Jinja, Python)
    ours: list[Path] = field(default_factory=list)  # from a frame of mkdocs_spec_plugin


def _ours() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(str(PACKAGE)):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@contextlib.contextmanager
def recording_opens() -> Iterator[Opened]:
    """Record every path given to `open`, `io.open` (and so `Path.open`, `read_text`...) and
    `os.open` while the block runs, and which of them our package opened."""
    opened = Opened()
    real_open, real_os_open = builtins.open, os.open

    def note(path: object) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            where = Path(os.fsdecode(path))
            opened.everything.append(where)
            if _ours():
                opened.ours.append(where)

    def fake_open(file, *args, **kwargs):
        note(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        note(path)
        return real_os_open(path, *args, **kwargs)

    with (
        mock.patch("builtins.open", fake_open),
        mock.patch("io.open", fake_open),
        mock.patch("os.open", fake_os_open),
    ):
        yield opened


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


# -- the corpus site ------------------------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Site:
    root: Path  # the site's folder (mkdocs.yml, docs/, templates/)
    docs: Path
    templates: Path
    bait: list[Path]
    config_file: Path
    warnings: list[str]
    errors: list[str]
    opened: Opened
    html: dict[str, str]  # page -> the HTML our on_page_content received
    seconds: float

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def page_html(self, src: str) -> str:
        stem = src[:-3]
        name = "index.html" if stem == "index" else f"{stem}/index.html"
        return (self.site_dir / name).read_text(encoding="utf-8")

    def verdict(self, src: str) -> BeautifulSoup:
        """The badge and the admonition of a built page (whole pages are megabytes here)."""
        return BeautifulSoup("".join(verdict_fragments(self.page_html(src))), "html.parser")


_FRAGMENT_RE = re.compile(
    r'<p class="spec-badge-row">.*?</p>'
    r'|<(details|div) class="[^"]*\bspec-missing\b[^"]*".*?</\1>'
    r'|<table class="spec-report">.*?</table>',
    re.DOTALL,
)


def verdict_fragments(html: str) -> list[str]:
    return [m.group(0) for m in _FRAGMENT_RE.finditer(html)]


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _write_site(base: Path, cases: list[Case], enabled: bool = True) -> tuple[Path, list[Path]]:
    """The site lives two folders down, so that `../../etc/passwd` from its templates or docs
    folder lands on bait files we planted (and `C:\\x` beside mkdocs.yml)."""
    root = base / "a" / "b"
    docs, templates = root / "docs", root / "templates"
    docs.mkdir(parents=True)
    templates.mkdir()
    for case in cases:
        (docs / case.name).write_bytes(case.data)
    (templates / "evil.md").write_text(EVIL_TEMPLATE, encoding="utf-8")
    bait = [base / "a" / "etc" / "passwd", base / "a" / "etc" / "passwd.md", root / "C:\\x.md"]
    for path in bait:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BAIT_TEMPLATE, encoding="utf-8")
    settings = {
        "site_name": "Hostile",
        "theme": {"name": "mkdocs"},
        "plugins": [{"spec": {"templates_dir": "templates", "enabled": enabled}}],
        "nav": ["inject.md"] if any(c.name == "inject.md" for c in cases) else [],
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return config_file, bait


def build_in_process(base: Path, cases: list[Case], enabled: bool = True) -> Site:
    config_file, bait = _write_site(base, cases, enabled)
    root = config_file.parent
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    html: dict[str, str] = {}
    cwd = Path.cwd()
    try:
        os.chdir(root)  # relative paths (`C:\x`) resolve beside mkdocs.yml, where the bait is
        config = load_config(str(config_file))
        original = SpecPlugin._verdict

        def keep_html(self, template, page_html, page):  # the HTML the plugin judges
            html[page.file.src_uri] = page_html
            return original(self, template, page_html, page)

        started = time.perf_counter()
        with recording_opens() as opened, mock.patch.object(SpecPlugin, "_verdict", keep_html):
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        seconds = time.perf_counter() - started
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
    warnings = [r.getMessage() for r in handler.records if r.levelno == logging.WARNING]
    errors = [r.getMessage() for r in handler.records if r.levelno >= logging.ERROR]
    return Site(
        root,
        root / "docs",
        root / "templates",
        bait,
        config_file,
        warnings,
        errors,
        opened,
        html,
        seconds,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, str]]:
    base = tmp_path_factory.mktemp("hostile")
    cases = corpus()
    site = build_in_process(base, cases)
    return site, _digest(site.docs)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Thousands of headings, in a site of their own (Python-Markdown takes its time on it)."""
    case = _case("many.md", headings(HEADINGS_IN_BUILD), True, True)
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
    """Elements that run or load something, and elements with an `on...` handler."""
    found = [str(e)[:200] for e in element.find_all(_ACTIVE)]
    for e in element.find_all(True):
        if any(name.lower().startswith("on") for name in e.attrs):
            found.append(str(e)[:200])
    return found


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


# -- time and memory of our code ------------------------------------------------------------------


def _measure(work) -> tuple[float, float]:
    """Seconds (without tracing) and peak MB of Python allocations (traced, a second run)."""
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak / 1e6


def _synthetic_html(count: int) -> str:
    """What Python-Markdown renders for `headings(count)` (rendering it takes 12 s, not ours)."""
    return '<h1 id="many">Many</h1>\n' + "".join(
        f'<h2 id="heading-{i}">Heading {i}</h2>\n<p>Text {i}.</p>\n' for i in range(count)
    )


def test_figures_time_and_memory_per_page(hostile) -> None:
    """Our code only (no Python-Markdown): the check's path (`judge_page` on the Markdown) and the
    plugin's (flattening, then `read_html` and `judge` on the HTML MkDocs rendered). No bound is
    asserted, timings are noisy; the figures are printed (`pytest -s -k figures`)."""
    site, _ = hostile
    profile = MarkdownProfile.from_extensions(["toc", "tables", "fenced_code"])
    matcher = Matcher(load_registry(site.templates, profile))
    rows = []
    pages = {case.name: case.data for case in corpus()}
    html = dict(site.html)
    if FULL:  # the full sizes take a minute with tracing; the CI corpus stays quick
        pages[f"deep-indent-{NESTING}.md"] = indented(NESTING).encode()
        pages[f"headings-{HEADINGS}.md"] = headings(HEADINGS).encode()
        html[f"headings-{HEADINGS}.md"] = _synthetic_html(HEADINGS)
    for name, data in pages.items():
        text = decode(data) or data.decode("utf-8", errors="replace")
        check = _measure(lambda text=text, name=name: judge_page(text, matcher, name, profile))
        report = judge_page(text, matcher, name, profile).report
        rendered = html.get(name) if report is not None else None
        body = text.split("\n---\n", 1)[-1]

        def plugin_path(body=body, rendered=rendered, report=report) -> None:
            flatten(body)  # on_page_markdown, on every page
            if rendered is not None and report is not None:  # on_page_content, on spec pages
                judge(report.template, read_html(rendered))

        plugin = _measure(plugin_path)
        note = "" if rendered is not None or report is None else "(flattening only: not built)"
        rows.append((name, len(data) / 1e6, *check, *plugin, note))
    print(f"\n{'page':32} {'MB':>7} {'check s':>8} {'peak MB':>8} {'plugin s':>9} {'peak MB':>8}")
    for name, size, cs, cm, ps, pm, note in rows:
        print(f"{name:32} {size:7.2f} {cs:8.3f} {cm:8.1f} {ps:9.3f} {pm:8.1f} {note}")
    print(f"build of the corpus site: {site.seconds:.1f} s (Python-Markdown and MkDocs included)")
    assert len(rows) == len(pages)  # measured, never bounded: timings are noisy


def test_python_markdown_alone_still_breaks_on_deep_nesting() -> None:
    """Why the plugin flattens: without it, Python-Markdown itself raises on this page."""
    with pytest.raises(RecursionError):
        markdown.markdown("- " * 1_000 + "x\n")
    markdown.markdown(flatten("- " * 1_000 + "x\n")[0])
