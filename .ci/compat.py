#!/usr/bin/env python3
"""Compatibility matrix: the plugin, installed from its wheel, on each supported MkDocs, Material,
theme, Python and ProperDocs combination.

    python3 .ci/compat.py [--jobs N] [--only TEXT ...] [--keep]

For each combination: a fresh venv in a temporary folder (dependencies from PyPI with pip's own
cache), the wheel built once from this repository (a real, non-editable install with its
dependencies), a copy of `sample_site/` (its `theme:` block rewritten for the other themes), then
`mkdocs-spec check`, `mkdocs build` and `mkdocs build --strict` in that copy. The built HTML is
read with the standard library's HTML parser and must agree with `check` on every spec page: one
badge with the page's score and template, the admonition listing exactly the missing and
unfinished sections, no badge on plain pages, the stylesheet, the report page and
`spec-report.json`. The build logs no warning but the plugin's, and `--strict` fails on those
(the logger is the engine's). Material rows also check the navigation status icons
(`nav_status: true`). A spec page that is not UTF-8 must build, with a warning.

Prints one line per combination as it finishes, then the table. Exits 1 when any combination
failed (a skipped one, with its reason, is not a failure). Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SITE = REPO / "sample_site"
PLAIN_PAGES = ("index.md", "about.md", "unknown-template.md")  # no badge, no admonition
STYLESHEET = "assets/mkdocs-spec/spec.css"

MKDOCS_15 = "1.5.3"  # latest 1.5
MKDOCS_16 = "1.6.1"  # latest 1.6
MATERIAL_FLOOR = "9.5.0"  # the oldest Material we claim (needs mkdocs>=1.5.3)
MATERIAL_95_FOR_15 = "9.5.18"  # the newest Material that accepts MkDocs 1.5 (mkdocs~=1.5.3)
MATERIAL_95 = "9.5.50"  # latest 9.5 (mkdocs~=1.6)
MATERIAL_LATEST = "9.8.1"  # latest 9.x (mkdocs>=1.6, Python >= 3.11)
PROPERDOCS = "1.6.7"  # the MkDocs 1.x fork; reads `mkdocs.plugins` entry points


@dataclass
class Combo:
    engine: str  # "mkdocs" or "properdocs": the package and the command that builds
    version: str
    theme: str  # "material", "mkdocs" or "readthedocs"
    material: str | None = None
    pythons: tuple[str, ...] = ()  # preferred interpreters, first found wins
    min_python: tuple[int, int] = (3, 9)
    extra: tuple[str, ...] = ()  # more requirements (a theme package, pymdown-extensions)
    neighbours: bool = False  # build the neighbours site instead of the sample site
    skip: str | None = None
    note: str = ""
    # Filled in by the run.
    python: str = ""
    result: str = ""
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        theme = f"material {self.material}" if self.theme == "material" else self.theme
        note = f" ({self.note})" if self.note else ""
        return f"{self.engine} {self.version}{note} / {theme}"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.label.lower()).strip("-")

    def requirements(self) -> list[str]:
        reqs = [f"{self.engine}=={self.version}"]
        if self.material:
            reqs.append(f"mkdocs-material=={self.material}")
        return reqs + list(self.extra)


# The sample site uses pymdownx extensions; Material brings them, the other themes need them.
PYMDOWNX = "pymdown-extensions"
# The floor of every dependency range in pyproject.toml (and a pymdownx that takes Markdown 3.3).
LOWEST = (
    "markdown==3.3",
    "pyyaml==5.1",
    "wcmatch==8.4",
    "pymdown-extensions<10",
)

# The plugins real sites combine `spec` with (`neighbours_site`).
NEIGHBOURS = (
    "mkdocstrings[python]",
    "mkdocs-autorefs",
    "mkdocs-macros-plugin",
    "mkdocs-include-markdown-plugin",
    "mkdocs-awesome-nav",
    "mkdocs-static-i18n",
    "mkdocs-git-revision-date-localized-plugin",
    "mkdocs-redirects",
    "mkdocs-gen-files",
    "mkdocs-literate-nav",
)

COMBOS = [
    Combo("mkdocs", "1.5.0", "mkdocs", None, ("3.9",), extra=LOWEST, note="lowest deps"),
    Combo("mkdocs", MKDOCS_15, "material", MATERIAL_FLOOR, ("3.9",)),
    Combo("mkdocs", MKDOCS_15, "material", MATERIAL_95_FOR_15, ("3.10",)),
    Combo(
        "mkdocs",
        MKDOCS_15,
        "material",
        MATERIAL_LATEST,
        skip=f"Material 9.5.19+ requires MkDocs 1.6 ({MATERIAL_95_FOR_15} is the last for 1.5)",
    ),
    Combo("mkdocs", MKDOCS_16, "material", MATERIAL_95, ("3.11",)),
    Combo("mkdocs", MKDOCS_16, "material", MATERIAL_LATEST, ("3.13",), min_python=(3, 11)),
    Combo(
        "mkdocs",
        MKDOCS_16,
        "material",
        MATERIAL_LATEST,
        ("3.11",),
        min_python=(3, 11),
        extra=NEIGHBOURS,
        neighbours=True,
        note="neighbours",
    ),
    Combo("mkdocs", MKDOCS_15, "mkdocs", None, ("3.9",), extra=(PYMDOWNX,)),
    Combo("mkdocs", MKDOCS_15, "readthedocs", None, ("3.12",), extra=(PYMDOWNX,)),
    Combo("mkdocs", MKDOCS_16, "mkdocs", None, ("3.12",), extra=(PYMDOWNX,)),
    Combo("mkdocs", MKDOCS_16, "readthedocs", None, ("3.10",), extra=(PYMDOWNX,)),
    Combo("properdocs", PROPERDOCS, "material", MATERIAL_LATEST, ("3.12",), min_python=(3, 11)),
    # ProperDocs leaves out MkDocs' own themes: they come as separate packages.
    Combo(
        "properdocs",
        PROPERDOCS,
        "mkdocs",
        None,
        ("3.11",),
        extra=(PYMDOWNX, "properdocs-theme-mkdocs"),
    ),
]

ENV = {
    key: value
    for key, value in os.environ.items()
    if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
}
ENV.update(
    {
        "NO_MKDOCS_2_WARNING": "1",  # Material's notice about MkDocs 2
        "DISABLE_MKDOCS_2_WARNING": "true",  # ProperDocs' notice
        "PYTHONUTF8": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
)


class Failure(Exception):
    pass


def run(cmd: list[str], log: Path, cwd: Path | None = None, ok: bool = True):
    """Run a command, append its output to the log; raise Failure on a non-zero exit if `ok`."""
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, env=ENV, check=False
    )
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(str(c) for c in cmd)}  (exit {result.returncode})\n")
        out.write(result.stdout + result.stderr + "\n")
    if ok and result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise Failure(
            f"`{' '.join(str(c) for c in cmd[:4])} ...` exited {result.returncode}\n{tail}"
        )
    return result


def version_of(executable: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [executable, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    major, minor = out.strip().split(".")
    return int(major), int(minor)


def find_python(wanted: str) -> str | None:
    """An interpreter for `wanted` ("3.9"): this one, pyenv's, or on PATH (not a pyenv shim)."""
    want = tuple(int(p) for p in wanted.split("."))
    if sys.version_info[:2] == want:
        return sys.executable
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates = sorted(glob.glob(os.path.join(root, "versions", f"{wanted}.*", "bin", "python3")))
    candidates.reverse()  # the newest patch release first
    for path in os.environ.get("PATH", "").split(os.pathsep):
        if path and "shims" not in path:
            candidates.append(os.path.join(path, f"python{wanted}"))
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and version_of(candidate) == want:
            return candidate
    return None


def choose_python(combo: Combo) -> str | None:
    for wanted in combo.pythons:
        found = find_python(wanted)
        if found:
            return found
    if sys.version_info[:2] >= combo.min_python:
        return sys.executable  # the preferred one is not on this machine
    return None


def check_undecodable(combo: Combo, command: Path, root: Path, log: Path) -> None:
    """A spec page that is not UTF-8 builds, with a warning, rather than stopping the build; a
    path rule in full glob syntax with an `exclude` list (wcmatch, at the lowest version too)
    gives pages their template."""
    (root / "docs" / "ruled" / "old").mkdir(parents=True)
    rules = '[{glob: "r[u]led/**/*.md", template: design-doc, exclude: ["ruled/old/**"]}]'
    (root / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: {combo.theme}\nplugins:\n  - spec:\n      rules: {rules}\n",
        encoding="utf-8",
    )
    (root / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    for name in ("ruled/new.md", "ruled/old/first.md"):
        (root / "docs" / name).write_text("# Cache\n\n## Current Context\nText.\n", "utf-8")
    (root / "docs" / "junk.md").write_bytes(b"---\nspec: design-doc\n---\n# Junk \xff\xfe page\n")
    result = run([command, "build", "-f", root / "mkdocs.yml"], log, root, ok=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        errors = [line for line in output.splitlines() if line.startswith("ERROR")]
        raise Failure(f"a page that is not UTF-8 stops the build: {errors[:1] or output[-300:]}")
    if "junk.md: not UTF-8 text" not in output:
        raise Failure("no warning for a page that is not UTF-8")
    if len(Tags.of(root / "site" / "junk" / "index.html").with_class("spec-badge")) != 1:
        raise Failure("the page that is not UTF-8 has no badge")
    ruled = [
        len(Tags.of(html_path(root / "site", name)).with_class("spec-badge"))
        for name in ("ruled/new.md", "ruled/old/first.md")
    ]
    if ruled != [1, 0]:
        raise Failure(f"the path rule with an exclude list gave badges {ruled}, not [1, 0]")


NEIGHBOUR_FILES = {
    "src/pkg/__init__.py": '''"""A package documented by mkdocstrings."""


def read(key: str) -> str:
    """Read one key from the cache."""
    return key
''',
    "snippets/part.md": "Reads are served from memory; writes go through to the database.\n",
    "gen.py": (
        "import mkdocs_gen_files\n\n"
        'with mkdocs_gen_files.open("generated/reference.md", "w") as f:\n'
        '    f.write("# Generated reference\\n\\nWritten by gen-files.\\n")\n'
    ),
    "docs/index.md": "---\nrender_macros: true\n---\n# {{ config.site_name }}\n\n"
    "See the [cache design](design/cache.md) and [pkg.read][].\n",
    "docs/api.md": "# API\n\n::: pkg\n",
    "docs/design/cache.md": "---\nspec: design-doc\ntags: [cache]\n---\n# Cache Design Document\n\n"
    '## Current Context\n{% include-markdown "../../snippets/part.md" %}\n\n'
    "## Requirements\n### Functional Requirements\n- Serve reads from memory; see [pkg.read][].\n\n"
    "## Security\nOnly the API tier may read.\n",
    "docs/design/cache.fr.md": "---\nspec: design-doc\n---\n# Conception du cache\n\n"
    "## Current Context\nLes lectures viennent de la mémoire.\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/hello.md": "---\ndate: 2026-01-05\n---\n# Hello\n\nThe first post.\n",
    "docs/SUMMARY.md": "* [Home](index.md)\n* [API](api.md)\n* [Cache](design/cache.md)\n"
    "* [Blog](blog/index.md)\n",
    "docs/.nav.yml": "nav:\n  - index.md\n  - api.md\n  - design\n  - blog\n",
}
# Each is a plugin entry of mkdocs.yml; `spec` goes first in one build and last in the other.
NEIGHBOUR_PLUGINS = [
    "search",
    "blog",
    "tags",
    "gen-files:\n      scripts: [gen.py]",
    "i18n:\n      docs_structure: suffix\n      languages:\n        - {locale: en, default: true, "
    "name: English}\n        - {locale: fr, name: Français}",
    "mkdocstrings:\n      handlers:\n        python:\n          paths: [src]",
    "autorefs",
    "macros:\n      render_by_default: false",
    "include-markdown",
    "git-revision-date-localized:\n      fallback_to_build_date: true",
    "redirects:\n      redirect_maps:\n        old-cache.md: design/cache.md",
]
NAV_PLUGINS = ("literate-nav:\n      nav_file: SUMMARY.md", "awesome-nav")


def check_neighbours(venv: Path, root: Path, log: Path) -> None:
    """`spec` beside the plugins real sites use, listed first and last (with literate-nav in one
    build, awesome-nav in the other): each build passes, and every badge agrees with `check`,
    in the default language and in the translation i18n builds."""
    for name, text in NEIGHBOUR_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "site"]):
        run([*git, *args], log, root)
    for order, nav in (("first", NAV_PLUGINS[0]), ("last", NAV_PLUGINS[1])):
        plugins = [*NEIGHBOUR_PLUGINS, nav]
        plugins = ["spec", *plugins] if order == "first" else [*plugins, "spec"]
        config = root / f"spec-{order}.yml"
        entries = "".join(f"  - {entry}\n" for entry in plugins)
        config.write_text(
            f"site_name: Neighbours\ntheme:\n  name: material\nplugins:\n{entries}", "utf-8"
        )
        site = root / f"site-{order}"
        built = run([venv / "bin" / "mkdocs", "build", "-f", config, "-d", site], log, root)
        if "Traceback" in built.stdout + built.stderr:
            raise Failure(f"spec {order}: the build printed a traceback")
        cli = [venv / "bin" / "mkdocs-spec", "check", "--format", "json", "--fail-under", "0"]
        pages = json.loads(run([*cli, "-f", config], log, root).stdout)["pages"]
        scores = {p["path"].removeprefix("docs/"): p["score"] for p in pages}
        if set(scores) != {"design/cache.md", "design/cache.fr.md"}:
            raise Failure(f"spec {order}: check judged {sorted(scores)}")
        built_pages = {"design/cache.md": "design/cache", "design/cache.fr.md": "fr/design/cache"}
        for src, folder in built_pages.items():
            badges = Tags.of(site / folder / "index.html").with_class("spec-badge")
            got = [b.get("data-spec-score") for b in badges]
            if got != [str(scores[src])]:
                raise Failure(f"spec {order}: {src} has badges {got}, check says {scores[src]}")
        for plain in ("api/index.html", "blog/index.html", "index.html"):
            if Tags.of(site / plain).with_class("spec-badge"):
                raise Failure(f"spec {order}: {plain} has a badge")


def site_copy(combo: Combo, target: Path) -> Path:
    """Copy the sample site; for another theme, replace its `theme:` block (Material's features
    and palette go). `nav_status: true` stays: it must be harmless outside Material."""
    shutil.copytree(SAMPLE_SITE, target, ignore=shutil.ignore_patterns("site"))
    config = target / "mkdocs.yml"
    if combo.theme != "material":
        text = config.read_text(encoding="utf-8")
        text, count = re.subn(
            r"^theme:\n(?:[ \t]+.*\n|\n)*", f"theme:\n  name: {combo.theme}\n\n", text, flags=re.M
        )
        if count != 1:
            raise Failure("could not find the theme: block in sample_site/mkdocs.yml")
        config.write_text(text, encoding="utf-8")
    return config


class Tags(HTMLParser):
    """Every start tag of a page with its attributes (entities decoded) and its ancestors."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.parents: list[tuple[tuple[str, dict[str, str]], ...]] = []
        self.open: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        element = (tag, {k: v or "" for k, v in attrs})
        self.tags.append(element)
        self.parents.append(tuple(self.open))
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.parents.append(tuple(self.open))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    @classmethod
    def of(cls, path: Path) -> Tags:
        if not path.is_file():
            raise Failure(f"not built: {path}")
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if has_class(a, name)]

    def inside(self, tag: str | None, name: str) -> list[tuple[str, dict[str, str]]]:
        """The tags within an element `tag` (None: any) of class `name`."""
        return [
            element
            for element, parents in zip(self.tags, self.parents)
            if any(tag in (None, t) and has_class(a, name) for t, a in parents)
        ]


def has_class(attrs: dict[str, str], name: str) -> bool:
    return name in attrs.get("class", "").split()


def html_path(site: Path, src: str) -> Path:
    stem = src[:-3]
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def check_site(combo: Combo, site: Path, expected: dict[str, dict]) -> None:
    """The built site agrees with `mkdocs-spec check` on every page."""
    if not (site / STYLESHEET).is_file():
        raise Failure(f"{STYLESHEET} is not in the built site")
    for src, report in expected.items():
        page = Tags.of(html_path(site, src))
        badges = page.with_class("spec-badge")
        if len(badges) != 1:
            raise Failure(f"{src}: {len(badges)} badges")
        badge = badges[0]
        got = (badge.get("data-spec-score"), badge.get("data-spec-template"))
        if got != (str(report["score"]), report["template"]):
            raise Failure(f"{src}: badge says {got}, check says {report['score']}")
        listed = {
            a["data-spec-section"]: a["data-spec-state"]
            for tag, a in page.inside(None, "spec-missing")
            if tag == "li" and "data-spec-state" in a and a.get("data-spec-optional") != "true"
        }
        wanted = {
            " / ".join(s["path"]): s["state"]
            for s in report["sections"]
            if s["state"] != "complete"
        }
        if listed != wanted:
            raise Failure(f"{src}: the admonition lists {listed}, check says {wanted}")
        admonitions = page.with_class("spec-missing")
        ids = [a.get("id") for a in admonitions]
        if ids != (["spec-missing"] if wanted else []):
            raise Failure(f"{src}: {len(admonitions)} spec-missing admonitions")
        links = [a.get("href", "") for t, a in page.tags if t == "link"]
        if not any(h.endswith(STYLESHEET) for h in links):
            raise Failure(f"{src}: the stylesheet is not linked")
        if combo.theme == "material":
            # spec-complete, or spec-band<N>-<score>: the band's icon and the score's tooltip
            score = report["score"]
            classes = {c for _, a in page.tags for c in a.get("class", "").split()}
            wanted_status = (
                {"md-status--spec-complete"}
                if score == 100
                else {c for c in classes if re.fullmatch(rf"md-status--spec-band\d+-{score}", c)}
            )
            if not wanted_status & classes:
                raise Failure(f"{src}: no navigation status for {score}% (nav_status: true)")
    partial = [s for s in expected if s.endswith("partial.md")]
    if not partial or not all(0 < expected[s]["score"] < 100 for s in partial):
        raise Failure(f"expected partly written pages, got {partial}")
    for src in PLAIN_PAGES:
        page = Tags.of(html_path(site, src))
        if page.with_class("spec-badge") or page.with_class("spec-missing"):
            raise Failure(f"{src}: a plain page has a badge or an admonition")
    report_page = Tags.of(site / "spec-report" / "index.html")
    inside = report_page.inside("div", "spec-report")
    if not any(t == "table" for t, _ in inside):
        raise Failure("spec-report/index.html has no table of pages")
    rows = [a for t, a in inside if t == "tr"]
    if len(rows) != len(expected) + 1:
        raise Failure(f"the report table has {len(rows) - 1} rows for {len(expected)} pages")
    data = json.loads((site / "spec-report.json").read_text(encoding="utf-8"))
    scores = {p["path"]: p["score"] for p in data["pages"]}
    if scores != {src: r["score"] for src, r in expected.items()}:
        raise Failure(f"spec-report.json disagrees with check: {scores}")


def plugin_warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The plugin's warnings in a build's log (the unknown id, each page with missing sections)."""
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if line.startswith("WARNING") and "mkdocs_spec_plugin" in line]


def run_combo(combo: Combo, work: Path, wheel: Path) -> Combo:
    started = time.monotonic()
    try:
        if combo.skip:
            combo.result = f"skipped: {combo.skip}"
            return combo
        python = choose_python(combo)
        if python is None:
            combo.result = f"skipped: no Python >= {'.'.join(map(str, combo.min_python))} found"
            return combo
        root = work / combo.slug
        root.mkdir()
        log = root / "log.txt"
        venv = root / "venv"
        run([python, "-m", "venv", venv], log)
        py = venv / "bin" / "python"
        run([py, "-m", "pip", "install", "-q", wheel, *combo.requirements()], log)
        probe = (
            "import importlib.metadata as m, json, sys\n"
            "names = ['mkdocs', 'properdocs', 'mkdocs-material', 'markdown', 'pyyaml',\n"
            "         'wcmatch', 'pymdown-extensions']\n"
            "out = {'python': '%d.%d.%d' % sys.version_info[:3]}\n"
            "for n in names:\n"
            "    try: out[n] = m.version(n)\n"
            "    except m.PackageNotFoundError: pass\n"
            "print(json.dumps(out))\n"
        )
        combo.versions = json.loads(run([py, "-c", probe], log).stdout)
        combo.python = combo.versions["python"]
        where = run([py, "-c", "import mkdocs_spec_plugin as m; print(m.__file__)"], log, root)
        if not where.stdout.strip().startswith(str(venv)):
            raise Failure(f"the plugin was imported from {where.stdout.strip()}, not the venv")
        if combo.neighbours:
            check_neighbours(venv, root / "neighbours", log)
            combo.result = "ok"
            return combo
        config = site_copy(combo, root / "sample_site")
        source = config.parent
        cli = [venv / "bin" / "mkdocs-spec", "check", "--format", "json", "--fail-under", "0"]
        checked = run([*cli, "-f", config], log, source, ok=False)
        data = json.loads(checked.stdout)
        # The sample site's unknown-template.md names a template that does not exist: exit 1.
        failed = [w["path"] for w in data["warnings"] if w.get("failed")]
        if checked.returncode != 1 or failed != ["docs/unknown-template.md"]:
            raise Failure(f"check exited {checked.returncode}, failing on {failed}")
        expected = {p["path"].removeprefix("docs/"): p for p in data["pages"]}
        if not expected:
            raise Failure("check found no spec page in the sample site")
        command = venv / "bin" / combo.engine
        built = run([command, "build", "-f", config, "-d", root / "site"], log, source)
        strict = run(
            [command, "build", "--strict", "-f", config, "-d", root / "strict"],
            log,
            source,
            ok=False,
        )
        ours = plugin_warnings(built)
        if strict.returncode == 0 or not ours or plugin_warnings(strict) != ours:
            raise Failure(
                f"build --strict exited {strict.returncode} with {len(plugin_warnings(strict))} "
                f"plugin warnings (expected a failure on the build's {len(ours)})"
            )
        others = [
            line
            for line in (built.stdout + built.stderr).splitlines()
            if line.startswith(("WARNING", "ERROR")) and "mkdocs_spec_plugin" not in line
        ]
        if others:
            raise Failure(f"the build logged {others[:3]}")
        check_site(combo, root / "site", expected)
        check_undecodable(combo, command, root / "undecodable", log)
        combo.result = "ok"
    except Failure as exc:
        combo.result = f"FAILED: {exc}"
    except Exception as exc:  # a bug in this script is a failure too, not a crash of the table
        combo.result = f"FAILED: {type(exc).__name__}: {exc}"
    finally:
        combo.seconds = time.monotonic() - started
    return combo


def build_wheel(work: Path) -> Path:
    out = work / "wheel"
    log = work / "wheel.txt"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, REPO], log)
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise Failure(f"pip wheel made {wheels}")
    return wheels[0]


SHOWN = (
    ("markdown", "Markdown"),
    ("pyyaml", "PyYAML"),
    ("wcmatch", "wcmatch"),
    ("pymdown-extensions", "pymdownx"),
)


def table(combos: list[Combo]) -> str:
    head = ("engine", "theme", "python", "installed", "result", "time")
    rows = []
    for c in combos:
        theme = f"material {c.material}" if c.theme == "material" else c.theme
        v = c.versions
        installed = ", ".join(f"{short} {v[name]}" for name, short in SHOWN if name in v)
        if c.engine == "properdocs" and "mkdocs" in v:
            installed += f", mkdocs {v['mkdocs']} (unused)"
        result = c.result.splitlines()[0] if c.result else ""
        rows.append(
            (
                f"{c.engine} {c.version}" + (f" ({c.note})" if c.note else ""),
                theme,
                c.python or "-",
                installed or "-",
                result,
                f"{c.seconds:.0f}s" if not c.skip else "-",
            )
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(x.ljust(w) for x, w in zip(r, widths)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="combinations at a time (default 2)")
    parser.add_argument("--only", nargs="*", default=[], help="combinations whose label has TEXT")
    parser.add_argument("--keep", action="store_true", help="keep the venvs, sites and logs")
    args = parser.parse_args()
    combos = [c for c in COMBOS if not args.only or any(o in c.label for o in args.only)]
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="mkdocs-spec-compat-"))
    try:
        wheel = build_wheel(work)
        print(f"wheel: {wheel.name}; {len(combos)} combinations, {args.jobs} at a time", flush=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(run_combo, c, work, wheel) for c in combos]
            for future in concurrent.futures.as_completed(futures):
                c = future.result()
                print(f"  {c.label} (Python {c.python or '-'}): {c.result}", flush=True)
    except Failure as exc:
        print(f"FAILED before the matrix ran: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(combos))
    failed = [c for c in combos if c.result.startswith("FAILED")]
    ran = [c for c in combos if c.result == "ok"]
    skipped = len(combos) - len(ran) - len(failed)
    print(
        f"\ncompat matrix: {len(ran)} ok, {skipped} skipped, {len(failed)} failed; "
        f"wall time {time.monotonic() - started:.0f} s"
    )
    return 1 if failed or not ran else 0


if __name__ == "__main__":
    sys.exit(main())
