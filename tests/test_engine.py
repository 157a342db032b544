"""The engine in-process, one table per part: templates, the matcher, the judge and the verdict.

Fast rows, in the style of mkdocs-autorefs' tests: each says one rule of PRODUCT.md with the
smallest page that shows it. The real builds and the real CLI hold the same rules end to end
elsewhere (test_judging, test_real_templates, test_agreement).
"""

from __future__ import annotations

import pytest

from mkdocs_spec_plugin.engine.judge import judge
from mkdocs_spec_plugin.engine.markdown_reader import read_markdown
from mkdocs_spec_plugin.engine.model import State
from mkdocs_spec_plugin.engine.report import PageVerdict, Shared
from mkdocs_spec_plugin.engine.resolve import Matcher, Rule
from mkdocs_spec_plugin.engine.templates import TemplateError, TemplateRegistry, load_registry

NOTE = """---
id: note
name: Note
---
# [Title]

## Summary
[What it does, in one paragraph]

## Risks <!-- optional -->
What could go wrong, and what we do about it.

## Components
### [Component Name]
[Its job]

## Spike: [Spike Name]
[What we learn]
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> TemplateRegistry:
    folder = tmp_path_factory.mktemp("templates")
    (folder / "note.md").write_text(NOTE, encoding="utf-8")
    return load_registry(folder)


# -- templates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "optional_by", "wildcard", "pattern"),
    [
        ("Summary", None, False, False),
        ("Risks", "comment", False, False),  # `<!-- optional -->` in the heading
        ("[Component Name]", None, True, False),  # a placeholder heading: one or more of any name
        ("Spike: [Spike Name]", None, False, True),  # words and a placeholder: a pattern
    ],
)
def test_template_headings_become_slots(registry, title, optional_by, wildcard, pattern):
    slot = next(s for s in registry.get("note").walk() if s.title == title)
    assert slot.optional_by == optional_by
    assert slot.optional is (optional_by is not None)
    assert slot.wildcard is wildcard
    assert (slot.name_pattern is not None) is pattern


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\nextends: nowhere\n---\n## A\n", "nowhere"),
        ("---\nid: [1, 2]\n---\n## A\n", "id"),
        ("---\noptional: [No Such Section]\n---\n## A\n", "No Such Section"),
    ],
)
def test_a_broken_template_names_its_file_and_problem(tmp_path, text, problem):
    (tmp_path / "broken.md").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        load_registry(tmp_path)
    assert "broken.md" in str(raised.value) and problem in str(raised.value)


def test_a_template_read_again_follows_its_parent_as_it_is_now(tmp_path):
    """Template files are parsed once per text (the language server and the agent tools load the
    registry on every call): a child's slot takes the names its parent accepts now, not those of
    the parent read before."""
    child = "---\nextends: base\n---\n## Design\n### Details\n"
    (tmp_path / "child.md").write_text(child, encoding="utf-8")
    for alias in ("Architecture", "Approach"):
        base = f"---\naliases:\n  Design: [{alias}]\n---\n## Overview\n## Design\n"
        (tmp_path / "base.md").write_text(base, encoding="utf-8")
        design = next(s for s in load_registry(tmp_path).get("child").walk() if s.title == "Design")
        assert design.names == {"design", alias.lower()}


# -- the matcher -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "path", "template", "warning", "failed"),
    [
        ({"spec": "note"}, "a.md", "note", None, False),
        ({"spec": " note "}, "a.md", "note", None, False),
        ({}, "decisions/0001.md", "note", None, False),  # a path rule
        ({}, "decisions/index.md", None, None, False),  # ... and its exclude
        ({"spec": False}, "decisions/0001.md", None, None, False),  # opting out beats a rule
        ({"spec": "note", "title": "x"}, "guides/a.md", "note", None, False),  # front matter wins
        ({"spec": "noet"}, "a.md", None, "did you mean 'note'", True),
        ({"spec": ["note"]}, "a.md", "note", None, False),  # a list of one
        ({"spec": ["note", "noet"]}, "a.md", None, "did you mean 'note'", True),
        ({"spec": ["note", 5]}, "a.md", None, "a list of ids", False),
        ({"spec": {"id": "note"}}, "a.md", None, "must be a template id", False),
        ({"Spec": "note"}, "a.md", None, "case matters", False),
        ({"template": "note"}, "a.md", None, "write 'spec: note' instead", True),
    ],
)
def test_which_template_a_page_uses(registry, meta, path, template, warning, failed):
    matcher = Matcher(registry, "spec", [Rule("decisions/*.md", ("note",), ("**/index.md",))])
    resolution = matcher.resolve(meta, path)
    assert (resolution.template.id if resolution.template else None) == template
    assert (warning is None and resolution.warning is None) or warning in (resolution.warning or "")
    assert resolution.failed is failed


def test_a_rule_naming_an_unknown_template_is_an_error(registry):
    with pytest.raises(TemplateError, match="did you mean 'note'"):
        Matcher(registry, "spec", [Rule("*.md", ("notes",))])


# -- the judge -------------------------------------------------------------------------------------

OWN = """# Cache

## Summary
Keeps hot rows in memory.

## Components
### Store
An LRU map with a byte budget.

## Spike: Eviction
We measure LRU against LFU.
"""


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            OWN,
            {"Summary": "complete", "Risks": "missing", "Components": "complete"},
            id="written",
        ),
        pytest.param(
            NOTE.split("---\n", 2)[2],
            {
                "Summary": "unfinished",
                "Components / [Component Name]": "unfinished",
                "Spike: [Spike Name]": "unfinished",
            },
            id="a copy of the template",
        ),
        pytest.param(
            "## Summary\nTODO: write it\n\n## Spike: Eviction\nN/A\n",
            {"Summary": "unfinished", "Spike: [Spike Name]": "complete", "Components": "missing"},
            id="a to-do marker is not an answer, N/A is",
        ),
        pytest.param(
            "## 2. SUMMARY:\nKeeps rows.\n", {"Summary": "complete"}, id="numbering, case, colon"
        ),
        pytest.param(
            "# Cache\n\n### Summary\nKeeps rows.\n",
            {"Summary": "complete"},
            id="levels are relative",
        ),
        pytest.param(
            "## Summary\n\n## Components\n",
            {"Summary": "unfinished", "Components": "unfinished"},
            id="empty",
        ),
        pytest.param(
            "## Summary\n```\n## Components\n```\n",
            {"Summary": "complete", "Components": "missing"},
            id="code is never a heading",
        ),
    ],
)
def test_section_states(registry, page, expected):
    report = judge(registry.get("note"), read_markdown(page))
    states = {" / ".join(s.path): s.state.value for s in report.sections}
    assert {name: states[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("page", "path", "words"),
    [
        (
            "## Summary\n[What it does, in one paragraph]\n",
            "Summary",
            "template text left in place",
        ),
        ("## Summary\nTBD\n", "Summary", "only 'TBD' so far"),
        ("## Summary\n", "Summary", "empty"),
        ("## Spike: [Spike Name]\nx\n", "Spike: [Spike Name]", "is still a placeholder"),
    ],
)
def test_an_unfinished_section_says_why(registry, page, path, words):
    report = judge(registry.get("note"), read_markdown(page))
    result = next(s for s in report.sections if " / ".join(s.path) == path)
    assert result.state is State.UNFINISHED
    assert words in (result.reason or "")


@pytest.mark.parametrize(
    ("page", "path", "code", "params"),
    [
        (
            "## Summary\n[What it does, in one paragraph]\n",
            "Summary",
            "template_text",
            {"text": "[What it does, in one paragraph]"},
        ),
        ("## Summary\nTBD\n", "Summary", "todo_marker", {"text": "TBD"}),
        (
            "## Summary\n[Something else]\n",
            "Summary",
            "placeholder_only",
            {"text": "[Something else]"},
        ),
        (
            "## Risks\nWhat could go wrong, and what we do about it.\n",
            "Risks",
            "only_template_text",
            {},
        ),
        ("## Summary\n", "Summary", "empty", {}),
        (
            "## Spike: [Spike Name]\nx\n",
            "Spike: [Spike Name]",
            "placeholder_heading",
            {"heading": "Spike: [Spike Name]"},
        ),
        ("## Other\nText.\n", "Summary", "absent", {}),
        ("## Summaries\nKeeps rows.\n", "Summary", "near_miss", {"did_you_mean": "Summaries"}),
    ],
)
def test_every_reason_has_a_stable_code(registry, page, path, code, params):
    report = judge(registry.get("note"), read_markdown(page))
    result = next(s for s in report.sections if " / ".join(s.path) == path)
    assert result.cause is not None
    assert (result.cause.code, result.cause.as_params()) == (code, params)


def test_a_near_miss_is_missing_with_did_you_mean(registry):
    report = judge(registry.get("note"), read_markdown("## Summaries\nKeeps rows.\n"))
    summary = report.sections[0]
    assert (summary.state, summary.did_you_mean) == (State.MISSING, "Summaries")


# -- the verdict -----------------------------------------------------------------------------------


def test_the_verdict_counts_required_slots_only(registry):
    verdict = PageVerdict.of(judge(registry.get("note"), read_markdown(OWN)), "cache.md")
    assert (verdict.score, verdict.complete, len(verdict.required)) == (100, 4, 4)
    assert verdict.summary == "100% · 4 of 4 sections"
    assert [gap.describe() for gap in verdict.gaps] == ["missing: Risks (optional)"]
    page = verdict.as_dict()
    assert [s["path"] for s in page["optional_sections"]] == [["Risks"]]
    assert "url" not in page  # only a built page has one


def test_a_verdict_from_html_points_at_no_line(registry):
    report = judge(registry.get("note"), read_markdown("## Summary\nKeeps rows.\n"))
    assert report.sections[0].line == 1
    verdict = PageVerdict.of(report, "a.md", url="a/", lines=False)
    assert {s.line for s in verdict.sections} == {None}
    assert verdict.as_dict()["url"] == "a/"


def test_verdicts_share_their_equal_sections(registry):
    shared = Shared()
    pages = ("## Summary\nKeeps rows.\n", "## Summary\nKeeps rows.\n", "## Summary\n")
    reports = [judge(registry.get("note"), read_markdown(page)) for page in pages]
    unshared = [PageVerdict.of(r, f"{i}.md", lines=False) for i, r in enumerate(reports)]
    first, second, third = (shared.verdict(v) for v in unshared)
    assert [first, second, third] == unshared
    assert all(a is b for a, b in zip(first.sections, second.sections))
    assert first.sections[0] is not third.sections[0]  # complete on one page, unfinished on another
    assert first.sections[0].path is third.sections[0].path
