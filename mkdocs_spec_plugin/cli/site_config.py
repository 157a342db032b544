"""Read the parts of a site's config that judging needs, without building the site.

Three kinds of file: MkDocs' `mkdocs.yml`, ProperDocs' `properdocs.yml` (the same YAML) and
Zensical's `zensical.toml`. Loading the full MkDocs config would import the theme and every plugin;
the check reads the file itself (tolerating MkDocs' custom tags) and validates the `spec` options
with the plugin's own `SpecConfig`, so both see the same settings.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config import SpecConfig
from ..engine.front_matter import SafeLoader
from ..engine.profile import MarkdownProfile

# The order a folder is searched in. ProperDocs and Zensical each read their own file before
# `mkdocs.yml`, so both come first; ProperDocs before Zensical because the plugin runs there, and
# the check should see the settings its badges come from. A folder with several says which is read.
CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "zensical.toml", "mkdocs.yml", "mkdocs.yaml")
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
# Zensical adds these two to every site (not fenced_code), and enables the rest when a site lists
# no markdown_extensions at all.
ZENSICAL_EXTENSIONS = ("toc", "tables")
ZENSICAL_DEFAULT_EXTENSIONS = (
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html"),
    *("pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details"),
    *("pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys"),
    *("pymdownx.magiclink", "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences"),
    *("pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde"),
)
# Options that gate a build: a generator that runs no plugins ignores them without a word.
BUILD_GATES = ("fail_under", "fail_under_page", "warn_under")


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
    language: str | None = None  # the theme's (Material's `language`, else `locale`)
    sources: tuple[Path, ...] = ()  # every file read, resolved: the config and what it INHERITs
    runs_plugins: bool = True  # False: the generator of this file runs no MkDocs plugin (Zensical)
    plugin_listed: bool = False  # the file lists the `spec` plugin


def find_configs(start: Path) -> list[Path]:
    """Every config file in `start`, the one to read first."""
    return [start / name for name in CONFIG_NAMES if (start / name).is_file()]


def find_config(start: Path) -> Path | None:
    found = find_configs(start)
    return found[0] if found else None


def is_toml(path: Path) -> bool:
    """A Zensical config, by its extension (as Zensical decides); any other file is YAML."""
    return path.suffix.lower() == ".toml"


def _read_yaml(
    path: Path, seen: tuple[Path, ...] = (), read: list[Path] | None = None
) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = yaml.load(handle, _Loader) or {}
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: expected a mapping of settings at the top level")
    if read is not None:
        read.append(path.resolve())
    parent = data.pop("INHERIT", None)
    if parent:
        parent_path = (path.parent / str(parent)).resolve()
        if parent_path in seen:
            raise SiteConfigError(f"{path}: INHERIT makes a cycle through {parent_path}")
        data = _merge(_read_yaml(parent_path, (*seen, path.resolve()), read), data)
    return data


# A TOML table header (`[a.b]`, `[[a.b]]`) or the start of a `key = value` line, and one part of a
# dotted name: bare, "basic" or 'literal'.
_TOML_HEADER_RE = re.compile(r"\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TOML_KEY_RE = re.compile(rf"(?P<name>{_TOML_PART}(?:\s*\.\s*{_TOML_PART})*)\s*=")
_TOML_PARTS_RE = re.compile(r"""([A-Za-z0-9_-]+)|"([^"]*)"|'([^']*)'""")
_TOML_AT_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_name(text: str) -> tuple[str, ...]:
    return tuple("".join(groups) for groups in _TOML_PARTS_RE.findall(text))


def _toml_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line where each table and key is first written, for error messages only: a
    multi-line string that looks like `key = ...` can mislead it, never the settings read."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if header := _TOML_HEADER_RE.match(line):
            table = _toml_name(header["name"])
            lines.setdefault(table, number)
        elif key := _TOML_KEY_RE.match(line):
            lines.setdefault((*table, *_toml_name(key["name"])), number)
    return lines


def _toml_module(path: Path) -> Any:
    """The standard library's TOML reader (Python 3.11 and later), or tomli, which it was made
    from, on older Pythons: the plugin still supports 3.9, where a top-level import would break
    every command."""
    for name in ("tomllib", "tomli"):
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            pass
    raise SiteConfigError(
        f"{path}: reading TOML needs Python 3.11 or later, or `pip install tomli`"
    )


def _read_toml(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SiteConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    toml = _toml_module(path)
    try:
        data: dict[str, Any] = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        # Python 3.11 gives the place only in the message: "... (at line 3, column 7)".
        message = str(exc)
        at = _TOML_AT_RE.search(message)
        if at is None:
            raise SiteConfigError(f"{path}: invalid TOML: {message}") from None
        where = f"{path}:{at[1]}:{at[2]}"
        raise SiteConfigError(f"{where}: invalid TOML: {message[: at.start()]}") from None
    return data, _toml_lines(text)


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


def _zensical_extensions(value: Any) -> list[str]:
    """Names of a zensical.toml's `markdown_extensions`. TOML splits a bare dotted name into
    tables (`[project.markdown_extensions.pymdownx.superfences]`), so Zensical joins the parts
    under `pymdownx` and `zensical` again (and one level deeper for `pymdownx.blocks` and
    `zensical.extensions`); the same is done here."""
    if not isinstance(value, dict):
        return _names(value)
    names: list[str] = []
    for name, options in value.items():
        if name not in ("pymdownx", "zensical") or not isinstance(options, dict):
            names.append(str(name))
            continue
        for part, more in options.items():
            deeper = (name, part) in (("pymdownx", "blocks"), ("zensical", "extensions"))
            if deeper and isinstance(more, dict):
                names.extend(f"{name}.{part}.{leaf}" for leaf in more)
            else:
                names.append(f"{name}.{part}")
    return names


@dataclass
class _Settings:
    """What `load_site` needs from one kind of file."""

    data: dict[str, Any]  # the site's settings (a zensical.toml's `project` table)
    extensions: list[str]  # every Markdown extension the generator renders pages with
    sources: tuple[Path, ...]
    runs_plugins: bool
    # where(*keys): "file:line" of those keys (or of their table) where known, else "file"
    where: Callable[..., str]


def _mkdocs_settings(path: Path) -> _Settings:
    """mkdocs.yml or properdocs.yml: ProperDocs reads the same YAML as MkDocs 1.x."""
    read: list[Path] = []
    data = _read_yaml(path, read=read)
    # MkDocs adds its own extensions to every site, listed or not.
    extensions = [*MKDOCS_EXTENSIONS, *_names(data.get("markdown_extensions"))]
    return _Settings(data, extensions, tuple(read), True, lambda *keys: str(path))


def _zensical_settings(path: Path) -> _Settings:
    """zensical.toml: settings in the `project` table (or at the top, as Zensical allows),
    the spec plugin's options in `[project.plugins.spec]`."""
    document, lines = _read_toml(path)
    scope: tuple[str, ...] = ("project",) if "project" in document else ()
    data = document["project"] if scope else document
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: 'project' must be a table")
    if "markdown_extensions" in data:
        extensions = [*ZENSICAL_EXTENSIONS, *_zensical_extensions(data["markdown_extensions"])]
    else:
        extensions = [*ZENSICAL_EXTENSIONS, *ZENSICAL_DEFAULT_EXTENSIONS]

    def where(*keys: str) -> str:
        wanted = (*scope, *keys)
        for end in range(len(wanted), 0, -1):  # the key's own line, or its table's
            if wanted[:end] in lines:
                return f"{path}:{lines[wanted[:end]]}"
        return str(path)

    return _Settings(data, extensions, (path.resolve(),), False, where)


def load_site(config_file: Path | None) -> Site:
    """Settings from `config_file` (YAML, or TOML by its extension), or the defaults when there
    is none."""
    if config_file is None:
        options = SpecConfig()
        options.load_dict({})
        options.validate()
        return Site(None, None, options, MarkdownProfile.from_extensions(MKDOCS_EXTENSIONS))
    settings = (
        _zensical_settings(config_file) if is_toml(config_file) else _mkdocs_settings(config_file)
    )
    data, where = settings.data, settings.where
    listed = _spec_options(data.get("plugins"))
    raw = listed or {}
    if not isinstance(raw, dict):
        raise SiteConfigError(
            f"{where('plugins', 'spec')}: the 'spec' plugin's options must be a mapping"
        )
    options = SpecConfig(config_file_path=str(config_file))
    options.load_dict(raw)
    errors, warnings = options.validate()
    if errors:
        first = errors[0][0]
        text = "; ".join(f"'{name}': {error}" for name, error in errors)
        raise SiteConfigError(f"{where('plugins', 'spec', first)}: plugin 'spec' options: {text}")
    said = [
        f"{where('plugins', 'spec', name)}: plugin 'spec' option '{name}': {text}"
        for name, text in warnings
    ]
    if not settings.runs_plugins:
        said.extend(
            f"{where('plugins', 'spec', name)}: plugin 'spec' option '{name}' has no effect: "
            "Zensical runs no MkDocs plugins; gate CI with `mkdocs-spec check --fail-under N`"
            for name in BUILD_GATES
            if name in raw
        )
    docs_dir = config_file.parent / str(data.get("docs_dir") or "docs")
    profile = MarkdownProfile.from_extensions(settings.extensions)
    name, url = data.get("site_name"), data.get("site_url")
    return Site(
        config_file,
        docs_dir,
        options,
        profile,
        said,
        sources=settings.sources,
        runs_plugins=settings.runs_plugins,
        plugin_listed=listed is not None,
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        site_name=str(name) if name else None,
        site_url=str(url) if url else None,
        language=_theme_language(data.get("theme")),
    )


def _theme_language(theme: Any) -> str | None:
    if not isinstance(theme, dict):
        return None
    language = theme.get("language") or theme.get("locale")
    return str(language) if language else None
