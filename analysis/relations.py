"""Relations a text asserts between parties: who cooperates with, backs, joins or attacks whom.

Relations come from cue patterns in ``data/relations.yml`` (editable data; its header explains
the format), read over the words of each sentence that mentions two or more parties: for each
cue ("attack* on", "backed by", "delivery ... to"), the nearest party mention on each side of
the cue (within a few words) is paired, in the direction the pattern says.  No parser: only
words, mentions and a handful of rules.

- Questions are skipped ("Has Russia Joined the Axis of Resistance?" asserts nothing).
- A mention that only names a place (``location``) is never a source, and is a target only
  right after the cue ("attacks on Israel's Golan"; not "an attack on a convoy in ..., Syria").
- A party is never paired with itself; ";" and ":" end the search for a party on either side.
- When cues overlap, the one spanning more words wins ("its ... proxy" over "proxy").

Coalition membership also comes from the actor dictionary (``coalition_relations``), and
``alignment`` sums the relations into a signed party × party score; ``alignment_graph`` turns
that into a ``networkx`` graph.
"""
from __future__ import annotations

import fnmatch
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .actors import read_yaml, article_span
from .article import Article
from .frames import grouped_rows, records_frame
from .paths import DATA_DIR
from .tokens import plain_sentences, sentence_spans

DEFAULT_PATTERNS = DATA_DIR / "relations.yml"
RELATION_COLUMNS = ["sentence_id", "source_party", "relation", "target_party", "polarity", "voice", "evidence"]
RELATION_DTYPES = {"sentence_id": "int64", "polarity": "int64"}  # declared; the rest inferred
ALIGNMENT_COLUMNS = ["party_a", "party_b", "score", "n_relations", "relations"]
POLARITY = {"cooperation": 1, "alliance": 1, "membership": 1, "hostility": -1}
SIDES = ("before", "after", "inside")
PATTERN_KEYS = {"cue", "relation", "polarity", "source", "target", "passive", "window", "list"}
FILE_KEYS = {"window", "max_gap", "patterns"}
GAP = "..."
STANCE_WEIGHT = 0.5  # one stance observation: +0.5 (favor) or -0.5 (against)
DICTIONARY_VOICE = "dictionary"  # the voice of membership rows taken from the dictionary
# Words and punctuation; quotes are left out so that "“crushing revenge” for" reads "revenge for".
QUOTE_MARKS = frozenset(['"', "'", "“", "”", "‘", "’", "«", "»", "„", "''", "``"])
BARRIERS = {";", ":"}
GAP_STOPS = {",", ";", ":", ".", "!", "?", "(", ")", "[", "]"}
DETERMINERS = {"the", "a", "an"}
LIST_WORDS = 3  # most other words between two items of a list
LIST_JOINERS = {",", "and", "or", "as", "well", "also", "possibly", "both", "its", "their", "the"}


@dataclass(frozen=True)
class Pattern:
    """One relation cue: its words, relation, polarity and direction rule."""

    cue: str
    parts: tuple[str, ...]  # cue words (globs) and "..." gaps
    relation: str
    polarity: int
    source: str  # before | after | inside
    target: str
    window: tuple[int, int]  # most words between the cue and a mention before it, after it
    list: bool


@dataclass(frozen=True)
class PatternSet:
    """The loaded pattern file: its patterns and the longest gap "..." stands for."""

    patterns: tuple[Pattern, ...]
    max_gap: int
    path: str


# --- the pattern file -----------------------------------------------------------------------


def load_relation_patterns(path=None) -> PatternSet:
    """Load and validate relation patterns (default ``data/relations.yml``) with ``yaml.safe_load``.

    Raises ``ValueError`` naming the file and the entry on a YAML error, an unknown key, an
    unknown relation, a polarity that is not +1/-1 or does not fit the relation, a bad side,
    window or cue.
    """
    path = Path(path) if path is not None else DEFAULT_PATTERNS
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as err:
        raise ValueError(f"{path}: cannot be read ({err})") from None
    return load_pattern_file(str(path), mtime)


@lru_cache(maxsize=8)
def load_pattern_file(path: str, mtime_ns: int) -> PatternSet:
    """Parse and validate a pattern file; cached until the file changes."""
    try:
        data = read_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: cannot be read ({err})") from None
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML: {err}") from None
    return build_patterns(data, path)


def build_patterns(data, path: str = "<patterns>") -> PatternSet:
    """Validate parsed pattern data (see ``load_relation_patterns``) and build a ``PatternSet``."""

    def fail(where: str, problem: str):
        raise ValueError(f"{path}: {where}: {problem}")

    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        fail("top level", "expected a mapping with a 'patterns' list")
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        fail("top level", f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(FILE_KEYS))}")
    window = positive_int(data.get("window", 8), "top level: window", fail)
    max_gap = positive_int(data.get("max_gap", 8), "top level: max_gap", fail)
    patterns = [build_pattern(entry, n, window, fail) for n, entry in enumerate(data["patterns"])]
    return PatternSet(tuple(patterns), max_gap, path)


def build_pattern(entry, n: int, window: int, fail) -> Pattern:
    """One validated pattern; ``fail(where, problem)`` raises."""
    where = f"patterns[{n}]" + (f" ({entry.get('cue')!r})" if isinstance(entry, dict) and entry.get("cue") else "")
    if not isinstance(entry, dict):
        fail(where, "expected a mapping of keys")
    unknown = sorted(set(entry) - PATTERN_KEYS)
    if unknown:
        fail(where, f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(PATTERN_KEYS))}")
    cue = entry.get("cue")
    if not isinstance(cue, str) or not cue.strip():
        fail(where, "missing 'cue'")
    if cue != cue.lower():
        fail(where, "the cue must be lower case")
    parts = tuple(cue.split())
    if parts[0] == GAP or parts[-1] == GAP or any(a == b == GAP for a, b in zip(parts, parts[1:])):
        fail(where, f"{GAP!r} must stand between two cue words")
    relation = entry.get("relation")
    if relation not in POLARITY:
        fail(where, f"unknown relation {relation!r}; expected one of {', '.join(POLARITY)}")
    polarity = entry.get("polarity")
    if isinstance(polarity, bool) or polarity not in (1, -1):
        fail(where, f"polarity must be +1 or -1, not {polarity!r}")
    if polarity != POLARITY[relation]:
        fail(where, f"polarity of {relation} is {POLARITY[relation]:+d}, not {polarity:+d}")
    source, target = entry.get("source", "before"), entry.get("target", "after")
    for key, side in (("source", source), ("target", target)):
        if side not in SIDES:
            fail(where, f"{key} must be one of {', '.join(SIDES)}, not {side!r}")
    if "inside" in (source, target) and GAP not in parts:
        fail(where, f"'inside' needs a {GAP!r} gap in the cue")
    if source == target == "inside":
        fail(where, "source and target cannot both be inside")
    for key in ("passive", "list"):
        if not isinstance(entry.get(key, False), bool):
            fail(where, f"{key} must be true or false")
    if entry.get("passive", False):
        source, target = target, source
    return Pattern(cue, parts, relation, polarity, source, target,
                   pattern_window(entry.get("window", window), f"{where}: window", fail), entry.get("list", False))


def pattern_window(value, where: str, fail) -> tuple[int, int]:
    """``(before, after)`` word limits from ``n`` or ``[before, after]``."""
    if isinstance(value, list):
        if len(value) != 2:
            fail(where, "must be a number of words or [before, after]")
        return positive_int(value[0], where, fail), positive_int(value[1], where, fail)
    n = positive_int(value, where, fail)
    return n, n


def positive_int(value, where: str, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        fail(where, f"must be a whole number of words, 1 or more, not {value!r}")
    return value


# --- sentences as words and mentions --------------------------------------------------------


@dataclass
class Token:
    start: int  # offsets into article.text
    end: int
    lower: str  # lower case, straight apostrophe
    word: bool  # False for punctuation
    mention: int | None = None  # index (into the sentence's mention list) of the mention it is part of


@dataclass(frozen=True)
class Place:
    """One mention within a sentence: its party, tokens and text span."""

    party: str
    first: int  # token indices
    last: int
    start: int  # offsets into article.text
    end: int
    location: bool
    adjective: bool


def sentence_tokens(text: str, words, spans: list[tuple[int, int]]) -> list[Token]:
    """The tokens of one sentence: its words from the token layer (``tokens.plain_sentences``;
    quotation marks left out, a possessive "'s" kept with its word), split at mention
    boundaries (``spans``, text offsets)."""
    cuts = sorted({c for s, e in spans for c in (s, e)})
    tokens = []
    for begin, finish in layer_spans(words):
        a = begin
        for cut in [c for c in cuts if begin < c < finish] + [finish]:
            piece = text[a:cut].lstrip("-").replace("’", "'").lower()
            if piece:
                tokens.append(Token(a, cut, piece, piece[0].isalnum() or piece[0] == "_"))
            a = cut
    return tokens


def layer_spans(words) -> list[tuple[int, int]]:
    """Text spans of a sentence's layer words, quotation marks dropped and a clitic ("'s",
    "n't") joined to the word it follows when nothing stands between them."""
    out: list[tuple[int, int]] = []
    for w in words:
        if w.text in QUOTE_MARKS:
            continue
        if out and out[-1][1] == w.start and w.text[:1] in "'’" and w.text[1:2].isalpha():
            out[-1] = (out[-1][0], w.end)
        else:
            out.append((w.start, w.end))
    return out


def sentence_places(article: Article, rows: list, tokens: list[Token]) -> list[Place]:
    """The mentions of one sentence (``analysis.frames.rows`` with ``start, end, party,
    location, via``) as ``Place``s, marking their tokens."""
    places = []
    for row in rows:
        start, end = article_span(article, row.start, row.end)
        inside = [k for k, t in enumerate(tokens) if start <= t.start and t.end <= end]
        if not inside:
            continue
        for k in inside:
            tokens[k].mention = len(places)
        places.append(Place(row.party, inside[0], inside[-1], start, end, bool(row.location), row.via == "adjective"))
    return places


# --- matching cues --------------------------------------------------------------------------


def match_cue(pattern: Pattern, tokens: list[Token], i: int, max_gap: int) -> list[int] | None:
    """Token indices of the cue words when ``pattern`` matches at token ``i``, else None.

    Cue words must be words outside any mention; a gap takes the fewest words that let the
    rest match, at most ``max_gap``, with no clause punctuation.
    """

    def word_fits(k: int, glob: str) -> bool:
        return k < len(tokens) and tokens[k].word and tokens[k].mention is None and fnmatch.fnmatchcase(tokens[k].lower, glob)

    def walk(k: int, p: int) -> list[int] | None:
        if p == len(pattern.parts):
            return []
        part = pattern.parts[p]
        if part != GAP:
            if not word_fits(k, part):
                return None
            rest = walk(k + 1, p + 1)
            return None if rest is None else [k, *rest]
        words = 0
        while k < len(tokens) and words <= max_gap:
            rest = walk(k, p + 1)
            if rest is not None:
                return rest
            if tokens[k].lower in GAP_STOPS:
                return None
            words += tokens[k].word
            k += 1
        return None

    return walk(i, 0)


@lru_cache(maxsize=8)
def first_word_index(patterns: PatternSet) -> tuple[dict[str, list[int]], list[int]]:
    """Pattern orders by first cue word: ``({word: [order...]}, [orders of glob first words])``."""
    exact: dict[str, list[int]] = {}
    globbed = []
    for order, pattern in enumerate(patterns.patterns):
        first = pattern.parts[0]
        if any(c in first for c in "*?["):
            globbed.append(order)
        else:
            exact.setdefault(first, []).append(order)
    return exact, globbed


@lru_cache(maxsize=65536)
def glob_candidates(word: str, globs: tuple[str, ...]) -> tuple[int, ...]:
    """Positions in ``globs`` of the globs that ``word`` fits."""
    return tuple(k for k, glob in enumerate(globs) if fnmatch.fnmatchcase(word, glob))


def find_cues(patterns: PatternSet, tokens: list[Token]) -> list[tuple[Pattern, list[int]]]:
    """The cue matches of a sentence; where two overlap, the one spanning more tokens wins.

    Only the patterns whose first cue word fits a token are tried at that token.
    """
    exact, globbed = first_word_index(patterns)
    globs = tuple(patterns.patterns[order].parts[0] for order in globbed)
    found = []
    for i, token in enumerate(tokens):
        if not token.word or token.mention is not None:
            continue
        orders = exact.get(token.lower, []) + [globbed[k] for k in glob_candidates(token.lower, globs)]
        for order in orders:
            pattern = patterns.patterns[order]
            cue = match_cue(pattern, tokens, i, patterns.max_gap)
            if cue:
                found.append((-(cue[-1] - cue[0]), -len(cue), order, i, pattern, cue))
    taken: set[int] = set()
    kept = []
    for *_, i, pattern, cue in sorted(found, key=lambda f: f[:4]):
        span = set(range(cue[0], cue[-1] + 1))
        if span & taken:
            continue
        taken |= span
        kept.append((pattern, cue))
    return sorted(kept, key=lambda m: m[1][0])


def words_between(tokens: list[Token], a: int, b: int) -> list[Token]:
    """Tokens strictly between token indices ``a`` and ``b``."""
    return tokens[a + 1 : b]


def distance(tokens: list[Token], a: int, b: int) -> int | None:
    """Words between token ``a`` and ``b`` (a < b); None when a ";" or ":" divides them."""
    between = words_between(tokens, a, b)
    if any(t.lower in BARRIERS for t in between):
        return None
    return sum(t.word for t in between)


def side_candidates(side: str, cue: list[int], places: list[Place], tokens: list[Token], window: tuple[int, int]) -> list[tuple[int, int]]:
    """``(distance, place index)`` of the mentions on one side of the cue within ``window``, nearest first."""
    limit = window[1] if side == "after" else window[0]
    out = []
    for n, place in enumerate(places):
        if side == "before" and place.last < cue[0]:
            d = distance(tokens, place.last, cue[0])
        elif side == "after" and place.first > cue[-1]:
            d = distance(tokens, cue[-1], place.first)
        elif side == "inside" and cue[0] < place.first and place.last < cue[-1]:
            d = 0
        else:
            continue
        if d is not None and d <= limit:
            out.append((d, n))
    return sorted(out, key=lambda c: (c[0], -c[1] if side == "before" else c[1]))


def eligible(place: Place, role: str, side: str, cue: list[int], tokens: list[Token]) -> bool:
    """A place name is never a source, and a target only right after the cue."""
    if not place.location:
        return True
    if role == "source" or side != "after":
        return False
    return all(t.lower in DETERMINERS for t in words_between(tokens, cue[-1], place.first))


def is_modifier(place: Place, tokens: list[Token]) -> bool:
    """An adjective mention directly before a noun ("Lebanese Shiite proxy"): not a list item."""
    after = place.last + 1
    return place.adjective and after < len(tokens) and tokens[after].word and tokens[after].lower not in LIST_JOINERS


def list_members(first: int, side: str, places: list[Place], tokens: list[Token], window: tuple[int, int]) -> list[int]:
    """The mentions listed together with ``places[first]`` on its side ("Syria, Iran and Hezbollah").

    The list runs away from the cue, up to ``window`` words past the first item, while between each next
    mention and the previous one there are only commas, list words ("and", "or", "its",
    "possibly"...) and at most ``LIST_WORDS`` other words ("its Lebanese Shiite proxy,",
    "Al Qaeda affiliate"); adjective mentions that modify a noun ("Lebanese Shiite proxy")
    and place names are passed over.
    """
    limit = window[1] if side == "after" else window[0]
    reach = 0
    members = [first]
    step = 1 if side == "after" else -1
    n = first + step
    while 0 <= n < len(places):
        a, b = (places[members[-1]].last, places[n].first) if step == 1 else (places[n].last, places[members[-1]].first)
        between = words_between(tokens, a, b)
        other = [t for t in between if t.word and t.mention is None and t.lower not in LIST_JOINERS]
        reach += sum(t.word for t in between) + 1
        if any(not t.word and t.lower not in {",", "-", "/"} for t in between) or len(other) > LIST_WORDS or reach > limit:
            break
        if not places[n].location and not is_modifier(places[n], tokens):
            members.append(n)
        n += step
    return members


def pair_places(pattern: Pattern, cue: list[int], places: list[Place], tokens: list[Token]) -> list[tuple[int, int]]:
    """``(source, target)`` place indices for one cue match, by the pattern's direction rule."""
    if pattern.source == pattern.target:  # both on one side: the two nearest, in reading order
        near = [n for _, n in side_candidates(pattern.source, cue, places, tokens, pattern.window)
                if eligible(places[n], "source", pattern.source, cue, tokens)][:2]
        return [tuple(sorted(near))] if len(near) == 2 else []
    chosen = {}
    for role, side in (("source", pattern.source), ("target", pattern.target)):
        near = [n for _, n in side_candidates(side, cue, places, tokens, pattern.window)
                if eligible(places[n], role, side, cue, tokens)]
        if not near:
            return []
        chosen[role] = list_members(near[0], side, places, tokens, pattern.window) if pattern.list and side != "inside" else near[:1]
    return [(s, t) for s in chosen["source"] for t in chosen["target"]]


def evidence_text(text: str, tokens: list[Token], cue: list[int], places: list[Place], pair) -> str:
    """``"cue words: visible text from the first party mention (or cue) to the last"``."""
    cue_words = []
    for k, index in enumerate(cue):
        if k and index > cue[k - 1] + 1:
            cue_words.append(GAP)
        cue_words.append(text[tokens[index].start : tokens[index].end])
    start = min(tokens[cue[0]].start, *(places[n].start for n in pair))
    end = max(tokens[cue[-1]].end, *(places[n].end for n in pair))
    return f"{' '.join(cue_words)}: {' '.join(text[start:end].split())}"


# --- relations ------------------------------------------------------------------------------


def find_relations(article: Article, mentions: pd.DataFrame, voices: pd.DataFrame | None = None,
                   patterns: PatternSet | None = None, dictionary=None) -> pd.DataFrame:
    """Relations the article asserts between parties, one row per sentence and party pair.

    Columns: ``sentence_id``, ``source_party`` (who acts), ``relation`` (cooperation,
    alliance, hostility, membership), ``target_party`` (who is acted on), ``polarity`` (+1,
    or -1 for hostility), ``voice`` (who says it: from ``voices``, ``attribute_voices``'s
    table; "author" when None), ``evidence`` ("cue words: the text from the first party to the
    last").  Sorted by sentence, source, relation, target; one row per sentence for each
    (source, relation, target), from the first cue that gives it.

    With a ``dictionary`` (``analysis.actors.Dictionary``), the membership rows of
    ``coalition_relations`` are added (sentence_id -1, voice "dictionary").
    """
    return relations_frame(relation_rows(article, mentions, voices, patterns, dictionary))


def relation_rows(article: Article, mentions: pd.DataFrame, voices: pd.DataFrame | None = None,
                  patterns: PatternSet | None = None, dictionary=None) -> list[tuple]:
    """The rows of ``find_relations``, as tuples of ``RELATION_COLUMNS`` in its order."""
    patterns = patterns or load_relation_patterns()
    voice_of = dict(zip(voices["sentence_id"].tolist(), voices["voice"].tolist())) if voices is not None else {}
    spans = sentence_spans(article)
    layer = plain_sentences(article)  # words and offsets only: no parse
    rows = []
    for sentence_id, group in grouped_rows(mentions, "sentence_id", "start", "end", "party", "location", "via").items():
        if len({row.party for row in group}) < 2:
            continue
        _, s, e = spans[sentence_id]
        if article.text[s:e].rstrip(" \"'”’)").endswith("?"):
            continue  # a question asserts nothing
        text_spans = [article_span(article, row.start, row.end) for row in group]
        tokens = sentence_tokens(article.text, layer[sentence_id], text_spans)
        places = sentence_places(article, group, tokens)
        for pattern, cue in find_cues(patterns, tokens):
            for pair in pair_places(pattern, cue, places, tokens):
                source, target = places[pair[0]].party, places[pair[1]].party
                if source == target:
                    continue
                rows.append((int(sentence_id), source, pattern.relation, target, pattern.polarity,
                             voice_of.get(sentence_id, "author"), evidence_text(article.text, tokens, cue, places, pair)))
    if dictionary is not None:
        rows = coalition_rows(mentions, dictionary) + rows
    return tidy_relation_rows(rows)


def tidy_relations(rows: list[tuple]) -> pd.DataFrame:
    """The relations table of ``RELATION_COLUMNS`` tuples: repeated (sentence, source, relation,
    target) rows dropped (the first kept), sorted by those four, integer ids and polarity."""
    return relations_frame(tidy_relation_rows(rows))


def tidy_relation_rows(rows: list[tuple]) -> list[tuple]:
    """``rows`` without repeated (sentence, source, relation, target), the first kept, sorted by those four."""
    first: dict[tuple, tuple] = {}
    for row in rows:
        first.setdefault(tuple(row[:4]), row)
    return [first[key] for key in sorted(first)]


def relations_frame(rows: list[tuple]) -> pd.DataFrame:
    return records_frame(rows, RELATION_COLUMNS, RELATION_DTYPES)


def coalition_relations(mentions: pd.DataFrame, dictionary) -> pd.DataFrame:
    """Membership rows from the dictionary for each coalition the article mentions.

    For every party with a ``members`` list in the dictionary (coalitions) that has a mention,
    one row per member, member -> coalition, whether or not the member is mentioned.
    Columns as ``find_relations``: ``sentence_id`` is -1 (the dictionary, not a sentence, says
    it), ``relation`` "membership", ``polarity`` +1, ``voice`` "dictionary", ``evidence``
    "dictionary: <coalition> members <A; B; C>".
    """
    return tidy_relations(coalition_rows(mentions, dictionary))


def coalition_rows(mentions: pd.DataFrame, dictionary) -> list[tuple]:
    """The rows of ``coalition_relations`` as ``RELATION_COLUMNS`` tuples, unsorted."""
    mentioned = set(mentions["party"])
    rows = []
    for coalition, members in zip(dictionary.parties["party"], dictionary.parties["members"]):
        listed = [m for m in members.split(";") if m]
        if coalition not in mentioned or not listed:
            continue
        for member in listed:
            rows.append((-1, member, "membership", coalition, 1, DICTIONARY_VOICE,
                         f"dictionary: {coalition} members {'; '.join(listed)}"))
    return rows


# --- alignment ------------------------------------------------------------------------------


def alignment(relations: pd.DataFrame, stance: pd.DataFrame | None = None, voice_parties=None) -> pd.DataFrame:
    """A signed party × party score from the relations, in long tidy form.

    Columns: ``party_a``, ``party_b`` (``party_a`` sorts first), ``score`` (mean polarity of
    the relations between the two in either direction, -1..1), ``n_relations`` (relation rows
    behind it), ``relations`` (label: "hostility ×3; alliance ×1", and the stance nudges).

    Stance nudge (optional): ``stance`` is ``analysis.stance.stance_table``; ``voice_parties``
    maps a voice to the party it speaks for (a dict, or the ``attribute_voices`` table with
    ``voice`` and ``voice_party``).  Each stance row whose voice speaks for party A and is
    ``favor`` (``against``) party B adds one observation of +0.5 (-0.5) to the pair A–B, if
    that pair has relations; neutral rows, the author and a party's stance on itself add
    nothing.  Sorted by ``party_a``, ``party_b``.
    """
    observations: dict[tuple[str, str], list[float]] = {}
    labels: dict[tuple[str, str], dict[str, int]] = {}
    for row in relations.itertuples():
        if row.source_party == row.target_party:
            continue
        pair = tuple(sorted((row.source_party, row.target_party)))
        observations.setdefault(pair, []).append(float(row.polarity))
        counts = labels.setdefault(pair, {})
        counts[row.relation] = counts.get(row.relation, 0) + 1
    n_relations = {pair: len(values) for pair, values in observations.items()}
    if stance is not None:
        speaks_for = voice_party_map(voice_parties)
        for row in stance.itertuples():
            party = speaks_for.get(row.voice)
            pair = tuple(sorted((party, row.party))) if party and party != row.party else None
            if pair in observations and row.stance in ("favor", "against"):
                observations[pair].append(STANCE_WEIGHT if row.stance == "favor" else -STANCE_WEIGHT)
                key = f"stance {row.stance}"
                labels[pair][key] = labels[pair].get(key, 0) + 1
    rows = []
    for pair, values in observations.items():
        label = "; ".join(f"{name} ×{n}" for name, n in sorted(labels[pair].items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append((*pair, round(sum(values) / len(values), 4), n_relations[pair], label))
    table = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS).astype({"score": float, "n_relations": "int64"})
    return table.sort_values(["party_a", "party_b"], ignore_index=True)


def voice_party_map(voice_parties) -> dict:
    """``voice -> party`` from a dict or a table with ``voice`` and ``voice_party`` (empty = none)."""
    if voice_parties is None:
        return {}
    if isinstance(voice_parties, pd.DataFrame):
        voice_parties = dict(zip(voice_parties["voice"], voice_parties["voice_party"]))
    return {voice: party for voice, party in voice_parties.items() if isinstance(party, str) and party}


def alignment_graph(alignment_table: pd.DataFrame, counts: pd.DataFrame | None = None):
    """A ``networkx.Graph`` of the alignment table.

    Nodes: the parties of the table, each with attribute ``mentions`` (from an
    ``analysis.actors.actor_counts`` table when given, 0 for a party it lacks; None without
    one).  Edges: one per pair, with ``weight`` (the score), ``sign`` (+1, -1, or 0 for a score
    of exactly 0), ``n_relations`` and ``relations`` (the label text).
    """
    import networkx as nx

    mentions = dict(zip(counts["party"], counts["mentions"])) if counts is not None else {}
    graph = nx.Graph()
    for party in sorted(set(alignment_table["party_a"]) | set(alignment_table["party_b"])):
        graph.add_node(party, mentions=int(mentions.get(party, 0)) if counts is not None else None)
    for row in alignment_table.itertuples():
        sign = 1 if row.score > 0 else -1 if row.score < 0 else 0
        graph.add_edge(row.party_a, row.party_b, weight=float(row.score), sign=sign,
                       n_relations=int(row.n_relations), relations=row.relations)
    return graph


def evidence_strength(n_relations: int) -> str:
    """How much a pair's score rests on: none, weak (one relation), moderate (2-3), strong (4+)."""
    return "none" if n_relations == 0 else "weak" if n_relations == 1 else "moderate" if n_relations <= 3 else "strong"


def party_alignments(alignment_table: pd.DataFrame, party: str, others) -> pd.DataFrame:
    """``party``'s alignment with each of ``others``, in the order given.

    Columns: ``party``, ``other``, ``score`` (NaN when no relation links them), ``n_relations``,
    ``relations``, ``verdict`` (aligned / hostile / mixed / no evidence), ``evidence``
    (none / weak / moderate / strong, from the number of relations).
    """
    rows = []
    for other in others:
        if other == party:
            continue
        a, b = sorted((party, other))
        pair = alignment_table[(alignment_table["party_a"] == a) & (alignment_table["party_b"] == b)]
        if pair.empty:
            rows.append((party, other, float("nan"), 0, "", "no evidence", "none"))
            continue
        r = pair.iloc[0]
        verdict = "aligned" if r["score"] > 0 else "hostile" if r["score"] < 0 else "mixed"
        rows.append((party, other, float(r["score"]), int(r["n_relations"]), r["relations"], verdict,
                     evidence_strength(int(r["n_relations"]))))
    return pd.DataFrame(rows, columns=["party", "other", "score", "n_relations", "relations", "verdict", "evidence"])


def question_parties(mentions: pd.DataFrame, dictionary, focus: str | None = None, coalition: str | None = None,
                     extra: int = 3) -> tuple[str | None, str | None, list[str]]:
    """The parties an alignment question is about: ``(focus, coalition, others)``.

    An article's question is usually in its title ("Has Russia Joined the Axis of
    Resistance?"), so ``focus`` defaults to the first party its first sentence names that is not
    a coalition, and ``coalition`` to the first coalition it names; failing that, the most
    mentioned party and coalition.  ``others`` are the coalition, its members and the ``extra``
    most mentioned remaining parties.
    """
    counts = mentions["party"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    kinds = dictionary.kinds
    first_sentence = list(mentions.loc[mentions["sentence_id"] == mentions["sentence_id"].min(), "party"]) if len(mentions) else []
    coalitions = [p for p in first_sentence + list(counts.index) if kinds.get(p) == "coalition"]
    coalition = coalition or (coalitions[0] if coalitions else None)
    focus = focus or next((p for p in first_sentence + list(counts.index) if kinds.get(p) != "coalition"), None)
    members = []
    if coalition is not None:
        row = dictionary.parties[dictionary.parties["party"] == coalition]
        members = [m for m in (row["members"].iloc[0].split(";") if len(row) else []) if m]
    others = ([coalition] if coalition else []) + members
    rest = [p for p in counts.index if p not in others and p != focus and kinds.get(p) != "coalition"]
    return focus, coalition, others + rest[:extra]


def alignment_answer(table: pd.DataFrame, focus: str, coalition: str | None) -> str:
    """A markdown paragraph answering "where does ``focus`` stand?" from ``party_alignments``."""
    if table.empty:
        return f"The article asserts no relation between {focus} and the parties asked about."
    parts = []
    for r in table.itertuples():
        if r.verdict == "no evidence":
            parts.append(f"no relation with **{r.other}**")
        else:
            parts.append(f"**{r.verdict}** with **{r.other}** ({r.score:+.2f}; {r.evidence} evidence: {r.relations})")
    about = f" and the {coalition}" if coalition else ""
    linked = table[table["verdict"] != "no evidence"]
    return (f"On {focus}{about}, the article asserts: " + "; ".join(parts) + ". "
            f"{len(linked)} of {len(table)} pairs rest on at least one relation the text states; "
            "read the evidence table before drawing a conclusion from a weak pair.")
