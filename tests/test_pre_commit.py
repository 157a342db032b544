"""The pre-commit hook (`.pre-commit-hooks.yaml`) as teams use it, run by the real `pre-commit`.

pre-commit installs a hook from a git repository at a commit, and `try-repo` leaves untracked files
out. So that the hook tested is the working tree's (uncommitted and new files included; in a clean
CI clone that is HEAD), the module commits a snapshot of this repository's files into a temporary
repository and points pre-commit at it.
The hook's environment (a virtualenv with this package, from PyPI) is built once per module in a
shared PRE_COMMIT_HOME; `try-repo` always uses a throwaway store, so it builds one more.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, REPO, SAMPLE_SITE, page

HOOK_ID = "mkdocs-spec-check"

# 3 of the design-doc template's 26 required sections: 11%.
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

# A site as teams write it: Material theme, extensions (not installed in the hook's environment)
# and a `!!python/name:` tag, which the check must read without importing anything.
MKDOCS_YML = """\
site_name: Team docs
theme:
  name: material
plugins:
  - search
  - spec
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""

# Copies of this repository that never belong in the snapshot (when it is not a git checkout).
IGNORED = shutil.ignore_patterns(
    ".git", ".venv*", "venv", "__pycache__", "*.egg-info", "build", "dist", "site", ".*_cache"
)


@pytest.fixture(scope="module")
def git_env(tmp_path_factory) -> dict[str, str]:
    """Git and pre-commit isolated from the user's git configuration and from outer git hooks."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    empty = home / "empty.gitconfig"
    empty.write_text("", encoding="utf-8")
    env = {k: v for k, v in ENV.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        PRE_COMMIT_HOME=str(home / "store"),
        PRE_COMMIT_COLOR="never",
    )
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def init_repo(root: Path, env: dict[str, str]) -> None:
    git(root, env, "init", "-q")
    git(root, env, "config", "user.name", "Test Author")
    git(root, env, "config", "user.email", "author@example.com")
    git(root, env, "config", "commit.gpgsign", "false")


def repo_files() -> list[str] | None:
    """This repository's files as a commit of the working tree would hold them (None: no git)."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    return [name for name in result.stdout.split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, git_env) -> tuple[str, str]:
    """A git repository holding this repository's working tree in one commit: (path, commit)."""
    root = tmp_path_factory.mktemp("hook-repo") / "mkdocs-spec-plugin"
    names = repo_files()
    if names is None:
        shutil.copytree(REPO, root, ignore=IGNORED)
    else:
        for name in names:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    assert (root / ".pre-commit-hooks.yaml").is_file()
    init_repo(root, git_env)
    git(root, git_env, "add", "-A")
    git(root, git_env, "commit", "-q", "-m", "snapshot")
    return str(root), git(root, git_env, "rev-parse", "HEAD").strip()


@pytest.fixture
def project(tmp_path, git_env) -> Path:
    """A team's repository: a site with a page below the bar, a complete one and a plain one."""
    root = tmp_path / "team-docs"
    root.mkdir()
    init_repo(root, git_env)
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "docs/design/cache.md": page("design-doc", PARTIAL),
        "docs/design/limiter.md": (SAMPLE_SITE / "docs/design-doc/complete.md").read_text(
            encoding="utf-8"
        ),
        "docs/notes.md": "# Notes\n\nMeeting notes, not a spec.\n",
        "tools/build.py": "print('not Markdown')\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, git_env, "add", "-A")
    return root


def has_commits(root: Path, env: dict[str, str]) -> bool:
    verify = ["git", "rev-parse", "--verify", "-q", "HEAD"]
    return subprocess.run(verify, cwd=root, env=env, capture_output=True).returncode == 0


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def configure(project: Path, env: dict[str, str], hook_repo: tuple[str, str], *args: str) -> None:
    """Write the team's `.pre-commit-config.yaml`, as the README shows it, and stage it."""
    repo, rev = hook_repo
    hook: dict[str, object] = {"id": HOOK_ID}
    if args:
        hook["args"] = list(args)
    config = {"repos": [{"repo": repo, "rev": rev, "hooks": [hook]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(project, env, "add", ".pre-commit-config.yaml")


def run_hook(project: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return pre_commit(project, env, "run", HOOK_ID, "--color", "never", "--files", *files)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_manifest_declares_the_hook():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == HOOK_ID and hook["name"] == "mkdocs-spec check"
    assert hook["entry"] == "mkdocs-spec check" and hook["language"] == "python"
    assert hook["types"] == ["markdown"] and hook.get("pass_filenames", True) is True
    assert hook["description"]


def test_try_repo_fails_on_a_page_below_the_bar(project, git_env, hook_repo):
    repo, _ = hook_repo
    files = ("docs/design/cache.md", "docs/notes.md")
    result = pre_commit(
        project, git_env, "try-repo", repo, HOOK_ID, "--color", "never", "--files", *files
    )
    out = output(result)
    assert result.returncode == 1, out
    assert "mkdocs-spec check" in out and "Failed" in out
    assert "docs/design/cache.md: design-doc 11% · 3 of 26 sections" in out
    assert "docs/design/cache.md:" in out and "missing: Requirements / Non-Functional" in out
    assert "docs/notes.md:" not in out  # not judged; said once, among the pages skipped
    assert "skipped 1 page, no template (its front matter has no 'spec' key): docs/notes.md" in out
    assert "1 page judged, 1 below 100%." in out


def test_config_with_threshold(project, git_env, hook_repo):
    configure(project, git_env, hook_repo, "--fail-under", "80")

    below = run_hook(project, git_env, "docs/design/cache.md", "docs/notes.md")
    out = output(below)
    assert below.returncode == 1, out
    assert "docs/design/cache.md: design-doc 11%" in out
    assert "missing: Security Considerations" in out and "did you mean 'Security'?" in out
    assert "1 page judged, 1 below 80%." in out

    complete = run_hook(project, git_env, "docs/design/limiter.md", "docs/notes.md")
    assert complete.returncode == 0, output(complete)
    assert "mkdocs-spec check" in complete.stdout and "Passed" in complete.stdout

    plain = run_hook(project, git_env, "docs/notes.md")
    assert plain.returncode == 0, output(plain)
    assert "Passed" in plain.stdout

    not_markdown = run_hook(project, git_env, "tools/build.py")
    assert not_markdown.returncode == 0, output(not_markdown)
    assert "(no files to check)" in not_markdown.stdout and "Skipped" in not_markdown.stdout


def test_low_threshold_passes_through_args(project, git_env, hook_repo):
    configure(project, git_env, hook_repo, "--fail-under", "10")
    result = run_hook(project, git_env, "docs/design/cache.md", "docs/design/limiter.md")
    assert result.returncode == 0, output(result)
    assert "Passed" in result.stdout


def test_git_commit_is_refused_below_the_bar(project, git_env, hook_repo):
    configure(project, git_env, hook_repo, "--fail-under", "80")
    installed = pre_commit(project, git_env, "install")
    assert installed.returncode == 0, output(installed)

    # Everything staged: the partial page stops the commit and is named.
    refused = subprocess.run(
        ["git", "commit", "-m", "docs"], cwd=project, env=git_env, capture_output=True, text=True
    )
    out = output(refused)
    assert refused.returncode != 0, out
    assert "docs/design/cache.md: design-doc 11%" in out
    assert "missing: Requirements / Non-Functional Requirements" in out
    assert not has_commits(project, git_env)

    # Without it the commit goes through; the hook judges only staged files.
    git(project, git_env, "rm", "-q", "--cached", "docs/design/cache.md")
    accepted = subprocess.run(
        ["git", "commit", "-m", "docs"], cwd=project, env=git_env, capture_output=True, text=True
    )
    assert accepted.returncode == 0, output(accepted)
    assert "mkdocs-spec check" in output(accepted) and "Passed" in output(accepted)
    committed = git(project, git_env, "ls-files").split()
    assert "docs/design/limiter.md" in committed and "docs/design/cache.md" not in committed


def readme_local_hook() -> str:
    """The `.pre-commit-config.yaml` the README shows, word for word."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### pre-commit", 1)[1].split("\n### ", 1)[0]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readmes_local_hook_works_as_written(project, git_env):
    text = readme_local_hook()
    assert "repo: local" in text and "language: system" in text
    (project / ".pre-commit-config.yaml").write_text(text, encoding="utf-8")
    git(project, git_env, "add", ".pre-commit-config.yaml")
    # `language: system` runs the mkdocs-spec installed beside MkDocs: this environment's.
    env = {**git_env, "PATH": f"{Path(sys.executable).parent}:{git_env.get('PATH', '')}"}
    below = run_hook(project, env, "docs/design/cache.md", "docs/notes.md")
    assert below.returncode == 1, output(below)
    assert "docs/design/cache.md: design-doc 11%" in output(below)
    passed = run_hook(project, env, "docs/design/limiter.md")
    assert passed.returncode == 0 and "Passed" in passed.stdout, output(passed)


def test_hook_on_a_zensical_site(project, git_env, hook_repo):
    """A site built by Zensical, which runs no MkDocs plugin: the hook is its gate, and it reads
    the front-matter key from `[project.plugins.spec]` in zensical.toml."""
    git(project, git_env, "rm", "-q", "--cached", "mkdocs.yml")
    (project / "mkdocs.yml").unlink()
    (project / "zensical.toml").write_text(
        '[project]\nsite_name = "Team docs"\n\n[project.plugins.spec]\nkey = "doc"\n',
        encoding="utf-8",
    )
    queue = page(None, PARTIAL.replace("# Cache", "# Queue"), doc="design-doc")
    (project / "docs/design/queue.md").write_text(queue, encoding="utf-8")
    git(project, git_env, "add", "-A")
    configure(project, git_env, hook_repo, "--fail-under", "80")
    result = run_hook(project, git_env, "docs/design/queue.md", "docs/design/cache.md")
    out = output(result)
    assert result.returncode == 1, out
    assert "docs/design/queue.md: design-doc 11%" in out
    # `spec` is not this site's key: the page is skipped, and said so.
    assert (
        "skipped 1 page, no template (its front matter has no 'doc' key): docs/design/cache.md"
        in out
    )
    assert "1 page judged, 1 below 80%." in out
