"""The project's own documentation site (`mkdocs.yml` at the root, pages in `docs/`).

It is built for real with `mkdocs build --strict` and its own plugin: the design documents, written
with the built-in templates, must stay at 100%, the deliberately partial example must show its
badge and admonition, and the configuration reference must name every option of `SpecConfig`, so
the docs cannot drift from the code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ENV, REPO, cli_json
from mkdocs_spec_plugin.config import SpecConfig

CONFIG = REPO / "mkdocs.yml"
DOCS = REPO / "docs"
COMPLETE = {"design/engine.md": "design-doc", "design/plugin.md": "tech-spec"}
PARTIAL = "examples/partial.md"
_FENCE_RE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


class Site:
    def __init__(self, root: Path, result: subprocess.CompletedProcess[str]) -> None:
        self.root = root
        self.result = result

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, src: str) -> BeautifulSoup:
        stem = src[:-3]
        name = "index.html" if stem == "index" else f"{stem}/index.html"
        return BeautifulSoup((self.root / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("docs-site") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d"]
    result = subprocess.run(
        [*command, str(out)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=REPO,
        timeout=300,
    )
    return Site(out, result)


def test_strict_build_passes_without_a_warning(built):
    assert built.result.returncode == 0, built.log
    assert "WARNING" not in built.log, built.log


@pytest.mark.parametrize("src", sorted(COMPLETE))
def test_design_documents_are_complete(built, src):
    soup = built.html(src)
    badges = soup.select(".spec-badge")
    assert len(badges) == 1, f"{src}: expected one badge"
    assert badges[0]["data-spec-template"] == COMPLETE[src]
    assert badges[0]["data-spec-score"] == "100", soup.select_one("article").get_text()[:2000]
    assert soup.select(".spec-missing") == []


def test_partial_example_shows_badge_and_admonition(built):
    soup = built.html(PARTIAL)
    (badge,) = soup.select(".spec-badge")
    assert 0 < int(badge["data-spec-score"]) < 100
    (admonition,) = soup.select(".spec-missing")
    states = {li["data-spec-state"] for li in admonition.select("li[data-spec-state]")}
    # Only unfinished sections: a missing one would make the plugin warn and --strict fail.
    assert states == {"unfinished"}


def test_report_page_and_json(built):
    assert built.html("spec-report.md").select_one(".spec-report table") is not None
    report = json.loads((built.root / "spec-report.json").read_text(encoding="utf-8"))
    scores = {page["path"]: page["score"] for page in report["pages"]}
    assert all(scores[src] == 100 for src in COMPLETE)
    assert scores[PARTIAL] < 100


def test_the_command_line_agrees(built):
    # `mkdocs-spec check` from the repository's root reads the same mkdocs.yml.
    pages = cli_json(str(DOCS), cwd=REPO)["pages"]
    scores = {Path(p["path"]).relative_to("docs").as_posix(): p["score"] for p in pages}
    json_report = json.loads((built.root / "spec-report.json").read_text(encoding="utf-8"))
    assert scores == {page["path"]: page["score"] for page in json_report["pages"]}


def _documented(text: str, name: str) -> bool:
    """`name` is a heading (`### \\`name\\``) or the first cell of a table row."""
    heading = rf"^#{{2,6}}[ \t]+`?{re.escape(name)}`?[ \t]*$"
    row = rf"^\|[ \t]*`{re.escape(name)}`[ \t]*\|"
    return bool(re.search(heading, text, re.MULTILINE) or re.search(row, text, re.MULTILINE))


def _options(config_class: type, prefix: str = "") -> list[str]:
    """Every option name of a Config class, with the fields of list-of-mapping options
    (`rules: [{glob, template}]`) as `rules.glob`."""
    names = []
    for name, option in config_class._schema:
        names.append(prefix + name)
        inner = getattr(getattr(option, "option_type", option), "config_class", None)
        if inner is not None:
            names.extend(_options(inner, f"{prefix}{name}."))
    return names


def test_configuration_reference_covers_every_option():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    text = _FENCE_RE.sub("", text)  # the YAML examples do not count
    options = _options(SpecConfig)
    assert "key" in options and "rules.glob" in options
    undocumented = [name for name in options if not _documented(text, name.rsplit(".", 1)[-1])]
    assert not undocumented, f"docs/configuration.md does not document: {undocumented}"


def test_getting_started_has_the_readmes_quick_start():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.+?)\n```", section)
    assert len(commands) == 2
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    for command in commands:
        assert f"```bash\n{command}\n```" in page
