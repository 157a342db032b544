"""Finding pages and writing files safely."""

from __future__ import annotations

import contextlib
import os
import stat
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


# A page never reaches this by accident; a symlink to /dev/zero or a huge generated file would
# otherwise be read until memory runs out.
MAX_PAGE_BYTES = 20 * 1024 * 1024


class Changed(Exception):
    """The file is no longer what was read: someone else wrote it meanwhile."""


class ReadOnly(Exception):
    """The file is read-only, or hard-linked, and --force was not given."""


def read_bytes(path: Path, limit: int = MAX_PAGE_BYTES) -> tuple[bytes | None, str | None]:
    """A regular file's bytes, or None and why not: a FIFO, a device or a folder is never read
    (a FIFO would wait forever), nor a file larger than `limit`."""
    try:
        # Non-blocking, so that opening a FIFO returns at once; then the open file is checked.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, f"cannot read: {exc.strerror}"
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None, "not a regular file (a FIFO, a device or a folder); skipped"
        data = stream.read(limit + 1)
    if len(data) > limit:
        return None, f"larger than {limit // (1024 * 1024)} MB (max_page_mb); skipped"
    return data, None


def write_atomic(
    path: Path,
    data: bytes,
    *,
    replace: bool,
    expected: bytes | None = None,
    force: bool = False,
) -> None:
    """Write through a temporary file in the same folder, so readers never see half a file.

    With `replace=False` the write fails with FileExistsError when `path` exists, even if it
    appeared meanwhile: the final step is a hard link, which never overwrites; the new file gets
    the mode the umask gives. With `replace=True` a symlink is written through to its target,
    whose mode and owner are kept; with `expected`, the write raises Changed when the file no
    longer holds those bytes just before it is replaced; a read-only or hard-linked file raises
    ReadOnly unless `force` (a hard-linked one is then written in place, keeping its links).
    """
    if replace:
        path = Path(os.path.realpath(path))
    existing = path.stat() if replace and path.exists() else None
    if existing is not None and not force:
        if not existing.st_mode & 0o222:
            raise ReadOnly("read-only")
        if existing.st_nlink > 1:
            raise ReadOnly(f"hard-linked ({existing.st_nlink} names)")
    path.parent.mkdir(parents=True, exist_ok=True)
    if existing is not None and existing.st_nlink > 1:  # --force: keep the links
        _check_unchanged(path, expected)
        with open(path, "r+b") as stream:
            stream.write(data)
            stream.truncate()
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            os.chmod(temporary, existing.st_mode & 0o7777)
            with contextlib.suppress(OSError):  # only root may give a file to someone else
                os.chown(temporary, existing.st_uid, existing.st_gid)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        if replace:
            _check_unchanged(path, expected)
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _check_unchanged(path: Path, expected: bytes | None) -> None:
    if expected is None:
        return
    now, _ = read_bytes(path, max(len(expected), 1) * 2 + 1)
    if now != expected:
        raise Changed("changed since it was read")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_page(path: Path, limit: int = MAX_PAGE_BYTES) -> tuple[str | None, str | None]:
    """A page's text as MkDocs reads it, or None and why not."""
    data, problem = read_bytes(path, limit)
    if data is None:
        return None, problem
    text = decode(data)
    return (text, None) if text is not None else (None, "not UTF-8 text; skipped")
