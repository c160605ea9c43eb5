"""Who speaks in each sentence: the author, or a source whose words the sentence reports.

Read from the parse (``tokens.parsed_sentences``: the one token layer) with rules as data
(``data/speech_verbs.txt``, ``speech_nouns.txt``, ``time_words.txt``, ``colon_labels.txt``), per
``shared/GUIDELINES.md`` (Voice, v2).  In this order, for each sentence:

1. **Quotations.** A quotation (straight, curly or ``''`` quotes; over several sentences and
   paragraphs) belongs to the source of a cue outside it in a sentence it touches (``“...,” X
   said``), else of a cue before it ending in a comma or colon (``X said: “...”``), else to a
   name signed after it with a dash (``“...” ― X``).  Under four words it needs its cue right
   beside it (``“We will win,” X said``); scare quotes make no voice.  Every sentence it touches
   takes that voice, and a quotation going on later in the same paragraph keeps it.
2. **A line that opens with a name and a colon** ("SMITH: Well, ...", a headline "Jane Roe:
   Voters Are Worried") is that speaker's, unless the word is a label ("Update:").
3. **A cue in the sentence.**  A verb of saying with an active subject: its own, or one it
   shares ("went on to explain", "said ... and added", "..., saying"), or a relative pronoun's
   antecedent; "X quoted Y as saying" gives Y; "according to X"; a noun of speech with its
   owner ("X's statement", "a comment by X").  A sentence that ends in "..., X said" / "...
   said X" or sets "X said" off by commas takes the words beside the verb as the speaker,
   whatever the parse made of the rest.  No voice for a denied cue ("did not say", "neither
   confirmed nor denied"), a passive one ("was reported"), two speakers joined by "and", or a
   time ("said Monday").
4. **Quoted passages.** A paragraph ending in a colon ("Moscow Times reported:", "X
   commented:") introduces a passage.  The passage runs over the following paragraphs while each
   is the first after the introduction, a direct quotation, or has its own attribution; it ends
   at a heading, at a paragraph where the author speaks in the first person ("We commented"),
   at the next introduction, and at the first paragraph that is none of those.  Sentences of
   the passage without their own attribution take the passage's source.
5. Otherwise the sentence is the **author**'s.

**Speakers** are the subject's noun phrase with its name words ("Trump campaign spokesman Jason
Miller", "the chair of the DNC"; not a place after it: "the journalist in Damascus"), resolved
with the actor dictionary: a person (Steinitz -> Israel), a media outlet (its country as
``voice_party``, the outlet kept apart from the state), or a party speaking as a body ("Syria
complained" -> "Syria"; "the regime" -> "Syrian government").  A phrase the dictionary does
not know is its own voice ("his lawyer", "Foreign policy analysts"; a proper name is a person).
References back, by documented rules: "he"/"she" is the last person who spoke or was the
subject of a main clause, "it"/"they" the last outlet or group; a definite description is the earlier speaker whose own words hold its
noun, else for a title ("the spokesman", ``data/titles.txt``) the last person and for a body
("the monitor", ``data/voice_words.yml``) the last outlet or group; a surname alone is the person
named in full before.  "We" and "I" outside quotes are the author.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .actors import Dictionary, Match, find_matches, load_dictionary, name_particles, outlet_countries, read_yaml, title_words
from .article import Article
from .frames import records_frame
from .paths import DATA_DIR
from .tokens import on_one_line, parsed_sentences, read_word_list, sentence_spans, spaced_apart, words_in

VOICE_COLUMNS = ["sentence_id", "voice", "voice_kind", "voice_party", "cue", "quote_start", "quote_end",
                 "speaker_start", "speaker_end", "content_start", "content_end"]
# the corpus' voices table: VOICE_COLUMNS with the sentence's raw offsets after sentence_id
SENTENCE_VOICE_COLUMNS = [VOICE_COLUMNS[0], "start", "end", *VOICE_COLUMNS[1:]]
AUTHOR_PRONOUNS = {"we", "i", "us", "our"}
PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"they", "it"}
MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes or phrases, not speech
CLOSE_QUOTES = "”»"


@dataclass(frozen=True)
class Voice:
    """A voice: its name, kind (author, person, outlet, group) and the party it speaks for."""

    name: str
    kind: str
    party: str | None = None
    phrase: str = ""  # the words that named it, for "the spokesman"-style references


AUTHOR = Voice("author", "author")


# --- quotations ---------------------------------------------------------------------------


QUOTE_MARK = re.compile(r"''|[“”„«»\"]")
PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the quotations in ``text``, quote marks included.

    Within each paragraph the marks are read in order: an opening curly mark (“ „ «) opens, a
    closing one (” ») closes, and a straight ``"`` or ``''`` closes an open quotation or opens
    one, so mixed marks ("“It's great," Vaughn said) pair as a reader pairs them.  A closing
    mark at the start of a line or after a space, with no quotation open, opens one (scraped
    text).  A quotation left open at a paragraph's end runs to it, and a next paragraph opening
    with a quote mark continues it (the news convention).
    """
    spans = []
    for paragraph in PARAGRAPH.finditer(text):
        open_at = None
        for m in QUOTE_MARK.finditer(text, paragraph.start(), paragraph.end()):
            mark, at = m.group(), m.start()
            opens = mark in "“„«" or mark in "”»" and (at == 0 or text[at - 1].isspace()) \
                and at + 1 < len(text) and not text[at + 1].isspace()
            if open_at is None and (opens or mark in ('"', "''")):
                open_at = at
            elif open_at is not None and not (mark in "“„«"):
                spans.append((open_at, m.end()))
                open_at = None
        if open_at is not None:
            spans.append((open_at, paragraph.end()))
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
    """How many words (tokens with a letter or digit) ``text`` holds."""
    return len(words_in(text))


# --- speakers on the parse -------------------------------------------------------------------

SUBJECTS = ("nsubj", "csubj")
# Relations through which a verb shares the subject of the verb it hangs on: "went on to
# explain" (xcomp), "said ... and added" (conj), "..., saying" (advcl).
SHARED_SUBJECT = ("xcomp", "conj", "advcl")
# Words of a speaker's name phrase, left of its head: "Trump campaign spokesman Jason Miller".
NAME_PARTS = ("compound", "flat", "amod", "det", "nmod:poss", "nummod", "case", "nmod")
RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom"])
NEGATIONS = frozenset(["not", "n't", "never", "neither", "nor", "no"])
AUXILIARIES = frozenset(["be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should",
                         "must", "'s", "'ve", "'d", "'ll"])
POSSESSIVES = frozenset(["his", "her", "its", "their", "our", "my", "your"])
# At most this many words may follow a cue that ends its sentence ("X said on Sunday").
TAIL_WORDS = 8


@lru_cache(maxsize=1)
def voice_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/voice_words.yml`` by role (``inverting_verbs``, ``listener_verbs``,
    ``blocking_verbs``, ``referring_nouns``, ``source_nouns``, ``name_joiners``)."""
    data = read_yaml((DATA_DIR / "voice_words.yml").read_text(encoding="utf-8"))
    return {role: frozenset(words) for role, words in data.items()}


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Lemmas of the nouns of speech in ``data/speech_nouns.txt`` ("statement", "remarks")."""
    return read_word_list("speech_nouns.txt")


@lru_cache(maxsize=1)
def speech_support_verbs() -> frozenset[str]:
    """Lemmas of ``data/speech_support_verbs.txt``: "made" in "X made the following comment"."""
    return read_word_list("speech_support_verbs.txt")


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of the verbs of saying in ``data/speech_verbs.txt``."""
    return read_word_list("speech_verbs.txt")


# The components whose lemmas ``cue_forms`` can foresee: spaCy's rule lemmatizer sets every
# lemma, from a token's form and tag alone.
FORESEEABLE_PIPES = frozenset(["tok2vec", "tagger", "morphologizer", "parser", "lemmatizer"])


@lru_cache(maxsize=4)
def cue_forms(pipeline: str | None) -> frozenset[str] | None:
    """The lower-case word forms to which ``pipeline`` (``parse.load_pipeline``'s name) can give
    the lemma of a cue (``find_cues``): a verb of saying or "quote" tagged VERB, a noun of speech
    or a verb of saying tagged NOUN, and "according".

    Exact for spaCy's rule lemmatizer: a lemma is the form itself, an exception listed for the
    form, or a suffix rule's output, so inverting the tables lists every form that can reach a
    cue lemma.  None when another component could set lemmas (an attribute ruler, a trained
    lemmatizer): then any word may be a cue.
    """
    from .parse import load_pipeline

    nlp = load_pipeline(pipeline)
    if set(nlp.pipe_names) - FORESEEABLE_PIPES:
        return None
    wanted = {"verb": speech_verbs() | {"quote"}, "noun": speech_nouns() | speech_verbs()}
    forms = {"according", *wanted["verb"], *wanted["noun"]}
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) != "rule":
            return None
        rules = lemmatizer.lookups.get_table("lemma_rules", {})
        exceptions = lemmatizer.lookups.get_table("lemma_exc", {})
        for pos, lemmas in wanted.items():
            forms.update(form for form, options in exceptions.get(pos, {}).items() if lemmas & set(options))
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in lemmas
                         for old, new in rules.get(pos, []) if lemma.endswith(new))
    return frozenset(forms)


def may_report(words, pipeline: str | None) -> bool:
    """Whether a sentence (its unparsed ``words``) can hold a cue of reported speech, so that
    ``find_attribution`` needs its parse: a word in ``cue_forms``.  A sentence without one is
    the author's unless a quotation, a colon line or a passage gives it a voice."""
    forms = cue_forms(pipeline)
    return forms is None or any(w.lower in forms for w in words)


def child_lists(words) -> list[list[int]]:
    """Return the indexes of each word's dependents, in order."""
    kids: list[list[int]] = [[] for _ in words]
    for k, w in enumerate(words):
        if 0 <= w.head < len(words):
            kids[w.head].append(k)
    return kids


def base(dep: str) -> str:
    return dep.split(":")[0]


def subject_of(words, kids, k: int, depth: int = 0) -> int | None:
    """The index of the active subject of verb ``k``, or of the verb it shares one with.

    A verb shares its subject through ``xcomp``, ``conj`` and ``advcl`` ("went on to explain",
    "said ... and added", "..., saying"), not under a verb that denies the act ("must stop
    insisting", "refused to say"), and a participle on a noun takes the subject of the noun's
    verb ("unleashed tweets saying").
    """
    subjects = [c for c in kids[k] if words[c].dep in SUBJECTS]
    if subjects:
        return min(subjects, key=lambda c: abs(c - k))  # of two, the one beside the verb
    w = words[k]
    if depth >= 3 or w.head < 0:
        return None
    head = words[w.head]
    if base(w.dep) in SHARED_SUBJECT and not (base(w.dep) == "xcomp" and head.lemma in voice_words()["blocking_verbs"]):
        return subject_of(words, kids, w.head, depth + 1)
    if base(w.dep) == "acl" and w.lower.endswith("ing") and head.head >= 0:
        return subject_of(words, kids, head.head, depth + 1)
    if base(w.dep) in ("parataxis", "list", "appos", "dep") and head.pos == "PROPN" and w.head < k:
        return w.head  # "Yuval Steinitz, the minister, commented:"
    return None


def passive_subject(words, kids, k: int) -> int | None:
    return next((c for c in kids[k] if words[c].dep == "nsubj:pass"), None)


def name_span(words, kids, head: int) -> tuple[int, int]:
    """Word range ``[i, j)`` naming the phrase headed by ``head``: the head with its name
    words ("Trump campaign spokesman Jason Miller", "the chair of the DNC"), without
    appositions and relative clauses.  Proper names and titles right before it join it even
    where the parse hangs them elsewhere ("Foreign ministry spokesman Alexander Lukashevich")."""
    keep = {head}
    stack = [head]
    while stack:
        h = stack.pop()
        for c in kids[h]:
            if words[c].dep in NAME_PARTS and not (words[c].dep == "nmod" and not of_phrase(words, kids, c, head)):
                keep.add(c)
                stack.append(c)
    i, j = min(keep), max(keep) + 1
    while i > 0 and joins_name(words[i - 1], i, j):
        i -= 1
    if i > 0 and words[i - 1].pos == "DET" and words[i - 1].lower in ("the", "a", "an"):
        i -= 1
    while i < head and (words[i].pos == "PUNCT" or base(words[i].dep) in ("case", "fixed") or words[i].lower == "according"):
        i += 1
    while j - 1 > head and (words[j - 1].pos in ("PUNCT", "CCONJ") or words[j - 1].lower in ("'s", "'")):
        j -= 1
    return i, j


def of_phrase(words, kids, c: int, head: int) -> bool:
    """Whether nominal modifier ``c`` is part of a name: after it, with "of" or "for" and no
    comma between ("the chair of the DNC", "a spokesman for the ministry"), not a place ("the
    journalist in Damascus")."""
    return c > head and not any(words[x].text == "," for x in range(head, c)) \
        and any(words[x].dep == "case" and words[x].lower in ("of", "for") for x in kids[c])


def joins_name(word, i: int, j: int) -> bool:
    """Whether ``word``, right before the name words ``[i, j)``, belongs to the name."""
    if word.pos == "PROPN" or word.lower in title_words():
        return True
    return word.pos in ("NOUN", "ADJ") and base(word.dep) in ("compound", "amod", "flat") and i <= word.head < j


def antecedent(words, kids, k: int) -> int:
    """The noun a relative pronoun stands for ("Trump, who says ..." -> Trump), else ``k``."""
    verb = words[k].head
    while verb >= 0 and base(words[verb].dep) not in ("acl", "root") and words[verb].head >= 0:
        verb = words[verb].head
    if verb >= 0 and base(words[verb].dep) == "acl" and words[verb].head >= 0:
        return words[verb].head
    return k


def is_negated(words, kids, k: int, subject: int) -> bool:
    """Whether the cue is denied ("did not say", "neither confirmed nor denied")."""
    if any(words[c].lower in NEGATIONS and not punctuation_between(words, c, k) for c in kids[k]):
        return True
    low, high = sorted((subject, k))
    return any(w.lower in NEGATIONS for w in words[low + 1 : high])


def punctuation_between(words, i: int, j: int) -> bool:
    """Whether a punctuation mark stands between words ``i`` and ``j`` (a "not" inside the
    quotation before "replied" denies nothing)."""
    low, high = sorted((i, j))
    return any(w.pos == "PUNCT" for w in words[low + 1 : high])


def is_coordinated(words, kids, head: int, name: tuple[int, int]) -> bool:
    """Whether the subject is two parties joined by "and" ("A and B said", "the regime and its
    backers vowed"): no single source."""
    if any(words[c].dep == "conj" and words[c].pos in ("PROPN", "NOUN") for c in kids[head]):
        return True
    i = name[0]
    if i >= 2 and words[i - 1].pos == "CCONJ" and words[i - 2].pos in ("PROPN", "NOUN"):
        return True
    # "Nasrallah, leader of Hezbollah, and ruler Khamenei pledged": a second name joined deeper
    return any(words[c].dep == "conj" and words[c].pos == "PROPN" and c < words[head].head
               for c in subtree(kids, head) if c != head)
    return any(w.pos == "CCONJ" for w in words[name[0] : name[1]])


def joint_span(words, name: tuple[int, int]) -> tuple[int, int]:
    """``name`` widened over the names joined to it by "and" on either side."""
    i, j = name
    while i >= 2 and words[i - 1].pos == "CCONJ" and words[i - 2].pos in ("PROPN", "NOUN"):
        i -= 2
        while i > 0 and words[i - 1].pos in ("PROPN", "DET"):
            i -= 1
    while j + 1 < len(words) and words[j].pos == "CCONJ" and words[j + 1].pos in ("PROPN", "NOUN", "DET"):
        j += 2
        while j < len(words) and words[j].pos in ("PROPN", "NOUN"):
            j += 1
    return i, j


def two_subjects(words, kids, k: int) -> bool:
    """Whether verb ``k`` has two subjects before it joined by "and" (a parse of "A and B said")."""
    subjects = [c for c in kids[k] if words[c].dep in SUBJECTS and c < k]
    return len(subjects) > 1 and any(w.pos == "CCONJ" for w in words[subjects[0] : subjects[-1]])


@dataclass(frozen=True)
class Cue:
    """A cue of reported speech in one sentence: its words, the speaker's head and name span
    (word indexes), the content's word range, and whether the speaker is the cue's subject."""

    cue: str
    cue_index: int
    speaker: int
    name: tuple[int, int]
    content: tuple[int, int] | None
    is_subject: bool
    joint: bool = False  # two or more speakers joined by "and" ("reply Burton and Nick")


def depth_of(words, k: int) -> int:
    d = 0
    while words[k].head >= 0 and d < len(words):
        k, d = words[k].head, d + 1
    return d


def content_range(words, kids, k: int, skip: set[int]) -> tuple[int, int] | None:
    """Word range of what cue ``k`` reports: its clausal complement, or the rest of its clause."""
    clauses = [c for c in kids[k] if base(words[c].dep) in ("ccomp", "parataxis", "xcomp") and c not in skip]
    if not clauses:
        clauses = [c for c in kids[k] if base(words[c].dep) in ("obj", "obl", "advcl", "iobj") and c not in skip]
    if not clauses:
        return None
    cover = set()
    for c in clauses:
        cover |= subtree(kids, c)
    return min(cover), max(cover) + 1


def subtree(kids, k: int) -> set[int]:
    out, stack = {k}, [k]
    while stack:
        for c in kids[stack.pop()]:
            out.add(c)
            stack.append(c)
    return out


def find_cues(words, low: int = 0, high: int | None = None, joint: bool = False) -> list[Cue]:
    """The cues of reported speech among ``words[low:high]`` of one parsed sentence, the one
    nearest the root first.

    A cue is "according to X", a noun of speech with its speaker ("X's statement"), "X quoted Y
    as saying" (Y), or a verb of saying with its speaker (``verb_cue``).  A cue that ends the
    sentence or is set off by commas (``tail_cue``, ``parenthetical_cue``) comes before the
    parse's own reading, "according to X" before all.  ``joint`` accepts speakers joined by "and".
    """
    high = len(words) if high is None else high
    kids = child_lists(words)
    verbs = speech_verbs()
    cues = []
    for k in range(low, high):
        w = words[k]
        if w.lower == "according" and k + 1 < high and words[k + 1].lower == "to":
            cue = according_cue(words, kids, k, low, high)
        elif w.pos == "NOUN" and w.lemma in speech_nouns():
            cue = noun_cue(words, kids, k, low, high)
        elif w.pos == "VERB" and w.lemma == "quote":
            cue = quote_cue(words, kids, k, low, high)
        elif w.pos == "VERB" and w.lemma in verbs:
            cue = verb_cue(words, kids, k, low, high, joint)
        else:
            cue = None
        if cue is not None:
            cues.append(cue)
    cues = sorted(cues, key=lambda c: (depth_of(words, c.cue_index), c.cue_index))
    tail = tail_cue(words, kids, low, high, joint) or parenthetical_cue(words, low, high)
    if tail is not None:
        according = [c for c in cues if c.cue == "according to"]
        cues = according + [tail] + [c for c in cues if c.cue_index != tail.cue_index and c not in according]
    return cues


def according_cue(words, kids, k: int, low: int, high: int) -> Cue | None:
    """"according to X": X is the head noun of the phrase after "to"."""
    reach = min(high, k + 12)
    head = next((j for j in range(k + 2, reach) if words[j].pos in ("PROPN", "NOUN", "PRON")), None)
    while head is not None and head < words[head].head < reach and words[words[head].head].pos in ("PROPN", "NOUN"):
        head = words[head].head  # "according to the Syrian Observatory": its head word
    if head is None:
        return None
    return Cue("according to", k, head, name_span(words, kids, head), (low, k), False)


def noun_cue(words, kids, k: int, low: int, high: int) -> Cue | None:
    """A noun of speech with its speaker: its owner ("X's statement", "a comment by X"), or the
    subject of a verb that makes it ("X made the following comment:", ``speech_support_verbs``)."""
    w = words[k]
    owner = next((c for c in kids[k] if words[c].dep == "nmod:poss" and words[c].pos == "PROPN"
                  or base(words[c].dep) == "nmod" and c > k and any(
                      words[x].lower in ("by", "from") for x in kids[c] if words[x].dep == "case")), None)
    if owner is not None and low <= owner < high and words[owner].lower not in POSSESSIVES:
        return Cue(f"{w.text} by" if owner > k else w.text, k, owner, name_span(words, kids, owner), None, False)
    if base(w.dep) == "obj" and w.head >= 0 and words[w.head].lemma in speech_support_verbs():
        maker = subject_of(words, kids, w.head)
        if maker is not None and low <= maker < high and words[maker].lower not in RELATIVE_PRONOUNS:
            return Cue(f"{words[w.head].text} ... {w.text}", w.head, maker, name_span(words, kids, maker), None, True)
    return None


def quote_cue(words, kids, k: int, low: int, high: int) -> Cue | None:
    """"X quoted Y as saying": the speaker is Y (the object, or the subject of a passive);
    "... quoted by X" with nobody quoted: X."""
    w = words[k]
    quoted = next((c for c in kids[k] if words[c].dep == "obj"), None) or passive_subject(words, kids, k)
    agent = next((c for c in kids[k] if words[c].dep == "obl:agent"), None)
    speaker = agent if agent is not None and quoted is None else quoted
    if speaker is None or not low <= speaker < high:
        return None
    saying = any(x.lower == "saying" for x in words[k + 1 : high])
    return Cue(f"{w.text} ... as saying" if saying else w.text, k, speaker, name_span(words, kids, speaker),
               content_range(words, kids, k, {speaker}), speaker != agent)


def verb_cue(words, kids, k: int, low: int, high: int, joint: bool = False) -> Cue | None:
    """A verb of saying with its speaker: its active subject, or the one it shares
    (``subject_of``), or a relative pronoun's antecedent, or the agent of "confirmed by X";
    None when the verb is denied, passive with no agent, has two subjects, is an infinitive
    with a subject of its own ("the first leader to urge"), or its speaker is a time."""
    w = words[k]
    subject = subject_of(words, kids, k)
    agent = None
    if subject is None:  # "the strikes were confirmed by X", "an exchange reported by X:"
        agent = next((c for c in kids[k] if words[c].dep == "obl:agent"), None)
    speaker = subject if subject is not None else agent
    if speaker is None and agent is None and base(w.dep) == "root":
        run = run_before(words, k, low)  # a subject the parse missed ("TASS reported")
        speaker = run[1] - 1 if run is not None else None
    if speaker is None or not low <= speaker < high or words[speaker].dep == "csubj" \
            or words[speaker].lower in time_words():
        return None
    if is_negated(words, kids, k, speaker) or two_subjects(words, kids, k):
        return None
    infinitive = any(words[c].dep == "mark" and words[c].lower == "to" for c in kids[k])
    if infinitive and (speaker in kids[k] or w.head >= 0 and words[w.head].pos == "NOUN"):
        return None  # "X to say": no report; "the first leader to urge Assad to step down": a description
    if words[speaker].dep == "appos" and words[speaker].head >= 0 and words[words[speaker].head].pos == "PROPN":
        speaker = words[speaker].head  # "Steinitz, the minister, said": the name, not the title
    if words[speaker].lemma in speech_nouns() and any(words[c].dep == "nmod:poss" for c in kids[speaker]):
        return None  # "Tom Baker's statement called the vote a fraud": the noun is the cue
    if words[speaker].lower in RELATIVE_PRONOUNS:
        speaker = antecedent(words, kids, speaker)
        if words[speaker].lower in RELATIVE_PRONOUNS:
            return None
    name = name_span(words, kids, speaker)
    together = is_coordinated(words, kids, speaker, name)
    if together and not joint:
        return None
    if together:
        name = joint_span(words, name)
    return Cue(w.text, k, speaker, name, content_range(words, kids, k, {speaker}), agent is None, together)


NOMINAL = frozenset(["PROPN", "NOUN", "DET", "ADJ", "NUM", "PART", "PRON"])


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Words of time (``data/time_words.txt``): "said Monday" names no speaker."""
    return read_word_list("time_words.txt")


def is_speaker_run(words, i: int, j: int) -> bool:
    """Whether ``words[i:j]`` can be a speaker's phrase: nominal words with a noun or pronoun,
    not a time, no more than one pronoun."""
    run = words[i:j]
    if not run or not all(w.pos in NOMINAL or w.lower in ("of", "for", "'s") or is_unknown_name(w) for w in run):
        return False
    last = run[-1]
    if last.pos not in ("PROPN", "NOUN", "PRON") and not is_unknown_name(last) or last.lower in time_words():
        return False
    return not (last.pos == "PRON" and (len(run) > 1 or last.lower not in PERSON_PRONOUNS | GROUP_PRONOUNS))


def run_before(words, k: int, low: int) -> tuple[int, int] | None:
    """Word range of the speaker's phrase right before verb ``k`` ("the spokesman" in "...,
    the spokesman said"), adverbs and auxiliaries between them skipped; None when the words
    before the verb are no such phrase or join two parties with "and"."""
    i = k
    while i > low and (words[i - 1].pos == "ADV" or words[i - 1].pos == "AUX" and words[i - 1].lemma in AUXILIARIES) \
            and words[i - 1].lower not in NEGATIONS:
        if words[i - 1].lemma == "be" and not words[k].lower.endswith("ing"):
            return None  # "was reported": the phrase before is what was said, not who said it
        i -= 1
    j = i
    while i > low and j - i < 10 and (words[i - 1].pos in NOMINAL - {"PRON"} or words[i - 1].lower == "of"
                                      or words[i - 1].lower in POSSESSIVES or base(words[i - 1].dep) == "amod"
                                      or i - 1 == low and is_unknown_name(words[i - 1])):
        i -= 1
    if j == i and i > low and words[i - 1].pos == "PRON":
        i -= 1
    while i < j and words[i].lower in ("of", "'s"):
        i += 1
    if i - 2 >= low and words[i - 1].pos == "CCONJ" and words[i - 2].pos in ("PROPN", "NOUN"):
        return None  # the second of two parties: "A and B said"
    opens = i == low or words[i - 1].pos in ("PUNCT", "VERB", "ADV", "CCONJ", "AUX", "PRON") \
        or words[i - 1].lower == "'s"
    if j > i and opens and is_speaker_run(words, i, j) and not any(w.pos == "CCONJ" for w in words[i:j]):
        return i, j
    return None


def denied_before(words, k: int, low: int) -> bool:
    """Whether a negation stands in the three words before verb ``k`` with no punctuation
    between ("did not say"; not the "not" of a quotation before "replied")."""
    return any(words[i].lower in NEGATIONS and not punctuation_between(words, i, k) for i in range(max(low, k - 3), k))


def is_unknown_name(word) -> bool:
    """A capitalised word the tagger took for a verb, an auxiliary or an adjective it is not
    ("TAAS reported", "said the Observatory"); a demonym ("Syrian") stays an adjective."""
    if not word.text[:1].isupper() or word.lemma in AUXILIARIES or word.lemma in speech_verbs():
        return False
    return word.pos in ("AUX", "VERB") or word.pos == "ADJ" and not word.lower.endswith(("an", "ese", "ish", "i"))


def parenthetical_cue(words, low: int, high: int) -> Cue | None:
    """The cue of a sentence with a speaker set off by commas in the middle ("Climate change,
    Mr. Obama often says, is the greatest threat"): the speaker is the phrase between the
    comma and the verb, whatever the parse made the verb's subject."""
    verbs = speech_verbs()
    for k in range(low + 2, high - 1):
        w = words[k]
        if w.pos != "VERB" or w.lemma not in verbs or words[k + 1].text != ",":
            continue
        run = run_before(words, k, low)
        if run is not None and run[0] > low and words[run[0] - 1].text == ",":
            return Cue(w.text, k, run[1] - 1, run, (low, high), True)
    return None


def is_joint_run(words, i: int, j: int) -> bool:
    """Whether ``words[i:j]`` are speakers' names joined by "and" ("Burton and Nick")."""
    parts = [w for w in words[i:j] if w.pos != "CCONJ"]
    return any(w.pos == "CCONJ" for w in words[i:j]) and all(w.pos in ("PROPN", "NOUN", "DET") for w in parts) \
        and words[j - 1].pos in ("PROPN", "NOUN")


def tail_cue(words, kids, low: int, high: int, joint: bool = False) -> Cue | None:
    """The cue of a sentence that ends in "..., X said" or "... said X" (at most
    ``TAIL_WORDS`` words after the verb: "X told Rudaw", "X said on Sunday"), read from the
    words beside the verb rather than the parse, which often errs on long sentences without
    commas.  None when the sentence does not end so."""
    verbs = speech_verbs()
    spoken = [k for k in range(low, high) if words[k].pos != "PUNCT"]
    if not spoken:
        return None
    end = spoken[-1] + 1
    for k in reversed(spoken):
        if end - k - 1 > TAIL_WORDS:
            return None
        w = words[k]
        # a verb of saying right after a quotation's closing mark may be mistagged a noun
        # ("“...,” insists Marta Kowalski")
        verb = w.pos == "VERB" or w.pos == "NOUN" and k > low and words[k - 1].pos == "PUNCT"
        if not verb or w.lemma not in verbs or denied_before(words, k, low):
            continue
        inverts = w.lemma in voice_words()["inverting_verbs"] or k > low and words[k - 1].pos == "PUNCT" \
            and w.lemma not in voice_words()["listener_verbs"]
        # "... attacks said Kirkuki.": a name after the verb to the sentence's end is its speaker,
        # however the parse attached the verb
        signed = inverts and 0 < end - k - 1 <= 3 and all(x.pos == "PROPN" for x in words[k + 1 : end])
        if not signed and (any(words[c].dep in ("mark", "aux:pass") for c in kids[k]) or base(w.dep) == "acl"
                           or k + 1 < high and words[k + 1].lower == "by"):
            return None  # the last verb is inside a clause, not the sentence's own cue
        if inverts and 0 < end - k - 1 <= 6 and words[k + 1].pos in ("DET", "PROPN", "NOUN", "ADJ", "PRON"):
            if is_speaker_run(words, k + 1, end):
                return Cue(w.text, k, end - 1, (k + 1, end), (low, k), True)
            if joint and is_joint_run(words, k + 1, end):
                return Cue(w.text, k, end - 1, (k + 1, end), (low, k), True, True)
        run = run_before(words, k, low)
        if run is not None and words[run[1] - 1].lemma in speech_nouns():
            return None  # "Tom Baker's statement called ...": the noun of speech names the speaker
        if run is not None:
            content = (low, run[0]) if run[0] > low else (k + 1, high)
            return Cue(w.text, k, run[1] - 1, run, content if content[0] < content[1] else None, True)
        return None
    return None


@dataclass(frozen=True)
class Pending:
    """A sentence whose main-clause subjects are not read yet (it is not parsed): sentence
    ``index`` of ``parsed``, noted when the resolver had heard ``known`` voices."""

    parsed: object  # tokens.ParsedSentences
    index: int
    known: int


class SpeakerResolver:
    """Turns the words naming a speaker into a ``Voice``, remembering earlier speakers."""

    def __init__(self, text: str, matches: list[Match], dictionary: Dictionary):
        self.text = text
        self.matches = matches  # in reading order, not overlapping
        self.starts = [m.start for m in matches]
        self.starts_set = frozenset(self.starts)
        self.dictionary = dictionary
        self.history: list[Voice] = []
        self.people: list[Voice] = []  # people who spoke or were the subject of a main clause, in order

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
        words = [w.lower().replace("’", "'") for w in words_in(phrase)]
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
            # the last person who spoke or was the subject of a main clause ("Obama vetoed the
            # bill. ... he said" is Obama, whoever spoke before)
            return self.last_person()
        if len(words) == 1 and words[0] in GROUP_PRONOUNS:
            return self.last(lambda v: v.kind in ("group", "outlet"))
        capitalised = [w for w in words_in(phrase) if len(w) > 1 and "A" <= w[0] <= "Z"]
        if not inside and not capitalised or (words[0] == "the" and not inside):
            # a description referring back: "the spokesman", "the Observatory"
            head = words[-1]
            earlier = self.last(lambda v: head in v.phrase.lower() or head in v.name.lower())
            if earlier is not None or words[0] == "the":
                return earlier
        if inside:
            return self.remember(self.group_voice(inside[-1], words, phrase))
        if len(capitalised) == 1 and len(words) == 1 and words[0] not in time_words():
            # a surname met before ("Katicha noted"), or a new one-word name
            earlier = self.last(lambda v: v.kind == "person" and v.name.split()[-1] == capitalised[0])
            return earlier or self.remember(Voice(capitalised[0], "person", None, phrase))
        if len(capitalised) >= 2 and not any(w in voice_words()["source_nouns"] for w in words):
            while len(capitalised) > 1 and capitalised[0].lower().rstrip(".") in title_words():
                capitalised = capitalised[1:]  # "Rep. Jim Clyburn", "Former President Bill Clinton"
            return self.remember(Voice(" ".join(capitalised), "person", None, phrase))
        if any(w in voice_words()["source_nouns"] for w in words) and len(words) <= 4:
            return self.remember(Voice(re.sub(r"^(?:the|The|some|Some)\s+", "", phrase), "group", None, phrase))
        return None

    def group_voice(self, match: Match, words: list[str], phrase: str) -> Voice:
        """A party speaking as a body: "Syria", "Russian Foreign Ministry", "Syrian government"."""
        party = match.alias.party
        rest = words_in(self.text[match.end : match.end + 60].split(",")[0])[:3]
        body = [w for w in rest if w.lower() in title_words() | voice_words()["source_nouns"] and w.lower() not in voice_words()["name_joiners"]]
        if match.alias.via == "generic" and match.alias.entry == "government":
            # "the regime", "government forces" speak as the government; "the army" as the army
            body = "army" if match.alias.text.lower() == "army" else "government"
            return Voice(f"{self.adjective(party)} {body}", "group", party, phrase)
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
        country = outlet_countries(self.dictionary).get(outlet)
        return country if isinstance(country, str) and country else None

    def remember(self, voice: Voice) -> Voice:
        self.history.append(voice)
        if voice.kind == "person":
            self.people.append(voice)
        return voice

    def last(self, fits) -> Voice | None:
        return next((v for v in reversed(self.history) if fits(v)), None)

    def last_person(self) -> Voice | None:
        """The last person who spoke or was the subject of a main clause: the people noted from
        sentences not parsed yet (``note_subjects``) are read now, the latest first, until one
        gives a person."""
        while self.people and isinstance(self.people[-1], Pending):
            pending = self.people.pop()
            found = self.subjects(pending.parsed[pending.index], pending.known)
            self.people += found  # after the call: ``subjects`` rebinds ``self.people``
        return self.people[-1] if self.people else None

    def note_subjects(self, parsed, k: int) -> None:
        """Remember the people named as the subject of a main clause in sentence ``k`` of
        ``parsed`` (``tokens.ParsedSentences``), for a later "he" or "she".  A sentence not
        parsed yet is noted as ``Pending`` and read only if a "he" or "she" comes to it."""
        if parsed.is_parsed(k):
            found = self.subjects(parsed[k], len(self.history))
            self.people += found  # after the call: ``subjects`` rebinds ``self.people``
        else:
            self.people.append(Pending(parsed, k, len(self.history)))

    def subjects(self, words, known: int) -> list[Voice]:
        """The people named as the subject of a main clause in one parsed sentence, resolved as
        when only the first ``known`` voices of the history had been heard."""
        kids = child_lists(words)
        found = []
        for k, w in enumerate(words):
            main = w.head >= 0 and (words[w.head].dep == "root" or base(words[w.head].dep) == "conj"
                                    and words[words[w.head].head].dep == "root")
            if base(w.dep) == "nsubj" and w.pos == "PROPN" and main and w.lower not in time_words():
                i, j = name_span(words, kids, k)
                span = (words[i].start, words[j - 1].end)
                saved = self.history, list(self.people)
                self.history = saved[0][:known]
                voice = self.resolve(*span)
                self.history, self.people = saved
                if voice is not None and voice.kind == "person":
                    found.append(voice)
                    self.people.append(voice)
        del self.people[len(self.people) - len(found):]
        return found


# --- attribution within one sentence ------------------------------------------------------


def find_attribution(words, resolver: SpeakerResolver, remember: bool = True, low: int = 0,
                     high: int | None = None, outside: tuple[int, int] | None = None, joint: bool = False):
    """The source one parsed sentence reports, or None.

    ``words`` are the sentence's words (``tokens.parsed_sentences``); only cues among
    ``words[low:high]`` count, and none inside the text span ``outside`` (a quotation's own
    words).  Returns ``(voice, cue words, speaker span, content span, is_subject)``, spans in
    ``article.text`` coordinates, the content span None when the cue has no complement.

    With ``remember=False`` the speakers found are not added to the resolver's history (a look
    ahead, not a reading).
    """
    if not remember:
        saved = list(resolver.history), list(resolver.people)
        try:
            return find_attribution(words, resolver, True, low, high, outside, joint)
        finally:
            resolver.history, resolver.people = saved
    for cue in find_cues(words, low, high, joint):
        if outside and outside[0] <= words[cue.cue_index].start < outside[1]:
            continue
        i, j = cue.name
        span = (words[i].start, words[j - 1].end)
        if cue.joint:
            phrase = re.sub(r"^(?:the|both)\s+", "", " ".join(resolver.text[span[0] : span[1]].split()), flags=re.I)
            voice = resolver.remember(Voice(phrase, "group", None, phrase))
        else:
            voice = refer_back(words, cue, resolver) or resolver.resolve(*span) or describe(words, cue, span, resolver)
        if voice is None:
            continue
        content = (words[cue.content[0]].start, words[cue.content[1] - 1].end) if cue.content else None
        return voice, cue.cue, span, content, cue.is_subject
    return None


def reported(parsed, k: int, resolver: "SpeakerResolver", **options):
    """``find_attribution`` on sentence ``k`` of ``parsed`` (``tokens.ParsedSentences``, with its
    ``options``), parsing the sentence only if it can hold a cue (``may_report``)."""
    if not may_report(parsed.plain(k), parsed.pipeline):
        return None
    return find_attribution(parsed[k], resolver, **options)


def refer_back(words, cue: Cue, resolver: "SpeakerResolver") -> Voice | None:
    """The earlier speaker a definite description stands for, or None.

    "The spokesman" (a title, ``data/titles.txt``) is the last person who spoke; "the monitor",
    "the agency" (``data/voice_words.yml``) the last outlet or group, when an earlier speaker's own
    words do not hold the noun and the dictionary does not name the head word itself.
    """
    head = words[cue.speaker]
    if words[cue.name[0]].lower not in ("the", "this", "that") or resolver.matches_in(head.start, head.end):
        return None
    # "group", "agency", "party" are also title words (they join a party word to a person's
    # name): a body's noun refers to a body first
    if head.lower in voice_words()["referring_nouns"]:
        fits = lambda v: v.kind in ("outlet", "group")  # noqa: E731
    elif head.lower in title_words():
        fits = lambda v: v.kind == "person"  # noqa: E731
    else:
        return None
    own = resolver.last(lambda v: v != AUTHOR and head.lower in v.phrase.lower().split())
    earlier = own or resolver.last(fits)
    return resolver.remember(earlier) if earlier is not None else None


def describe(words, cue: Cue, span: tuple[int, int], resolver: "SpeakerResolver") -> Voice | None:
    """A voice for a speaker the dictionary does not know: its own words ("his lawyer",
    "Foreign policy analysts"), a person when its head is a proper name.  An unresolved "he"
    or "she" is kept as the pronoun, so the sentence still counts as reported speech."""
    head = words[cue.speaker]
    phrase = " ".join(resolver.text[span[0] : span[1]].split())
    phrase = re.sub(r"^(?:the|a|an|some)\s+", "", phrase, flags=re.I)
    if not phrase or head.pos == "PRON" and head.lower in AUTHOR_PRONOUNS:
        return None
    if head.pos == "PRON" and head.lower not in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None
    if head.pos == "PROPN":
        # a person by the proper names that end the phrase ("spokesman Jason Miller" -> Jason Miller)
        i, j = cue.name
        first = j
        while first > i and words[first - 1].pos == "PROPN":
            first -= 1
        while first < j - 1 and words[first].lower.rstrip(".") in title_words():
            first += 1  # "Rep. Jim Clyburn" -> Jim Clyburn
        name = " ".join(w.text for w in words[first:j]) if first < j else phrase
        earlier = resolver.last(lambda v: v.kind == "person" and v.name.split()[-1] == name.split()[-1])
        if earlier is not None and len(name.split()) < len(earlier.name.split()):
            return resolver.remember(earlier)
        return resolver.remember(Voice(name, "person", None, phrase))
    bodies = voice_words()["referring_nouns"] | voice_words()["source_nouns"]
    kind = "person" if head.lower in PERSON_PRONOUNS or head.lower in title_words() - bodies else "group"
    proper = re.match(r"((?:[A-Z][\w'’.-]*\s+){1,}[A-Z][\w'’.-]*)(?:\s+[a-z][\w-]*)+$", phrase)
    name = proper.group(1) if proper else phrase  # "the Civil Defence service" -> Civil Defence
    return resolver.remember(Voice(name, kind, None, phrase))


# --- the article --------------------------------------------------------------------------


def attribute_voices(article: Article, dictionary: Dictionary | None = None) -> pd.DataFrame:
    """One row per sentence with the voice that speaks in it.

    Columns: ``sentence_id``, ``voice`` ("author" or the source's name), ``voice_kind``
    (author, person, outlet, group), ``voice_party`` (the party the voice speaks for, or empty),
    ``cue`` (what attributed it: "quote", "according to", the reporting verb, "colon", "dash",
    "passage: <intro verb>", or empty for the author), ``quote_start``/``quote_end`` (raw
    offsets of the quotation the sentence is in, or -1), ``speaker_start``/``speaker_end`` (raw
    offsets of the words naming the speaker, where this sentence names it, or -1),
    ``content_start``/``content_end`` (raw offsets of what is attributed: the quotation, the
    cue's complement, or the sentence; -1 for the author).
    """
    dictionary = dictionary or load_dictionary()
    text = article.text
    spans = sentence_spans(article)
    parsed = parsed_sentences(article)
    matches = find_matches(article, dictionary)
    resolver = SpeakerResolver(text, matches, dictionary)
    quotes = find_quotations(text)
    # per sentence: (voice, cue, quotation span, span naming the speaker, content span)
    voices: list[tuple] = [(AUTHOR, "", None, None, None)] * len(spans)

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
        if word_count(text[q[0] : q[1]]) >= MIN_QUOTE_WORDS:
            quoted.update(touched)
        first_block = max(bisect.bisect_right(block_starts, q[0]) - 1, 0)
        for b in article.blocks[first_block : bisect.bisect_left(block_starts, q[1])]:
            quotes_of_block.setdefault(b.block_id, []).append(q)
    first_in_passage = False
    last_quote: tuple | None = None  # (block id, speaker, named) of the last attributed quotation
    for k, (block_id, s, e) in enumerate(spans):
        for q in opening.get(k, []):  # quotations opening in this sentence: find their speaker now
            assign_quote(text, spans, parsed, sentence_starts, q, resolver, quote_speakers)
        block = blocks[block_id]
        starts_block = k == 0 or block_of[k - 1] != block_id
        if starts_block:
            block_voice = block_speaker(article, block, parsed, sentences_of[block_id], resolver)
            if block_voice is not None:
                for j in sentences_of[block_id]:
                    quote_speakers.setdefault(j, block_voice)
        if starts_block and passage is not None:
            block_sentences = sentences_of[block_id]
            quoted_block = any(j in quoted for j in block_sentences)
            attributed = any(reported(parsed, j, resolver, remember=False) for j in block_sentences)
            own_text = outside_quotes(text, block.text_start, block.text_end, quotes_of_block.get(block_id, []))
            first_person = re.search(r"\b(?:We|we|I|our|Our)\b", own_text)
            if block.kind in ("title", "heading") or first_person or not (first_in_passage or quoted_block or attributed):
                passage = None
            first_in_passage = False
        if k in quote_speakers:
            speaker, cue, q, named = quote_speakers[k]
            voices[k] = (speaker, cue, q, named, q)
            if cue == "quote":
                last_quote = (block_id, speaker, q)
        else:
            within = next((q for q in quotes_of_block.get(block_id, []) if q[0] <= s and e <= q[1] + 1), None)
            # a sentence wholly inside a quotation that goes on after an attributed one: its cues
            # are the quoted speaker's own words
            going_on = within and last_quote and last_quote[0] == block_id
            found = None if going_on else reported(parsed, k, resolver)
            inside = next((q for q in quotes_of_block.get(block_id, []) if q[0] < e and s < q[1]), None)
            if found:
                short = word_count(text[inside[0] : inside[1]]) < MIN_QUOTE_WORDS if inside else True
                voices[k] = (found[0], found[1], None if short else inside, found[2], found[3])
            elif inside and last_quote and last_quote[0] == block_id \
                    and (within or word_count(text[inside[0] : inside[1]]) >= MIN_QUOTE_WORDS):
                # a quotation going on after an attributed one in the same paragraph
                voices[k] = (last_quote[1], "quote", inside, None, inside)
            elif passage is not None and passage != AUTHOR:
                voices[k] = (passage, passage_cue, None, None, None)
        resolver.note_subjects(parsed, k)
        ends_block = k == len(spans) - 1 or block_of[k + 1] != block_id
        if ends_block and text[s:e].rstrip().endswith(":") and block.kind not in ("title", "heading"):
            intro = introduction_speaker(parsed, k, resolver)
            if intro is not None:
                passage, passage_cue, first_in_passage = intro[0], f"passage: {intro[1]}", True
                if intro[2]:  # the speaker is the subject of the introduction: its voice too
                    voices[k] = (intro[0], intro[1], None, intro[3], None) if intro[0] != AUTHOR else (AUTHOR, "", None, None, None)
                elif k not in quote_speakers:
                    voices[k] = (AUTHOR, "", None, None, None)
    return voices_table(article, voices, spans)


def touched_sentences(spans, starts: list[int], q: tuple[int, int]) -> list[int]:
    """Indexes of the sentences that quotation ``q`` overlaps; ``starts`` are the sentences' starts."""
    first = max(bisect.bisect_right(starts, q[0]) - 1, 0)
    last = bisect.bisect_left(starts, q[1])
    return [k for k in range(first, last) if spans[k][1] < q[1] and q[0] < spans[k][2]]


def assign_quote(text: str, spans, parsed, starts: list[int], q: tuple[int, int], resolver: "SpeakerResolver",
                 quote_speakers: dict) -> None:
    """Give every sentence that quotation ``q`` touches the quotation's speaker, if one is named.

    The speaker is the source of a cue outside the quotation in a sentence it touches (where
    it closes first: "“...,” X said"), else of a cue before it that ends in a comma or colon
    ("X said: “...”"), else a dash and a name right after it ("“...” — X").  A quotation of
    fewer than four words counts only as an utterance ("“We will win,”", not "“crushing
    revenge”") with its cue right beside it (scare quotes do not).
    """
    touched = touched_sentences(spans, starts, q)
    if not touched:
        return
    short = word_count(text[q[0] : q[1]]) < MIN_QUOTE_WORDS
    found = None
    for k in reversed(touched):  # the speaker is usually named where the quotation closes
        found = reported(parsed, k, resolver, outside=q, joint=True)
        if found and short and not (beside(text, q, found) and utterance(text, q)):
            found = None
        if found:
            break
    if found is None:
        before = text[spans[touched[0]][1] : q[0]].rstrip()
        if before.endswith((",", ":")):  # "X said: “...”"
            high = sum(1 for w in parsed.plain(touched[0]) if w.end <= q[0])
            found = reported(parsed, touched[0], resolver, high=high)
    if found is None and not short:
        found = dash_speaker(text, q, [w for k in touched[-1:] + [touched[-1] + 1] if k < len(parsed)
                                       for w in parsed.plain(k)], resolver)
    if found is not None:
        signed = [k for k in range(touched[-1] + 1, min(touched[-1] + 2, len(spans)))
                  if found[1] == "dash" and spans[k][1] <= found[2][0] < spans[k][2]
                  and not text[found[2][1] : spans[k][2]].strip(" .\xa0")]
        for k in touched + signed:  # a signature line of its own is the speaker's too
            quote_speakers.setdefault(k, (found[0], "quote", q, found[2]))


def utterance(text: str, q: tuple[int, int]) -> bool:
    """Whether quotation ``q`` ends as an utterance does, with a mark inside the quotes ("“We
    will win,”"), not as a quoted phrase ("“crushing revenge”")."""
    inner = text[q[0] : q[1]].rstrip("”»\"' ")
    return inner.endswith((",", ".", "!", "?", "…"))


def beside(text: str, q: tuple[int, int], found) -> bool:
    """Whether the speaker named is within a few words of the quotation."""
    gap = text[q[1] : found[2][0]] if found[2][0] >= q[1] else text[found[2][1] : q[0]]
    return word_count(gap) <= 1


DASHES = frozenset("―—–-")
MAX_SIGNATURE_WORDS = 6


def signature_words(text: str, words) -> list:
    """The tokens of a name that opens ``words``: capitalised tokens on one line, with the
    lower-case particles of ``data/name_particles.txt`` between them ("Jane Roe", "J. de la
    Roe"), at most ``MAX_SIGNATURE_WORDS``; empty when ``words`` opens with no capital."""
    name = []
    for w in words[:MAX_SIGNATURE_WORDS]:
        capital = w.text[:1].isupper()
        if name and not spaced_apart(text, name[-1], w) or not (capital or name and w.text in name_particles()):
            break
        name.append(w)
    while name and not name[-1].text[:1].isupper():
        name.pop()
    return name


def dash_speaker(text: str, q: tuple[int, int], words, resolver: "SpeakerResolver"):
    """``(voice, cue, span, None, True)`` for a quotation signed with a dash and a name at the
    end of its line or before the next quotation ("“...” ― Veronica Cruz"), else None.
    ``words`` are the tokens of the sentences from where ``q`` closes on."""
    after = [w for w in words if w.start >= q[1]]
    if len(after) < 2 or not set(after[0].text) <= DASHES or not on_one_line(text, q[1], after[0].start) \
            or not on_one_line(text, after[0].end, after[1].start):
        return None
    name = signature_words(text, after[1:])
    if not name:
        return None
    end = name[-1].end
    rest = after[1 + len(name) :]
    if rest and rest[0].text == "." and rest[0].start == end:
        end = rest[0].end
    following = text[end:].lstrip(" \t\xa0")
    if following and not following.startswith(("\n", "“", '"', "«")):
        return None
    span = (name[0].start, name[-1].end)
    written = text[span[0] : span[1]]
    voice = resolver.resolve(*span) or resolver.remember(Voice(written, "person", None, written))
    return voice, "dash", span, None, True


@lru_cache(maxsize=1)
def label_words() -> frozenset[str]:
    """Words that label a line rather than name a speaker ("Update:", "Photo:")."""
    return read_word_list("colon_labels.txt")


OPENING_QUOTES = frozenset({'"', "“", "'", "‘"})
MAX_LABEL_WORDS = 4


def block_speaker(article: Article, block, parsed, sentence_ids: list[int], resolver: "SpeakerResolver"):
    """``(voice, "colon", None, span)`` for a block that opens with a name and a colon
    ("PENCE: Well, look ...", "Pat Caddell: Democrat Voters Worried"), else None: every
    sentence of the block is that speaker's.  The name is up to ``MAX_LABEL_WORDS`` capitalised
    tokens on one line, each a proper noun or in capitals, not a label ("Update:", ``data/
    colon_labels.txt``), followed by the colon and, on the same line, more text."""
    if block.kind not in ("paragraph", "quote", "title", "heading") or not sentence_ids:
        return None
    text = article.text
    words = parsed.plain(sentence_ids[0])  # parsed below only if the line opens with a name and a colon
    if not words or not on_one_line(text, block.text_start, words[0].start):
        return None
    skip = 1 if words[0].text in OPENING_QUOTES else 0
    words = words[skip:]
    colon = next((k for k, w in enumerate(words[: MAX_LABEL_WORDS + 1]) if w.text == ":"), None)
    if not colon:
        return None
    name = words[:colon]
    after = words[colon + 1] if colon + 1 < len(words) else None
    if not all(w.text[:1].isupper() for w in name) or any(not spaced_apart(text, a, b) for a, b in zip(name, name[1:])) \
            or not on_one_line(text, name[-1].end, words[colon].start) \
            or after is None or not spaced_apart(text, words[colon], after):
        return None
    if any(w.text.lower().strip(".") in label_words() for w in name):
        return None
    tags = [w.pos for w in parsed[sentence_ids[0]][skip : skip + colon]]
    if not all(pos == "PROPN" or w.text.isupper() for w, pos in zip(name, tags) if w.text[:1].isalpha()):
        return None
    span = (name[0].start, name[-1].end)
    written = text[span[0] : span[1]]
    voice = resolver.resolve(*span)
    if voice is None or voice == AUTHOR:
        voice = resolver.remember(Voice(" ".join(written.split()), "person", None, written))
    return voice, "colon", None, span


def outside_quotes(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with quotations blanked out."""
    chars = list(text[start:end])
    for a, b in quotes:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def introduction_speaker(parsed, k: int, resolver: SpeakerResolver):
    """The source of the passage sentence ``k`` of ``parsed``, ending in ":", introduces, and
    whether it is its subject.

    Returns ``(voice, cue, is_subject, span)`` or None when the line introduces no source.
    """
    found = reported(parsed, k, resolver)
    if found is None:
        return None
    return found[0], found[1], found[4], found[2]


def voices_table(article: Article, voices, spans) -> pd.DataFrame:
    rows = []
    for k, (voice, cue, quote, named, content) in enumerate(voices):
        qs, qe = article.raw_span(*quote) if quote else (-1, -1)
        ss, se = article.raw_span(*named) if named and voice != AUTHOR else (-1, -1)
        if voice == AUTHOR:
            cs, ce = -1, -1
        else:
            a, b = spans[k][1:]
            cs, ce = article.raw_span(*(content or (a, b)))
        rows.append((k, voice.name, voice.kind, voice.party or "", cue, qs, qe, ss, se, cs, ce))
    return records_frame(rows, VOICE_COLUMNS)


def sentence_offset_rows(article: Article, voices: pd.DataFrame) -> list[tuple]:
    """The rows of ``voices`` as tuples of ``SENTENCE_VOICE_COLUMNS``: each sentence's
    ``start``/``end`` (raw offsets) after ``sentence_id``, then its voice columns; the corpus'
    voices table, readable without the sentences table."""
    spans = [article.raw_span(s, e) for _, s, e in sentence_spans(article)]
    ids = voices["sentence_id"].tolist()
    rest = [voices[column].tolist() for column in VOICE_COLUMNS[1:]]
    return [(k, *spans[k], *values) for k, *values in zip(ids, *rest)]


def voice_rows(table: pd.DataFrame, voices: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The rows of ``add_voice(table, voices)`` as tuples of ``columns`` of ``table`` and then
    ``voice``, without building the table."""
    position = {s: k for k, s in enumerate(voices["sentence_id"].tolist())}
    spoken = voices["voice"].tolist()
    said = [None if k is None else spoken[k] for k in map(position.get, table["sentence_id"].tolist())]
    return list(zip(*[table[column].tolist() for column in columns], said))


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
