"""The site report in a real browser (headless Chromium via Playwright) on the `mkdocs`,
`readthedocs` and Material (light and dark) themes, at a desktop width and at 390 px: the theme's
own table styling, nothing clipped, charts in view, filters that work with script and stay out of
the way without. Screenshots are saved (their folder is printed; `pytest -s` shows it).

Under CI=true these tests never skip: a missing /usr/bin/chromium or Playwright fails them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import Watch, static_server
from conftest import build, spec_page, write_site

THEMES = {
    "mkdocs": {"name": "mkdocs"},
    "readthedocs": {"name": "readthedocs"},
    "material-light": {"name": "material"},
    "material-dark": {"name": "material", "palette": {"scheme": "slate"}},
}
WIDTHS = {"desktop": 1280, "phone": 390}

LAYOUT_JS = """
() => {
  const table = document.querySelector('.spec-report table');
  const cell = table.querySelector('tbody td');
  const style = getComputedStyle(cell);
  const borders = ['Top', 'Bottom', 'Left', 'Right'].map(
    (side) => parseFloat(style['border' + side + 'Width']) || 0);
  const rowBorders = [...table.querySelectorAll('tbody tr, tbody td, table')].some((el) => {
    const s = getComputedStyle(el);
    return ['Top', 'Bottom'].some((side) => parseFloat(s['border' + side + 'Width']) > 0);
  });
  // A table wider than its place must sit in a box that scrolls sideways, not be cut off.
  let scroller = null;
  for (let el = table; el && el !== document.body; el = el.parentElement) {
    const s = getComputedStyle(el);
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth) {
      scroller = el.tagName + '.' + el.className;
      break;
    }
  }
  let narrowest = Infinity;
  for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
    narrowest = Math.min(narrowest, el.getBoundingClientRect().right);
  }
  const charts = [...document.querySelectorAll('svg.spec-chart')].map((svg) => {
    const r = svg.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width};
  });
  return {
    padding: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight),
    borders: borders, rowBorders: rowBorders,
    tableRight: table.getBoundingClientRect().right, scroller: scroller,
    pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
    charts: charts, formHidden: document.querySelector('form.spec-report-filters').hidden,
  };
}
"""


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report-screenshots")
    print(f"\nreport screenshots: {folder}")
    return folder


@pytest.fixture(scope="module", params=list(THEMES))
def site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"report-{request.param}")
    pages = {f"specs/page-{n:02}.md": spec_page(n) for n in range(25)}
    pages["index.md"] = "# Home\n"
    # With search, as sites have it: the mkdocs theme's script fails on a page without its modal.
    config = write_site(
        root, pages, {"theme": THEMES[request.param], "plugins": ["search", "spec"]}
    )
    return request.param, build(config).site


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_report_reads_well_on_every_theme(chromium, screenshots, site, width):
    theme, folder = site
    context = chromium.new_context(viewport={"width": WIDTHS[width], "height": 900})
    watch = Watch()
    try:
        tab = context.new_page()
        watch.attach(tab)
        with static_server(folder) as base:
            tab.goto(f"{base}/spec-report/", wait_until="load")
            layout = tab.evaluate(LAYOUT_JS)
            tab.screenshot(path=str(screenshots / f"{theme}-{width}.png"), full_page=True)
    finally:
        context.close()
    where = f"[{theme}, {width}; screenshots in {screenshots}]"
    assert not watch.problems(), where
    assert layout["padding"] >= 4, f"cells without padding {where}"
    assert layout["rowBorders"] or any(layout["borders"]), f"no borders between rows {where}"
    # Nothing runs off the page: the page itself never scrolls sideways...
    assert layout["pageWidth"] <= layout["viewport"] + 1, f"the page overflows {where}"
    # ...and a table wider than its column scrolls in its own box.
    if layout["tableRight"] > layout["viewport"] + 1:
        assert layout["scroller"], f"the table is clipped {where}"
    for chart in layout["charts"]:
        assert chart["left"] >= 0 and chart["right"] <= layout["viewport"] + 1, where
        assert chart["width"] >= min(300, WIDTHS[width] - 80), f"a chart too small {where}"
    assert not layout["formHidden"], f"the script did not show the filters {where}"


def test_filters_show_the_rows_asked_for_and_stay_hidden_without_script(chromium, tmp_path):
    pages = {f"specs/page-{n:02}.md": spec_page(n) for n in range(15)}
    folder = build(write_site(tmp_path, pages, {"theme": {"name": "material"}})).site
    with static_server(folder) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        try:
            tab = context.new_page()
            tab.goto(f"{base}/spec-report/", wait_until="load")
            visible = "() => [...document.querySelectorAll('.spec-report tbody tr')]"
            count = visible + ".filter((r) => !r.hidden).length"
            total = tab.evaluate(count)
            assert total == 15
            tab.select_option("form.spec-report-filters select[name=template]", "design-doc")
            rows = tab.evaluate(
                visible + ".filter((r) => !r.hidden).map((r) => r.dataset.template)"
            )
            assert rows and set(rows) == {"design-doc"}
            assert tab.input_value("form.spec-report-filters select[name=template]")
            output = tab.evaluate("() => document.querySelector('output[name=shown]').value")
            assert output == f"{len(rows)} of 15 pages"
            tab.select_option("form.spec-report-filters select[name=template]", "")
            tab.fill("form.spec-report-filters input[name=below]", "50")
            scores = tab.evaluate(
                visible + ".filter((r) => !r.hidden).map((r) => +r.dataset.score)"
            )
            assert scores and max(scores) < 50
            tab.goto(f"{base}/spec-report/#spec-gap-0", wait_until="load")
            assert tab.evaluate("() => document.getElementById('spec-gap-0').open")
        finally:
            context.close()
        context = chromium.new_context(java_script_enabled=False)
        try:
            tab = context.new_page()
            tab.goto(f"{base}/spec-report/", wait_until="load")
            assert not tab.is_visible("form.spec-report-filters")
            assert tab.locator(".spec-report tbody tr").count() == 15  # the whole table
        finally:
            context.close()
