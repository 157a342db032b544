"""Template versions: `kep@2024.md` or `version` in front matter, pins (`spec: kep@2024`) in pages
and rules, the newest by natural order, and `fix --upgrade`; through the real command and a real
build, with fast tests of the order, the registry and the pin rewriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import badge, build, cli, cli_json, json_states, page, states, write_site
from mkdocs_spec_plugin.cli import gradual
from mkdocs_spec_plugin.engine.resolve import Matcher, Rule
from mkdocs_spec_plugin.engine.templates import TemplateError, load_registry
from mkdocs_spec_plugin.engine.upgrade import repin
from mkdocs_spec_plugin.engine.versions import read_version, split_ref, version_key

KEP_2024 = """---
name: KEP
---
# KEP: [Title]

## Summary
[What it is]

## Motivation
[Why now]
"""
KEP_2025 = KEP_2024 + "\n## Risks\n[What could go wrong]\n"

WRITTEN = """
# KEP: Read cache

## Summary
A read-through cache in front of the profile store.

## Motivation
Profile reads are 80% of the database load.
"""


NOTE = """---
name: Note
---
# [Title]

## Summary
[What it is]

## Background
[What came before]
"""


def team_folder(root: Path, files: dict[str, str]) -> Path:
    folder = root / "team"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# The order and the front matter value -------------------------------------------------------


def test_versions_sort_in_natural_order():
    written = ["2024.10", "v1", "2024", "1.10", "2024.9", "1.2", "2024-rc1", "2024.1", "10", "9"]
    ordered = sorted(written, key=version_key)
    numbers = ["1.2", "1.10", "9", "10", "2024", "2024-rc1", "2024.1", "2024.9", "2024.10"]
    assert ordered == [*numbers, "v1"]


def test_refs_split_at_the_at_sign():
    assert split_ref("kep@2024") == ("kep", "2024")
    assert split_ref("kep") == ("kep", None)
    assert split_ref("kep@") == ("kep", "")


def test_a_bare_number_is_read_as_written():
    assert read_version(1.1, "---\nversion: 1.10\n") == "1.10"
    assert read_version(2024, "---\nversion: 2024  # this year\n") == "2024"
    assert read_version(" 2.0 ", "") == "2.0"
    assert read_version(True, "version: yes") is None
    assert read_version([1], "") is None


# The registry -----------------------------------------------------------------------------


def test_registry_gets_a_version_and_the_newest_by_default(tmp_path):
    folder = team_folder(
        tmp_path,
        {
            "kep@2024.md": KEP_2024,
            "kep@2024.9.md": KEP_2024,
            # A bare 2024.10 is YAML's float 2024.1: read as written, it is newer than 2024.9.
            "kep-next.md": "---\nid: kep\nversion: 2024.10\n---\n" + KEP_2025.split("---\n", 2)[2],
        },
    )
    registry = load_registry(folder)
    assert registry.get("kep").ref == "kep@2024.10"
    assert registry.get("kep@2024").version == "2024"
    assert [t.version for t in registry.versions["kep"]] == ["2024", "2024.9", "2024.10"]
    assert registry.get("kep@2023") is None
    assert registry.get("design-doc@1") is None and registry.get("design-doc").version is None
    assert [t.ref for t in registry if t.id == "kep"] == ["kep@2024.10"]  # one per id
    assert sum(1 for t in registry.every() if t.id == "kep") == 3
    assert registry.unknown("kep@2023") == (
        "unknown version '2023' of template 'kep' (known versions: 2024, 2024.9, 2024.10 (newest))"
    )
    assert "it has no versions; name it 'design-doc'" in registry.unknown("design-doc@1")


def test_extends_names_a_version_or_the_newest(tmp_path):
    folder = team_folder(
        tmp_path,
        {
            "base@1.md": "## Context\n[c]\n",
            "base@2.md": "## Context\n[c]\n\n## Decision\n[d]\n",
            "old.md": "---\nextends: base@1\n---\n## Notes\n[n]\n",
            "new.md": "---\nextends: base\n---\n## Notes\n[n]\n",
            "base@3.md": "---\nextends: base@2\n---\n## Risks\n[r]\n",  # the one before, and more
        },
    )
    registry = load_registry(folder)
    assert [s.title for s in registry.get("base").sections] == ["Context", "Decision", "Risks"]
    assert [s.title for s in registry.get("old").sections] == ["Context", "Notes"]
    newest_and_own = ["Context", "Decision", "Risks", "Notes"]
    assert [s.title for s in registry.get("new").sections] == newest_and_own
    team_folder(tmp_path, {"old.md": "---\nextends: base@4\n---\n## Notes\n[n]\n"})
    with pytest.raises(
        TemplateError,
        match=r"old\.md: 'extends' names unknown template 'base@4' \(known versions: 1, 2, 3",
    ):
        load_registry(folder)


def test_a_team_folder_replaces_a_built_in_with_its_versions(tmp_path):
    folder = team_folder(tmp_path, {"design-doc@1.md": KEP_2024, "design-doc@2.md": KEP_2025})
    registry = load_registry(folder)
    assert registry.get("design-doc").ref == "design-doc@2"
    assert all(t.source != "built-in" for t in registry.every() if t.id == "design-doc")


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        (
            {"kep@2024.md": KEP_2024, "other.md": "---\nid: kep\nversion: '2024'\n---\n## A\n"},
            r"duplicate version '2024' of template 'kep', also defined in .*kep@2024\.md",
        ),
        (
            {"kep@2024.md": KEP_2024, "kep.md": KEP_2024},
            r"kep\.md: template 'kep' has versions \(.*kep@2024\.md is kep@2024\) but this file "
            r"has none; give it a 'version'",
        ),
        (
            {"kep@2024.md": "---\nversion: '2025'\n---\n## A\n"},
            r"kep@2024\.md: the file name says version '2024' but front matter 'version' says "
            r"'2025'",
        ),
        ({"kep.md": "---\nversion: [1]\n---\n## A\n"}, r"kep\.md: 'version' must be text"),
        ({"kep@a b.md": "## A\n"}, r"kep@a b\.md: the file name's version 'a b' must be"),
        ({"kep@.md": "## A\n"}, r"the file name's version '' must be"),
        ({"a.md": "## A\n", "b.md": "---\nid: a\n---\n## B\n"}, r"duplicate template id 'a'"),
        ({"kep@1.md": "---\nextends: kep\n---\n## A\n"}, r"'extends' makes a cycle: kep@1 -> kep"),
    ],
)
def test_version_mistakes_are_configuration_errors(tmp_path, files, problem):
    with pytest.raises(TemplateError, match=problem):
        load_registry(team_folder(tmp_path, files))


def test_pins_in_pages_and_rules(tmp_path):
    registry = load_registry(team_folder(tmp_path, {"kep@1.md": KEP_2024, "kep@2.md": KEP_2025}))
    matcher = Matcher(registry, rules=[Rule("old/*.md", ("kep@1",))])
    assert matcher.resolve({"spec": "kep@1"}).template.ref == "kep@1"
    assert matcher.resolve({"spec": "kep"}).template.ref == "kep@2"
    assert matcher.resolve({}, "old/a.md").template.ref == "kep@1"
    unknown = matcher.resolve({"spec": "kep@3"})
    assert unknown.failed and unknown.template is None
    assert unknown.warning == (
        "unknown version '3' of template 'kep' in front matter 'spec' "
        "(known versions: 1, 2 (newest))"
    )
    with pytest.raises(TemplateError, match=r"rule for 'x/\*' names unknown version '9'"):
        Matcher(registry, rules=[Rule("x/*", ("kep@9",))])


# Rewriting a pin ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nspec: kep@1\n---\n# T\n", "---\nspec: kep@2\n---\n# T\n"),
        (
            "\ufeff---\r\nspec:  'kep@1'  # pinned\r\n---\r\n",
            "\ufeff---\r\nspec:  'kep@2'  # pinned\r\n---\r\n",
        ),
        ('---\ntitle: A\nspec: "kep@1"\n...\n', '---\ntitle: A\nspec: "kep@2"\n...\n'),
        ("spec: kep@1\ntitle: A\n\n# T\n", "spec: kep@2\ntitle: A\n\n# T\n"),  # MultiMarkdown
    ],
)
def test_repin_changes_the_value_only(text, expected):
    assert repin(text, "spec", "kep@1", "kep@2") == expected


def test_repin_finds_no_line_it_cannot_rewrite():
    assert repin("---\n{spec: kep@1}\n---\n", "spec", "kep@1", "kep@2") is None
    assert repin("---\ntitle: A\n---\nspec: kep@1\n", "spec", "kep@1", "kep@2") is None
    assert repin("---\nspecs: kep@1\n---\n", "spec", "kep@1", "kep@2") is None


# The real command and a real build ------------------------------------------------------------

PAGES = {
    "keps/pinned.md": page("kep@2024", WRITTEN),
    "keps/newest.md": page("kep", WRITTEN),
    "keps/unknown.md": page("kep@2023", WRITTEN),
    "legacy/ruled.md": page(None, WRITTEN),
}


@pytest.fixture(scope="module")
def versioned(tmp_path_factory):
    """A site with two versions of `kep` in its templates_dir and a rule pinning `legacy/`."""
    root = tmp_path_factory.mktemp("versions")
    team_folder(root, {"kep@2024.md": KEP_2024, "kep@2025.md": KEP_2025})
    spec = {"templates_dir": "team", "rules": [{"glob": "legacy/*.md", "template": "kep@2024"}]}
    return write_site(root, PAGES, {"plugins": [{"spec": spec}]})


def test_check_judges_each_page_against_its_version(versioned):
    root = versioned.parent
    report = cli_json(cwd=root, code=1)  # the unknown version fails the check
    pages = {p["path"]: p for p in report["pages"]}
    assert {
        path: (p["template"], p["template_version"], p["score"]) for path, p in pages.items()
    } == {
        "docs/keps/pinned.md": ("kep", "2024", 100),
        "docs/keps/newest.md": ("kep", "2025", 66),
        "docs/legacy/ruled.md": ("kep", "2024", 100),
    }
    text = cli("check", "--fail-under", "0", cwd=root)
    assert text.returncode == 1
    assert "docs/keps/pinned.md: kep@2024 100% · 2 of 2 sections" in text.stdout
    assert (
        "docs/keps/unknown.md: error: unknown version '2023' of template 'kep' in front matter "
        "'spec' (known versions: 2024, 2025 (newest))"
    ) in text.stdout + text.stderr


def test_templates_lists_every_version_and_marks_the_newest(versioned):
    root = versioned.parent
    listed = cli("templates", cwd=root)
    assert listed.returncode == 0, listed.stderr
    heads = [line for line in listed.stdout.splitlines() if line.startswith("kep")]
    assert heads[0].startswith("kep@2024: KEP (") and "newest" not in heads[0]
    assert heads[1].startswith("kep@2025: KEP (") and heads[1].endswith(", newest: 'kep' names it)")
    data = json.loads(cli("templates", "--format", "json", cwd=root).stdout)["templates"]
    keps = [(t["ref"], t["version"], t["newest"]) for t in data if t["id"] == "kep"]
    assert keps == [("kep@2024", "2024", False), ("kep@2025", "2025", True)]


def test_new_pins_the_version_it_was_written_from(versioned):
    root = versioned.parent
    for ref, expected in (("kep@2024", "kep@2024"), ("kep", "kep@2025")):
        target = root / "drafts" / f"{ref}.md"
        made = cli("new", ref, str(target), cwd=root)
        assert made.returncode == 0, made.stderr
        assert target.read_text().startswith(f"---\nspec: {expected}\n---\n\n# KEP: ")
    refused = cli("new", "kep@1999", str(root / "drafts" / "x.md"), cwd=root)
    assert refused.returncode == 2
    assert "unknown version '1999' of template 'kep' (known versions: 2024, 2025" in refused.stderr


def test_the_build_names_the_version_and_agrees_with_check(versioned):
    root = versioned.parent
    built = build(versioned)
    assert "keps/unknown.md: unknown version '2023' of template 'kep'" in built.log
    pinned = built.html("keps/pinned.md")
    assert "KEP (kep@2024)" in badge(pinned)["title"]
    assert pinned.select(".spec-missing") == []  # complete against 2024: not red overnight
    newest = built.html("keps/newest.md")
    assert "KEP (kep@2025)" in newest.select_one(".spec-missing summary").get_text()
    report_page = built.html("spec-report.md")
    rows = {td.get_text() for td in report_page.select("tr[data-template] td:nth-of-type(2)")}
    assert {"kep@2024", "kep@2025"} <= rows  # the report page's template column
    site_report = json.loads((built.site / "spec-report.json").read_text())
    built_pages = {p["path"]: p for p in site_report["pages"]}
    for checked in cli_json(cwd=root, code=1)["pages"]:
        source = checked["path"].removeprefix("docs/")
        soup = built.html(source)
        assert int(badge(soup)["data-spec-score"]) == checked["score"], source
        assert states(soup) == {k: v for k, v in json_states(checked).items() if v != "complete"}
        assert built_pages[source]["template_version"] == checked["template_version"]


def test_fix_upgrade_moves_a_pinned_page_and_inserts_what_the_version_adds(tmp_path):
    team_folder(tmp_path, {"kep@2024.md": KEP_2024, "kep@2025.md": KEP_2025})
    pinned = page("kep@2024", WRITTEN).replace("spec: kep@2024", "spec: kep@2024  # ours")
    pages = {"pinned.md": pinned, "newest.md": page("kep", WRITTEN + "\n## Risks\nNone.\n")}
    pages["design.md"] = page("design-doc", "# D\n")
    config = write_site(tmp_path, pages, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    docs = tmp_path / "docs"
    target = docs / "pinned.md"

    dry = cli("fix", "--upgrade", "--dry-run", "docs/pinned.md", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "docs/pinned.md: upgraded kep@2024 to kep@2025" in dry.stdout
    assert "-spec: kep@2024  # ours\n+spec: kep@2025  # ours\n" in dry.stdout
    assert "+## Risks\n+\n+[What could go wrong]\n" in dry.stdout
    assert target.read_text() == pinned

    done = cli("fix", "--upgrade", "docs/pinned.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    upgraded = target.read_text()
    assert (
        upgraded == pinned.replace("kep@2024", "kep@2025") + "\n## Risks\n\n[What could go wrong]\n"
    )
    checked = cli_json("docs/pinned.md", cwd=tmp_path)["pages"][0]
    assert (checked["template_version"], json_states(checked)["Risks"]) == ("2025", "unfinished")

    again = cli(
        "fix", "--upgrade", "docs/pinned.md", "docs/newest.md", "docs/design.md", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    assert "docs/pinned.md: already on the newest version (kep@2025)" in again.stdout
    assert "docs/newest.md: already on the newest version (kep@2025)" in again.stdout
    assert (
        "docs/design.md: template 'design-doc' has no versions; nothing to upgrade" in again.stdout
    )
    assert target.read_text() == upgraded  # twice changes nothing
    assert build(config).html("pinned.md").select_one(".spec-badge")["data-spec-score"] == "66"


def test_fix_upgrade_says_a_rule_pin_is_the_sites_to_move(versioned):
    root = versioned.parent
    source = root / "docs" / "legacy" / "ruled.md"
    before = source.read_bytes()
    said = cli("fix", "--upgrade", "docs/legacy/ruled.md", cwd=root)
    assert said.returncode == 0, said.stderr
    assert (
        "docs/legacy/ruled.md: a path rule pins kep@2024; to upgrade, make the rule name "
        "kep@2025 (or kep, the newest) in the site's config, or pin this page with "
        "'spec: kep@2025'"
    ) in said.stdout
    assert source.read_bytes() == before


def test_fix_upgrade_leaves_a_pin_it_cannot_rewrite(tmp_path):
    team_folder(tmp_path, {"kep@1.md": KEP_2024, "kep@2.md": KEP_2025})
    flow = "---\n{spec: kep@1, title: A}\n---\n" + WRITTEN
    write_site(tmp_path, {"flow.md": flow}, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    said = cli("fix", "--upgrade", "docs/flow.md", cwd=tmp_path)
    assert said.returncode == 1
    assert (
        "docs/flow.md: error: cannot find the line 'spec: kep@1' in the front matter to rewrite; "
        "write 'spec: kep@2' there; not changed"
    ) in said.stderr
    assert (tmp_path / "docs" / "flow.md").read_text() == flow


def test_versions_among_several_templates(tmp_path):
    # A page may name versions among the templates it may follow; each is a candidate as named.
    team_folder(tmp_path, {"kep@1.md": KEP_2024, "kep@2.md": KEP_2025, "note.md": NOTE})
    listed = "---\nspec: [note, kep@1]\n---\n" + WRITTEN
    config = write_site(
        tmp_path, {"listed.md": listed}, {"plugins": [{"spec": {"templates_dir": "team"}}]}
    )
    checked = cli_json("docs", cwd=tmp_path)["pages"][0]
    assert (checked["template"], checked["template_version"]) == ("kep", "1")
    assert checked["candidates"] == ["note", "kep@1"]
    report = json.loads((build(config).site / "spec-report.json").read_text("utf-8"))
    assert report["pages"][0]["candidates"] == ["note", "kep@1"]
    said = cli("fix", "--upgrade", "docs/listed.md", cwd=tmp_path)
    assert said.returncode == 0, said.stderr
    assert "lists several templates; to upgrade, write kep@2 in place of kep@1" in said.stdout
    assert (tmp_path / "docs" / "listed.md").read_text() == listed


def test_a_changed_older_version_counts_for_changed_since(tmp_path):
    folder = team_folder(
        tmp_path,
        {"kep@1.md": KEP_2024, "kep@2.md": KEP_2025, "note.md": "---\nextends: kep@1\n---\n"},
    )
    registry = load_registry(folder)
    assert gradual.changed_templates(registry, {(folder / "kep@1.md").resolve()}) == {"kep", "note"}
    assert registry.unknown("kpe@1").startswith("unknown template 'kpe@1'; did you mean 'kep'?")
