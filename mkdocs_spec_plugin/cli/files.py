"""Finding pages and writing files safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..engine.page import decode


def pages(paths: list[Path]) -> Iterator[Path]:
    """The pages named: files as given, folders searched for `*.md`, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file())
        else:
            yield path


def shown(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def write_atomic(path: Path, data: bytes, *, replace: bool) -> None:
    """Write through a temporary file in the same folder, so readers never see half a file.

    With `replace=False` the write fails with FileExistsError when `path` exists, even if it
    appeared meanwhile: the final step is a hard link, which never overwrites.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o7777)
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def read_page(path: Path) -> tuple[str | None, str | None]:
    """A page's text as MkDocs reads it, or None and why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read: {exc.strerror}"
    text = decode(data)
    return (text, None) if text is not None else (None, "not UTF-8 text; skipped")
