"""cProfile runs (a whole enabled build, the plugin's event handlers alone, one `mkdocs-spec
check`) and their summaries: where the time goes, by plugin hook and by function."""

from __future__ import annotations

import os
import pstats
import shutil
import subprocess
from pathlib import Path
from typing import Any

from measure import BENCH, PYTHON, log, measure

PROFILE_TITLES = {
    "build": "one enabled build, whole process",
    "plugin": "the plugin's event handlers only, during one enabled build (all of its work)",
    "check": "one `mkdocs-spec check`, in one process (no workers)",
}


def profile(site: Path, out: Path) -> dict[str, Any]:
    """cProfile one enabled build, the plugin alone in another, and one `mkdocs-spec check` of
    the same pages."""
    prof = {name: str(out / f"profile-{name}.prof") for name in PROFILE_TITLES}
    runs = {
        "build": [
            *(PYTHON, "-m", "cProfile", "-o", prof["build"]),
            *("-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "build-profile"),
        ],
        # Only the plugin's event handlers, profiled inside an otherwise unprofiled build.
        "plugin": [
            *(PYTHON, str(BENCH / "profile_plugin.py")),
            *("--config", "mkdocs.yml", "--out", prof["plugin"]),
        ],
        "check": [
            *(PYTHON, str(BENCH / "profile_check.py"), prof["check"]),
            *("check", "-f", "mkdocs.yml", "--format", "json", "docs"),
        ],
    }
    result = {}
    for name, cmd in runs.items():
        with open(out / f"profile-{name}.log", "wb") as log_file:
            run = measure(cmd, site, stdout=log_file, stderr=subprocess.STDOUT)
        if run is None or run.status not in (0, 1):
            raise SystemExit(f"profiling {name} failed; see {out / f'profile-{name}.log'}")
        result[name] = summarise_profile(Path(prof[name]), run.wall)
    shutil.rmtree(site / "build-profile", ignore_errors=True)
    return result


def _where(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    marker = "mkdocs_spec_plugin" + os.sep
    if marker in filename:
        filename = filename[filename.rindex(marker) + len(marker) :]
    elif filename != "~":
        filename = "/".join(Path(filename).parts[-2:])
    return f"{filename}:{line}({func})" if filename != "~" else func


def summarise_profile(path: Path, wall: float, top: int = 15) -> dict[str, Any]:
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]  # not in the stubs
    total = sum(tt for (_, _, tt, _, _) in stats.values())

    def ours(key: tuple[str, int, str]) -> bool:  # the package's functions, not module bodies
        return "mkdocs_spec_plugin" in key[0] and key[2] != "<module>"

    plugin = sorted(((k, v) for k, v in stats.items() if ours(k)), key=lambda kv: -kv[1][3])
    by_self = sorted(((k, v) for k, v in stats.items() if ours(k)), key=lambda kv: -kv[1][2])
    hooks = {k: v for k, v in stats.items() if ours(k) and k[2].startswith("on_")}

    def row(k: tuple[str, int, str], v: tuple[Any, ...]) -> dict[str, Any]:
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


def print_profile(p: dict[str, Any]) -> None:
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
