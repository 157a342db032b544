"""The stylesheet and script the verdicts and the report need, shipped in the package: the plugin
copies them into the site, `mkdocs-spec report` puts them inline in its page."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
STYLESHEET = "assets/mkdocs-spec/spec.css"
SCRIPT = "assets/mkdocs-spec/report.js"


def text(asset: str) -> str:
    return (STATIC / asset).read_text(encoding="utf-8")
