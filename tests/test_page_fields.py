"""Page metadata fields through the front doors: a real `mkdocs build` and the real
`mkdocs-spec check`, `fix` and `new`, on MADR-2-style records (the fields in a list under the
title) and MADR-4-style ones (in front matter). The build and the check agree on every field."""

from __future__ import annotations

import json

import pytest

from conftest import badge, build, cli, cli_json, page, write_site

# A MADR 4 template as the project publishes it (its fields in front matter, placeholders in
# braces), with the `fields` this plugin reads.
MADR4 = """\
---
id: madr4
name: Decision record (MADR 4)
placeholders: ["{}", "[]"]
fields:
  status: {required: true, one_of: [proposed, rejected, accepted, deprecated, superseded]}
  date: {required: true, type: date}
  decision-makers: {type: list}
  consulted: {type: list}
# These are optional metadata elements. Feel free to remove any of them.
status: "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}"
date: {YYYY-MM-DD when the decision was last updated}
decision-makers: {list everyone involved in the decision}
consulted: {list everyone whose opinions are sought}
---

# {short title, representative of solved problem and found solution}

## Context and Problem Statement

{Describe the context and problem statement.}

## Decision Outcome

Chosen option: "{title of option 1}", because {justification}.
"""

# A MADR 2 template: the fields as a list under the title.
MADR2 = """\
---
id: madr2
name: Decision record (MADR 2)
fields:
  status: {required: true, one_of: [proposed, accepted, rejected, deprecated, superseded]}
  date: {required: true, type: date}
  deciders: {type: list}
---

# [short title of solved problem and solution]

* Status: [proposed | rejected | accepted | deprecated | … | superseded by [ADR-0005](0005-example.md)] <!-- optional -->
* Deciders: [list everyone involved in the decision] <!-- optional -->
* Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->

## Context and Problem Statement

[Describe the context and problem statement.]

## Decision Outcome

Chosen option: "[option 1]", because [justification].
"""  # noqa: E501

BODY = """
## Context and Problem Statement

We need somewhere to keep orders.

## Decision Outcome

Chosen option: "Postgres", because the team knows it.
"""

PAGES = {
    # MADR 4, front matter: a misspelt status, an unquoted placeholder date, a list by another
    # spelling of its key
    "adr/0001-postgres.md": "---\nspec: madr4\nstatus: acepted\n"
    "date: {YYYY-MM-DD when the decision was last updated}\n"
    "decision_makers: [Ana, Bo]\n---\n\n# Use Postgres\n" + BODY,
    # MADR 4, complete: a YAML date
    "adr/0002-redis.md": "---\nspec: madr4\nstatus: accepted\ndate: 2024-05-02\n---\n\n"
    "# Use Redis\n" + BODY,
    # MADR 2, the list under the title: superseded by a link, a date that is not one
    "adr/0003-kafka.md": page(
        "madr2",
        "# Use Kafka\n\n* Status: Superseded by [ADR-0005](0005.md)\n* Date: last spring\n"
        "* Deciders: Ana, Bo\n" + BODY,
    ),
    # MADR 2 without its date
    "adr/0004-s3.md": page("madr2", "# Use S3\n\n- Status: accepted\n" + BODY),
}


@pytest.fixture
def records(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "madr4.md").write_text(MADR4, encoding="utf-8")
    (templates / "madr2.md").write_text(MADR2, encoding="utf-8")
    spec = {"templates_dir": str(templates)}
    return write_site(tmp_path, PAGES, {"plugins": [{"spec": spec}]})


def _fields(page_report) -> dict[str, str]:
    return {f["name"]: f["state"] for f in page_report["fields"]}


EXPECTED = {
    "adr/0001-postgres.md": (
        {"status": "invalid", "date": "unfinished", "decision-makers": "complete"}
        | {"consulted": "missing"},
        50,
    ),
    "adr/0002-redis.md": (
        {"status": "complete", "date": "complete", "decision-makers": "missing"}
        | {"consulted": "missing"},
        100,
    ),
    "adr/0003-kafka.md": ({"status": "complete", "date": "invalid", "deciders": "complete"}, 75),
    "adr/0004-s3.md": ({"status": "complete", "date": "missing", "deciders": "missing"}, 75),
}


def test_check_judges_fields_from_front_matter_and_the_list_under_the_title(records, tmp_path):
    report = cli_json("-f", str(records), "docs", cwd=tmp_path)
    pages = {p["path"].removeprefix("docs/"): p for p in report["pages"]}
    assert {path: (_fields(p), p["score"]) for path, p in pages.items()} == EXPECTED
    status = pages["adr/0001-postgres.md"]["fields"][0]
    assert status == {
        "name": "status",
        "state": "invalid",
        "required": True,
        "scored": True,
        "line": 3,
        "value": "acepted",
        "did_you_mean": "accepted",
        "reason": "'acepted' is not one of: proposed, rejected, accepted, deprecated, superseded",
        "reason_code": "not_one_of",
        "reason_params": {
            "value": "acepted",
            "values": "proposed, rejected, accepted, deprecated, superseded",
            "did_you_mean": "accepted",
        },
    }
    assert pages["adr/0001-postgres.md"]["required"] == 4  # two sections, two required fields
    date = pages["adr/0003-kafka.md"]["fields"][1]
    assert (date["line"], date["reason"]) == (8, "'last spring' is not a date (YYYY-MM-DD)")

    text = cli("check", "-f", str(records), "--fail-under", "0", "docs", cwd=tmp_path).stdout
    assert "docs/adr/0001-postgres.md: madr4 50% · 2 of 4 sections and fields" in text
    assert (
        "docs/adr/0001-postgres.md:3: invalid: field 'status' ('acepted' is not one of: proposed,"
        " rejected, accepted, deprecated, superseded) (did you mean 'accepted'?)"
    ) in text
    assert "docs/adr/0004-s3.md:7: missing: field 'date'\n" in text  # the list's end

    github = cli("check", "-f", str(records), "--format", "github", "docs", cwd=tmp_path).stdout
    assert "::warning file=docs/adr/0003-kafka.md,line=8,title=Spec madr2::invalid: field" in github
    sarif = cli("check", "-f", str(records), "--format", "sarif", "docs", cwd=tmp_path).stdout
    sarif = json.loads(sarif)
    assert "invalid" in {r["ruleId"] for r in sarif["runs"][0]["results"]}


def test_the_build_shows_fields_and_agrees_with_check(records, tmp_path):
    built = build(records)
    checked = cli_json("-f", str(records), "docs", cwd=tmp_path)
    site_report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    by_path = {p["path"]: p for p in site_report["pages"]}
    for page_report in checked["pages"]:
        path = page_report["path"].removeprefix("docs/")
        built_page = by_path[path]
        assert (_fields(built_page), built_page["score"]) == EXPECTED[path]
        strip = [{**f, "line": None} for f in page_report["fields"]]
        assert built_page["fields"] == strip  # check = plugin, field by field

    soup = built.html("adr/0001-postgres.md")
    assert badge(soup).get_text() == "Spec 50% · 2 of 4 sections and fields"
    listed = {li["data-spec-field"]: li["data-spec-field-state"] for li in soup.select("li")
              if li.has_attr("data-spec-field")}  # fmt: skip
    assert listed == {"status": "invalid", "date": "unfinished", "consulted": "missing"}
    admonition = soup.select_one(".spec-missing")
    assert admonition.select_one(".spec-fields-title").get_text() == "Page fields"
    status = admonition.select_one('li[data-spec-field="status"]').get_text(" ", strip=True)
    assert "acepted" in status and "did you mean" in status and "accepted" in status
    assert "1 unfinished, 1 invalid" in admonition.select_one("summary").get_text()
    # A complete record whose optional fields are left out shows no admonition.
    assert built.html("adr/0002-redis.md").select_one(".spec-missing") is None
    # The report page lists scored fields among the gaps, as sections are listed.
    report_page = built.html("spec-report/index.md").get_text(" ")
    assert "date (madr2): missing on 1, unfinished on 1" in " ".join(report_page.split())
    # `mkdocs-spec report` writes the same spec-report.json, fields included.
    made = cli("report", "-f", str(records), "-o", "out", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    written = json.loads((tmp_path / "out" / "spec-report.json").read_text("utf-8"))
    assert [p["fields"] for p in written["pages"]] == [p["fields"] for p in site_report["pages"]]


def test_fix_adds_missing_fields_in_the_page_s_style_keeping_every_byte(records, tmp_path):
    docs = tmp_path / "docs" / "adr"
    crlf = b"---\r\nspec: madr4\r\nstatus: accepted\r\n---\r\n\r\n# Use Postgres\r\n" + (
        BODY.replace("\n", "\r\n").encode()
    )
    (docs / "0005-crlf.md").write_bytes(crlf)
    before = {name: (docs / name).read_bytes() for name in ("0004-s3.md", "0005-crlf.md")}

    dry = cli("fix", "-f", str(records), "--dry-run", "docs/adr/0004-s3.md", cwd=tmp_path)
    assert "+- Date: [YYYY-MM-DD when the decision was last updated]" in dry.stdout
    assert (docs / "0004-s3.md").read_bytes() == before["0004-s3.md"]

    result = cli(
        "fix", "-f", str(records), "docs/adr/0004-s3.md", "docs/adr/0005-crlf.md", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "added field date with the template's placeholder" in result.stdout
    s3 = (docs / "0004-s3.md").read_text("utf-8")
    assert "- Status: accepted\n- Date: [YYYY-MM-DD when the decision was last updated]\n\n" in s3
    assert s3.replace("- Date: [YYYY-MM-DD when the decision was last updated]\n", "") == (
        before["0004-s3.md"].decode()
    )
    fixed = (docs / "0005-crlf.md").read_bytes()
    added = b"date: '{YYYY-MM-DD when the decision was last updated}'\r\n"
    assert fixed == crlf.replace(b"accepted\r\n---", b"accepted\r\n" + added + b"---")

    again = cli(
        "fix", "-f", str(records), "docs/adr/0004-s3.md", "docs/adr/0005-crlf.md", cwd=tmp_path
    )
    assert again.stdout.count("nothing missing") == 2
    report = cli_json("-f", str(records), "docs/adr/0005-crlf.md", cwd=tmp_path)
    assert _fields(report["pages"][0])["date"] == "unfinished"  # the placeholder, to fill in


def test_new_writes_the_fields_with_their_placeholders(records, tmp_path):
    for template in ("madr4", "madr2"):
        made = cli("new", "-f", str(records), template, f"docs/new-{template}.md", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
    text = (tmp_path / "docs" / "new-madr4.md").read_text("utf-8")
    assert text.startswith(
        "---\nspec: madr4\n"
        "status: '{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}'\n"
        "date: '{YYYY-MM-DD when the decision was last updated}'\n"
        "decision-makers: '{list everyone involved in the decision}'\n"
    )
    report = cli_json("-f", str(records), "docs/new-madr4.md", "docs/new-madr2.md", cwd=tmp_path)
    for page_report in report["pages"]:
        assert page_report["score"] == 0
        assert set(_fields(page_report).values()) == {"unfinished"}


def test_fields_can_be_reported_without_scoring(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "madr4.md").write_text(MADR4, encoding="utf-8")
    child = "---\nid: team-adr\nextends: madr4\nscore_fields: false\n---\n"
    (templates / "team-adr.md").write_text(child, encoding="utf-8")
    pages = {"a.md": page("team-adr", "# A\n" + BODY, status="acepted")}
    config = write_site(tmp_path, pages, {"plugins": [{"spec": {"templates_dir": "templates"}}]})
    checked = cli_json("-f", str(config), "docs", cwd=tmp_path)["pages"][0]
    assert (checked["score"], checked["required"]) == (100, 2)
    assert _fields(checked)["status"] == "invalid"  # inherited, reported, not scored
    assert not any(f["scored"] for f in checked["fields"])
    soup = build(config).html("a.md")
    assert badge(soup).get_text() == "Spec 100% · 2 of 2 sections"
    item = soup.select_one('li[data-spec-field="status"]')  # still listed
    assert "not scored" in item.get_text()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ("{status: {requird: true}}", "field 'status' has unknown key 'requird'"),
        ("{date: {type: datetime}}", "type must be one of text, date, list, one_of"),
    ],
)
def test_a_bad_field_schema_stops_check_and_build_naming_the_template(tmp_path, fields, problem):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "bad.md").write_text(f"---\nfields: {fields}\n---\n\n## A\n", encoding="utf-8")
    config = write_site(
        tmp_path,
        {"a.md": page("bad", "## A\n")},
        {"plugins": [{"spec": {"templates_dir": "templates"}}]},
    )
    result = cli("check", "-f", str(config), "docs", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.md" in result.stderr and problem in result.stderr
    built = build(config, check=False)
    assert built.result.returncode != 0 and problem in built.log


def test_skip_status_judged_shows_a_record_without_its_admonition(records, tmp_path):
    spec = {"templates_dir": str(tmp_path / "templates"), "skip_status": ["superseded"]}
    config = write_site(
        tmp_path, PAGES, {"plugins": [{"spec": {**spec, "skip_status_judged": True}}]}
    )
    built = build(config)
    assert "0003-kafka.md: madr2" not in built.log  # a quiet record is never warned about
    assert "0004-s3.md: madr2 75%; 1 missing field (date)" in built.log
    soup = built.html("adr/0003-kafka.md")
    assert badge(soup) is not None and soup.select_one(".spec-missing") is None
    site_report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    quiet = {p["path"]: p.get("quiet") for p in site_report["pages"]}
    assert quiet["adr/0003-kafka.md"] == "status 'superseded' is in skip_status"
    assert quiet["adr/0004-s3.md"] is None

    checked = cli(
        "check", "-f", str(config), "--format", "json", "docs/adr/0003-kafka.md", cwd=tmp_path
    )
    assert checked.returncode == 0  # 75%, but quiet: held to no threshold
    (judged,) = json.loads(checked.stdout)["pages"]
    assert judged["quiet"] == "status 'superseded' is in skip_status" and judged["score"] == 75

    # Without the option, the record is not judged at all, as before.
    plain = write_site(tmp_path, PAGES, {"plugins": [{"spec": spec}]})
    assert badge(build(plain).html("adr/0003-kafka.md")) is None
    skipped = cli_json("-f", str(plain), "docs", cwd=tmp_path)["skipped"]
    assert [s["path"] for s in skipped] == ["docs/adr/0003-kafka.md"]


def test_pages_of_templates_without_fields_say_nothing_of_fields(site):
    built = site({"a.md": page("design-doc", "# A\n\n## Overview\n\nText.\n")})
    assert badge(built.html("a.md")).get_text().endswith(" sections")
    assert built.html("a.md").select_one(".spec-fields-title") is None


def test_templates_lists_the_fields(records, tmp_path):
    listed = cli("templates", "-f", str(records), cwd=tmp_path).stdout
    assert "  = date  (date; required)\n" in listed
    assert "  = deciders  (list; optional)\n" in listed
    shown = json.loads(cli("templates", "-f", str(records), "--format", "json").stdout)
    madr2 = next(t for t in shown["templates"] if t["id"] == "madr2")
    assert madr2["fields"][0] == {
        "name": "status",
        "type": "one_of",
        "required": True,
        "one_of": ["proposed", "accepted", "rejected", "deprecated", "superseded"],
        "placeholder": "[proposed | rejected | accepted | deprecated | … | superseded by "
        "[ADR-0005](0005-example.md)]",
        "scored": True,
        "in_list": True,
    }


def test_a_field_that_was_complete_and_is_not_is_a_regression(records, tmp_path):
    made = cli("baseline", "-f", str(records), "-o", "base.json", "docs", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    base = json.loads((tmp_path / "base.json").read_text("utf-8"))
    assert base["pages"]["docs/adr/0002-redis.md"]["fields"] == {
        "status": "complete",
        "date": "complete",
    }
    record = tmp_path / "docs" / "adr" / "0002-redis.md"
    record.write_text(record.read_text("utf-8").replace("accepted", "acceptd"), "utf-8")
    result = cli("check", "-f", str(records), "--baseline", "base.json", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert "regressed: field 'status' was complete, now invalid" in result.stdout
