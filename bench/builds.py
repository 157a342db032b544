"""Builds with the plugin disabled and enabled, the plugin's CPU inside one build, the agreement
of the enabled build with `mkdocs-spec check`, and the `mkdocs serve` rebuild probe."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from generate import generate_site, plan_site
from measure import BENCH, ENV, PYTHON, Run, log, mb, measure, median


def make_site(out: Path, pages: int, seed: int) -> tuple[Path, int]:
    """Generate a site of `pages` pages under `out`; its folder and its number of spec pages."""
    site = out / f"site-{pages}"
    site.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    plans = generate_site(site, pages, seed)
    spec_pages = sum(1 for p in plans if p.template)
    log(
        f"generated {pages} pages ({spec_pages} spec pages) in {site}"
        f" in {time.perf_counter() - start:.1f} s"
    )
    return site, spec_pages


def build(site: Path, config: str, dest: str, label: str) -> Run:
    logfile = site / f"{dest}.log"
    with open(logfile, "wb") as out:
        run = measure(
            [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", dest],
            site,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if run is None or run.status != 0:
        tail = logfile.read_text(errors="replace")[-3000:]
        raise SystemExit(f"{label} build failed (see {logfile}):\n{tail}")
    return run


def plugin_cpu(site: Path) -> dict[str, float]:
    """One in-process enabled build: its CPU and the plugin's share of it (plugin_cpu.py)."""
    cmd = [PYTHON, str(BENCH / "plugin_cpu.py"), "--config", "mkdocs.yml"]
    proc = subprocess.run(cmd, cwd=site, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"plugin_cpu.py failed:\n{proc.stderr[-3000:]}")
    data: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def compare_builds(site: Path, pages: int, spec_pages: int, rounds: int) -> dict[str, Any]:
    """`rounds` builds of each configuration, alternating (off/on, then on/off, ...), and as many
    in-process builds that time the plugin's own hooks."""
    runs: dict[str, list[Run]] = {"off": [], "on": []}
    inside: list[dict[str, float]] = []
    configs = {"off": "mkdocs-disabled.yml", "on": "mkdocs.yml"}
    for r in range(rounds):
        order = ("off", "on") if r % 2 == 0 else ("on", "off")
        for which in order:
            run = build(site, configs[which], f"build-{which}", which)
            runs[which].append(run)
            log(
                f"  [{pages} pages] round {r + 1}/{rounds} plugin {which:3}:"
                f" {run.wall:7.2f} s wall, {run.cpu:7.2f} s cpu, {mb(run.rss):6.0f} MB peak RSS"
            )
        inside.append(plugin_cpu(site))
        log(
            f"  [{pages} pages] round {r + 1}/{rounds} in-process: {inside[-1]['build_cpu']:7.2f}"
            f" s build cpu, of which the plugin {inside[-1]['plugin_cpu']:6.2f} s"
        )
    _sanity_check(site)
    summary: dict[str, Any] = {"pages": pages, "spec_pages": spec_pages, "rounds": rounds}
    for which, items in runs.items():
        summary[which] = {
            "wall": [round(x.wall, 3) for x in items],
            "cpu": [round(x.cpu, 3) for x in items],
            "rss_mb": [round(mb(x.rss), 1) for x in items],
            "wall_median": median([x.wall for x in items]),
            "cpu_median": median([x.cpu for x in items]),
            "rss_median_mb": median([mb(x.rss) for x in items]),
        }
    on, off = summary["on"], summary["off"]
    summary["wall_ratio"] = on["wall_median"] / off["wall_median"]
    summary["cpu_ratio"] = on["cpu_median"] / off["cpu_median"]
    summary["rss_ratio"] = on["rss_median_mb"] / off["rss_median_mb"]
    summary["rss_diff_mb"] = on["rss_median_mb"] - off["rss_median_mb"]
    summary["ms_per_page_off"] = off["wall_median"] / pages * 1000
    summary["ms_per_page_on"] = on["wall_median"] / pages * 1000
    summary["plugin_ms_per_page"] = (on["wall_median"] - off["wall_median"]) / pages * 1000
    summary["plugin_cpu_ms_per_page"] = (on["cpu_median"] - off["cpu_median"]) / pages * 1000
    summary["in_process"] = {
        "build_cpu": [round(x["build_cpu"], 3) for x in inside],
        "plugin_cpu": [round(x["plugin_cpu"], 3) for x in inside],
        "ratio": median([x["build_cpu"] / (x["build_cpu"] - x["plugin_cpu"]) for x in inside]),
        "ms_per_spec_page": median([x["plugin_cpu"] for x in inside]) / spec_pages * 1000,
    }
    return summary


def _sanity_check(site: Path) -> None:
    """The enabled build put badges on spec pages; the disabled one did not."""
    on = site / "build-on"
    off = site / "build-off"
    sample = next(p for p in sorted((on / "design-doc").rglob("index.html")))
    rel = sample.relative_to(on)
    if "spec-badge" not in sample.read_text(encoding="utf-8"):
        raise SystemExit(f"no badge in {sample}: is the plugin enabled in mkdocs.yml?")
    if "spec-badge" in (off / rel).read_text(encoding="utf-8"):
        raise SystemExit(f"a badge in {off / rel}: the plugin was not disabled")


def plugin_check_agreement(site: Path) -> dict[str, Any]:
    """The core's agreement test on the generated site: the enabled build's `spec-report.json`
    and `mkdocs-spec check --format json` must give every spec page the same template, score and
    state of every section. Correctness before speed: the run stops when they differ."""
    report = json.loads((site / "build-on" / "spec-report.json").read_text(encoding="utf-8"))
    cmd = [PYTHON, "-m", "mkdocs_spec_plugin", "check", "-f", "mkdocs.yml", "--format", "json"]
    proc = subprocess.run([*cmd, "docs"], cwd=site, env=ENV, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mkdocs-spec check failed ({proc.returncode}):\n{proc.stderr[-2000:]}")

    def verdicts(pages: list[dict[str, Any]], prefix: str) -> dict[str, tuple[Any, ...]]:
        return {
            page["path"].removeprefix(prefix): (
                page["template"],
                page["score"],
                [(s["path"], s["state"], s["did_you_mean"]) for s in page["sections"]],
            )
            for page in pages
        }

    plugin = verdicts(report["pages"], "")
    check = verdicts(json.loads(proc.stdout)["pages"], "docs/")
    differ = sorted(
        path for path in plugin.keys() | check.keys() if plugin.get(path) != check.get(path)
    )
    result = {"pages": len(plugin), "disagreements": differ}
    log(f"  plugin and check agree on {len(plugin) - len(differ)} of {len(plugin)} spec pages")
    if differ:
        raise SystemExit(f"the plugin and mkdocs-spec check disagree on: {', '.join(differ[:10])}")
    return result


def print_builds(s: dict[str, Any]) -> None:
    on, off, inside = s["on"], s["off"], s["in_process"]
    log(f"\nBuild, {s['pages']} pages, {s['rounds']} rounds each (median):")
    log(
        f"  plugin disabled: {off['wall_median']:8.2f} s wall  {off['cpu_median']:8.2f} s cpu"
        f"  {off['rss_median_mb']:7.1f} MB peak RSS"
    )
    log(
        f"  plugin enabled:  {on['wall_median']:8.2f} s wall  {on['cpu_median']:8.2f} s cpu"
        f"  {on['rss_median_mb']:7.1f} MB peak RSS"
    )
    log(
        f"  enabled/disabled: wall x{s['wall_ratio']:.3f}, cpu x{s['cpu_ratio']:.3f},"
        f" peak RSS x{s['rss_ratio']:.3f} ({s['rss_diff_mb']:+.1f} MB)"
    )
    log(
        f"  in-process: build cpu / (build cpu - plugin cpu) x{inside['ratio']:.3f},"
        f" {inside['ms_per_spec_page']:.2f} ms of plugin cpu per spec page"
    )
    log(
        f"  per page: {s['ms_per_page_off']:.2f} ms without, {s['ms_per_page_on']:.2f} ms with"
        f" the plugin ({s['plugin_ms_per_page']:+.2f} ms wall,"
        f" {s['plugin_cpu_ms_per_page']:+.2f} ms cpu)"
    )


def scale(out: Path, sizes: list[int], seed: int, rounds: int, done: dict[str, Any]) -> list[Any]:
    """`compare_builds` on a site of each size; `done` is the comparison already made."""
    results = []
    for size in sizes:
        if size == done["pages"]:
            results.append(done)
            continue
        site, spec_pages = make_site(out, size, seed)
        log(f"\nScale: building {size} pages, {rounds} rounds each")
        results.append(compare_builds(site, size, spec_pages, rounds))
        shutil.rmtree(site / "build-on", ignore_errors=True)
        shutil.rmtree(site / "build-off", ignore_errors=True)
    return results


def print_scale(scaled: list[dict[str, Any]]) -> None:
    log("\nScale (median wall time per build):")
    log(
        f"  {'pages':>6} {'without':>9} {'with':>9} {'ratio':>7} {'ms/page without':>16}"
        f" {'ms/page with':>13} {'plugin ms/page':>15} {'in-process':>11}"
    )
    for s in scaled:
        log(
            f"  {s['pages']:>6} {s['off']['wall_median']:>8.2f}s"
            f" {s['on']['wall_median']:>8.2f}s {s['wall_ratio']:>6.3f}x"
            f" {s['ms_per_page_off']:>16.2f} {s['ms_per_page_on']:>13.2f}"
            f" {s['plugin_ms_per_page']:>+15.2f} {s['in_process']['ratio']:>10.3f}x"
        )


# --------------------------------------------------------------------------------------------
# Serve: what a rebuild costs and how many pages the plugin judges in it


def serve_page(site: Path, pages: int, seed: int) -> Path:
    """The page the probe changes: a partly written design doc (any spec page if none)."""
    plans = plan_site(pages, seed)
    page = next(
        (p for p in plans if p.template == "design-doc" and p.mode == "partial"),
        next(p for p in plans if p.template),
    )
    return site / "docs" / page.path


def serve_probe(site: Path, page: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for which, config in (("on", "mkdocs.yml"), ("off", "mkdocs-disabled.yml")):
        for dirty in (False, True):
            cmd = [PYTHON, str(BENCH / "serve_probe.py"), "--config", config, "--page", str(page)]
            if dirty:
                cmd.append("--dirty")
            proc = subprocess.run(cmd, cwd=site, env=ENV, capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"serve probe failed:\n{proc.stderr[-3000:]}")
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            key = f"{which}{'-dirty' if dirty else ''}"
            results[key] = data
            log(
                f"  serve{' --dirty' if dirty else '':8} plugin {which:3}: first build"
                f" {data['first']['seconds']:6.2f} s ({data['first']['judged']} judged), after"
                f" touch {data['touch']['seconds']:6.2f} s ({data['touch']['judged']} judged),"
                f" after edit {data['edit']['seconds']:6.2f} s ({data['edit']['judged']} judged)"
            )
    results["page"] = str(page.relative_to(site))
    return results


def print_serve(s: dict[str, Any], spec_pages: int) -> None:
    log(f"\nServe rebuilds ({spec_pages} spec pages; changed page {s['page']}):")
    for mode in ("", "-dirty"):
        on, off = s[f"on{mode}"], s[f"off{mode}"]
        name = "mkdocs serve --dirty" if mode else "mkdocs serve"
        for change in ("touch", "edit"):
            log(
                f"  {name:21} after {change:5}: plugin judged {on[change]['judged']:5} pages;"
                f" rebuild {on[change]['seconds']:6.2f} s with, {off[change]['seconds']:6.2f} s"
                f" without the plugin (x{on[change]['seconds'] / off[change]['seconds']:.2f})"
            )
    log(f"  same plugin instance across rebuilds: {s['on']['same_plugin_instance']}")
