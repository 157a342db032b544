"""Profile only the `spec` plugin's own time during one build (run by run.py --profile).

    python bench/profile_plugin.py --config SITE/mkdocs.yml --out FILE.prof [--serial]

Builds the site in-process with a cProfile profiler that is enabled only while one of the plugin's
event handlers (`on_*`) runs, so every entry of the profile, the standard library's HTML parser
and difflib included, is time the plugin spent in the build's process. With a worker process
(the default on a large site) that is what the build waits for; `--serial` judges every page in
the build's process, so the profile holds all of the plugin's work. Prints the wall time of the
build on stdout.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import logging
import os
import shutil
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--serial", action="store_true", help="judge in the build's process (`parallel: false`)"
    )
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    profiler = cProfile.Profile()
    site_dir = tempfile.mkdtemp(prefix="mkdocs-spec-bench-profile-")
    try:
        config = load_config(config_file=args.config, site_dir=site_dir)
        plugin = next(p for name, p in config.plugins.items() if name.endswith("spec"))
        if args.serial:
            plugin.config.parallel = False
        for name in dir(type(plugin)):
            if name.startswith("on_") and callable(getattr(plugin, name)):
                method = getattr(plugin, name)

                @functools.wraps(method)
                def profiled(*a, _method=method, **kw):
                    profiler.enable()
                    try:
                        return _method(*a, **kw)
                    finally:
                        profiler.disable()

                setattr(plugin, name, profiled)
        # The collection dispatches through the bound methods it registered when the config was
        # loaded: register every plugin again, in the same order, to pick up the wrappers.
        config.plugins.events = {k: [] for k in config.plugins.events}
        for key, p in list(config.plugins.items()):
            config.plugins[key] = p
        start = time.perf_counter()
        build(config)
        wall = time.perf_counter() - start
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    profiler.dump_stats(args.out)
    print(f"{wall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
