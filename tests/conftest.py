"""Fixtures shared by tests/test_article.py and tests/test_tokens.py."""
from __future__ import annotations

import pytest

from analysis.article import load_article
from analysis.paths import PROJECT_DIR

REFERENCE_ARTICLE = PROJECT_DIR / "data" / "articles" / "axis-of-resistance.md"


@pytest.fixture
def write_file(tmp_path):
    """Write ``text`` as UTF-8 bytes (no newline translation) to ``tmp_path / name``."""

    def write(name: str, text: str | bytes):
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    return write


@pytest.fixture
def load_text(write_file):
    """Write a small hand-written article and load it: ``load_text("a.md", "# Title ...")``."""
    return lambda name, text: load_article(write_file(name, text))


@pytest.fixture(scope="session")
def reference_article():
    """The project's reference article, data/articles/axis-of-resistance.md."""
    return load_article(REFERENCE_ARTICLE)


@pytest.fixture(scope="session")
def scratch_dir(tmp_path_factory):
    """A directory for the files written by the property tests (one file per example)."""
    return tmp_path_factory.mktemp("generated")
