"""Decision records' own metadata: where the verdict goes on a MADR-style page (`placement`) and
records left as they were because of their status (`skip_status`), in a real build and through the
real `mkdocs-spec check`, which agree."""

from __future__ import annotations

import json

import pytest

from conftest import badge, build, cli, cli_json, page, write_site
from mkdocs_spec_plugin.engine.status import metadata, skip_reason
from real_pages import MADR2_COMPLETE, REAL

SUPERSEDED = MADR2_COMPLETE.replace(
    "* Status: accepted", "* Status: Superseded by [ADR-0007](0007-use-cockroach.md)"
)
PAGES = {
    "adr/0001-postgres.md": page(
        "madr2",
        MADR2_COMPLETE.replace(
            "* Date: 2026-03-02\n", "* Date: 2026-03-02\n\nTechnical Story: O-12\n"
        ),
    ),
    "adr/0002-old.md": page("madr2", SUPERSEDED),
    "adr/0003-gone.md": page("madr2", MADR2_COMPLETE, status="deprecated"),
    "adr/0004-short.md": page("madr2", "# Short\n\n* Status: proposed\n"),
}


def _site(tmp_path, **options):
    spec = {"templates_dir": str(REAL), **options}
    return write_site(tmp_path, PAGES, {"plugins": [{"spec": spec}]})


def _above(shown) -> list[str]:
    """The elements above the badge's row (the stylesheet link aside)."""
    siblings = shown.parent.find_previous_siblings()
    return [el.name for el in siblings if el.name != "link"][::-1]


def test_after_metadata_puts_the_verdict_below_the_record_s_metadata(tmp_path):
    built = build(_site(tmp_path, placement="after_metadata"))
    soup = built.html("adr/0001-postgres.md")
    assert _above(badge(soup)) == ["h1", "ul", "p"]  # the title, Status and Date, the story
    assert badge(soup).parent.find_previous_sibling("p").get_text() == "Technical Story: O-12"
    assert _above(badge(built.html("adr/0004-short.md"))) == ["h1", "ul"]
    assert _above(badge(built.html("adr/0002-old.md"))) == ["h1", "ul"]


def test_the_verdict_follows_the_title_by_default(tmp_path):
    soup = build(_site(tmp_path)).html("adr/0001-postgres.md")
    assert _above(badge(soup)) == ["h1"]


def test_placement_is_checked(tmp_path):
    result = build(_site(tmp_path, placement="bottom"), check=False)
    assert result.result.returncode != 0
    assert "placement" in result.log and "after_metadata" in result.log


def test_records_with_a_skipped_status_are_not_judged_by_build_or_check(tmp_path):
    config = _site(tmp_path, skip_status=["superseded", "Deprecated"])
    built = build(config)
    for skipped in ("adr/0002-old.md", "adr/0003-gone.md"):
        assert badge(built.html(skipped)) is None
    assert badge(built.html("adr/0001-postgres.md")) is not None
    report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    judged = sorted(p["path"] for p in report["pages"])
    assert judged == ["adr/0001-postgres.md", "adr/0004-short.md"]

    checked = cli_json("-f", str(config), "docs", cwd=tmp_path)
    assert sorted(p["path"].removeprefix("docs/") for p in checked["pages"]) == judged
    reasons = {s["path"].removeprefix("docs/"): s["reason"] for s in checked["skipped"]}
    assert reasons == {
        "adr/0002-old.md": "status 'superseded' is in skip_status",
        "adr/0003-gone.md": "status 'deprecated' is in skip_status",
    }
    text = cli("check", "-f", str(config), "--fail-under", "0", "docs", cwd=tmp_path)
    assert "skipped 1 page, status 'superseded' is in skip_status: docs/adr/0002-old.md" in (
        text.stdout
    )
    everything = cli_json("-f", str(_site(tmp_path / "all")), "docs", cwd=tmp_path / "all")
    assert len(everything["pages"]) == 4  # without skip_status every record is judged


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("# T\n\n* Status: accepted\n* Date: 2026-01-02\n\n## Context\n", {"status": "accepted"}),
        ("- Status: proposed <!-- optional -->\n- Decision makers: Ana\n", {"status": "proposed"}),
        ("# T\n\nText first.\n\n* Status: accepted\n", {}),  # not the record's metadata
        ("# T\n\n* A list item\n* Status: accepted\n", {}),  # a list that is not metadata
        ("# T\n\n## Status\n\nAccepted\n", {}),  # a Nygard-style section is a section
    ],
)
def test_metadata_is_the_list_that_opens_the_record(body, found):
    assert {k: v for k, v in metadata(body).items() if k == "status"} == found


@pytest.mark.parametrize(
    ("meta", "body", "reason"),
    [
        ({"status": "Superseded by ADR-9"}, "", "status 'superseded' is in skip_status"),
        ({}, "# T\n\n* Status: **Deprecated**\n", "status 'deprecated' is in skip_status"),
        (
            {},
            "# T\n\n* Status: [superseded by ADR-2](2.md)\n",
            "status 'superseded' is in skip_status",
        ),
        ({"status": "superseding-draft"}, "", None),  # a word that starts the same is another
        ({"status": "accepted"}, "# T\n\n* Status: superseded\n", None),  # front matter wins
        ({"status": 3}, "", None),  # not text: no status
    ],
)
def test_skip_status_matches_a_status_by_its_first_words(meta, body, reason):
    assert skip_reason(meta, body, ["superseded", "deprecated"]) == reason
