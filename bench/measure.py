"""Running one process and measuring it: wall time, CPU time and peak RSS of that one child."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2
RSS_UNIT = 1024 if sys.platform != "darwin" else 1  # ru_maxrss: KiB on Linux, bytes on macOS


def log(message: str) -> None:
    print(message, flush=True)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process
    rss: int  # peak resident set size, bytes
    status: int


def measure(
    cmd: Sequence[str],
    cwd: Path,
    stdout: IO[bytes] | int | None = None,
    stderr: IO[bytes] | int | None = None,
    timeout: float | None = None,
) -> Run | None:
    """Run `cmd`; wall time, CPU time and peak RSS of that one child (os.wait4 gives its rusage).

    Returns None when the process was killed after `timeout` seconds.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=stdout, stderr=stderr)
    killer = threading.Timer(timeout, proc.kill) if timeout else None
    if killer:
        killer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if killer:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if timeout and wall >= timeout:
        return None
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * RSS_UNIT, proc.returncode)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def mb(value: float) -> float:
    return value / 1024 / 1024
