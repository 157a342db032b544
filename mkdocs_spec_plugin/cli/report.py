"""`mkdocs-spec report`: the site report without a build, as one HTML file and `spec-report.json`.

For CI artefacts, and for sites built by generators that run no MkDocs plugin. Pages are judged as
`check` judges them; the JSON is the build's `spec-report.json`, page for page (docs-relative
paths, the URLs MkDocs gives the pages, no source lines).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from pathlib import Path

from .. import assets
from ..dashboard import page as dashboard
from ..dashboard.bands import band_color
from ..engine.report import PageVerdict
from ..engine.site import report_json
from ..locales import choose
from . import check
from .context import Context, UsageError, add_command, add_paths_argument, fail, load_pages
from .files import ReadOnly, shown, write_atomic

HTML_NAME = "spec-report.html"
JSON_NAME = "spec-report.json"
_H1 = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)

EXAMPLES = """examples:
  mkdocs-spec report                     the site in ./mkdocs.yml, into this folder
  mkdocs-spec report -o build/spec       for a CI job's artefacts
  mkdocs-spec report docs/design -f mkdocs.yml"""


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "write the site report (HTML and JSON) without a build",
        f"Judge pages as `check` does and write {HTML_NAME} (one file, its style inline) and "
        f"{JSON_NAME} (what a build with the plugin writes) into a folder.",
        EXAMPLES,
    )
    add_paths_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=".",
        help="the folder to write into, created if needed (default: this folder)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        context, paths = load_pages(args)
    except UsageError as exc:
        return fail(str(exc))
    results = check.check_pages(context, paths)
    for result in results:
        if result.warning:
            print(f"{result.path}: warning: {result.warning}", file=sys.stderr)
    verdicts = [_as_built(context, r.verdict) for r in results if r.verdict is not None]
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in (
            (JSON_NAME, report_json(verdicts) + "\n"),
            (HTML_NAME, _html(context, verdicts, folder)),
        ):
            write_atomic(folder / name, text.encode("utf-8"), replace=True)
    except ReadOnly as exc:
        return fail(f"{shown(folder)}: cannot write the report over a {exc} file")
    except OSError as exc:
        return fail(f"{shown(folder)}: cannot write the report: {exc.strerror or exc}")
    print(f"{len(verdicts)} pages judged; wrote {shown(folder / HTML_NAME)} and {JSON_NAME}")
    return 0


def _as_built(context: Context, verdict: PageVerdict) -> PageVerdict:
    """The verdict as the build's report holds it: by docs-relative path, with the page's URL and
    title, and no source lines (a built page has none)."""
    page = Path(verdict.path)
    source = context.docs_path(page)
    return dataclasses.replace(
        verdict,
        path=source,
        sections=tuple(s._replace(line=None) for s in verdict.sections),
        fields=tuple(f._replace(line=None) for f in verdict.fields),
        url=_url(source, context.site.use_directory_urls),
        title=_title(page),
    )


def _url(source: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page, relative to the site's root."""
    stem = source.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else f"{prefix}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _title(page: Path) -> str | None:
    """The page's first `#` heading, as the report names it (the build uses MkDocs' title)."""
    try:
        text = page.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    match = _H1.search(text)
    return match[1] if match else None


def _html(context: Context, verdicts: list[PageVerdict], folder: Path) -> str:
    site = context.site
    bands = site.options.bands
    docs = site.docs_dir or Path(".")

    def link(verdict: PageVerdict) -> str:
        # The published page when the config says where the site lives, else the page's source.
        if site.site_url:
            return site.site_url.rstrip("/") + "/" + (verdict.url or "")
        return Path(os.path.relpath(docs / verdict.path, folder)).as_posix()

    words, problem = choose(site.options.locale, site.language)
    if problem:
        print(f"mkdocs-spec: warning: {problem}", file=sys.stderr)
    return dashboard.standalone(
        verdicts,
        link,
        lambda score: band_color(score, bands),
        words,
        site.site_name,
        (assets.text(assets.STYLESHEET), assets.text(assets.SCRIPT)),
    )
