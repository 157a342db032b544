"""Commands that help authors: `templates`, `new` and `fix`, run as the real CLI."""

from __future__ import annotations

import json
import os

import pytest

from conftest import cli, cli_json, page, template_body

PARTIAL = """
# Cache Design Document

## Current Context
The reader service hits the database for every profile view.

## Requirements
### Non-Functional Requirements
- p99 under 5 ms.

## Technical Design
### 2. Data Models
Rows keyed by user id.

## Rollout Strategy
Dark launch, then 5%, 50%, 100%.
"""


def test_templates_lists_every_template_with_its_tree():
    result = cli("templates")
    assert result.returncode == 0
    out = result.stdout
    for template_id in ("component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design"):
        assert f"{template_id}: " in out
    assert "(built-in)" in out
    assert "* [Component 1] / [Component 2]  (one or more)" in out
    data = json.loads(cli("templates", "--format", "json").stdout)
    tech = next(t for t in data["templates"] if t["id"] == "tech-spec")
    assert tech["source"] == "built-in"
    key = next(s for s in tech["sections"] if s["title"] == "Key Components")
    assert key["children"][0]["wildcard"] is True


def test_new_writes_the_template_with_key_and_title(tmp_path):
    result = cli("new", "design-doc", "docs/design/cache.md", "--title", "Cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "docs/design/cache.md").read_text()
    assert text.startswith("---\nspec: design-doc\n---\n\n# Cache Design Document\n")
    assert text.endswith(template_body("design-doc").split("\n", 1)[1])
    report = cli_json(str(tmp_path / "docs"))["pages"][0]
    assert report["score"] == 0 and {s["state"] for s in report["sections"]} == {"unfinished"}


def test_new_takes_the_title_from_the_file_name(tmp_path):
    assert cli("new", "tech-spec", "search-indexer.md", cwd=tmp_path).returncode == 0
    text = (tmp_path / "search-indexer.md").read_text()
    assert "# Technical Specification: Search Indexer\n" in text


def test_new_refuses_to_overwrite(tmp_path):
    (tmp_path / "a.md").write_text("mine\n")
    result = cli("new", "design-doc", "a.md", cwd=tmp_path)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert (tmp_path / "a.md").read_text() == "mine\n"


def test_new_unknown_template(tmp_path):
    result = cli("new", "design-dok", "a.md", cwd=tmp_path)
    assert result.returncode == 2 and "did you mean 'design-doc'" in result.stderr
    assert not (tmp_path / "a.md").exists()


def test_new_uses_the_sites_key(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - spec:\n      key: doc\n")
    assert cli("new", "design-doc", "docs/a.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "docs/a.md").read_text().startswith("---\ndoc: design-doc\n---\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_inserts_missing_sections_keeping_every_line(tmp_path, newline):
    original = page("design-doc", PARTIAL).replace("\n", newline).encode()
    target = tmp_path / "cache.md"
    target.write_bytes(original)
    before = cli_json(str(target))["pages"][0]
    missing = [s["path"] for s in before["sections"] if s["state"] == "missing"]
    assert ["Requirements", "Functional Requirements"] in missing

    dry = cli("fix", str(target), "--dry-run")
    assert dry.returncode == 0
    assert "+## Design Decisions" in dry.stdout and "+### Functional Requirements" in dry.stdout
    assert target.read_bytes() == original  # a dry run writes nothing

    result = cli("fix", str(target))
    assert result.returncode == 0
    assert f"inserted {len(missing)} sections" in result.stdout
    fixed = target.read_bytes()
    # Every original line is still there, byte for byte and in order.
    lines = iter(fixed.splitlines(keepends=True))
    assert all(any(old == new for new in lines) for old in original.splitlines(keepends=True))
    if newline == "\r\n":
        assert fixed.count(b"\n") == fixed.count(b"\r\n")
    after = cli_json(str(target))["pages"][0]
    assert not [s for s in after["sections"] if s["state"] == "missing"]
    assert after["score"] == before["score"]  # inserted sections are unfinished, not complete
    text = fixed.decode()
    # In template order, inside the parent, after the previous sibling.
    assert text.index("### Functional Requirements") < text.index("### Non-Functional Req")
    assert text.index("### 1. Core Components") < text.index("### 2. Data Models")
    assert text.index("### 3. Integration Points") < text.index("## Implementation Plan")
    assert "- Brief overview of the existing system" not in text  # present sections untouched
    assert "### 1. [Major Decision Area]" in text  # a wildcard slot gets its placeholder

    again = cli("fix", str(target))
    assert again.returncode == 0 and "nothing missing" in again.stdout
    assert target.read_bytes() == fixed


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "cache.md"
    target.write_text(page("design-doc", PARTIAL))
    os.chmod(target, 0o640)
    assert cli("fix", str(target)).returncode == 0
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.md"]


def test_fix_at_deeper_levels_and_without_final_newline(tmp_path):
    body = PARTIAL.replace("\n### ", "\n#### ").replace("\n## ", "\n### ").rstrip("\n")
    target = tmp_path / "deep.md"
    target.write_text(page("design-doc", body))
    assert cli("fix", str(target)).returncode == 0
    text = target.read_text()
    assert "\n### Design Decisions\n" in text and "\n#### Functional Requirements\n" in text
    assert "Dark launch, then 5%, 50%, 100%.\n" in text
    assert cli_json(str(target))["pages"][0]["sections"]


def test_fix_skips_pages_without_a_template(tmp_path):
    (tmp_path / "plain.md").write_text("# Plain\n")
    result = cli("fix", str(tmp_path))
    assert result.returncode == 0
    assert (tmp_path / "plain.md").read_text() == "# Plain\n"


NEAR_MISS = """
# Cache

## Current Context
In memory.

## Security {#sec}
Only the API tier may read.
"""


def test_fix_never_adds_a_second_heading_beside_a_near_miss(tmp_path):
    target = tmp_path / "cache.md"
    target.write_text(page("design-doc", NEAR_MISS), encoding="utf-8")
    result = cli("fix", str(target))
    assert result.returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "## Security {#sec}\n" in text and "Security Considerations" not in text
    assert (
        "not inserting 'Security Considerations': the heading 'Security' at line" in result.stdout
    )
    assert "unfinished until you write them, they still lower the score" in result.stdout
    assert cli("fix", str(target)).returncode == 0 and target.read_text("utf-8") == text


def test_fix_rename_renames_the_near_miss_heading_line_only(tmp_path):
    target = tmp_path / "cache.md"
    target.write_text(page("design-doc", NEAR_MISS), encoding="utf-8")
    before = target.read_text(encoding="utf-8")
    result = cli("fix", str(target), "--rename")
    assert result.returncode == 0
    assert "renamed 'Security' (line " in result.stdout
    after = target.read_text(encoding="utf-8")
    assert "## Security Considerations {#sec}\n" in after
    # Only that line changed among the lines that were there; the rest is inserted text.
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ["## Security {#sec}"]
    report = cli_json(str(target))["pages"][0]
    security = next(s for s in report["sections"] if s["path"] == ["Security Considerations"])
    assert security["state"] == "complete"


def test_fix_and_check_say_why_a_named_page_is_skipped(tmp_path):
    (tmp_path / "plain.md").write_text("# Plain\n")
    result = cli("fix", "plain.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "plain.md: skipped: no template (its front matter has no 'spec' key)" in result.stdout
    assert "no mkdocs.yml, properdocs.yml or zensical.toml in this folder; using the defaults" in (
        result.stderr
    )
    result = cli("check", "plain.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "skipped 1 page, no template (its front matter has no 'spec' key): plain.md" in (
        result.stdout
    )
    folder = cli("check", ".", cwd=tmp_path)  # pages found in a folder are skipped silently
    assert "skipped" not in folder.stdout


def test_fix_never_inserts_inside_code(tmp_path):
    """A page that ends in a fence it never closed: the template's fenced guidance would close
    it and turn every inserted section into code, so they go in as headings only."""
    target = tmp_path / "p.md"
    target.write_text(
        page("tech-spec", "# T\n\n## Overview\nText.\n\n```python\nprint(1)\n"), encoding="utf-8"
    )
    result = cli("fix", "p.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "without the template's guidance" in result.stdout
    report = cli_json("p.md", cwd=tmp_path)["pages"][0]
    assert "missing" not in {s["state"] for s in report["sections"]}
    once = target.read_bytes()
    assert cli("fix", "p.md", cwd=tmp_path).returncode == 0 and target.read_bytes() == once
