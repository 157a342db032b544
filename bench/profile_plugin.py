"""Profile only the `spec` plugin's own time during one build (run by run.py --profile).

    python bench/profile_plugin.py --config SITE/mkdocs.yml --out FILE.prof

Builds the site in-process with a cProfile profiler that is enabled only while one of the plugin's
event handlers (`on_*`) runs, so every entry of the profile, the HTML reader and the judge
included, is time the plugin spent in the build. Prints the wall time of the build on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import sys
from collections.abc import Iterator

from inprocess import build_around, quiet


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    quiet()

    profiler = cProfile.Profile()

    @contextlib.contextmanager
    def profiled() -> Iterator[None]:
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()

    wall, _ = build_around(args.config, profiled)
    profiler.dump_stats(args.out)
    print(f"{wall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
