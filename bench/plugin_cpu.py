"""The `spec` plugin's own CPU time inside one enabled build (run by run.py for every round).

    python bench/plugin_cpu.py --config SITE/mkdocs.yml

Builds the site in-process and adds up `time.thread_time()` over every call of the plugin's event
handlers (`on_*`), plus the CPU of this process's other threads: a build runs in one thread, so
any other is the plugin's (the worker pool's threads, which send pages and receive verdicts). All
figures come from the same build, so a busy machine moves them together: `build_cpu / (build_cpu -
plugin_cpu)` is what the plugin costs the build's process, without a second build to compare with,
and `worker_cpu` what its worker process spent beside it. Prints one JSON object on stdout: wall,
build_cpu, plugin_cpu and worker_cpu in seconds, and
worker_rss_mb, the worker's peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterator

from inprocess import build_around, quiet


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    quiet()

    plugin_cpu = 0.0
    depth = 0  # a handler calling another would otherwise be counted twice

    @contextlib.contextmanager
    def timed() -> Iterator[None]:
        nonlocal plugin_cpu, depth
        depth += 1
        start = time.thread_time()
        try:
            yield
        finally:
            depth -= 1
            if depth == 0:
                plugin_cpu += time.thread_time() - start

    times = build_around(args.config, timed)
    other_threads = times.process_cpu - times.thread_cpu
    figures = {
        "wall": times.wall,
        "build_cpu": times.process_cpu,
        "plugin_cpu": plugin_cpu + other_threads,
        "worker_cpu": times.children_cpu,
        "worker_rss_mb": times.children_rss_mb,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
