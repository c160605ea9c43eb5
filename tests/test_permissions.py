"""Outputs are readable like any file the user writes: the process umask decides, not mkstemp's 0600.

A report copied to a web server or opened by a colleague must be readable (0644 files and 0755
folders under the usual umask 022), and still private when the user asks for it (umask 077).
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.files import write_atomically
from analysis.paths import DEFAULT_ARTICLE, NOTEBOOKS_DIR



@contextmanager
def umask(mask: int):
    """Run the block under ``mask``, then restore the previous umask."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, set[int]]:
    """The permission bits found under ``root`` (itself included), for files and for folders."""
    found = {"files": set(), "folders": {stat.S_IMODE(root.stat().st_mode)}}
    for path in root.rglob("*"):
        found["folders" if path.is_dir() else "files"].add(stat.S_IMODE(path.stat().st_mode))
    return found


@pytest.mark.parametrize("mask, file_mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_write_atomically_gives_the_umask_mode(tmp_path, mask, file_mode):
    with umask(mask):
        write_atomically(tmp_path / "a.csv", "x\n")
        write_atomically(tmp_path / "b.png", b"\x89PNG")
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == file_mode
    assert stat.S_IMODE((tmp_path / "b.png").stat().st_mode) == file_mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.png"]  # no temporary file left


@pytest.mark.parametrize("mask, expected", [(0o022, {"files": {0o644}, "folders": {0o755}}),
                                            (0o077, {"files": {0o600}, "folders": {0o700}})])
def test_tables_take_the_umask(tmp_path, mask, expected):
    with umask(mask):
        assert main(["tables", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "out" / "tables")]) == 0
    assert modes(tmp_path / "out") == expected


def test_a_private_report_under_umask_077(tmp_path, monkeypatch):
    # One notebook is enough to see every kind of output: the staging folder, the notebook
    # folder, papermill's notebook, nbconvert's pages, the front-page chart and the tables.
    from analysis import report

    monkeypatch.setattr(report, "report_notebooks", lambda: [NOTEBOOKS_DIR / "02_actor_mentions.ipynb"])
    with umask(0o077):
        assert main(["report", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "notebooks" / "02_actor_mentions.front.png").is_file()
    assert modes(tmp_path / "report") == {"files": {0o600}, "folders": {0o700}}


def test_corpus_output_takes_the_umask(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("# Russia and Iran\n\nRussia and Iran met in Tehran. Israel objected.\n", encoding="utf-8")
    for mask, expected in ((0o022, {"files": {0o644}, "folders": {0o755}}), (0o077, {"files": {0o600}, "folders": {0o700}})):
        out = tmp_path / f"out-{mask:o}"
        with umask(mask):
            assert main(["corpus", str(folder), "--out", str(out), "--csv"]) == 0
        assert modes(out) == expected, oct(mask)
