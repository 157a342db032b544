"""`mkdocs-spec check` against markdownlint-cli2 (MD043) and pymarkdown (md043): one config per
template for each linter, the commands, their times, and whether they flag the same pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

from generate import TEMPLATE_IDS, Template, load_templates
from measure import BENCH, PYTHON, log, measure, median

NODE_BIN = BENCH / "node_modules" / ".bin"


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


def linter_commands(
    configs: dict[str, dict[str, Path]],
) -> dict[str, list[tuple[str, list[str]]]]:
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


def compare_linters(site: Path, rounds: int, timeout: float) -> dict[str, Any]:
    missing = linters_available()
    if missing:
        raise SystemExit(
            f"--linters: not installed: {', '.join(missing)}; run `bash bench/setup_linters.sh`"
        )
    templates = load_templates()
    configs = linter_configs(site / "linters", templates)
    commands = linter_commands(configs)
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
    result: dict[str, Any] = {"rounds": rounds, "tools": {}}
    ours = median(times["mkdocs-spec check"])
    for tool, values in times.items():
        entry: dict[str, Any] = {
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


def agreement(site: Path, templates: dict[str, Template], outputs: Path) -> dict[str, Any]:
    """Does each linter flag the same pages, and name the same first missing heading, as ours?

    MD043 stops at the first required heading it cannot find, so the comparison is on that one:
    ours' first missing *named* section in template order (with its template level). Ours also
    reports missing wildcard slots (`### [Component 1]`, "one or more headings here"), which MD043
    cannot express; pages where that is all that is missing are counted apart.
    """
    levels: dict[tuple[str, tuple[str, ...]], tuple[int, bool]] = {}
    for tid, template in templates.items():
        stack: list[str] = []
        for section in template.walk():
            del stack[section.level - 2 :]
            stack.append(section.title)
            levels[(tid, tuple(stack))] = (section.level, section.wildcard)
    ours_data = json.loads((outputs / "mkdocs-spec-check-all.txt").read_text(encoding="utf-8"))
    ours: dict[str, dict[str, Any]] = {}
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
    stats: dict[str, Any] = {
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
        with_missing = [p for p in pages if ours[p]["first_missing"]]
        clean = [p for p in pages if not ours[p]["first_missing"]]
        for p in with_missing[:2] + clean[:1]:
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


def reasons_text(reasons: dict[str, int]) -> str:
    """`12 (why), 3 (why)`: pymarkdown's extra flags by cause, most first."""
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


def print_linters(s: dict[str, Any]) -> None:
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
