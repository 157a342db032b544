"""Gradual adoption through the real command: `baseline`, `check --baseline`, and
`check --changed-since` in a real git repository."""

from __future__ import annotations

import json
import os
import subprocess

from conftest import cli, page, write_site

CACHE = "# Cache\n\n## Current Context\nIn memory.\n\n## Requirements\nFast reads.\n"


def test_check_against_a_baseline_fails_only_on_regressions(tmp_path):
    write_site(tmp_path, {"cache.md": page("design-doc", CACHE)})
    made = cli("baseline", "-o", "base.json", cwd=tmp_path)
    assert made.returncode == 0 and "base.json: baseline of 1 page" in made.stdout
    recorded = json.loads((tmp_path / "base.json").read_text())["pages"]["docs/cache.md"]
    assert recorded["sections"]["Current Context"] == "complete"
    assert cli("check", cwd=tmp_path).returncode == 1  # far below 100%
    assert cli("check", "--baseline", "base.json", cwd=tmp_path).returncode == 0

    # A section that was complete and is emptied is a regression; the rest of the page is not.
    (tmp_path / "docs" / "cache.md").write_text(page("design-doc", CACHE.replace("In memory.", "")))
    result = cli("check", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/cache.md: regressed: 'Current Context' was complete, now unfinished" in (
        result.stdout
    )
    assert "1 regression against the baseline." in result.stdout
    data = json.loads(
        cli("check", "--baseline", "base.json", "--format", "json", cwd=tmp_path).stdout
    )
    assert data["regressions"] == [
        {"path": "docs/cache.md", "message": "'Current Context' was complete, now unfinished"}
    ]


def test_a_new_page_below_the_threshold_is_a_regression(tmp_path):
    write_site(tmp_path, {"cache.md": page("design-doc", CACHE)})
    cli("baseline", "-o", "base.json", cwd=tmp_path)
    (tmp_path / "docs" / "new.md").write_text(page("design-doc", CACHE))
    result = cli("check", "--baseline", "base.json", "--fail-under", "50", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/new.md: regressed: new page at 7%, below 50%" in result.stdout
    assert (
        cli("check", "--baseline", "base.json", "--fail-under", "5", cwd=tmp_path).returncode == 0
    )


def test_a_file_that_is_not_a_baseline_is_a_usage_error(tmp_path):
    write_site(tmp_path, {"cache.md": page("design-doc", CACHE)})
    (tmp_path / "base.json").write_text('{"pages": {}}')
    result = cli("check", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2 and "not a baseline written by 'mkdocs-spec baseline'" in (
        result.stderr
    )


def _git(root, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_changed_since_judges_changed_pages_and_pages_of_changed_templates(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "note.md").write_text("## Summary\n[What]\n", "utf-8")
    pages = {
        "a.md": page("design-doc", CACHE),
        "b.md": page("design-doc", CACHE),
        "n1.md": page("note", "## Summary\nDone.\n"),
        "n2.md": page("note", "## Summary\nDone.\n"),
        # Follows design-doc best, but may follow the note: a changed note can change it.
        "either.md": page(["design-doc", "note"], CACHE),
    }
    write_site(tmp_path, pages, {"plugins": [{"spec": {"templates_dir": "team"}}]})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start")

    def judged(*args: str) -> set[str]:
        result = cli("check", "--format", "json", "--fail-under", "0", *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return {p["path"] for p in json.loads(result.stdout)["pages"]}

    assert judged("--changed-since", "HEAD") == set()
    (tmp_path / "docs" / "b.md").write_text(page("design-doc", CACHE + "\nMore.\n"))
    (tmp_path / "docs" / "c.md").write_text(page("design-doc", CACHE))  # new, untracked
    assert judged("--changed-since", "HEAD") == {"docs/b.md", "docs/c.md"}
    (team / "note.md").write_text("## Summary\n[What]\n\n## Risks\n[Which]\n", "utf-8")
    assert judged("--changed-since", "HEAD") == {
        "docs/b.md",
        "docs/c.md",
        "docs/either.md",
        "docs/n1.md",
        "docs/n2.md",
    }
    bad = cli("check", "--changed-since", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2 and "--changed-since" in bad.stderr
