"""The two page readers see the same page: a differential test over the whole test corpus.

`mkdocs-spec check` reads a page's Markdown (`read_markdown`); the plugin reads the HTML that
Python-Markdown renders from it (`read_html`). Here every page of the corpus (the tricky pages, the
real-template pages, the sample site and this project's own docs) is rendered by Python-Markdown
with a site's extensions, in-process, and read both ways: the headings (level and title) and the
state of every section must be the same, for MkDocs' default extensions and for a Material-style
set. The slower `test_agreement.py` does the same through real builds and the real command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest

from conftest import REPO, SAMPLE_SITE
from mkdocs_spec_plugin.engine.front_matter import normalise_newlines, split_front_matter
from mkdocs_spec_plugin.engine.html_reader import read_html
from mkdocs_spec_plugin.engine.judge import judge
from mkdocs_spec_plugin.engine.markdown_reader import read_markdown
from mkdocs_spec_plugin.engine.model import Section
from mkdocs_spec_plugin.engine.nesting import flatten
from mkdocs_spec_plugin.engine.page import decode
from mkdocs_spec_plugin.engine.profile import MarkdownProfile
from mkdocs_spec_plugin.engine.resolve import Matcher
from mkdocs_spec_plugin.engine.templates import load_registry
from real_pages import PAGES as REAL_PAGES
from real_pages import REAL
from tricky_pages import PAGES as TRICKY_PAGES

# MkDocs renders every page with these, whatever the site adds.
MKDOCS_DEFAULTS = ["toc", "tables", "fenced_code"]
DIALECTS = {
    "plain": MKDOCS_DEFAULTS,
    "mkdocs": [*MKDOCS_DEFAULTS, "footnotes", "attr_list"],
    "material": [
        "toc",
        "tables",
        "admonition",
        "attr_list",
        "footnotes",
        "md_in_html",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tasklist",
    ],
}


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    templates_dir: Path | None = None


def _corpus() -> list[Page]:
    pages = [Page(f"tricky/{p.name}", decode(p.data()) or "") for p in TRICKY_PAGES]
    pages += [Page(f"real/{name}", text, REAL) for name, text in REAL_PAGES.items()]
    for template in sorted((REPO / "templates").glob("*.md")):  # a copy of each, as `new` writes
        body = template.read_text(encoding="utf-8").split("---\n", 2)[2]
        pages.append(Page(f"copies/{template.name}", f"---\nspec: {template.stem}\n---\n{body}"))
    for root in (SAMPLE_SITE / "docs", REPO / "docs"):
        for path in sorted(root.rglob("*.md")):
            name = f"{root.parent.name}/{path.relative_to(root)}"
            pages.append(Page(name, path.read_text(encoding="utf-8-sig")))
    return pages


CORPUS = _corpus()


def _headings(sections: list[Section]) -> list[tuple[int, str]]:
    return [(s.heading.level, s.heading.title) for s in sections if s.heading is not None]


def _states(report) -> dict[str, str]:
    return {" / ".join(r.path): r.state.value for r in report.sections}


@pytest.fixture(scope="module", params=sorted(DIALECTS))
def site(request):
    extensions = DIALECTS[request.param]
    profile = MarkdownProfile.from_extensions(extensions)
    matchers = {folder: Matcher(load_registry(folder, profile)) for folder in (None, REAL)}
    return extensions, profile, matchers


def test_the_corpus_is_large_and_varied():
    judged = [p for p in CORPUS if "spec:" in p.text]
    assert len(CORPUS) >= 60 and len(judged) >= 40


@pytest.mark.parametrize("page", CORPUS, ids=[p.name for p in CORPUS])
def test_both_readers_see_the_same_headings_and_states(site, page):
    extensions, profile, matchers = site
    text = normalise_newlines(page.text)
    document = split_front_matter(text)
    body, _ = flatten(document.body)
    source = read_markdown(body, document.body_line, profile)
    rendered = read_html(markdown.Markdown(extensions=extensions).convert(body))
    assert _headings(source) == _headings(rendered)
    template = matchers[page.templates_dir].resolve(document.meta, page.name).template
    if template is not None:
        assert _states(judge(template, source)) == _states(judge(template, rendered))
