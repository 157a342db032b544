"""How pages are judged: each rule of PRODUCT.md "Judging a page", through the real CLI, and the
plugin's HTML giving the same verdict on the same pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import badge, build, cli_json, json_states, page, states, write_site

TEAM = Path(__file__).parent / "fixtures" / "team_templates"
MINI = (TEAM / "mini.md").read_text(encoding="utf-8").split("---\n", 2)[2]

COMPLETE = """
# Cache Design

## Overview
The cache keeps hot rows in memory.

## Security Considerations
- **Authentication**: mTLS between services.
- **Authorization**: only the API tier may read.

## Testing
### Unit Tests
- Eviction order under pressure.

### Integration Tests
- Replays of production traffic.

## Components
### Store
An LRU map with a byte budget.

## Performance & Optimization
p99 reads stay under 2 ms.

## Rollout
1. Shadow reads for a week.
"""

PAGES = {
    "complete.md": page("mini", COMPLETE),
    "copy.md": page("mini", MINI),
    "normalised.md": page(
        "mini",
        """
        # Cache

        ## 1. OVERVIEW
        In memory.

        ## Security considerations:
        Internal only, mTLS.

        ## 3. Testing
        ### 3.1 Unit tests
        Eviction.

        ### 3.2 Integration Tests
        Replays.

        ## Components
        ### Store
        LRU.

        ## Performance and Optimization
        Fast.

        ## Rollout
        Shadow first.
        """,
    ),
    "wrong_parent.md": page(
        "mini",
        COMPLETE.replace("### Unit Tests\n- Eviction order under pressure.\n\n", "").replace(
            "## Overview\n", "## Overview\n### Unit Tests\nEviction order.\n\n"
        ),
    ),
    "deeper.md": page(
        "mini",
        COMPLETE.replace("\n### ", "\n#### ").replace("\n## ", "\n### "),
    ),
    "shallower.md": page(
        "mini",
        COMPLETE.replace("# Cache Design\n", "")
        .replace("\n## ", "\n# ")
        .replace("\n### ", "\n## "),
    ),
    "near_miss.md": page(
        "mini",
        COMPLETE.replace("## Security Considerations", "## Security").replace(
            "## Performance & Optimization", "## Performence & Optimisation"
        ),
    ),
    "states.md": page(
        "mini",
        """
        # Cache

        ## Overview
        N/A — the cache is an internal detail of the reader service.

        ## Security Considerations
        - **Authentication**: mTLS between services.
        - **Authorization**: [Describe authorization model]

        ## Testing
        ### Unit Tests
        TBD

        ### Integration Tests
        <!-- replay production traffic here -->

        ## Components
        ### [Component 1]
        The store.

        ## Performance & Optimization
        [perf]: https://example.com/perf

        ## Rollout
        1. Development phase
        2. Canary at 5% of traffic.
        """,
    ),
    "order.md": page(
        "mini",
        COMPLETE.replace("## Overview\nThe cache keeps hot rows in memory.\n\n", "")
        + "\n## Overview\nThe cache keeps hot rows in memory.\n",
    ),
    "extras.md": page("mini", COMPLETE + "\n## Glossary\nLRU: least recently used.\n"),
    "code.md": page(
        "mini",
        """
        # Cache

        ## Overview
        ```markdown
        ## Security Considerations
        # a comment
        ```

            ## Testing

        ## Rollout
        Shadow first.
        """,
    ),
    "labels.md": page(
        "mini",
        COMPLETE.replace(
            "- **Authorization**: only the API tier may read.",
            "- **Authorization**: [Optional] role checks in the API tier",
        ),
    ),
    "no_key.md": page(None, "# Just a page\n\n## Overview\nNothing to judge.\n"),
}


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory):
    """Every page judged twice: by `mkdocs-spec check` and by a real build with the plugin."""
    root = tmp_path_factory.mktemp("judging")
    config = write_site(root, PAGES, {"plugins": [{"spec": {"templates_dir": str(TEAM)}}]})
    report = cli_json("-f", str(config), str(root / "docs"))
    pages = {Path(p["path"]).name: p for p in report["pages"]}
    return pages, build(config)


def test_complete_page_scores_100(judged):
    pages, _ = judged
    assert pages["complete.md"]["score"] == 100
    assert pages["complete.md"]["required"] == 9  # the optional section is not counted
    assert set(json_states(pages["complete.md"]).values()) == {"complete"}


def test_verbatim_copy_is_all_unfinished(judged):
    pages, _ = judged
    copy = pages["copy.md"]
    assert copy["score"] == 0
    assert set(json_states(copy).values()) == {"unfinished"}
    assert len(copy["sections"]) == 9


def test_names_match_after_normalising(judged):
    pages, _ = judged
    assert pages["normalised.md"]["score"] == 100


def test_child_counts_only_under_its_parent(judged):
    pages, _ = judged
    section = next(s for s in pages["wrong_parent.md"]["sections"] if s["path"][-1] == "Unit Tests")
    assert section["state"] == "missing"
    assert section["did_you_mean"] == "Unit Tests"


@pytest.mark.parametrize("name", ["deeper.md", "shallower.md"])
def test_levels_are_relative(judged, name):
    pages, _ = judged
    assert pages[name]["score"] == 100


def test_near_misses_suggest_the_heading(judged):
    pages, _ = judged
    sections = {s["path"][0]: s for s in pages["near_miss.md"]["sections"]}
    assert sections["Security Considerations"]["state"] == "missing"
    assert sections["Security Considerations"]["did_you_mean"] == "Security"
    assert sections["Performance & Optimization"]["did_you_mean"] == "Performence & Optimisation"
    assert pages["near_miss.md"]["score"] == 77  # 7 of 9, rounded down


def test_each_state_rule(judged):
    pages, _ = judged
    assert json_states(pages["states.md"]) == {
        "Overview": "complete",  # N/A with a reason
        "Security Considerations": "unfinished",  # a placeholder line left in place
        "Testing": "unfinished",
        "Testing / Unit Tests": "unfinished",  # a bare TBD
        "Testing / Integration Tests": "unfinished",  # only an HTML comment
        "Components": "complete",  # the author's text in a subsection counts for the parent
        "Components / [Component 1]": "unfinished",  # the heading is still a placeholder
        "Performance & Optimization": "unfinished",  # only a link reference definition
        "Rollout": "complete",  # a copied line plus one of the author's own
    }
    assert pages["states.md"]["score"] == 33  # 3 of 9


def test_order_is_a_notice_not_a_penalty(judged):
    pages, _ = judged
    assert pages["order.md"]["score"] == 100
    assert any("Overview" in notice for notice in pages["order.md"]["notices"])


def test_extra_sections_are_fine(judged):
    pages, _ = judged
    assert pages["extras.md"]["score"] == 100


def test_code_is_never_a_heading(judged):
    pages, _ = judged
    found = json_states(pages["code.md"])
    assert found["Security Considerations"] == "missing"
    assert found["Testing"] == "missing"
    assert found["Overview"] == "complete"  # the code block is the author's own text


def test_filled_in_labels_are_the_authors_text(judged):
    pages, _ = judged
    assert pages["labels.md"]["score"] == 100


def test_pages_without_the_key_are_not_judged(judged):
    pages, built = judged
    assert "no_key.md" not in pages
    assert badge(built.html("no_key.md")) is None


def test_plugin_agrees_with_the_cli(judged):
    pages, built = judged
    for name, report in pages.items():
        soup = built.html(name)
        shown = badge(soup)
        assert shown is not None, name
        assert int(shown["data-spec-score"]) == report["score"], name
        assert shown["data-spec-template"] == "mini"
        gaps = {k: v for k, v in json_states(report).items() if v != "complete"}
        optional = {li["data-spec-section"] for li in soup.select("li[data-spec-optional]")}
        shown = {k: v for k, v in states(soup).items() if k not in optional}
        assert shown == gaps, name


def test_missing_sections_have_a_line_where_they_belong(tmp_path):
    body = COMPLETE.replace("## Rollout\n1. Shadow reads for a week.\n", "")
    config = write_site(
        tmp_path,
        {"p.md": page("mini", body)},
        {"plugins": [{"spec": {"templates_dir": str(TEAM)}}]},
    )
    report = cli_json("-f", str(config), str(tmp_path / "docs" / "p.md"))["pages"][0]
    rollout = next(s for s in report["sections"] if s["path"] == ["Rollout"])
    assert rollout["state"] == "missing"
    lines = (tmp_path / "docs" / "p.md").read_text().splitlines()
    assert 1 <= rollout["line"] <= len(lines)
