"""Hostile input, round two: nothing the plugin writes leaves the site, no terminal escape
reaches `check`'s output, no badge colour carries more than a colour. Real builds, real CLI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from conftest import ENV, build, cli, page, write_site

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
    link = built.html("spec-report.md").select_one(".spec-report table td a")
    assert link.get_text() == "R&D cache"


def test_a_key_that_differs_only_in_case_is_a_warning(tmp_path):
    config = write_site(tmp_path, {"a.md": "---\nSpec: design-doc\n---\n\n" + PAGE})
    built = build(config)
    assert "a.md: front matter has 'Spec', but the key is 'spec' (case matters)" in built.log
    result = cli("check", cwd=tmp_path)
    assert "front matter has 'Spec', but the key is 'spec'" in result.stderr


PARTIAL = page("design-doc", PAGE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
def test_check_never_reads_a_fifo_or_a_device(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    (tmp_path / "ok.md").write_text(PARTIAL, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_spec_plugin", "check", "--fail-under", "0",
         "pipe.md", "zero.md", "ok.md"],
        capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "pipe.md: warning: not a regular file" in result.stderr
    assert "zero.md: warning: not a regular file" in result.stderr
    assert "ok.md: design-doc" in result.stdout


def test_check_skips_a_page_larger_than_a_page_can_be(tmp_path):
    (tmp_path / "huge.md").write_bytes(b"---\nspec: design-doc\n---\n" + b"x" * (21 << 20))
    result = cli("check", "--fail-under", "0", "huge.md", cwd=tmp_path)
    assert result.returncode == 0 and "huge.md: warning: larger than 20 MB" in result.stderr
    write_site(tmp_path, {}, {"plugins": [{"spec": {"max_page_mb": 40}}]})
    result = cli("check", "--fail-under", "0", "huge.md", cwd=tmp_path)
    assert "larger than" not in result.stderr and "huge.md: design-doc" in result.stdout


def test_fix_keeps_the_bom_writes_through_symlinks_and_keeps_the_mode(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(b"\xef\xbb\xbf" + PARTIAL.encode())
    target.chmod(0o640)
    (tmp_path / "link.md").symlink_to("real.md")
    result = cli("fix", "link.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    fixed = target.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf---\nspec: design-doc")
    assert b"## Requirements" in fixed
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fix_refuses_read_only_and_hard_linked_files_and_goes_on(tmp_path):
    locked = tmp_path / "a-locked.md"
    locked.write_text(PARTIAL, encoding="utf-8")
    locked.chmod(0o444)
    linked = tmp_path / "b-linked.md"
    linked.write_text(PARTIAL, encoding="utf-8")
    os.link(linked, tmp_path / "other-name.txt")
    (tmp_path / "c-open.md").write_text(PARTIAL, encoding="utf-8")
    result = cli("fix", "a-locked.md", "b-linked.md", "c-open.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "a-locked.md: error: read-only; not changed (use --force)" in result.stderr
    assert "b-linked.md: error: hard-linked (2 names); not changed (use --force)" in result.stderr
    assert locked.read_text(encoding="utf-8") == PARTIAL
    assert "## Requirements" in (tmp_path / "c-open.md").read_text(encoding="utf-8")
    forced = cli("fix", "--force", "a-locked.md", "b-linked.md", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "## Requirements" in (tmp_path / "other-name.txt").read_text(encoding="utf-8")
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444


def test_a_write_over_a_file_that_changed_meanwhile_is_refused(tmp_path):
    from mkdocs_spec_plugin.cli.files import Changed, write_atomic

    target = tmp_path / "p.md"
    target.write_bytes(b"what fix read\n")
    read = target.read_bytes()
    target.write_bytes(b"what an editor saved meanwhile\n")
    with pytest.raises(Changed):
        write_atomic(target, b"fixed\n", replace=True, expected=read)
    assert target.read_bytes() == b"what an editor saved meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]  # no temporary file left


def test_new_respects_the_umask(tmp_path):
    write_site(tmp_path, {})
    command = f"umask 022; exec {sys.executable} -m mkdocs_spec_plugin new design-doc docs/n.md"
    result = subprocess.run(["sh", "-c", command], cwd=tmp_path, env=ENV, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "docs" / "n.md").stat().st_mode) == 0o644
