"""The `spec` plugin's own CPU time inside one enabled build (run by run.py for every round).

    python bench/plugin_cpu.py --config SITE/mkdocs.yml

Builds the site in-process and adds up `time.thread_time()` over every call of the plugin's event
handlers (`on_*`). Both figures come from the same build, so a busy machine moves them together:
`build_cpu / (build_cpu - plugin_cpu)` is what the plugin costs that build, without a second build
to compare with. Prints one JSON object on stdout: wall, build_cpu and plugin_cpu in seconds.
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

    wall, build_cpu = build_around(args.config, timed)
    print(json.dumps({"wall": wall, "build_cpu": build_cpu, "plugin_cpu": plugin_cpu}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
