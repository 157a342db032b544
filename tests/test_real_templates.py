"""Real templates judged the way their own reviewers judge them (PRODUCT.md "Templates" and
"Judging a page"): templates in the shape of MADR 2/3, a KEP-like proposal with a signoff
checklist, an RFC with H1 sections and a trade study with solution items, and pages written from
them. Every page is judged by the real `mkdocs-spec check` and by a real `mkdocs build`, and each
expectation is held on both.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import badge, build, cli, cli_json, json_states, page, states, write_site
from real_pages import PAGES, REAL, RFC_PAGE


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Any]:
    """Every page judged by `mkdocs-spec check` and by a real build with the plugin."""
    root = tmp_path_factory.mktemp("real")
    config = write_site(
        root,
        PAGES,
        {
            "markdown_extensions": ["footnotes", "attr_list"],
            "plugins": [{"spec": {"templates_dir": str(REAL)}}],
        },
    )
    report = cli_json("-f", str(config), "docs", cwd=root)
    pages = {p["path"].removeprefix("docs/"): p for p in report["pages"]}
    return pages, build(config)


def all_states(report: dict[str, Any]) -> dict[str, str]:
    """Section path -> state, optional sections included (marked with a trailing '?')."""
    found = json_states(report)
    for section in report["optional_sections"]:
        found[" / ".join(section["path"]) + "?"] = section["state"]
    return found


def test_comment_in_a_heading_is_not_part_of_its_name_and_marks_it_optional(judged):
    pages, _ = judged
    found = all_states(pages["madr2/complete.md"])
    assert found["Decision Drivers?"] == "complete"
    assert found["Decision Outcome / Positive Consequences?"] == "complete"
    assert found["Decision Outcome / Negative Consequences?"] == "missing"
    assert pages["madr2/complete.md"]["score"] == 100
    assert pages["madr2/complete.md"]["required"] == 3


def test_comment_above_or_below_a_heading_marks_it_optional(judged):
    pages, _ = judged
    report = pages["madr3/page.md"]
    found = all_states(report)
    assert found["Decision Drivers?"] == "missing"
    assert found["Validation?"] == "missing"  # the comment is on the line below its heading
    assert found["More Information?"] == "missing"
    assert found["Decision Outcome / Consequences?"] == "complete"
    assert report["required"] == 3
    assert report["score"] == 100


def test_everything_under_an_optional_section_is_optional(judged):
    pages, _ = judged
    found = all_states(pages["madr2/complete.md"])
    # The page writes "Pros and Cons" as prose: its wildcard child is optional, and missing.
    assert found["Pros and Cons of the Options?"] == "complete"
    assert found["Pros and Cons of the Options / [option 1]?"] == "missing"
    assert "Pros and Cons of the Options / [option 1]" not in found


def test_present_but_empty_optional_section_is_unfinished_optional(judged):
    pages, built = judged
    report = pages["madr2/empty-optional.md"]
    assert all_states(report)["Decision Drivers?"] == "unfinished"
    assert report["score"] == 66  # Considered Options is empty too
    soup = built.html("madr2/empty-optional.md")
    item = soup.select_one('li[data-spec-section="Decision Drivers"]')
    assert item is not None
    assert item["data-spec-state"] == "unfinished"
    assert "unfinished (optional)" in item.get_text()


def test_mixed_heading_is_a_pattern(judged):
    pages, _ = judged
    found = all_states(pages["trade/complete.md"])
    assert found["Spike: [Spike Name]"] == "complete"
    assert found["Spike: [Spike Name] / Integration with <System>"] == "complete"
    assert pages["trade/complete.md"]["score"] == 100


def test_wildcard_run_with_subsections_is_one_slot(judged):
    pages, _ = judged
    found = all_states(pages["trade/complete.md"])
    assert found["Solution Hypotheses / [Solution 1]"] == "complete"
    assert found["Solution Hypotheses / [Solution 1] / Evidence"] == "complete"
    assert not any("[Solution 2]" in path for path in found)


def test_subsection_of_a_wildcard_run_is_judged_under_every_heading_it_took(judged):
    pages, _ = judged
    report = pages["trade/short.md"]
    evidence = next(s for s in report["sections"] if s["path"][-1] == "Evidence")
    assert evidence["state"] == "missing"
    assert "Memcached" in evidence["reason"]


def test_a_template_judged_against_itself_is_unfinished_not_missing(judged):
    pages, _ = judged
    for template_id in ("madr2", "madr3", "trade-study", "kep"):
        report = pages[f"copies/{template_id}.md"]
        found = json_states(report)
        assert set(found.values()) == {"unfinished"}, (template_id, found)
        assert report["score"] == 0
    trade = {" / ".join(s["path"]): s for s in pages["copies/trade-study.md"]["sections"]}
    assert "still a placeholder" in trade["Solution Hypotheses / [Solution 1]"]["reason"]


def test_a_second_h1_never_hides_the_sections_around_it(judged):
    pages, _ = judged
    found = json_states(pages["kep/page.md"])
    assert found["Motivation"] == "complete"
    assert found["Design Details / Feature Enablement"] == "complete"


def test_h1_sections_of_a_template_without_a_title(judged):
    pages, _ = judged
    assert pages["rfc/page.md"]["score"] == 100


def test_task_list_boxes_and_defined_reference_links_are_not_placeholders(judged):
    pages, _ = judged
    found = json_states(pages["kep/page.md"])
    assert found["Release Signoff Checklist"] == "complete"
    assert found["Design Details / Feature Enablement"] == "complete"


def test_todo_markers_and_explicit_answers(judged):
    pages, _ = judged
    found = all_states(pages["kep/page.md"])
    assert found["Motivation / Goals"] == "complete"  # None yet.
    assert found["Motivation / Non-Goals"] == "complete"  # N/A, and "Non Goals"
    assert found["Proposal / Risks and Mitigations"] == "unfinished"  # TODO: <link>
    assert found["Alternatives"] == "complete"


def test_a_title_holding_a_slash_can_be_named_optional(judged):
    pages, _ = judged
    found = all_states(pages["kep/page.md"])
    assert found["Proposal / User-Stories/Use-Cases?"] == "missing"
    optional = pages["kep/page.md"]["optional_sections"]
    stories = next(s for s in optional if s["path"][-1] == "User-Stories/Use-Cases")
    assert stories["did_you_mean"] == "User Stories for cache users"


def test_name_variants_match(judged):
    pages, _ = judged
    found = all_states(pages["kep/page.md"])
    assert found["Design Details / Upgrade/Downgrade Strategy"] == "complete"
    assert found["Drawbacks"] == "complete"
    variants = json_states(pages["variants.md"])
    for name in ("Café", "Istanbul Office", "Overview", "API Design", "config Flags"):
        assert variants[name] == "complete", name
    assert variants["🚀"] == "missing"  # 🎉 is not 🚀
    assert json_states(pages["rocket.md"])["🚀"] == "complete"


def test_checks_and_build_agree_on_what_is_content(judged):
    pages, _ = judged
    variants = json_states(pages["variants.md"])
    assert variants["Footnotes"] == "unfinished"  # the note is shown at the end of the page
    assert variants["References"] == "unfinished"  # a definition in a list item shows nothing
    assert variants["Formula"] == "complete"  # MathML is what the reader sees


def test_did_you_mean_finds_renames_a_person_sees(judged):
    pages, built = judged
    report = pages["trade/renamed.md"]
    hypotheses = next(s for s in report["sections"] if s["path"] == ["Solution Hypotheses"])
    assert hypotheses["did_you_mean"] == "Solutions"
    assert "did you mean 'Solutions'?" in built.log


def test_plugin_agrees_with_check_on_every_page(judged):
    pages, built = judged
    for name, report in pages.items():
        soup = built.html(name)
        shown = badge(soup)
        assert shown is not None, name
        assert int(shown["data-spec-score"]) == report["score"], name
        gaps = {k: v for k, v in all_states(report).items() if v != "complete"}
        if report["score"] == 100:  # the admonition is shown only on a page with gaps
            gaps = {}
        listed = {}
        for li in soup.select("li[data-spec-state]"):
            optional = "?" if li.has_attr("data-spec-optional") else ""
            listed[li["data-spec-section"] + optional] = li["data-spec-state"]
        assert listed == gaps, name


def test_new_then_fix_adds_nothing_and_check_lists_no_missing(tmp_path):
    config = write_site(tmp_path, {}, {"plugins": [{"spec": {"templates_dir": str(REAL)}}]})
    for template_id in ("madr2", "madr3", "kep", "trade-study", "variants"):
        target = tmp_path / "docs" / f"{template_id}.md"
        assert cli("new", template_id, str(target), "-f", str(config)).returncode == 0
        before = target.read_bytes()
        result = cli("fix", str(target), "-f", str(config))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes() == before, template_id
        report = cli_json("-f", str(config), str(target))["pages"][0]
        assert "missing" not in json_states(report).values(), template_id


def test_generated_report_page_is_never_judged(tmp_path):
    config = write_site(
        tmp_path,
        {"index.md": page(None, RFC_PAGE)},
        {
            "plugins": [
                {
                    "spec": {
                        "templates_dir": str(REAL),
                        "rules": [{"glob": "*.md", "template": "rfc"}],
                        "fail_under_page": 50,
                    }
                }
            ]
        },
    )
    built = build(config)
    assert not built.html("spec-report.md").select(".spec-badge-row, .spec-missing")
    data = (built.site / "spec-report.json").read_text(encoding="utf-8")
    assert "spec-report" not in data
    assert states(built.html("index.md")) == {}


def test_templates_command_says_what_made_each_section_optional(tmp_path):
    write_site(tmp_path, {}, {"plugins": [{"spec": {"templates_dir": str(REAL)}}]})
    out = cli("templates", cwd=tmp_path).stdout
    assert "- Decision Drivers  (optional: comment)" in out  # in the heading (MADR 2), above (3)
    assert "- Validation  (optional: comment)" in out  # the line below the heading
    assert "- Notes and Caveats (Optional)  (optional: suffix)" in out
    assert "- User-Stories/Use-Cases  (optional: front matter)" in out
    assert "* [option 1] / [option 2]  (one or more, optional: under an optional section)" in out
    assert "- Spike: [Spike Name]  (pattern)" in out
