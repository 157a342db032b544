"""A whole site's verdicts in figures: the average, the spread of scores, each template's share,
and the sections most often left undone. The report page's charts, `spec-report.json` and
`mkdocs-spec report` all read one `SiteSummary`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import State
from .report import PageVerdict

# Scores are counted in bins of ten (0-9 ... 90-99), with 100 apart: "complete" is its own bar.
BIN_WIDTH = 10
TOP_GAPS = 10


def average(scores: Sequence[int]) -> int:
    """The mean score, rounded down; 100 with no pages."""
    return sum(scores) // len(scores) if scores else 100


@dataclass(frozen=True)
class TemplateFigures:
    """The pages of one template: how many, their average, and the spread of their scores."""

    id: str
    name: str
    pages: int
    average: int
    low: int
    quartile1: int
    median: int
    quartile3: int
    high: int


@dataclass(frozen=True)
class Gap:
    """A template section that pages leave missing or unfinished, and which pages."""

    template: str
    path: tuple[str, ...]
    missing: tuple[str, ...]  # page paths
    unfinished: tuple[str, ...]

    @property
    def pages(self) -> int:
        return len(self.missing) + len(self.unfinished)


@dataclass(frozen=True)
class SiteSummary:
    pages: int
    complete: int
    average: int
    bins: tuple[int, ...]  # pages per score bin: 0-9, 10-19, ... 90-99, then 100
    templates: tuple[TemplateFigures, ...]  # most pages first
    gaps: tuple[Gap, ...]  # the required sections most often not complete, most first

    @classmethod
    def of(cls, verdicts: Sequence[PageVerdict]) -> SiteSummary:
        scores = [v.score for v in verdicts]
        bins = [0] * (100 // BIN_WIDTH + 1)
        for score in scores:
            bins[min(score // BIN_WIDTH, 100 // BIN_WIDTH - 1) if score < 100 else -1] += 1
        return cls(
            len(verdicts),
            sum(1 for v in verdicts if v.is_complete),
            average(scores),
            tuple(bins),
            _templates(verdicts),
            _gaps(verdicts),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "complete": self.complete,
            "average": self.average,
            "score_bins": [
                {"from": low, "to": min(low + BIN_WIDTH - 1, 99) if low < 100 else 100, "pages": n}
                for low, n in zip(range(0, 101, BIN_WIDTH), self.bins)
            ],
            "templates": [
                {
                    "template": t.id,
                    "name": t.name,
                    "pages": t.pages,
                    "average": t.average,
                    "lowest": t.low,
                    "quartile1": t.quartile1,
                    "median": t.median,
                    "quartile3": t.quartile3,
                    "highest": t.high,
                }
                for t in self.templates
            ],
            "top_gaps": [
                {
                    "template": g.template,
                    "path": list(g.path),
                    "missing": len(g.missing),
                    "unfinished": len(g.unfinished),
                    "pages": sorted(g.missing + g.unfinished),
                }
                for g in self.gaps
            ],
        }


def _quantile(ordered: Sequence[int], fraction: float) -> int:
    """The score below which `fraction` of the pages fall (nearest rank)."""
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _templates(verdicts: Sequence[PageVerdict]) -> tuple[TemplateFigures, ...]:
    by_template: dict[str, list[PageVerdict]] = {}
    for verdict in verdicts:
        by_template.setdefault(verdict.template, []).append(verdict)
    figures = []
    for template_id, pages in by_template.items():
        ordered = sorted(p.score for p in pages)
        figures.append(
            TemplateFigures(
                template_id,
                pages[0].template_name,
                len(pages),
                average(ordered),
                ordered[0],
                _quantile(ordered, 0.25),
                _quantile(ordered, 0.5),
                _quantile(ordered, 0.75),
                ordered[-1],
            )
        )
    return tuple(sorted(figures, key=lambda t: (-t.pages, t.id)))


def _gaps(verdicts: Sequence[PageVerdict]) -> tuple[Gap, ...]:
    found: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}
    for verdict in verdicts:
        # A scored field is a gap by its name; an invalid one is unfinished work.
        for path, state in [
            *((s.path, s.state) for s in verdict.required),
            *(((f.name,), f.state) for f in verdict.fields if f.counts),
        ]:
            if state is State.COMPLETE:
                continue
            missing, unfinished = found.setdefault((verdict.template, path), ([], []))
            (missing if state is State.MISSING else unfinished).append(verdict.path)
    gaps = [Gap(t, path, tuple(m), tuple(u)) for (t, path), (m, u) in found.items()]
    gaps.sort(key=lambda g: (-g.pages, g.template, g.path))
    return tuple(gaps[:TOP_GAPS])


def report_json(verdicts: Sequence[PageVerdict]) -> str:
    """`spec-report.json`, as the build and `mkdocs-spec report` write it: the site's average
    (what `fail_under` compares), its figures (what the report's charts draw) and every page in
    the command line's JSON shape, by path. Written a page at a time, so that a large site's
    report never holds the dicts of all its pages at once."""
    summary = SiteSummary.of(verdicts)
    head = json.dumps({"average": summary.average, "site": summary.as_dict()}, ensure_ascii=False)
    ordered = sorted(verdicts, key=lambda v: v.path)
    pages = ", ".join(json.dumps(v.as_dict(), ensure_ascii=False) for v in ordered)
    return f'{head[:-1]}, "pages": [{pages}]}}'
