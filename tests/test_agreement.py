"""The plugin and `mkdocs-spec check` give the same verdict on the same page of the same site.

The plugin reads the HTML MkDocs rendered; the check scans the Markdown source. Both are run for
real (a `mkdocs build` and the `mkdocs-spec` command, each in a subprocess) over the tricky pages of
`tricky_pages.py` and over the repository's sample site. For every page they must agree on the
score and on the state of every section that is not complete. The tricky pages also carry absolute
expectations, so the two cannot agree by being wrong in the same way. A site made by the
benchmark's generator (`bench/generate.py`: Material, all five templates at mixed completeness,
tables, fences, admonitions, mermaid) is judged the same way, so the readers tuned for speed stay
exact on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ENV, REPO, SAMPLE_SITE
from tricky_pages import COMPLETE, MARKDOWN_EXTENSIONS, PAGES, TrickyPage, write_pages

SAMPLE_CONFIG = SAMPLE_SITE / "mkdocs.yml"


@dataclass
class Verdict:
    """One side's verdict on a page: template, score, and every section that is not complete."""

    template: str
    score: int
    gaps: dict[str, str]  # section path joined by " / " -> "missing" or "unfinished"

    def state(self, path: str) -> str:
        return self.gaps.get(path, COMPLETE)


@dataclass
class Verdicts:
    plugin: dict[str, Verdict | None]  # source path (relative to docs_dir) -> verdict, if any
    cli: dict[str, Verdict]
    all_paths: dict[str, set[str]]  # source path -> every section path the CLI judged
    log: str


def _html_file(site: Path, src: str) -> Path:
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def _plugin_verdict(html_file: Path) -> Verdict | None:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    badges = soup.select(".spec-badge")
    if not badges:
        return None
    assert len(badges) == 1, f"{html_file}: {len(badges)} badges"
    gaps = {
        li["data-spec-section"]: li["data-spec-state"] for li in soup.select("li[data-spec-state]")
    }
    return Verdict(badges[0]["data-spec-template"], int(badges[0]["data-spec-score"]), gaps)


def _cli_verdict(page: dict[str, Any]) -> Verdict:
    sections = page["sections"] + page.get("optional_sections", [])
    gaps = {" / ".join(s["path"]): s["state"] for s in sections if s["state"] != COMPLETE}
    return Verdict(page["template"], page["score"], gaps)


def _judge_both(config_file: Path, docs: Path, site_dir: Path) -> Verdicts:
    """Build the site with the plugin and run the check over the same docs; collect verdicts."""
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=config_file.parent,
    )
    assert build.returncode == 0, f"mkdocs build failed:\n{build.stdout}\n{build.stderr}"
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs_spec_plugin",
            "check",
            "--format",
            "json",
            "--fail-under",
            "0",
            "-f",
            str(config_file),
            str(docs),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=config_file.parent,
    )
    data = json.loads(check.stdout)
    # A page naming an unknown template (the sample site has one) fails the check, and only that.
    unusable = any(w["failed"] for w in data["warnings"])
    expected = 1 if unusable else 0
    assert check.returncode == expected, f"mkdocs-spec check:\n{check.stdout}\n{check.stderr}"
    pages = data["pages"]
    cli: dict[str, Verdict] = {}
    all_paths: dict[str, set[str]] = {}
    for page in pages:
        src = Path(page["path"])
        src = (config_file.parent / src if not src.is_absolute() else src).resolve()
        key = src.relative_to(docs.resolve()).as_posix()
        cli[key] = _cli_verdict(page)
        all_paths[key] = {" / ".join(s["path"]) for s in page["sections"]}
    plugin = {}
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        html_file = _html_file(site_dir, src)
        plugin[src] = _plugin_verdict(html_file) if html_file.is_file() else None
    return Verdicts(plugin, cli, all_paths, build.stderr + check.stderr)


def _difference(src: str, verdicts: Verdicts) -> str | None:
    """A readable account of how the two verdicts on a page differ; None when they agree."""
    plugin, cli = verdicts.plugin.get(src), verdicts.cli.get(src)
    if plugin is None and cli is None:
        return None
    if plugin is None or cli is None:
        return f"{src}: judged only by the {'CLI' if plugin is None else 'plugin'}"
    problems = []
    if plugin.template != cli.template:
        problems.append(f"template: plugin {plugin.template!r}, CLI {cli.template!r}")
    if plugin.score != cli.score:
        problems.append(f"score: plugin {plugin.score}, CLI {cli.score}")
    for path in sorted(set(plugin.gaps) | set(cli.gaps)):
        if plugin.state(path) != cli.state(path):
            problems.append(f"  {path}: plugin {plugin.state(path)}, CLI {cli.state(path)}")
    if not problems:
        return None
    return f"{src} ({cli.template}): plugin and CLI disagree\n" + "\n".join(problems)


# -- the tricky pages ---------------------------------------------------------------------------


def _tricky_site(root: Path, extensions: list) -> Verdicts:
    docs = root / "docs"
    write_pages(docs)
    settings = {
        "site_name": "Tricky pages",
        "theme": {"name": "mkdocs"},
        "plugins": ["spec"],
        "markdown_extensions": extensions,
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return _judge_both(config_file, docs, root / "site")


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return _tricky_site(tmp_path_factory.mktemp("tricky"), MARKDOWN_EXTENSIONS)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    """The same pages on a site that lists no extension (MkDocs still adds its own)."""
    return _tricky_site(tmp_path_factory.mktemp("bare"), [])


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_tricky_page_same_verdict(tricky: Verdicts, page: TrickyPage) -> None:
    assert page.name in tricky.cli, f"the CLI did not judge {page.name}:\n{tricky.log}"
    assert tricky.plugin.get(page.name) is not None, f"the plugin did not judge {page.name}"
    difference = _difference(page.name, tricky)
    assert difference is None, difference


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_tricky_page_same_verdict_without_extensions(bare: Verdicts, page: TrickyPage) -> None:
    """`!!!`, `{#id}` and nested fences are plain text here: both sides must know it."""
    assert page.name in bare.cli, f"the CLI did not judge {page.name}:\n{bare.log}"
    difference = _difference(page.name, bare)
    assert difference is None, difference


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_tricky_page_reads_as_rendered(tricky: Verdicts, page: TrickyPage) -> None:
    """What a reader of the rendered page sees, checked on both sides."""
    assert page.name in tricky.cli, f"the CLI did not judge {page.name}:\n{tricky.log}"
    known = tricky.all_paths[page.name]
    wrong = []
    for path, state in page.expect.items():
        assert path in known, f"{page.name}: no template section {path!r}"
        for side, verdict in (("plugin", tricky.plugin[page.name]), ("CLI", tricky.cli[page.name])):
            assert verdict is not None
            if verdict.state(path) != state:
                wrong.append(f"  {side}: {path} is {verdict.state(path)}, expected {state}")
    assert not wrong, f"{page.name} ({page.covers}):\n" + "\n".join(wrong)


def test_tricky_pages_are_partly_written(tricky: Verdicts) -> None:
    """The comparison means something only if most pages are neither empty nor done."""
    scores = [tricky.cli[p.name].score for p in PAGES]
    partial = [s for s in scores if 0 < s < 100]
    assert len(partial) >= len(scores) - 1, scores


def test_code_never_becomes_a_section(tricky: Verdicts) -> None:
    for side in (tricky.plugin["code-hashes.md"], tricky.cli["code-hashes.md"]):
        assert side is not None
        for title in ("Security Considerations", "Rollout Strategy", "References", "Observability"):
            assert side.state(title) == "missing", title


def test_setext_headings_are_sections(tricky: Verdicts) -> None:
    for side in (tricky.plugin["setext.md"], tricky.cli["setext.md"]):
        assert side is not None
        assert side.state("Current Context") == COMPLETE
        assert side.state("Requirements / Functional Requirements") == COMPLETE
        assert side.score > 0


# -- the sample site ----------------------------------------------------------------------------


def _sample_pages() -> list[str]:
    docs = SAMPLE_SITE / "docs"
    return (
        sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    if not SAMPLE_CONFIG.is_file():
        pytest.skip("sample_site/mkdocs.yml does not exist yet")
    docs_dir = yaml.load(SAMPLE_CONFIG.read_text(encoding="utf-8"), yaml.BaseLoader).get(
        "docs_dir", "docs"
    )
    site_dir = tmp_path_factory.mktemp("sample") / "site"
    return _judge_both(SAMPLE_CONFIG, SAMPLE_CONFIG.parent / docs_dir, site_dir)


@pytest.mark.parametrize("src", _sample_pages())
def test_sample_site_same_verdict(sample: Verdicts, src: str) -> None:
    difference = _difference(src, sample)
    assert difference is None, difference


def test_sample_site_has_spec_pages(sample: Verdicts) -> None:
    assert sample.cli, "the CLI judged no page of the sample site"
    assert set(sample.cli) == {src for src, v in sample.plugin.items() if v is not None}


# -- a site of the benchmark's generator ----------------------------------------------------------

GENERATED_PAGES = 150


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    root = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "generate.py"),
            str(root),
            "--pages",
            str(GENERATED_PAGES),
        ],
        check=True,
        capture_output=True,
        env=ENV,
    )
    return _judge_both(root / "mkdocs.yml", root / "docs", root / "site")


def test_generated_site_same_verdict(generated: Verdicts) -> None:
    judged = {src for src, verdict in generated.plugin.items() if verdict is not None}
    assert len(judged) > GENERATED_PAGES // 2  # most generated pages name a template
    assert judged == set(generated.cli)
    differences = [d for src in sorted(judged) if (d := _difference(src, generated))]
    assert not differences, "\n\n".join(differences)
