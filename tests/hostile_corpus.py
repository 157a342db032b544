"""The hostile corpus (pages that broke or slowed Markdown tools and our readers) and an in-process
`mkdocs build` of a site made of it, recording every file opened and the HTML the plugin judged.

Shared by tests/test_hostile.py and bench/hostile.py (which prints time and memory per page).
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import mkdocs_spec_plugin
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


def make_case(name: str, text: str | bytes, warns: bool, judged: bool, covers: str = "") -> Case:
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
        make_case("binary.md", bytes(range(256)) * 64 + b"\xff\xfe\xfd\x00\x80", True, False),
        make_case("nul.md", SPEC + "# Nul\x00\n\n## Current Context\nA\x00B\n", True, True),
        make_case(
            "huge-heading.md",
            SPEC + "# Huge\n\n## " + "Security Considerations " * 43_000 + "\n\nText.\n",
            True,
            True,
            "a 1 MB heading",
        ),
        make_case(
            "huge-injected-heading.md",
            SPEC + "# Huge\n\n## " + f"Security {SCRIPT} {IMG} " * 1_600 + "\n\nText.\n",
            True,
            True,
            "a 100 KB heading made of injections",
        ),
        make_case("deep-indent.md", indented(INDENTED_IN_BUILD), True, True),
        make_case("deep-chain.md", SPEC + "# Chain\n\n" + "- " * NESTING + "x\n", True, True),
        make_case("deep-quote.md", SPEC + "# Quote\n\n" + "> " * NESTING + "x\n", True, True),
        make_case(
            "deep-mixed.md",
            SPEC + "# Mixed\n\n" + "".join(" " * (2 * i) + "> - " for i in range(3)) * 3000 + "x\n",
            True,
            True,
        ),
        make_case("inject.md", SPEC + INJECTION_BODY, True, True),
        # Round two: shapes that made our readers superlinear (bench/scaling.py times them at
        # sizes far beyond these; Python-Markdown itself is quadratic on the first two).
        make_case(
            "brackets.md",
            SPEC + "# B\n\n## " + "[" * 2_000 + "\n\n" + "[x " * 1_000 + "\n",
            True,
            True,
        ),
        make_case(
            "raw-anchors.md",
            SPEC + "# A\n\n## Current Context\n\n<div>" + "<a" * 8_000 + "</div>\n",
            True,
            True,
            "raw HTML of 8,000 '<a'",
        ),
        make_case(
            "evil-page.md", "---\nspec: evil\n---\n\n# Evil page\n\n## Plain\nText.\n", True, True
        ),
        make_case("id-relative.md", "---\nspec: ../../etc/passwd\n---\n\n# P\n", True, False),
        make_case("id-absolute.md", "---\nspec: /etc/passwd\n---\n\n# P\n", True, False),
        make_case("id-drive.md", "---\nspec: 'C:\\x'\n---\n\n# P\n", True, False),
        make_case("id-nul.md", '---\nspec: "design-doc\\0"\n---\n\n# P\n', True, False),
        make_case("id-nul-raw.md", "---\nspec: design\x00doc\n---\n\n# P\n", True, False),
        make_case("bad-yaml.md", "---\nspec: [unclosed\n---\n\n# P\n", True, False),
        make_case(
            "python-tag.md",
            '---\nspec: !!python/object/apply:os.system ["echo pwned > PWNED"]\n---\n\n# P\n',
            True,
            False,
        ),
        make_case("laughs.md", _laughs(), True, False, "a YAML alias bomb as the template id"),
        make_case(
            "huge-front-matter.md",
            "---\nspec: design-doc\n"
            + "".join(f"k{i}: {'v' * 40}\n" for i in range(10_000))
            + "---\n\n# P\n",
            True,
            True,
        ),
        make_case("not-a-mapping.md", "---\n- a\n- b\n---\n\n# P\n", False, False),
        make_case(
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
        make_case(
            "link-bomb.md", SPEC + "# L\n\n## Current Context\n[a](" + "<>" * 40 + "\n", True, True
        ),
        make_case(
            "control.md",
            SPEC + "# C\x02t\x03l\n\n## Current\x02 Context\n\x01\x07\x1b[31m\u202e\u2028\ufeff\n",
            True,
            True,
        ),
        make_case(
            "unclosed.md",
            SPEC
            + "# U\n\n## Current Context\n<div>\n\n```python\n## Security\n<!-- never closed\n",
            True,
            True,
        ),
        make_case("empty.md", "", False, False),
        make_case("only-front-matter.md", SPEC, True, True),
        make_case("crlf-bom.md", "\ufeff" + SPEC.replace("\n", "\r\n") + "# T\r\n", True, True),
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
    r'|<div class="spec-report"><table>.*?</table>'
    r'|<figure class="spec-report-figure[^"]*">.*?</figure>'
    r'|<details class="spec-report-gap".*?</details>',
    re.DOTALL,
)


def verdict_fragments(html: str) -> list[str]:
    return [m.group(0) for m in _FRAGMENT_RE.finditer(html)]


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
