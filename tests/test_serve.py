"""`mkdocs serve`: the real server, previews that differ from the build, rebuilds after edits."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ENV, SPEC_PAGES, badge, build, page, spec_site, write_site

PARTIAL = """
# Cache Design Document

## Current Context
The reader service hits the database for every profile view.
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def serve(config: Path, *options: str):
    port = free_port()
    address = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=ENV,
        cwd=config.parent,
        # A suite started in the background of a script inherits SIGINT ignored, and so would
        # the server: Ctrl+C is then never delivered, as for any program started that way. The
        # server gets what a terminal gives it.
        preexec_fn=_default_sigint,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)


def fetch(url: str, timeout: float = 60.0) -> BeautifulSoup:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return BeautifulSoup(response.read().decode("utf-8"), "html.parser")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def score(soup: BeautifulSoup) -> int:
    badges = soup.select(".spec-badge")
    assert len(badges) == 1
    return int(badges[0]["data-spec-score"])


def test_admonition_in_previews_only(tmp_path):
    config = write_site(
        tmp_path,
        {"cache.md": page("design-doc", PARTIAL)},
        {"plugins": [{"spec": {"admonition": "serve"}}]},
    )
    built = build(config)
    assert built.html("cache.md").select(".spec-missing") == []
    assert len(built.html("cache.md").select(".spec-badge")) == 1
    with serve(config) as (url, _):
        soup = fetch(f"{url}/cache/")
        assert len(soup.select(".spec-missing")) == 1


def test_edits_move_the_badge_and_never_inject_twice(tmp_path):
    config = write_site(tmp_path, {"cache.md": page("design-doc", PARTIAL)})
    source = tmp_path / "docs" / "cache.md"
    with serve(config) as (url, _):
        first = score(fetch(f"{url}/cache/"))
        source.write_text(
            source.read_text() + "\n## Rollout Strategy\nDark launch, then 5%, 50%, 100%.\n"
        )
        deadline = time.monotonic() + 60
        while True:
            soup = fetch(f"{url}/cache/")
            if score(soup) > first or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert score(soup) > first
        assert len(soup.select(".spec-missing")) == 1
        assert len(soup.select(".spec-badge-row")) == 1


def test_a_rebuild_rejudges_only_the_changed_page(tmp_path):
    pages = {f"spec{n}.md": page("design-doc", PARTIAL) for n in range(5)}
    config = write_site(tmp_path, pages)
    with serve(config, "-v") as (url, process):
        fetch(f"{url}/spec0/")
        (tmp_path / "docs" / "spec3.md").write_text(
            page("design-doc", PARTIAL + "\n## Rollout Strategy\nCanary first.\n")
        )
        lines: list[str] = []
        _read_until(process, "judged 1 of 5 spec pages", lines, timeout=60)
        assert any("judged 5 of 5 spec pages" in line for line in lines)  # the first build
        soup = fetch(f"{url}/spec3/")
        assert score(soup) > score(fetch(f"{url}/spec0/"))


def test_a_dirty_rebuild_warns_only_about_the_page_it_rendered(tmp_path):
    """`serve --dirty` renders the changed page alone: the others keep their verdicts (the report
    still covers them) and are not warned about again at every rebuild."""
    pages = {f"spec{n}.md": page("design-doc", PARTIAL) for n in range(3)}
    config = write_site(tmp_path, pages)
    lines: list[str] = []
    with serve(config, "--dirty", "-v") as (url, process):
        _read_until(process, "judged 3 of 3 spec pages", lines, timeout=60)
        assert sum("WARNING" in line and "design-doc" in line for line in lines) == 3
        _read_until(process, "Serving on", lines, timeout=60)  # watching from here on
        (tmp_path / "docs" / "spec1.md").write_text(page("design-doc", PARTIAL + "\nMore.\n"))
        rebuild: list[str] = []
        _read_until(process, "judged 1 of 3 spec pages", rebuild, timeout=60)
        warned = [line for line in rebuild if "WARNING" in line and "design-doc" in line]
        assert len(warned) == 1 and "spec1.md" in warned[0]
        assert len(fetch(f"{url}/spec-report/").select(".spec-report table tbody tr")) == 3


def _read_until(
    process: subprocess.Popen, text: str, lines: list[str], timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline().decode()
        lines.append(line)
        if text in line:
            return
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"no '{text}' in:\n{''.join(lines)}")


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "killed"])
def test_a_large_site_rebuilds_in_one_process_and_stops_at_once(tmp_path, stop):
    """`mkdocs serve` of a site with over a hundred spec pages judges them in its own process,
    across rebuilds, and starts no other process; Ctrl+C stops it with no traceback."""
    config = write_site(tmp_path, spec_site())
    lines: list[str] = []
    with serve(config, "-v") as (url, process):
        _read_until(process, f"judged {SPEC_PAGES} of {SPEC_PAGES} spec pages", lines)
        assert _children(process.pid) == set()
        assert badge(fetch(f"{url}/specs/page-003/"))["data-spec-template"] == "feature-design"
        (tmp_path / "docs" / "specs" / "page-003.md").write_text(page("design-doc", PARTIAL))
        _read_until(process, f"judged 1 of {SPEC_PAGES} spec pages", lines)
        assert badge(fetch(f"{url}/specs/page-003/"))["data-spec-template"] == "design-doc"
        assert _children(process.pid) == set()
        process.send_signal(stop)
        out, _ = process.communicate(timeout=60)
    assert "Traceback" not in "".join(lines) + out.decode()


def test_template_edits_outside_docs_dir_rejudge_the_preview(tmp_path):
    """`templates_dir` beside docs_dir (the README's layout) is watched: an edit re-judges the
    pages, and a broken template while serving is a warning that keeps the last good ones."""
    team = tmp_path / "team"
    team.mkdir()
    template = team / "note.md"
    template.write_text("# [Title]\n\n## Summary\n[What]\n", "utf-8")
    config = write_site(
        tmp_path,
        {"n.md": page("note", "# N\n\n## Summary\nDone.\n")},
        {"plugins": [{"spec": {"templates_dir": "team"}}]},
    )
    lines: list[str] = []
    with serve(config, "-v") as (url, process):
        _read_until(process, "judged 1 of 1 spec pages", lines, timeout=60)  # the first build
        assert score(fetch(f"{url}/n/")) == 100
        template.write_text("# [Title]\n\n## Summary\n[What]\n\n## Risks\n[Which]\n", "utf-8")
        _read_until(process, "judged 1 of 1 spec pages", lines, timeout=60)
        assert score(fetch(f"{url}/n/")) == 50
        template.write_text("---\nextends: nowhere\n---\n\n## Risks\n", "utf-8")
        _read_until(process, "the preview keeps the last templates that loaded", lines, 60)
        _read_until(process, "spec pages", lines, timeout=60)
        assert score(fetch(f"{url}/n/")) == 50
        assert process.poll() is None


def test_moving_a_pin_alone_rejudges_the_preview(tmp_path):
    """Verdicts are reused by template version: `spec: kep@1` -> `kep@2` leaves the page's HTML
    as it was, and the badge must still follow the new version."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "kep@1.md").write_text("# [Title]\n\n## Summary\n[What]\n", "utf-8")
    (team / "kep@2.md").write_text(
        "# [Title]\n\n## Summary\n[What]\n\n## Risks\n[Which]\n", "utf-8"
    )
    body = "# N\n\n## Summary\nDone.\n"
    config = write_site(
        tmp_path, {"n.md": page("kep@1", body)}, {"plugins": [{"spec": {"templates_dir": "team"}}]}
    )
    lines: list[str] = []
    with serve(config, "-v") as (url, process):
        _read_until(process, "judged 1 of 1 spec pages", lines, timeout=60)
        assert score(fetch(f"{url}/n/")) == 100
        (tmp_path / "docs" / "n.md").write_text(page("kep@2", body), "utf-8")
        _read_until(process, "spec pages", lines, timeout=60)
        assert score(fetch(f"{url}/n/")) == 50
