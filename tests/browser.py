"""Helpers for the real-browser tests (tests/test_browser.py): headless Debian Chromium driven by
Playwright, a static http server for built sites, `mkdocs serve` with its log in a file, and the
WCAG contrast formula.

Nothing is downloaded at run time: Playwright launches the system's /usr/bin/chromium (never
`playwright install`), and every request that does not go to 127.0.0.1 is aborted and recorded.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Belt and braces: the browser itself resolves no host but the local one.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 800}
# Requests to anything but the local servers are aborted (fonts, CDNs) and recorded.
EXTERNAL = re.compile(r"^(?!http://127\.0\.0\.1[:/]).*")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def sync_playwright_or_skip():
    """Playwright's sync API. Under CI=true a missing browser or package fails the tests; elsewhere
    the tests are skipped."""
    problems = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
        problems.append("the playwright package is missing (pip install -e '.[test]')")
    if problems:
        message = "real-browser tests need Chromium and Playwright: " + "; ".join(problems)
        if in_ci():
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    return sync_playwright


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve a built site over http on 127.0.0.1 (scripts behave as on a real site)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


@contextmanager
def mkdocs_serve(config: Path, env: dict[str, str]) -> Iterator[Server]:
    """The real `mkdocs serve` on a free port. Its output goes to a file: a pipe nobody reads
    would fill up after enough rebuilds and stall the server."""
    port = free_port()
    log = config.parent / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=config.parent,
        )
    try:
        yield Server(f"http://127.0.0.1:{port}", process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@dataclass
class Watch:
    """What a page reported: console errors and uncaught exceptions, and what was left aside
    because it only follows from an aborted external request."""

    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.route(EXTERNAL, self._block)

    def _block(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def _console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        text = f"{message.text} ({where})" if where else message.text
        failed_load = message.text.startswith("Failed to load resource")
        if failed_load and where and EXTERNAL.match(where):
            self.ignored.append(f"console: {text}")
        else:
            self.errors.append(f"console: {text}")

    def problems(self) -> list[str]:
        """Console errors and page errors, less the consequences of blocked external scripts
        (the mkdocs and readthedocs themes call `hljs.highlightAll()` from a CDN script)."""
        found = list(self.errors)
        hljs_blocked = any("highlight" in url for url in self.blocked)
        for error in self.page_errors:
            if hljs_blocked and re.search(r"\bhljs is not defined\b", error):
                self.ignored.append(f"pageerror (highlight.js from the CDN was blocked): {error}")
            else:
                found.append(f"pageerror: {error}")
        return found


# --- WCAG 2.x contrast ---------------------------------------------------------------------------

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?%?"


def parse_color(text: str) -> tuple[float, float, float, float]:
    """A computed CSS colour (`rgb(...)`, `rgba(...)`, `color(srgb ...)`) as 0-255 r, g, b and
    alpha 0-1."""
    text = text.strip().lower()
    if text == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    match = re.fullmatch(r"rgba?\((.*)\)", text)
    srgb = re.fullmatch(r"color\(srgb\s+(.*)\)", text)
    if not match and not srgb:
        raise ValueError(f"cannot parse computed colour {text!r}")
    parts = re.findall(_NUMBER, (match or srgb).group(1))
    if len(parts) not in (3, 4):
        raise ValueError(f"cannot parse computed colour {text!r}")

    def channel(value: str, scale: float) -> float:
        return float(value[:-1]) / 100 * 255 if value.endswith("%") else float(value) * scale

    rgb = [channel(p, 255.0 if srgb else 1.0) for p in parts[:3]]
    alpha = 1.0
    if len(parts) == 4:
        alpha = float(parts[3][:-1]) / 100 if parts[3].endswith("%") else float(parts[3])
    return (rgb[0], rgb[1], rgb[2], alpha)


def over(top: tuple[float, ...], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """`top` (with alpha) composited over an opaque colour."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], below))  # type: ignore[return-value]


def effective_background(layers: list[str]) -> tuple[float, float, float]:
    """The opaque colour behind an element, from its own background-color and its ancestors'
    (innermost first); the canvas is white."""
    color: tuple[float, float, float] = (255.0, 255.0, 255.0)
    for layer in reversed(layers):
        color = over(parse_color(layer), color)
    return color


def luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(style: dict[str, Any]) -> float:
    """The contrast of an element's text on what is behind it, from `STYLE_JS`'s result."""
    background = effective_background(style["backgrounds"])
    return contrast(over(parse_color(style["color"]), background), background)


# The computed colour of an element and the background-color of it and each ancestor.
STYLE_JS = """
(el) => {
  const backgrounds = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    backgrounds.push(getComputedStyle(node).backgroundColor);
  }
  return {color: getComputedStyle(el).color, backgrounds: backgrounds,
          text: el.textContent.trim().slice(0, 60)};
}
"""


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium for a test module (its tests share one browser)."""
    sync_playwright = sync_playwright_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
