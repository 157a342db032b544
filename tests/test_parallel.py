"""Judging in a worker process (`parallel: true`, the default on a site of 100+ pages): the built
site is byte for byte the one judged in the build's own process, and nothing is lost when the
worker fails."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import badge, build, page, template_body, write_site
from mkdocs_spec_plugin.engine.templates import load_registry
from mkdocs_spec_plugin.plugin import background
from mkdocs_spec_plugin.plugin.background import MIN_PAGES, Job, Judges
from mkdocs_spec_plugin.plugin.verdict import Options, verdict_for

pytestmark = pytest.mark.skipif(
    not background._can_fork_a_worker(), reason="a worker process needs Linux and two cores"
)

TEMPLATES = ["design-doc", "tech-spec", "impl-spec", "feature-design", "component-doc"]
PAGES = MIN_PAGES + 20


def spec_page(number: int) -> str:
    """A page of one of the templates with some of its `##` sections left out and some written."""
    template = TEMPLATES[number % len(TEMPLATES)]
    body = re.sub(r"(?m)^# .*$", f"# Page {number}", template_body(template), count=1)
    title, *blocks = re.split(r"(?m)^(?=## )", body)
    kept = [
        block if index % 2 else f"{block}\n\nWritten by the author of page {number}.\n\n"
        for index, block in enumerate(blocks)
        if (index + number) % 4 != 1
    ]
    return page(template, title + "".join(kept))


def spec_site() -> dict[str, str]:
    """PAGES spec pages, a page without a template and one naming an unknown template."""
    pages = {f"specs/page-{n:03}.md": spec_page(n) for n in range(PAGES)}
    pages["index.md"] = "# Home\n\nNo template here.\n"
    pages["unknown.md"] = page("no-such-template", "# Unknown\n")
    return pages


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


def test_a_worker_builds_the_same_site_as_the_build_process(tmp_path):
    pages = spec_site()
    parallel = build(write_site(tmp_path / "parallel", pages), "--verbose")
    serial = build(
        write_site(tmp_path / "serial", pages, {"plugins": [{"spec": {"parallel": False}}]}),
        "--verbose",
    )
    assert "spec pages are judged in a worker process" in parallel.log
    assert "spec pages are judged in the build's process" in serial.log
    assert _site_files(parallel.site) == _site_files(serial.site)
    assert _warnings(parallel.log) == _warnings(serial.log)
    assert len(_warnings(parallel.log)) > PAGES // 2  # pages with missing sections, and unknown.md
    assert badge(parallel.html("specs/page-007.md")) is not None
    assert badge(parallel.html("index.md")) is None


def test_a_small_site_or_one_core_is_judged_in_the_build_process(tmp_path):
    small = build(write_site(tmp_path / "small", {"a.md": spec_page(1)}), "--verbose")
    assert "spec pages are judged in the build's process" in small.log
    with mock.patch.object(background, "usable_cores", return_value=1):
        judges = Judges()
        judges.start({}, _options(), PAGES, background=True)
    assert not judges.in_background


def _options() -> Options:
    return Options(True, True, False, True, False, [{"min": 0, "color": "#cf222e"}])


class _InProcess:
    """`mkdocs build` or the rebuilds of `mkdocs serve`, in this process, so that the worker can
    be made to fail (a forked worker runs the functions patched here)."""

    def __init__(self, root: Path, command: str = "build") -> None:
        self.config_file = write_site(root, spec_site())
        self.command = command
        self.plugin = None

    def build(self):
        config = load_config(str(self.config_file))
        if self.plugin is None:  # a new `mkdocs` process: MkDocs shares plugins within one
            config.plugins["spec"].cache.clear()
            config.plugins.on_startup(command=self.command, dirty=False)
        self.plugin = config.plugins["spec"]
        serve_url = "http://127.0.0.1:8000/" if self.command == "serve" else None
        mkdocs_build(config, serve_url=serve_url)
        return self.config_file.parent / "site"


def _reference(tmp_path: Path) -> dict[str, bytes]:
    config_file = write_site(tmp_path / "reference", spec_site())
    config_file.write_text(
        config_file.read_text().replace("- spec", "- spec:\n    parallel: false"), "utf-8"
    )
    return _site_files(build(config_file).site)


def _failing_in_worker(parent: int, flag: Path, how: str):
    """`verdict_for` that fails in any process but this one."""

    def judged(template, html, path, url, options):
        if os.getpid() != parent:
            flag.write_text(how)
            if how == "exit":
                os._exit(3)
            if path.endswith("page-005.md"):
                raise RuntimeError("only in the worker")
        return verdict_for(template, html, path, url, options)

    return judged


@pytest.mark.parametrize("how", ["exit", "raise"])
def test_pages_the_worker_could_not_judge_are_judged_in_the_build(tmp_path, how):
    """A worker that dies mid-build, or fails on one page: every page still gets its verdict,
    the same as without a worker."""
    flag = tmp_path / "worker-ran"
    site = _InProcess(tmp_path / "site")
    failing = _failing_in_worker(os.getpid(), flag, how)
    with mock.patch.object(background, "verdict_for", failing):
        built = site.build()
    assert flag.read_text() == how  # the worker was used, and failed
    assert site.plugin is not None and not site.plugin.judges.in_background  # stopped
    assert _site_files(built) == _reference(tmp_path)


def test_serve_keeps_one_worker_and_rejudges_only_the_edited_page(tmp_path):
    site = _InProcess(tmp_path / "site", command="serve")
    try:
        site.build()
        plugin = site.plugin
        assert plugin is not None and plugin.judges.in_background
        worker = plugin.judges.worker.process
        edited = site.config_file.parent / "docs" / "specs" / "page-003.md"
        before = badge(_html(site, "specs/page-003"))["data-spec-score"]
        edited.write_text(page("design-doc", "# Page 3\n\n## Overview\nNearly empty.\n"), "utf-8")
        site.build()
        assert site.plugin is plugin  # MkDocs keeps the instance across serve's rebuilds
        assert plugin.judgements == 1
        assert plugin.judges.worker.process is worker and worker.is_alive()
        after = badge(_html(site, "specs/page-003"))["data-spec-score"]
        assert after != before
    finally:
        if site.plugin is not None:
            site.plugin.on_shutdown()
    assert not worker.is_alive()


def _html(site: _InProcess, stem: str) -> BeautifulSoup:
    path = site.config_file.parent / "site" / stem / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_answers_for_an_interrupted_build_are_dropped():
    """A serve rebuild that failed midway leaves answers in the pipe: the next build must not
    take them for its own."""
    templates = load_registry().templates
    body = template_body("tech-spec")
    judges = Judges()
    try:
        judges.start(templates, _options(), PAGES, background=True)
        assert judges.in_background
        for n in range(40):  # answered, never collected
            judges.submit(Job(f"old-{n}.md", "", "tech-spec", "<h1>Old</h1>"))
        judges.start(templates, _options(), PAGES, background=True)
        html = "<h1>New</h1>" + "".join(
            f"<h2>{line[3:]}</h2><p>Written.</p>" for line in body.splitlines() if line[:3] == "## "
        )
        for n in range(20):
            judges.submit(Job(f"new-{n}.md", "", "tech-spec", html))
        collected = list(judges.collect(lambda path: html))
    finally:
        judges.close()
    assert [job.path for job, _ in collected] == [f"new-{n}.md" for n in range(20)]
    for job, verdict in collected:
        assert verdict == verdict_for(templates["tech-spec"], html, job.path, "", _options())
