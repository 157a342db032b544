"""Profile `mkdocs-spec check` in one process (run by run.py --profile).

    python bench/profile_check.py OUT.prof check -f mkdocs.yml --format json docs

`mkdocs-spec check` may spread pages over worker processes, which a profiler of the main process
does not see. Here `os.cpu_count()` answers 1, so the check judges every page in this process and
the profile holds all of its work. Output goes to stdout as usual.
"""

from __future__ import annotations

import cProfile
import os
import sys


def main() -> int:
    out, argv = sys.argv[1], sys.argv[2:]
    os.cpu_count = lambda: 1  # no worker processes: the whole check in the profiled process
    from mkdocs_spec_plugin.cli import main as cli_main

    profiler = cProfile.Profile()
    code = 0
    try:
        profiler.enable()
        try:
            code = cli_main(argv)
        finally:
            profiler.disable()
    except SystemExit as exc:  # argparse or the CLI may exit
        code = exc.code if isinstance(exc.code, int) else 1
    profiler.dump_stats(out)
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
