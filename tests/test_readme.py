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


def _guarantees() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("## Guarantees", 1)[1].split("\n## ", 1)[0]


def _fuzz_examples(module) -> int:
    """Examples one run of a hypothesis test module asks for, parametrized cases counted."""
    total = 0
    for name in dir(module):
        test = getattr(module, name)
        settings = getattr(test, "_hypothesis_internal_use_settings", None)
        if not name.startswith("test_") or settings is None:
            continue
        cases = 1
        for mark in getattr(test, "pytestmark", []):
            if mark.name == "parametrize":
                cases *= len(mark.args[1])
        total += settings.max_examples * cases
    return total


def test_guarantees_state_what_the_tests_do():
    """The figures of the README's Guarantees section are those the test files use."""
    import test_browser
    import test_fuzz
    import test_hostile

    text = _guarantees()
    ci = _fuzz_examples(test_fuzz) // test_fuzz._SCALE  # whichever profile this run uses
    assert f"**{ci:,} examples** per CI run" in text
    assert f"**{ci * test_fuzz.DEEP_SCALE:,} examples**" in text
    assert f"**{test_browser.DEFAULT_EDITS} edits**" in text
    assert f"made of {len(test_hostile.corpus())} hostile pages" in text
    assert f"{test_hostile.HEADINGS_IN_BUILD:,} headings" in text
