"""The test suite's own shape."""

from __future__ import annotations

import ast

from conftest import REPO


def test_no_test_module_imports_another():
    """Test modules share code through helper modules (conftest, sizes, hostile_corpus, ...):
    importing a test module runs its module-level setup inside another (hypothesis profiles,
    environment reads) and ties the two together, so neither can change alone."""
    tests = REPO / "tests"
    offenders = []
    for path in sorted(tests.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0].startswith("test_")]
    assert not offenders
