"""Time from a keystroke (`textDocument/didChange`) to the diagnostics of that text being published,
on a 1,000-line design doc, with the real `mkdocs-spec lsp` process and pygls' own client.

    python bench/lsp_latency.py                 # 30 edits, default debounce and none
    python bench/lsp_latency.py --edits 100 --lines 1000

Each edit inserts one character in the middle of the page (an incremental change, as editors send
it) and waits for the diagnostics of its version before the next, so every edit is judged: the
figure is the debounce plus judging plus the round trip. With `--debounce 0` it is judging alone.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]


def page(lines: int) -> str:
    """The design-doc template with every section written at length, two left out."""
    template = (REPO / "templates" / "design-doc.md").read_text(encoding="utf-8")
    body = template.split("---\n", 2)[2]
    headings = [line for line in body.splitlines() if line.startswith("#")]
    kept = [h for i, h in enumerate(headings) if i not in (3, 7)]  # two gaps to report
    per = max(1, (lines - 4) // len(kept) - 2)
    out = ["---", "spec: design-doc", "---", ""]
    for number, heading in enumerate(kept):
        out += [heading, ""]
        out += [
            f"Line {n} of section {number}: what we decided and why, in words." for n in range(per)
        ]
        out.append("")
    return "\n".join(out[:lines]) + "\n"


async def measure(text: str, edits: int, debounce: int) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Future[None]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(_: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            future = waiting.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result(None)

    command = [sys.executable, "-m", "mkdocs_spec_plugin", "lsp", "--debounce", str(debounce)]
    await client.start_io(*command)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "design.md"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        loop = asyncio.get_running_loop()
        opened = waiting[1] = loop.create_future()
        item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        await asyncio.wait_for(opened, 30)
        middle = text.count("\n") // 2
        times = []
        for version in range(2, edits + 2):
            judged = waiting[version] = loop.create_future()
            at = types.Position(middle, 0)
            change = types.TextDocumentContentChangePartial(types.Range(at, at), "x")
            started = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
                )
            )
            await asyncio.wait_for(judged, 30)
            times.append(arrived[version] - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--debounce", type=int, action="append", help="ms (default: 100 and 0)")
    args = parser.parse_args()
    text = page(args.lines)
    print(f"page: {text.count(chr(10))} lines, {len(text.encode())} bytes; {args.edits} edits")
    for debounce in args.debounce or [100, 0]:
        times = sorted(asyncio.run(measure(text, args.edits, debounce)))
        median = statistics.median(times) * 1000
        p90 = times[int(0.9 * (len(times) - 1))] * 1000
        print(f"debounce {debounce:>3} ms: median {median:.1f} ms, p90 {p90:.1f} ms")


if __name__ == "__main__":
    main()
