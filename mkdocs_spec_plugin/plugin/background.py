"""Judging spec pages in a second process while MkDocs renders the rest of the site.

MkDocs converts every page's Markdown to HTML (`on_page_content`) before it puts any page in the
theme (`on_env`, then one page at a time). The plugin hands each spec page's HTML over as it is
converted, and collects the verdicts in `on_env`: on a machine with a free core, judging then runs
beside the build instead of adding to it. On one core, or for a small site, the same verdicts are
made in the build's own process, as each page comes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from ..engine.model import Template
from .verdict import Options, Verdict, verdict_for

# Below this many pages, starting a process costs more than judging takes in the build's own.
MIN_PAGES = 100
BATCH = 16  # pages per message: fewer, larger messages wake the build's threads less often


@dataclass
class Job:
    """A spec page to judge."""

    path: str  # docs-relative source path
    url: str
    template: str  # the template's id
    html: str


def _without_html(job: Job) -> Job:
    return replace(job, html="")


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Judges:
    """Turns jobs into verdicts, in this process or in one worker process.

    `start` once per build, `submit` each spec page, then `collect` every verdict in submission
    order. A worker lives across the rebuilds of `mkdocs serve` until `close`.
    """

    def __init__(self) -> None:
        self.worker: _Worker | None = None
        self.templates: dict[str, Template] = {}
        self.options: Options | None = None
        self.done: list[tuple[Job, Verdict | None]] = []  # judged here, or sent and answered
        self.batch: list[Job] = []
        self.sent: list[list[Job]] = []  # batches the worker has not answered yet
        self.build = 0  # answers to an earlier, interrupted build are dropped

    def start(
        self, templates: dict[str, Template], options: Options, pages: int, background: bool
    ) -> None:
        """Begin a build of `pages` pages with these templates and options."""
        self.templates, self.options = templates, options
        self.done, self.batch, self.sent = [], [], []
        self.build += 1
        if self.worker is not None and not (background and self.worker.alive()):
            self.close()
        if background and self.worker is None and pages >= MIN_PAGES and _can_fork_a_worker():
            self.worker = _Worker()
        if self.worker is not None:
            self.worker.send(("setup", self.build, templates, options))

    @property
    def in_background(self) -> bool:
        return self.worker is not None

    def submit(self, job: Job) -> None:
        if self.worker is None:
            self.done.append((_without_html(job), self._here(job)))
            return
        self.batch.append(job)
        if len(self.batch) >= BATCH:
            self._send()

    def collect(self, html_of: Callable[[str], str]) -> Iterator[tuple[Job, Verdict]]:
        """Every verdict of this build, in the order the pages were submitted. Jobs come back
        without their HTML (not kept twice: the build keeps every page's content); `html_of`
        gives it again, by path, for a page the worker could not judge."""
        if self.batch:
            self._send()
        while self.sent:
            self._receive()
        done, self.done = self.done, []
        for job, verdict in done:
            # A page the worker could not judge is judged here: any error then surfaces in the
            # build, with its traceback, as it would without a worker.
            if verdict is None:
                verdict = self._here(replace(job, html=html_of(job.path)))
            yield job, verdict

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _here(self, job: Job) -> Verdict:
        assert self.options is not None
        template = self.templates[job.template]
        return verdict_for(template, job.html, job.path, job.url, self.options)

    def _send(self) -> None:
        assert self.worker is not None
        self.worker.send(("judge", self.build, self.batch))
        self.sent.append([_without_html(job) for job in self.batch])
        self.batch = []

    def _receive(self) -> None:
        assert self.worker is not None
        answer = self.worker.receive()
        if answer is None:  # the worker is gone: judge what it still had here
            self.done.extend((job, None) for batch in self.sent for job in batch)
            self.sent = []
            self.close()
            return
        build, verdicts = answer
        if build != self.build:
            return
        self.done.extend(zip(self.sent.pop(0), verdicts))


def _can_fork_a_worker() -> bool:
    """Whether a worker is worth forking, and can be forked safely: there must be a core for it.
    Forked, not spawned: a spawned process runs the
    build's main script again (a script that builds the site without an `if __name__ ==
    "__main__"` guard would build it twice). Safe only while this process has no other thread
    (the first build of `mkdocs serve` comes before its server's threads), and only on Linux:
    macOS system libraries do not survive a fork, and Windows has none."""
    return usable_cores() > 1 and sys.platform.startswith("linux") and threading.active_count() == 1


class _Worker:
    """One forked process that judges batches of jobs.

    Pages go to it through a pipe, written by a thread so that the build never waits for the
    worker to read; verdicts come back through another, written by a thread of the worker so that
    it never waits for the build to read (which it does only in `on_env`). Each end belongs to one
    process only: when the worker dies, the build's writes fail and its reads end at once.
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        tasks, self.tasks = context.Pipe(duplex=False)
        self.answers, answers = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_work,
            args=(tasks, answers, (self.tasks, self.answers)),
            name="mkdocs-spec judge",
            daemon=True,
        )
        self.process.start()
        tasks.close()
        answers.close()
        self.outbox: queue.SimpleQueue[tuple | None] = queue.SimpleQueue()
        self.feeder = threading.Thread(
            target=_send_all, args=(self.outbox, self.tasks), name="mkdocs-spec feeder", daemon=True
        )
        self.feeder.start()

    def alive(self) -> bool:
        return self.process.is_alive()

    def send(self, message: tuple) -> None:
        self.outbox.put(message)

    def receive(self) -> tuple[int, list[Verdict | None]] | None:
        """The next answer; None once the worker has died without one."""
        try:
            return self.answers.recv()
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        self.outbox.put(None)
        self.answers.close()  # answers still unread are of no use now: the worker drops them
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.feeder.join()
        self.tasks.close()


def _send_all(outbox: queue.SimpleQueue, connection: Connection) -> None:
    """Write messages to a pipe until a None, or until the process at the other end is gone."""
    while True:
        message = outbox.get()
        try:
            connection.send(message)
        except OSError:
            return
        if message is None:
            return


def _work(tasks: Connection, answers: Connection, build_ends: tuple[Connection, ...]) -> None:
    """The worker's loop: set up for a build, then judge batches until told to stop, or until
    the build's process is gone."""
    for end in build_ends:  # forked with them open: closed, the build's exit ends the loop
        end.close()
    # Ctrl+C in `mkdocs serve` reaches every process of the terminal: the build stops the worker
    # itself (or its exit does), without a traceback from here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    outbox: queue.SimpleQueue[tuple | None] = queue.SimpleQueue()
    writer = threading.Thread(target=_send_all, args=(outbox, answers), daemon=True)
    writer.start()
    templates: dict[str, Template] = {}
    options: Options | None = None
    while True:
        try:
            message = tasks.recv()
        except (EOFError, OSError):  # the build is gone
            break
        if message is None:
            break
        kind, build, payload, *rest = message
        if kind == "setup":
            templates, options = payload, rest[0]
            continue
        verdicts: list[Verdict | None] = []
        for job in payload:
            try:
                verdicts.append(
                    verdict_for(templates[job.template], job.html, job.path, job.url, options)  # type: ignore[arg-type]  # set before any job
                )
            except Exception:  # judged again in the build's process, which reports it
                verdicts.append(None)
        outbox.put((build, verdicts))
    outbox.put(None)
    writer.join()
