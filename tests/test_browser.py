"""In a real browser (issue #6): headless Chromium, driven by Playwright, on the sample site built
with the `mkdocs`, `readthedocs` and Material (light and dark) themes, and on a live
`mkdocs serve` preview being edited.

What a reader sees: the badge in view under the title, readable, overlapping nothing; the
admonition listing exactly what `mkdocs-spec check` lists, collapsing and opening; no script
errors. Screenshots of each theme are saved (their folder is printed; `pytest -s` shows it).

Under CI=true these tests never skip: a missing /usr/bin/chromium or Playwright fails them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import (
    STYLE_JS,
    VIEWPORT,
    Watch,
    effective_background,
    luminance,
    mkdocs_serve,
    static_server,
    text_contrast,
)
from conftest import ENV, SAMPLE_SITE, build, cli_json, page, write_site
from sizes import EDITS

PAGE = "design-doc/partial.md"
URL = "design-doc/partial/"
THEMES = ["mkdocs", "readthedocs", "material-light", "material-dark"]
# Where the page's content lives, and the theme's fixed or sticky header (readthedocs has none on
# a desktop-sized window).
COLUMN = {
    "mkdocs": "[role=main]",
    "readthedocs": "[role=main]",
    "material-light": ".md-content__inner",
    "material-dark": ".md-content__inner",
}
HEADER = {
    "mkdocs": ".navbar.fixed-top",
    "readthedocs": None,
    "material-light": ".md-header",
    "material-dark": ".md-header",
}
MIN_CONTRAST = 4.5


# --- the browser ---------------------------------------------------------------------------------


def new_page(chromium, watch: Watch):
    context = chromium.new_context(viewport=VIEWPORT, color_scheme="light", service_workers="block")
    tab = context.new_page()
    watch.attach(tab)
    return context, tab


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser-screenshots")
    print(f"\nbrowser screenshots: {folder}")
    return folder


# --- the sample site under four themes -----------------------------------------------------------

THEME_BLOCK = re.compile(r"^theme:[ \t]*\n(?:(?:[ \t]+.*)?\n)*", re.MULTILINE)


def set_theme(config: Path, theme: str) -> None:
    """Rewrite the `theme:` block of the sample's mkdocs.yml (which holds `!!python/name:` tags,
    so it is edited as text)."""
    text = config.read_text(encoding="utf-8")
    block = THEME_BLOCK.search(text)
    assert block, f"no top-level theme: block in {config}"
    settings = yaml.safe_load(block.group(0))["theme"]
    assert settings["name"] == "material", "the sample site is a Material site"
    if theme in ("mkdocs", "readthedocs"):
        settings = {"name": theme}  # no Material-only features or palette
    elif theme == "material-dark":
        settings["palette"] = {"scheme": "slate"}
    # material-light: the sample's own theme block; its first palette (light) is the one a
    # browser that prefers a light scheme gets.
    new = yaml.safe_dump({"theme": settings}, sort_keys=False)
    config.write_text(text[: block.start()] + new + "\n" + text[block.end() :], encoding="utf-8")


@dataclass
class Loaded:
    theme: str
    url: str
    tab: Any
    watch: Watch
    expected: dict[str, str]  # section path -> state, from `mkdocs-spec check --format json`
    screenshot: Path
    folder: Path

    def where(self) -> str:
        return f"[{self.theme}, screenshots in {self.folder}]"


def cli_sections(report: dict[str, Any]) -> dict[str, str]:
    """Section path -> state for every section the JSON report lists as missing or unfinished
    (required ones, and optional ones that are missing)."""
    listed = {}
    for section in report["sections"] + report.get("optional_sections", []):
        if section["state"] != "complete":
            listed[" / ".join(section["path"])] = section["state"]
    return listed


GEOMETRY_JS = """
([column, header]) => {
  const rect = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            width: r.width, height: r.height};
  };
  const col = document.querySelector(column);
  const h1s = col ? [...col.querySelectorAll('h1')] : [];
  const badge = document.querySelector('.spec-badge');
  const head = header ? document.querySelector(header) : null;
  let onTop = null;
  if (badge) {
    const r = badge.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    onTop = hit ? (badge.contains(hit) ? 'badge' : hit.outerHTML.slice(0, 120)) : 'nothing';
  }
  // Every fixed or sticky box on the page (headers, sidebars, banners).
  const pinned = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if ((style.position === 'fixed' || style.position === 'sticky')
        && style.display !== 'none' && style.visibility !== 'hidden') {
      const r = rect(el);
      if (r.width > 0 && r.height > 0) {
        pinned.push({what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                           + (el.className && typeof el.className === 'string'
                              ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
                     rect: r});
      }
    }
  }
  return {
    h1s: h1s.length, h1: rect(h1s[0]), badge: rect(badge), column: rect(col),
    row: rect(document.querySelector('.spec-badge-row')),
    header: rect(head), headerPosition: head ? getComputedStyle(head).position : null,
    admonition: rect(document.querySelector('.spec-missing')),
    badges: document.querySelectorAll('.spec-badge').length,
    admonitions: document.querySelectorAll('.spec-missing').length,
    viewport: {width: window.innerWidth, height: window.innerHeight},
    scrollY: window.scrollY, onTop: onTop, pinned: pinned,
    scheme: document.body.getAttribute('data-md-color-scheme'),
  };
}
"""


def intersects(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    )


@pytest.fixture(scope="module", params=THEMES)
def loaded(request, chromium, screenshots, tmp_path_factory):
    """The sample site's partly written design doc, built with one theme, served over http and
    open in Chromium at 1280x800."""
    theme = request.param
    root = tmp_path_factory.mktemp(f"sample-{theme}")
    shutil.copytree(SAMPLE_SITE, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("site"))
    config = root / "mkdocs.yml"
    set_theme(config, theme)
    build(config, "-d", str(root / "site"))
    report = cli_json("-f", str(config), str(root / "docs" / PAGE))
    assert len(report["pages"]) == 1, report
    expected = cli_sections(report["pages"][0])
    assert expected, "the partly written page should have missing or unfinished sections"

    watch = Watch()
    with static_server(root / "site") as base:
        context, tab = new_page(chromium, watch)
        try:
            url = f"{base}/{URL}"
            response = tab.goto(url, wait_until="networkidle")
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            tab.evaluate("document.fonts.ready.then(() => true)")
            shot = screenshots / f"{theme}.png"
            tab.screenshot(path=str(shot))
            print(f"\n[{theme}] screenshot: {shot}")
            yield Loaded(theme, url, tab, watch, expected, shot, screenshots)
        finally:
            context.close()


def geometry(loaded: Loaded) -> dict[str, Any]:
    return loaded.tab.evaluate(GEOMETRY_JS, [COLUMN[loaded.theme], HEADER[loaded.theme]])


def test_theme_is_applied(loaded):
    g = geometry(loaded)
    if loaded.theme.startswith("material"):
        want = "slate" if loaded.theme == "material-dark" else "default"
        assert g["scheme"] == want, loaded.where()
    background = effective_background(
        loaded.tab.eval_on_selector(COLUMN[loaded.theme], STYLE_JS)["backgrounds"]
    )
    dark = luminance(background) < 0.2
    assert dark == (loaded.theme == "material-dark"), (
        f"page background {background} {loaded.where()}"
    )


def test_badge_in_view_under_the_title(loaded):
    g = geometry(loaded)
    where = loaded.where()
    assert g["badges"] == 1 and g["admonitions"] == 1, f"{g['badges']} badges, {where}"
    assert g["column"], f"no content column {COLUMN[loaded.theme]!r} {where}"
    assert g["h1s"] == 1, f"{g['h1s']} H1s in the content column {where}"
    assert g["scrollY"] == 0, where
    badge, h1, column, view = g["badge"], g["h1"], g["column"], g["viewport"]
    assert view == VIEWPORT, where
    assert loaded.tab.locator(".spec-badge").is_visible(), where
    # Visible without scrolling.
    assert badge["top"] >= 0 and badge["bottom"] <= view["height"], f"badge {badge} {where}"
    assert badge["left"] >= 0 and badge["right"] <= view["width"], f"badge {badge} {where}"
    # Below the title, within the content column.
    assert badge["top"] >= h1["bottom"] - 0.5, f"badge {badge} vs H1 {h1} {where}"
    assert column["left"] - 0.5 <= badge["left"], f"badge {badge} vs column {column} {where}"
    assert badge["right"] <= column["right"] + 0.5, f"badge {badge} vs column {column} {where}"
    # ... and not far below it: right under the title, before the admonition.
    assert badge["top"] - h1["bottom"] < 80, f"badge {badge} far from H1 {h1} {where}"
    assert g["admonition"]["top"] >= badge["bottom"] - 0.5, where


def test_nothing_overlaps_the_badge_title_or_header(loaded):
    g = geometry(loaded)
    where = loaded.where()
    badge, h1 = g["badge"], g["h1"]
    assert not intersects(badge, h1), f"badge {badge} overlaps H1 {h1} {where}"
    if HEADER[loaded.theme]:
        header = g["header"]
        assert header, f"no header {HEADER[loaded.theme]!r} {where}"
        assert g["headerPosition"] in ("fixed", "sticky"), where
        assert not intersects(badge, header), f"badge {badge} under header {header} {where}"
        assert not intersects(h1, header), f"H1 {h1} under header {header} {where}"
    for pinned in g["pinned"]:  # any fixed or sticky box (readthedocs' sidebar, Material's tabs)
        assert not intersects(badge, pinned["rect"]), f"badge under {pinned} {where}"
        assert not intersects(h1, pinned["rect"]), f"H1 under {pinned} {where}"
    assert g["onTop"] == "badge", f"at the badge's centre is {g['onTop']} {where}"


def test_badge_contrast(loaded):
    """WCAG AA for normal text: the badge's computed colour on its computed background (a
    semi-transparent one composited over what is behind it)."""
    style = loaded.tab.eval_on_selector(".spec-badge", STYLE_JS)
    ratio = text_contrast(style)
    print(f"[{loaded.theme}] badge {style['color']} on {style['backgrounds'][0]}: {ratio:.2f}:1")
    assert ratio >= MIN_CONTRAST, (
        f"badge text {style['color']} on {style['backgrounds'][0]}: {ratio:.2f}:1 {loaded.where()}"
    )


def test_admonition_text_contrast(loaded):
    """The admonition's title, section names and state labels are readable on every theme."""
    selectors = [
        ".spec-missing > summary",
        ".spec-missing li[data-spec-state] > .spec-section",
        ".spec-missing .spec-state--missing",
        ".spec-missing .spec-state--unfinished",
    ]
    low = []
    for selector in selectors:
        style = loaded.tab.eval_on_selector(selector, STYLE_JS)
        ratio = text_contrast(style)
        print(f"[{loaded.theme}] {selector} {style['color']}: {ratio:.2f}:1")
        if ratio < MIN_CONTRAST:
            low.append(f"{selector} ({style['text']!r}, {style['color']}): {ratio:.2f}:1")
    assert not low, f"low contrast {loaded.where()}: {low}"


def test_admonition_lists_what_check_lists_and_toggles(loaded):
    tab, where = loaded.tab, loaded.where()
    admonition = tab.locator(".spec-missing")
    assert admonition.count() == 1 and admonition.is_visible(), where
    assert admonition.evaluate("el => el.tagName") == "DETAILS", where
    assert admonition.get_attribute("id") == "spec-missing", where
    items = tab.locator(".spec-missing li[data-spec-state]")
    listed = dict(
        items.evaluate_all("els => els.map(li => [li.dataset.specSection, li.dataset.specState])")
    )
    assert listed == loaded.expected, where
    assert items.count() == len(listed), f"a section is listed twice {where}"

    def visible() -> list[bool]:
        return [items.nth(i).is_visible() for i in range(items.count())]

    assert all(visible()) and admonition.evaluate("el => el.open"), where
    summary = tab.locator(".spec-missing > summary")
    summary.click()
    tab.wait_for_function("!document.querySelector('.spec-missing').open")
    assert not any(visible()), f"list items still shown after closing {where}"
    assert admonition.is_visible(), f"the summary stays visible {where}"
    summary.click()
    tab.wait_for_function("document.querySelector('.spec-missing').open")
    assert all(visible()), f"list items hidden after opening again {where}"


# The admonition's list height over (line boxes x line height): about 1.1 on every theme when the
# list is the compact outline spec.css asks for; readthedocs' 12px margins on every child of a list
# item (`.rst-content section ul li > *`) made it 1.9.
COMPACT_JS = """
() => {
  const list = document.querySelector('.spec-missing > ul');
  let lines = 0;
  for (const li of list.querySelectorAll('li')) {
    const tops = [];
    for (const node of li.childNodes) {
      if (node.nodeName === 'UL') continue;  // a nested list counts its own lines
      let rects = [];
      if (node.nodeType === Node.TEXT_NODE) {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects = [...range.getClientRects()];
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        rects = [...node.getClientRects()];
      }
      for (const r of rects) {
        if (r.height > 0 && !tops.some(t => Math.abs(t - r.top) < 8)) tops.push(r.top);
      }
    }
    lines += tops.length;
  }
  const lineHeight = parseFloat(getComputedStyle(list.querySelector('li')).lineHeight);
  const height = list.getBoundingClientRect().height;
  return {lines: lines, lineHeight: lineHeight, height: height,
          ratio: height / (lines * lineHeight)};
}
"""


def test_admonition_list_is_compact(loaded):
    """The gaps are listed as a compact outline, not spaced out like prose."""
    m = loaded.tab.evaluate(COMPACT_JS)
    print(f"[{loaded.theme}] admonition list: {m}")
    assert m["ratio"] < 1.4, (
        f"the list is {m['height']:.0f}px high for {m['lines']} lines of {m['lineHeight']}px "
        f"{loaded.where()}"
    )


def test_near_miss_is_quoted(loaded):
    """'did you mean <q>Security</q>?' shows its quotation marks (a CSS reset can remove them)."""
    q = loaded.tab.locator(".spec-missing li[data-spec-state] q").first
    assert q.count() == 1, f"the sample page has a near miss {loaded.where()}"
    # The same text without the <q> element, in the same place: the quotes make the difference.
    with_quotes, without = q.evaluate(
        """q => {
          const span = document.createElement('span');
          span.textContent = q.textContent;
          q.after(span);
          const widths = [q.getBoundingClientRect().width, span.getBoundingClientRect().width];
          span.remove();
          return widths;
        }"""
    )
    assert with_quotes > without + 2, (
        f"<q>{q.text_content()}</q> renders without quotation marks ({with_quotes:.1f}px, "
        f"{without:.1f}px without them) {loaded.where()}"
    )


# --- a live `mkdocs serve` preview being edited --------------------------------------------------


@dataclass
class Block:
    """A switchable piece of the page: `off` text, `on` text, and which way switching it on moves
    the score (+1 up, -1 down, 0 not at all)."""

    name: str
    off: str
    on: str
    sign: int


# A partly written design doc as fixed text and switchable blocks. With every block that raises the
# score on and every block that lowers it off, the page is complete (the admonition goes away).
SERVE_PAGE: list[str | Block] = [
    "# Profile Cache Design Document\n\n## Current Context\n",
    Block(
        "context",
        "The reader service hits the database for every profile view.\n",
        "TBD\n",
        -1,
    ),
    "\n## Requirements\n\n### Functional Requirements\n"
    "- Serve a profile from memory while it is fresh.\n\n### Non-Functional Requirements\n",
    Block(
        "non-functional",
        "- Performance expectations\n- Scalability needs\n",
        "- 99% of reads within 5 ms.\n- 20,000 reads per second at launch.\n",
        +1,
    ),
    "\n## Design Decisions\n\n### 1. Read-through cache\n"
    "Will put a read-through cache in front of the database because most reads repeat.\n"
    "\n## Technical Design\n\n### 1. Core Components\nA `ProfileCache` wraps the store.\n"
    "\n### 2. Data Models\nA cache entry holds the profile and its version.\n",
    Block(
        "integration",
        "",
        "\n### 3. Integration Points\nThe reader service calls the cache, not the database.\n",
        +1,
    ),
    "\n## Implementation Plan\n1. Build the cache behind a flag.\n"
    "2. Turn it on for 5%, then for everyone.\n",
    Block(
        "testing",
        "",
        "\n## Testing Strategy\n\n### Unit Tests\n- Expiry, and invalidation on writes.\n"
        "\n### Integration Tests\n- The reader service against a real Redis.\n",
        +1,
    ),
    "\n## Observability\n\n### Logging\n",
    Block(
        "logging",
        "- Key logging points\n- Log levels\n",
        "- Each miss is logged with the profile id.\n",
        +1,
    ),
    "\n### Metrics\n- Hit rate and latency per endpoint.\n"
    "\n## Future Considerations\n\n### Potential Enhancements\n- Warm the cache on deploy.\n"
    "\n### Known Limitations\n- Entries may be 30 seconds stale.\n",
    Block("note", "", "- Profiles over 1 MB are never cached.\n", 0),
    "\n## Dependencies\n\n### Runtime Dependencies\n",
    Block("runtime", "- Redis 7, on the shared cluster.\n", "", -1),
    "\n### Development Dependencies\nN/A — nothing new.\n"
    "\n## Security Considerations\n- Only the reader service can reach the cache.\n"
    "\n## Rollout Strategy\n1. Dark launch, then 5%, 50%, 100%.\n\n## References\n",
    Block("references", "TODO\n", "- The profile service design document.\n", +1),
]
BLOCKS = {part.name: part for part in SERVE_PAGE if isinstance(part, Block)}
# The order blocks are switched in: first a missing section completed, the page complete after six
# switches, then sections emptied; switching back in the same order, and so on.
ORDER = ["testing", "non-functional", "integration", "note", "logging", "references"]
ORDER += ["context", "runtime"]


def serve_page(on: set[str], revision: int) -> str:
    body = "".join(
        part if isinstance(part, str) else (part.on if part.name in on else part.off)
        for part in SERVE_PAGE
    )
    # The title (front matter) tells which revision the browser shows; it does not affect judging.
    return page("design-doc", body, title=f"Profile Cache r{revision:03d}")


STATE_JS = """
() => {
  if (document.readyState === 'loading') return null;
  const badges = [...document.querySelectorAll('.spec-badge')];
  return {
    title: document.title,
    badges: badges.length,
    rows: document.querySelectorAll('.spec-badge-row').length,
    admonitions: document.querySelectorAll('.spec-missing').length,
    score: badges.length ? Number(badges[0].dataset.specScore) : null,
    items: [...document.querySelectorAll('li[data-spec-state]')].map(
      li => [li.dataset.specSection, li.dataset.specState]),
  };
}
"""


def write_atomically(target: Path, text: str) -> None:
    """Save as editors do, without the server ever reading half a file."""
    temp = target.parent.parent / f".{target.name}.tmp"  # outside docs_dir: not watched
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)


def test_serve_edits_in_the_browser(chromium, tmp_path, capsys):
    from playwright.sync_api import Error as PlaywrightError

    from mkdocs_spec_plugin.cli import main as mkdocs_spec

    source = tmp_path / "docs" / "cache.md"
    on: set[str] = set()
    config = write_site(tmp_path, {"cache.md": serve_page(on, 0)}, theme="material")

    def check() -> dict[str, Any]:
        """`mkdocs-spec check --format json` on the file as it is now, in-process."""
        capsys.readouterr()
        code = mkdocs_spec(
            ["check", "--format", "json", "--fail-under", "0", "-f", str(config), str(source)]
        )
        out = capsys.readouterr().out
        assert code == 0, out
        (report,) = json.loads(out)["pages"]
        return report

    watch = Watch()
    context, tab = new_page(chromium, watch)
    reloads = 0
    with mkdocs_serve(config, ENV) as server, closing(context):

        def state_of(revision: int, timeout: float, reload_after: float | None) -> dict[str, Any]:
            """Wait until the browser shows the page at `revision`, by live reload; past
            `reload_after` seconds, also by reloading it."""
            nonlocal reloads
            marker = f"r{revision:03d}"
            start = last = time.monotonic()
            while True:
                try:
                    state = tab.evaluate(STATE_JS)
                except PlaywrightError:  # a (live) reload under way
                    state = None
                if state and marker in state["title"]:
                    return state
                now = time.monotonic()
                if now - start > timeout:
                    raise AssertionError(
                        f"the browser never showed {marker} (it shows {state and state['title']})"
                        f"; server log:\n{server.tail()}"
                    )
                if reload_after is not None and now - last > reload_after:
                    last = now
                    reloads += 1
                    with suppress(PlaywrightError):
                        tab.reload(wait_until="commit")
                time.sleep(0.02)

        url = f"{server.url}/cache/"
        deadline = time.monotonic() + 60
        while True:
            try:
                if tab.goto(url, wait_until="load").ok:
                    break
            except PlaywrightError:
                pass
            assert time.monotonic() < deadline, f"{url} never answered:\n{server.tail()}"
            time.sleep(0.2)

        state = state_of(0, 10, None)
        previous = state["score"]
        assert previous == check()["score"]
        assert (state["badges"], state["rows"], state["admonitions"]) == (1, 1, 1), state

        started = time.monotonic()
        complete_seen = 0
        latencies: list[float] = []
        for revision in range(1, EDITS + 1):
            block = BLOCKS[ORDER[(revision - 1) % len(ORDER)]]
            switching_on = block.name not in on
            on.symmetric_difference_update({block.name})
            saved = time.monotonic()
            write_atomically(source, serve_page(on, revision))
            report = check()
            # The first edit completes a missing section; it must arrive by live reload alone.
            state = state_of(revision, 30, None if revision == 1 else 3.0)
            latencies.append(time.monotonic() - saved)
            what = f"edit {revision} ({block.name} {'on' if switching_on else 'off'}): {state}"
            assert state["badges"] == 1 and state["rows"] == 1, what
            assert state["admonitions"] <= 1, what
            assert state["score"] == report["score"], f"{what}; check says {report['score']}"
            assert dict(state["items"]) == cli_sections(report), what
            assert len(state["items"]) == len(dict(state["items"])), what
            if report["score"] == 100:
                complete_seen += 1
                assert state["admonitions"] == 0, what
            else:
                assert state["admonitions"] == 1, what
            direction = block.sign if switching_on else -block.sign
            if direction > 0:
                assert state["score"] > previous, what
            elif direction < 0:
                assert state["score"] < previous, what
            else:
                assert state["score"] == previous, what
            previous = state["score"]
        elapsed = time.monotonic() - started
        problems = watch.problems()
    # The browser was closed before the server stopped (its live-reload request was still open).

    assert server.process.returncode is not None, "mkdocs serve did not stop"
    assert complete_seen, "the edits never made the page complete"
    with capsys.disabled():
        print(
            f"\n{EDITS} edits under mkdocs serve in {elapsed:.1f} s "
            f"({reloads} manual reloads); from save to shown: median "
            f"{sorted(latencies)[len(latencies) // 2]:.2f} s, max {max(latencies):.2f} s; "
            f"ignored: {sorted(set(watch.ignored))}"
        )
    assert not problems, problems
