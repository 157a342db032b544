"""Build-wide behaviour: the report page and JSON, per-page warnings, and the build gates."""

from __future__ import annotations

import json
import time

from conftest import badge, build, page, template_body, write_site

GOOD = """
# Cache Design Document

## Current Context
The reader service hits the database for every profile view.

## Rollout Strategy
Dark launch, then 5%, 50%, 100%.
"""

PAGES = {
    "index.md": "# Home\n",
    "design/cache.md": page("design-doc", GOOD),
    "design/fresh.md": page("design-doc", template_body("design-doc")),
    "specs/search.md": page("tech-spec", "# Search\n\n## Overview\nFull-text search.\n"),
}


def test_report_page_and_json(site):
    built = site(PAGES)
    soup = built.html("spec-report.md")
    assert soup.find("h1").get_text(strip=True).startswith("Spec report")
    rows = soup.select(".spec-report table tbody tr")
    assert len(rows) == 3
    scores = [int(r.select("td")[2]["data-sort"]) for r in rows]
    assert scores == sorted(scores)  # lowest first
    links = {r.select_one("a")["href"] for r in rows}
    assert links == {"../design/cache/", "../design/fresh/", "../specs/search/"}
    assert (built.site / "assets/mkdocs-spec/report.js").is_file()
    assert "spec-report" not in built.html("index.md").select_one("nav, .navbar").decode()

    data = json.loads((built.site / "spec-report.json").read_text())
    pages = {p["path"]: p for p in data["pages"]}
    assert set(pages) == {"design/cache.md", "design/fresh.md", "specs/search.md"}
    cache = pages["design/cache.md"]
    assert cache["template"] == "design-doc" and cache["url"] == "design/cache/"
    assert cache["score"] == int(badge(built.html("design/cache.md"))["data-spec-score"])
    assert cache["sections"][0] == {
        "path": ["Current Context"],
        "state": "complete",
        "line": None,
        "did_you_mean": None,
        "reason": None,
        "reason_code": None,
        "reason_params": {},
    }
    assert data["average"] == sum(p["score"] for p in data["pages"]) // 3


def test_report_url_and_report_off(tmp_path):
    config = write_site(
        tmp_path / "a", PAGES, {"plugins": [{"spec": {"report_url": "status/specs/"}}]}
    )
    built = build(config)
    assert (built.site / "status/specs/index.html").is_file()
    config = write_site(tmp_path / "b", PAGES, {"plugins": [{"spec": {"report": False}}]})
    built = build(config)
    assert not (built.site / "spec-report").exists()
    assert not (built.site / "spec-report.json").exists()


def test_report_page_can_be_put_in_the_nav(site):
    nav = [{"Home": "index.md"}, {"Spec status": "spec-report.md"}]
    built = site(PAGES, {"nav": nav})
    assert "Spec status" in built.html("index.md").get_text()
    assert "spec-report" not in built.log


def test_one_warning_per_page_with_missing_sections(site):
    built = site(PAGES)
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2  # the fresh copy has nothing missing, only unfinished sections
    assert any("design/cache.md: design-doc" in w and "missing (" in w for w in warnings)
    assert any("specs/search.md: tech-spec" in w for w in warnings)


def test_warn_under_threshold(site):
    built = site(PAGES, {"plugins": [{"spec": {"warn_under": 6}}]})
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2  # 0% and 5% are below 6%; 7% is not
    assert all("(warn_under 6%)" in w for w in warnings)
    assert any("design/fresh.md" in w for w in warnings)
    assert any("specs/search.md" in w for w in warnings)


def test_fail_under_page_fails_with_a_summary_table(tmp_path):
    config = write_site(tmp_path, PAGES, {"plugins": [{"spec": {"fail_under_page": 10}}]})
    result = build(config, check=False)
    assert result.result.returncode != 0
    log = result.log
    assert "below the bar" in log and "page(s) below fail_under_page 10%" in log
    assert "design/fresh.md" in log and "Traceback" not in log
    assert (result.site / "spec-report.json").is_file()  # written before failing, for CI


def test_fail_under_site_average(tmp_path):
    config = write_site(tmp_path, PAGES, {"plugins": [{"spec": {"fail_under": 90}}]})
    result = build(config, check=False)
    assert result.result.returncode != 0
    assert "site average" in result.log and "below fail_under 90%" in result.log
    config = write_site(tmp_path / "ok", PAGES, {"plugins": [{"spec": {"fail_under": 1}}]})
    assert build(config, check=False).result.returncode == 0


def test_percent_options_are_validated(tmp_path):
    config = write_site(tmp_path, PAGES, {"plugins": [{"spec": {"fail_under": 150}}]})
    result = build(config, check=False)
    assert result.result.returncode != 0 and "fail_under" in result.log


def test_dirty_builds_report_and_gate_the_whole_site(tmp_path):
    """`mkdocs build --dirty` renders only the changed pages; the report and the gates still
    cover every spec page, with the verdicts a full build gives."""
    pages = {f"p{n}.md": page("design-doc", "# P\n\n## Current Context\nText.\n") for n in range(4)}
    config = write_site(tmp_path, pages, {"plugins": [{"spec": {"fail_under_page": 0}}]})
    build(config)
    time.sleep(0.05)  # MkDocs compares modification times
    (tmp_path / "docs" / "p2.md").write_text(page("design-doc", "# P\n\nNothing yet.\n"))
    dirty = build(config, "--dirty")
    dirty_report = json.loads((dirty.site / "spec-report.json").read_text())
    full_report = json.loads((build(config).site / "spec-report.json").read_text())
    assert len(dirty_report["pages"]) == 4
    assert dirty_report == full_report
    assert dirty.log.count("design-doc") >= 4  # each page below the bar warns, built or not


def test_no_report_page_when_no_page_is_judged(site):
    """A site that has the plugin but no spec page yet (a team adopting it) publishes no report
    saying "average 100%": not as a page, in the sitemap or in search; the build log says why."""
    built = site(
        {"index.md": "# Home\n", "guide.md": "# Guide\n\nText.\n"}, {"plugins": ["search", "spec"]}
    )
    assert not (built.site / "spec-report").exists()
    assert "spec-report" not in (built.site / "sitemap.xml").read_text("utf-8")
    search = (built.site / "search" / "search_index.json").read_text("utf-8")
    assert "spec-report" not in search
    assert "no page names a template: the spec report page is not published" in built.log
    listed = site({"index.md": "# Home\n"}, {"nav": [{"Status": "spec-report.md"}]})
    assert (listed.site / "spec-report" / "index.html").is_file()  # the nav links to it
