"""The reader's language: what the plugin adds to a built page (badge, admonition, navigation
tooltip, report page) in the site's language, and the reason codes of the JSON reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Built, badge, build, cli_json, page, states, write_site

NOTE = """---
id: note
name: Note
---
# [Title]

## Summary
[What it does, in one paragraph]

## Risks <!-- optional -->
What could go wrong.

## Components
### [Component Name]
#### Interface
[How it is called]

## Security Considerations
[Threats]

## Rollout
[The plan]
"""

# Summary: a to-do; Risks: optional, absent; Interface: missing under Redis; Security
# Considerations: a near miss; Rollout written before Components (a notice). 3 of 6: 50%.
PAGE = page(
    "note",
    """
    # Cache

    ## Summary
    TBD

    ## Rollout
    In May.

    ## Components
    ### Redis
    Holds sessions.

    ## Security
    Tokens are signed.
    """,
)
NBSP, NNBSP = "\u00a0", "\u202f"


def _site(root: Path, theme: dict[str, Any], **options: Any) -> Built:
    (root / "team").mkdir(parents=True)
    (root / "team" / "note.md").write_text(NOTE, encoding="utf-8")
    config = {
        "theme": theme,
        "nav": ["index.md", "cache.md"],
        "plugins": [{"spec": {"templates_dir": "team", "nav_status": True, **options}}],
    }
    return build(write_site(root, {"index.md": "# Home\n", "cache.md": PAGE}, config))


def _gap(built: Built, section: str) -> str:
    """The admonition's entry for a section, as HTML."""
    item = built.html("cache.md").select_one(f'li[data-spec-section="{section}"]')
    assert item is not None, section
    return item.decode_contents()


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _site(tmp_path_factory.mktemp("de"), {"name": "material", "language": "de"})


@pytest.fixture(scope="module")
def japanese(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A German Material site whose spec words are asked for in Japanese."""
    return _site(tmp_path_factory.mktemp("ja"), {"name": "material", "language": "de"}, locale="ja")


def test_a_german_site_speaks_german(german):
    soup = german.html("cache.md")
    shown = badge(soup)
    assert shown.get_text() == f"Spec 50{NBSP}% · 3 von 6 Abschnitten"
    assert shown["lang"] == "de"
    assert shown["title"] == "Note (note): 3 von 6 Pflichtabschnitten vollständig"
    admonition = soup.select_one("#spec-missing")
    assert admonition["lang"] == "de"
    assert admonition.summary.get_text() == "2 fehlen, 1 unvollständig — Vorlage: Note (note)"
    # Section titles stay as the template writes them.
    assert set(states(soup)) == {
        "Summary",
        "Risks",
        "Components / [Component Name] / Interface",
        "Security Considerations",
    }
    assert "unvollständig</span> — bisher nur <q>TBD</q>" in _gap(german, "Summary")
    assert "fehlt (optional)</span>" in _gap(german, "Risks")
    assert "meinten Sie <q>Security</q>?" in _gap(german, "Security Considerations")
    interface = _gap(german, "Components / [Component Name] / Interface")
    assert "fehlt unter <q>Redis</q>" in interface
    notice = admonition.select_one(".spec-notice").decode_contents()
    assert (
        notice
        == "<q>Rollout</q> steht vor <q>Components</q>; in der Vorlage folgt der Abschnitt danach"
    )
    assert "no translation" not in german.log


def test_a_german_site_has_german_nav_tooltips_and_report(german):
    icon = german.html("index.md").select_one('nav.md-nav--primary a[href$="cache/"] .md-status')
    assert icon["title"] == f"Spec 50{NBSP}% · 3 von 6 Abschnitten"
    report = german.html("spec-report/index.md")
    assert report.select_one("h1").get_text() == "Spec-Bericht"
    summary = report.select_one(".spec-report-summary").get_text()
    assert summary == f"1 Spec-Seite, davon 0 vollständig; durchschnittliche Bewertung 50{NBSP}%."
    hint = report.select_one(".spec-report-hint").get_text()
    assert hint.endswith("Zum Sortieren eine Spaltenüberschrift auswählen.")
    assert report.select_one("#spec-spread-title").get_text() == "Verteilung der Bewertungen"
    assert report.select_one("#spec-spread-desc").get_text().startswith("Bewertungen von 1 Seite:")
    assert report.select_one("figcaption").get_text() == "Verteilung der Bewertungen"
    filters = report.select_one("form.spec-report-filters")
    assert filters.select_one("output")["data-format"] == "{shown} von {total} Seiten"
    assert "mit fehlenden Abschnitten" in filters.get_text()
    table = report.select_one(".spec-report table")
    assert [th.get_text() for th in table.select("th")] == [
        "Seite",
        "Vorlage",
        "Bewertung",
        "Vollständig",
        "Fehlend",
        "Unvollständig",
    ]
    assert [td.get_text() for td in table.select("tbody td")][2:4] == [f"50{NBSP}%", "3 von 6"]


def test_the_locale_option_wins_over_the_theme(japanese):
    soup = japanese.html("cache.md")
    assert badge(soup).get_text() == "Spec 50% · 3/6 セクション"
    assert badge(soup)["title"] == "Note (note)：必須セクション 6 件中 3 件が完了"
    admonition = soup.select_one("#spec-missing")
    assert admonition["lang"] == "ja"
    assert admonition.summary.get_text() == "未作成 2 件、未完成 1 件 — テンプレート：Note (note)"
    assert "<q>Security</q> のことですか？" in _gap(japanese, "Security Considerations")
    assert "<q>Redis</q> の下にありません" in _gap(
        japanese, "Components / [Component Name] / Interface"
    )
    assert "未作成（任意）" in _gap(japanese, "Risks")
    icon = japanese.html("index.md").select_one('nav.md-nav--primary a[href$="cache/"] .md-status')
    assert icon["title"] == "Spec 50% · 3/6 セクション"
    report = japanese.html("spec-report/index.md")
    assert report.select_one("h1").get_text() == "Spec レポート"
    assert report.select_one("#spec-gaps-title").get_text() == "未完了のことが多いセクション"
    assert [th.get_text() for th in report.select(".spec-report table th")][:3] == [
        "ページ",
        "テンプレート",
        "スコア",
    ]


def test_a_language_without_a_catalogue_falls_back_to_english_once(tmp_path):
    built = _site(tmp_path, {"name": "mkdocs", "locale": "zh_TW"})
    assert badge(built.html("cache.md")).get_text() == "Spec 50% · 3 of 6 sections"
    warnings = [line for line in built.log.splitlines() if "no translation" in line]
    assert len(warnings) == 1, warnings
    assert "language 'zh_Hant_TW'" in warnings[0] and "'locale' option" in warnings[0]


def test_a_theme_locale_with_a_region_finds_its_language(tmp_path):
    built = _site(tmp_path, {"name": "mkdocs", "locale": "pt_BR"})
    assert badge(built.html("cache.md")).get_text() == "Spec 50% · 3 de 6 seções"
    assert "no translation" not in built.log


# -- reason codes in the JSON reports ----------------------------------------------------------

REASONS = {
    "Summary": ("unfinished", "todo_marker", {"text": "TBD"}),
    "Components / [Component Name] / Interface": ("missing", "missing_under", {"under": ["Redis"]}),
    "Security Considerations": ("missing", "near_miss", {"did_you_mean": "Security"}),
    "Rollout": ("complete", None, {}),
}


def _reasons(report: dict[str, Any]) -> dict[str, tuple[str, str | None, dict[str, Any]]]:
    sections = report["sections"] + report["optional_sections"]
    return {
        " / ".join(s["path"]): (s["state"], s["reason_code"], s["reason_params"]) for s in sections
    }


def test_the_json_reports_carry_reason_codes(german):
    checked = cli_json(str(german.root / "docs" / "cache.md"), cwd=german.root)["pages"][0]
    built = json.loads((german.site / "spec-report.json").read_text(encoding="utf-8"))["pages"][0]
    for report in (checked, built):
        found = _reasons(report)
        assert {name: found[name] for name in REASONS} == REASONS
        assert found["Risks"] == ("missing", "absent", {})
    # The English sentences are as they were.
    summary = next(s for s in checked["sections"] if s["path"] == ["Summary"])
    assert summary["reason"] == "only 'TBD' so far"
    interface = next(s for s in checked["sections"] if s["path"][-1] == "Interface")
    assert interface["reason"] == "missing under 'Redis'"
    assert checked["notices"] == ["'Rollout' comes before 'Components'; the template puts it after"]
