"""Time and memory per page of our code on the hostile corpus of tests/test_hostile.py.

    python bench/hostile.py                  # the corpus CI builds
    HOSTILE_FULL=1 python bench/hostile.py   # adds a 50 MB page of 10,000 indented levels and
                                             # 100,000 headings (a minute with tracing)

Builds the corpus site in-process (as the test does, keeping the HTML the plugin judged), then
times our code alone on each page, without Python-Markdown: the check's path (`judge_page` on the
Markdown) and the plugin's (flattening, then `read_html` and `judge` on the rendered HTML). Each
is run twice: once timed, once under tracemalloc for the peak of Python allocations. Prints a
table; asserts nothing, timings are noisy.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_corpus import (  # tests/ is not a package
    FULL,
    HEADINGS,
    NESTING,
    build_in_process,
    corpus,
    headings,
    indented,
)
from mkdocs_spec_plugin.engine.html_reader import read_html
from mkdocs_spec_plugin.engine.judge import judge
from mkdocs_spec_plugin.engine.nesting import flatten
from mkdocs_spec_plugin.engine.page import decode, judge_page
from mkdocs_spec_plugin.engine.profile import MarkdownProfile
from mkdocs_spec_plugin.engine.resolve import Matcher
from mkdocs_spec_plugin.engine.templates import load_registry


def measure(work: Callable[[], object]) -> tuple[float, float]:
    """Seconds (without tracing) and peak MB of Python allocations (traced, a second run)."""
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak / 1e6


def synthetic_html(count: int) -> str:
    """What Python-Markdown renders for `headings(count)` (rendering it takes 12 s, not ours)."""
    return '<h1 id="many">Many</h1>\n' + "".join(
        f'<h2 id="heading-{i}">Heading {i}</h2>\n<p>Text {i}.</p>\n' for i in range(count)
    )


def row(
    name: str, data: bytes, matcher: Matcher, profile: MarkdownProfile, html: str | None
) -> str:
    """One page's line: its size, then seconds and peak MB of the check's and the plugin's path."""
    text = decode(data) or data.decode("utf-8", errors="replace")
    check = measure(lambda: judge_page(text, matcher, name, profile))
    report = judge_page(text, matcher, name, profile).report
    rendered = html if report is not None else None
    body = text.split("\n---\n", 1)[-1]

    def plugin_path() -> None:
        flatten(body)  # on_page_markdown, on every page
        if rendered is not None and report is not None:  # on_page_content, on spec pages
            judge(report.template, read_html(rendered))

    plugin = measure(plugin_path)
    note = "" if rendered is not None or report is None else "(flattening only: not built)"
    return (
        f"{name:32} {len(data) / 1e6:7.2f} {check[0]:8.3f} {check[1]:8.1f}"
        f" {plugin[0]:9.3f} {plugin[1]:8.1f} {note}"
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mkdocs-spec-bench-hostile-") as base:
        site = build_in_process(Path(base), corpus())
        profile = MarkdownProfile.from_extensions(["toc", "tables", "fenced_code"])
        matcher = Matcher(load_registry(site.templates, profile))
        pages = {case.name: case.data for case in corpus()}
        html = dict(site.html)
        if FULL:  # too large to build with the corpus: measured on our code only
            pages[f"deep-indent-{NESTING}.md"] = indented(NESTING).encode()
            pages[f"headings-{HEADINGS}.md"] = headings(HEADINGS).encode()
            html[f"headings-{HEADINGS}.md"] = synthetic_html(HEADINGS)
        print(f"{'page':32} {'MB':>7} {'check s':>8} {'peak MB':>8} {'plugin s':>9} {'peak MB':>8}")
        for name, data in pages.items():
            print(row(name, data, matcher, profile, html.get(name)))
        print(f"build of the corpus site: {site.seconds:.1f} s (Python-Markdown and MkDocs in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
