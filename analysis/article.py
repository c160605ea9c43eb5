"""Load a news article (.md, .txt, .html) as raw text, visible text and blocks.

Every offset this project reports points into ``Article.raw``, the file's text exactly as
decoded, so that ``raw[start:end]`` is the span a reader can highlight in the original file.
The analysis itself runs on ``Article.text``: what a reader sees, with markdown markup and
HTML tags removed.  ``Article.raw_span`` maps a span of ``text`` back to ``raw``.
"""
from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
BLOCK_KINDS = ("title", "heading", "paragraph", "quote")
BLOCK_SEPARATOR = "\n\n"


class ArticleError(ValueError):
    """An article that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Block:
    """One block of the article: its kind, its span in ``raw`` and its visible text."""

    block_id: int
    kind: str  # one of BLOCK_KINDS
    start: int  # offsets into Article.raw, end exclusive
    end: int
    text: str  # visible text, markup removed
    text_start: int  # where `text` begins in Article.text

    @property
    def text_end(self) -> int:
        return self.text_start + len(self.text)


@dataclass(frozen=True, eq=False)
class Article:
    """An article: ``raw`` text, visible ``text``, ``title`` and ``blocks``.

    ``text`` is the blocks' visible text joined by blank lines; character ``i`` of ``text``
    comes from ``raw[raw_starts[i]:raw_ends[i]]`` (one character, or a whole entity such as
    ``&amp;``; the blank lines between blocks map to an empty span).
    """

    path: str
    format: str
    raw: str
    title: str
    blocks: tuple[Block, ...]
    text: str
    raw_starts: array = field(repr=False)
    raw_ends: array = field(repr=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the ``(start, end)`` offsets in ``raw`` behind ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside the article text (0:{len(self.text)})")
        if start == end:
            at = self.raw_starts[start] if start < len(self.text) else len(self.raw)
            return at, at
        return self.raw_starts[start], self.raw_ends[end - 1]

    @property
    def name(self) -> str:
        """The file name without its suffix, e.g. ``axis-of-resistance``."""
        return Path(self.path).stem


def load_article(path) -> Article:
    """Read an article file and return an ``Article``; raise ``ArticleError`` on bad input."""
    raw, fmt = read_text(path)
    parse = {"markdown": parse_markdown, "text": parse_plain_text, "html": parse_html}[fmt]
    pieces, title = parse(raw)
    if not pieces:
        raise ArticleError(f"{path}: no visible text")
    return assemble_article(str(path), fmt, raw, pieces, title)


def read_text(path) -> tuple[str, str]:
    """Return the decoded text of an article file and its format; raise ``ArticleError``."""
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if not p.exists():
        raise ArticleError(f"{p}: no such file")
    if p.is_dir():
        raise ArticleError(f"{p}: is a directory, not an article file")
    if fmt is None:
        expected = ", ".join(sorted(FORMATS))
        raise ArticleError(f"{p}: unsupported file type {p.suffix or '(none)'!r}; expected one of {expected}")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ArticleError(f"{p}: cannot be read ({err.strerror or err})") from None
    if b"\x00" in data:
        raise ArticleError(f"{p}: binary data, not a text article")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"{p}: not UTF-8 text (byte 0x{data[err.start]:02x} at position {err.start}); "
            "re-encode the file as UTF-8"
        ) from None
    if not raw.strip():
        raise ArticleError(f"{p}: empty file")
    controls = sum(1 for c in raw if c < " " and c not in "\t\n\r\f\v")
    if controls > max(8, len(raw) // 100):
        raise ArticleError(f"{p}: binary data, not a text article ({controls} control characters)")
    return raw, fmt


# --- building the visible text ------------------------------------------------------------
# A parser returns "pieces": (kind, [(text, raw_start, raw_end), ...]) per block.  A piece whose
# text is as long as its raw span maps character for character; any other piece (an entity,
# a collapsed run of whitespace) maps each of its characters to the whole raw span.


def assemble_article(path: str, fmt: str, raw: str, blocks_pieces, title: str | None) -> Article:
    """Join the parsed blocks into an ``Article`` with its visible text and offset map."""
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    blocks = []
    for block_id, (kind, pieces) in enumerate(blocks_pieces):
        if parts:
            parts.append(BLOCK_SEPARATOR)
            starts.extend([ends[-1]] * len(BLOCK_SEPARATOR))
            ends.extend([ends[-1]] * len(BLOCK_SEPARATOR))
        text_start = len(starts)
        for text, rs, re_ in pieces:
            parts.append(text)
            if len(text) == re_ - rs:
                starts.extend(range(rs, re_))
                ends.extend(range(rs + 1, re_ + 1))
            else:
                starts.extend([rs] * len(text))
                ends.extend([re_] * len(text))
        text = "".join(t for t, _, _ in pieces)
        blocks.append(Block(block_id, kind, starts[text_start], ends[-1], text, text_start))
    if title is None:
        title = blocks[0].text if blocks[0].kind == "title" else Path(path).stem
    return Article(path, fmt, raw, title, tuple(blocks), "".join(parts), starts, ends)


def collapse_whitespace(pieces):
    """Collapse runs of whitespace to one space and trim both ends, keeping the offset map.

    A piece whose text maps one to one onto its raw span is read a run at a time (a run of
    non-space characters is one piece, as ``merge_pieces`` would make of its characters); any
    other piece a character at a time, each character keeping the whole raw span.
    """
    out = []
    pending = None  # raw span of the first character of a whitespace run not yet written
    for text, rs, re_ in pieces:
        if len(text) == re_ - rs:
            for run in WHITESPACE_OR_NOT.finditer(text):
                a = rs + run.start()
                if run.group().isspace():
                    if pending is None:
                        pending = (a, a + 1)
                    continue
                if pending is not None and out:
                    out.append((" ", *pending))
                pending = None
                out.append((run.group(), a, rs + run.end()))
            continue
        for ch in text:
            if ch.isspace():
                if pending is None:
                    pending = (rs, re_)
                continue
            if pending is not None and out:
                out.append((" ", *pending))
            pending = None
            out.append((ch, rs, re_))
    return merge_pieces(out)


def merge_pieces(pieces):
    """Merge adjacent one-to-one pieces, so long texts are not stored a character at a time."""
    merged = []
    for text, rs, re_ in pieces:
        if (
            merged
            and len(text) == re_ - rs
            and merged[-1][2] == rs
            and len(merged[-1][0]) == merged[-1][2] - merged[-1][1]
        ):
            prev = merged[-1]
            merged[-1] = (prev[0] + text, prev[1], re_)
        else:
            merged.append((text, rs, re_))
    return merged


def pick_title(blocks_pieces, first_block_lines: int = 1):
    """Mark the first block as the title when it reads like one; return the title or None.

    A leading heading is the title.  Without one, a first block of one short line with no
    closing full stop is the title (plain-text articles usually open that way).
    ``first_block_lines`` is the number of source lines of the first block (its visible text
    has its line breaks collapsed to spaces, so it cannot tell).
    """
    if not blocks_pieces:
        return None
    kind, pieces = blocks_pieces[0]
    text = "".join(t for t, _, _ in pieces)
    short_line = len(text.split()) <= 25 and not text.rstrip().endswith((".", ":", ";", ","))
    if kind == "heading" or (kind == "paragraph" and short_line and first_block_lines == 1):
        blocks_pieces[0] = ("title", pieces)
        return text
    return None


# --- plain text and markdown --------------------------------------------------------------

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
WHITESPACE_OR_NOT = re.compile(r"\s+|\S+")
ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
QUOTE_MARKER = re.compile(r" {0,3}> ?")
LIST_MARKER = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+")
# "[...]" alone on a line marks an elision in a quoted passage; it is not text.
ELLIPSIS_LINE = re.compile(r"[\[(]\s*(?:\.\s*){3}[\])]|[\[(]…[\])]")


def split_lines(raw: str):
    """Yield ``(start, end)`` of each line's content, without its line break."""
    for m in LINE.finditer(raw):
        if m.start() == m.end():
            break
        # A byte-order mark is not part of the first line: "\ufeff# Title" is a heading.
        start = 1 if m.start() == 0 and raw.startswith("\ufeff") else m.start()
        yield start, m.start() + len(m.group().rstrip("\r\n"))


def trim(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``(start, end)`` so that it neither starts nor ends with whitespace."""
    while start < end and (raw[start].isspace() or raw[start] == "\ufeff"):
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def group_markdown_lines(raw: str, markdown: bool = True):
    """Group lines into blocks: ``[(kind, [(start, end), ...]), ...]`` of trimmed line spans."""
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    current: tuple[str, list] | None = None

    def close():
        nonlocal current
        if current and current[1]:
            blocks.append(current)
        current = None

    for start, end in split_lines(raw):
        line = raw[start:end]
        s, e = trim(raw, start, end)
        if s == e or ELLIPSIS_LINE.fullmatch(raw[s:e]):
            close()
            continue
        if not markdown:
            if current is None:
                current = ("paragraph", [])
            current[1].append((s, e))
            continue
        if m := ATX_HEADING.match(line):
            close()
            hs = start + m.end()
            he = hs + len(ATX_CLOSING.sub("", raw[hs:end]))
            hs, he = trim(raw, hs, he)
            if hs < he:
                blocks.append(("heading", [(hs, he)]))
            continue
        if current and current[0] == "paragraph" and len(current[1]) == 1 and SETEXT_UNDERLINE.match(line):
            current = ("heading", current[1])
            close()
            continue
        if THEMATIC_BREAK.match(line):
            close()
            continue
        if m := QUOTE_MARKER.match(line):
            if current is None or current[0] != "quote":
                close()
                current = ("quote", [])
            qs, qe = trim(raw, start + m.end(), end)
            if qs == qe:  # a bare ">" separates paragraphs inside the quote
                close()
                current = ("quote", [])
            else:
                current[1].append((qs, qe))
            continue
        if m := LIST_MARKER.match(line):
            close()
            current = ("paragraph", [trim(raw, start + m.end(), end)])
            continue
        if current is None:
            current = ("paragraph", [])
        current[1].append((s, e))  # a lazy continuation line joins the open block
    close()
    return blocks


INLINE = re.compile(
    r"""
      (?P<escape>\\[!-/:-@\[-`{-~])
    | (?P<hard_break>\\(?=\n))
    | (?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))
    | (?P<comment><!--.*?-->)
    | (?P<hidden><(?P<hidden_tag>script|style)\b[^>]*>.*?</(?P=hidden_tag)\s*>)
    | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
    | (?P<image>!\[(?P<alt>[^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\s*\))
    | (?P<link>\[(?P<link_text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])+)\]
          (?:\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\s*\)|\[[^\[\]]*\]))
    | (?P<autolink><(?P<url>(?:https?|mailto|ftp):[^<>\s]+)>)
    | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    | (?P<star>(?P<star_delim>\*{1,3})(?=[^\s*])(?P<star_text>.+?)(?<=[^\s*])(?P=star_delim)(?!\*))
    | (?P<under>(?<![^\W_])(?P<under_delim>_{1,3})(?=[^\s_])(?P<under_text>.+?)(?<=[^\s_])(?P=under_delim)(?![^\W_]))
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def clean_inline(s: str, pos: list[int], i: int, j: int):
    """Visible pieces of markdown inline text ``s[i:j]``; ``pos[k]`` is where ``s[k]`` is in raw."""
    pieces = []

    def keep(a, b):
        if a < b:
            pieces.extend(span_pieces(s, pos, a, b))

    at = i
    for m in INLINE.finditer(s, i, j):
        keep(at, m.start())
        at = m.end()
        kind = m.lastgroup  # the outermost group, which closes last
        if kind == "escape":
            keep(m.start() + 1, m.end())
        elif kind == "code":
            keep(m.start("code_text"), m.end("code_text"))
        elif kind == "image":
            pieces.extend(clean_inline(s, pos, m.start("alt"), m.end("alt")))
        elif kind == "link":
            pieces.extend(clean_inline(s, pos, m.start("link_text"), m.end("link_text")))
        elif kind == "autolink":
            keep(m.start("url"), m.end("url"))
        elif kind == "entity":
            text = html.unescape(m.group())
            if text == m.group():
                keep(m.start(), m.end())
            else:
                pieces.append((text, pos[m.start()], pos[m.end() - 1] + 1))
        elif kind in ("star", "under"):
            inner = kind + "_text"
            pieces.extend(clean_inline(s, pos, m.start(inner), m.end(inner)))
        # hard line breaks (a backslash ending a line), comments, tags and script/style
        # elements are not visible: dropped
    keep(at, j)
    return pieces


def span_pieces(s: str, pos: list[int], a: int, b: int):
    """Pieces for ``s[a:b]``, split wherever the characters are not contiguous in raw."""
    pieces = []
    run = a
    for k in range(a + 1, b + 1):
        if k == b or pos[k] != pos[k - 1] + 1:
            pieces.append((s[run:k], pos[run], pos[k - 1] + 1))
            run = k
    return pieces


def line_spans_to_pieces(raw: str, spans, markdown: bool):
    """Visible pieces of a block made of trimmed line spans; line breaks become spaces."""
    chars: list[str] = []
    pos: list[int] = []
    for n, (s, e) in enumerate(spans):
        if n:
            chars.append("\n")  # joins the lines; shown as a space below
            pos.append(spans[n - 1][1])
        chars.append(raw[s:e])
        pos.extend(range(s, e))
    s = "".join(chars)
    pieces = clean_inline(s, pos, 0, len(s)) if markdown else span_pieces(s, pos, 0, len(s))
    return collapse_whitespace(pieces)


def parse_markdown(raw: str, markdown: bool = True):
    """Blocks of a markdown (or, with ``markdown=False``, plain-text) article, and its title."""
    blocks_pieces = []
    first_block_lines = 0
    for kind, spans in group_markdown_lines(raw, markdown):
        pieces = line_spans_to_pieces(raw, spans, markdown)
        if pieces:
            if not blocks_pieces:
                first_block_lines = len(spans)
            blocks_pieces.append((kind, pieces))
    return blocks_pieces, pick_title(blocks_pieces, first_block_lines)


def parse_plain_text(raw: str):
    """Blocks of a plain-text article (paragraphs between blank lines), and its title."""
    return parse_markdown(raw, markdown=False)


# --- HTML ---------------------------------------------------------------------------------

HIDDEN_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADING_TAGS | {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "header", "hr", "html", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul",
}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class VisibleTextParser(HTMLParser):
    """Collect the visible text of an HTML page as blocks of pieces with raw offsets."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.blocks: list[tuple[str, list]] = []
        self.pieces: list = []
        self.open_tags: list[str] = []
        self.hidden_depth = 0
        self.in_title = False
        self.head_title: list[str] = []
        self.has_h1 = False

    def raw_offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def kind(self) -> str:
        if any(t in HEADING_TAGS for t in self.open_tags):
            return "heading"
        return "quote" if "blockquote" in self.open_tags else "paragraph"

    def flush(self):
        pieces = collapse_whitespace(self.pieces)
        if pieces:
            kind = self.kind()
            if kind == "heading" and "h1" in self.open_tags and not self.has_h1 and not self.blocks:
                kind, self.has_h1 = "title", True
            self.blocks.append((kind, pieces))
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        elif tag == "br":
            self.add_line_break()
        elif tag == "title":
            self.in_title = True
        elif tag in BLOCK_TAGS:
            self.flush()
        if tag not in VOID_TAGS and tag not in HIDDEN_TAGS:
            self.open_tags.append(tag)

    def parse_marked_section(self, i, report=1):
        """Skip ``<![...]>``; one the standard library does not know is a bogus comment.

        ``_markupbase`` raises ``AssertionError`` on ``<![0`` or ``<![foo[``; a browser reads
        them as a comment running to the next ``>``.  The parser's position is restored
        first, as the failed scan may already have moved it.
        """
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        elif tag == "br":
            self.add_line_break()

    def add_line_break(self):
        """A <br> breaks the line, not the block: it reads as a space."""
        at = self.raw_offset()
        self.add(" ", at, at)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in self.open_tags:
            while self.open_tags.pop() != tag:
                pass

    def add(self, text: str, start: int, end: int):
        if self.hidden_depth:
            return
        if self.in_title:
            self.head_title.append(text)
        else:
            self.pieces.append((text, start, end))

    def handle_data(self, data):
        start = self.raw_offset()
        if start == 0 and data.startswith("\ufeff"):  # a byte-order mark is not text
            data, start = data[1:], 1
        self.add(data, start, start + len(data))

    def handle_entityref(self, name):
        self.add_reference("&" + name)

    def handle_charref(self, name):
        self.add_reference("&#" + name)

    def add_reference(self, prefix: str):
        start = self.raw_offset()
        end = start + len(prefix)
        if self.raw.startswith(";", end):
            end += 1
        self.add(html.unescape(self.raw[start:end]), start, end)

    def close(self):
        super().close()
        self.flush()


def parse_html(raw: str):
    """Blocks of an HTML article's visible text (scripts and styles dropped), and its title."""
    parser = VisibleTextParser(raw)
    parser.feed(raw)
    parser.close()
    blocks_pieces = parser.blocks
    if blocks_pieces and blocks_pieces[0][0] == "title":
        return blocks_pieces, "".join(t for t, _, _ in blocks_pieces[0][1])
    head_title = " ".join("".join(parser.head_title).split())
    return blocks_pieces, head_title or None


def blocks_table(article: Article):
    """One row per block: ``block_id, kind, start, end, text`` (offsets into ``raw``)."""
    import pandas as pd

    rows = [(b.block_id, b.kind, b.start, b.end, b.text) for b in article.blocks]
    return pd.DataFrame(rows, columns=["block_id", "kind", "start", "end", "text"])
