"""Hostile input, round two: nothing the plugin writes leaves the site, no terminal escape
reaches `check`'s output, no badge colour carries more than a colour. Real builds, real CLI."""

from __future__ import annotations

import pytest

from conftest import build, cli, page, write_site

PAGE = "# Cache\n\n## Current Context\nText.\n"


@pytest.mark.parametrize("url", ["../somewhere/VICTIM/", "a/../../VICTIM/", "./x/", "C:/x/"])
def test_report_url_cannot_leave_the_site(tmp_path, url):
    (tmp_path / "somewhere").mkdir()
    victim = tmp_path / "somewhere" / "VICTIM.md"
    victim.write_text("precious\n", encoding="utf-8")
    config = write_site(
        tmp_path, {"a.md": page("design-doc", PAGE)}, {"plugins": [{"spec": {"report_url": url}}]}
    )
    built = build(config, check=False)
    assert built.result.returncode == 1
    assert "report_url" in built.log and "must be a path inside the site" in built.log
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not list(tmp_path.glob("**/VICTIM/index.html"))


def test_terminal_escapes_are_shown_escaped(tmp_path):
    erase = "\x1b[1A\x1b[2K"
    body = f"# Cache\n\n## Current Context{erase}\nText.\n\n## Security{erase} Considerations\nx\n"
    write_site(tmp_path, {"a.md": page("design-doc", body)})
    for fmt in ("text", "github"):
        result = cli("check", "--format", fmt, cwd=tmp_path)
        assert "\x1b" not in result.stdout + result.stderr, fmt
        assert "\\x1b[1A" in result.stdout, fmt
    data = cli("check", "--format", "json", cwd=tmp_path).stdout
    assert "\\u001b[1A" in data  # JSON keeps the text, JSON-escaped


@pytest.mark.parametrize("color", ["red; background: url(x)", "expression(alert(1))", "#12"])
def test_badge_colours_are_css_colours_only(tmp_path, color):
    bands = [{"min": 0, "color": color}]
    config = write_site(
        tmp_path, {"a.md": page("design-doc", PAGE)}, {"plugins": [{"spec": {"bands": bands}}]}
    )
    built = build(config, check=False)
    assert built.result.returncode == 1 and "expected a CSS colour" in built.log
    result = cli("check", "-f", str(config))
    assert result.returncode == 2 and "expected a CSS colour" in result.stderr


def test_a_commented_out_title_does_not_take_the_verdict(tmp_path):
    body = "<!-- <h1>Old title</h1> -->\n\n# Cache\n\n## Current Context\nText.\n"
    built = build(write_site(tmp_path, {"a.md": page("design-doc", body)}))
    soup = built.html("a.md")
    row = soup.select_one(".spec-badge-row")
    assert row is not None
    assert row.find_previous("h1").get_text(strip=True).startswith("Cache")


def test_the_report_escapes_a_title_once(tmp_path):
    built = build(write_site(tmp_path, {"a.md": page("design-doc", "# R&D cache\n\nText.\n")}))
    link = built.html("spec-report.md").select_one("table.spec-report td a")
    assert link.get_text() == "R&D cache"


def test_a_key_that_differs_only_in_case_is_a_warning(tmp_path):
    config = write_site(tmp_path, {"a.md": "---\nSpec: design-doc\n---\n\n" + PAGE})
    built = build(config)
    assert "a.md: front matter has 'Spec', but the key is 'spec' (case matters)" in built.log
    result = cli("check", cwd=tmp_path)
    assert "front matter has 'Spec', but the key is 'spec'" in result.stderr
