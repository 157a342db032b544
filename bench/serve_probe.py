"""Measure what `mkdocs serve` does on a rebuild: time, and how many pages the plugin judges.

Run by run.py as a subprocess (one per configuration, so plugin instances never leak between
measurements):

    python bench/serve_probe.py --config SITE/mkdocs.yml --page SITE/docs/PAGE.md [--dirty]

It does in-process what `mkdocs.commands.serve.serve` does: load the config, call
`on_startup(command="serve")` once, build, then on a change load the config again (MkDocs keeps
the same instance of every plugin that defines `on_startup`, as `serve` relies on) and build again.
`--dirty` is `mkdocs serve --dirty` (only changed pages are rebuilt). Three builds in a row:

- `first`: the initial build of `mkdocs serve`;
- `touch`: after the page is touched (modification time set to now, content unchanged);
- `edit`: after a sentence is appended to the page (the file is restored afterwards).

Judged pages are the plugin's own count (`build.judged`: pages judged in that build rather than
given the verdict kept from the last one). Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

from inprocess import quiet, spec_plugin

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--page", required=True, help="the page to touch, then edit")
    parser.add_argument("--dirty", action="store_true", help="as `mkdocs serve --dirty`")
    args = parser.parse_args()

    quiet()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs-spec-bench-serve-")

    def get_config():
        config = load_config(config_file=args.config, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    def timed_build(config) -> dict:
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=args.dirty)
        seconds = time.perf_counter() - start
        plugin = spec_plugin(config)
        return {"seconds": seconds, "judged": plugin.build.judged if plugin is not None else 0}

    with open(args.page, "rb") as handle:
        original = handle.read()
    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=args.dirty)
        plugins = [spec_plugin(config)]
        first = timed_build(config)
        time.sleep(0.05)  # a later modification time than the pages the first build wrote
        os.utime(args.page)  # touch: new modification time, same content
        config = get_config()  # what serve's builder does on every change
        plugins.append(spec_plugin(config))
        touch = timed_build(config)
        with open(args.page, "ab") as handle:
            handle.write(b"\nOne more sentence, written while `mkdocs serve` was running.\n")
        config = get_config()
        plugins.append(spec_plugin(config))
        edit = timed_build(config)
        config.plugins.on_shutdown()
    finally:
        with open(args.page, "wb") as handle:
            handle.write(original)
        shutil.rmtree(site_dir, ignore_errors=True)
    first_plugin = plugins[0]
    result = {
        "dirty": args.dirty,
        "first": first,
        "touch": touch,
        "edit": edit,
        "same_plugin_instance": first_plugin is not None
        and all(p is first_plugin for p in plugins),
        "plugin_enabled": bool(first_plugin is not None and first_plugin.config.get("enabled")),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
