"""The site report as a dashboard: the site's figures (engine/site.py), the charts drawn from them
on the report page, checked against `spec-report.json`, and the lists of pages behind each gap."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import build, cli, page, spec_page, write_site
from mkdocs_spec_plugin.engine.model import State
from mkdocs_spec_plugin.engine.report import PageVerdict, SectionVerdict
from mkdocs_spec_plugin.engine.site import SiteSummary

C, M, U = State.COMPLETE, State.MISSING, State.UNFINISHED


def _verdict(path: str, template: str, *states: State) -> PageVerdict:
    sections = tuple(SectionVerdict((f"S{n}",), state) for n, state in enumerate(states))
    return PageVerdict(path, template, template.title(), sections)


@pytest.mark.parametrize(
    ("states", "score"),
    [((C, C), 100), ((C, M), 50), ((M, M), 0), ((C, C, C, U), 75), ((C, U, U), 33)],
)
def test_a_score_counts_in_its_bin(states, score):
    summary = SiteSummary.of([_verdict("a.md", "t", *states)])
    bins = [0] * 11
    bins[10 if score == 100 else score // 10] = 1
    assert summary.bins == tuple(bins)
    assert summary.average == score


def test_templates_and_gaps():
    verdicts = [
        _verdict("a.md", "rfc", C, M, U),
        _verdict("b.md", "rfc", C, M, C),
        _verdict("c.md", "rfc", C, C, C),
        _verdict("d.md", "adr", M, M),
    ]
    summary = SiteSummary.of(verdicts)
    rfc, adr = summary.templates  # most pages first
    assert (rfc.id, rfc.pages, rfc.low, rfc.median, rfc.high) == ("rfc", 3, 33, 66, 100)
    assert rfc.average == (33 + 66 + 100) // 3
    assert (adr.id, adr.pages, adr.average) == ("adr", 1, 0)
    first = summary.gaps[0]
    assert (first.template, first.path, first.missing) == ("rfc", ("S1",), ("a.md", "b.md"))
    assert sum(g.pages for g in summary.gaps) == 5  # every required gap of every page
    assert summary.as_dict()["top_gaps"][0]["pages"] == ["a.md", "b.md"]


def test_no_pages():
    summary = SiteSummary.of([])
    assert (summary.pages, summary.average, summary.templates, summary.gaps) == (0, 100, (), ())


PAGES = {f"specs/p{n:02}.md": spec_page(n) for n in range(30)}
PAGES["evil.md"] = page("design-doc", '# <b>R&D</b> "quoted"\n\n## Current Context\nx\n')
PAGES["specs/index.md"] = spec_page(31)


@pytest.fixture(scope="module")
def dashboard_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("dashboard")
    config = write_site(root, PAGES, {"site_url": "https://docs.example.org/team/"})
    return config, build(config)


@pytest.fixture(scope="module")
def report(dashboard_site):
    _, built = dashboard_site
    data = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    return built.html("spec-report.md"), data


def test_the_spread_chart_draws_the_json_bins(report):
    soup, data = report
    bars = soup.select("svg#spec-spread rect, #spec-spread-title")
    assert bars  # the chart is there
    titles = [r.title.get_text() for r in soup.select("figure svg rect") if r.title][:11]
    drawn = [int(re.search(r": (\d+) page", t)[1]) for t in titles]
    assert drawn == [b["pages"] for b in data["site"]["score_bins"]]
    assert sum(drawn) == data["site"]["pages"] == len(data["pages"]) == 32
    heights = [float(r["height"]) for r in soup.select("figure svg rect") if r.title][:11]
    assert heights.index(max(heights)) == drawn.index(max(drawn))
    description = soup.select_one("#spec-spread-desc").get_text()
    assert description.startswith("Scores of 32 pages: 0–9%:")


def test_the_template_chart_and_the_gap_chart_say_the_json_figures(report):
    soup, data = report
    words = soup.select_one("#spec-templates-desc").get_text()
    for t in data["site"]["templates"]:
        assert f"{t['name']}: {t['pages']} page" in words
        assert f"average {t['average']}%, from {t['lowest']}% to {t['highest']}%" in words
    rows = soup.select_one("svg[aria-labelledby^=spec-gaps]").select("a")
    assert len(rows) == len(data["site"]["top_gaps"]) == 10
    for row, gap in zip(rows, data["site"]["top_gaps"]):
        assert row.title.get_text().startswith(" / ".join(gap["path"]))
        target = soup.select_one(row["href"])  # each bar opens the list of its pages
        assert target.name == "details"
        listed = [a["href"] for a in target.select("li a")]
        assert len(listed) == gap["missing"] + gap["unfinished"] == len(gap["pages"])
        expected = {_url(p) for p in gap["pages"]}
        assert {f"{h.removeprefix('../')}" for h in listed} == expected


def test_the_table_has_no_class_and_one_row_per_page(report):
    soup, data = report
    table = soup.select_one(".spec-report > table")
    assert table is not None and not table.get("class")  # the theme styles it
    assert len(table.select("tbody tr")) == len(data["pages"])
    form = soup.select_one("form.spec-report-filters")
    assert form.has_attr("hidden")  # shown by the script only
    options = [o["value"] for o in form.select("select[name=template] option")]
    assert options[1:] == [t["template"] for t in data["site"]["templates"]]


def test_page_text_is_text_in_the_dashboard(report):
    soup, _ = report
    assert soup.select(".spec-report b, .spec-report-gap b, figure b") == []
    link = next(a for a in soup.select(".spec-report td a") if "R&D" in a.get_text())
    assert link.get_text() == 'R&D "quoted"'  # MkDocs' title drops the tags; escaped once


def _url(source: str) -> str:
    stem = source.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def test_report_without_a_build_writes_the_build_s_json_and_the_dashboard(dashboard_site, tmp_path):
    config, built = dashboard_site
    out = tmp_path / "artefacts" / "spec"  # created
    result = cli("report", "-f", str(config), "-o", str(out), cwd=config.parent)
    assert result.returncode == 0, result.stderr
    assert "32 pages judged" in result.stdout
    ours = json.loads((out / "spec-report.json").read_text("utf-8"))
    theirs = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    assert ours["pages"] == theirs["pages"]  # page for page: paths, URLs, states, no lines
    assert ours == theirs
    html = (out / "spec-report.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("style") is not None and "spec-badge" in soup.style.get_text()
    assert soup.select_one("link[rel=stylesheet], script[src]") is None  # one file, offline
    rows = soup.select(".spec-report tbody tr")
    assert len(rows) == 32
    hrefs = {a["href"] for a in soup.select(".spec-report tbody a")}
    assert "https://docs.example.org/team/specs/" in hrefs  # site_url: the published pages
    assert "https://docs.example.org/team/specs/p03/" in hrefs


def test_report_links_to_the_sources_without_a_site_url(tmp_path):
    config = write_site(tmp_path, {"a/b.md": spec_page(2)})
    result = cli("report", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "spec-report.html").read_text("utf-8"), "html.parser")
    assert [a["href"] for a in soup.select(".spec-report tbody a")] == ["../docs/a/b.md"]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    failed = cli("report", "-f", str(config), "-o", str(blocked), cwd=tmp_path)
    assert failed.returncode == 2 and "cannot write the report" in failed.stderr
