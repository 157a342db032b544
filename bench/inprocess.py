"""What the scripts that build a site in their own process share: a quiet MkDocs, the `spec`
plugin of a loaded config, and a build with code run around each of the plugin's event handlers."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin


def quiet() -> None:
    """Errors only: a benchmark prints its figures, not MkDocs' INFO lines."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)


def spec_plugin(config: MkDocsConfig) -> BasePlugin | None:
    for name, plugin in config.plugins.items():
        if name == "spec" or name.endswith("/spec"):
            return plugin
    return None


def wrap_hooks(
    config: MkDocsConfig,
    plugin: BasePlugin,
    around: Callable[[], contextlib.AbstractContextManager[Any]],
) -> None:
    """Run every call of the plugin's `on_*` methods inside `around()`."""
    for name in dir(type(plugin)):
        if name.startswith("on_") and callable(getattr(plugin, name)):
            method = getattr(plugin, name)

            @functools.wraps(method)
            def wrapped(*args: Any, _method: Callable[..., Any] = method, **kwargs: Any) -> Any:
                with around():
                    return _method(*args, **kwargs)

            setattr(plugin, name, wrapped)
    # The collection dispatches through the bound methods it registered when the config was
    # loaded: register every plugin again, in the same order, to pick up the wrappers.
    config.plugins.events = {k: [] for k in config.plugins.events}
    for key, p in list(config.plugins.items()):
        config.plugins[key] = p


def build_around(
    config_file: str, around: Callable[[], contextlib.AbstractContextManager[Any]]
) -> tuple[float, float]:
    """Build the site once, into a scratch folder, with every call of the plugin's handlers
    inside `around()`; the build's wall time and this thread's CPU time, in seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs-spec-bench-")
    try:
        config = load_config(config_file=config_file, site_dir=site_dir)
        plugin = spec_plugin(config)
        if plugin is None:
            raise SystemExit(f"{config_file}: no spec plugin")
        wrap_hooks(config, plugin, around)
        start, start_cpu = time.perf_counter(), time.thread_time()
        build(config)
        return time.perf_counter() - start, time.thread_time() - start_cpu
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
