"""`mkdocs-spec check` as CI and authors run it: outputs, exit codes, configuration."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, cli, page, template_body, write_site
from mkdocs_spec_plugin.cli.context import load_context

PARTIAL = """
# Cache Design Document

## Current Context
The reader service hits the database for every profile view.

## Requirements
### Functional Requirements
- Serve profile reads from memory.

## Security
Only the API tier may read the cache.
"""


@pytest.fixture
def docs(tmp_path):
    write_site(
        tmp_path,
        {
            "design/cache.md": page("design-doc", PARTIAL),
            "design/fresh.md": page("tech-spec", template_body("tech-spec")),
            "design/typo.md": page("design-dok", "# Typo\n"),
            "plain.md": "# Plain page\n",
        },
    )
    return tmp_path


def test_text_output_names_file_and_line(docs):
    result = cli("check", cwd=docs)
    assert result.returncode == 1
    out = result.stdout
    assert "docs/design/cache.md: design-doc 11% · 3 of 26 sections" in out
    assert "docs/design/cache.md:" in out and "missing: Requirements / Non-Functional" in out
    assert "(did you mean 'Security'?)" in out
    assert "docs/design/fresh.md: tech-spec 0% · 0 of 20 sections" in out
    assert "plain.md" not in out
    assert "docs/design/typo.md: error: unknown template 'design-dok'" in result.stderr
    assert "did you mean 'design-doc'" in result.stderr
    summary = "2 pages judged, 2 below 100%, 1 naming a template that cannot be used."
    assert out.rstrip().endswith(summary)


def test_json_contract(docs):
    result = cli("check", "--format", "json", cwd=docs)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    pages = {p["path"]: p for p in data["pages"]}
    assert set(pages) == {"docs/design/cache.md", "docs/design/fresh.md"}
    cache = pages["docs/design/cache.md"]
    assert (cache["template"], cache["score"], cache["complete"], cache["required"]) == (
        "design-doc",
        11,
        3,
        26,
    )
    first = cache["sections"][0]
    assert set(first) == {
        "path",
        "state",
        "line",
        "did_you_mean",
        "reason",
        "reason_code",
        "reason_params",
    }
    assert first == {
        "path": ["Current Context"],
        "state": "complete",
        "line": 7,
        "did_you_mean": None,
        "reason": None,
        "reason_code": None,
        "reason_params": {},
    }
    security = next(s for s in cache["sections"] if s["path"] == ["Security Considerations"])
    assert security["state"] == "missing" and security["did_you_mean"] == "Security"
    assert [s["path"] for s in cache["sections"]][:4] == [
        ["Current Context"],
        ["Requirements"],
        ["Requirements", "Functional Requirements"],
        ["Requirements", "Non-Functional Requirements"],
    ]
    assert data["warnings"][0]["path"] == "docs/design/typo.md"


@pytest.mark.parametrize(("threshold", "code"), [("0", 0), ("11", 0), ("12", 1), ("100", 1)])
def test_exit_code_follows_the_threshold(docs, threshold, code):
    result = cli("check", "docs/design/cache.md", "--fail-under", threshold, cwd=docs)
    assert result.returncode == code


def test_unknown_template_fails_without_strict(docs):
    """CI must catch a typo in a template id without --strict: the page is not judged at all."""
    assert cli("check", "docs/design/typo.md", cwd=docs).returncode == 1


def test_strict_fails_on_warnings(tmp_path):
    write_site(tmp_path, {"odd.md": "---\nspec: 5\n---\n\n# Odd\n"})
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 0 and "odd.md: warning: front matter 'spec'" in result.stderr
    assert cli("check", "--strict", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "nowhere.md"],
        ["check", "--fail-under", "150"],
        ["check", "--fail-under", "x"],
        ["check", "-f", "missing.yml"],
        ["check", "--format", "xml"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(docs, args):
    result = cli(*args, cwd=docs)
    assert result.returncode == 2
    assert result.stderr.strip()


def test_config_errors_exit_2_naming_the_file(tmp_path):
    write_site(tmp_path, {"a.md": "# A\n"}, {"plugins": [{"spec": {"key": "template"}}]})
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "mkdocs.yml" in result.stderr and "'key'" in result.stderr


def test_broken_team_template_is_a_config_error(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "empty.md").write_text("# Only a title\n\nNo sections.\n")
    write_site(tmp_path, {"a.md": "# A\n"}, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "empty.md" in result.stderr and "no sections" in result.stderr


def test_reads_key_and_extensions_from_the_site_config(tmp_path):
    body = PARTIAL.replace("## Security\n", '!!! note "Aside"\n    ## Security Considerations\n')
    write_site(
        tmp_path,
        {"a.md": page(None, body, doc="design-doc")},
        {"plugins": [{"spec": {"key": "doc"}}], "markdown_extensions": ["admonition"]},
    )
    data = json.loads(cli("check", "--format", "json", cwd=tmp_path).stdout)
    sections = {" / ".join(s["path"]): s["state"] for s in data["pages"][0]["sections"]}
    assert sections["Security Considerations"] == "complete"


def test_without_a_config_file_the_defaults_apply(tmp_path):
    (tmp_path / "a.md").write_text(page("design-doc", PARTIAL))
    result = cli("check", "--fail-under", "0", cwd=tmp_path)
    assert result.returncode == 0
    assert "a.md: design-doc 11%" in result.stdout


def test_binary_and_broken_files_warn_and_go_on(tmp_path):
    (tmp_path / "junk.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    (tmp_path / "bad.md").write_text("---\nspec: [unclosed\n---\n# Bad\n")
    (tmp_path / "ok.md").write_text(page("design-doc", PARTIAL))
    result = cli("check", "--fail-under", "0", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "junk.md: warning: not UTF-8 text" in result.stderr
    assert "bad.md: warning: invalid YAML front matter" in result.stderr
    assert "ok.md: design-doc" in result.stdout


def test_github_annotations(docs):
    result = cli("check", "docs/design/cache.md", "--format", "github", cwd=docs)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::warning file=docs/design/cache.md,line=")
        and "missing: Requirements / Non-Functional Requirements" in line
        for line in lines
    )
    assert lines[-1].startswith("::error file=docs/design/cache.md,line=1::Spec 11%")


def test_crlf_and_bom_give_the_same_verdict(tmp_path):
    text = page("design-doc", PARTIAL)
    (tmp_path / "lf.md").write_text(text, newline="\n")
    (tmp_path / "crlf.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    data = json.loads(
        cli("check", "--format", "json", "--fail-under", "0", ".", cwd=tmp_path).stdout
    )
    lf, crlf = sorted(data["pages"], key=lambda p: p["path"], reverse=True)
    assert lf["sections"] == crlf["sections"] and lf["score"] == crlf["score"] == 11


def test_version_and_module_help():
    assert cli("--version").stdout.startswith("mkdocs-spec ")
    result = cli("check", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout


def test_check_imports_no_other_command(docs):
    """`check` starts without the report's HTML, the fixer or the agent server (a pre-commit hook
    pays the start-up on every commit), and still judges the pages."""
    probe = (
        "import sys; from mkdocs_spec_plugin.cli import main; code = main(['check', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.startswith('mkdocs_spec_plugin'))); "
        "raise SystemExit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, str(docs)], capture_output=True, text=True, env=ENV
    )
    assert "%" in run.stdout, run.stderr
    loaded = run.stdout.splitlines()[-1]
    assert "mkdocs_spec_plugin.cli.check" in loaded
    for other in ("cli.agent_tools", "cli.agent_server", "cli.fix", "cli.report", "dashboard"):
        assert f"mkdocs_spec_plugin.{other}" not in loaded


def test_many_pages_are_judged_in_parallel_with_the_same_results(tmp_path):
    # From 200 pages on, check shares the work between processes; order and verdicts hold.
    for number in range(210):
        body = PARTIAL if number % 2 else PARTIAL.replace("## Security\n", "## Rollout Strategy\n")
        (tmp_path / f"p{number:03}.md").write_text(page("design-doc", body))
    data = json.loads(
        cli("check", "--format", "json", "--fail-under", "0", ".", cwd=tmp_path).stdout
    )
    assert [p["path"] for p in data["pages"]] == [f"p{n:03}.md" for n in range(210)]
    assert {p["score"] for p in data["pages"][1::2]} == {11}
    assert {p["score"] for p in data["pages"][0::2]} == {15}


def _run_with_summary(tmp_path, *args: str):
    summary = tmp_path / "summary.md"
    env = {**ENV, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_spec_plugin", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_github_annotates_required_sections_only_most_important_first(tmp_path):
    """A real ADR site got 142 annotations, nearly all for optional sections; GitHub shows ten."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "adr.md").write_text(
        "# [Title]\n\n## Context\n[Why]\n\n## Decision\n[What]\n\n## Links (Optional)\n\n"
        "## Notes (Optional)\n",
        encoding="utf-8",
    )
    write_site(
        tmp_path,
        {
            "one.md": page("adr", "# One\n\n## Context\n[Why]\n"),  # unfinished, then missing
            "many.md": page("design-doc", "# Many\n\n## Current Context\nText.\n"),
        },
        {"plugins": [{"spec": {"templates_dir": "team"}}]},
    )
    result, summary = _run_with_summary(tmp_path, "--format", "github")
    assert result.returncode == 1
    one = [line for line in result.stdout.splitlines() if "file=docs/one.md" in line]
    assert [line.split("::")[2].split(" ")[0] for line in one[:2]] == ["missing:", "unfinished:"]
    assert not any("Links" in line or "Notes" in line for line in one)
    many = [
        line for line in result.stdout.splitlines() if line.startswith("::warning file=docs/many")
    ]
    assert len(many) == 1 and "sections to write" in many[0]
    assert "## Spec completeness" in summary
    assert "| `docs/many.md` | design-doc | 3% |" in summary
    assert "2 pages judged, 2 below 100%." in summary


def test_sarif_for_code_scanning(docs):
    result = cli("check", "--format", "sarif", cwd=docs)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {
        "missing",
        "unfinished",
        "invalid",  # a page metadata field's value
        "below-threshold",
        "template",
    }
    findings = run["results"]
    security = next(r for r in findings if "Security Considerations" in r["message"]["text"])
    assert security["ruleId"] == "missing"
    region = security["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "docs/design/cache.md"
    assert region["region"]["startLine"] >= 1
    typo = next(r for r in findings if r["ruleId"] == "template")
    assert typo["level"] == "error" and "design-dok" in typo["message"]["text"]


@pytest.mark.parametrize(
    "given, seen",
    [
        ("docs/design/a.md", "design/a.md"),  # as the pages under docs_dir are found
        ("./docs/../docs/design/a.md", "design/a.md"),
        ("{root}/docs/design/a.md", "design/a.md"),
        ("linked/design/a.md", "design/a.md"),  # a symlink to docs_dir: only resolving tells
        ("elsewhere/a.md", "elsewhere/a.md"),  # outside docs_dir: as given
    ],
)
def test_path_rules_see_the_docs_relative_path(tmp_path, monkeypatch, given, seen):
    write_site(tmp_path, {"design/a.md": "# A\n"})
    (tmp_path / "linked").symlink_to(tmp_path / "docs", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for relative in (True, False):  # the config named as given, or found by its absolute path
        config = "mkdocs.yml" if relative else str(tmp_path / "mkdocs.yml")
        context = load_context(argparse.Namespace(config_file=config))
        path = Path(given.format(root=tmp_path))
        assert context.docs_path(path) == seen
