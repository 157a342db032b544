"""Read the parts of a site's `mkdocs.yml` that judging needs, without building the site.

Loading the full MkDocs config would import the theme and every plugin; the check reads the YAML
itself (tolerating MkDocs' custom tags) and validates the `spec` block with the plugin's own
`SpecConfig`, so both see the same settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config import SpecConfig
from ..engine.front_matter import SafeLoader
from ..engine.profile import MarkdownProfile

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


class SiteConfigError(Exception):
    """A config file that cannot be used; the message names the file and the problem."""


class _Loader(SafeLoader):
    """A safe loader that reads `!ENV` and ignores other custom tags (`!!python/name:` ...). The
    C loader when PyYAML has it: a nav of thousands of pages took 0.2 s to read in pure Python."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]  # type: ignore[arg-type]  # a scalar node here
    )
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _other(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]  # neither: a scalar node


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other)


@dataclass
class Site:
    """What the check needs from a site: where pages live, the plugin's options, the profile."""

    config_file: Path | None
    docs_dir: Path | None
    options: SpecConfig
    profile: MarkdownProfile = field(default_factory=MarkdownProfile)
    warnings: list[str] = field(default_factory=list)  # option names it does not know, and such
    use_directory_urls: bool = True  # how MkDocs names pages' URLs: `a/b/` or `a/b.html`
    site_name: str | None = None
    site_url: str | None = None  # where the site is published, if the config says


def find_config(start: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = start / name
        if candidate.is_file():
            return candidate
    return None


def _read_yaml(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = yaml.load(handle, _Loader) or {}
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: expected a mapping of settings at the top level")
    parent = data.pop("INHERIT", None)
    if parent:
        parent_path = (path.parent / str(parent)).resolve()
        if parent_path in seen:
            raise SiteConfigError(f"{path}: INHERIT makes a cycle through {parent_path}")
        data = _merge(_read_yaml(parent_path, (*seen, path.resolve())), data)
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _names(entries: Any) -> list[str]:
    """Names of the entries of `plugins` or `markdown_extensions` (list or mapping form)."""
    if isinstance(entries, dict):
        return [str(k) for k in entries]
    names: list[str] = []
    for entry in entries or []:
        if isinstance(entry, dict):
            names.extend(str(k) for k in entry)
        else:
            names.append(str(entry))
    return names


def _spec_options(plugins: Any) -> dict[str, Any] | None:
    """The `spec` plugin's options, or None when the site does not use the plugin."""
    items: list[tuple[Any, Any]] = []
    if isinstance(plugins, dict):
        items = list(plugins.items())
    else:
        for entry in plugins or []:
            items.extend(entry.items() if isinstance(entry, dict) else [(entry, None)])
    for name, options in items:
        if str(name) == "spec":
            return options or {}
    return None


def load_site(config_file: Path | None) -> Site:
    """Settings from `config_file`, or the defaults when there is none."""
    if config_file is None:
        options = SpecConfig()
        options.load_dict({})
        options.validate()
        return Site(None, None, options, MarkdownProfile.from_extensions(MKDOCS_EXTENSIONS))
    data = _read_yaml(config_file)
    raw = _spec_options(data.get("plugins")) or {}
    if not isinstance(raw, dict):
        raise SiteConfigError(f"{config_file}: the 'spec' plugin's options must be a mapping")
    options = SpecConfig(config_file_path=str(config_file))
    options.load_dict(raw)
    errors, warnings = options.validate()
    if errors:
        text = "; ".join(f"'{name}': {error}" for name, error in errors)
        raise SiteConfigError(f"{config_file}: plugin 'spec' options: {text}")
    said = [f"{config_file}: plugin 'spec' option '{name}': {text}" for name, text in warnings]
    docs_dir = config_file.parent / str(data.get("docs_dir") or "docs")
    # MkDocs adds its own extensions to every site, listed or not.
    extensions = [*MKDOCS_EXTENSIONS, *_names(data.get("markdown_extensions"))]
    profile = MarkdownProfile.from_extensions(extensions)
    urls = data.get("use_directory_urls", True) is not False
    name, url = data.get("site_name"), data.get("site_url")
    return Site(
        config_file,
        docs_dir,
        options,
        profile,
        said,
        urls,
        str(name) if name else None,
        str(url) if url else None,
    )
