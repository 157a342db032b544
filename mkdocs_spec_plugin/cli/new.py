"""`mkdocs-spec new`: start a page from a template, with the front matter set."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from .context import UsageError, add_command, fail, load_context
from .files import shown, write_atomic

EXAMPLES = """examples:
  mkdocs-spec new design-doc docs/design/cache.md
  mkdocs-spec new tech-spec docs/specs/search.md --title "Search Indexer\""""

_H1_RE = re.compile(r"^# .*$", re.MULTILINE)


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "write a new page from a template",
        "Write a new page from a template, with the front-matter key set and the "
        "title filled in. Refuses to overwrite an existing file; creates missing folders.",
        EXAMPLES,
    )
    parser.add_argument(
        "template", metavar="TEMPLATE", help="a template id, or id@version (see `templates`)"
    )
    parser.add_argument("path", metavar="PATH", help="the page to create")
    parser.add_argument("--title", help="the page title (default: from the file name)")


def title_from(path: Path) -> str:
    words = re.split(r"[-_\s]+", path.stem)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Untitled"


def run(args: argparse.Namespace) -> int:
    try:
        context = load_context(args)
    except UsageError as exc:
        return fail(str(exc))
    template = context.registry.get(args.template)
    if template is None:
        return fail(context.registry.unknown(args.template))
    path = Path(args.path)
    if path.exists():
        return fail(f"{shown(path)} already exists; not overwriting it")
    title = args.title or title_from(path)
    body = template.text
    pattern = template.title
    if pattern is not None:
        body = _H1_RE.sub(lambda _: "# " + _fill(pattern, title, template), body, count=1)
    # A versioned template's page is pinned to the version it was written from: a newer version
    # must not turn it red overnight (`fix --upgrade` moves it on). Fields the template writes in
    # its metadata list come with its body; the others go into the front matter, each with its
    # placeholder.
    meta = {context.site.options.key: template.ref}
    meta.update((f.name, f.placeholder) for f in template.fields if f.label is None)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1 << 16)
    text = f"---\n{front}---\n\n{body.lstrip()}"
    try:
        write_atomic(path, text.encode("utf-8"), replace=False)
    except FileExistsError:
        return fail(f"{shown(path)} already exists; not overwriting it")
    except OSError as exc:
        return fail(f"{shown(path)}: cannot write: {exc.strerror}")
    print(f"{shown(path)}: new {template.ref} page ({template.name})")
    return 0


def _fill(pattern: str, title: str, template) -> str:
    """The title pattern with its placeholder replaced by the title, or the title alone."""
    filled, count = template.placeholder_re.subn(lambda _: title, pattern, count=1)
    return filled if count else title
