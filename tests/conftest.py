"""Shared helpers: build real MkDocs sites in temporary folders and run the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

# The real-browser helpers hold the `chromium` fixture the browser tests share.
pytest_plugins = ["browser"]

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
SAMPLE_SITE = REPO / "sample_site"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}

# Python-Markdown extensions pages are read with: MkDocs renders every page with these, whatever
# the site adds, and a Material for MkDocs site typically enables the rest.
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]
MATERIAL_EXTENSIONS = [
    *MKDOCS_EXTENSIONS,
    "admonition",
    "attr_list",
    "md_in_html",
    "footnotes",
    "abbr",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]


def template_body(template_id: str) -> str:
    """A built-in template's Markdown without its front matter, as an author would copy it."""
    text = (TEMPLATES / f"{template_id}.md").read_text(encoding="utf-8")
    return text.split("---\n", 2)[2].lstrip("\n")


def page(spec: str | None, body: str, **meta: Any) -> str:
    """A page with front matter `spec: <id>` (and more keys), followed by `body`."""
    data = dict(meta)
    if spec is not None:
        data["spec"] = spec
    head = f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n\n" if data else ""
    return head + textwrap.dedent(body).lstrip("\n")


@dataclass
class Built:
    """A site built by the real `mkdocs build`."""

    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, src: str) -> BeautifulSoup:
        """The built page of a source file such as `design/cache.md`."""
        stem = src[:-3]
        index = stem == "index" or stem.endswith("/index")
        name = f"{stem}.html" if index else f"{stem}/index.html"
        return BeautifulSoup((self.site / name).read_text(encoding="utf-8"), "html.parser")


def write_site(
    root: Path, pages: dict[str, str], config: dict[str, Any] | None = None, theme: str = "mkdocs"
) -> Path:
    """Write mkdocs.yml and docs/ under `root`; return the config file."""
    docs = root / "docs"
    for name, text in pages.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    settings: dict[str, Any] = {"site_name": "Test site", "theme": {"name": theme}}
    settings["plugins"] = ["spec"]
    settings.update(config or {})
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return config_file


def build(config_file: Path, *args: str, check: bool = True) -> Built:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=config_file.parent,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return Built(config_file.parent, result)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs-spec` command."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_spec_plugin", *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=cwd,
    )


def cli_json(*args: str, cwd: Path | None = None, code: int = 0) -> dict[str, Any]:
    """`check --format json --fail-under 0`; `code` 1 where a page names an unknown template."""
    result = cli("check", "--format", "json", "--fail-under", "0", *args, cwd=cwd)
    assert result.returncode == code, result.stderr
    return json.loads(result.stdout)


def badge(soup: BeautifulSoup):
    badges = soup.select(".spec-badge")
    assert len(badges) <= 1, "more than one badge"
    return badges[0] if badges else None


def states(soup: BeautifulSoup) -> dict[str, str]:
    """Section path -> state, as the admonition lists them."""
    return {
        li["data-spec-section"]: li["data-spec-state"] for li in soup.select("li[data-spec-state]")
    }


def json_states(page_report: dict[str, Any]) -> dict[str, str]:
    return {" / ".join(s["path"]): s["state"] for s in page_report["sections"]}


@pytest.fixture
def site(tmp_path: Path):
    """Build a site from pages: `site({"a.md": text}, config={...})`."""

    def make(pages: dict[str, str], config: dict[str, Any] | None = None, **kwargs: Any) -> Built:
        theme = kwargs.pop("theme", "mkdocs")
        return build(write_site(tmp_path, pages, config, theme), **kwargs)

    return make


SPEC_TEMPLATES = ["design-doc", "tech-spec", "impl-spec", "feature-design", "component-doc"]
SPEC_PAGES = 120  # a site of this size is what made the worker process start, when there was one


def spec_page(number: int) -> str:
    """A page of one of the templates with some of its `##` sections left out and some written."""
    template = SPEC_TEMPLATES[number % len(SPEC_TEMPLATES)]
    body = re.sub(r"(?m)^# .*$", f"# Page {number}", template_body(template), count=1)
    title, *blocks = re.split(r"(?m)^(?=## )", body)
    kept = [
        block if index % 2 else f"{block}\n\nWritten by the author of page {number}.\n\n"
        for index, block in enumerate(blocks)
        if (index + number) % 4 != 1
    ]
    return page(template, title + "".join(kept))


def spec_site() -> dict[str, str]:
    """SPEC_PAGES spec pages, a page without a template and one naming an unknown template."""
    pages = {f"specs/page-{n:03}.md": spec_page(n) for n in range(SPEC_PAGES)}
    pages["index.md"] = "# Home\n\nNo template here.\n"
    pages["unknown.md"] = page("no-such-template", "# Unknown\n")
    return pages
