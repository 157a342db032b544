"""The README stays true: the quick start's two commands (CI runs the test command word for word),
and the figures of its Guarantees section."""

from __future__ import annotations

import ast
import re

import hostile_corpus
import sizes
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


def _fuzz_examples() -> int:
    """Examples one CI run of tests/test_fuzz.py asks for, parametrized cases counted: read from
    its `@examples(N)` and `@pytest.mark.parametrize(name, [...])` decorators (a test module is
    not imported by another)."""
    tree = ast.parse((REPO / "tests" / "test_fuzz.py").read_text(encoding="utf-8"))
    total = 0
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
            continue
        # Each decorator call by the name it is called with: `examples`, `pytest.mark.parametrize`.
        calls = [(ast.unparse(d.func), d) for d in node.decorator_list if isinstance(d, ast.Call)]
        counts = [ast.literal_eval(d.args[0]) for name, d in calls if name == "examples"]
        if not counts:
            continue
        cases = 1
        for name, d in calls:
            if name == "pytest.mark.parametrize":
                cases *= len(ast.literal_eval(d.args[1]))
        total += counts[0] * cases
    return total


def test_guarantees_state_what_the_tests_do():
    """The figures of the README's Guarantees section are those the test files use."""
    text = _guarantees()
    ci = _fuzz_examples()
    assert f"**{ci:,} examples** per CI run" in text
    assert f"**{ci * sizes.DEEP_SCALE:,} examples**" in text
    assert f"**{sizes.DEFAULT_EDITS} edits**" in text
    assert f"made of {len(hostile_corpus.corpus())} hostile pages" in text
    assert f"{hostile_corpus.HEADINGS_IN_BUILD:,} headings" in text
