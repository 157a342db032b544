"""What the scripts that build a site in their own process share: a quiet MkDocs, the `spec`
plugin of a loaded config, and a way to run code around each of the plugin's event handlers."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
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
