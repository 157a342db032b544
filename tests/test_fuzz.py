"""Property-based tests: random, broken and hostile Markdown never breaks the engine, the command
line or the plugin, and the plugin and `mkdocs-spec check` still agree.

Pages are built from the pieces authors (and accidents) put in spec pages: headings of every kind
(ATX, setext, numbered, placeholders, with inline markup and raw HTML), fences (closed, unclosed,
nested), HTML blocks, lists and quotes, tables, front matter (valid, invalid YAML, not a mapping,
huge), random Unicode with control characters, and lines of the built-in templates.

Properties:

- `judge_page` never raises, in the bare profile and with the usual extensions; a score is 0..100;
- `fix.plan` / `fix.apply` never raise; every original line survives, byte for byte and in order;
  fixing again changes nothing; after a fix, no required section is missing;
- the real plugin (its hooks around MkDocs' own `Page.render`, in-process) never raises and never
  lets page text into its badge or admonition unescaped;
- the plugin's verdict equals `judge_page`'s on template-based pages with random edits (see
  `test_plugin_agrees_with_check` for why not on arbitrary junk);
- `mkdocs-spec check` and `fix` (the real `main`, in-process) exit 0 or 1, never with a traceback.

Example counts come from a profile: `ci` (the default) runs a little over 2,000 examples in total;
`deep` runs 50 times as many (over 100,000):

    HYPOTHESIS_PROFILE=deep python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import TEMPLATES
from mkdocs_spec_plugin.cli import main
from mkdocs_spec_plugin.engine import fix
from mkdocs_spec_plugin.engine.model import State
from mkdocs_spec_plugin.engine.nesting import MAX_DEPTH, flatten
from mkdocs_spec_plugin.engine.page import judge_page
from mkdocs_spec_plugin.engine.profile import MarkdownProfile
from mkdocs_spec_plugin.engine.report import PageVerdict
from mkdocs_spec_plugin.engine.resolve import Matcher
from mkdocs_spec_plugin.engine.templates import load_registry
from sizes import PROFILE, SCALE

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
)
# No example database (it would be a `.hypothesis/` folder in the repository); a failure prints the
# `@reproduce_failure` line that replays it.
settings.register_profile(
    "deep", deadline=None, database=None, print_blob=True, suppress_health_check=_HEALTH
)
settings.load_profile(PROFILE)


def examples(ci: int) -> settings:
    """Settings for a property run `ci` times in CI (DEEP_SCALE times as often in the deep
    profile). tests/test_readme.py reads these counts from this file's `@examples(...)`."""
    return settings(max_examples=ci * SCALE)


# -- the pieces pages are made of -----------------------------------------------------------------

BARE = MarkdownProfile.from_extensions(
    ["toc", "tables", "fenced_code"]
)  # what every MkDocs site has
RICH_EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "admonition",
    "attr_list",
    "md_in_html",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
]
RICH = MarkdownProfile.from_extensions(RICH_EXTENSIONS)
MATCHER = Matcher(load_registry(None, BARE))
RICH_MATCHER = Matcher(load_registry(None, RICH))
TEMPLATE_IDS = sorted(p.stem for p in TEMPLATES.glob("*.md"))


def _template_body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


TEMPLATE_BODIES = {p.stem: _template_body(p) for p in sorted(TEMPLATES.glob("*.md"))}
TEMPLATE_LINES = sorted({line for body in TEMPLATE_BODIES.values() for line in body.split("\n")})
TEMPLATE_TITLES = sorted(
    {line.lstrip("#").strip() for line in TEMPLATE_LINES if line.startswith("#")}
)
HOSTILE_IDS = ["../../etc/passwd", "/etc/passwd", "C:\\\\x", "a\\0b", "design-doc/../x", "~", "."]
INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "&lt;script&gt;",
    "<svg onload=alert(1)>",
]

WORDS = st.sampled_from(
    [
        "Security",
        "Securty",
        "Observability",
        "Rollout",
        "Strategy",
        "Context",
        "Requirements",
        "Testing",
        "cache",
        "the",
        "TBD",
        "N/A",
        "TODO",
        "[Describe X]",
        "<Name>",
        "[Component 1]",
        "&",
        "and",
        "1.",
        "2.3",
        "A.",
        "#",
        "*",
        "`",
        "_",
        "|",
        "-",
        "---",
        "===",
        "```",
        "~~~",
        "<!--",
        "-->",
        ">",
        "\\",
        "{#id}",
        "{: .x}",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "<div>",
        "</div>",
        "<br>",
        "<h2>",
        "</h2>",
    ]
)
# Any character a decoded file can hold: controls, NUL, line and paragraph separators, the BOM,
# private use, unassigned. Lone surrogates cannot come out of UTF-8, so they are left out.
JUNK = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
PHRASE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


@st.composite
def inline(draw: st.DrawFn) -> str:
    """A run of inline text: words, template titles, markup, raw HTML, injections, junk."""
    text = draw(st.one_of(PHRASE, st.sampled_from(TEMPLATE_TITLES), JUNK))
    wrap = draw(
        st.sampled_from(
            [
                "{}",
                "{}",
                "**{}**",
                "*{}*",
                "_{}_",
                "`{}`",
                "[{}](http://x.test)",
                "[{}][ref]",
                "<span>{}</span>",
                "<b>{}</b>",
                "<em>{}",
                "{} <!-- note -->",
                "{}<br>more",
                "\\{}",
                "{} {{#anchor}}",
                "![{}](x.png)",
                "{}[^1]",
            ]
        )
    )
    text = wrap.format(text)
    if draw(st.integers(0, 9)) == 0:
        text += " " + draw(st.sampled_from(INJECTIONS))
    return text


@st.composite
def title(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from(["", "", "", "1. ", "2.3 ", "A. ", "IV. ", "1) "]))
    body = draw(
        st.one_of(
            st.sampled_from(TEMPLATE_TITLES),
            inline(),
            st.sampled_from(["[Component 1]", "<Algorithm Name>", "[]", "<>", ""]),
        )
    )
    optional = draw(st.sampled_from(["", "", " (Optional)"]))
    return number + body + optional


@st.composite
def atx(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 7))
    indent = " " * draw(st.sampled_from([0, 0, 0, 1, 3, 4]))
    gap = draw(st.sampled_from([" ", " ", "  ", "\t", ""]))
    closing = draw(st.sampled_from(["", "", " #", " ###", "#"]))
    return f"{indent}{'#' * level}{gap}{draw(title())}{closing}"


@st.composite
def setext(draw: st.DrawFn) -> str:
    underline = draw(st.sampled_from(["=", "-"])) * draw(st.integers(1, 8))
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4]))
    return f"{draw(title())}\n{indent}{underline}"


@st.composite
def fence(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["```", "````", "~~~", "~~~~", "``"]))
    info = draw(st.sampled_from(["", "python", "{.py}", 'title="a.py"', "```", " x y"]))
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4]))
    inner = draw(
        st.lists(st.one_of(atx(), st.sampled_from(["```", "~~~", "````"]), PHRASE), max_size=4)
    )
    close = draw(st.sampled_from([marker, marker, marker, "", marker + "`", marker[:-1], "~~~"]))
    return "\n".join([f"{indent}{marker}{info}", *inner, *([indent + close] if close else [])])


@st.composite
def html_block(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(["div", "details", "script", "style", "table", "p", "span", "x-y"]))
    inner = draw(st.lists(st.one_of(atx(), inline()), max_size=3))
    attrs = draw(st.sampled_from(["", " markdown", ' markdown="1"', ' class="x"', " onerror=x"]))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>"]))
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    return f"<{tag}{attrs}>{blank}" + "\n".join(inner) + f"{blank}{close}"


@st.composite
def container(draw: st.DrawFn) -> str:
    """List items, quotes, indented code and admonitions, sometimes with headings inside."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        prefix = draw(
            st.sampled_from(
                ["- ", "* ", "1. ", "> ", "> > ", "    ", "  - ", "\t- ", "!!! note\n    "]
            )
        )
        lines.append(prefix + draw(st.one_of(inline(), atx())))
    return "\n".join(lines)


@st.composite
def table(draw: st.DrawFn) -> str:
    cells = draw(st.lists(inline(), min_size=2, max_size=3))
    rows = draw(st.lists(st.one_of(inline(), atx()), max_size=2))
    head = "| " + " | ".join(cells) + " |"
    return "\n".join([head, "|" + "---|" * len(cells), *rows])


BLOCK = st.one_of(
    atx(),
    atx(),
    setext(),
    fence(),
    html_block(),
    container(),
    table(),
    inline(),
    st.sampled_from(TEMPLATE_LINES),
    st.lists(st.sampled_from(TEMPLATE_LINES), max_size=8).map("\n".join),
    st.sampled_from(["---", "***", "", "[ref]: http://x.test", "[^1]: note", "<!--", "-->"]),
    JUNK,
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(TEMPLATE_IDS))
    return draw(
        st.sampled_from(
            [
                f"---\nspec: {template}\n---\n\n",
                f"---\nspec: {template}\n---\n\n",
                f"---\nspec: {template}\n---\n\n",
                f"---\nspec: {template}\ntitle: x\n...\n",
                f"spec: {template}\ntitle: MultiMarkdown\n\n",
                f"---\nspec: {json.dumps(draw(st.sampled_from(HOSTILE_IDS)))}\n---\n\n",
                "---\nspec: [unclosed\n---\n\n",
                "---\nspec: design-doc\n\tbad: indent\n---\n\n",
                "---\n- a\n- b\n---\n\n",
                "---\njust a string\n---\n\n",
                "---\n42\n---\n\n",
                "---\n---\n\n",
                "---\nspec: 5\n---\n\n",
                "---\nspec:\n---\n\n",
                "---\nspec: false\n---\n\n",
                "---\nspec: !!python/object:os.system x\n---\n\n",
                "---\nspec: &a [*a]\n---\n\n",
                f"---\nspec: {template}\n"
                + "".join(f"k{i}: {'v' * 50}\n" for i in range(300))
                + "---\n\n",
                f"---\n{draw(JUNK)}\n---\n\n",
                "",
            ]
        )
    )


@st.composite
def pages(draw: st.DrawFn, blocks: st.SearchStrategy[str] = BLOCK) -> str:
    """A whole page: front matter, blocks, and the bytes' accidents (CRLF, CR, BOM, no last EOL)."""
    parts = draw(st.lists(blocks, max_size=20))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\n"]), min_size=len(parts)))
    body = "".join(part + sep for part, sep in zip(parts, separators))
    text = draw(front_matter()) + body
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


# -- properties of the engine ---------------------------------------------------------------------


# A YAML alias bomb ("billion laughs"): `spec` stands for 9**9 strings.
_LAUGHS = (
    "---\na: &a ["
    + ", ".join(['"lol"'] * 9)
    + "]\n"
    + "".join(
        f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    + "spec: *i\n---\n\n# Laughs\n"
)


def _lines(text: str) -> list[str]:
    """A text's lines with their endings, split as `fix.apply` splits them."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def _is_subsequence(original: list[str], fixed: list[str]) -> bool:
    """Every original line, in order, byte for byte (a last line without an ending may gain one)."""
    position = 0
    for index, line in enumerate(original):
        last = index == len(original) - 1 and not line.endswith(("\n", "\r"))
        while position < len(fixed) and not (
            fixed[position] == line or (last and fixed[position].rstrip("\r\n") == line)
        ):
            position += 1
        if position == len(fixed):
            return False
        position += 1
    return True


@examples(600)
@given(text=pages(), rich=st.booleans())
@example(text="---\nspec: design-doc\n---\n\n[a](" + "<>" * 40 + "\n", rich=False)
@example(text="---\nspec: design-doc\n---\n\n## " + "<!--" * 5000 + "\n", rich=False)
@example(text="---\nspec: design-doc\n---\n\n" + "```x\n" * 3000, rich=False)
@example(text="---\nspec: design-doc\n---\n\n## Current\x02 Context\nx\x02 `y`\n", rich=False)
@example(text=_LAUGHS, rich=False)  # repr() of the template id never finished
def test_engine_never_fails(text: str, rich: bool) -> None:
    outcome = judge_page(text, RICH_MATCHER if rich else MATCHER, "page.md", RICH if rich else BARE)
    report = outcome.report
    if report is None:
        return
    verdict = PageVerdict.of(report, "page.md")
    assert 0 <= verdict.score <= 100
    assert 0 <= verdict.complete <= len(verdict.required)
    for result in verdict.sections:
        assert result.state in (State.COMPLETE, State.UNFINISHED, State.MISSING)
        assert result.describe()
    json.dumps(verdict.as_dict(), ensure_ascii=False)


def _fixed(text: str, rich: bool) -> tuple[str, str] | None:
    """The page after `fix`, and after a second `fix`; None for a page with no template."""
    matcher, profile = (RICH_MATCHER, RICH) if rich else (MATCHER, BARE)
    outcome = judge_page(text, matcher, "page.md", profile)
    if outcome.report is None:
        return None

    def judge(page: str):
        return judge_page(page, matcher, "page.md", profile).report

    fixed = fix.repair(text, outcome.report, judge)[0]
    again = judge(fixed)
    assert again is not None
    return fixed, fix.repair(fixed, again, judge)[0]


@examples(400)
@given(text=pages(), rich=st.booleans())
def test_fix_keeps_every_line(text: str, rich: bool) -> None:
    """On any page: no exception, and every original line is still there, byte for byte."""
    result = _fixed(text, rich)
    if result is not None:
        assert _is_subsequence(_lines(text), _lines(result[0])), "fix lost or changed a line"


@examples(200)
@given(text=st.text(st.characters(blacklist_categories=("Cs",))), depth=st.integers(0, 400))
def test_flatten_bounds_nesting(text: str, depth: int) -> None:
    """Flattening keeps every line (count and order), never goes past the bound, and is stable."""
    deep = "".join("    " * i + f"- {text}\n" for i in range(depth)) + "- " * depth + text
    for source in (text, deep):
        flat, changed = flatten(source)
        assert flat.count("\n") == source.count("\n")
        assert (flat == source) == (changed == 0)
        assert flatten(flat) == (flat, 0)
        for line in flat.split("\n"):
            rest = line.lstrip(" \t")
            assert len(line[: len(line) - len(rest)].expandtabs(4)) <= MAX_DEPTH * 4 + 3


# -- the plugin, in-process -----------------------------------------------------------------------


class _Site:
    """A real MkDocs config with the plugin loaded; pages are read and rendered as MkDocs does."""

    def __init__(self, root: Path, extensions: list[str]) -> None:
        (root / "docs").mkdir(parents=True, exist_ok=True)
        settings_ = {"site_name": "Fuzz", "plugins": ["spec"], "markdown_extensions": extensions}
        config_file = root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(settings_), encoding="utf-8")
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        self.config = config
        self.env = config.theme.get_env()
        self.plugin = config.plugins["spec"]
        self.activate()

    # MkDocs keeps one instance of a plugin across config loads (for `mkdocs serve`): the sites
    # of this module share it, and the last one configured is the one it judges for.
    active: _Site | None = None

    def activate(self) -> _Site:
        if _Site.active is not self:
            self.config = self.config.plugins.on_config(self.config)
            _Site.active = self
        return self

    def build_page(self, text: str, src: str = "page.md") -> str:
        """The page's HTML after the plugin's hooks, from the text of its file. MkDocs opens
        files in text mode: a BOM is dropped and CRLF or CR become LF before it reads them."""
        content = text[1:] if text.startswith("\ufeff") else text
        content = content.replace("\r\n", "\n").replace("\r", "\n")
        config = self.activate().config
        file = File.generated(config, src, content=content)
        files = config.plugins.on_files(Files([file]), config=config)
        page = Page(None, file, config)
        page.read_source(config)
        markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.markdown = markdown
        page.render(config, files)
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
        config.plugins.on_env(self.env, config=config, files=files)
        config.plugins.on_page_context({}, page=page, config=config, nav=None)  # verdict goes in
        return page.content


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory):
    logger = logging.getLogger("mkdocs.plugins.mkdocs_spec_plugin")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # thousands of pages below the bar: not worth printing
    yield _Site(tmp_path_factory.mktemp("fuzz-site"), [])
    logger.setLevel(level)


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory):
    logger = logging.getLogger("mkdocs.plugins.mkdocs_spec_plugin")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield _Site(tmp_path_factory.mktemp("fuzz-rich"), RICH_EXTENSIONS)
    logger.setLevel(level)


def _verdict_is_escaped(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(".spec-badge-row, .spec-missing"):
        assert element.find(["script", "img", "svg", "iframe"]) is None, str(element)[:500]
        for inner in [element, *element.find_all(True)]:
            bad = [name for name in inner.attrs if name.lower().startswith("on")]
            assert not bad, str(inner)[:500]


@pytest.mark.parametrize("rich", [False, True], ids=["bare", "extensions"])
@examples(200)
@given(text=pages())
def test_plugin_never_fails_and_escapes(bare_site: _Site, rich_site: _Site, rich: bool, text: str):
    html = (rich_site if rich else bare_site).build_page(text)
    _verdict_is_escaped(html)


# Template-based pages: a built-in template's body, edited at random the way authors edit it, with
# well-formed blocks of every kind put in. Well-formed means what a page that builds as intended
# has: fences, HTML blocks and comments closed, sections at levels 2 to 5 below at most one H1.
# On a page that ends inside an unclosed fence, comment or HTML block, whatever `fix` appends is
# swallowed by it (in the built page too), and a page whose sections are H6 leaves no level for
# their subsections: `fix` cannot repair those without touching the author's lines, so the
# "complete after fix" property is stated for well-formed pages.
_AUTHOR_LINES = [
    "The service keeps profiles in Redis for ten minutes.",
    "- **Authentication**: OAuth2 via the gateway",
    "N/A — we store no user data",
    "TBD",
    "See [the runbook](http://x.test/runbook).",
    "`cache.get(key)` returns None on a miss.",
    "Some *emphasis* and **strong** text.",
    "Ünïcödé text, 中文, emoji 🚀 and a tab\there.",
]
# Printable text of any script, without control characters (the junk pages above have those) or
# markup characters: markup comes from the block and heading forms below. Stray markup characters
# are junk the two readers may see differently (`TBD_` is "TBD_" on the built page and an emphasis
# marker left over for the check).
_MARKUP = set("*_~`[]<>|#&!\\{}=-:")
PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="".join(_MARKUP)),
    min_size=1,
    max_size=20,
)
WORDS_ONLY = st.lists(
    st.sampled_from(["Security", "Observability", "cache", "the", "Rollout", "TBD", "N/A"]),
    min_size=1,
    max_size=5,
).map(" ".join)
TIDY_INLINE = st.one_of(st.sampled_from(TEMPLATE_TITLES), WORDS_ONLY, PLAIN)


@st.composite
def tidy_block(draw: st.DrawFn) -> str:
    text = draw(TIDY_INLINE)
    kind = draw(
        st.sampled_from(
            [
                "heading",
                "heading",
                "setext",
                "fence",
                "html",
                "list",
                "quote",
                "table",
                "comment",
                "author",
                "script",
                "deep",
            ]
        )
    )
    if kind == "heading":
        form = draw(
            st.sampled_from(["{}", "**{}**", "`{}`", "{} <b>x</b>", "1. {}", "[{}](http://x.test)"])
        )
        return "#" * draw(st.integers(2, 5)) + " " + form.format(text)
    if kind == "setext":
        return f"{text}\n---"
    if kind == "fence":
        marker = draw(st.sampled_from(["```", "~~~", "````"]))
        inner = draw(st.lists(st.one_of(atx(), WORDS_ONLY), max_size=3))  # no fence markers
        return "\n".join([marker + draw(st.sampled_from(["", "python"])), *inner, marker])
    if kind == "html":
        tag = draw(st.sampled_from(["div", "details", "table", "p"]))
        return f"<{tag}>\n{text}\n</{tag}>"
    if kind == "list":
        items = draw(
            st.lists(st.sampled_from(["- ", "* ", "1. ", "    - "]), min_size=1, max_size=3)
        )
        return "\n".join(marker + draw(TIDY_INLINE) for marker in items)
    if kind == "quote":
        return f"> {text}"
    if kind == "table":
        return f"| a | b |\n|---|---|\n| {text} | x |"
    if kind == "comment":
        return f"<!-- {text} -->"
    if kind == "script":
        return f"{text} <script>alert(1)</script> <style>p {{}}</style>"
    if kind == "deep":  # nested past the bound: flattened by the plugin and by the check alike
        depth = draw(st.integers(MAX_DEPTH - 5, 3 * MAX_DEPTH))
        return "\n".join("    " * level + f"- {text}" for level in range(depth))
    return draw(st.sampled_from(_AUTHOR_LINES))


def _in_fence(lines: list[str], at: int | None) -> bool:
    """Whether line `at` (None: the end) is inside one of the template's fences (or list-item
    fences): a block put there splits the fence, and the halves are inline code spans across lines
    for Python-Markdown but not for the check, which reads inline markup line by line."""
    inside = False
    for line in lines[:at]:
        if line.lstrip().startswith(("```", "~~~")):
            inside = not inside
    return inside


@st.composite
def template_pages(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(TEMPLATE_IDS))
    lines = TEMPLATE_BODIES[template].split("\n")
    # Edits stay below the title: a section above the H1 makes the H1 a section of its own.
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    for _ in range(draw(st.integers(0, 8))):  # first the template's own lines
        if len(lines) <= title + 1:
            break
        at = draw(st.integers(title + 1, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "delete", "rename", "level"]))
        if edit == "delete":  # a fence line stays, or the rest of the page would become code
            span = range(at, min(len(lines), at + draw(st.integers(1, 6))))
            kept = [lines[i] for i in span if lines[i].lstrip().startswith(("```", "~~~"))]
            lines[span.start : span.stop] = kept
        elif edit == "rename" and lines[at].startswith("##"):
            hashes = lines[at].split(" ", 1)[0]
            lines[at] = f"{hashes} {draw(st.sampled_from([*TEMPLATE_TITLES, 'Securty', 'Misc']))}"
        elif edit == "level" and lines[at].startswith("##") and not lines[at].startswith("#####"):
            lines[at] = "#" + lines[at]
    # Then whole blocks, between lines (never inside a fence, nor inside another block).
    chunks = [[line] for line in lines]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(title + 1, len(chunks)))
        if not _in_fence([line for chunk in chunks[:at] for line in chunk], at=None):
            chunks.insert(at, ["", *draw(tidy_block()).split("\n"), ""])
    lines = [line for chunk in chunks for line in chunk]
    if draw(st.booleans()) and not _in_fence(lines, at=None):
        # A page that ends in a fence it never closed: fix must not insert inside it.
        lines += ["", draw(st.sampled_from(["```", "```python", "~~~"])), "code left open"]
    return f"---\nspec: {template}\n---\n\n" + "\n".join(lines) + "\n"


@examples(300)
@given(text=template_pages(), rich=st.booleans())
@example(text="---\nspec: impl-spec\n---\n\n", rich=False)  # fix put blocks inside each other
@example(text="---\nspec: impl-spec\n---\n\n    \n    \n", rich=False)
@example(  # a page ending in an unclosed fence: the guidance's own fences closed it
    text="---\nspec: tech-spec\n---\n\n# T\n\n## Overview\nText.\n\n```python\nprint(1)\n",
    rich=False,
)
@example(  # a template heading with a link: inserted again at every run
    text="---\nspec: tech-spec\n---\n\n# T\n\n## [Overview](o.md)\nText.\n",
    rich=True,
)
@example(  # a stray `###` first set the level of every inserted section
    text="---\nspec: component-doc\n---\n\n# C\n\n### Note\n\n## Current Implementation\nx\n\n"
    "## Architecture\ny\n",
    rich=False,
)
def test_fix_completes_the_page_once(text: str, rich: bool) -> None:
    """On well-formed pages: after `fix`, no required section is missing but those a heading
    nearly names, and a second `fix` changes nothing."""
    result = _fixed(text, rich)
    assert result is not None
    fixed, twice = result
    matcher, profile = (RICH_MATCHER, RICH) if rich else (MATCHER, BARE)
    report = judge_page(fixed, matcher, "page.md", profile).report
    assert report is not None
    # A section that a heading nearly names is left for the author to rename (`fix --rename`),
    # with everything under it.
    near = {r.path for r in report.sections if r.state is State.MISSING and r.did_you_mean}
    missing = [
        r.path
        for r in report.required
        if r.state is State.MISSING and not any(r.path[: len(p)] == p for p in near)
    ]
    assert not missing, f"still missing after fix: {missing}"
    assert twice == fixed, "a second fix changed the page"


def _engine_states(text: str, matcher: Matcher, profile: MarkdownProfile):
    outcome = judge_page(text, matcher, "page.md", profile)
    if outcome.report is None:
        return None
    report = outcome.report
    score = PageVerdict.of(report, "page.md").score
    return report.template.id, score, {r.path: r.state for r in report.sections}


def _plugin_states(site: _Site, text: str):
    site.plugin.build.verdicts.clear()  # the pages of this module share one build
    site.build_page(text)
    verdict = site.plugin.build.verdicts.get("page.md")
    if verdict is None:
        return None
    page = verdict.as_dict()  # as spec-report.json has it
    sections = page["sections"] + page["optional_sections"]
    return page["template"], page["score"], {tuple(s["path"]): State(s["state"]) for s in sections}


@pytest.mark.parametrize("rich", [False, True], ids=["bare", "extensions"])
@examples(200)
@given(text=template_pages())
@example(text="---\nspec: tech-spec\n---\n\n## Overview\n> <script>alert(1)</script>\n")
@example(text="---\nspec: design-doc\n---\n\n# T\n\n## Current Context <script>x</script>\ny\n")
@example(text="---\nspec: design-doc\n---\n\n# T\n\n## Current Context\n\n- 1. [Step]\n- - [x]\n")
def test_plugin_agrees_with_check(bare_site: _Site, rich_site: _Site, rich: bool, text: str):
    """The plugin (rendered HTML) and the check (Markdown source) give the same verdict.

    Restricted to well-formed template-based pages (`template_pages`): on arbitrary junk (an
    unclosed `<h2>` in a paragraph, which the HTML reader takes for a heading; a heading inside an
    unclosed `<div>`) the Markdown reader follows Python-Markdown closely but not byte for byte,
    and those are not pages authors write. Junk still goes through the plugin, for crashes and
    escaping, in `test_plugin_never_fails_and_escapes`.
    """
    site, matcher, profile = (rich_site, RICH_MATCHER, RICH) if rich else (bare_site, MATCHER, BARE)
    assert _plugin_states(site, text) == _engine_states(text, matcher, profile)


# -- the command line, in-process -----------------------------------------------------------------


def _run(*argv: str) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse errors only; never expected here
            code = exc.code
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code  # type: ignore[return-value]


@examples(100)
@given(
    texts=st.lists(
        st.one_of(pages(), pages(), st.binary(max_size=200).map(lambda b: b)),
        min_size=1,
        max_size=3,
    )
)
def test_cli_never_fails(texts: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        docs = root / "docs"
        docs.mkdir()
        (root / "mkdocs.yml").write_text("site_name: x\nplugins: [spec]\n", encoding="utf-8")
        for index, text in enumerate(texts):
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (docs / f"p{index}.md").write_bytes(data)
        config = str(root / "mkdocs.yml")
        for fmt in ("text", "json", "github"):
            assert _run("check", "-f", config, str(docs), "--format", fmt) in (0, 1)
        assert _run("fix", "--dry-run", "-f", config, str(docs)) == 0
        assert _run("fix", "-f", config, str(docs)) == 0
        # 1 only for a page naming a template that does not exist.
        assert _run("check", "-f", config, str(docs), "--fail-under", "0") in (0, 1)
