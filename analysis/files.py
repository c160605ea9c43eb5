"""Atomic output files and folders with the permissions any file the user writes would get.

``tempfile.mkstemp`` and ``mkdtemp`` create 0600 files and 0700 folders, and an atomic rename
keeps those modes: a report copied to a web server, or opened by a colleague, could not be read.
Every output here is written under a temporary name and then given the modes the process umask
allows (0644 and 0755 under the usual 022) before it is moved into place.
"""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

FILE_MODE = 0o666
FOLDER_MODE = 0o777
_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """Return the process umask (read by setting it and setting it back, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """Return the mode a new file gets under the current umask (0644 under 022)."""
    return FILE_MODE & ~current_umask()


def folder_mode() -> int:
    """Return the mode a new folder gets under the current umask (0755 under 022)."""
    return FOLDER_MODE & ~current_umask()


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` through a temporary file, so readers never see half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as f:
                f.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staging_folder(out: Path) -> Path:
    """Create and return an empty folder beside ``out`` to build an output in, with the user's folder mode."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    os.chmod(staging, folder_mode())
    return staging
