"""Team templates: templates_dir, extends, optional, aliases, custom placeholders, path rules,
overriding a built-in; and every broken-template case as a clear configuration error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import badge, build, cli, page, states, write_site

ADR = Path(__file__).parent / "fixtures" / "adr"

WRITTEN = """
# Use PostgreSQL for the ledger

## Context
We need transactions across accounts and the team knows SQL well.

## Decision
### Chosen Option
PostgreSQL 16 on the managed service.

### Why
Strong consistency and the tooling we already run.

## Considered Options
### PostgreSQL
Mature; we run it already.

### DynamoDB
Cheap at scale, but transactions are limited.

## Outcome
Reports get simpler; we own schema migrations.
"""


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """A site with the ADR templates in its templates_dir and a path rule for `decisions/`."""
    root = tmp_path_factory.mktemp("team")
    shutil.copytree(ADR, root / "team")
    pages = {
        "decisions/0001-ledger.md": page(None, WRITTEN),  # by the path rule
        "decisions/0002-fresh.md": page(
            "adr",
            """
            # {Decision title}

            ## Context
            {What forces are at play?}

            ## Decision
            ### Chosen Option
            {The option we picked.}

            ### Rationale
            We looked at it.

            ## Considered Options
            ### {Option 1}
            {Pros and cons}
            """,
        ),
        "decisions/0003-opted-out.md": page("false", "# Not a decision\n"),
        "decisions/0004-risks.md": page(
            "adr-with-risks", WRITTEN + "\n### Risks\n{What could go wrong.}\n"
        ),
        "other/notes.md": "# Notes\n\n## Context\nNot a decision.\n",
    }
    config = write_site(
        root,
        pages,
        {
            "plugins": [
                {
                    "spec": {
                        "templates_dir": "team",
                        "rules": [{"glob": "decisions/**/*.md", "template": "adr"}],
                    }
                }
            ]
        },
    )
    report = json.loads(cli("check", "--format", "json", "--fail-under", "0", cwd=root).stdout)
    return build(config), {Path(p["path"]).name: p for p in report["pages"]}


def by_path(report):
    return {" / ".join(s["path"]): s["state"] for s in report["sections"]}


def test_extends_aliases_and_rules(team):
    built, pages = team
    ledger = pages["0001-ledger.md"]
    assert ledger["template"] == "adr"  # chosen by the path rule
    assert by_path(ledger) == {
        "Context": "complete",
        "Decision": "complete",  # the child's Decision replaces the parent's
        "Decision / Chosen Option": "complete",
        "Decision / Rationale": "complete",  # "Why" is an alias
        "Consequences": "complete",  # "Outcome" is an alias of an inherited section
        "Considered Options": "complete",
        "Considered Options / {Option 1}": "complete",  # two options fill the wildcard run
    }
    assert ledger["score"] == 100
    optional = {" / ".join(s["path"]): s["state"] for s in ledger["optional_sections"]}
    assert optional == {"Links": "missing"}
    soup = built.html("decisions/0001-ledger.md")
    assert badge(soup)["data-spec-score"] == "100" and soup.select(".spec-missing") == []


def test_custom_placeholders_and_a_fresh_page(team):
    built, pages = team
    fresh = pages["0002-fresh.md"]
    assert by_path(fresh) == {
        "Context": "unfinished",  # {…} is a placeholder in this template
        "Decision": "complete",
        "Decision / Chosen Option": "unfinished",
        "Decision / Rationale": "complete",
        "Consequences": "missing",
        "Considered Options": "unfinished",
        "Considered Options / {Option 1}": "unfinished",  # the heading is still a placeholder
    }
    assert fresh["score"] == 28  # 2 of 7
    listed = states(built.html("decisions/0002-fresh.md"))
    assert listed["Links"] == "missing"  # optional, shown as such
    item = built.html("decisions/0002-fresh.md").select_one('li[data-spec-section="Links"]')
    assert item["data-spec-optional"] == "true" and "optional" in item.get_text()


def test_opt_out_beats_the_rule_and_other_pages_are_untouched(team):
    built, pages = team
    assert "0003-opted-out.md" not in pages and "notes.md" not in pages
    assert badge(built.html("decisions/0003-opted-out.md")) is None
    assert badge(built.html("other/notes.md")) is None


def test_a_grandchild_template_marks_an_inherited_section_optional(team):
    _, pages = team
    risks = pages["0004-risks.md"]
    assert risks["template"] == "adr-with-risks"
    assert risks["score"] == 100
    optional = {" / ".join(s["path"]): s["state"] for s in risks["optional_sections"]}
    assert optional["Consequences / Risks"] == "unfinished"


def test_templates_command_shows_sources_and_marks(tmp_path):
    shutil.copytree(ADR, tmp_path / "team")
    write_site(tmp_path, {}, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    out = cli("templates", cwd=tmp_path).stdout
    assert "adr: Architecture decision record (" in out and "extends decision)" in out
    assert "* {Option 1} / {Option 2}  (one or more)" in out
    assert "- Links  (optional: front matter)" in out


def test_a_team_template_overrides_a_built_in(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "mine.md").write_text(
        "---\nid: design-doc\nname: Our design doc\n---\n\n# [Name]\n\n## Problem\n## Plan\n"
    )
    config = write_site(
        tmp_path,
        {"a.md": page("design-doc", "# A\n\n## Problem\nSlow pages.\n")},
        {"plugins": [{"spec": {"templates_dir": "team"}}]},
    )
    soup = build(config).html("a.md")
    assert badge(soup).get_text() == "Spec 50% · 1 of 2 sections"
    assert "Our design doc" in soup.select_one(".spec-missing").get_text()


BROKEN = {
    "no-sections": ("x.md", "---\nid: x\n---\n\n# Only a title\n", "template has no sections"),
    "duplicate": (
        "b.md",
        "---\nid: a\n---\n\n## One\n",
        "duplicate template id 'a'",
    ),
    "unknown-extends": ("x.md", "---\nextends: nope\n---\n\n## One\n", "unknown template 'nope'"),
    "cycle": ("x.md", "---\nid: x\nextends: y\n---\n\n## One\n", "makes a cycle"),
    "bad-yaml": ("x.md", "---\nid: [x\n---\n\n## One\n", "invalid YAML front matter"),
    "unknown-optional": ("x.md", "---\noptional: [Nope]\n---\n\n## One\n", "unknown section"),
    "bad-placeholders": ("x.md", "---\nplaceholders: [x]\n---\n\n## One\n", "placeholders"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_templates_stop_the_build_and_the_check(tmp_path, case):
    name, text, message = BROKEN[case]
    team = tmp_path / "team"
    team.mkdir()
    (team / name).write_text(text)
    if case == "duplicate":
        (team / "a.md").write_text("---\nid: a\n---\n\n## One\n")
    if case == "cycle":
        (team / "y.md").write_text("---\nid: y\nextends: x\n---\n\n## One\n")
    config = write_site(
        tmp_path, {"p.md": "# P\n"}, {"plugins": [{"spec": {"templates_dir": "team"}}]}
    )
    named = ("x.md", "y.md") if case == "cycle" else (name,)  # either file of the cycle
    built = build(config, check=False)
    assert built.result.returncode != 0
    assert message in built.log and any(n in built.log for n in named)
    assert "Traceback" not in built.log
    checked = cli("check", cwd=tmp_path)
    assert checked.returncode == 2
    assert message in checked.stderr and any(n in checked.stderr for n in named)


def test_a_rule_naming_an_unknown_template_is_a_config_error(tmp_path):
    rules = [{"glob": "*.md", "template": "design-dok"}]
    config = write_site(tmp_path, {"p.md": "# P\n"}, {"plugins": [{"spec": {"rules": rules}}]})
    built = build(config, check=False)
    assert built.result.returncode != 0 and "design-dok" in built.log
    assert "did you mean 'design-doc'" in built.log
    assert cli("check", cwd=tmp_path).returncode == 2


def test_a_missing_templates_dir_is_a_config_error(tmp_path):
    config = write_site(
        tmp_path, {"p.md": "# P\n"}, {"plugins": [{"spec": {"templates_dir": "nope"}}]}
    )
    built = build(config, check=False)
    assert built.result.returncode != 0 and "templates_dir" in built.log
    assert cli("check", cwd=tmp_path).returncode == 2


def test_template_ids_never_reach_the_file_system(site):
    built = site({"p.md": page("../../etc/passwd", "# P\n"), "q.md": page("/etc/passwd", "# Q\n")})
    assert built.log.count("unknown template") == 2
    assert badge(built.html("p.md")) is None
