"""Benchmark the `spec` plugin and `mkdocs-spec check` on a generated Material for MkDocs site.

    python bench/run.py [--pages N] [--rounds R] [--out DIR] [--scale [--pages-max N]]
                        [--linters] [--profile] [--write-results] [--seed S]
    python bench/run.py --rewrite-results RESULTS_JSON

See bench/README.md for what each part measures and how to read it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builds import (
    compare_builds,
    make_site,
    plugin_check_agreement,
    print_builds,
    print_scale,
    print_serve,
    scale,
    serve_page,
    serve_probe,
)
from linters import compare_linters, print_linters
from measure import BENCH, log
from profiles import print_profile, profile
from results import (
    load,
    machine,
    print_targets,
    source_fingerprint,
    versions,
    write_results,
)


def options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
        help="cProfile one enabled build, the plugin alone and one check; top package entries",
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
    if not args.rewrite_results and (args.pages < 10 or args.rounds < 1):
        parser.error("--pages must be at least 10 and --rounds at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    if args.rewrite_results:
        write_results(json.loads(args.rewrite_results.read_text()), BENCH / "RESULTS.md")
        return 0

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "pages": args.pages,
        "seed": args.seed,
        "machine": machine(),
        "versions": versions(),
        "notes": [],
        "source_before": source_fingerprint(),
        "phases": [],  # (phase, the source fingerprint when it ended)
    }
    started = time.perf_counter()

    def phase(name: str, run: Callable[[], Any], show: Callable[[Any], None]) -> None:
        results[name] = run()
        results["phases"].append((name, source_fingerprint()))
        show(results[name])

    site, spec_pages = make_site(out, args.pages, args.seed)
    results["spec_pages"] = spec_pages

    log(f"\nBuilding {args.pages} pages, plugin disabled and enabled, {args.rounds} rounds each")
    phase("builds", lambda: compare_builds(site, args.pages, spec_pages, args.rounds), print_builds)
    results["agreement"] = plugin_check_agreement(site)

    if not args.no_serve:
        log("\nServe: first build, then a rebuild after touching, then after editing one page")
        page = serve_page(site, args.pages, args.seed)
        phase("serve", lambda: serve_probe(site, page), lambda s: print_serve(s, spec_pages))

    if args.linters:
        rounds = args.linter_rounds or min(args.rounds, 3)
        log(f"\nLinters on the same {spec_pages} spec pages ({rounds} rounds)")
        phase("linters", lambda: compare_linters(site, rounds, args.linter_timeout), print_linters)

    if args.profile:
        log("\nProfiling one enabled build, the plugin alone and one mkdocs-spec check (cProfile)")
        phase("profile", lambda: profile(site, out), print_profile)

    if args.scale:
        sizes = [200, 2000] + ([20000] if args.pages_max >= 20000 else [])
        phase(
            "scale",
            lambda: scale(out, sizes, args.seed, args.rounds, results["builds"]),
            print_scale,
        )

    results["seconds"] = time.perf_counter() - started
    results["source_after"] = source_fingerprint()
    if results["source_after"] != results["source_before"]:
        log("\nnote: the package's source changed while the benchmark ran")
    with contextlib.suppress(OSError, AttributeError):
        results["machine"]["load"] = results["machine"].get("load", "") + " -> " + load()
    print_targets(results)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    log(f"\nresults in {out / 'results.json'} ({results['seconds']:.0f} s in all)")
    if args.write_results:
        write_results(results, BENCH / "RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
