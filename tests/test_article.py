"""Tests for analysis/article.py: loading .md, .txt and .html articles.

Expected values are written out by hand for small articles written inline; offsets were
counted on the raw strings (each case says what it checks).  The property tests at the end
run ``load_article`` on random text, markdown-ish and HTML-ish files.
"""
from __future__ import annotations

import html
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.article import BLOCK_KINDS, BLOCK_SEPARATOR, Article, ArticleError, collapse_whitespace, load_article


def blocks_of(article):
    """(kind, start, end, text) of every block: the compact form the expectations use."""
    return [(b.kind, b.start, b.end, b.text) for b in article.blocks]


def assert_consistent(article: Article):
    """Invariants of every Article: blocks, visible text and the text-to-raw offset map."""
    raw, text = article.raw, article.text
    assert article.blocks, "an article has at least one block"
    assert text == BLOCK_SEPARATOR.join(b.text for b in article.blocks)
    assert len(article.raw_starts) == len(article.raw_ends) == len(text)
    previous_end = 0
    for n, b in enumerate(article.blocks):
        assert b.block_id == n
        assert b.kind in BLOCK_KINDS
        assert 0 <= b.start < b.end <= len(raw)
        assert previous_end <= b.start, "blocks are in reading order and do not overlap"
        previous_end = b.end
        assert b.text and b.text == b.text.strip()
        assert text[b.text_start : b.text_end] == b.text
        assert article.raw_span(b.text_start, b.text_end) == (b.start, b.end)
        assert "  " not in b.text and "\n" not in b.text, "whitespace is collapsed inside a block"
    kinds = [b.kind for b in article.blocks]
    assert "title" not in kinds[1:], "only the first block can be the title"
    if kinds[0] == "title":
        assert article.title == article.blocks[0].text
    last_start = last_end = 0
    for i, ch in enumerate(text):
        rs, re_ = article.raw_starts[i], article.raw_ends[i]
        assert 0 <= rs <= re_ <= len(raw)
        assert rs >= last_start and re_ >= last_end, "the offset map runs forward"
        last_start, last_end = rs, re_
        assert renders(raw[rs:re_], ch), (i, ch, raw[rs:re_])


def renders(source: str, ch: str) -> bool:
    """True when ``source``, a span of raw text, can show as the visible character ``ch``.

    A character is copied (``a`` from ``a``), decoded from an entity (``&`` from ``&amp;``),
    or is a space standing for whitespace, a line break, a <br> or the gap between blocks.
    """
    if source == ch:
        return True
    if ch.isspace():
        return source == "" or source.isspace() or html.unescape(source).isspace()
    return source.startswith("&") and ch in html.unescape(source)


def assert_one_line_error(err: pytest.ExceptionInfo, path, *words: str):
    """The message names the file, says what is wrong, and is a single line."""
    message = str(err.value)
    assert str(path) in message
    assert "\n" not in message and "\r" not in message
    for word in words:
        assert word in message


# --- markdown -----------------------------------------------------------------------------


def test_markdown_markup_is_removed_from_the_visible_text(load_text):
    # Heading markers, *emphasis*, [text](#) links, **bold**, \$ escapes and a "[...]" line
    # vanish from the visible text; a "> " quote becomes a quote block joining its lines.
    raw = (
        "# The *Title*\n"                                    # 0-13
        "\n"                                                 # 14
        "See [the report](#) and **bold** text for \\$5.\n"  # 15-61
        "\n"                                                 # 62
        "[...]\n"                                            # 63-68
        "\n"                                                 # 69
        "## Part two\n"                                      # 70-81
        "\n"                                                 # 82
        "> A quoted line\n"                                  # 83-98
        "> goes on.\n"                                       # 99-109
        "\n"                                                 # 110
        "End."                                               # 111-114
    )
    article = load_text("markup.md", raw)
    assert article.raw == raw
    assert article.format == "markdown"
    assert article.title == "The Title"
    assert article.text == (
        "The Title\n\nSee the report and bold text for $5.\n\nPart two\n\nA quoted line goes on.\n\nEnd."
    )
    # A block's span runs from its first to its last visible character: "# " is outside,
    # and so is the closing "*" that follows the last visible character of the title.
    assert blocks_of(article) == [
        ("title", 2, 12, "The Title"),
        ("paragraph", 15, 61, "See the report and bold text for $5."),
        ("heading", 73, 81, "Part two"),
        ("quote", 85, 109, "A quoted line goes on."),
        ("paragraph", 111, 115, "End."),
    ]
    assert [b.text_start for b in article.blocks] == [0, 11, 49, 59, 83]
    assert [raw[b.start : b.end] for b in article.blocks] == [
        "The *Title",
        "See [the report](#) and **bold** text for \\$5.",
        "Part two",
        "A quoted line\n> goes on.",
        "End.",
    ]
    text = article.text
    for markup in ("*", "#", "](", "[", "\\", ">", "..."):
        assert markup not in text
    # Text spans map back into raw: the link text, the bold word, the escaped dollar sign
    # (the backslash is not part of it) and a span running over the quote's line break.
    at = text.index("the report")
    assert article.raw_span(at, at + len("the report")) == (20, 30)
    at = text.index("bold")
    assert article.raw_span(at, at + 4) == (41, 45)
    at = text.index("$5.")
    assert article.raw_span(at, at + 3) == (58, 61)
    at = text.index("line goes")
    assert article.raw_span(at, at + len("line goes")) == (94, 105)
    assert raw[94:105] == "line\n> goes"
    # "Title" sits between the two stars: inside the title, raw[7:12] is exactly "Title".
    assert article.raw_span(4, 9) == (7, 12)


def test_markdown_other_inline_and_block_syntax(load_text):
    # Setext headings, lists, thematic breaks, code, images, autolinks, entities, comments,
    # inline HTML and underscores: only what a reader sees is left.
    raw = (
        "Big News\n"
        "========\n"
        "\n"
        "- first *item*\n"
        "1. second `code` item\n"
        "\n"
        "***\n"
        "\n"
        "An ![alt text](pic.png) and <https://example.org> link.\n"
        "\n"
        "Tom &amp; Jerry <!-- note --> <b>ran</b> __fast__ and ***far***.\n"
        "\n"
        "Sub heading\n"
        "-----------\n"
    )
    article = load_text("other.md", raw)
    assert article.title == "Big News"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("title", "Big News"),
        ("paragraph", "first item"),
        ("paragraph", "second code item"),
        ("paragraph", "An alt text and https://example.org link."),
        ("paragraph", "Tom & Jerry ran fast and far."),
        ("heading", "Sub heading"),
    ]
    # The "&" comes from the whole entity "&amp;".
    at = article.text.index("&")
    assert raw[slice(*article.raw_span(at, at + 1))] == "&amp;"
    assert_consistent(article)


def test_markdown_hard_line_break_backslash_is_not_text(load_text):
    # A backslash ending a line is a hard line break, not text; one ending the paragraph
    # is a literal backslash.
    raw = "Title\n\nFirst line\\\nsecond line.\n\nLast \\"
    article = load_text("break.md", raw)
    assert blocks_of(article) == [
        ("title", 0, 5, "Title"),
        ("paragraph", 7, 31, "First line second line."),
        ("paragraph", 33, 39, "Last \\"),
    ]
    # The space between the lines stands for the "\n" after the backslash.
    assert article.raw_starts[article.text.index(" second")] == 18


def test_markdown_heading_levels_and_closing_hashes(load_text):
    # Any ATX level is a heading; closing "#"s are not text; the first heading is the title.
    article = load_text("levels.md", "### Deep title ###\n\n#### Sub #\n\nText #5 stays.\n")
    assert blocks_of(article) == [
        ("title", 4, 14, "Deep title"),
        ("heading", 25, 28, "Sub"),
        ("paragraph", 32, 46, "Text #5 stays."),
    ]
    assert article.title == "Deep title"


def test_ellipsis_lines_are_dropped_but_inline_ellipses_stay(load_text):
    # "[...]", "(...)", "[…]" and "[ . . . ]" alone on a line mark an elision; "..." inside a
    # sentence is text.
    article = load_text(
        "ellipsis.md", "Title\n\nOne ... two.\n\n[...]\n\n(...)\n\n[…]\n\n[ . . . ]\n\nThree.\n"
    )
    assert [b.text for b in article.blocks] == ["Title", "One ... two.", "Three."]


def test_crlf_line_endings_are_kept_in_raw_and_offsets_point_into_them(write_file):
    # Windows line endings: raw keeps every "\r\n" (newline='' semantics) and the offsets
    # still point at the right characters.
    raw = "# T\r\n\r\nOne line\r\nand two.\r\n\r\n> Q one.\r\n"
    path = write_file("crlf.md", raw)
    article = load_article(path)
    assert article.raw == raw
    assert article.raw.count("\r\n") == 6
    assert blocks_of(article) == [
        ("title", 2, 3, "T"),
        ("paragraph", 7, 25, "One line and two."),
        ("quote", 31, 37, "Q one."),
    ]
    assert raw[7:25] == "One line\r\nand two."
    # The space joining the two lines stands for the "\r" that ends the first one.
    at = article.text.index("line and")
    assert article.raw_span(at, at + len("line and")) == (11, 20)
    assert article.raw_starts[at + 4] == 15 and raw[15] == "\r"


def test_old_mac_line_endings(load_text):
    # A lone "\r" ends a line too.
    article = load_text("cr.md", "# Title\r\rOne\rtwo.\r")
    assert blocks_of(article) == [("title", 2, 7, "Title"), ("paragraph", 9, 17, "One two.")]


def test_quote_blocks(load_text):
    # "> " lines make a quote; a bare ">" starts a new quote paragraph; the first short line
    # without a full stop is the title.
    raw = "Intro line\n\n> First line\n> second line.\n>\n> Another.\n\nAfter."
    article = load_text("quote.md", raw)
    assert blocks_of(article) == [
        ("title", 0, 10, "Intro line"),
        ("quote", 14, 39, "First line second line."),
        ("quote", 44, 52, "Another."),
        ("paragraph", 54, 60, "After."),
    ]


def test_byte_order_mark_is_kept_in_raw_but_not_in_the_text(load_text):
    # A UTF-8 byte-order mark (Windows editors write one) stays in raw, so offsets count it,
    # but it is not text and does not stop "# Title" from being a heading.
    raw = "\ufeff# Title\n\nBody text.\n"
    article = load_text("bom.md", raw)
    assert article.raw == raw
    assert article.title == "Title"
    assert blocks_of(article) == [("title", 3, 8, "Title"), ("paragraph", 10, 20, "Body text.")]
    assert load_text("bom.txt", "\ufeffTitle\n\nBody.").title == "Title"


def test_markdown_suffix_variants(load_text):
    # ".markdown" is markdown too; the suffix is matched case-insensitively.
    assert load_text("a.markdown", "# A\n\nB.").format == "markdown"
    assert load_text("UPPER.MD", "# A\n\nB.").title == "A"


# --- plain text ---------------------------------------------------------------------------


def test_plain_text_keeps_markdown_characters(load_text):
    # In a .txt file "#", "*" and "[x](#)" are text: nothing is interpreted.
    raw = "Notes\n\n# not a heading *and* [x](#) \\$ stays.\nSecond line.\n"
    article = load_text("notes.txt", raw)
    assert article.format == "text"
    assert blocks_of(article) == [
        ("title", 0, 5, "Notes"),
        ("paragraph", 7, 58, "# not a heading *and* [x](#) \\$ stays. Second line."),
    ]


@pytest.mark.parametrize(
    ("raw", "title", "first_kind"),
    [
        # A first block of one short line without a closing full stop is the title.
        ("A short first line\n\nBody text.", "A short first line", "title"),
        # A question is a headline.
        ("Has Russia joined?\n\nBody text.", "Has Russia joined?", "title"),
        # A first line ending in ".", ":", ";" or "," is a sentence: the title is the file name.
        ("It was a dark night.\n\nBody text.", "plain", "paragraph"),
        ("He said:\n\nBody text.", "plain", "paragraph"),
        # A first paragraph of two lines is not a title, even when short.
        ("Two short\nlines here\n\nBody text.", "plain", "paragraph"),
        # More than 25 words is not a title.
        (" ".join(["word"] * 26) + "\n\nBody text.", "plain", "paragraph"),
        # Exactly 25 words still is.
        (" ".join(["word"] * 25) + "\n\nBody.", " ".join(["word"] * 25), "title"),
        # A single block can be the title on its own.
        ("Only a title", "Only a title", "title"),
    ],
)
def test_plain_text_title_rule(load_text, raw, title, first_kind):
    article = load_text("plain.txt", raw)
    assert article.title == title
    assert article.blocks[0].kind == first_kind


def test_markdown_without_heading_uses_the_plain_text_title_rule(load_text):
    # No leading heading: the first paragraph is the title only when it reads like one.
    assert load_text("x.md", "Short *headline*\n\nBody.").title == "Short headline"
    assert load_text("story.md", "A full sentence.\n\nBody.").title == "story"


# --- HTML ---------------------------------------------------------------------------------

HTML_PAGE = (
    "<!DOCTYPE html>\n"
    "<html><head><title>Page  Title</title>\n"
    "<style>p { color: red; } h1:before { content: 'x'; }</style></head>\n"
    "<body><script>var s = \"<p>hidden</p>\"; if (a < b) {}</script>\n"
    "<h1>Tom &amp; Jerry</h1>\n"
    "<p>Caf&eacute; &lt;open&gt;<br>Next&nbsp;line.</p>\n"
    "<blockquote>&#8220;Quoted.&#x201D;</blockquote>\n"
    "<!-- a comment -->\n"
    "</body></html>\n"
)


def test_html_visible_text_blocks_and_entities(load_text):
    # Visible text only: the <title>, <style>, <script> and comment are not blocks; the <h1>
    # is the title; <blockquote> is a quote; <br> reads as a space; entities are decoded.
    article = load_text("page.html", HTML_PAGE)
    raw = article.raw
    assert raw == HTML_PAGE
    assert article.format == "html"
    assert article.title == "Tom & Jerry"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("title", "Tom & Jerry"),
        ("paragraph", "Café <open> Next line."),
        ("quote", "“Quoted.”"),
    ]
    assert [raw[b.start : b.end] for b in article.blocks] == [
        "Tom &amp; Jerry",
        "Caf&eacute; &lt;open&gt;<br>Next&nbsp;line.",
        "&#8220;Quoted.&#x201D;",
    ]
    assert article.blocks[0].start == HTML_PAGE.index("Tom")
    for hidden in ("hidden", "color", "var", "comment", "Page"):
        assert hidden not in article.text
    # Each decoded character maps to its whole entity.
    text = article.text

    def raw_of(visible: str, occurrence: int = 0) -> str:
        at = -1
        for _ in range(occurrence + 1):
            at = text.index(visible, at + 1)
        return raw[slice(*article.raw_span(at, at + len(visible)))]

    assert raw_of("&") == "&amp;"
    assert raw_of("é") == "&eacute;"
    assert raw_of("<open>") == "&lt;open&gt;"
    assert raw_of("“") == "&#8220;"
    assert raw_of("”") == "&#x201D;"
    assert raw_of("Tom & Jerry") == "Tom &amp; Jerry"
    # The space for <br> is an empty span at the tag; the &nbsp; space maps to the entity.
    at = text.index("> Next") + 1
    assert article.raw_span(at, at + 1) == (raw.index("<br>"),) * 2
    assert raw_of("Next line") == "Next&nbsp;line"
    assert_consistent(article)


def test_html_title_falls_back_to_the_title_element(load_text):
    # Without a leading <h1> the <title> (whitespace collapsed) is the title; a later <h1>
    # or a first <h2> is an ordinary heading.
    page = (
        "<html><head><title>\n  Fallback   Title </title></head>"
        "<body><h2>Sub</h2><p>Text.</p><h1>Late</h1></body></html>"
    )
    article = load_text("fallback.html", page)
    assert article.title == "Fallback Title"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Sub"),
        ("paragraph", "Text."),
        ("heading", "Late"),
    ]
    # With neither an <h1> first nor a <title>, the title is the file name.
    assert load_text("untitled.html", "<p>Only a paragraph &copy; 2020.</p>").title == "untitled"


def test_html_entities_without_semicolon_and_unknown_entities(load_text):
    # "&amp" without ";" is decoded like a browser does; an unknown "&nosuch;" is text.
    article = load_text("ent.htm", "<p>A &amp B &nosuch; C &#65;&#x42;.</p>")
    assert article.text == "A & B &nosuch; C AB."
    at = article.text.index("&nosuch;")
    assert article.raw_span(at, at + 8) == (12, 20)
    at = article.text.index("AB")
    assert article.raw[slice(*article.raw_span(at, at + 2))] == "&#65;&#x42;"


def test_html_with_crlf_and_text_outside_paragraphs(load_text):
    # Offsets stay right across "\r\n"; text directly in <body> is a paragraph; <div>
    # and <li> break blocks; inline tags do not.
    page = "<html>\r\n<body>\r\nLoose text\r\n<div>In <b>bold</b> div</div>\r\n<ul><li>One</li><li>Two</li></ul>\r\n</body></html>"
    article = load_text("crlf.html", page)
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "Loose text"),
        ("paragraph", "In bold div"),
        ("paragraph", "One"),
        ("paragraph", "Two"),
    ]
    assert [page[b.start : b.end] for b in article.blocks] == [
        "Loose text",
        "In <b>bold</b> div",
        "One",
        "Two",
    ]
    assert_consistent(article)


def test_html_byte_order_mark(load_text):
    # A byte-order mark before <html> is neither text nor a block; the <h1> is still the title.
    article = load_text("bom.html", "\ufeff<html><body><h1>Title</h1><p>Body.</p></body></html>")
    assert article.title == "Title"
    assert [(b.kind, b.text) for b in article.blocks] == [("title", "Title"), ("paragraph", "Body.")]


def test_html_hidden_elements_nested_and_unclosed(load_text):
    # Everything inside <svg>, <noscript>, <template> is hidden, even with nested tags.
    page = "<p>Shown</p><svg><text>no</text><p>nope</p></svg><noscript>no js</noscript><template><p>t</p></template><p>Also shown</p>"
    article = load_text("hidden.html", page)
    assert [b.text for b in article.blocks] == ["Shown", "Also shown"]


def test_html_unknown_marked_sections_are_bogus_comments(load_text):
    # "<![0 ...>" and "<![foo[...>" made the standard library's parser raise AssertionError;
    # a browser skips them like a comment up to the next ">", and later offsets stay right.
    page = "<p>A <![0 x]> B &amp; C <![foo[ y ]]> D</p>"
    article = load_text("marked.html", page)
    assert article.text == "A B & C D"
    at = article.text.index("&")
    assert article.raw_span(at, at + 1) == (page.index("&amp;"), page.index("&amp;") + 5)
    at = article.text.index("D")
    assert article.raw_span(at, at + 1) == (page.index("D"), page.index("D") + 1)
    # A known marked section (CDATA) is skipped too.
    assert load_text("cdata.html", "<p>x <![CDATA[ y ]]> z</p>").text == "x z"


# --- raw_span and other API -----------------------------------------------------------------


def test_raw_span_edges_and_errors(load_text):
    # Empty spans map to a point; the blank line between blocks maps to an empty span;
    # spans outside the text raise IndexError.
    article = load_text("edges.md", "# Head\n\nBody.\n")
    assert article.text == "Head\n\nBody."
    assert article.raw_span(0, 0) == (2, 2)
    assert article.raw_span(11, 11) == (len(article.raw),) * 2
    assert article.raw_span(4, 6) == (6, 6)  # the block separator
    assert article.raw_span(0, 11) == (2, 13)
    for bad in [(-1, 2), (3, 2), (0, 12)]:
        with pytest.raises(IndexError):
            article.raw_span(*bad)


def test_article_name_and_path(write_file):
    path = write_file("some-story.md", "# S\n\nT.")
    article = load_article(str(path))  # a str path works as well as a Path
    assert article.name == "some-story"
    assert article.path == str(path)


# --- bad input ----------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "missing.md"
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "no such file")


def test_directory(tmp_path):
    path = tmp_path / "folder.md"
    path.mkdir()
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "directory")


@pytest.mark.parametrize("content", ["", "   \n\t\r\n  \n"])
def test_empty_or_whitespace_only_file(write_file, content):
    path = write_file("empty.md", content)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "empty")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # NUL bytes
        bytes(range(1, 32)) * 4 + b"some text",  # many control characters, no NUL
    ],
)
def test_binary_file(write_file, data):
    path = write_file("image.txt", data)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "binary")


def test_not_utf8(write_file):
    # Latin-1 "café": the message gives the offending byte and its position.
    path = write_file("latin1.md", "# Café\n\nText.".encode("latin-1"))
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "UTF-8", "0xe9", "position 5")


@pytest.mark.parametrize("name", ["report.pdf", "README", "article.md.bak"])
def test_unsupported_suffix(write_file, name):
    path = write_file(name, "# A title\n\nSome text.")
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "unsupported file type", ".md", ".html", ".txt")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("markup.md", "***\n\n[...]\n\n<!-- only a comment -->\n"),
        ("script.html", "<html><script>alert(1)</script><style>p {}</style></html>"),
        ("title-only.html", "<title>Only a head title</title>"),
        ("bom.txt", "\ufeff"),
    ],
)
def test_no_visible_text(write_file, name, content):
    # A file with characters but nothing a reader sees is an error too.
    path = write_file(name, content)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert_one_line_error(err, path, "no visible text")


def test_article_error_is_a_value_error():
    assert issubclass(ArticleError, ValueError)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(write_file):
    path = write_file("locked.md", "# A\n\nB.")
    path.chmod(0)
    try:
        with pytest.raises(ArticleError) as err:
            load_article(path)
        assert_one_line_error(err, path, "cannot be read")
    finally:
        path.chmod(0o600)


# --- the reference article ----------------------------------------------------------------


def test_reference_article(reference_article):
    article = reference_article
    assert article.title == "Has Russia Joined the Axis of Resistance?"
    assert article.name == "axis-of-resistance"
    assert article.format == "markdown"
    for markup in ("*", "#", "](", "\\$", "[...]"):
        assert markup not in article.text
    assert "$800 million" in article.text
    assert "Moscow Times reported:" in article.text
    assert article.raw.startswith("\n\n# Has Russia Joined the Axis of Resistance?\n")
    assert article.blocks[0].kind == "title"
    assert (article.blocks[0].start, article.blocks[0].end) == (4, 45)
    assert [b.kind for b in article.blocks].count("heading") == 2
    assert_consistent(article)


# --- property tests -------------------------------------------------------------------------

@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_property_load_article_returns_a_consistent_article_or_raises_article_error(
    article_files, load_generated, data
):
    # Any text, markdown-ish or HTML-ish file either loads into a consistent Article (blocks
    # within raw, every visible character mapped to a raw span that shows as it) or raises
    # ArticleError, never anything else.
    suffix, content = data.draw(article_files, label="file")
    article = load_generated(suffix, content)
    if article is None:
        return
    assert_consistent(article)
    if suffix == ".txt":
        # Plain text is copied: every visible character that is not a space is its raw character.
        for i, ch in enumerate(article.text):
            if not ch.isspace():
                assert article.raw[article.raw_starts[i] : article.raw_ends[i]] == ch


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Alpha", "beta.", "Gamma?", " ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t"]), min_size=1, max_size=30).map("".join))
def test_property_plain_words_are_copied_unchanged(load_generated, content):
    # Text without markup reads the same in every format: the visible text is the raw words
    # with whitespace collapsed, and every block's raw span holds its words.
    for suffix in (".md", ".txt", ".html"):
        article = load_generated(suffix, content)
        if article is None:
            assert not content.strip()
            continue
        assert article.text.split() == content.split()
        for b in article.blocks:
            assert article.raw[b.start : b.end].split() == b.text.split()


# Well-formed markup built together with the text a reader sees: (source, visible) pairs.
LETTERS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéü"), min_size=1, max_size=8)
PHRASE = st.lists(LETTERS, min_size=1, max_size=3).map(" ".join)
MD_INLINE = st.one_of(
    LETTERS.map(lambda w: (w, w)),
    PHRASE.map(lambda p: (f"*{p}*", p)),
    PHRASE.map(lambda p: (f"**{p}**", p)),
    PHRASE.map(lambda p: (f"[{p}](#)", p)),
    PHRASE.map(lambda p: (f"[{p}](https://example.org/a_b)", p)),
    st.integers(0, 999).map(lambda n: (f"\\${n}", f"${n}")),
    LETTERS.map(lambda w: (f"“{w}”", f"“{w}”")),
    LETTERS.map(lambda w: (f"{w}&amp;", f"{w}&")),
)
HTML_INLINE = st.one_of(
    LETTERS.map(lambda w: (w, w)),
    PHRASE.map(lambda p: (f"<b>{p}</b>", p)),
    PHRASE.map(lambda p: (f'<a href="#x">{p}</a>', p)),
    LETTERS.map(lambda w: (f"{w}&amp;", f"{w}&")),
    LETTERS.map(lambda w: (f"&#8220;{w}&#x201D;", f"“{w}”")),
    st.just(("<script>var x = 1;</script>", None)),
)


@st.composite
def well_formed_article(draw):
    """A markdown or HTML article of headings, paragraphs and quotes, with its visible text."""
    fmt = draw(st.sampled_from(["md", "html"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    sources, texts, kinds = [], [], []
    for n in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["heading", "paragraph", "quote"]))
        items = draw(st.lists(MD_INLINE if fmt == "md" else HTML_INLINE, min_size=1, max_size=8))
        visible = " ".join(v for _, v in items if v is not None)
        if not visible:
            continue
        if fmt == "md":
            # Paragraph and quote lines break anywhere between items.
            line_breaks = draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
            marker = "> " if kind == "quote" else ""
            source = marker
            for k, (item, _) in enumerate(items):
                if k:
                    source += newline + marker if kind != "heading" and line_breaks[k] else " "
                source += item
            if kind == "heading":
                source = "#" * draw(st.integers(1, 6)) + " " + source
        else:
            tag = {"heading": "h2", "paragraph": "p", "quote": "blockquote"}[kind]
            source = f"<{tag}>" + (" " + newline).join(item for item, _ in items) + f"</{tag}>"
        sources.append(source)
        texts.append(visible)
        kinds.append(kind)
    if not sources:
        sources, texts, kinds = ["x"], ["x"], ["paragraph"]
    joiner = newline * 2 if fmt == "md" else newline
    return "." + fmt, joiner.join(sources) + newline, texts, kinds


@settings(max_examples=80, deadline=None)
@given(well_formed_article())
def test_property_well_formed_markup_reads_as_its_words(load_generated, generated):
    # Well-formed markdown (emphasis, bold, links, \$, entities, headings, "> " quotes, CRLF)
    # and HTML (inline tags, entities, scripts): the visible text is exactly the words.
    suffix, content, texts, kinds = generated
    article = load_generated(suffix, content)
    assert article is not None
    assert [b.text for b in article.blocks] == texts
    # The first block may be promoted to the title (the title rule has its own tests).
    assert [b.kind for b in article.blocks][1:] == kinds[1:]
    assert article.blocks[0].kind in (kinds[0], "title")
    if suffix == ".md" and kinds[0] == "heading":
        assert article.blocks[0].kind == "title"
    assert_consistent(article)


def test_whitespace_collapses_to_one_space_keeping_each_characters_raw_span():
    # A piece whose text is as long as its raw span maps a character to a character; "&" stands
    # for a five-character entity, "xy" for a one-character source (each character keeps it all).
    pieces = [("  a  bc\n", 0, 8), ("&", 8, 13), (" \t d", 13, 17), ("xy", 17, 18), ("e  ", 20, 23)]
    assert collapse_whitespace(pieces) == [("a ", 2, 4), ("bc ", 5, 8), ("&", 8, 13), (" ", 13, 14),
                                           ("dx", 16, 18), ("y", 17, 18), ("e", 20, 21)]
    assert collapse_whitespace([(" \u00a0\u2003 ", 0, 4)]) == []
