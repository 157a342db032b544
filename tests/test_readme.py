"""The README's quick start stays true: two commands, and CI runs the test command word for word."""

from __future__ import annotations

import re

from conftest import REPO


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_two_commands():
    serve, tests = quick_start_commands()
    assert "sample_site/mkdocs.yml" in serve and ".[sample]" in serve
    assert "pytest" in tests and ".[test]" in tests


def test_ci_runs_the_test_command():
    _, tests = quick_start_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
