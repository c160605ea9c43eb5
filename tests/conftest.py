"""Fixtures shared by tests/test_article.py and tests/test_tokens.py."""
from __future__ import annotations

import pytest
from hypothesis import strategies as st

from analysis.article import Article, ArticleError, load_article
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
def load_generated(tmp_path_factory):
    """For property tests: write generated text as a file and load it.

    Returns the Article, or None when ``load_article`` raised ``ArticleError`` (whose message
    must name the file on one line); any other exception fails the test.
    """
    directory = tmp_path_factory.mktemp("generated")

    def load(suffix: str, content: str):
        path = directory / f"generated{suffix}"
        path.write_bytes(content.encode("utf-8"))
        try:
            article = load_article(path)
        except ArticleError as err:
            assert str(path) in str(err) and "\n" not in str(err)
            return None
        assert isinstance(article, Article)
        assert article.raw == content
        return article

    return load


@pytest.fixture(scope="session")
def article_files():
    """Hypothesis strategy of ``(suffix, content)`` for random article files.

    Random Unicode text in any format; markdown-ish text (words mixed with emphasis, links,
    headings, quotes, escapes, entities, CRLF and curly quotes) as .md and .txt; HTML-ish
    text (block and hidden elements, entities, comments, broken markup) as .html.
    """
    words = st.sampled_from(
        ["Russia", "Iran", "the", "deal", "Gen.", "Maj.", "(ret.)", "U.S.", "Mr.", "S-300", "it's",
         "can't", "Ha’aretz", "Russia’s", "1-20-15", "$800", "e.g.", "a", "I", "x", "Café", "日本",
         "—", "–", "--", "...", "…", "``", "''", "!!", "?!"]
    )
    any_word = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=5)
    markdown_bits = st.sampled_from(
        ["*", "**", "***", "_", "__", "[x](#)", "[", "]", "(", ")", "](#)", "#", "# ", "## ", "> ",
         ">", "\\", "\\$", "\\*", "`", "``", "&amp;", "&#8220;", "&nosuch;", "<b>", "</b>", "<br>",
         "<!-- c -->", "<script>x</script>", "![alt](i.png)", "<http://x.org>", "- ", "1. ", "---",
         "===", "[...]", "“", "”", "‘", "’", '"', "'", ".", "!", "?", ":", ";", ",", " ", "  ",
         "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\ufeff", "\xa0", "\u2028"]
    )
    html_bits = st.sampled_from(
        ["<p>", "</p>", "<h1>", "</h1>", "<h2>", "</h2>", "<br>", "<br/>", "<hr>", '<div class="a">',
         "</div>", "<script>var a = '<p>x</p>';</script>", "<script>", "</script>",
         "<style>p { color: red }</style>", "<title>", "</title>", "<blockquote>", "</blockquote>",
         "<b>", "</b>", "<svg>", "</svg>", "<li>", "&amp;", "&amp", "&lt;", "&gt;", "&nbsp;",
         "&#8220;", "&#x201D;", "&#39;", "&#0;", "&#xD800;", "&nosuch;", "&NotEqualTilde;", "&", "<",
         ">", "</", "<!-- c -->", "<!--", "<!DOCTYPE html>", "<![CDATA[x]]>", "<![if x]>", "<![",
         "<!x>", "<?php ?>", " ", "\n", "\r\n", "\t", "\ufeff", ".", "?", "“", "”"]
    )

    def joined(bits):
        return st.lists(st.one_of(words, any_word, bits), max_size=40).map("".join)

    return st.one_of(
        st.tuples(st.sampled_from([".md", ".txt", ".html"]), st.text(max_size=200)),
        st.tuples(st.sampled_from([".md", ".txt"]), joined(markdown_bits)),
        st.tuples(st.just(".html"), joined(html_bits)),
    )
