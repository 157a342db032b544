"""The command line on sites built by other generators: ProperDocs' `properdocs.yml`, Zensical's
`zensical.toml`, and which file is read when a folder has several."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ENV, cli, cli_json, json_states, page

# A team template, and a page whose three sections are each written in a way that only one
# Markdown extension reads as a section: attr_list (`{#id}`), md_in_html (`<div markdown>`) and
# admonition (a heading inside `!!!`).
NOTE_TEMPLATE = """---
id: team-note
name: Team note
---

# [Topic] Note

## Summary
[One paragraph]

## Details
[What was decided]

## Risks
[What could go wrong]
"""

NOTE = """# Cache Note

## Summary {#summary}
Profiles are cached for a minute.

<div markdown>

## Details

Reads go to the cache first.

</div>

!!! note "Aside"
    ## Risks
    A stale profile for up to a minute.
"""

ALL_COMPLETE = {"Summary": "complete", "Details": "complete", "Risks": "complete"}


def write_toml(root: Path, text: str, name: str = "zensical.toml") -> Path:
    path = root / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def write_yaml(root: Path, settings: dict, name: str = "mkdocs.yml") -> Path:
    path = root / name
    path.write_text(yaml.safe_dump({"site_name": "Test", **settings}), encoding="utf-8")
    return path


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def states_by_path(data: dict) -> dict[str, dict[str, str]]:
    return {report["path"]: json_states(report) for report in data["pages"]}


EXTENSIONS = """
[project.markdown_extensions.attr_list]
[project.markdown_extensions.md_in_html]
[project.markdown_extensions.admonition]
"""


def write_zensical_site(root: Path, extensions: str = EXTENSIONS) -> Path:
    """A Zensical site: pages in `content/`, a team template in `team/`, the spec options in
    `[project.plugins.spec]` (another front-matter key, a path rule), and `extensions`."""
    write_pages(root / "team", {"team-note.md": NOTE_TEMPLATE})
    write_pages(
        root / "content",
        {
            "records/cache.md": NOTE,  # no front matter: the path rule gives its template
            "design/queue.md": page(None, NOTE.replace("Cache", "Queue"), doc="team-note"),
            "design/ignored.md": page("team-note", NOTE),  # `spec` is not this site's key
        },
    )
    head = '[project]\nsite_name = "Zensical site"\ndocs_dir = "content"\n'
    spec = """
[project.plugins.spec]
key = "doc"
templates_dir = "team"
rules = [{glob = "records/*.md", template = "team-note"}]
"""
    (root / "zensical.toml").write_text(head + extensions + spec, encoding="utf-8")
    return root


@pytest.fixture
def zensical_site(tmp_path: Path) -> Path:
    return write_zensical_site(tmp_path)


def test_zensical_site_docs_dir_extensions_and_spec_options(zensical_site):
    data = cli_json(cwd=zensical_site)
    assert states_by_path(data) == {
        "content/design/queue.md": ALL_COMPLETE,
        "content/records/cache.md": ALL_COMPLETE,
    }
    assert {report["template"] for report in data["pages"]} == {"team-note"}


def test_zensical_extensions_change_what_is_read(tmp_path):
    """Zensical adds only toc and tables to the extensions a site lists (not MkDocs'
    fenced_code, nor its own defaults): without attr_list, md_in_html and admonition no section
    of the note is read."""
    write_zensical_site(tmp_path, "[project.markdown_extensions.tables]\n")
    states = states_by_path(cli_json(cwd=tmp_path))["content/records/cache.md"]
    assert all(state != "complete" for state in states.values()), states


def test_zensical_defaults_when_no_extension_is_listed(tmp_path):
    """A zensical.toml without markdown_extensions gets Zensical's defaults (admonition,
    attr_list, md_in_html, the pymdownx set); the same site in a mkdocs.yml gets MkDocs' three."""
    write_pages(tmp_path / "team", {"team-note.md": NOTE_TEMPLATE})
    write_pages(tmp_path / "docs", {"note.md": page("team-note", NOTE)})
    write_toml(
        tmp_path,
        """
        [project]
        site_name = "Defaults"

        [project.plugins.spec]
        templates_dir = "team"
        """,
    )
    assert states_by_path(cli_json(cwd=tmp_path))["docs/note.md"] == ALL_COMPLETE
    (tmp_path / "zensical.toml").unlink()
    write_yaml(tmp_path, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    assert states_by_path(cli_json(cwd=tmp_path))["docs/note.md"] != ALL_COMPLETE


def test_zensical_dotted_pymdownx_tables(tmp_path):
    """`[project.markdown_extensions.pymdownx.details]`: TOML nests it as pymdownx > details,
    Zensical reads it as the extension `pymdownx.details`, and so does the check."""
    write_pages(tmp_path / "team", {"team-note.md": NOTE_TEMPLATE})
    body = NOTE.replace('!!! note "Aside"', '??? note "Aside"')
    write_pages(tmp_path / "docs", {"note.md": page("team-note", body)})
    write_toml(
        tmp_path,
        """
        [project]
        site_name = "Details"

        [project.markdown_extensions.pymdownx.details]

        [project.plugins.spec]
        templates_dir = "team"
        """,
    )
    states = states_by_path(cli_json(cwd=tmp_path))["docs/note.md"]
    assert states["Risks"] == "complete"  # in the `???` block
    assert states["Summary"] != "complete"  # listing extensions turns the defaults off


def test_new_fix_templates_and_baseline_on_a_zensical_site(zensical_site):
    made = cli("new", "team-note", "content/design/search.md", cwd=zensical_site)
    assert made.returncode == 0, made.stderr
    text = (zensical_site / "content/design/search.md").read_text(encoding="utf-8")
    assert text.startswith("---\ndoc: team-note\n---\n\n# Search Note\n")
    partial = zensical_site / "content/records/partial.md"
    partial.write_text("# Partial Note\n\n## Summary\nDone.\n", encoding="utf-8")
    fixed = cli("fix", "content/records/partial.md", cwd=zensical_site)
    assert fixed.returncode == 0, fixed.stderr
    assert "## Details" in partial.read_text(encoding="utf-8")
    listed = cli("templates", cwd=zensical_site)
    assert "team-note: Team note" in listed.stdout
    recorded = cli("baseline", "-o", "base.json", cwd=zensical_site)
    assert recorded.returncode == 0, recorded.stderr
    against = cli("check", "--baseline", "base.json", cwd=zensical_site)
    assert against.returncode == 0, against.stderr
    assert "4 pages judged" in against.stdout  # queue, cache, and the new and the fixed page


def test_report_on_a_zensical_site(zensical_site):
    """The site report a Zensical build cannot make: `mkdocs-spec report` from zensical.toml."""
    made = cli("report", "-o", "out", cwd=zensical_site)
    assert made.returncode == 0, made.stderr
    data = json.loads((zensical_site / "out" / "spec-report.json").read_text(encoding="utf-8"))
    assert sorted(p["path"] for p in data["pages"]) == ["design/queue.md", "records/cache.md"]
    assert {p["url"] for p in data["pages"]} == {"design/queue/", "records/cache/"}
    assert "Spec report: Zensical site" in (zensical_site / "out" / "spec-report.html").read_text(
        encoding="utf-8"
    )


def test_check_works_from_another_folder_with_f(zensical_site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    data = cli_json("-f", str(zensical_site / "zensical.toml"), cwd=elsewhere)
    assert {Path(report["path"]).name for report in data["pages"]} == {"queue.md", "cache.md"}


def test_f_reads_any_kind_by_extension(tmp_path):
    write_pages(tmp_path / "docs", {"a.md": page(None, "# A\n", toml="design-doc")})
    write_pages(tmp_path / "docs", {"b.md": page(None, "# B\n", yml="design-doc")})
    write_toml(
        tmp_path, '[project]\nsite_name = "S"\n[project.plugins.spec]\nkey = "toml"\n', "x.toml"
    )
    write_yaml(tmp_path, {"plugins": [{"spec": {"key": "yml"}}]}, "site.yml")
    assert [p["path"] for p in cli_json("-f", "x.toml", cwd=tmp_path)["pages"]] == ["docs/a.md"]
    assert [p["path"] for p in cli_json("-f", "site.yml", cwd=tmp_path)["pages"]] == ["docs/b.md"]


# --- ProperDocs, and a folder with several config files ---------------------------------------


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    """One folder, every kind of config file, each with its own front-matter key, and a page
    per key: the judged page tells which file was read."""
    for key in ("pd", "pdyaml", "zen", "mk", "mkyaml"):
        write_pages(tmp_path / "docs", {f"{key}.md": page(None, "# T\n", **{key: "design-doc"})})
    write_yaml(tmp_path, {"plugins": [{"spec": {"key": "pd"}}]}, "properdocs.yml")
    write_yaml(tmp_path, {"plugins": [{"spec": {"key": "pdyaml"}}]}, "properdocs.yaml")
    write_toml(tmp_path, '[project]\nsite_name = "S"\n[project.plugins.spec]\nkey = "zen"\n')
    write_yaml(tmp_path, {"plugins": [{"spec": {"key": "mk"}}]}, "mkdocs.yml")
    write_yaml(tmp_path, {"plugins": [{"spec": {"key": "mkyaml"}}]}, "mkdocs.yaml")
    return tmp_path


def judged(root: Path, *args: str) -> tuple[list[str], str]:
    result = cli("check", "--format", "json", "--fail-under", "0", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return [Path(p["path"]).stem for p in json.loads(result.stdout)["pages"]], result.stderr


def test_discovery_order_and_the_note_naming_the_file(crowded):
    """properdocs.yml, properdocs.yaml, zensical.toml, mkdocs.yml, mkdocs.yaml: the first found
    is read, and stderr says so and names the others."""
    order = ["properdocs.yml", "properdocs.yaml", "zensical.toml", "mkdocs.yml", "mkdocs.yaml"]
    keys = ["pd", "pdyaml", "zen", "mk", "mkyaml"]
    for index, (name, key) in enumerate(zip(order, keys)):
        pages, stderr = judged(crowded)
        assert pages == [key], name
        others = order[index + 1 :]
        if others:
            assert f"note: reading {name} (also here, not read: {', '.join(others)}" in stderr
        else:
            assert "note:" not in stderr
        (crowded / name).unlink()


def test_f_names_the_file_and_silences_the_note(crowded):
    pages, stderr = judged(crowded, "-f", "mkdocs.yml")
    assert pages == ["mk"] and "note:" not in stderr
    pages, stderr = judged(crowded, "-f", "zensical.toml")
    assert pages == ["zen"] and "note:" not in stderr


def test_properdocs_yml_inheriting_mkdocs_yml_is_one_site(tmp_path):
    """A properdocs.yml that INHERITs the mkdocs.yml beside it: read as one, no note."""
    write_pages(tmp_path / "pages", {"a.md": page(None, "# A\n", pd="design-doc")})
    write_yaml(tmp_path, {"docs_dir": "pages", "plugins": [{"spec": {"key": "mk"}}]})
    write_yaml(
        tmp_path, {"INHERIT": "mkdocs.yml", "plugins": [{"spec": {"key": "pd"}}]}, "properdocs.yml"
    )
    pages, stderr = judged(tmp_path)
    assert pages == ["a"]  # docs_dir from mkdocs.yml, key from properdocs.yml
    assert "note:" not in stderr


def test_properdocs_site_alone(tmp_path):
    body = '!!! note "Aside"\n    ## Risks\n    Stale reads.\n'
    write_pages(tmp_path / "team", {"team-note.md": NOTE_TEMPLATE})
    write_pages(tmp_path / "docs", {"n.md": page("team-note", "# X Note\n\n" + body)})
    write_yaml(
        tmp_path,
        {
            "plugins": [{"spec": {"templates_dir": "team"}}],
            "markdown_extensions": ["admonition"],
        },
        "properdocs.yml",
    )
    pages, stderr = judged(tmp_path)
    assert pages == ["n"] and "no mkdocs.yml" not in stderr
    assert states_by_path(cli_json(cwd=tmp_path))["docs/n.md"]["Risks"] == "complete"


# --- Errors name the file and the line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[project]\nsite_name = "S"\ndocs_dir = docs\n',
            "zensical.toml:3:12: invalid TOML: Invalid value",
        ),
        (
            '[project]\nsite_name = "S"\n[project.plugins\n',
            "zensical.toml:3:17: invalid TOML: Expected ']'",
        ),
        (
            "[project]\nsite_name = ",
            "zensical.toml: invalid TOML: Invalid value (at end of document)",
        ),
    ],
)
def test_broken_toml_names_file_line_and_column(tmp_path, text, said):
    (tmp_path / "zensical.toml").write_text(text, encoding="utf-8")
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_spec_option_in_toml_names_its_line(tmp_path):
    write_toml(
        tmp_path,
        """
        [project]
        site_name = "S"

        [project.plugins.spec]
        badge = true
        key = "template"
        """,
    )
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "zensical.toml:6: plugin 'spec' options: 'key'" in result.stderr


def test_unknown_option_and_ignored_gates_warn_with_their_line(tmp_path):
    write_toml(
        tmp_path,
        """
        [project]
        site_name = "S"

        [project.plugins.spec]
        badges = false
        fail_under = 80
        """,
    )
    (tmp_path / "docs").mkdir()
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "zensical.toml:5: plugin 'spec' option 'badges'" in result.stderr
    assert "did you mean 'badge'?" in result.stderr
    assert "zensical.toml:6: plugin 'spec' option 'fail_under' has no effect" in result.stderr


# --- The note about badges: at a terminal only ----------------------------------------------------


def _check_at_a_terminal(root: Path) -> str:
    """`check` with its stderr on a pseudo-terminal, as a person runs it; what it wrote there."""
    pty = pytest.importorskip("pty")  # POSIX only
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "mkdocs_spec_plugin", "check", "--fail-under", "0"],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=60,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(leader)


NO_BADGE = "lists the spec plugin, but Zensical runs no MkDocs plugins"


def test_zensical_badge_note_at_a_terminal_not_in_ci(zensical_site, tmp_path_factory):
    """A person at a terminal learns that the Zensical build will show no badge; CI logs and
    pre-commit (no terminal), and sites whose generator runs the plugin, are not told."""
    assert NO_BADGE in _check_at_a_terminal(zensical_site)
    assert NO_BADGE not in cli("check", "--fail-under", "0", cwd=zensical_site).stderr
    properdocs = tmp_path_factory.mktemp("properdocs")
    write_yaml(properdocs, {"plugins": ["spec"]}, "properdocs.yml")
    (properdocs / "docs").mkdir()
    assert NO_BADGE not in _check_at_a_terminal(properdocs)
