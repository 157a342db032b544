"""Judging in a worker process (`parallel: true`, the default, on a site of 100 pages or more with
a core to spare): the built site is byte for byte the one judged in the build's own process, and
nothing is lost when the worker fails."""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import SPEC_PAGES, badge, build, spec_page, spec_site, write_site
from mkdocs_spec_plugin.engine.templates import load_registry
from mkdocs_spec_plugin.plugin import judging
from mkdocs_spec_plugin.plugin.judging import WORKER_FROM, Judges

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="a worker is forked on Linux with a spare core only",
)


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, without the times of the build (the theme's build date, and
    sitemap.xml.gz, which holds the time it was compressed)."""
    return {
        str(path.relative_to(site)): re.sub(rb"Build Date UTC : [^\n]*", b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }


def _warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


SERIAL = {"plugins": [{"spec": {"parallel": False}}]}


def test_a_worker_builds_the_same_site_as_the_build_process(tmp_path):
    assert SPEC_PAGES >= WORKER_FROM
    pages = spec_site()
    parallel = build(write_site(tmp_path / "parallel", pages), "--verbose")
    serial = build(write_site(tmp_path / "serial", pages, SERIAL), "--verbose")
    assert "spec pages are judged in a worker process" in parallel.log
    assert "spec pages are judged in the build's process" in serial.log
    assert _site_files(parallel.site) == _site_files(serial.site)
    assert _warnings(parallel.log) == _warnings(serial.log)
    assert len(_warnings(parallel.log)) > SPEC_PAGES // 2  # pages with missing sections, unknown.md
    assert badge(parallel.html("specs/page-007.md")) is not None
    assert badge(parallel.html("index.md")) is None


def test_a_small_site_is_judged_in_the_build_process(tmp_path):
    small = build(write_site(tmp_path, {"a.md": spec_page(1)}), "--verbose")
    assert "spec pages are judged in the build's process" in small.log
    assert badge(small.html("a.md")) is not None


def _build_in_this_process(config_file: Path, during=None) -> Path:
    """`mkdocs build` in this process, with `during(plugin, pages_so_far)` run after each page's
    `on_page_content`."""
    config = load_config(str(config_file))
    plugin = config.plugins["spec"]
    if during is not None:
        content = plugin.on_page_content

        def on_page_content(html, **kwargs):
            result = content(html, **kwargs)
            during(plugin, len(plugin.build.pages))
            return result

        plugin.on_page_content = on_page_content
        config.plugins.events = {k: [] for k in config.plugins.events}
        for key, registered in list(config.plugins.items()):
            config.plugins[key] = registered  # registers the wrapped handler
    mkdocs_build(config)
    return config_file.parent / "site"


def test_pages_of_a_worker_that_died_are_judged_in_the_build(tmp_path, caplog):
    """A worker killed mid-build (out of memory, say): every page still gets its verdict, the same
    as without a worker, and the build log says what happened."""
    killed: list[int] = []

    def kill_the_worker(plugin, pages: int) -> None:
        pool = plugin.judges._pool
        if pages == 60 and pool is not None:
            for process in pool._processes.values():
                process.kill()
                killed.append(process.pid)

    pages = spec_site()
    with caplog.at_level(logging.WARNING):
        built = _build_in_this_process(write_site(tmp_path / "site", pages), kill_the_worker)
    assert killed
    reference = build(write_site(tmp_path / "reference", pages, SERIAL)).site
    assert _site_files(built) == _site_files(reference)
    assert "the worker process that judges pages stopped" in caplog.text


class _FailingPool:
    """A pool whose every answer is an error, as from a worker that met a bug on a page."""

    def submit(self, function, *args):
        future: Future[object] = Future()
        future.set_exception(RuntimeError("only in the worker"))
        return future

    def shutdown(self, cancel_futures: bool = False) -> None:
        pass


def test_a_page_the_worker_failed_on_is_judged_in_the_build_process():
    registry = load_registry()
    template = registry.templates["tech-spec"]
    html = "<h1>Page</h1><h2>Overview</h2><p>Written.</p>"
    judges = Judges()
    judges.open(registry, WORKER_FROM, wanted=False)
    expected = judges.judge(template, html, "a.md", "a/", "Page")  # no worker: judged at once
    judges._pool = _FailingPool()  # type: ignore[assignment]  # a worker that fails every page
    assert judges.judge(template, html, "a.md", "a/", "Page") is None
    assert judges.collect(lambda source: html) == {"a.md": expected}
    assert judges.broken is None  # a failed page is not a dead worker: it is kept


def test_one_worker_serves_every_build_until_the_templates_change(tmp_path):
    registry = load_registry()
    judges = Judges()
    try:
        judges.open(registry, WORKER_FROM, wanted=True)
        pool = judges._pool
        assert pool is not None
        judges.open(registry, WORKER_FROM, wanted=True)
        assert judges._pool is pool
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "note.md").write_text("# [Title]\n\n## Summary\n[What]\n", "utf-8")
        judges.open(load_registry(folder), WORKER_FROM, wanted=True)
        assert judges._pool is not None and judges._pool is not pool
        note = judges._templates["note"]
        html = "<h1>N</h1><h2>Summary</h2><p>Done.</p>"
        assert judges.judge(note, html, "n.md", "n/", "N") is None
        (verdict,) = judges.collect(lambda source: "").values()
        assert verdict.template == "note" and verdict.is_complete
    finally:
        judges.close()
    assert judges._pool is None


def test_the_worker_judges_as_the_build_process_does():
    registry = load_registry()
    html = "<h1>P</h1><h2>Overview</h2><p>Written.</p>"
    template = registry.templates["design-doc"]
    judges = Judges()
    try:
        judges.open(registry, WORKER_FROM, wanted=True)
        for n in range(judging.BATCH + 3):  # a full batch and part of the next
            assert judges.judge(template, html, f"p{n}.md", f"p{n}/", "P") is None
        collected = judges.collect(lambda source: "")
    finally:
        judges.close()
    assert list(collected) == [f"p{n}.md" for n in range(judging.BATCH + 3)]
    assert collected["p3.md"] == judging.verdict(template, html, "p3.md", "p3/", "P")


def test_no_worker_is_forked_beside_another_thread():
    """`mkdocs serve` after its first build runs its server in other threads: a fork then could
    copy a lock another thread holds. A worker for new templates is not started; pages are judged
    in the build's process."""
    registry = load_registry()
    judges = Judges()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        judges.open(registry, WORKER_FROM, wanted=True)
        assert not judges.in_worker
        template = registry.templates["tech-spec"]
        html = "<h1>P</h1><h2>Overview</h2><p>Written.</p>"
        assert judges.judge(template, html, "p.md", "p/", "P") is not None
    finally:
        stop.set()
        other.join()
        judges.close()
