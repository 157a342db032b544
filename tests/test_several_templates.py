"""A page that may follow one of several templates (a folder of decision records in two styles):
judged against each, its verdict is the one it follows best, and the badge, the admonition, the
report and the JSON say which. Through a real build and the real `mkdocs-spec check` and `fix`,
which agree."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import build, cli, cli_json, page, write_site
from mkdocs_spec_plugin.engine.judge import judge_best
from mkdocs_spec_plugin.engine.markdown_reader import read_markdown
from mkdocs_spec_plugin.engine.resolve import Matcher, Rule
from mkdocs_spec_plugin.engine.templates import load_registry
from real_pages import MADR3_PAGE, REAL

NYGARD = """\
---
id: nygard
name: Decision record (Nygard style)
---

# {number}. {title}

## Status

{proposed, accepted, deprecated or superseded}

## Context

{The forces at play, in plain words.}

## Decision

{What we will do, in the active voice.}

## Consequences

{What becomes easier and what becomes harder.}
"""

NYGARD_PAGE = """
# 7. Keep the cache in the process

## Status

Accepted

## Context

Lookups dominate the latency of every request.

## Decision

We keep an LRU cache in each process.

## Consequences

Every pod needs 200 MB more memory.
"""

BOTH = ["madr3", "nygard"]


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(REAL / "madr3.md", folder / "madr3.md")
    (folder / "nygard.md").write_text(NYGARD, encoding="utf-8")
    return folder


def _site(root: Path, templates: Path, pages: dict[str, str], rule: object = BOTH) -> Path:
    spec = {"templates_dir": str(templates), "rules": [{"glob": "adr/*.md", "template": rule}]}
    return write_site(root, pages, {"plugins": [{"spec": spec}]})


PAGES = {
    "adr/0001-outbox.md": page(None, MADR3_PAGE),
    "adr/0002-cache.md": page(None, NYGARD_PAGE),
    # Its front matter names the two the other way round: the page still follows MADR best.
    "adr/0003-named.md": page(["nygard", "madr3"], MADR3_PAGE),
    "adr/0004-empty.md": page(None, "# Nothing yet\n"),
}
CHOSEN = {
    "adr/0001-outbox.md": "madr3",
    "adr/0002-cache.md": "nygard",
    "adr/0003-named.md": "madr3",
    "adr/0004-empty.md": "madr3",  # follows neither: the first the rule names
}


def test_build_and_check_judge_each_page_against_the_template_it_follows_best(tmp_path, templates):
    config = _site(tmp_path, templates, PAGES)
    built = build(config)
    for source, chosen in CHOSEN.items():
        soup = built.html(source)
        badge = soup.select_one(".spec-badge")
        assert badge is not None and badge["data-spec-template"] == chosen, source
        assert "best match of" in badge["title"]
    heading = built.html("adr/0004-empty.md").select_one(".spec-missing summary")
    assert heading is not None
    assert "Decision record (MADR 3 style) (madr3) (best match of madr3, nygard)" in (
        heading.get_text()
    )

    report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    pages = {p["path"]: p for p in report["pages"]}
    assert {path: p["template"] for path, p in pages.items()} == CHOSEN
    assert pages["adr/0001-outbox.md"]["candidates"] == BOTH
    assert pages["adr/0003-named.md"]["candidates"] == ["nygard", "madr3"]
    table = built.html("spec-report/index.md").select_one("table")
    assert table is not None
    assert "madr3 (best match of madr3, nygard)" in " ".join(table.get_text(" ").split())

    checked = cli_json("-f", str(config), "docs", cwd=tmp_path)
    for got in checked["pages"]:
        built_page = pages[got["path"].removeprefix("docs/")]
        for key in ("template", "candidates", "score", "complete", "required"):
            assert got[key] == built_page[key], (got["path"], key)
    made = cli("report", "-f", str(config), "-o", "out", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "out" / "spec-report.json").read_text("utf-8")) == report
    text = cli("check", "-f", str(config), "--fail-under", "0", "docs", cwd=tmp_path).stdout
    assert (
        "docs/adr/0002-cache.md: nygard 100% · 4 of 4 sections (best match of madr3, nygard)"
        in (text)
    )


def test_a_page_that_names_one_template_says_nothing_of_a_choice(tmp_path, templates):
    pages = {"adr/0001-outbox.md": page(None, MADR3_PAGE)}
    config = _site(tmp_path, templates, pages, rule="madr3")
    built = build(config)
    badge = built.html("adr/0001-outbox.md").select_one(".spec-badge")
    assert badge is not None and "best match" not in badge["title"]
    report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    assert report["pages"][0]["candidates"] == ["madr3"]


def test_an_unknown_id_in_the_list_fails_check_and_warns_in_the_build(tmp_path, templates):
    pages = {"adr/0001-outbox.md": page(["madr3", "nygrad"], MADR3_PAGE)}
    config = _site(tmp_path, templates, pages)
    result = cli("check", "-f", str(config), "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown template 'nygrad' in front matter 'spec'; did you mean 'nygard'?" in (
        result.stdout + result.stderr
    )
    built = build(config, check=False)
    assert "unknown template 'nygrad'" in built.log
    assert built.html("adr/0001-outbox.md").select_one(".spec-badge") is None


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ([], "expected a template id such as 'design-doc' or a list of ids, got []"),
        (["madr3", 7], "expected a template id such as 'design-doc' or a list of ids"),
        (["madr3", "nygrad"], "rule for 'adr/*.md' names unknown template 'nygrad'"),
    ],
)
def test_a_rule_s_templates_are_checked(tmp_path, templates, rule, said):
    config = _site(tmp_path, templates, {"adr/0001-outbox.md": MADR3_PAGE}, rule=rule)
    built = build(config, check=False)
    assert built.result.returncode != 0
    assert said in built.log
    checked = cli("check", "-f", str(config), "docs", cwd=tmp_path)
    assert checked.returncode == 2 and said in checked.stderr


def test_front_matter_with_a_list_that_is_not_of_ids_is_a_warning(tmp_path, templates):
    pages = {"adr/0001-outbox.md": page(["madr3", {"a": 1}], MADR3_PAGE)}
    result = cli("check", "-f", str(_site(tmp_path, templates, pages)), "docs", cwd=tmp_path)
    assert "must be a template id such as" in result.stdout + result.stderr
    assert "a list of ids" in result.stdout + result.stderr


def test_fix_inserts_the_sections_of_the_template_the_page_follows(tmp_path, templates):
    started = "# 8. Retry with backoff\n\n## Status\n\nProposed\n\n## Decision\n\nWe retry.\n"
    config = _site(tmp_path, templates, {"adr/0008-retry.md": started})
    target = tmp_path / "docs" / "adr" / "0008-retry.md"
    result = cli("fix", "-f", str(config), str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    fixed = target.read_text("utf-8")
    assert fixed.startswith(started.split("## Decision")[0])
    assert "## Context\n" in fixed and "## Consequences\n" in fixed
    assert "Context and Problem Statement" not in fixed
    checked = cli_json("-f", str(config), str(target), cwd=tmp_path)
    assert checked["pages"][0]["template"] == "nygard"


def test_fields_are_those_of_the_template_the_page_follows(tmp_path, templates):
    dated = NYGARD.replace(
        "name: Decision record (Nygard style)\n",
        "name: Nygard\nfields:\n  date: {required: true, type: date}\n",
    )
    (templates / "nygard.md").write_text(dated, encoding="utf-8")
    pages = {
        "adr/0001-outbox.md": page(None, MADR3_PAGE, date="soon"),
        "adr/0002-cache.md": page(None, NYGARD_PAGE, date="soon"),
    }
    config = _site(tmp_path, templates, pages)
    checked = {p["path"]: p for p in cli_json("-f", str(config), "docs", cwd=tmp_path)["pages"]}
    assert checked["docs/adr/0001-outbox.md"]["fields"] == []
    (date,) = checked["docs/adr/0002-cache.md"]["fields"]
    assert (date["name"], date["state"]) == ("date", "invalid")
    built = json.loads((build(config).site / "spec-report.json").read_text("utf-8"))
    fields = {p["path"]: [f["state"] for f in p["fields"]] for p in built["pages"]}
    assert fields == {"adr/0001-outbox.md": [], "adr/0002-cache.md": ["invalid"]}


# The engine's choice, in-process: sections found first, then complete ones, then the order named.
ENGINE_CASES = [
    (NYGARD_PAGE, BOTH, "nygard"),
    (NYGARD_PAGE, ["nygard", "madr3"], "nygard"),
    (MADR3_PAGE, ["nygard", "madr3"], "madr3"),
    ("# Nothing yet\n", BOTH, "madr3"),
    ("# Nothing yet\n", ["nygard", "madr3"], "nygard"),
    # Both have a Status and a Decision; Nygard's are written, MADR 3 has neither as a heading.
    ("## Status\n\nDone.\n\n## Decision\n\nYes.\n", BOTH, "nygard"),
]


@pytest.mark.parametrize(("text", "ids", "chosen"), ENGINE_CASES)
def test_judge_best_picks_the_template_the_page_follows_most(templates, text, ids, chosen):
    registry = load_registry(templates)
    sections = read_markdown(textwrap.dedent(text))
    report = judge_best([registry.get(i) for i in ids], sections)
    assert report.template.id == chosen
    assert report.candidates == tuple(ids)


def test_the_matcher_keeps_the_order_named_and_drops_repeats(templates):
    registry = load_registry(templates)
    matcher = Matcher(registry, "spec", [Rule("adr/*.md", ("nygard", "madr3"))])
    assert [t.id for t in matcher.resolve({}, "adr/1.md").templates] == ["nygard", "madr3"]
    named = matcher.resolve({"spec": ["madr3", " madr3", "nygard"]}, "other.md")
    assert [t.id for t in named.templates] == ["madr3", "nygard"]
    assert matcher.resolve({"spec": []}, "adr/1.md").warning is not None
