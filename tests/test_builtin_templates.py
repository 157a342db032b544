"""The five built-in templates: their section trees, and that they ship inside the wheel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, TEMPLATES, build, cli, cli_json, page, template_body, write_site

IDS = ["component-doc", "tech-spec", "design-doc", "impl-spec", "feature-design"]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, dict]:
    """`check`'s report on a verbatim copy of each template, by template id."""
    root = tmp_path_factory.mktemp("copies")
    for template_id in IDS:
        (root / f"{template_id}.md").write_text(page(template_id, template_body(template_id)))
    return {Path(r["path"]).stem: r for r in cli_json(str(root))["pages"]}


@pytest.fixture(scope="module")
def tree(copies):
    """The template's required slots as `check` reports them on a verbatim copy."""
    return lambda template_id: [" / ".join(s["path"]) for s in copies[template_id]["sections"]]


def test_one_file_per_template_with_front_matter():
    assert sorted(p.stem for p in TEMPLATES.glob("*.md")) == sorted(IDS)
    for template_id in IDS:
        head = (TEMPLATES / f"{template_id}.md").read_text().split("---\n")[1]
        assert f"id: {template_id}\n" in head and "name: " in head and "description: " in head


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live outside the repository")
def test_headings_are_the_seeds_headings():
    index = (SEEDS / "README.md").read_text()
    for seed in sorted(SEEDS.glob("*.txt")):
        template_id = next(
            line.split("`")[1] for line in index.splitlines() if line.startswith(f"| {seed.name}")
        )
        seed_headings = [ln for ln in seed.read_text().splitlines() if ln.startswith("#")]
        ours = [ln for ln in template_body(template_id).splitlines() if ln.startswith("#")]
        assert ours == seed_headings, template_id


@pytest.mark.parametrize("template_id", IDS)
def test_verbatim_copy_is_zero_with_every_slot_unfinished(copies, template_id):
    report = copies[template_id]
    assert report["score"] == 0
    assert {s["state"] for s in report["sections"]} == {"unfinished"}


def test_section_trees(tree):
    assert len(tree("component-doc")) == 25
    assert "Implementation Details / Key Functions/Classes" in tree("component-doc")
    # Wildcard runs are one slot; `#` lines in code blocks are not headings.
    assert tree("tech-spec")[2:4] == ["Key Components", "Key Components / [Component 1]"]
    assert not any("Key interfaces" in s for s in tree("design-doc"))
    assert "Design Decisions / 1. [Major Decision Area]" in tree("design-doc")
    assert "Technical Design / 1. Core Components" in tree("design-doc")
    assert "Core Algorithms / <Algorithm Name>" in tree("impl-spec")
    assert not any(s.endswith("Required") or s.endswith("Optional") for s in tree("impl-spec"))
    assert "Data Models / [Entity Name]" in tree("feature-design")
    assert tree("feature-design").count("Data Models / [Entity Name]") == 1


def test_pages_made_by_new_render_lists_as_lists(tmp_path):
    """A list right after a line of text, with no blank line, renders as part of that paragraph
    ("...because: - Rationale 1 - Rationale 2"): the templates leave the blank line."""
    config = write_site(tmp_path, {})
    for template_id in IDS:
        target = tmp_path / "docs" / f"{template_id}.md"
        assert cli("new", template_id, str(target), "-f", str(config)).returncode == 0
    built = build(config)
    for template_id in IDS:
        for paragraph in built.html(f"{template_id}.md").select("article p, .col-md-9 p"):
            lines = paragraph.get_text().splitlines()
            glued = [line for line in lines[1:] if re.match(r"\s*(?:[-*+]|\d+\.)\s", line)]
            assert not glued, (template_id, paragraph.get_text())
