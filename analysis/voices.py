"""Who speaks in each sentence: the author, or a source whose words the sentence reports.

Rules (``shared/GUIDELINES.md``, Voice), applied in this order to each sentence:

1. **Direct quotes.** A quotation of four words or more (straight or curly quotes; it may run
   over several sentences and paragraphs) belongs to the speaker named next to it: after it
   (``“...,” X said``, ``"...", said X``, ``X quoted Y as saying``) or before it (``X said:
   “...”``).  Every sentence the quotation touches takes that voice.
2. **Attribution inside the sentence.** ``according to X``; ``X quoted Y as saying`` (Y);
   a reporting verb at the end (``..., the spokesman said``; ``... said the Observatory``); a
   reporting verb after the subject of the main clause (``X said that ...``, ``X confirmed``,
   ``Syria also complained ...``).  Two coordinated subjects ("Nasrallah and Khamenei pledged")
   are no single source: the sentence stays with the author.
3. **Quoted passages.** A paragraph ending in a colon ("Moscow Times reported:", "X
   commented:") introduces a passage.  The passage runs over the following paragraphs while each
   is the first after the introduction, a direct quotation, or has its own attribution; it ends
   at a heading, at a paragraph where the author speaks in the first person ("We commented"),
   at the next introduction, and at the first paragraph that is none of those.  Sentences of
   the passage without their own attribution take the passage's source.
4. Otherwise the sentence is the **author**'s.

Speakers are resolved with the actor dictionary: a person (Steinitz -> Israel), a media
outlet (its country as ``voice_party``, the outlet kept apart from the state), or a party
speaking as a body (``Syria complained`` -> "Syria"; "the regime" -> "Syrian government").
Pronouns and definite descriptions ("he", "the spokesman", "the Observatory") refer back to the
last speaker that fits; "we" outside quotes is the author.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .actors import Dictionary, Match, find_matches, load_dictionary, title_words
from .article import Article
from .tokens import read_word_list, sentence_spans

VOICE_COLUMNS = ["sentence_id", "voice", "voice_kind", "voice_party", "cue", "quote_start", "quote_end",
                 "speaker_start", "speaker_end"]
AUTHOR_PRONOUNS = {"we", "i", "us", "our"}
PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"they", "it"}
# Unnamed groups that can be a subject of reporting ("Lebanese analysts contend").
SOURCE_NOUNS = {"analysts", "analyst", "officials", "official", "sources", "source", "experts", "observers",
                "diplomats", "media", "residents", "witnesses", "activists", "monitors", "commanders", "spokesman",
                "spokeswoman", "spokesperson", "ministry", "government", "army", "service", "agency", "observatory",
                "statement", "military", "police", "authorities", "television", "radio", "news"}
ADVERBS = {"also", "later", "earlier", "then", "again", "reportedly", "previously", "separately", "further",
           "has", "have", "had", "was", "were", "is", "are", "will", "would", "had", "recently", "once", "publicly",
           "repeatedly", "officially", "quickly", "himself", "herself", "itself", "themselves"}
NAME_JOINERS = {"the", "of", "al", "el", "bin", "ibn", "de", "a", "an", "for", "some", "several", "many", "other",
                "local", "two", "three", "both"}
# After these verbs the phrase that follows is the speaker ("said the Observatory"); after
# "told", "quoted", "cited" it is the listener or the one quoted.
INVERTIBLE_VERBS = {"said", "says", "added", "adds", "wrote", "writes", "stated", "explained", "noted", "insisted",
                    "warned", "continued", "claimed", "reported", "declared", "announced"}
CLAUSE_OPENERS = {"but", "however", "meanwhile", "and", "yet", "still", "moreover", "separately", "earlier", "later"}
SAYING_VERBS = {"said", "says", "told", "stated", "declared", "announced", "confirmed", "claimed"}
SPEECH_NOUNS = {"comment", "comments", "statement", "remarks", "speech", "interview", "words", "message"}
MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes or phrases, not speech
TOKEN = re.compile(r"\w[\w'’.-]*\w|\w|[^\w\s]")
OPEN_QUOTES, CLOSE_QUOTES = "“«„", "”»"


@dataclass(frozen=True)
class Voice:
    """A voice: its name, kind (author, person, outlet, group) and the party it speaks for."""

    name: str
    kind: str
    party: str | None = None
    phrase: str = ""  # the words that named it, for "the spokesman"-style references


AUTHOR = Voice("author", "author")


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    return read_word_list("reporting_verbs.txt")


# --- quotations ---------------------------------------------------------------------------


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the quotations in ``text``, quote marks included.

    Curly quotes pair an opening with the next closing mark, across sentences and paragraphs;
    a paragraph that ends inside a quotation and a next paragraph opening with a quote mark
    continue it (the news convention).  Straight double quotes pair within a paragraph.
    """
    spans = []
    for m in re.finditer(r"[“«„][^“”«»„]*?(?:[”»]|(?=\n\n)|$)", text, flags=re.S):
        spans.append((m.start(), m.end()))
    for paragraph in re.finditer(r"[^\n]+", text):
        marks = [m.start() + paragraph.start() for m in re.finditer('"', paragraph.group())]
        spans += [(a, b + 1) for a, b in zip(marks[::2], marks[1::2])]
        if len(marks) % 2:  # left open at the paragraph's end
            spans.append((marks[-1], paragraph.end()))
    return sorted(merge_continued(text, spans))


def merge_continued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a quotation left open at a paragraph's end with the one opening the next paragraph."""
    spans = sorted(spans)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and text[merged[-1][1] : start].strip() == "" and "\n\n" in text[merged[-1][1] : start] \
                and text[merged[-1][1] - 1] not in CLOSE_QUOTES + '"':
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --- speakers -----------------------------------------------------------------------------


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def is_name_word(token: Token, covered: set[int]) -> bool:
    """Whether a token can be part of a speaker's noun phrase."""
    word = token.lower.rstrip(".").removesuffix("'s")
    return (
        token.start in covered
        or token.text[:1].isupper()
        or word in title_words()
        or word in SOURCE_NOUNS
        or word in NAME_JOINERS
        or word in PERSON_PRONOUNS | GROUP_PRONOUNS | AUTHOR_PRONOUNS
        or token.text in ("(", ")", ".")
    )


def phrase_before(tokens: list[Token], k: int, covered: set[int]) -> tuple[int, int] | None:
    """Token range ``[i, k)`` of the noun phrase right before token ``k``.

    Adverbs are skipped ("Syria also complained"), and so is an appositive between commas
    ("Wehbe Katicha, a former Lebanese army general, told").
    """
    j = k
    while j > 0 and tokens[j - 1].lower in ADVERBS:
        j -= 1
    if j > 1 and tokens[j - 1].text == ",":
        opening = next((i for i in range(j - 2, max(-1, j - 16), -1) if tokens[i].text == ","), None)
        if opening is not None and opening > 0 and any(t.text[:1].islower() for t in tokens[opening + 1 : j - 1]):
            j = opening
    i = j
    while i > 0 and is_name_word(tokens[i - 1], covered) and j - i < 12:
        i -= 1
    while i < j and tokens[i].lower in NAME_JOINERS | CLAUSE_OPENERS and tokens[i].start not in covered:
        i += 1  # "the" of "The Guardian" stays: it is part of the name
    return (i, j) if i < j else None


def phrase_after(tokens: list[Token], k: int, covered: set[int]) -> tuple[int, int] | None:
    """Token range ``(k, j)`` of the noun phrase right after token ``k``."""
    j = k + 1
    while j < len(tokens) and is_name_word(tokens[j], covered) and tokens[j].text != "." and j - k < 12:
        j += 1
    return (k + 1, j) if j > k + 1 else None


class SpeakerResolver:
    """Turns the words naming a speaker into a ``Voice``, remembering earlier speakers."""

    def __init__(self, text: str, matches: list[Match], dictionary: Dictionary):
        self.text = text
        self.matches = matches  # in reading order, not overlapping
        self.starts = [m.start for m in matches]
        self.starts_set = frozenset(self.starts)
        self.dictionary = dictionary
        self.history: list[Voice] = []

    def covered(self) -> frozenset[int]:
        """Where the dictionary's matches start (a word there belongs to a name)."""
        return self.starts_set

    def matches_in(self, start: int, end: int) -> list[Match]:
        """The matches inside ``[start, end)``, and one that starts before and runs into it."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return [m for m in self.matches[first:last] if start <= m.start < end or m.start <= start < m.end]

    def resolve(self, start: int, end: int) -> Voice | None:
        """The voice named by ``text[start:end]``, or None when it names no one."""
        phrase = " ".join(self.text[start:end].split())
        words = [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", phrase)]
        if not words:
            return None
        inside = self.matches_in(start, end)
        if words[0] in AUTHOR_PRONOUNS and not phrase.split()[0].isupper() or phrase.split()[0] == "I":
            return AUTHOR  # "we", "We"; not "US" (the United States)
        # the head of the phrase is its last name: "events in Syria Russia's Foreign Ministry"
        outlet = next((m for m in reversed(inside) if m.alias.party is None), None)
        person = next((m for m in reversed(inside) if m.alias.via == "person" or m.has_person), None)
        if outlet is not None:
            country = self.dictionary_country(outlet.alias.entry)
            return self.remember(Voice(outlet.alias.entry, "outlet", country, phrase))
        if person is not None:
            return self.remember(Voice(self.person_name(person), "person", person.alias.party, phrase))
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            return self.last(lambda v: v.kind == "person")
        if len(words) == 1 and words[0] in GROUP_PRONOUNS:
            return self.last(lambda v: v.kind in ("group", "outlet"))
        capitalised = re.findall(r"\b[A-Z][\w'’-]+", phrase)
        if not inside and not capitalised or (words[0] == "the" and not inside):
            # a description referring back: "the spokesman", "the Observatory"
            head = words[-1]
            earlier = self.last(lambda v: head in v.phrase.lower() or head in v.name.lower())
            if earlier is not None or words[0] == "the":
                return earlier
        if inside:
            return self.remember(self.group_voice(inside[-1], words, phrase))
        if len(capitalised) == 1 and len(words) == 1:
            # a surname met before ("Katicha noted"), or a new one-word name
            earlier = self.last(lambda v: v.kind == "person" and v.name.split()[-1] == capitalised[0])
            return earlier or self.remember(Voice(capitalised[0], "person", None, phrase))
        if len(capitalised) >= 2 and not any(w in SOURCE_NOUNS for w in words):
            return self.remember(Voice(" ".join(capitalised), "person", None, phrase))
        if any(w in SOURCE_NOUNS for w in words) and len(words) <= 4:
            return self.remember(Voice(re.sub(r"^(?:the|The|some|Some)\s+", "", phrase), "group", None, phrase))
        return None

    def group_voice(self, match: Match, words: list[str], phrase: str) -> Voice:
        """A party speaking as a body: "Syria", "Russian Foreign Ministry", "Syrian government"."""
        party = match.alias.party
        rest = [w for w in re.findall(r"[\w'’-]+", self.text[match.end : match.end + 60].split(",")[0])][:3]
        body = [w for w in rest if w.lower() in title_words() | SOURCE_NOUNS and w.lower() not in NAME_JOINERS]
        if match.alias.via == "generic" and match.alias.entry == "government":
            return Voice(f"{self.adjective(party)} government", "group", party, phrase)
        if body and self.text[match.end : match.end + 1].isspace() or (body and self.text[match.end - 1] in "s’'"):
            return Voice(" ".join([self.adjective(party), *body]).strip(), "group", party, phrase)
        return Voice(party, "group", party, phrase)

    def person_name(self, match: Match) -> str:
        """A person's name as the article spells it in full ("Ahmed Davutoglu"), else the dictionary's."""
        if match.person_span:
            written = " ".join(re.sub(r"['’]s$", "", self.text[slice(*match.person_span)]).split())
            if len(written.split()) >= 2:
                return written
        earlier = self.last(lambda v: v.kind == "person" and v.name.split()[-1] == match.alias.entry.split()[-1])
        return earlier.name if earlier else match.alias.entry

    def adjective(self, party: str) -> str:
        return self.dictionary.adjectives.get(party, party)

    def dictionary_country(self, outlet: str) -> str | None:
        countries = dict(zip(self.dictionary.outlets["outlet"], self.dictionary.outlets["country"]))
        country = countries.get(outlet)
        return country if isinstance(country, str) and country else None

    def remember(self, voice: Voice) -> Voice:
        self.history.append(voice)
        return voice

    def last(self, fits) -> Voice | None:
        return next((v for v in reversed(self.history) if fits(v)), None)


# --- attribution within one sentence ------------------------------------------------------


def find_attribution(text: str, start: int, end: int, resolver: SpeakerResolver, remember: bool = True) -> tuple[Voice, str, tuple[int, int]] | None:
    """The source a sentence reports, the cue words and the span naming it, or None.

    See the module's rules; the span is in ``text`` coordinates.

    With ``remember=False`` the speakers found are not added to the resolver's history (a look
    ahead, not a reading).
    """
    if not remember:
        saved = list(resolver.history)
        try:
            return find_attribution(text, start, end, resolver)
        finally:
            resolver.history = saved
    tokens = tokenize(text[start:end], start)
    covered = resolver.covered()
    verbs = reporting_verbs()
    lowered = [t.lower for t in tokens]
    # "according to X"
    for k in range(len(tokens) - 2):
        if lowered[k] == "according" and lowered[k + 1] == "to":
            span = phrase_after(tokens, k + 1, covered)
            voice = span and resolver.resolve(tokens[span[0]].start, tokens[span[1] - 1].end)
            if voice:
                return voice, "according to", (tokens[span[0]].start, tokens[span[1] - 1].end)
    # "X quoted Y as saying"
    for k, word in enumerate(lowered):
        if word == "quoted" and "as" in lowered[k:] and "saying" in lowered[k:]:
            stop = lowered.index("as", k)
            voice = resolver.resolve(tokens[k + 1].start, tokens[stop - 1].end) if stop > k + 1 else None
            if voice:
                return voice, "quoted ... as saying", (tokens[k + 1].start, tokens[stop - 1].end)
    passive = {k for k in range(len(tokens) - 1) if lowered[k + 1] == "by"}  # "confirmed by X"
    # a reporting verb in the last clause: "..., the spokesman said." / "... said the Observatory."
    last_clause = max((k for k, t in enumerate(tokens) if t.text in ",;:”\"" and k < len(tokens) - 2), default=-1)
    for k in range(len(tokens) - 1, last_clause, -1):
        if lowered[k] in verbs and k not in passive:
            after = phrase_after(tokens, k, covered) if lowered[k] in INVERTIBLE_VERBS else None
            tail = [t for t in tokens[after[1] if after else k + 1 :] if t.text not in ".!?”\""]
            if after and len(tail) <= 1:
                voice = resolver.resolve(tokens[after[0]].start, tokens[after[1] - 1].end)
                if voice:
                    return voice, tokens[k].text, (tokens[after[0]].start, tokens[after[1] - 1].end)
            before = phrase_before(tokens, k, covered)
            if before and len(tail) <= 8 and not coordinated(tokens, before):
                voice = resolver.resolve(tokens[before[0]].start, tokens[before[1] - 1].end)
                if voice:
                    return voice, tokens[k].text, (tokens[before[0]].start, tokens[before[1] - 1].end)
            break
    # the subject of the main clause: "X said that ...", "Syria also complained ..."
    boundaries = {0} | {k + 1 for k, t in enumerate(tokens) if t.text in (",", "–", "—")}
    for k, word in enumerate(lowered):
        if word in verbs and k > 0 and k not in passive:
            before = phrase_before(tokens, k, covered)
            opens_clause = before and any(b <= before[0] and all(w in NAME_JOINERS | CLAUSE_OPENERS for w in lowered[b : before[0]])
                                          for b in boundaries)
            if not before or coordinated(tokens, before) or negated(lowered, before[1], k):
                continue
            if opens_clause:
                voice = resolver.resolve(tokens[before[0]].start, tokens[before[1] - 1].end)
                if voice:
                    return voice, tokens[k].text, (tokens[before[0]].start, tokens[before[1] - 1].end)
            elif word in SAYING_VERBS and ";" not in lowered[: before[0]]:
                # after an opening phrase ("On 15 Feb 2016 Turkish Prime Minister ... said"):
                # only a named person or outlet
                voice = resolver.resolve(tokens[before[0]].start, tokens[before[1] - 1].end)
                if voice and voice.kind in ("person", "outlet"):
                    return voice, tokens[k].text, (tokens[before[0]].start, tokens[before[1] - 1].end)
    # "a comment ... by Dehghan": words reported through a noun of speech
    for k, word in enumerate(lowered):
        if word in SPEECH_NOUNS:
            by = next((i for i in range(k + 1, min(k + 10, len(tokens) - 1)) if lowered[i] == "by"), None)
            after = by is not None and phrase_after(tokens, by, covered)
            voice = after and resolver.resolve(tokens[after[0]].start, tokens[after[1] - 1].end)
            if voice and voice.kind == "person":
                return voice, f"{tokens[k].text} by", (tokens[after[0]].start, tokens[after[1] - 1].end)
    return None


def coordinated(tokens: list[Token], span: tuple[int, int]) -> bool:
    """Whether the phrase is the second of two coordinated subjects ("A and B said")."""
    i = span[0]
    return i >= 2 and tokens[i - 1].text.lower() == "and" and tokens[i - 2].text[:1].isupper()


def negated(lowered: list[str], i: int, k: int) -> bool:
    return any(w in ("not", "neither", "never", "nor", "no") for w in lowered[i:k])


# --- the article --------------------------------------------------------------------------


def attribute_voices(article: Article, dictionary: Dictionary | None = None) -> pd.DataFrame:
    """One row per sentence with the voice that speaks in it.

    Columns: ``sentence_id``, ``voice`` ("author" or the source's name), ``voice_kind``
    (author, person, outlet, group), ``voice_party`` (the party the voice speaks for, or empty),
    ``cue`` (what attributed it: "quote", "according to", the reporting verb, "passage: <intro
    verb>", or empty for the author), ``quote_start``/``quote_end`` (raw offsets of the
    quotation the sentence is in, or -1), ``speaker_start``/``speaker_end`` (raw offsets of the
    words naming the speaker, where this sentence names it, or -1).
    """
    dictionary = dictionary or load_dictionary()
    text = article.text
    spans = sentence_spans(article)
    matches = find_matches(article, dictionary)
    resolver = SpeakerResolver(text, matches, dictionary)
    quotes = [q for q in find_quotations(text) if word_count(text[q[0] : q[1]]) >= MIN_QUOTE_WORDS]
    # per sentence: (voice, cue, quotation span, span naming the speaker), in text coordinates
    voices: list[tuple] = [(AUTHOR, "", None, None)] * len(spans)

    quote_speakers: dict[int, tuple] = {}
    passage: Voice | None = None
    passage_cue = ""
    block_of = [b for b, _, _ in spans]
    blocks = {b.block_id: b for b in article.blocks}
    # indexes, so that the work per sentence does not grow with the article
    sentences_of: dict[int, list[int]] = {}
    for k, block_id in enumerate(block_of):
        sentences_of.setdefault(block_id, []).append(k)
    opening: dict[int, list[tuple[int, int]]] = {}
    quoted: set[int] = set()
    quotes_of_block: dict[int, list[tuple[int, int]]] = {}
    block_starts = [b.text_start for b in article.blocks]
    sentence_starts = [s for _, s, _ in spans]
    for q in quotes:
        touched = touched_sentences(spans, sentence_starts, q)
        if touched:
            opening.setdefault(touched[0], []).append(q)
        quoted.update(touched)
        first_block = max(bisect.bisect_right(block_starts, q[0]) - 1, 0)
        for b in article.blocks[first_block : bisect.bisect_left(block_starts, q[1])]:
            quotes_of_block.setdefault(b.block_id, []).append(q)
    first_in_passage = False
    for k, (block_id, s, e) in enumerate(spans):
        for q in opening.get(k, []):  # quotations opening in this sentence: find their speaker now
            assign_quote(text, spans, sentence_starts, q, resolver, quote_speakers)
        block = blocks[block_id]
        starts_block = k == 0 or block_of[k - 1] != block_id
        if starts_block and passage is not None:
            block_sentences = sentences_of[block_id]
            quoted_block = any(j in quoted for j in block_sentences)
            attributed = any(find_attribution(text, spans[j][1], spans[j][2], resolver, remember=False) for j in block_sentences)
            own_text = outside_quotes(text, block.text_start, block.text_end, quotes_of_block.get(block_id, []))
            first_person = re.search(r"\b(?:We|we|I|our|Our)\b", own_text)
            if block.kind in ("title", "heading") or first_person or not (first_in_passage or quoted_block or attributed):
                passage = None
            first_in_passage = False
        if k in quote_speakers:
            speaker, q, named = quote_speakers[k]
            voices[k] = (speaker, "quote", q, named)
        else:
            found = find_attribution(text, s, e, resolver)
            if found:
                voices[k] = (found[0], found[1], None, found[2])
            elif passage is not None and passage != AUTHOR:
                voices[k] = (passage, passage_cue, None, None)
        ends_block = k == len(spans) - 1 or block_of[k + 1] != block_id
        if ends_block and text[s:e].rstrip().endswith(":") and block.kind not in ("title", "heading"):
            intro = introduction_speaker(text, s, e, resolver)
            if intro is not None:
                passage, passage_cue, first_in_passage = intro[0], f"passage: {intro[1]}", True
                if intro[2]:  # the speaker is the subject of the introduction: its voice too
                    voices[k] = (intro[0], intro[1], None, intro[3]) if intro[0] != AUTHOR else (AUTHOR, "", None, None)
                elif k not in quote_speakers:
                    voices[k] = (AUTHOR, "", None, None)
    return voices_table(article, voices)


def touched_sentences(spans, starts: list[int], q: tuple[int, int]) -> list[int]:
    """Indexes of the sentences that quotation ``q`` overlaps; ``starts`` are the sentences' starts."""
    first = max(bisect.bisect_right(starts, q[0]) - 1, 0)
    last = bisect.bisect_left(starts, q[1])
    return [k for k in range(first, last) if spans[k][1] < q[1] and q[0] < spans[k][2]]


def assign_quote(text: str, spans, starts: list[int], q: tuple[int, int], resolver: "SpeakerResolver",
                 quote_speakers: dict) -> None:
    """Give every sentence that quotation ``q`` touches the quotation's speaker, if one is named."""
    touched = touched_sentences(spans, starts, q)
    found = None
    for k in reversed(touched):  # the speaker is usually named where the quotation closes
        found = find_attribution(text, spans[k][1], spans[k][2], resolver)
        if found:
            break
    if found is None and touched:
        before = text[spans[touched[0]][1] : q[0]]  # "X said: “...”"
        if re.search(r"\b(?:said|says|told|added|wrote)\b[^.]*[,:]?\s*$", before):
            found = find_attribution(text, spans[touched[0]][1], q[0], resolver)
    if found is not None:
        for k in touched:
            quote_speakers.setdefault(k, (found[0], q, found[2]))


def outside_quotes(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with quotations blanked out."""
    chars = list(text[start:end])
    for a, b in quotes:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def introduction_speaker(text: str, start: int, end: int, resolver: SpeakerResolver):
    """The source of the passage a sentence ending in ":" introduces, and whether it is its subject.

    Returns ``(voice, cue, is_subject, span)`` or None when the line introduces no source.
    """
    tokens = tokenize(text[start:end], start)
    lowered = [t.lower for t in tokens]
    covered = resolver.covered()
    for k, word in enumerate(lowered):
        if (word in reporting_verbs() or word == "pointed") and k + 1 < len(lowered) and lowered[k + 1] != "by":
            # the subject opens the line, perhaps followed by appositives: "X, former ..., commented:"
            first_comma = next((i for i, t in enumerate(tokens[:k]) if t.text == ","), k)
            if first_comma > 0:
                voice = resolver.resolve(tokens[0].start, tokens[first_comma - 1].end)
                if voice:
                    return voice, tokens[k].text, True, (tokens[0].start, tokens[first_comma - 1].end)
            break
    for k, word in enumerate(lowered):
        if word in reporting_verbs() or word == "pointed":
            if k + 1 < len(lowered) and lowered[k + 1] == "by":  # "reported by Ha'aretz:"
                after = phrase_after(tokens, k + 1, covered)
                voice = after and resolver.resolve(tokens[after[0]].start, tokens[after[1] - 1].end)
                if voice:
                    return voice, tokens[k].text, False, (tokens[after[0]].start, tokens[after[1] - 1].end)
                continue
            before = phrase_before(tokens, k, covered)
            if before and before[0] == 0 or (before and tokens[before[0] - 1].text == ","):
                voice = resolver.resolve(tokens[before[0]].start, tokens[before[1] - 1].end)
                if voice:
                    return voice, tokens[k].text, True, (tokens[before[0]].start, tokens[before[1] - 1].end)
    return None


def voices_table(article: Article, voices) -> pd.DataFrame:
    rows = []
    for k, (voice, cue, quote, named) in enumerate(voices):
        qs, qe = article.raw_span(*quote) if quote else (-1, -1)
        ss, se = article.raw_span(*named) if named and voice != AUTHOR else (-1, -1)
        rows.append((k, voice.name, voice.kind, voice.party or "", cue, qs, qe, ss, se))
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def add_voice(table: pd.DataFrame, voices: pd.DataFrame) -> pd.DataFrame:
    """``table`` (any table with ``sentence_id``) with the ``voice`` of its sentence added."""
    return with_voice_columns(table, voices, ["voice"])


def with_voice_columns(table: pd.DataFrame, voices: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table`` (with ``sentence_id``, index reset) with ``columns`` of its sentence's voice
    row added; missing where a sentence has no voice row, as a left merge would give."""
    table = table.reset_index(drop=True)
    position = {s: k for k, s in enumerate(voices["sentence_id"].tolist())}
    at = [position.get(s) for s in table["sentence_id"].tolist()]
    for column in columns:
        values = voices[column].tolist()
        table[column] = [None if k is None else values[k] for k in at]
    return table
