"""Where the plugin judges its pages: in the build's process, or in one worker process beside it.

Judging a page costs about 3 ms, some 6% of what MkDocs spends building it. On a large site with a
spare core, the plugin submits each spec page's HTML as MkDocs converts it and collects the verdicts
in `on_env`, before the theme renders the first page and needs them, as Material's social plugin
submits its cards and reconciles them. One worker keeps up: judging is faster than converting.

The worker is forked from the build, so it never runs the build's script again (as a fresh
interpreter would, importing `__main__`), starts at once and shares the build's memory. A fork
copies only the thread that forks, and a lock another thread held would stay held in the worker:
it is forked only while the build has no other thread (under `mkdocs serve`, at the first build,
before the server starts, and then kept for every rebuild), and only on Linux (on macOS a forked
process is not safe, Windows has none). Otherwise, or if the worker dies, pages are judged in the
build's process: the same verdicts, only later.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..engine.html_reader import read_html
from ..engine.judge import judge
from ..engine.model import Template
from ..engine.report import PageVerdict
from ..engine.templates import TemplateRegistry

# Below this many pages a build is over before a worker would have started.
WORKER_FROM = 100
# Pages go to the worker this many at a time: each hand-over costs the build's process more than
# the bytes it carries.
BATCH = 25

_templates: dict[str, Template] = {}  # in a worker: the build's templates, by id


def verdict(template: Template, html: str, source: str, url: str, title: str | None) -> PageVerdict:
    """The verdict of a page from the HTML MkDocs rendered of it."""
    return PageVerdict.of(judge(template, read_html(html)), source, url, title, lines=False)


def _start_worker(templates: dict[str, Template]) -> None:
    # Ctrl+C in `mkdocs serve` reaches the whole process group; the build process stops the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    _templates.update(templates)


def _exit_with_parent() -> None:
    """A build process killed outright (SIGTERM, a CI timeout) never stops its pool: the worker
    ends when the build process does, however it ended."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(0)


def _can_fork() -> bool:
    # The cores this process may run on (a CI job's share), not the machine's.
    return (
        sys.platform.startswith("linux")
        and len(os.sched_getaffinity(0)) >= 2
        and threading.active_count() == 1
    )


_Job = tuple[str, str, str, str, "str | None"]  # template id, html, source, url, title


def _judge_in_worker(jobs: list[_Job]) -> list[PageVerdict]:
    return [
        verdict(_templates[template_id], html, source, url, title)
        for template_id, html, source, url, title in jobs
    ]


class Judges:
    """The worker of one build, or of every build of one `mkdocs serve` while the templates stay
    the same, and the pages handed to it that are not collected yet."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._fingerprint = ""
        self._batch: list[_Job] = []
        # What was sent, without the HTML (the fallback reads the page again), and its answer
        self._sent: list[tuple[list[tuple[str, str, str, str | None]], Future[list[PageVerdict]]]]
        self._sent = []
        self._templates: dict[str, Template] = {}
        self.broken: str | None = None  # why the worker stopped, for the build log

    @property
    def in_worker(self) -> bool:
        return self._pool is not None

    def open(self, registry: TemplateRegistry, pages: int, wanted: bool) -> None:
        """Use a worker for this build when it is wanted and worth it: a site of WORKER_FROM pages
        or more, on a machine with a core to spare. A worker started for other templates is
        replaced, if it can be forked safely. Pages of an earlier build not collected (it failed)
        are forgotten."""
        self._batch, self._sent, self.broken = [], [], None
        self._templates = registry.templates
        if not (wanted and pages >= WORKER_FROM):
            self.close()
            return
        if self._pool is not None and self._fingerprint == registry.fingerprint:
            return
        self.close()
        if not _can_fork():
            return
        self._fingerprint = registry.fingerprint
        self._pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(registry.templates,),
        )
        self._pool.submit(int)  # forks the worker now, while the build has one thread

    def judge(
        self, template: Template, html: str, source: str, url: str, title: str | None
    ) -> PageVerdict | None:
        """The page's verdict now, without a worker; None when the worker has it, for `collect`."""
        if self._pool is None:
            return verdict(template, html, source, url, title)
        self._batch.append((template.id, html, source, url, title))
        if len(self._batch) >= BATCH:
            self._send()
        return None

    def _send(self) -> None:
        assert self._pool is not None
        batch, self._batch = self._batch, []
        future: Future[list[PageVerdict]] = Future()
        try:
            future = self._pool.submit(_judge_in_worker, batch)
        except BrokenProcessPool as exc:  # collect judges the batch here
            future.set_exception(exc)
        self._sent.append(([(job[0], *job[2:]) for job in batch], future))

    def collect(self, html_of: Callable[[str], str]) -> dict[str, PageVerdict]:
        """The verdicts of the pages the worker has, by source. A page it could not judge, for
        whatever reason, is judged here from `html_of(source)`, where an error is reported as it
        is without a worker."""
        if self._batch:
            self._send()
        verdicts: dict[str, PageVerdict] = {}
        for batch, future in self._sent:
            try:
                results = future.result()
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    self.broken = str(exc)
                results = [
                    verdict(self._templates[template_id], html_of(source), source, url, title)
                    for template_id, source, url, title in batch
                ]
            verdicts.update((result.path, result) for result in results)
        self._sent = []
        if self.broken is not None:
            self.close()
        return verdicts

    def close(self) -> None:
        """Stop the worker, if there is one."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
