"""What `mkdocs-spec mcp` offers coding agents, without the protocol: check, templates, new and
fix on one site, every path confined to the site's folder. The CLI's own code does the work, so
an agent gets what a person running the command would."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import os
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..engine.model import Template, TemplateSection
from ..engine.page import decode
from . import check, fix, formats, list_templates, new
from .context import Context, UsageError, load_context, no_template, page_paths
from .files import Changed, ReadOnly, pages, read_bytes, shown, write_atomic


class AgentError(Exception):
    """A request refused or impossible; the message names the file and what to do."""


class SiteTools:
    """The tools of one site: the folder the server started in, or the config file's."""

    def __init__(self, root: Path, config_file: Path | None) -> None:
        self.root = root.resolve()
        self.config_file = config_file.resolve() if config_file is not None else None
        # Tool calls arrive on worker threads; the CLI code they run keeps module state (check's
        # context for its worker processes) and prints, captured by swapping sys.stdout.
        self._lock = threading.Lock()

    # -- the site ---------------------------------------------------------------------------

    def context(self) -> Context:
        """The site's settings and templates, read afresh: an agent may have just edited them."""
        config = str(self.config_file) if self.config_file else None
        try:
            return load_context(argparse.Namespace(config_file=config))
        except UsageError as exc:
            raise AgentError(f"{exc}; fix the site's configuration, then call again") from exc

    def inside(self, given: str) -> Path:
        """`given` (relative to the site's folder, or absolute) as a path in the site; refused
        when it, or a symlink on the way, leads outside the folder."""
        if "\0" in given:
            raise AgentError(f"{given!r}: a path holds no NUL character; name a page or folder")
        path = Path(given)
        if not path.is_absolute():
            path = self.root / path
        if not self._is_inside(path):
            raise AgentError(
                f"{given}: outside the site's folder {self.root}; name a path inside it "
                "(relative to that folder)"
            )
        return path

    def _is_inside(self, path: Path) -> bool:
        return Path(os.path.realpath(path)).is_relative_to(self.root)

    def _named(self, path: str | None, context: Context) -> Path:
        """The page or folder to work on (by default the site's docs_dir), every page it holds
        inside the site: a symlinked page leading out is refused, never read."""
        named = self.inside(path) if path else None
        args = argparse.Namespace(paths=[str(named)] if named else [])
        try:
            (found,) = page_paths(args, context.site)
        except UsageError as exc:
            raise AgentError(f"{exc}; name a page or folder of the site") from exc
        if named is None:
            found = self.inside(str(found))
        outside = [shown(p) for p in pages([found]) if not self._is_inside(p)]
        if outside:
            raise AgentError(
                f"{', '.join(outside)}: a symlink leading outside the site's folder; remove it, "
                "or name the other pages one by one"
            )
        return found

    @contextlib.contextmanager
    def _serial(self) -> Iterator[tuple[io.StringIO, io.StringIO]]:
        """One call at a time, with what the CLI code prints caught; what it says on stderr
        (a config warning, say) then goes on to the server's log."""
        with self._lock:
            out, err = io.StringIO(), io.StringIO()
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    yield out, err
            finally:
                sys.stderr.write(err.getvalue())

    # -- the tools --------------------------------------------------------------------------

    def check(self, path: str | None = None, fail_under: int = 100) -> dict[str, Any]:
        """Judge a page, or every page of a folder (default: the site's docs_dir), against its
        template. `path` is relative to the site's folder. Returns what `mkdocs-spec check
        --format json` prints: per page the template, the score and each section's state
        (complete, unfinished with a reason, missing) with its line, and each metadata field's
        (`fields`: also invalid, with a did-you-mean); pages not judged are under warnings and
        skipped. `fail_under` (0-100) only sets the report's threshold."""
        if not 0 <= fail_under <= 100:
            raise AgentError(f"fail_under {fail_under} is not between 0 and 100")
        with self._serial() as (out, _):
            context = self.context()
            results = check.check_pages(context, [self._named(path, context)])
            # The CLI's own writer, so that the document is the command's to the byte.
            formats.WRITERS["json"](results, fail_under)
        document: dict[str, Any] = json.loads(out.getvalue())
        return document

    def templates(self) -> dict[str, Any]:
        """List the site's templates (built-in and the team's): id, name, description, and the
        section tree, each section with its guidance (the template's text under its heading:
        what belongs there) and whether it is optional. Pages name a template by id in their
        front matter; a versioned one is listed once per version (`ref` such as `kep@2024`, which
        pins it; `newest` marks what the bare id names)."""
        with self._serial():
            context = self.context()
        listed = []
        registry = context.registry
        for template in list_templates.every_template(registry):
            data = list_templates._template(template, registry.newest(template) is template)
            for slot, section in zip(template.sections, data["sections"]):
                _add_guidance(slot, section)
            listed.append(data)
        return {"templates": listed}

    def template_text(self, template_id: str) -> str:
        """A template's Markdown, as `new` starts a page from it."""
        with self._serial():
            template = self._template(self.context(), template_id)
        return template.text

    def new(self, template: str, path: str, title: str | None = None) -> dict[str, Any]:
        """Write a new page at `path` (relative to the site's folder, ending in .md) from a
        template, with the front matter naming it and the title filled in (from `title`, or the
        file name). Refuses to overwrite an existing file. Returns the page's text, to edit."""
        target = self.inside(path)
        if target.suffix != ".md":
            raise AgentError(f"{path}: a page's name ends in .md; name it so")
        with self._serial() as (out, err):
            self._template(self.context(), template)  # an unknown id, said the agent's way
            args = argparse.Namespace(
                config_file=str(self.config_file) if self.config_file else None,
                template=template,
                path=shown(target),
                title=title,
            )
            code = new.run(args)
        if code != 0:
            said = err.getvalue().strip().splitlines()
            error = next((line for line in said if ": error: " in line), said[-1] if said else "")
            raise AgentError(error.split(": error: ", 1)[-1] + _hint_for_new(target))
        return {
            "path": shown(target),
            "message": out.getvalue().strip(),
            "text": target.read_text(encoding="utf-8"),
        }

    def fix(
        self,
        path: str | None = None,
        dry_run: bool = False,
        rename: bool = False,
        upgrade: bool = False,
    ) -> dict[str, Any]:
        """Insert the missing required sections of a page (or of every page of a folder;
        default: the site's docs_dir), each heading with the template's guidance, where the
        template puts it, and the missing required metadata fields with their placeholders;
        existing lines are kept byte for byte. With `dry_run`, return the
        unified diff and write nothing. With `rename`, rename a heading that nearly names a
        missing section to the template's name instead. With `upgrade`, first move a page pinned
        to an older template version (`spec: kep@2024`) to the newest, then insert what that
        version adds. Inserted sections stay unfinished until their guidance is replaced by the
        page's own text."""
        with self._serial():
            context = self.context()
            found = self._named(path, context)
            done = [
                self._fix_one(context, page, dry_run, rename, upgrade) for page in pages([found])
            ]
        # As the command says it: a folder's pages without a template are not news, a page named
        # alone is.
        reported = [d for d in done if not d.pop("quiet") or not found.is_dir()]
        return {"dry_run": dry_run, "pages": reported}

    def _fix_one(
        self, context: Context, page: Path, dry_run: bool, rename: bool, upgrade: bool
    ) -> dict[str, Any]:
        name = shown(page)
        result: dict[str, Any] = {"path": name, "changed": False, "messages": [], "quiet": False}
        data, problem = read_bytes(page, context.site.options.max_page_mb << 20)
        text = decode(data) if data is not None else None
        if data is not None and text is None:
            problem = "not UTF-8 text; skipped"
        outcome = context.judge(text, page) if text is not None else None
        if data is None or text is None or outcome is None or outcome.report is None:
            warning = problem or (outcome.warning if outcome else None)
            result["quiet"] = not warning
            skipped = outcome.skipped if outcome else None
            result["messages"].append(warning or skipped or no_template(context))
            return result
        start, report = text, outcome.report
        if upgrade:
            moved, report = fix.upgraded(context, page, text, report)
            result["messages"].append(moved.said)
            if moved.failed:
                return result
            start = moved.text
        judge = partial(fix._judge, context, page)
        fixed, said = fix._fixed(start, report, rename, judge)
        result["messages"] += said or ([] if fixed != text else ["nothing missing"])
        if fixed == text:
            return result
        result["changed"] = True
        if dry_run:
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
            result["diff"] = "".join(diff)
            return result
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # kept as read
        try:
            # Only over the bytes read: a page someone wrote meanwhile is left alone.
            write_atomic(page, bom + fixed.encode("utf-8"), replace=True, expected=data)
        except Changed as exc:
            raise AgentError(
                f"{name}: changed while fix was working; left as it is; call fix again"
            ) from exc
        except ReadOnly as exc:
            raise AgentError(
                f"{name}: {exc}; not changed (make it writable, or run "
                "`mkdocs-spec fix --force` yourself)"
            ) from exc
        except OSError as exc:
            raise AgentError(f"{name}: cannot write: {exc.strerror}") from exc
        return result

    def _template(self, context: Context, template_id: str) -> Template:
        template = context.registry.get(template_id)
        if template is None:
            raise AgentError(f"{context.registry.unknown(template_id)}; see the templates tool")
        return template


def _add_guidance(slot: TemplateSection, section: dict[str, Any]) -> None:
    """The template's text under each heading: what belongs in the section."""
    section["guidance"] = "\n".join(slot.guidance).strip()
    for child, data in zip(slot.children, section["children"]):
        _add_guidance(child, data)


def _hint_for_new(target: Path) -> str:
    if target.exists():
        return "; pick another path, or edit that page (fix inserts its missing sections)"
    return ""
