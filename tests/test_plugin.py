"""The `spec` plugin in real builds: what it adds to pages, what it leaves alone, what it warns."""

from __future__ import annotations

import json
import re

import pytest

from conftest import badge, build, cli, page, states, template_body, write_site

PARTIAL = """
# Cache Design Document

## Current Context
The reader service hits the database for every profile view.

## Requirements
### Functional Requirements
- Serve profile reads from memory.

## Rollout Strategy
Dark launch, then 5%, 50%, 100%.
"""


def test_badge_and_admonition_follow_the_title(site):
    built = site({"cache.md": page("design-doc", PARTIAL)})
    soup = built.html("cache.md")
    shown = badge(soup)
    assert shown is not None
    assert shown["data-spec-template"] == "design-doc"
    score = int(shown["data-spec-score"])
    assert 0 < score < 100
    assert shown.get_text() == f"Spec {score}% · 4 of 26 sections"
    assert shown["href"] == "#spec-missing"
    h1 = soup.select_one("[role=main] h1, .col-md-9 h1") or soup.find("h1")
    following = [el for el in h1.find_next_siblings() if el.name != "link"]
    assert "spec-badge-row" in following[0]["class"]
    assert "spec-missing" in following[1]["class"]
    listed = states(soup)
    assert listed["Requirements / Non-Functional Requirements"] == "missing"
    assert listed["Design Decisions"] == "missing"
    assert "Current Context" not in listed
    assert len(soup.select(".spec-missing")) == 1


def test_page_without_h1_gets_the_verdict_at_the_top(site):
    built = site({"cache.md": page("design-doc", PARTIAL.replace("# Cache Design Document\n", ""))})
    article = built.html("cache.md").select_one(".spec-badge-row")
    assert article is not None
    assert article.find_previous_sibling(["h1", "h2", "p"]) is None


def _complete_design_doc() -> str:
    body = template_body("design-doc")
    # Replace each guidance line with the author's own words; keep the headings.
    lines = []
    for number, line in enumerate(body.splitlines()):
        heading = line.startswith("##") or number == 0  # not the `#` comments in its code
        lines.append(line if heading else f"Our own words, line {number}.")
    text = "\n".join(lines).replace("[Feature/Component Name]", "Cache")
    text = text.replace("### 1. [Major Decision Area]", "### 1. Eviction")
    text = text.replace("### 2. [Another Decision Area]", "### 2. Storage")
    return page("design-doc", text)


def test_complete_page_has_badge_but_no_admonition(site):
    built = site({"done.md": _complete_design_doc()})
    soup = built.html("done.md")
    assert badge(soup)["data-spec-score"] == "100"
    assert soup.select(".spec-missing") == []
    assert badge(soup).name == "span"  # nothing to link to


def test_badge_when_complete_false_shows_badges_only_below_100(site):
    built = site(
        {"done.md": _complete_design_doc(), "cache.md": page("design-doc", PARTIAL)},
        {"plugins": [{"spec": {"badge_when_complete": False}}]},
    )
    done = built.html("done.md")
    assert badge(done) is None and done.select(".spec-missing") == []
    assert done.select('link[href*="mkdocs-spec"]') == []  # the page is left as it was
    assert 0 < int(badge(built.html("cache.md"))["data-spec-score"]) < 100
    report = json.loads((built.site / "spec-report.json").read_text("utf-8"))
    assert {p["path"]: p["score"] for p in report["pages"]}["done.md"] == 100  # still judged


def test_pages_without_the_key_are_untouched(tmp_path):
    pages = {
        "plain.md": "# Plain\n\n## Overview\n\nNo template here.\n",
        "spec.md": page("design-doc", PARTIAL),
    }
    with_plugin = build(write_site(tmp_path / "on", pages))
    without = build(write_site(tmp_path / "off", pages, {"plugins": []}))
    on = (with_plugin.site / "plain" / "index.html").read_bytes()
    off = (without.site / "plain" / "index.html").read_bytes()
    assert on == off
    assert (with_plugin.site / "assets/mkdocs-spec/spec.css").is_file()
    assert "spec.css" in (with_plugin.site / "spec" / "index.html").read_text()


def test_source_files_are_never_modified(tmp_path):
    text = page("design-doc", PARTIAL)
    config = write_site(tmp_path, {"cache.md": text})
    before = (tmp_path / "docs" / "cache.md").read_bytes()
    build(config)
    assert (tmp_path / "docs" / "cache.md").read_bytes() == before


def test_unknown_template_id_warns_with_the_closest_ids(site):
    built = site({"typo.md": page("design-dok", "# Typo\n\nText.\n")})
    assert "typo.md" in built.log
    assert "'design-dok'" in built.log
    assert "did you mean 'design-doc'" in built.log
    assert badge(built.html("typo.md")) is None


@pytest.mark.parametrize("value", [5, ["design-doc", 5], [], "", None, True, {"id": "x"}])
def test_wrong_value_types_warn_and_never_crash(site, value):
    text = (
        "---\n" + f"spec: {value!r}\n".replace("None", "").replace("True", "true") + "---\n\n# P\n"
    )
    if isinstance(value, (list, dict)):
        import yaml

        text = "---\n" + yaml.safe_dump({"spec": value}) + "---\n\n# P\n"
    built = site({"p.md": text})
    assert "WARNING" in built.log and "p.md" in built.log and "'spec'" in built.log
    assert badge(built.html("p.md")) is None


@pytest.mark.parametrize("value", ["false", "none"])
def test_pages_can_opt_out(site, value):
    built = site({"p.md": f"---\nspec: {value}\n---\n\n# P\n"})
    assert "WARNING" not in built.log
    assert badge(built.html("p.md")) is None


def test_strict_build_fails_on_a_warning(tmp_path):
    config = write_site(tmp_path, {"typo.md": page("nope", "# Typo\n")})
    result = build(config, "--strict", check=False)
    assert result.result.returncode != 0


@pytest.mark.parametrize("value", [True, False])
def test_the_retired_parallel_option_still_builds_with_a_warning(tmp_path, value):
    """`parallel` asked for a worker process that is gone: a site that still sets it builds the
    same pages, and both the build and `check` say the option can be removed."""
    config = write_site(
        tmp_path,
        {"cache.md": page("design-doc", PARTIAL)},
        {"plugins": [{"spec": {"parallel": value}}]},
    )
    built = build(config)
    log = built.result.stdout + built.result.stderr
    assert "'parallel' has no effect any more" in log
    assert badge(built.html("cache.md"))["data-spec-template"] == "design-doc"
    assert build(config, "--strict", check=False).result.returncode != 0  # MkDocs' convention
    checked = cli("check", "-f", str(config), cwd=tmp_path)
    assert "option 'parallel'" in checked.stderr and "has no effect" in checked.stderr


def test_custom_key(site):
    built = site(
        {"cache.md": page(None, PARTIAL, doc_template="design-doc")},
        {"plugins": [{"spec": {"key": "doc_template"}}]},
    )
    assert badge(built.html("cache.md"))["data-spec-template"] == "design-doc"


def test_key_template_is_refused(tmp_path):
    config = write_site(tmp_path, {"a.md": "# A\n"}, {"plugins": [{"spec": {"key": "template"}}]})
    result = build(config, check=False).result
    assert result.returncode != 0
    assert "theme" in result.stdout + result.stderr


def test_display_options(site):
    built = site(
        {"cache.md": page("design-doc", PARTIAL)},
        {"plugins": [{"spec": {"collapsible": False}}]},
    )
    box = built.html("cache.md").select_one(".spec-missing")
    assert box.name == "div" and box.select_one(".admonition-title") is not None


def test_badge_only(site):
    built = site(
        {"cache.md": page("design-doc", PARTIAL)}, {"plugins": [{"spec": {"admonition": False}}]}
    )
    soup = built.html("cache.md")
    assert badge(soup) is not None and soup.select(".spec-missing") == []


def test_disabled_plugin_changes_nothing(site):
    built = site(
        {"cache.md": page("design-doc", PARTIAL)}, {"plugins": [{"spec": {"enabled": False}}]}
    )
    assert badge(built.html("cache.md")) is None


def test_heading_text_is_escaped(site):
    body = (
        PARTIAL + '\n## Security <script>alert(1)</script> "><img src=x onerror=alert(2)>\n\nX.\n'
    )
    built = site({"x.md": page("design-doc", body)})
    soup = built.html("x.md")
    box = soup.select_one(".spec-missing")
    assert box.find("script") is None and box.find("img") is None


def test_band_colours_are_configurable(site):
    bands = [{"min": 0, "color": "#123456"}]
    built = site(
        {"cache.md": page("design-doc", PARTIAL)}, {"plugins": [{"spec": {"bands": bands}}]}
    )
    assert "#123456" in badge(built.html("cache.md"))["style"]


def test_material_theme(site):
    built = site({"cache.md": page("design-doc", PARTIAL)}, theme="material")
    soup = built.html("cache.md")
    assert badge(soup) is not None
    assert soup.select_one("article h1 + link + .spec-badge-row") is not None


def test_nav_status_tooltips_say_each_page_s_own_counts(site):
    # Both pages score 0%, against templates of different sizes: one status id each.
    pages = {
        "index.md": "# Home\n",
        "a.md": page("design-doc", "# A\n"),
        "b.md": page("tech-spec", "# B\n"),
        "c.md": page("design-doc", "# C\n"),
    }
    config = {"plugins": [{"spec": {"nav_status": True}}], "nav": [*pages]}
    nav = site(pages, config, theme="material").html("index.md").select_one("nav.md-nav--primary")
    titles = {name: nav.select_one(f'a[href$="{name}/"] .md-status') for name in "abc"}
    assert all(
        t is not None and "md-status--spec-band0-0" in " ".join(t["class"]) for t in titles.values()
    )
    assert titles["a"]["title"] == titles["c"]["title"] == "Spec 0% · 0 of 26 sections"
    assert titles["b"]["title"] != titles["a"]["title"]
    assert "0 of 26" not in titles["b"]["title"]


def test_material_nav_status(site):
    pages = {
        "index.md": "# Home\n",
        "cache.md": page("design-doc", PARTIAL),
        "done.md": _complete_design_doc(),
        "mine.md": page("design-doc", PARTIAL, status="new"),
        "plain.md": "# Plain\n",
        "some.md": page("tech-spec", "# Search\n\n## Overview\nFull-text search.\n"),
    }
    config = {
        "plugins": [{"spec": {"nav_status": True}}],
        "nav": ["index.md", "cache.md", "done.md", "mine.md", "plain.md", "some.md"],
    }
    built = site(pages, config, theme="material")
    nav = built.html("plain.md").select_one("nav.md-nav--primary")
    icon = nav.select_one('a[href$="cache/"] .md-status')
    assert icon is not None and "md-status--spec-band0-15" in icon["class"]
    assert icon["title"] == "Spec 15% · 4 of 26 sections"
    assert nav.select_one('a[href$="done/"] .md-status--spec-complete') is not None
    assert nav.select_one('a[href$="mine/"] .md-status--new') is not None  # the author's own
    assert nav.select_one('a[href$="plain/"] .md-status') is None
    head = str(built.html("plain.md").head)
    assert "assets/mkdocs-spec/spec.css" in head and "assets/mkdocs-spec/nav-status.css" in head
    # One icon per band, in the band's colour: pages in different bands look different.
    some = nav.select_one('a[href$="some/"] .md-status')["class"]
    score = int(next(c for c in some if c.startswith("md-status--spec-")).rsplit("-", 1)[1])
    band = {0: 0, 40: 1, 75: 2}[max(m for m in (0, 40, 75) if score >= m)]
    assert f"md-status--spec-band{band}-{score}" in some
    css = (built.site / "assets/mkdocs-spec/nav-status.css").read_text("utf-8")
    rules = dict(re.findall(r'md-status--spec-(band\d)-"\]::after \{([^}]*)\}', css))
    assert sorted(rules) == ["band0", "band1", "band2", "band3"]
    assert len({re.search(r"d='([^']*)'", rule)[1] for rule in rules.values()}) == 4  # shapes
    assert "#cf222e" in rules["band0"] and "#0969da" in rules["band2"]


def test_the_verdict_is_not_in_the_search_index(tmp_path):
    """Searching a section name must find the pages that have it, not every page listing it as
    missing."""
    config = write_site(
        tmp_path, {"cache.md": page("design-doc", PARTIAL)}, {"plugins": ["search", "spec"]}
    )
    built = build(config)
    assert "Design Decisions" in states(built.html("cache.md"))  # listed on the page
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(
        f"{doc['title']} {doc['text']}"
        for doc in index["docs"]
        if doc["location"].startswith("cache/")
    )
    assert "reader service hits the database" in indexed  # the page's own text is
    assert "Design Decisions" not in indexed
    assert "missing" not in indexed and "Spec " not in indexed


COMMENTS = r"""
import re

from mkdocs.plugins import event_priority

def _drop_comments(html):
    return re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)

@event_priority(-100)
def on_page_content(html, page, config, files):
    return _drop_comments(html) if "{content}" == "yes" else html

def on_post_page(output, page, config):
    return _drop_comments(output)  # as a minifier does
"""


@pytest.mark.parametrize("in_content", ["yes", "no"])
def test_the_verdict_survives_plugins_that_drop_comments(tmp_path, in_content):
    """The verdict's place is marked with a comment: a plugin that drops comments from the page's
    content, or a minifier that drops them from the written page, does not lose the verdict."""
    (tmp_path / "hooks.py").write_text(COMMENTS.replace("{content}", in_content), "utf-8")
    config = write_site(
        tmp_path, {"cache.md": page("design-doc", PARTIAL)}, {"hooks": ["hooks.py"]}
    )
    built = build(config)
    soup = built.html("cache.md")
    assert badge(soup) is not None
    assert len(soup.select(".spec-missing")) == 1
    following = [el for el in soup.find("h1").find_next_siblings() if el.name != "link"]
    assert "spec-badge-row" in following[0]["class"]
    assert "mkdocs-spec-verdict" not in (built.site / "cache" / "index.html").read_text("utf-8")


EXTENSION_OBJECTS = """
from markdown.extensions.tables import TableExtension
from mkdocs.plugins import event_priority


@event_priority(100)  # before `spec`, as mkdocstrings and autorefs add theirs
def on_config(config):
    config.markdown_extensions.append(TableExtension())
    return config
"""


def test_extension_objects_in_markdown_extensions(tmp_path):
    """mkdocstrings and autorefs put extension objects, not names, in `markdown_extensions`:
    the build goes on, and the object's extension is part of the site's profile."""
    (tmp_path / "hooks.py").write_text(EXTENSION_OBJECTS, "utf-8")
    config = write_site(
        tmp_path, {"cache.md": page("design-doc", PARTIAL)}, {"hooks": ["hooks.py"]}
    )
    built = build(config)
    assert "Traceback" not in built.log and badge(built.html("cache.md")) is not None
