"""Sentences and word tokens of an article, with offsets into ``Article.raw``.

Sentences come from NLTK's Punkt built from the abbreviation list in ``data/`` (no NLTK
data download); words from NLTK's Treebank-style tokenizer via ``span_tokenize``.  Both run
on the article's visible text; offsets are mapped back to the raw file.
"""
from __future__ import annotations

import bisect
import fnmatch
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .article import Article
from .imports import import_submodule
from .paths import DATA_DIR

SENTENCE_COLUMNS = ["sentence_id", "block", "start", "end", "text"]
TOKEN_COLUMNS = ["sentence_id", "token_id", "start", "end", "token", "lower", "is_stop", "is_punct",
                 "lemma", "pos", "head", "dep"]

# Punkt and the Treebank tokenizer know only straight quotes.  Curly quotes are mapped to
# straight ones one character for one, so every offset stays valid in the original text.
STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
SENTENCE_END = ('.', '?', '!', '…', ':', ';', '"', "'", "”", "’", ")", "]")
FALLBACK_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def read_word_list(name: str) -> frozenset[str]:
    """Return the lower-case entries of a word list in ``data/`` (``#`` starts a comment)."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words from ``data/stopwords_en.txt``."""
    return read_word_list("stopwords_en.txt")


@lru_cache(maxsize=1)
def sentence_splitter():
    """Punkt sentence splitter (``PunktSentenceTokenizer``) with the abbreviations in
    ``data/abbreviations.txt``."""
    punkt = import_submodule("nltk.tokenize.punkt")
    params = punkt.PunktParameters()
    params.abbrev_types = set(read_word_list("abbreviations.txt"))
    return punkt.PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def word_tokenizer():
    """NLTK's Treebank-style word tokenizer (``NLTKWordTokenizer``), its fixed patterns
    compiled by ``re`` (``plain_pattern``)."""
    tokenizer = import_submodule("nltk.tokenize.destructive").NLTKWordTokenizer()
    for name in ("STARTING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES", "ENDING_QUOTES"):
        setattr(tokenizer, name, [(plain_pattern(p), replacement) for p, replacement in getattr(tokenizer, name)])
    for name in ("PARENS_BRACKETS", "DOUBLE_DASHES"):
        p, replacement = getattr(tokenizer, name)
        setattr(tokenizer, name, (plain_pattern(p), replacement))
    for name in ("CONTRACTIONS2", "CONTRACTIONS3"):
        setattr(tokenizer, name, [plain_pattern(p) for p in getattr(tokenizer, name)])
    return tokenizer


# the flags a pattern keeps when ``re`` compiles it (NLTK's ``regex`` adds its own version bits)
RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII


def plain_pattern(pattern):
    """``pattern`` (a compiled ``re`` pattern, or NLTK's ``redos.TimedPattern`` around the
    ``regex`` engine) as an ``re`` pattern of the same text and flags.

    NLTK runs every pattern through ``regex`` with a timeout, against catastrophic patterns a
    caller might pass; the tokenizer's own are fixed and linear, and that guard was a third of
    the time of tokenising an article here.  The tokens are the same (checked on every
    sentence of FA-KES, BASIL dev and NewsMTSC and every paragraph of PolNeAR).
    """
    if isinstance(pattern, re.Pattern):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & RE_FLAGS)


@lru_cache(maxsize=32)
def sentence_spans(article: Article) -> tuple[tuple[int, int, int], ...]:
    """Return ``(block_id, text_start, text_end)`` of each sentence in ``article.text``.

    Cached for the last few articles (an ``Article`` is immutable and hashed by identity).

    Each block is split on its own, so a heading is always its own sentence.  A paragraph
    that stops without closing punctuation and is followed by a paragraph starting in lower
    case is one sentence broken by a stray blank line, and is split together with the next.
    """
    spans = []
    blocks = article.blocks
    i = 0
    while i < len(blocks):
        j = i
        while j + 1 < len(blocks) and continues_sentence(blocks[j], blocks[j + 1]):
            j += 1
        start, end = blocks[i].text_start, blocks[j].text_end
        segment = article.text[start:end].translate(STRAIGHT_QUOTES)
        for s, e in split_run_ins(segment, mend_breaks(segment, list(sentence_splitter().span_tokenize(segment)))):
            block = max(b.block_id for b in blocks[i : j + 1] if b.text_start <= start + s)
            spans.append((block, start + s, start + e))
        i = j + 1
    return tuple(spans)


# A sentence that ends in a capital initial ("Donald J.") and a next one that opens with a
# capitalised word ("Trump!") are one name that Punkt cut at the initial's full stop.
ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(\[\"'])[A-Z]\.$")
# A sentence that ends in one of these and a next one in lower case are one sentence.
CLOSERS = ('"', "”", "’", "'", ")", "]")
# No sentence opens with one of these: Punkt's break before it is undone ("Sen. Chuck Schumer
# (N.Y.), who ...").
NEVER_OPEN = frozenset(")],;")


def mend_breaks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return Punkt's sentence spans of ``text`` with three kinds of break undone: after a lone
    capital initial when the next sentence starts with a capital letter ("Donald J. Trump"),
    after a closing quotation mark or bracket when the next starts in lower case (the
    attribution of a quotation, "“...!” the chairman said"; "Rep. Gwen Moore (D-Wis.) said"),
    and before a closing bracket, comma or semicolon ("(N.Y.), who ...")."""
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and (ENDS_WITH_INITIAL.search(text[joined[-1][0]:joined[-1][1]]) and text[s:s + 1].isupper()
                       or "a" <= text[s:s + 1] <= "z" and text[joined[-1][0]:joined[-1][1]].endswith(CLOSERS)
                       or text[s:s + 1] in NEVER_OPEN):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


# A heading or dateline that scraped text runs into the next sentence with no stop: "Defeating
# Daesh The top priority ...", "5 July 2016 The bomber was ...".  A capitalised article or
# preposition after a capitalised word or a number, followed by a lower-case word, starts a
# sentence, unless the word before it introduces what follows ("Plan A is ...").
RUN_IN = re.compile(r"(?<=[\w)]) (?=(?:The|A|An|In) [a-z])")
RUN_IN_KEEP = frozenset(["said", "says", "added", "adds", "told", "wrote", "writes", "stated", "declared", "that",
                         "and", "or", "but", "of", "by", "for", "to", "from", "with", "in", "on", "at", "as",
                         "vitamin", "plan", "part", "type", "grade", "class", "group", "section", "article",
                         "appendix", "exhibit", "model", "option"])


def heading_word(word: str) -> bool:
    """Whether ``word`` can end a heading or dateline run into a sentence: capitalised or a
    number, and not a word that introduces what follows (``RUN_IN_KEEP``)."""
    word = word.strip("()")
    return bool(word) and (word[0].isupper() or word[0].isdigit()) and word.lower() not in RUN_IN_KEEP


def split_run_ins(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` with each sentence split where a heading runs into it (``RUN_IN``)."""
    out = []
    for s, e in spans:
        cuts = [m.end() for m in RUN_IN.finditer(text, s, e) if heading_word(text[s : m.start()].rsplit(None, 1)[-1])]
        for cut in cuts:
            out.append((s, cut - 1))
            s = cut
        out.append((s, e))
    return out


def continues_sentence(block, next_block) -> bool:
    """True when ``next_block`` carries on the sentence ``block`` left open."""
    return (
        block.kind in ("paragraph", "quote")
        and next_block.kind == block.kind
        and not block.text.rstrip().endswith(SENTENCE_END)
        and next_block.text[:1].islower()
    )


def sentences(article: Article) -> pd.DataFrame:
    """One row per sentence, in reading order.

    Columns: ``sentence_id`` (0-based), ``block`` (id of the block it starts in),
    ``start``/``end`` (offsets into ``article.raw``), ``text`` (visible text, whitespace
    collapsed to single spaces).
    """
    rows = []
    for sentence_id, (block, s, e) in enumerate(sentence_spans(article)):
        start, end = article.raw_span(s, e)
        rows.append((sentence_id, block, start, end, " ".join(article.text[s:e].split())))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


@lru_cache(maxsize=8192)
def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the words and punctuation marks of one sentence.  Cached: the token layer,
    the speaker names and targeted sentiment tokenise the same sentences and phrases."""
    normalised = text.translate(STRAIGHT_QUOTES)
    try:
        return tuple(word_tokenizer().span_tokenize(normalised))
    except ValueError:
        # NLTK cannot align its tokens on some unusual inputs; a plain regex never fails.
        return tuple(m.span() for m in FALLBACK_WORD.finditer(normalised))


@lru_cache(maxsize=8192)
def phrase_tokens(text: str) -> tuple[str, ...]:
    """``token_texts`` as a tuple, cached (speaker phrases recur)."""
    return tuple(text[a:b] for a, b in word_spans(text))


def token_texts(text: str) -> list[str]:
    """The tokens of a phrase, punctuation included, as the token layer divides an article."""
    return list(phrase_tokens(text))


def words_in(text: str) -> list[str]:
    """The tokens of a phrase (``word_spans``, as the token layer divides an article) that hold
    a letter or digit: punctuation left out, "Russia's" gives "Russia" and "'s"."""
    return [t for t in token_texts(text) if any(c.isalnum() for c in t)]


# A name's words inside one token: letters and digits, divided at hyphens, dots and
# apostrophes ("al-Assad", "U.S."), and where scraped text lost a space or hyphen between two
# capitalised words ("TurkishSyrian" is "Turkish" "Syrian").
NAME_PART = re.compile(r"[^\W_]+")
CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@lru_cache(maxsize=1 << 16)
def name_parts(token: str) -> tuple[tuple[int, int], ...]:
    """Spans of the name words within one token (``NAME_PART``, cut again at ``CAMEL_JOIN``).

    On a short text such as a dictionary alias it gives what dividing each of the text's tokens
    would give: the tokenizer cuts inside a run of letters only in contractions ("can|not",
    "do|n't"), which no name has.  Cached: an article's words repeat.
    """
    parts = []
    for m in NAME_PART.finditer(token):
        at = m.start()
        for cut in [m.start() + c.start() for c in CAMEL_JOIN.finditer(m.group())] + [m.end()]:
            parts.append((at, cut))
            at = cut
    return tuple(parts)


def on_one_line(text: str, start: int, end: int, blanks: str = " \t\xa0") -> bool:
    """Whether ``text[start:end]`` is nothing but ``blanks`` (spaces, tabs, no-break spaces)
    or nothing at all."""
    return text[start:end].strip(blanks) == ""


def spaced_apart(text: str, a, b, blanks: str = " \t\xa0") -> bool:
    """Whether tokens ``a`` and ``b`` (anything with ``start`` and ``end``) stand on one line
    of ``text`` with ``blanks`` between them, at least one."""
    return a.end < b.start and on_one_line(text, a.end, b.start, blanks)


def is_punctuation(token: str) -> bool:
    """True for a token made only of punctuation marks and symbols."""
    return all(unicodedata.category(c)[0] in "PS" for c in token)


def normalise(token: str) -> str:
    """Lower case with curly apostrophes and quotes made straight."""
    return token.translate(STRAIGHT_QUOTES).lower()


class Word(NamedTuple):
    """One token of the shared token layer: offsets into ``article.text``, and its parse.

    ``head`` is the index of the head word in the same sentence (-1 for the root); ``lemma``,
    ``pos`` and ``dep`` are empty when the sentence was not parsed.
    """

    text: str
    start: int
    end: int
    lower: str
    lemma: str = ""
    pos: str = ""
    head: int = -1
    dep: str = ""


@lru_cache(maxsize=32)
def sentence_word_lists(article: Article) -> tuple[tuple[int, tuple[Word, ...]], ...]:
    """Return ``(sentence index, words)`` of each sentence with words, unparsed.

    Cached for the last few articles: mention matching and the parse read the same words."""
    out = []
    text = article.text
    for index, (_, s, e) in enumerate(sentence_spans(article)):
        sentence = text[s:e]
        spans = word_spans(sentence)
        if not spans:
            continue
        # an ASCII sentence lowers character by character, so its words' forms are slices of
        # the sentence lowered once; any other is lowered a word at a time ("Σ" lowers by context)
        low = sentence.lower() if sentence.isascii() else None
        forms = [low[a:b] if low is not None else normalise(sentence[a:b]) for a, b in spans]
        out.append((index, tuple(Word(sentence[a:b], s + a, s + b, form) for (a, b), form in zip(spans, forms))))
    return tuple(out)


def word_index(sentences) -> tuple[tuple[Word, ...], list[int]]:
    """The words of ``sentences`` (each a sequence of ``Word``) in reading order, and their
    start offsets, for a bisect by offset."""
    words = tuple(w for sentence in sentences for w in sentence)
    return words, [w.start for w in words]


@lru_cache(maxsize=16)
def article_word_index(article: Article) -> tuple[tuple[Word, ...], list[int]]:
    """Every word of ``article`` in reading order (``sentence_word_lists``, unparsed), and
    their start offsets, for ``words_before`` and ``words_after``."""
    return word_index(sentence for _, sentence in sentence_word_lists(article))


def words_before(article: Article, at: int, n: int) -> tuple[Word, ...]:
    """The last ``n`` words of the token layer that end at or before offset ``at`` of
    ``article.text`` (across sentences)."""
    words, starts = article_word_index(article)
    k = bisect.bisect_left(starts, at)
    while k and words[k - 1].end > at:
        k -= 1
    return words[max(0, k - n) : k]


def words_after(article: Article, at: int, n: int) -> tuple[Word, ...]:
    """The first ``n`` words of the token layer that start at or after offset ``at``."""
    words, starts = article_word_index(article)
    k = bisect.bisect_left(starts, at)
    return words[k : k + n]


def parsed_word_at(article: Article, at: int) -> Word | None:
    """The parsed word that starts at offset ``at`` of ``article.text``, or None; only the
    sentence holding ``at`` is parsed."""
    spans = sentence_spans(article)
    k = bisect.bisect_right([s for _, s, _ in spans], at) - 1
    if k < 0:
        return None
    parsed = parsed_sentences(article)
    plain = parsed.plain(k)
    i = bisect.bisect_left([w.start for w in plain], at)
    return parsed[k][i] if i < len(plain) and plain[i].start == at else None


@lru_cache(maxsize=32)
def plain_sentences(article: Article) -> tuple[tuple[Word, ...], ...]:
    """The words of every sentence of ``article`` (``sentence_spans`` order), unparsed: the
    same words as ``parsed_sentences`` without their lemma, tag and tree, for modules that read
    only words and offsets.  A sentence with no words gives an empty tuple."""
    out: list[tuple[Word, ...]] = [()] * len(sentence_spans(article))
    for index, ws in sentence_word_lists(article):
        out[index] = ws
    return tuple(out)


def parsed_sentences(article: Article) -> "ParsedSentences":
    """Return the words of every sentence of ``article`` (``sentence_spans`` order), parsed.

    This is the one token layer every module reads: each sentence is parsed once, on exactly
    these words, with the pipeline chosen by ``parse.use_pipeline``, and only when one of its
    words is first read (``ParsedSentences``); the result is cached for the last few
    (article, pipeline) pairs.  A sentence with no words gives an empty tuple.
    """
    from .parse import CHOSEN

    return parse_article(article, CHOSEN["name"])


class ParsedSentences:
    """The parsed sentences of one article, read like a tuple of tuples of ``Word``.

    ``[k]`` parses sentence ``k`` if it is not parsed yet (iterating parses every sentence not
    yet parsed, in one batch); ``plain(k)`` gives its words unparsed, and ``is_parsed(k)`` says
    whether reading ``[k]`` costs a parse.  A sentence's parse does not depend on which others
    were parsed with it, so the order of reading never changes a result.
    """

    def __init__(self, article: Article, pipeline: str | None, parsed: list):
        self.article, self.pipeline, self.parsed = article, pipeline, parsed

    def __len__(self) -> int:
        return len(self.parsed)

    def __getitem__(self, k: int) -> tuple[Word, ...]:
        words = self.parsed[k]
        if words is None:
            parse_into(self, [k])
            words = self.parsed[k]
        return words

    def __iter__(self):
        missing = [k for k, words in enumerate(self.parsed) if words is None]
        if missing:
            parse_into(self, missing)
        return iter(self.parsed)

    def plain(self, k: int) -> tuple[Word, ...]:
        return plain_sentences(self.article)[k]

    def is_parsed(self, k: int) -> bool:
        return self.parsed[k] is not None


# (article, pipeline) -> its ParsedSentences, the most recent last; holds a corpus chunk.
PARSED: dict = {}
PARSED_SIZE = 32


def parse_article(article: Article, pipeline: str | None) -> ParsedSentences:
    """``parsed_sentences`` for one pipeline (None: the shipped one), from the cache that
    ``parse_articles`` fills; an article met for the first time is parsed whole, in one batch."""
    key = (article, pipeline)
    if key not in PARSED:
        parse_articles([article], pipeline)
    PARSED[key] = PARSED.pop(key)  # the most recently used stays longest
    return PARSED[key]


def parse_articles(articles, pipeline: str | None = None, wanted=None) -> None:
    """Parse the sentences of ``articles`` in one stream of batches (a corpus chunk's sentences
    batch far better than one article's) and keep the results for ``parsed_sentences``.

    ``wanted`` chooses the sentences to parse now, from a sentence's unparsed words (default:
    all of them); the others are parsed when first read.  Each sentence is its own Doc, so a
    sentence's parse does not depend on its neighbours.  The cache holds the last
    ``PARSED_SIZE`` articles; a larger call keeps its last ones.
    """
    todo = list(dict.fromkeys(a for a in articles if (a, pipeline) not in PARSED))
    views = []
    for article in todo:
        layer = plain_sentences(article)
        view = ParsedSentences(article, pipeline, [None if ws else () for ws in layer])
        views.append((view, [k for k, ws in enumerate(layer) if ws and (wanted is None or wanted(ws))]))
    parse_many(views)
    for view, _ in views:
        PARSED[(view.article, pipeline)] = view
    while len(PARSED) > PARSED_SIZE:
        del PARSED[next(iter(PARSED))]


def parse_into(view: ParsedSentences, indexes: list[int]) -> None:
    """Parse sentences ``indexes`` of ``view`` (not parsed yet) and keep them in it."""
    parse_many([(view, indexes)])


def parse_many(requests) -> None:
    """Parse, in one stream, the sentences ``indexes`` of each ``(ParsedSentences, indexes)``."""
    jobs = [(view, k, view.plain(k)) for view, indexes in requests for k in indexes]
    if not jobs:
        return
    done = []
    analyses = analyse_word_lists([ws for _, _, ws in jobs], requests[0][0].pipeline)
    for (view, k, ws), analysed in zip(jobs, analyses):
        done.append((view, k, tuple(Word(w.text, w.start, w.end, w.lower, lemma, pos, head, dep)
                                    for w, (lemma, pos, head, dep) in zip(ws, analysed))))
    for view, k, parsed in done:  # all or nothing: a failed batch leaves every sentence unparsed
        view.parsed[k] = parsed


def analyse_word_lists(sentences, pipeline: str | None = None):
    """Yield ``parse.token_analyses`` (lemma, UPOS, head, relation per word) of each sentence of
    ``sentences``, lists of words with ``text``, ``start`` and ``end`` (offsets in one text),
    parsed in one stream by ``pipeline`` (default: the shipped one).  The parser sees curly
    quotes straight and a space where the offsets leave one."""
    from .parse import iter_parsed, load_pipeline, token_analyses

    sentences = list(sentences)
    words = [[w.text.translate(STRAIGHT_QUOTES) for w in ws] for ws in sentences]
    spaces = [[b.start > a.end for a, b in zip(ws, ws[1:])] + [True] for ws in sentences]
    for doc in iter_parsed(words, load_pipeline(pipeline), spaces):
        yield token_analyses(doc)


def tokens(article: Article, parse: bool = True) -> pd.DataFrame:
    """One row per token (word or punctuation mark), in reading order, with its parse.

    Columns: ``sentence_id``, ``token_id`` (0-based over the article), ``start``/``end``
    (offsets into ``article.raw``), ``token`` (as it reads in the article), ``lower``
    (lower case, straight apostrophes), ``is_stop`` (in ``data/stopwords_en.txt``),
    ``is_punct`` (only punctuation or symbols), and from the spaCy pipeline (``analysis.parse``,
    each sentence parsed on exactly these tokens): ``lemma``, ``pos`` (Universal POS tag),
    ``head`` (the ``token_id`` of the token's head, in the same sentence; -1 for the root) and
    ``dep`` (Universal Dependencies relation, with subtype, e.g. ``nsubj:pass``; ``root``).
    ``parse=False`` leaves the last four columns out and the parser unloaded (word counts over
    a corpus need no parse).
    """
    stops = stop_words()
    if parse:
        lists = [(k, ws) for k, ws in enumerate(parsed_sentences(article)) if ws]
    else:
        lists = sentence_word_lists(article)
    rows = []
    for sentence_id, words in lists:
        first = len(rows)
        for w in words:
            start, end = article.raw_span(w.start, w.end)
            row = [sentence_id, len(rows), start, end, w.text, w.lower, w.lower in stops, is_punctuation(w.text)]
            if parse:
                row += [w.lemma, w.pos, -1 if w.head < 0 else first + w.head, w.dep]
            rows.append(row)
    columns = TOKEN_COLUMNS if parse else TOKEN_COLUMNS[:8]
    return pd.DataFrame(rows, columns=columns).astype({"is_stop": bool, "is_punct": bool})


def sentence_parse(toks: pd.DataFrame, sentence_id: int) -> pd.DataFrame:
    """One sentence's parse, one row per token: ``token_id, token, lemma, pos, dep, head_token``.

    ``head_token`` is the word the token depends on (empty for the root), so a reader can
    follow the tree: "Russia" — ``nsubj`` of — "signed".
    """
    rows = toks[toks["sentence_id"] == sentence_id]
    words = dict(zip(rows["token_id"], rows["token"]))
    return pd.DataFrame({
        "token_id": rows["token_id"].to_numpy(), "token": rows["token"].to_numpy(),
        "lemma": rows["lemma"].to_numpy(), "pos": rows["pos"].to_numpy(), "dep": rows["dep"].to_numpy(),
        "head_token": [words.get(h, "") for h in rows["head"]],
    })


def with_mentions(toks: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return ``toks`` with a ``mention_id`` column: the mention each token lies in, -1 for none.

    ``mentions`` is the table of ``actors.find_mentions`` (``mention_id, start, end``, raw
    offsets, non-overlapping); a token belongs to a mention when it overlaps its span.
    """
    import bisect

    spans = sorted(zip(mentions["start"], mentions["end"], mentions["mention_id"]))
    starts = [s for s, _, _ in spans]
    ids = []
    for start, end in zip(toks["start"], toks["end"]):
        k = bisect.bisect_right(starts, end - 1) - 1  # the last mention starting inside or before the token
        ids.append(spans[k][2] if k >= 0 and spans[k][1] > start else -1)
    return toks.assign(mention_id=pd.Series(ids, index=toks.index, dtype="int64"))


def words(toks: pd.DataFrame) -> pd.DataFrame:
    """The tokens that are words: not punctuation, with at least one letter or digit."""
    return toks[~toks["is_punct"] & toks["lower"].map(has_alnum)]


def count_words(article: Article) -> int:
    """The number of words in ``article`` (``len(words(tokens(article)))`` without the table)."""
    return sum(has_alnum(w.text) for _, words in sentence_word_lists(article) for w in words)


def has_alnum(token: str) -> bool:
    return any(c.isalnum() for c in token)


def content_words(toks: pd.DataFrame) -> pd.DataFrame:
    """The tokens that are content words: words with a letter that are not stop words."""
    w = words(toks)
    return w[~w["is_stop"] & w["lower"].map(lambda t: any(c.isalpha() for c in t))]


def word_frequencies(toks: pd.DataFrame, content_only: bool = True) -> pd.DataFrame:
    """One row per word type with its count, most frequent first (ties alphabetical).

    Columns: ``word`` (lower case), ``n`` (occurrences), ``share`` (n / all counted words).
    ``content_only`` leaves out stop words and words without letters.
    """
    w = content_words(toks) if content_only else words(toks)
    counts = w["lower"].value_counts()
    table = pd.DataFrame({"word": counts.index, "n": counts.to_numpy()})
    table["share"] = table["n"] / max(len(w), 1)
    return table.sort_values(["n", "word"], ascending=[False, True], ignore_index=True)


def sentence_lengths(toks: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``sentence_id`` and ``words`` (its number of word tokens)."""
    ids = pd.Index(sorted(toks["sentence_id"].unique()), name="sentence_id")
    counts = words(toks).groupby("sentence_id").size().reindex(ids, fill_value=0)
    return counts.rename("words").reset_index()


def article_statistics(toks: pd.DataFrame) -> pd.DataFrame:
    """Size and vocabulary of an article as rows of ``statistic, value``.

    Statistics: ``sentences``, ``tokens`` (words and punctuation), ``words``, ``types``
    (distinct lower-case words), ``type_token_ratio`` (types / words), ``content_words``,
    ``mean_sentence_length``, ``median_sentence_length`` and ``max_sentence_length`` (words).
    """
    w = words(toks)
    lengths = sentence_lengths(toks)["words"]
    stats = {
        "sentences": len(lengths),
        "tokens": len(toks),
        "words": len(w),
        "types": w["lower"].nunique(),
        "type_token_ratio": round(w["lower"].nunique() / max(len(w), 1), 4),
        "content_words": len(content_words(toks)),
        "mean_sentence_length": round(float(lengths.mean()), 2) if len(lengths) else 0.0,
        "median_sentence_length": float(lengths.median()) if len(lengths) else 0.0,
        "max_sentence_length": int(lengths.max()) if len(lengths) else 0,
    }
    return pd.DataFrame({"statistic": list(stats), "value": pd.Series(list(stats.values()), dtype=object)})


def pattern_matcher(part: str, regex: bool, case_sensitive: bool):
    """A function telling whether one token matches one part of a KWIC pattern."""
    flags = 0 if case_sensitive else re.IGNORECASE
    compiled = re.compile(part if regex else fnmatch.translate(part), flags)
    if case_sensitive:
        return lambda token: compiled.fullmatch(token) is not None
    return lambda token: compiled.fullmatch(normalise(token)) is not None or compiled.fullmatch(token) is not None


def kwic(toks: pd.DataFrame, pattern: str, window: int = 5, *, regex: bool = False, case_sensitive: bool = False) -> pd.DataFrame:
    """Keyword in context: one row per match of ``pattern``, in reading order.

    ``pattern`` is one or more whitespace-separated parts, each a glob (``"Iran*"``) or, with
    ``regex=True``, a regular expression; a multi-word pattern (``"Axis of Resistance"``)
    matches consecutive tokens.  Matching ignores case unless ``case_sensitive``.
    Columns: ``sentence_id``, ``token_id`` (first matched token), ``start``/``end`` (offsets
    into the raw article of the whole match), ``pre``, ``keyword``, ``post`` (up to
    ``window`` tokens each side, joined by spaces), ``pattern``.
    """
    parts = pattern.split()
    if not parts:
        raise ValueError("kwic: empty pattern")
    if window < 0:
        raise ValueError("kwic: window must be zero or more tokens")
    matchers = [pattern_matcher(p, regex, case_sensitive) for p in parts]
    texts = toks["token"].tolist()
    n = len(parts)
    rows = []
    for i in range(len(texts) - n + 1):
        if all(match(texts[i + k]) for k, match in enumerate(matchers)):
            first, last = toks.iloc[i], toks.iloc[i + n - 1]
            rows.append((
                int(first["sentence_id"]), int(first["token_id"]), int(first["start"]), int(last["end"]),
                " ".join(texts[max(0, i - window) : i]), " ".join(texts[i : i + n]),
                " ".join(texts[i + n : i + n + window]), pattern,
            ))
    columns = ["sentence_id", "token_id", "start", "end", "pre", "keyword", "post", "pattern"]
    return pd.DataFrame(rows, columns=columns)


def collocations(toks: pd.DataFrame, min_freq: int = 2, top: int = 20, by: str = "likelihood_ratio") -> pd.DataFrame:
    """Two-word collocations within sentences, strongest first by ``by``.

    Uses NLTK's ``BigramCollocationFinder`` on lower-case tokens; pairs with a stop word,
    punctuation or a word without letters are left out, as are pairs seen fewer than
    ``min_freq`` times.  Columns: ``collocation`` ("w1 w2"), ``word1``, ``word2``, ``n``,
    ``pmi`` (pointwise mutual information), ``likelihood_ratio`` (Dunning's G²).
    ``by`` is ``"likelihood_ratio"`` or ``"pmi"``; ties are broken alphabetically.
    """
    if by not in ("likelihood_ratio", "pmi"):
        raise ValueError(f"collocations: by must be 'likelihood_ratio' or 'pmi', not {by!r}")
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder  # imports scipy.stats: only here
    stops = stop_words()
    documents = toks.groupby("sentence_id", sort=True)["lower"].apply(list).tolist()
    finder = BigramCollocationFinder.from_documents(documents)
    finder.apply_word_filter(lambda w: w in stops or not any(c.isalpha() for c in w))
    finder.apply_freq_filter(min_freq)
    measures = BigramAssocMeasures()
    pmi = dict(finder.score_ngrams(measures.pmi))
    llr = dict(finder.score_ngrams(measures.likelihood_ratio))
    rows = [(f"{a} {b}", a, b, finder.ngram_fd[(a, b)], round(pmi[(a, b)], 6), round(llr[(a, b)], 6)) for a, b in pmi]
    columns = ["collocation", "word1", "word2", "n", "pmi", "likelihood_ratio"]
    table = pd.DataFrame(rows, columns=columns).sort_values([by, "collocation"], ascending=[False, True], ignore_index=True)
    return table.head(top).reset_index(drop=True)
