"""Benchmark the `spec` plugin and `mkdocs-spec check` on a generated Material for MkDocs site.

    python bench/run.py [--pages N] [--rounds R] [--out DIR] [--scale [--pages-max N]]
                        [--linters] [--profile] [--write-results] [--seed S]

See bench/README.md for what each part measures and how to read it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import (  # noqa: E402
    TEMPLATE_IDS,
    Template,
    generate_site,
    load_templates,
    plan_site,
)

PYTHON = sys.executable
NODE_BIN = BENCH / "node_modules" / ".bin"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2
RSS_UNIT = 1024 if sys.platform != "darwin" else 1  # ru_maxrss: KiB on Linux, bytes on macOS


def log(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------------------------
# Running one process and measuring it


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process
    rss: int  # peak resident set size, bytes
    status: int


def measure(cmd: list[str], cwd: Path, stdout=None, stderr=None, timeout: float | None = None):
    """Run `cmd`; wall time, CPU time and peak RSS of that one child (os.wait4 gives its rusage).

    Returns None when the process was killed after `timeout` seconds.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=stdout, stderr=stderr)
    killer = threading.Timer(timeout, proc.kill) if timeout else None
    if killer:
        killer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if killer:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if timeout and wall >= timeout:
        return None
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * RSS_UNIT, proc.returncode)


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


def median(values):
    return statistics.median(values) if values else float("nan")


def mb(value: float) -> float:
    return value / 1024 / 1024


# --------------------------------------------------------------------------------------------
# Builds: plugin disabled vs enabled


def compare_builds(site: Path, pages: int, rounds: int) -> dict:
    """`rounds` builds of each configuration, alternating (off/on, then on/off, ...)."""
    runs: dict[str, list[Run]] = {"off": [], "on": []}
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
    _sanity_check(site)
    summary = {"pages": pages, "rounds": rounds}
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


def plugin_check_agreement(site: Path) -> dict:
    """The core's agreement test on the generated site: the enabled build's `spec-report.json`
    and `mkdocs-spec check --format json` must give every spec page the same template, score and
    state of every section. Correctness before speed: the run stops when they differ."""
    report = json.loads((site / "build-on" / "spec-report.json").read_text(encoding="utf-8"))
    cmd = [PYTHON, "-m", "mkdocs_spec_plugin", "check", "-f", "mkdocs.yml", "--format", "json"]
    proc = subprocess.run([*cmd, "docs"], cwd=site, env=ENV, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mkdocs-spec check failed ({proc.returncode}):\n{proc.stderr[-2000:]}")

    def verdicts(pages: list[dict], prefix: str) -> dict[str, tuple]:
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


def print_builds(s: dict) -> None:
    on, off = s["on"], s["off"]
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
        f"  per page: {s['ms_per_page_off']:.2f} ms without, {s['ms_per_page_on']:.2f} ms with"
        f" the plugin ({s['plugin_ms_per_page']:+.2f} ms wall,"
        f" {s['plugin_cpu_ms_per_page']:+.2f} ms cpu)"
    )


# --------------------------------------------------------------------------------------------
# Serve: what a rebuild costs and how many pages the plugin judges in it


def serve_probe(site: Path, page: Path) -> dict:
    results = {}
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


def print_serve(s: dict, spec_pages: int) -> None:
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


# --------------------------------------------------------------------------------------------
# Linters: mkdocs-spec check vs markdownlint-cli2 (MD043) and pymarkdown (md043)


def md043_headings(template: Template) -> list[str]:
    """The template's named sections as an MD043 list: `*` before, between and after each.

    MD043 takes one ordered list of headings; `*` is "zero or more unspecified headings". Wildcard
    sections (`### [Component 1]`) cannot be required by name and are left to the `*` around them.
    """
    headings = ["*"]
    for level, title in template.required_headings():
        headings += [f"{'#' * level} {title}", "*"]
    return headings


def linter_configs(directory: Path, templates: dict[str, Template]) -> dict[str, dict[str, Path]]:
    directory.mkdir(parents=True, exist_ok=True)
    paths: dict[str, dict[str, Path]] = {}
    for tid, template in templates.items():
        headings = md043_headings(template)
        named = [h for h in headings if h != "*"]
        if len(set(h.lower() for h in named)) != len(named):
            log(f"  note: {tid} repeats a heading; MD043 matches the first occurrence")
        if any("," in h for h in named):
            raise SystemExit(f"{tid}: a heading has a comma; pymarkdown's list cannot hold it")
        mdl = directory / f"{tid}.markdownlint-cli2.jsonc"
        mdl.write_text(
            json.dumps({"config": {"default": False, "MD043": {"headings": headings}}}, indent=2),
            encoding="utf-8",
        )
        pym = directory / f"{tid}.pymarkdown.json"
        pym.write_text(
            json.dumps(
                {
                    "plugins": {"md043": {"headings": ",".join(headings)}},
                    "extensions": {"front-matter": {"enabled": True}},
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        paths[tid] = {"markdownlint-cli2": mdl, "pymarkdown": pym}
    return paths


def linter_commands(site: Path, configs) -> dict[str, list[tuple[str, list[str]]]]:
    """Per tool, the (template, command) runs whose summed time is the tool's time."""
    ours = [PYTHON, "-m", "mkdocs_spec_plugin", "check", "-f", "mkdocs.yml", "--format", "json"]
    return {
        "mkdocs-spec check": [("all", [*ours, "docs"])],
        "mkdocs-spec check (per template)": [(t, [*ours, f"docs/{t}"]) for t in TEMPLATE_IDS],
        "markdownlint-cli2 MD043": [
            (
                t,
                [
                    str(NODE_BIN / "markdownlint-cli2"),
                    "--config",
                    str(configs[t]["markdownlint-cli2"]),
                    f"docs/{t}/**/*.md",
                ],
            )
            for t in TEMPLATE_IDS
        ],
        "pymarkdown md043": [
            (
                t,
                [
                    PYTHON,
                    "-m",
                    "pymarkdown",
                    "-d",
                    "*",
                    "-e",
                    "md043",
                    "--config",
                    str(configs[t]["pymarkdown"]),
                    "scan",
                    "-r",
                    f"docs/{t}",
                ],
            )
            for t in TEMPLATE_IDS
        ],
    }


def linters_available() -> list[str]:
    missing = []
    if not (NODE_BIN / "markdownlint-cli2").exists():
        missing.append("markdownlint-cli2 (bench/node_modules)")
    try:
        metadata.version("pymarkdownlnt")
    except metadata.PackageNotFoundError:
        missing.append("pymarkdownlnt")
    return missing


def compare_linters(site: Path, rounds: int, timeout: float) -> dict:
    missing = linters_available()
    if missing:
        raise SystemExit(
            f"--linters: not installed: {', '.join(missing)}; run `bash bench/setup_linters.sh`"
        )
    templates = load_templates()
    configs = linter_configs(site / "linters", templates)
    commands = linter_commands(site, configs)
    outputs = site / "linters" / "out"
    outputs.mkdir(exist_ok=True)
    times: dict[str, list[float]] = {tool: [] for tool in commands}
    cpu: dict[str, list[float]] = {tool: [] for tool in commands}
    timed_out: set[str] = set()
    for r in range(rounds):
        for tool, runs in commands.items():
            if tool in timed_out:
                continue
            total = total_cpu = 0.0
            for tid, cmd in runs:
                out_file = outputs / f"{_slug(tool)}-{tid}.txt"
                with open(out_file, "wb") as out, open(out_file.with_suffix(".err"), "wb") as err:
                    run = measure(cmd, site, stdout=out, stderr=err, timeout=timeout)
                if run is None:
                    timed_out.add(tool)
                    log(f"  {tool} on {tid}: no answer after {timeout:.0f} s; stopped")
                    break
                if run.status not in (0, 1):
                    raise SystemExit(f"{tool} failed ({run.status}):\n{_output(out_file)[-2000:]}")
                total += run.wall
                total_cpu += run.cpu
            else:
                times[tool].append(total)
                cpu[tool].append(total_cpu)
                log(
                    f"  round {r + 1}/{rounds} {tool:34} {total:7.2f} s ({len(runs)} process"
                    f"{'es' if len(runs) > 1 else ''})"
                )
    result = {"rounds": rounds, "tools": {}}
    ours = median(times["mkdocs-spec check"])
    for tool, values in times.items():
        entry = {
            "times": [round(v, 3) for v in values],
            "median": median(values),
            "processes": len(commands[tool]),
            "timed_out": tool in timed_out,
        }
        entry["ratio_to_ours"] = entry["median"] / ours if values else None
        entry["cpu_median"] = median(cpu[tool])
        entry["cpu_ratio_to_ours"] = entry["cpu_median"] / median(cpu["mkdocs-spec check"])
        result["tools"][tool] = entry
    result["agreement"] = agreement(site, templates, outputs)
    return result


def _output(path: Path) -> str:
    """What a tool printed, stdout then stderr (markdownlint-cli2 reports on stderr)."""
    err = path.with_suffix(".err")
    text = path.read_text(encoding="utf-8", errors="replace")
    return text + (err.read_text(encoding="utf-8", errors="replace") if err.exists() else "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_MDL_RE = re.compile(
    r"^(?P<path>\S+?\.md):\d+(?::\d+)? (?:error )?MD043/\S+ .*?\[(?P<detail>.*)\]\s*$"
)
_MDL_EXPECTED = re.compile(r"Expected: (?P<heading>.*?); Actual:")
_MDL_CONTEXT = re.compile(r'Context: "(?P<heading>.*)"')
_PYM_RE = re.compile(r"^(?P<path>\S+?\.md):\d+:\d+: MD043: .*?\[(?P<detail>.*)\] \(")


def _relative(path: str, site: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(site).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def agreement(site: Path, templates: dict[str, Template], outputs: Path) -> dict:
    """Does each linter flag the same pages, and name the same first missing heading, as ours?

    MD043 stops at the first required heading it cannot find, so the comparison is on that one:
    ours' first missing *named* section in template order (with its template level). Ours also
    reports missing wildcard slots (`### [Component 1]`, "one or more headings here"), which MD043
    cannot express; pages where that is all that is missing are counted apart.
    """
    levels = {}
    for tid, template in templates.items():
        stack: list[str] = []
        for section in template.walk():
            del stack[section.level - 2 :]
            stack.append(section.title)
            levels[(tid, tuple(stack))] = (section.level, section.wildcard)
    ours_data = json.loads((outputs / "mkdocs-spec-check-all.txt").read_text(encoding="utf-8"))
    ours: dict[str, dict] = {}
    for page in ours_data["pages"]:
        first_named, wildcard_only = None, False
        for section in page["sections"]:
            if section["state"] != "missing":
                continue
            level, wildcard = levels.get((page["template"], tuple(section["path"])), (None, False))
            if wildcard:
                wildcard_only = True
                continue
            first_named = f"{'#' * level} {section['path'][-1]}" if level else section["path"][-1]
            break
        ours[_relative(page["path"], site)] = {
            "template": page["template"],
            "first_missing": first_named,
            "wildcard_only": wildcard_only and first_named is None,
        }
    mdl: dict[str, str | None] = {}
    pym: dict[str, str | None] = {}
    for tid in TEMPLATE_IDS:
        for line in _output(outputs / f"markdownlint-cli2-md043-{tid}.txt").splitlines():
            m = _MDL_RE.match(line.strip())
            if m:
                detail = m.group("detail")
                h = _MDL_EXPECTED.search(detail) or _MDL_CONTEXT.search(detail)
                mdl[_relative(m.group("path"), site)] = h.group("heading") if h else detail
        for line in _output(outputs / f"pymarkdown-md043-{tid}.txt").splitlines():
            m = _PYM_RE.match(line.strip())
            if m:
                pym[_relative(m.group("path"), site)] = m.group("detail")
    stats = {
        "pages": len(ours),
        "ours_flagged": 0,
        "wildcard_only": 0,
        "markdownlint_flagged": len(mdl),
        "pymarkdown_flagged": len(pym),
        "markdownlint_same_flag": 0,
        "markdownlint_same_heading": 0,
        "pymarkdown_same_flag": 0,
        "disagreements": [],
    }
    reasons: Counter[str] = Counter()
    for path, o in sorted(ours.items()):
        flagged = o["first_missing"] is not None
        stats["ours_flagged"] += flagged
        stats["wildcard_only"] += o["wildcard_only"]
        if flagged == (path in mdl):
            stats["markdownlint_same_flag"] += 1
        if (o["first_missing"] or "").lower() == (mdl.get(path) or "").lower():
            stats["markdownlint_same_heading"] += 1
        elif len(stats["disagreements"]) < 10:
            stats["disagreements"].append(
                {"path": path, "ours": o["first_missing"], "markdownlint": mdl.get(path)}
            )
        if flagged == (path in pym):
            stats["pymarkdown_same_flag"] += 1
        elif not flagged:
            reasons[_pymarkdown_reason(site / path, templates[o["template"]])] += 1
    # A few pages per template for the printed comparison: one flagged, one not (if any).
    sample = []
    for tid in TEMPLATE_IDS:
        pages = [p for p in sorted(ours) if ours[p]["template"] == tid]
        flagged = [p for p in pages if ours[p]["first_missing"]]
        clean = [p for p in pages if not ours[p]["first_missing"]]
        for p in flagged[:2] + clean[:1]:
            sample.append(
                {
                    "path": p,
                    "ours": ours[p]["first_missing"],
                    "markdownlint": mdl.get(p),
                    "pymarkdown": pym.get(p),
                }
            )
    stats["sample"] = sample
    stats["pymarkdown_extra_reasons"] = dict(reasons)
    return stats


def _reasons(reasons: dict) -> str:
    return (
        ", ".join(f"{n} ({why})" for why, n in sorted(reasons.items(), key=lambda kv: -kv[1]))
        or "none"
    )


def _pymarkdown_reason(page: Path, template: Template) -> str:
    """Why pymarkdown flags a page ours passes (both limits of its md043, checked by hand on
    pymarkdownlnt 0.9.41): headings are compared case-sensitively, and a required heading with
    `&` in it never matches."""
    required = {t for _, t in template.required_headings()}
    if any("&" in t for t in required):
        return "a required heading has '&'"
    titles = {m.group(2) for m in re.finditer(r"^(#{2,6}) (.*)$", page.read_text(), re.M)}
    lowered = {t.lower() for t in titles}
    if any(t not in titles and t.lower() in lowered for t in required):
        return "a heading differs only in case"
    return "other"


def print_linters(s: dict) -> None:
    log(f"\nLinters ({s['rounds']} rounds, median process wall time, cold start included):")
    for tool, e in s["tools"].items():
        if e["timed_out"]:
            log(f"  {tool:34} timed out")
            continue
        log(
            f"  {tool:34} {e['median']:7.2f} s in {e['processes']} process"
            f"{'es' if e['processes'] > 1 else ''}  x{e['ratio_to_ours']:.2f} ours"
            f"  (CPU {e['cpu_median']:.2f} s, x{e['cpu_ratio_to_ours']:.2f})"
        )
    a = s["agreement"]
    log(
        f"\n  Same missing headings? {a['pages']} spec pages; ours flags {a['ours_flagged']} with a"
        f" missing named section (+{a['wildcard_only']} with only a wildcard slot missing, which"
        f" MD043 cannot require)."
    )
    log(
        f"  markdownlint-cli2 flags {a['markdownlint_flagged']}: same pages"
        f" {a['markdownlint_same_flag']}/{a['pages']}, same first missing heading"
        f" {a['markdownlint_same_heading']}/{a['pages']}"
    )
    log(
        f"  pymarkdown flags {a['pymarkdown_flagged']}: same pages"
        f" {a['pymarkdown_same_flag']}/{a['pages']} (its md043 message names no heading);"
        f" pages it alone flags: {a['pymarkdown_extra_reasons']}"
    )
    log(f"  {'page':58} {'ours: first missing':34} {'markdownlint-cli2':34} pymarkdown")
    for row in a["sample"]:
        pm = "flagged" if row["pymarkdown"] else "-"
        log(
            f"  {row['path'][-58:]:58} {row['ours'] or '-'!s:34}"
            f" {row['markdownlint'] or '-'!s:34} {pm}"
        )
    for d in a["disagreements"]:
        log(f"  differs: {d['path']}: ours {d['ours']!r}, markdownlint {d['markdownlint']!r}")


# --------------------------------------------------------------------------------------------
# Profiles


def profile(site: Path, out: Path) -> dict:
    """cProfile one enabled build and one `mkdocs-spec check` of the same pages."""
    result = {}
    runs = {
        "build": [
            PYTHON,
            "-m",
            "cProfile",
            "-o",
            str(out / "profile-build.prof"),
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            "mkdocs.yml",
            "-d",
            "build-profile",
        ],
        "check": [
            PYTHON,
            str(BENCH / "profile_check.py"),
            str(out / "profile-check.prof"),
            "check",
            "-f",
            "mkdocs.yml",
            "--format",
            "json",
            "docs",
        ],
    }
    # Only the plugin's event handlers, profiled inside an otherwise unprofiled build.
    runs["plugin"] = [
        PYTHON,
        str(BENCH / "profile_plugin.py"),
        "--config",
        "mkdocs.yml",
        "--out",
        str(out / "profile-plugin.prof"),
    ]
    # ... and again with every page judged in the build's process: where the CPU goes.
    runs["plugin-serial"] = [
        *runs["plugin"][:-1],
        str(out / "profile-plugin-serial.prof"),
        "--serial",
    ]
    for name in ("build", "plugin", "plugin-serial", "check"):
        with open(out / f"profile-{name}.log", "wb") as log_file:
            run = measure(runs[name], site, stdout=log_file, stderr=subprocess.STDOUT)
        if run is None or run.status not in (0, 1):
            raise SystemExit(f"profiling {name} failed; see {out / f'profile-{name}.log'}")
        result[name] = summarise_profile(out / f"profile-{name}.prof", run.wall)
    shutil.rmtree(site / "build-profile", ignore_errors=True)
    return result


def _where(key) -> str:
    filename, line, func = key
    marker = "mkdocs_spec_plugin" + os.sep
    if marker in filename:
        filename = filename[filename.rindex(marker) + len(marker) :]
    elif filename != "~":
        filename = "/".join(Path(filename).parts[-2:])
    return f"{filename}:{line}({func})" if filename != "~" else func


def summarise_profile(path: Path, wall: float, top: int = 15) -> dict:
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in stats.values())

    def ours(key) -> bool:  # the package's functions, not its modules' import-time bodies
        return "mkdocs_spec_plugin" in key[0] and key[2] != "<module>"

    plugin = sorted(((k, v) for k, v in stats.items() if ours(k)), key=lambda kv: -kv[1][3])
    by_self = sorted(((k, v) for k, v in stats.items() if ours(k)), key=lambda kv: -kv[1][2])
    hooks = {k: v for k, v in stats.items() if ours(k) and k[2].startswith("on_")}

    def row(k, v):
        return {"where": _where(k), "ncalls": v[1], "tottime": v[2], "cumtime": v[3]}

    return {
        "wall_under_profiler": wall,
        "total_profiled": total,
        "hooks": sorted((row(k, v) for k, v in hooks.items()), key=lambda r: -r["cumtime"]),
        "top_cumulative": [row(k, v) for k, v in plugin[:top]],
        "top_self": [row(k, v) for k, v in by_self[:top]],
        "top_self_all": [
            row(k, v) for k, v in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
        ],
    }


PROFILE_TITLES = {
    "build": "one enabled build, whole process",
    "plugin": "the plugin's event handlers only, during one enabled build (what the build waits"
    " for)",
    "plugin-serial": "the plugin's event handlers only, with `parallel: false` (all of its work)",
    "check": "one `mkdocs-spec check`, in one process (no workers)",
}


def print_profile(p: dict) -> None:
    for name, s in p.items():
        log(
            f"\nProfile: {PROFILE_TITLES[name]} ({s['wall_under_profiler']:.1f} s process wall"
            f" time, {s['total_profiled']:.1f} s profiled):"
        )
        if name == "build":
            for h in s["hooks"]:
                log(
                    f"  hook {h['where']:60} {h['cumtime']:7.2f} s cum"
                    f" ({h['cumtime'] / s['total_profiled'] * 100:4.1f}%)"
                )
            continue
        log("  top package functions by cumulative time:")
        for r in s["top_cumulative"][:10]:
            log(
                f"    {r['cumtime']:7.2f} s cum {r['tottime']:7.2f} s self {r['ncalls']:>8}"
                f"  {r['where']}"
            )
        log("  top functions by self time (any module):")
        for r in s["top_self_all"][:10]:
            log(
                f"    {r['tottime']:7.2f} s self {r['cumtime']:7.2f} s cum {r['ncalls']:>8}"
                f"  {r['where']}"
            )


# --------------------------------------------------------------------------------------------
# Results


def versions() -> dict:
    out = {}
    for dist in (
        "mkdocs",
        "mkdocs-material",
        "mkdocs-spec-plugin",
        "pymdown-extensions",
        "Markdown",
        "beautifulsoup4",
        "PyYAML",
        "pymarkdownlnt",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[dist] = metadata.version(dist)
    pkg = BENCH / "node_modules" / "markdownlint-cli2" / "package.json"
    if pkg.exists():
        out["markdownlint-cli2"] = json.loads(pkg.read_text())["version"]
        node = shutil.which("node")
        if node:
            out["node"] = subprocess.run(
                [node, "--version"], capture_output=True, text=True
            ).stdout.strip()
    return out


def source_fingerprint() -> str:
    """A hash of the package's source, to notice when it changes while the benchmark runs."""
    import hashlib

    package = BENCH.parent / "mkdocs_spec_plugin"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> dict:
    info = {
        "load": _load() if hasattr(os, "getloadavg") else "?",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        info["ram_gb"] = round(kib / 1024 / 1024, 1)
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        if cpu:
            info["cpu"] = cpu.group(1).strip()
    except (OSError, AttributeError):
        pass
    return info


def write_results(results: dict, path: Path) -> None:
    m, v = results["machine"], results["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{results['command']}` on {results['date']} (see [README.md](README.md)).",
        "",
        f"- Machine: {m.get('cores')} cores ({m.get('cpu', '?')}), {m.get('ram_gb', '?')} GB RAM,"
        f" {m['platform']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"- Site: {results['pages']} pages generated with seed {results['seed']}"
        f" ({results['spec_pages']} spec pages, the rest without the key), Material theme,"
        " `navigation.prune`",
        "",
    ]
    b = results["builds"]
    on, off = b["on"], b["off"]
    lines += [
        f"## Build: plugin disabled vs enabled ({b['pages']} pages, {b['rounds']} rounds each,"
        " alternating, medians)",
        "",
        "| | wall (s) | CPU (s) | peak RSS (MB) | ms/page |",
        "|---|---:|---:|---:|---:|",
        f"| `spec: {{enabled: false}}` | {off['wall_median']:.2f} | {off['cpu_median']:.2f} |"
        f" {off['rss_median_mb']:.1f} | {b['ms_per_page_off']:.2f} |",
        f"| `spec` enabled | {on['wall_median']:.2f} | {on['cpu_median']:.2f} |"
        f" {on['rss_median_mb']:.1f} | {b['ms_per_page_on']:.2f} |",
        f"| **enabled / disabled** | x{b['wall_ratio']:.3f} | **x{b['cpu_ratio']:.3f}** |"
        f" x{b['rss_ratio']:.3f} ({b['rss_diff_mb']:+.1f} MB) |"
        f" {b['plugin_ms_per_page']:+.2f} |",
        "",
        f"The plugin's cost: {b['plugin_cpu_ms_per_page']:+.2f} ms of CPU per page"
        f" ({(on['cpu_median'] - off['cpu_median']) / results['spec_pages'] * 1000:+.2f} ms per"
        " spec page). CPU counts the build and the worker process the plugin judges pages in,"
        " beside the build, when a second core is free: the CPU ratio is what the plugin costs"
        " in all, the wall ratio is what an author or a CI job waits.",
        "",
        f"Every build, disabled: wall {off['wall']}, CPU {off['cpu']};"
        f" enabled: wall {on['wall']}, CPU {on['cpu']}.",
        "",
    ]
    if "agreement" in results:
        agreed = results["agreement"]
        lines += [
            f"The plugin (the enabled build's `spec-report.json`) and `mkdocs-spec check` gave"
            f" the same template, score and section states to"
            f" {agreed['pages'] - len(agreed['disagreements'])} of {agreed['pages']} spec pages.",
            "",
        ]
    if "serve" in results:
        s = results["serve"]
        lines += [
            f"## Serve rebuilds (changed page `{s['page']}`)",
            "",
            "| mode | change | pages judged | rebuild with plugin (s) | without (s) |",
            "|---|---|---:|---:|---:|",
        ]
        for mode, name in (("", "`mkdocs serve`"), ("-dirty", "`mkdocs serve --dirty`")):
            on_s, off_s = s[f"on{mode}"], s[f"off{mode}"]
            lines.append(
                f"| {name} | first build | {on_s['first']['judged']} |"
                f" {on_s['first']['seconds']:.2f} | {off_s['first']['seconds']:.2f} |"
            )
            for change in ("touch", "edit"):
                lines.append(
                    f"| {name} | {change} one page | {on_s[change]['judged']} |"
                    f" {on_s[change]['seconds']:.2f} | {off_s[change]['seconds']:.2f} |"
                )
        lines += [
            "",
            "Counted by the plugin (pages sent to be judged, in the build's process or in its"
            " worker, rather than taken from the last build's verdicts) in a build run in-process"
            " the way `mkdocs serve` runs it (config reloaded per rebuild, same plugin instance:"
            f" {s['on']['same_plugin_instance']}). *touch*: modification time only; *edit*: one"
            " sentence appended.",
            "",
        ]
    if "scale" in results:
        lines += [
            "## Scale",
            "",
            "| pages | rounds | without (s) | with (s) | ratio |"
            " ms/page without | ms/page with | plugin ms/page |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in results["scale"]:
            lines.append(
                f"| {s['pages']} | {s['rounds']} | {s['off']['wall_median']:.2f} |"
                f" {s['on']['wall_median']:.2f} | x{s['wall_ratio']:.3f} |"
                f" {s['ms_per_page_off']:.2f} | {s['ms_per_page_on']:.2f} |"
                f" {s['plugin_ms_per_page']:+.2f} |"
            )
        lines.append("")
    if "linters" in results:
        li = results["linters"]
        lines += [
            f"## Check vs linters ({li['rounds']} round{'s' if li['rounds'] > 1 else ''},"
            " median process time, cold start included)",
            "",
            "| tool | processes | wall (s) | ratio to `mkdocs-spec check` | CPU (s) | CPU ratio |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for tool, e in li["tools"].items():
            t = "timed out" if e["timed_out"] else f"{e['median']:.2f}"
            r = "" if e["timed_out"] else f"x{e['ratio_to_ours']:.2f}"
            c, cr = "", ""
            if "cpu_median" in e and not e["timed_out"]:
                c, cr = f"{e['cpu_median']:.2f}", f"x{e['cpu_ratio_to_ours']:.2f}"
            lines.append(f"| {tool} | {e['processes']} | {t} | {r} | {c} | {cr} |")
        a = li["agreement"]
        lines += [
            "",
            "Each linter runs once per template over that template's folder, with MD043 set to the"
            " template's named headings with `*` between them, and every other rule off; the"
            " times are summed.",
            "",
            f"Agreement on {a['pages']} spec pages: ours flags {a['ours_flagged']} pages with a"
            f" missing named section ({a['wildcard_only']} more with only a wildcard slot missing,"
            " which MD043 cannot express). markdownlint-cli2 flags"
            f" {a['markdownlint_flagged']} (same pages: {a['markdownlint_same_flag']}, same first"
            f" missing heading: {a['markdownlint_same_heading']}); pymarkdown flags"
            f" {a['pymarkdown_flagged']} (same pages: {a['pymarkdown_same_flag']}; its message"
            " names no heading). Pages only pymarkdown flags, by cause:"
            f" {_reasons(a['pymarkdown_extra_reasons'])}. Its md043 compares headings"
            " case-sensitively (ours and markdownlint's MD043 ignore case) and never matches a"
            ' required heading that contains `&` (component-doc\'s "Performance & Optimization",'
            ' feature-design\'s "Monitoring & Observability" and "Technical Debt & Future'
            ' Considerations"), so it flags every page of those two templates. MD043 checks'
            " headings only: a section left with the template's text passes it.",
            "",
            "| page | ours: first missing | markdownlint-cli2 | pymarkdown |",
            "|---|---|---|---|",
        ]
        for row in a["sample"]:
            lines.append(
                f"| `{row['path']}` | {row['ours'] or '-'} | {row['markdownlint'] or '-'}"
                f" | {'flagged' if row['pymarkdown'] else '-'} |"
            )
        lines.append("")
    if "profile" in results:
        for name, p in results["profile"].items():
            lines += [
                f"## Profile: {PROFILE_TITLES[name]} ({results['pages']} pages, cProfile)",
                "",
                f"{p['wall_under_profiler']:.1f} s process wall time under the"
                f" profiler, {p['total_profiled']:.2f} s profiled.",
                "",
            ]
            if name == "build":
                lines += [
                    "| plugin hook | calls | cumulative (s) | share of the build |",
                    "|---|---:|---:|---:|",
                ]
                for h in p["hooks"]:
                    lines.append(
                        f"| `{h['where']}` | {h['ncalls']} | {h['cumtime']:.2f} |"
                        f" {h['cumtime'] / p['total_profiled'] * 100:.1f}% |"
                    )
                lines.append("")
                continue
            lines += [
                "Top package functions by cumulative time:",
                "",
                "| function | calls | self (s) | cumulative (s) |",
                "|---|---:|---:|---:|",
            ]
            for r in p["top_cumulative"][:12]:
                lines.append(
                    f"| `{r['where']}` | {r['ncalls']} | {r['tottime']:.2f} | {r['cumtime']:.2f} |"
                )
            lines += [
                "",
                "Top functions by self time (any module):",
                "",
                "| function | calls | self (s) | cumulative (s) |",
                "|---|---:|---:|---:|",
            ]
            for r in p["top_self_all"][:12]:
                lines.append(
                    f"| `{r['where']}` | {r['ncalls']} | {r['tottime']:.2f} | {r['cumtime']:.2f} |"
                )
            lines.append("")
    lines += targets(results)
    notes = list(results.get("notes") or [])
    before, after = results.get("source_before"), results.get("source_after")
    if before and before != after:
        notes.append(
            f"- The package's source changed while this ran (fingerprint {before} -> {after}):"
            " the phases above may have measured different versions of the code."
        )
        previous = before
        for phase, fingerprint in results.get("phases", []):
            if fingerprint != previous:
                notes.append(f"  - it changed during (or just before the end of) `{phase}`")
            previous = fingerprint
    elif before:
        notes.append(f"- Package source fingerprint: {before} (unchanged during the run).")
    waiting = off["wall_median"] / off["cpu_median"]
    if waiting > 1.15:
        notes.append(
            f"- The machine was busy (median wall/CPU of the disabled builds: x{waiting:.2f}; load"
            f" {m.get('load', '?')}): wall times include waiting for a core and vary from round to"
            " round. The CPU-time ratio is the figure to trust."
        )
    if notes:
        lines += ["## Notes", "", *notes, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    log(f"\nwrote {path}")


def _cumulative(profile: dict | None, module: str, function: str) -> float | None:
    """Cumulative seconds of a profiled function (`engine/judge.py`, `judge`)."""
    for row in (profile or {}).get("top_cumulative", []):
        if row["where"].startswith(module) and row["where"].endswith(f"({function})"):
            return row["cumtime"]
    return None


def _reading_and_judging(profile: dict | None, what: str, module: str, reader: str) -> str:
    """ "reading WHAT 2.22 s, judging 2.15 s, " from a profile, for the parts it has."""
    reading = _cumulative(profile, f"engine/{module}", reader)
    judging = _cumulative(profile, "engine/judge.py", "judge")
    return (f"reading {what} {reading:.2f} s, " if reading is not None else "") + (
        f"judging {judging:.2f} s, " if judging is not None else ""
    )


def targets(results: dict) -> list[str]:
    """The issue's targets against this run's figures, and where the time goes when one is
    missed."""
    rows = []
    b = results["builds"]
    rows.append(
        (
            "build with / without the plugin (wall time)",
            "at most x1.02",
            f"x{b['wall_ratio']:.3f}",
            b["wall_ratio"] <= 1.02,
        )
    )
    rows.append(
        (
            "build with / without the plugin, CPU of all processes",
            "reported",
            f"x{b['cpu_ratio']:.3f}",
            None,
        )
    )
    rows.append(
        (
            "peak RSS with the plugin",
            "at most +50 MB",
            f"{b['rss_diff_mb']:+.1f} MB",
            b["rss_diff_mb"] <= 50,
        )
    )
    serve = results.get("serve") or {}
    if "on" in serve:
        judged = serve["on"]["edit"]["judged"]
        rows.append(
            (
                "pages judged by a serve rebuild after one edit",
                "exactly 1",
                str(judged),
                judged == 1,
            )
        )
    tools = (results.get("linters") or {}).get("tools") or {}
    ours = tools.get("mkdocs-spec check")
    if ours:
        per_page = results["pages"]
        rows.append(
            (
                f"`mkdocs-spec check` on {per_page} pages, start-up included",
                "under 3 s",
                f"{ours['median']:.2f} s",
                ours["median"] < 3,
            )
        )
        for tool, wanted in (("markdownlint-cli2 MD043", 10), ("pymarkdown md043", 100)):
            entry = tools.get(tool)
            if entry and entry.get("ratio_to_ours"):
                ratio = entry["ratio_to_ours"]
                rows.append(
                    (f"{tool} time / ours", f"at least x{wanted}", f"x{ratio:.1f}", ratio >= wanted)
                )
    lines = [
        "## Targets",
        "",
        "Wall times follow the machine's load: a build ratio within a few percent of x1.02"
        " can fall either side of it from one run to the next.",
        "",
        "| target | wanted | this run | met |",
        "|---|---|---:|---|",
        *(
            f"| {what} | {wanted} | {got} | {'-' if ok is None else 'yes' if ok else '**no**'} |"
            for what, wanted, got, ok in rows
        ),
        "",
    ]
    if b["cpu_ratio"] > 1.02:
        plugin = (results.get("profile") or {}).get("plugin-serial")
        lines += [
            "Where the plugin's CPU goes (the plugin-only profile below, judging in the build's"
            " process; cProfile roughly doubles these): "
            + _reading_and_judging(plugin, "the rendered HTML", "html_reader.py", "read_html")
            + "over every spec page of the site. With a free core, that work runs in the"
            " plugin's worker process while MkDocs renders the other pages, and the build waits"
            " only for what stays in its own process: reading front matter, flattening deep"
            " lists, handing each page's HTML over and putting its verdict in. On a machine"
            " with one core, or with `parallel: false`, the build pays the CPU figure instead.",
            "",
        ]
    pymarkdown = tools.get("pymarkdown md043") or {}
    if ours and pymarkdown.get("ratio_to_ours") and pymarkdown["ratio_to_ours"] < 100:
        check = (results.get("profile") or {}).get("check")
        total = (check or {}).get("total_profiled")
        needed = pymarkdown["median"] / 100
        lines += [
            f"x100 of pymarkdown needs `check` at {needed:.2f} s ({ours['median']:.2f} s now)."
            " Where its time goes (the check profile below, in one process"
            + (f", {total:.2f} s profiled" if total else "")
            + "): "
            + _reading_and_judging(check, "Markdown", "markdown_reader.py", "read_markdown")
            + "the rest start-up (imports, of which MkDocs' config module alone about 0.1 s, to"
            " read the plugin's settings exactly as the build does) and output. Both cores are"
            " busy for the whole run, so only less work per page closes the gap: the Markdown"
            " reader runs Python for every line (most lines already take a short path; every"
            " line counts, since a section holding the template's text is unfinished), and a"
            " reader in a compiled language would be needed.",
            "",
        ]
    return lines


# --------------------------------------------------------------------------------------------


def make_site(out: Path, pages: int, seed: int) -> tuple[Path, int]:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the site (2000)")
    parser.add_argument("--rounds", type=int, default=5, help="builds per configuration (5)")
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "out",
        help="where sites, builds, logs and results.json go (bench/out)",
    )
    parser.add_argument("--seed", type=int, default=5, help="generator seed (5)")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also compare builds at 200 and 2000 pages (20000 with --pages-max)",
    )
    parser.add_argument(
        "--pages-max",
        type=int,
        default=2000,
        help="largest site --scale may build (20000 adds the 20000-page point)",
    )
    parser.add_argument(
        "--linters",
        action="store_true",
        help="time mkdocs-spec check against markdownlint-cli2 and pymarkdown",
    )
    parser.add_argument(
        "--linter-rounds",
        type=int,
        default=None,
        help="runs of each linter (default: min(rounds, 3))",
    )
    parser.add_argument(
        "--linter-timeout",
        type=float,
        default=900,
        help="give up on a linter process after this many seconds (900)",
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild probe")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile one enabled build and one check; top package entries",
    )
    parser.add_argument(
        "--write-results",
        action="store_true",
        help="write bench/RESULTS.md with the figures of this run",
    )
    parser.add_argument(
        "--rewrite-results",
        type=Path,
        metavar="RESULTS_JSON",
        help="only rewrite bench/RESULTS.md from a results.json of an earlier run",
    )
    args = parser.parse_args(argv)
    if args.rewrite_results:
        write_results(json.loads(args.rewrite_results.read_text()), BENCH / "RESULTS.md")
        return 0
    if args.pages < 10 or args.rounds < 1:
        parser.error("--pages must be at least 10 and --rounds at least 1")

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "pages": args.pages,
        "seed": args.seed,
        "machine": machine(),
        "versions": versions(),
        "notes": [],
    }
    started = time.perf_counter()
    results["source_before"] = source_fingerprint()
    results["phases"] = []  # (phase, the source fingerprint when it ended)
    site, spec_pages = make_site(out, args.pages, args.seed)
    results["spec_pages"] = spec_pages

    log(f"\nBuilding {args.pages} pages, plugin disabled and enabled, {args.rounds} rounds each")
    results["builds"] = compare_builds(site, args.pages, args.rounds)
    results["phases"].append(("builds", source_fingerprint()))
    print_builds(results["builds"])
    results["agreement"] = plugin_check_agreement(site)

    if not args.no_serve:
        plans = plan_site(args.pages, args.seed)
        page = next(
            (p for p in plans if p.template == "design-doc" and p.mode == "partial"),
            next(p for p in plans if p.template),
        )
        log("\nServe: first build, then a rebuild after touching, then after editing one page")
        results["serve"] = serve_probe(site, site / "docs" / page.path)
        results["phases"].append(("serve", source_fingerprint()))
        print_serve(results["serve"], spec_pages)

    if args.linters:
        rounds = args.linter_rounds or min(args.rounds, 3)
        log(f"\nLinters on the same {spec_pages} spec pages ({rounds} rounds)")
        results["linters"] = compare_linters(site, rounds, args.linter_timeout)
        results["phases"].append(("linters", source_fingerprint()))
        print_linters(results["linters"])

    if args.profile:
        log("\nProfiling one enabled build and one mkdocs-spec check (cProfile)")
        results["profile"] = profile(site, out)
        results["phases"].append(("profile", source_fingerprint()))
        print_profile(results["profile"])

    if args.scale:
        sizes = [200, 2000] + ([20000] if args.pages_max >= 20000 else [])
        results["scale"] = []
        for size in sizes:
            if size == args.pages:
                results["scale"].append(results["builds"])
                continue
            scale_site, _ = make_site(out, size, args.seed)
            log(f"\nScale: building {size} pages, {args.rounds} rounds each")
            results["scale"].append(compare_builds(scale_site, size, args.rounds))
            shutil.rmtree(scale_site / "build-on", ignore_errors=True)
            shutil.rmtree(scale_site / "build-off", ignore_errors=True)
        log("\nScale (median wall time per build):")
        log(
            f"  {'pages':>6} {'without':>9} {'with':>9} {'ratio':>7} {'ms/page without':>16}"
            f" {'ms/page with':>13} {'plugin ms/page':>15}"
        )
        for s in results["scale"]:
            log(
                f"  {s['pages']:>6} {s['off']['wall_median']:>8.2f}s"
                f" {s['on']['wall_median']:>8.2f}s {s['wall_ratio']:>6.3f}x"
                f" {s['ms_per_page_off']:>16.2f} {s['ms_per_page_on']:>13.2f}"
                f" {s['plugin_ms_per_page']:>+15.2f}"
            )

    results["seconds"] = time.perf_counter() - started
    results["source_after"] = source_fingerprint()
    if results["source_after"] != results["source_before"]:
        log("\nnote: the package's source changed while the benchmark ran")
    with contextlib.suppress(OSError, AttributeError):
        results["machine"]["load"] = results["machine"].get("load", "") + " -> " + _load()
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    log(f"\nresults in {out / 'results.json'} ({results['seconds']:.0f} s in all)")
    if args.write_results:
        write_results(results, BENCH / "RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
