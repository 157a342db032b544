"""The badge's colour and the nav icon of a score, from the site's `bands` (each `{min, color}`):
the badge, the report's charts and table, and the Material nav status read them here."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any


def band_color(score: int, bands: Sequence[Mapping[str, Any]]) -> str:
    """The colour of the highest band whose `min` the score reaches."""
    usable = sorted((b for b in bands if b.get("min") is not None), key=lambda b: -b["min"])
    for band in usable:
        if score >= band["min"] and band.get("color"):
            return str(band["color"])
    return usable[-1]["color"] if usable else "#57606a"


def band_index(score: int, bands: Sequence[Mapping[str, Any]]) -> int:
    """Which band a score falls in: 0 for the lowest `min`, counting up."""
    mins = sorted({int(b["min"]) for b in bands if b.get("min") is not None})
    return max([i for i, low in enumerate(mins) if score >= low], default=0)


def nav_status_css(bands: Sequence[Mapping[str, Any]]) -> str:
    """Material nav status icons, one per band: a ring filled as far as the band's `min`, in the
    band's colour, so a page at 10% and one at 60% no longer look alike."""
    rules = []
    mins = sorted({int(b["min"]) for b in bands if b.get("min") is not None})
    for index, low in enumerate(mins):
        icon = _ring(low / 100)
        rules.append(
            f'.md-status[class*="md-status--spec-band{index}-"]::after {{'
            f"-webkit-mask-image: {icon}; mask-image: {icon};"
            f" background-color: {band_color(low, bands)}; }}"
        )
    return "\n".join(rules) + "\n"


def _ring(filled: float) -> str:
    """A data URL: a circle outline with a pie slice `filled` (0 to 1) of the way round."""
    path = "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zm0 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16z"
    if filled >= 1:
        path += "M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12z"
    elif filled > 0:
        angle = filled * 2 * math.pi
        x, y = 12 + 6 * math.sin(angle), 12 - 6 * math.cos(angle)
        large = 1 if filled > 0.5 else 0
        path += f"M12 12V6A6 6 0 {large} 1 {x:.2f} {y:.2f}z"
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
        f"<path fill-rule='evenodd' d='{path}'/></svg>"
    )
    return f'url("data:image/svg+xml;charset=utf-8,{svg}")'
