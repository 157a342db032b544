"""How the readers and the judge scale on hostile pages: each construct at size N and 8N.

    python bench/scaling.py [--size N] [--rounds R]

A linear cost gives a ratio near 8, an n log n one a little more, a quadratic one 64. Each row is
the fastest of R runs at both sizes, taken one after the other in this process, so the ratio is
fair on a busy machine; rows above 12 are marked. It asserts nothing (the machines are shared):
it prints the table, for a person or a CI log to read.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs_spec_plugin.engine.html_reader import read_html
from mkdocs_spec_plugin.engine.judge import judge
from mkdocs_spec_plugin.engine.markdown_reader import read_markdown
from mkdocs_spec_plugin.engine.model import Template
from mkdocs_spec_plugin.engine.nesting import flatten
from mkdocs_spec_plugin.engine.resolve import Rule
from mkdocs_spec_plugin.engine.templates import parse_template

LIMIT = 12.0


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(count)]


def _near_miss(n: int) -> Callable[[], object]:
    """n template sections against n unrelated page headings: every section missing."""
    heads = _words(2 * n, 1)
    text = "# T\n\n" + "".join(f"## {a} {b}\n\n" for a, b in zip(heads[::2], heads[1::2]))
    raw = parse_template(text, "scaling.md", "scaling")
    template = Template(
        id="scaling",
        name="scaling",
        description="",
        source="scaling.md",
        title=raw.title,
        sections=raw.sections,
        placeholder_re=raw.pattern,
    )
    others = _words(2 * n, 2)
    page = "# P\n\n" + "".join(f"## {a} {b}\nx\n\n" for a, b in zip(others[::2], others[1::2]))
    sections = read_markdown(page)
    return lambda: judge(template, sections)


def _markdown(text: str) -> Callable[[], object]:
    return lambda: read_markdown(flatten(text)[0])


def _html(text: str) -> Callable[[], object]:
    return lambda: read_html(text)


def _glob(folder: str) -> Callable[[], object]:
    rule = Rule("**/" * 8 + "*.md", "t")
    return lambda: rule.matches(f"{folder}/x.md")


CONSTRUCTS: dict[str, Callable[[int], Callable[[], object]]] = {
    "heading of unclosed '['": lambda n: _markdown("## " + "[" * n + "\n"),
    "line of '[x '": lambda n: _markdown("[x " * n + "\n"),
    "line of '!['": lambda n: _markdown("![" * n + "\n"),
    "line of '[a]('": lambda n: _markdown("[a](" * n + "\n"),
    "unclosed '<!--' on a line": lambda n: _markdown("<!-- " * n + "\n"),
    "unclosed fences": lambda n: _markdown("```\n## x\n" * (n // 8 + 1)),
    "nested list markers": lambda n: _markdown("- " * (n // 4 + 1) + "x\n"),
    "raw HTML '<a<a<a'": lambda n: _html("<h2>S</h2>\n<div><a" + "<a" * n + "</div>"),
    "a heading of '<a<a<a'": lambda n: _html("<h2>" + "<a" * n + "</h2>"),
    "raw HTML '<a headerlink '": lambda n: _html("<h2>S</h2><div>" + "<a headerlink " * n),
    "unclosed '<tr>'": lambda n: _html("<h2>S</h2><table>" + "<tr><td>x" * (n // 8 + 1)),
    "near misses, N/16 sections x N/16 headings": lambda n: _near_miss(n // 16 + 1),
    "rule glob '**/' x 8 on a deep path": lambda n: _glob("/".join(["d"] * (n // 64 + 2))),
}


def fastest(make: Callable[[int], Callable[[], object]], size: int, rounds: int) -> float:
    work = make(size)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=16_000, help="N (default 16,000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per size (default 3)")
    args = parser.parse_args()
    width = max(map(len, CONSTRUCTS))
    print(f"{'construct':<{width}}  {'N':>9}  {'8N':>9}  ratio")
    for name, make in CONSTRUCTS.items():
        small = fastest(make, args.size, args.rounds)
        large = fastest(make, 8 * args.size, args.rounds)
        ratio = large / small if small > 0 else float("nan")
        mark = "  superlinear" if ratio > LIMIT else ""
        print(f"{name:<{width}}  {small:8.4f}s  {large:8.4f}s  x{ratio:5.1f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
