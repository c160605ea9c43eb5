"""Who an article talks about: the actor dictionary, mentions of parties, counts, co-occurrence.

The dictionary (``data/actors.yml``) is data an analyst edits.  Mentions follow
``shared/GUIDELINES.md``: one referring expression is one mention ("Russian Defense Minister
Sergei Shoigu" is one Russia mention); media outlets are sources, not mentions of the place in
their name; a place named only as a location is flagged ``location``.

Matching is one pass over the article's words with a hash lookup of word n-grams, so its cost
does not grow with the size of the dictionary.
"""
from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations, islice, takewhile
from pathlib import Path

import pandas as pd
import yaml

from .article import Article
from .frames import records_frame
from .paths import DATA_DIR
from .tokens import name_parts, read_word_list, sentence_spans, stop_words, token_texts, words_after, words_before

DEFAULT_DICTIONARY = DATA_DIR / "actors.yml"
PARTY_KINDS = ("state", "armed group", "political movement", "political party", "international body", "bloc", "coalition",
               "advocacy group")
PARTY_KEYS = {"name", "kind", "names", "adjectives", "capitals", "organisations", "people", "epithets", "members", "opposition_of"}
PERSON_KEYS = {"name", "aliases", "role", "years", "party"}
OUTLET_KEYS = {"name", "aliases", "country"}
GENERIC_KEYS = {"words", "refers_to", "candidates"}
GENERIC_SIDES = ("government", "opposition", "nearest")
ALIAS_KINDS = ("names", "adjectives", "capitals", "organisations", "epithets")
MENTION_COLUMNS = ["mention_id", "sentence_id", "start", "end", "text", "party", "party_of", "kind", "matched", "via", "location"]
LEVELS = ("party", "person")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # generational suffixes of a person's name
OUTLET_COLUMNS = ["outlet_id", "sentence_id", "start", "end", "text", "outlet", "country"]


class DictionaryError(ValueError):
    """A dictionary file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Alias:
    """One form a party can take in text, as listed in the dictionary."""

    text: str  # as written in the dictionary
    party: str | None  # canonical party name; None for an outlet without a party
    via: str  # name, adjective, capital, organisation, epithet, person, outlet, generic
    entry: str  # its dictionary entry: a person's full name, an outlet's name, a generic side, or the alias
    case_sensitive: bool


@dataclass(frozen=True, eq=False)
class Dictionary:
    """A loaded actor dictionary: parties, outlets and the lookup index of their aliases."""

    path: str
    parties: pd.DataFrame  # party, kind, members (";"-joined)
    people: pd.DataFrame  # person, party, role, first_year, last_year
    outlets: pd.DataFrame  # outlet, country
    index: dict  # tuple of folded words -> Alias
    longest: int  # most words in one alias
    kinds: dict  # party -> kind
    possessive_forms: frozenset  # forms that are a name with a lost apostrophe ("syrias")
    oppositions: dict  # state -> the party of its armed opposition ("Syria" -> "Syrian opposition")
    adjectives: dict  # party -> its first adjective ("Russia" -> "Russian"), for naming its bodies
    prefixes: frozenset  # every leading run of words of an alias in ``index``, to stop a lookup early
    political_parties: dict = field(default_factory=dict)  # person -> political party, for the two-role rule
    level: str = "party"  # "party": people count for their party; "person": each listed person is an actor
    include_unlisted: bool = False  # frequent names the dictionary lacks are actors (analysis.unlisted)

    def party_kind(self, party: str) -> str:
        return self.kinds[party]


@lru_cache(maxsize=16)
def dictionary_view(dictionary: Dictionary, level: str = "party", include_unlisted: bool = False) -> Dictionary:
    """The same dictionary read at ``level`` (``LEVELS``; at ``"person"`` every listed person
    is an actor of their own in ``find_mentions``, GUIDELINES Levels v2), with the frequent
    names it lacks as actors when ``include_unlisted`` (``analysis.unlisted``).  Cached, so a
    view is one object and the matches made with it are cached too."""
    if level not in LEVELS:
        raise DictionaryError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    if (dictionary.level, dictionary.include_unlisted) == (level, include_unlisted):
        return dictionary
    return replace(dictionary, level=level, include_unlisted=bool(include_unlisted))


# --- loading and validating ---------------------------------------------------------------


def load_dictionary(path=None, level: str = "party", include_unlisted: bool = False) -> Dictionary:
    """Load and validate an actor dictionary with ``yaml.safe_load``: ``None`` for the default
    (``data/actors.yml``), a path for that file instead of it, or ``"+PATH"`` for the default
    with that file added to it (``merge_dictionaries``).

    Raises ``DictionaryError`` naming the file and the entry on a YAML error, a missing or
    unknown key, an unknown party kind or member, or one alias listed for two entries (naming
    both entries, and both files when two are merged).  ``level`` (``"party"`` or
    ``"person"``) and ``include_unlisted`` choose the view (``dictionary_view``).
    """
    if isinstance(path, str) and path.startswith("+"):
        extra = Path(path[1:])
        loaded = load_merged_files(str(DEFAULT_DICTIONARY), modified(DEFAULT_DICTIONARY), str(extra), modified(extra))
    else:
        path = Path(path) if path is not None else DEFAULT_DICTIONARY
        loaded = load_dictionary_file(str(path), modified(path))
    return dictionary_view(loaded, level, include_unlisted)


def dictionary_spec(value) -> str | None:
    """A dictionary choice (``None``, a path, ``"+PATH"``) with its path made absolute, for a
    notebook or a worker process that runs in another folder."""
    if value is None:
        return None
    text = str(value)
    plus = "+" if text.startswith("+") else ""
    return plus + str(Path(text[len(plus):]).resolve())


def modified(path: Path) -> int:
    """The file's modification time (part of the cache key), or a clear error when it is missing."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DictionaryError(f"{path}: no such dictionary file") from None
    except OSError as err:
        raise DictionaryError(f"{path}: cannot be read ({err.strerror or err})") from None


def read_yaml(text: str):
    """Return the data of YAML ``text``, read safely (no objects built), with libyaml's fast
    reader when PyYAML has it: the actor dictionary loads in a tenth of the time."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=8)
def load_dictionary_file(path: str, mtime_ns: int) -> Dictionary:
    """Load a dictionary file; cached until the file changes (``mtime_ns`` is part of the key)."""
    return build_dictionary(path, read_dictionary_data(Path(path)))


@lru_cache(maxsize=8)
def load_merged_files(base: str, base_mtime_ns: int, extra: str, extra_mtime_ns: int) -> Dictionary:
    """The dictionary ``base`` with the file ``extra`` added (``merge_dictionaries``); cached
    until either file changes."""
    data, origins = merge_dictionaries(read_dictionary_data(Path(base)), read_dictionary_data(Path(extra)), base, extra)
    return build_dictionary(f"{base} + {extra}", data, origins)


def merge_dictionaries(base, extra, base_name: str, extra_name: str) -> tuple[dict, dict]:
    """Merge two dictionaries' data: ``extra``'s parties, outlets and generic words join
    ``base``'s.  A party of ``extra`` with the name of one in ``base`` adds its names, people and
    other lists to it (its kind, if given, must be the same).  Return the merged data and where
    each party and outlet comes from (name -> file names), for error messages; a form listed for
    two entries is caught when the merged dictionary is built."""

    def fail(where: str, problem: str):
        raise DictionaryError(f"{extra_name}: {where}: {problem}")

    for name, data in ((base_name, base), (extra_name, extra)):
        if not isinstance(data, dict) or not isinstance(data.get("parties", []), list):
            raise DictionaryError(f"{name}: top level: expected a mapping with a 'parties' list (and optionally 'outlets', 'generic')")
    parties = [dict(entry) if isinstance(entry, dict) else entry for entry in base.get("parties") or []]
    by_name = {entry.get("name"): entry for entry in parties if isinstance(entry, dict)}
    origins = {name: base_name for name in by_name}
    for n, entry in enumerate(extra.get("parties") or []):
        name = entry.get("name") if isinstance(entry, dict) else None
        if name not in by_name:
            parties.append(entry)
            origins[name] = extra_name
            continue
        known = by_name[name]
        if entry.get("kind") not in (None, known.get("kind")):
            fail(f"parties[{n}] ({name})", f"kind {entry['kind']!r} differs from {known.get('kind')!r} in {base_name}")
        for key, value in entry.items():
            if key not in ("name", "kind"):
                known[key] = (known.get(key) or []) + (value or []) if isinstance(value, list) or value is None else value
        origins[name] = f"{base_name} and {extra_name}"
    outlets = list(base.get("outlets") or []) + list(extra.get("outlets") or [])
    for entry in base.get("outlets") or []:
        origins.setdefault(f"outlet {entry.get('name')}", base_name)
    for entry in extra.get("outlets") or []:
        origins.setdefault(f"outlet {entry.get('name')}", extra_name)
    merged = {"parties": parties, "outlets": outlets, "generic": list(base.get("generic") or []) + list(extra.get("generic") or [])}
    unknown = (set(base) | set(extra)) - set(merged)
    if unknown:
        fail("top level", f"unknown key {sorted(unknown)[0]!r}")
    return merged, origins


def read_dictionary_data(path: Path):
    """The parsed YAML of a dictionary file, or ``DictionaryError`` naming the file."""
    try:
        return read_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DictionaryError(f"{path}: no such dictionary file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DictionaryError(f"{path}: cannot be read ({err})") from None
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        raise DictionaryError(f"{path}: not valid YAML{at}: {getattr(err, 'problem', None) or err}") from None


def build_dictionary(path: str, data, origins: dict | None = None) -> Dictionary:
    """Validate parsed dictionary data and build its lookup index.  ``origins`` (party or
    "outlet NAME" -> file names) is given for merged dictionaries, so that an alias listed for
    two entries names the file of each."""

    def fail(where: str, problem: str):
        raise DictionaryError(f"{path}: {where}: {problem}")

    if not isinstance(data, dict) or not isinstance(data.get("parties"), list):
        fail("top level", "expected a mapping with a 'parties' list (and optionally 'outlets', 'generic')")
    unknown = set(data) - {"parties", "outlets", "generic"}
    if unknown:
        fail("top level", f"unknown key {sorted(unknown)[0]!r}")
    aliases: list[Alias] = []
    party_rows, people_rows, outlet_rows, oppositions, generic_candidates, adjectives = [], [], [], {}, [], {}
    political_parties: list[tuple[str, str, str]] = []
    for n, entry in enumerate(data["parties"]):
        where = f"parties[{n}]" + (f" ({entry.get('name')})" if isinstance(entry, dict) and entry.get("name") else "")
        check_entry(entry, PARTY_KEYS, ("name", "kind"), where, fail)
        name, kind = entry["name"], entry["kind"]
        if kind not in PARTY_KINDS:
            fail(where, f"unknown kind {kind!r}; expected one of {', '.join(PARTY_KINDS)}")
        party_rows.append((name, kind, ";".join(string_list(entry, "members", where, fail))))
        adjectives[name] = (string_list(entry, "adjectives", where, fail) or [name])[0]
        if entry.get("opposition_of") is not None:
            if not isinstance(entry["opposition_of"], str):
                fail(where, "opposition_of must be the name of one state")
            oppositions[entry["opposition_of"]] = name
        aliases.append(make_alias(name, name, "name", name))
        for key in ALIAS_KINDS:
            via = key.rstrip("s") if key != "names" else "name"
            aliases += [make_alias(a, name, via, a) for a in string_list(entry, key, where, fail) if a != name]
        for k, person in enumerate(entry.get("people") or []):
            pwhere = f"{where} people[{k}]" + (f" ({person.get('name')})" if isinstance(person, dict) and person.get("name") else "")
            check_entry(person, PERSON_KEYS, ("name",), pwhere, fail)
            years = person.get("years") or [None, None]
            if not (isinstance(years, list) and len(years) == 2 and all(y is None or isinstance(y, int) for y in years)):
                fail(pwhere, "years must be [first, last] (integers, or null for still in office)")
            political = person.get("party")
            if political is not None and not isinstance(political, str):
                fail(pwhere, "party must be the name of one political party, or null")
            people_rows.append((person["name"], name, person.get("role") or "", years[0], years[1], political or ""))
            if political:
                political_parties.append((pwhere, person["name"], political))
            for form in [person["name"], *string_list(person, "aliases", pwhere, fail)]:
                aliases.append(make_alias(form, name, "person", person["name"]))
    for n, entry in enumerate(data.get("outlets") or []):
        where = f"outlets[{n}]" + (f" ({entry.get('name')})" if isinstance(entry, dict) and entry.get("name") else "")
        check_entry(entry, OUTLET_KEYS, ("name",), where, fail)
        if entry.get("country") is not None and not isinstance(entry["country"], str):
            fail(where, "country must be the name of one party, or null")
        outlet_rows.append((entry["name"], entry.get("country")))
        for form in [entry["name"], *string_list(entry, "aliases", where, fail)]:
            aliases.append(make_alias(form, None, "outlet", entry["name"]))
    for n, entry in enumerate(data.get("generic") or []):
        where = f"generic[{n}]"
        check_entry(entry, GENERIC_KEYS, ("refers_to",), where, fail)
        side = entry["refers_to"]
        if side not in GENERIC_SIDES:
            fail(where, f"refers_to must be one of {', '.join(GENERIC_SIDES)}")
        candidates = string_list(entry, "candidates", where, fail)
        if (side == "nearest") != bool(candidates):
            fail(where, "candidates are needed with refers_to: nearest, and only then")
        label = f"nearest:{';'.join(candidates)}" if candidates else side
        generic_candidates.extend((where, c) for c in candidates)
        aliases += [make_alias(w, None, "generic", label) for w in string_list(entry, "words", where, fail)]
    parties = pd.DataFrame(party_rows, columns=["party", "kind", "members"])
    check_references(parties, outlet_rows, fail)
    kinds = dict(zip(parties["party"], parties["kind"]))
    for state, party in oppositions.items():
        if kinds.get(state) != "state":
            fail(f"party {party}", f"opposition_of {state!r} is not a state in the dictionary")
    for where, candidate in generic_candidates:
        if candidate not in kinds:
            fail(where, f"candidate {candidate!r} is not a party in the dictionary")
    for where, _, political in political_parties:
        if kinds.get(political) != "political party":
            fail(where, f"party {political!r} is not a political party in the dictionary")
    index, longest, possessive_forms = index_aliases(aliases, fail, origins or {})
    return Dictionary(
        path, parties,
        pd.DataFrame(people_rows, columns=["person", "party", "role", "first_year", "last_year", "political_party"]),
        pd.DataFrame(outlet_rows, columns=["outlet", "country"]),
        index, longest, kinds, possessive_forms, oppositions, adjectives,
        frozenset(form[:n] for form in index for n in range(1, len(form) + 1)),
        {person: political for _, person, political in political_parties},
    )


def check_entry(entry, allowed: set, required: tuple, where: str, fail) -> None:
    if not isinstance(entry, dict):
        fail(where, "expected a mapping of keys")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        fail(where, f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
    for key in required:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            fail(where, f"missing {key!r}")


def string_list(entry: dict, key: str, where: str, fail) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        fail(where, f"{key!r} must be a list of non-empty strings")
    return value


def check_references(parties: pd.DataFrame, outlet_rows, fail) -> None:
    names = set(parties["party"])
    duplicated = parties["party"][parties["party"].duplicated()]
    if len(duplicated):
        fail(f"party {duplicated.iloc[0]}", "listed twice")
    for party, members in zip(parties["party"], parties["members"]):
        for member in filter(None, members.split(";")):
            if member not in names:
                fail(f"party {party}", f"member {member!r} is not a party in the dictionary")
    for outlet, country in outlet_rows:
        if country is not None and country not in names:
            fail(f"outlet {outlet}", f"country {country!r} is not a party in the dictionary")


# --- words and the alias index ------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents: "Erdoğan" and "Erdogan" are the same name (cached: an
    article's words repeat)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of each name word of ``text`` (an alias, a name as
    written), divided at hyphens, dots and apostrophes by ``tokens.name_parts``, as the token
    layer's tokens of an article are (``article_words``)."""
    return [(s, e, fold(text[s:e])) for s, e in name_parts(text)]


def make_alias(text: str, party, via: str, entry: str) -> Alias:
    """An alias; acronyms and words of up to three letters must match in the case written."""
    letters = re.sub(r"[\s.\-]", "", text)
    case_sensitive = (letters.isupper() and len(letters) >= 2) or len(letters) <= 3
    return Alias(text.strip(), party, via, entry, case_sensitive)


def alias_forms(alias: Alias) -> list[tuple[str, ...]]:
    """The word sequences an alias matches: itself, a demonym's plural, a lost-apostrophe possessive."""
    key = tuple(w for _, _, w in words_of(alias.text))
    forms = [key]
    last = key[-1] if key else ""
    if alias.via in ("adjective", "generic") and not last.endswith(("s", "sh", "ch", "x", "z", "ese")):
        forms.append(key[:-1] + (last + "s",))  # "Russians", "Israelis", "rebels", "regimes"
    elif alias.via in ("name", "capital", "person", "organisation") and len(last) >= 4 and not last.endswith("s") \
            and not alias.case_sensitive:
        forms.append(key[:-1] + (last + "s",))  # "Syrias", "Turkeys", "Assads" (lost apostrophes); "Syrian rebels"
    return forms


def index_aliases(aliases: list[Alias], fail, origins: dict | None = None) -> tuple[dict, int, frozenset]:
    """Map each word sequence to its alias; fail when one alias is listed for two entries.

    Derived forms (plurals, lost-apostrophe possessives) never displace a listed alias.
    Returns the index, the most words in one form, and the lost-apostrophe possessive forms.
    """
    index: dict[tuple[str, ...], Alias] = {}
    for alias in aliases:
        form = alias_forms(alias)[0]
        if not form:
            fail(f"alias {alias.text!r}", "has no letters or digits")
        other = index.setdefault(form, alias)
        if owner(other) != owner(alias):
            fail(f"alias {alias.text!r}", f"listed for both {describe(other, origins)} and {describe(alias, origins)}")
    possessives = set()
    for alias in aliases:
        for form in alias_forms(alias)[1:]:
            if form not in index:
                index[form] = alias
                if alias.via not in ("adjective", "generic") and len(form) == 1:
                    possessives.add(form)  # a lost apostrophe; on a longer name, a plural
    return index, max(map(len, index)), frozenset(possessives)


def owner(alias: Alias) -> str:
    """Who an alias stands for: its party, or the outlet or generic side itself."""
    return alias.party if alias.party is not None else f"{alias.via} {alias.entry}"


def describe(alias: Alias, origins: dict | None = None) -> str:
    """The entry an alias belongs to ("Russia (person Sergei Lavrov)"), with its file when
    ``origins`` says where the entry comes from."""
    text = f"{alias.via} {alias.entry}" if alias.party is None else f"{alias.party} ({alias.via} {alias.entry})"
    origin = (origins or {}).get(alias.party if alias.party is not None else f"{alias.via} {alias.entry}")
    return f"{text} in {origin}" if origin else text


@lru_cache(maxsize=1)
def lowercase_homographs() -> frozenset[str]:
    """Party words that are ordinary English words in lower case ("turkey", "western")."""
    return read_word_list("lowercase_homographs.txt")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return read_word_list("titles.txt")


@lru_cache(maxsize=1)
def location_cues() -> dict:
    data = read_yaml((DATA_DIR / "locations.yml").read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in data.items()}


# --- matching -----------------------------------------------------------------------------


@dataclass
class Match:
    """A span of the article's visible text matched by the dictionary (mutable while merging)."""

    start: int
    end: int
    alias: Alias
    sentence: int
    possessive: bool = False
    has_person: bool = False
    person_span: tuple[int, int] | None = None  # where the person's name is, once merged


def accepts_case(alias: Alias, written: str) -> bool:
    """Whether the words as written may stand for the alias, given its case rule."""
    if alias.case_sensitive:
        if written_words(written) == written_words(alias.text):
            return True
        letters = alias.text.replace(".", "").replace("-", "")  # "Unicef", "Nato": long acronyms written as names
        return written == alias.text.capitalize() and letters.isalpha() and letters.isupper() and len(letters) >= 4
    if written.islower() and alias.via == "person":
        return False  # a person's name is written with capitals: "a trump card" is no mention
    if written.islower():
        homographs = lowercase_homographs()
        return not any(w in homographs for _, _, w in words_of(written))
    return True


def written_words(text: str) -> list[str]:
    """The name words of ``text`` as written (case kept)."""
    return [text[s:e] for s, e in name_parts(text)]


POSSESSIVE_S = re.compile(r"['’]s(?!\w)")
POSSESSIVE_APOSTROPHE = re.compile(r"['’](?!\w)")
GLUE = re.compile(r"[\s\-‐‑–—.'’]*")  # what may stand between the words of one name


def article_words(article: Article) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of the name words of ``article.text``: each token of the
    token layer (``tokens.sentence_word_lists``) divided into ``tokens.name_parts``, as
    ``words_of`` divides an alias."""
    from .tokens import sentence_word_lists

    words = []
    for _, tokens in sentence_word_lists(article):
        for token in tokens:
            words += [(token.start + a, token.start + b, fold(token.text[a:b])) for a, b in name_parts(token.text)]
    return words


def in_capitals(text: str, words: list[tuple[int, int, str]], i: int, n: int, sentence_starts: list[int]) -> bool:
    """Whether the ``n`` words from ``words[i]`` stand beside a stop word written in capitals in
    their sentence, as in a heading in capitals ("WHAT IS NEXT", "LET US"), where an acronym is
    a word."""
    stops = stop_words()
    sentence = bisect.bisect_right(sentence_starts, words[i][0])
    for k in (i - 1, i + n):
        if 0 <= k < len(words) and bisect.bisect_right(sentence_starts, words[k][0]) == sentence:
            s, e, folded = words[k]
            if text[s:e].isupper() and len(text[s:e]) > 1 and folded in stops:
                return True
    return False


def match_aliases(text: str, words: list[tuple[int, int, str]], sentence_starts: list[int],
                  dictionary: Dictionary) -> list[Match]:
    """Leftmost-longest matches of dictionary aliases in ``text``, one pass over its ``words``
    (``article_words``)."""
    matches = []
    i = 0
    while i < len(words):
        found = None
        for n in reversed(alias_lengths(words, i, dictionary)):
            form = tuple(w for _, _, w in words[i : i + n])
            alias = dictionary.index[form]
            if not all(GLUE.fullmatch(text[words[k][1] : words[k + 1][0]]) for k in range(i, i + n - 1)):
                continue
            start, end = words[i][0], words[i + n - 1][1]
            written = text[start:end]
            if accepts_case(alias, written) and not (alias.case_sensitive and in_capitals(text, words, i, n, sentence_starts)):
                sentence = bisect.bisect_right(sentence_starts, start) - 1
                found = (n, Match(start, end, alias, sentence, possessive=form in dictionary.possessive_forms))
                break
        if found:
            n, match = found
            # "Russia's", "Houthis'"; not the closing quote of "‘Iran’"
            possessive = POSSESSIVE_S.match(text, match.end) or (
                text[match.end - 1] in "sS" and POSSESSIVE_APOSTROPHE.match(text, match.end))
            if possessive:
                match.end = possessive.end()
                match.possessive = True
            if match.alias.text.endswith(".") and text.startswith(".", match.end):
                match.end += 1  # "U.S." keeps its last full stop
            match.has_person = match.alias.via == "person"
            if match.has_person:
                match.person_span = (match.start, match.end)
            matches.append(match)
            i += n
        else:
            i += 1
    return matches


def alias_lengths(words: list[tuple[int, int, str]], i: int, dictionary: Dictionary) -> list[int]:
    """The numbers of words from ``words[i]`` on that spell an alias of the index, shortest first."""
    lengths, form = [], ()
    for n in range(1, min(dictionary.longest, len(words) - i) + 1):
        form = (*form, words[i + n - 1][2])
        if form not in dictionary.prefixes:
            break
        if form in dictionary.index:
            lengths.append(n)
    return lengths


def is_title_run(gap: str, allow_comma: bool = False) -> bool:
    """True when ``gap`` holds only title words ("Defense Minister", "Maj. Gen. (ret.)")."""
    body = gap.strip()
    if allow_comma:
        if not body.startswith(","):
            return False
        body = body[1:]
    titles = title_words()
    for token in token_texts(body):
        word = token.lower().replace("’", "'")
        if word.rstrip(".") in titles or word in ("of", "the", "a", "an", "(", ")", ".", "'s"):
            continue
        return False
    return True


def joins(left: Match, right: Match, gap: str) -> bool:
    """Whether two matches of one party are one referring expression."""
    if left.alias.party != right.alias.party or left.alias.party is None or left.sentence != right.sentence:
        return False
    names = ("name", "organisation", "epithet")
    if re.fullmatch(r"\s*[(\[]?\s*", gap) and left.alias.via in names and right.alias.via in names:
        return True  # other names of the same party: "Islamic State (ISIS", "ISIS ISIL"
    plain = is_title_run(gap)
    if plain and right.alias.via in ("person", "organisation", "generic") and left.alias.via != "capital":
        # "Russian Defense Minister Sergei Shoigu", "IRGC General Mohammed Allahdadi",
        # "Iranian Revolutionary Guards", "Hezbollah's Nasrallah"; not "Dehghan Tehran"
        return left.alias.via != "person" or not gap.strip() or left.possessive
    if left.has_person and plain and gap.strip():
        # "Sheikh Nasrallah leader of Hezbollah": a description after the person
        return right.alias.via in ("name", "adjective", "organisation", "epithet")
    if left.possessive and not gap.strip() and left.alias.via == "person":
        return right.alias.via == "name"  # "Assad's Syria"
    if left.has_person and is_title_run(gap, allow_comma=True) and re.search(r"\w", gap):
        # an appositive: "Yaakov Amidror, former Israel National Security Adviser"
        return right.alias.via in ("name", "adjective", "organisation")
    return False


def close_brackets(text: str, matches: list[Match]) -> list[Match]:
    """Extend a mention that opened a bracket of aliases to its closing bracket.

    "so-called Islamic State (ISIS ISIL IS Daesh )" is one mention; matches of the same party
    inside the brackets are part of it.  Brackets holding another party's name are left alone.
    """
    out: list[Match] = []
    skip_until = -1
    for k, match in enumerate(matches):
        if match.start < skip_until and match.alias.party == out[-1].alias.party:
            continue
        out.append(match)
        inside = text[match.start : match.end]
        if inside.count("(") > inside.count(")"):
            close = text.find(")", match.end, match.end + 40)
            between = list(takewhile(lambda m: m.start < close, islice(matches, k + 1, None)))
            if close != -1 and "\n" not in text[match.end : close] and all(m.alias.party == match.alias.party for m in between):
                match.end = close + 1
                skip_until = close
    return out


def merge_matches(text: str, matches: list[Match]) -> list[Match]:
    """Join matches of one party that form one referring expression; keep the others apart."""
    merged: list[Match] = []
    for match in matches:
        if match.alias.party is not None and merged and joins(merged[-1], match, text[merged[-1].end : match.start]):
            left = merged[-1]
            left.end = match.end
            left.possessive = match.possessive
            if match.alias.via == "person":
                left.has_person = True
                left.person_span = left.person_span or match.person_span
                left.alias = match.alias if left.alias.via not in ("person",) else left.alias
            continue
        merged.append(match)
    return close_brackets(text, merged)


CLAUSE_MARKS = frozenset(",;:.!?")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "inside"})
DATELINE_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}")


def before_directions(lowered: list[str], cues: dict) -> int:
    """How many of the lower-case words ``lowered`` come before the direction words that end
    it ("in northwestern" gives 1): the word at ``k - 1`` is the one a preposition may be."""
    k = len(lowered)
    while k and lowered[k - 1] in cues["directions"]:
        k -= 1
    return k


def after_place_comma(before) -> bool:
    """Whether the words ``before`` a country's name end in "in Quneitra," (up to four
    capitalised words after "in", "at", "near", "from", "outside" or "inside", then a comma):
    the country only says where the place is.  Not after "the" ("in the Middle East, Israel"
    names Israel itself)."""
    if len(before) < 3 or before[-1].text != ",":
        return False
    k = len(before) - 2
    names = 0
    while k >= 0 and names < 4 and "A" <= before[k].text[:1] <= "Z":
        k, names = k - 1, names + 1
    return names > 0 and k >= 0 and before[k].lower in PLACE_PREPOSITIONS


def is_location(article: Article, match: Match, dictionary: Dictionary) -> bool:
    """Whether a match names a place only ("in Tehran", "Quneitra, Syria", "Israel's Golan"),
    judged from the words of the token layer before and after it."""
    alias = match.alias
    if alias.via not in ("name", "capital", "adjective") or match.has_person:
        return False
    if dictionary.party_kind(alias.party) != "state":
        return False
    cues = location_cues()
    # words and the marks that end a clause; quotation marks and brackets are looked through
    before = [w for w in words_before(article, match.start, 16) if any(c.isalnum() for c in w.text) or w.text in CLAUSE_MARKS]
    after = words_after(article, match.end, 6)
    if alias.via in ("name", "capital") and not match.possessive:  # "in Moscow's view" is Moscow's
        lowered = [w.lower for w in before]
        k = before_directions(lowered, cues)
        if k and lowered[k - 1] in cues["prepositions"]:
            return True
        if k >= 2 and lowered[k - 1] == "to" and lowered[k - 2] in cues["motion_words"]:
            return True
        if after_place_comma(before):
            return True  # "in Quneitra, Syria"
        if after and DATELINE_DATE.match(after[0].text) and article.text[match.end : after[0].start].isspace():
            return True  # a dateline: "Tehran 1-20-15"
    following = [w.text for w in after if any(c.isalnum() for c in w.text) and w.lower not in ("'s", "’s")]
    if match.possessive or alias.via == "adjective":
        lowered = [w.lower() for w in following[:4]]
        for n in (2, 1):
            if following and " ".join(lowered[:n]) in cues["regions"] and following[0][:1].isupper():
                return True  # "Israel's Golan"
        for word in following[:3]:
            if word.lower() in cues["geo_nouns"]:
                return True  # "the Turkish border", "Syria's town of", "the Syrian Idlib province"
            if not word[:1].isupper():
                break
    return False


def sentence_starts_of(article: Article) -> list[int]:
    return [s for _, s, _ in sentence_spans(article)]


def home_state(matches: list[Match], dictionary: Dictionary, with_opposition: bool = False) -> str | None:
    """The state the article mentions most (the first mentioned among equals), or None; with
    ``with_opposition``, among the states the dictionary lists an opposition for."""
    counts: dict[str, int] = {}
    for m in matches:
        if m.alias.party is not None and dictionary.kinds[m.alias.party] == "state" \
                and (not with_opposition or m.alias.party in dictionary.oppositions):
            counts[m.alias.party] = counts.get(m.alias.party, 0) + 1
    return max(counts, key=counts.get) if counts else None


def civil_war_state(matches: list[Match], dictionary: Dictionary) -> str | None:
    """The state the generic words of a civil war's sides stand for: the most mentioned state
    with an opposition listed (a civil-war state) when it is named, capitals aside, at least
    half as often as the most mentioned state ("the regime", "government-held" in a story of
    an Israeli strike in Syria are Syria's), else the most mentioned state."""
    home = home_state(matches, dictionary)
    war = home_state(matches, dictionary, with_opposition=True)
    if war is None or war == home:
        return home

    def count(state: str) -> int:  # capitals aside: "near Damascus" is mostly a place
        return sum(m.alias.party == state and m.alias.via != "capital" for m in matches)

    return war if 2 * count(war) >= count(home) else home


def nearest_candidate(match: Match, matches: list[Match], candidates: list[str]) -> str | None:
    """The candidate party mentioned closest to ``match`` in the article, or None."""
    near = [(abs(m.start - match.start), m.start, m.alias.party) for m in matches if m.alias.party in candidates]
    return min(near)[2] if near else None


OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def joined(text: str, left: Match, right: Match, gap: re.Pattern | None = None) -> bool:
    """Whether two matches stand in one sentence with only whitespace between them, or only
    what ``gap`` matches ("the government of Iraq")."""
    between = text[left.end : right.start]
    return left.sentence == right.sentence and (gap.fullmatch(between) is not None if gap else not between.strip())


def resolve_generic(text: str, matches: list[Match], dictionary: Dictionary) -> list[Match]:
    """Give each generic word ("regime", "rebels", "Kurds") its party, or drop it.

    A government word right after a state's word takes that state ("the Syrian regime",
    "Assad regime forces"); one before "of" and a state is dropped, the state's name being the
    mention ("the government of Iraq"); otherwise it takes the civil war's state
    (``civil_war_state``).  An opposition word takes the party listed as that state's
    opposition; with none listed, the opposition of the most mentioned state that has one
    ("rebel groups" in a story about Russia's strikes in Syria).  A generic word right after a named group that is no state describes it and is
    dropped ("the Ahrar ash-Sham rebel group"), and so is one right before such a group
    ("the Kurdish-led Syrian Democratic Forces").  A word with candidates ("Kurds":
    YPG, KRG...) takes the candidate mentioned closest to it.  Words with no party are dropped.
    """
    if not any(m.alias.via == "generic" for m in matches):
        return list(matches)
    home = civil_war_state(matches, dictionary)
    fallback = dictionary.oppositions.get(home_state(matches, dictionary, with_opposition=True))

    def kind(m: Match | None) -> str | None:
        return dictionary.kinds[m.alias.party] if m is not None and m.alias.party is not None else None

    resolved: list[Match] = []
    for k, match in enumerate(matches):
        if match.alias.via != "generic":
            resolved.append(match)
            continue
        after = matches[k + 1] if k + 1 < len(matches) else None
        if kind(after) not in (None, "state") and joined(text, match, after):
            continue  # "the Kurdish-led Syrian Democratic Forces": a description of the named group
        if match.alias.entry.startswith("nearest:"):
            party = nearest_candidate(match, matches, match.alias.entry.split(":", 1)[1].split(";"))
            if party is not None:
                match.alias = Alias(match.alias.text, party, "generic", match.alias.entry, match.alias.case_sensitive)
                resolved.append(match)
            continue
        before = resolved[-1] if resolved else None
        state = home
        if kind(before) is not None and joined(text, before, match):
            if kind(before) != "state":
                continue  # "the Ahrar ash-Sham rebel group": the named group's description
            state = before.alias.party
        elif kind(after) == "state" and joined(text, match, after, OF_THE):
            continue  # "the government of Iraq": one mention, the state's name
        party = state if match.alias.entry == "government" else dictionary.oppositions.get(state) or fallback
        if party is not None:
            match.alias = Alias(match.alias.text, party, "generic", match.alias.entry, match.alias.case_sensitive)
            resolved.append(match)
    return resolved


@lru_cache(maxsize=16)
def find_matches(article: Article, dictionary: Dictionary) -> list[Match]:
    """Dictionary matches in ``article.text``, merged into referring expressions.

    Cached for the last few (article, dictionary) pairs, both immutable and hashed by identity:
    mentions, outlets, voices and unknown names all start from these matches.  Callers must not
    change the returned matches.
    """
    if dictionary.include_unlisted:
        from .unlisted import with_unlisted

        return find_matches(article, with_unlisted(article, dictionary))
    starts = sentence_starts_of(article)
    words = article_words(article)
    matches = resolve_generic(article.text, match_aliases(article.text, words, starts, dictionary), dictionary)
    return assign_roles(article, merge_matches(article.text, matches), dictionary)


def assign_roles(article: Article, matches: list[Match], dictionary: Dictionary) -> list[Match]:
    """The two-role rule (GUIDELINES, Levels v2): a person listed under a state with a
    ``party:`` (a president, a minister) counts for that political party in a sentence about
    campaigning (a word of ``data/campaign_words.txt``: "campaign", "rally", "primary"...),
    and for the state in every other sentence.  People listed under a political party (members
    of Congress, candidates) always count for it.  A war's campaign is no campaigning ("the US
    air campaign": a word of ``data/military_campaign_words.txt`` before the cue), and a person
    named with the state's title ("US President Barack Obama", one merged mention) acts for the
    state whatever the sentence."""
    if not any(m.alias.via == "person" and m.alias.entry in dictionary.political_parties for m in matches):
        return matches
    campaigning = campaigning_sentences(article)
    for match in matches:
        political = dictionary.political_parties.get(match.alias.entry) if match.alias.via == "person" else None
        titled = match.has_person and match.person_span is not None and match.person_span[0] > match.start
        if political and match.sentence in campaigning and match.alias.party != political and not titled:
            match.alias = replace(match.alias, party=political)
    return matches


@lru_cache(maxsize=1)
def campaign_words() -> frozenset[str]:
    """Words that make a sentence about campaigning: a person acts there as a party politician."""
    return read_word_list("campaign_words.txt")


@lru_cache(maxsize=1)
def military_campaign_words() -> frozenset[str]:
    """Words that make the campaign word after them a war's ("air", "bombing")."""
    return read_word_list("military_campaign_words.txt")


def campaigning_sentences(article: Article) -> set[int]:
    """Indexes of the sentences with a campaign word (``campaign_words``) not after a military
    word (``military_campaign_words``: "air campaign", "bombing campaign")."""
    from .tokens import sentence_word_lists

    cues, military = campaign_words(), military_campaign_words()
    found = set()
    for index, words in sentence_word_lists(article):
        lowered = [w.lower for w in words]
        if any(w in cues and (k == 0 or lowered[k - 1] not in military) for k, w in enumerate(lowered)):
            found.add(index)
    return found


def find_mentions(article: Article, dictionary: Dictionary | None = None) -> pd.DataFrame:
    """One row per mention of an actor, in reading order.

    Columns: ``mention_id`` (0-based), ``sentence_id``, ``start``/``end`` (offsets into
    ``article.raw`` of the whole referring expression), ``text`` (its visible text),
    ``party`` (the actor: a party's canonical name; at person level a listed person's full
    name), ``party_of`` (the party the mention counts for at party level: the person's party,
    else ``party`` itself), ``kind`` (the actor's kind: state, armed group..., or ``person``),
    ``matched`` (the dictionary entry behind it: a person's full name, or the alias),
    ``via`` (name, adjective, capital, organisation, epithet, person), ``location`` (True when
    the party is named only as a place; strict counts leave these out).
    """
    dictionary = dictionary or load_dictionary()
    if dictionary.include_unlisted:
        from .unlisted import with_unlisted

        dictionary = with_unlisted(article, dictionary)
    rows = []
    for match in find_matches(article, dictionary):
        if match.alias.party is None:
            continue
        start, end = article.raw_span(match.start, match.end)
        party = match.alias.party
        actor, kind = party, dictionary.party_kind(party)
        if dictionary.level == "person" and match.alias.via == "person":
            actor, kind = match.alias.entry, "person"
        rows.append((
            len(rows), match.sentence, start, end, " ".join(article.text[match.start : match.end].split()),
            actor, party, kind, match.alias.entry, match.alias.via, is_location(article, match, dictionary),
        ))
    ints = {c: "int64" for c in ("mention_id", "sentence_id", "start", "end")}
    return records_frame(rows, MENTION_COLUMNS, {**ints, "location": bool})


@lru_cache(maxsize=16)
def outlet_countries(dictionary: Dictionary) -> dict:
    """Each outlet of ``dictionary`` -> its country as the outlets table holds it (empty or
    missing when it has none); cached per loaded dictionary."""
    return dict(zip(dictionary.outlets["outlet"].tolist(), dictionary.outlets["country"].tolist()))


def find_outlets(article: Article, dictionary: Dictionary | None = None) -> pd.DataFrame:
    """One row per media outlet named in the article (outlets are sources, not mentions).

    Columns: ``outlet_id``, ``sentence_id``, ``start``/``end`` (offsets into ``article.raw``),
    ``text``, ``outlet`` (the dictionary's name), ``country`` (its party, or empty).
    """
    dictionary = dictionary or load_dictionary()
    countries = outlet_countries(dictionary)
    rows = []
    for match in find_matches(article, dictionary):
        if match.alias.party is None:
            start, end = article.raw_span(match.start, match.end)
            outlet = match.alias.entry
            rows.append((len(rows), match.sentence, start, end, article.text[match.start : match.end], outlet, countries[outlet] or ""))
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


# --- counting -----------------------------------------------------------------------------


COUNT_COLUMNS = ["party", "mentions", "mentions_strict", "share"]  # actor_counts' columns
COUNT_DTYPES = {"mentions": "int64", "mentions_strict": "int64", "share": "float64"}


def actor_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per party: ``party, mentions, mentions_strict, share``, most mentioned first.

    ``mentions_strict`` leaves out ``location`` mentions; ``share`` is the party's part of
    all mentions (0–1).  Ties are sorted by strict count, then name.  The party column has the
    mentions' dtype.
    """
    columns = list(zip(*actor_count_rows(mentions))) or [()] * len(COUNT_COLUMNS)
    dtypes = {"party": mentions["party"].dtype, **COUNT_DTYPES}
    return pd.DataFrame({name: pd.Series(list(values), dtype=dtypes[name]) for name, values in zip(COUNT_COLUMNS, columns)})


def actor_count_rows(mentions: pd.DataFrame) -> list[tuple]:
    """The rows of ``actor_counts``, as tuples of ``COUNT_COLUMNS`` in its order."""
    total, strict = Counter(), Counter()
    for party, location in zip(mentions["party"].tolist(), mentions["location"].tolist()):
        total[party] += 1
        strict[party] += not location
    order = sorted(total, key=lambda party: (-total[party], -strict[party], party))
    return [(p, total[p], strict[p], round(total[p] / max(len(mentions), 1), 4)) for p in order]


def cooccurrence(mentions: pd.DataFrame, unit: str = "sentence", strict: bool = False) -> pd.DataFrame:
    """Pairs of parties mentioned in the same unit: ``party_a, party_b, n``.

    ``unit`` is ``"sentence"`` or any column of ``mentions`` that names a unit (``"doc_id"``...);
    ``n`` counts the units where both appear; ``party_a`` sorts before ``party_b``.
    ``strict`` leaves out location mentions.  Most frequent pairs first.
    """
    column = "sentence_id" if unit == "sentence" else unit
    if column not in mentions.columns:
        raise ValueError(f"cooccurrence: no column {column!r} in the mentions table")
    used = mentions[~mentions["location"].astype(bool)] if strict else mentions
    counts: dict[tuple[str, str], int] = {}
    for _, parties in used.groupby(column)["party"]:
        for pair in combinations(sorted(set(parties)), 2):
            counts[pair] = counts.get(pair, 0) + 1
    rows = [(a, b, n) for (a, b), n in counts.items()]
    table = pd.DataFrame(rows, columns=["party_a", "party_b", "n"])
    return table.sort_values(["n", "party_a", "party_b"], ascending=[False, True, True], ignore_index=True)


# Parts of speech that open or close no name: a capitalised "Despite", "Although" or "Says"
# opening a sentence or a headline before a name is not part of it (inside a sentence the
# parse is trusted less: "Secure America Now" is a name).
NOT_NAME_POS = frozenset({"ADP", "SCONJ", "CCONJ", "VERB", "AUX", "ADV", "PRON", "DET", "INTJ", "PART"})


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lower-case words inside a person's name (``data/name_particles.txt``: "bin", "al")."""
    return read_word_list("name_particles.txt")


@lru_cache(maxsize=1)
def name_joiners() -> frozenset[str]:
    """Lower-case words that may join two capitalised words of one name: the particles of
    ``data/name_particles.txt`` ("Osama bin Laden"), and "of" and "the" ("Ministry of the
    Interior")."""
    return name_particles() | {"of", "the"}


def is_capitalised(token: str) -> bool:
    """True when a name word of ``token`` starts with a capital ("Assad", "al-Assad", "U.S.")."""
    return any(token[a].isupper() for a, _ in name_parts(token))


def capitalised_runs(article: Article):
    """Yield the runs of capitalised tokens of each sentence of the token layer, in reading
    order: neighbours apart by spaces or tabs only, with at most one lower-case joiner
    (``name_joiners``) between two capitalised words.  Each run is a list of ``tokens.Word``
    of the parsed layer (``tokens.parsed_sentences``), so a run knows its parts of speech."""
    from .tokens import parsed_sentences, spaced_apart

    def spaced(a, b) -> bool:
        return spaced_apart(article.text, a, b, " \t")  # a no-break space does not join names here

    for words in parsed_sentences(article):
        run, joiner = [], None
        for w in words:
            after = joiner or (run[-1] if run else None)
            if is_capitalised(w.text):
                cut = next(a for a, _ in name_parts(w.text) if w.text[a].isupper())
                if cut and w.text[:cut].rstrip("-‐").lower() not in name_particles():
                    # "post-World", "pro-Clinton": the name starts at the capital; "al-Hawa" is whole
                    w = w._replace(text=w.text[cut:], start=w.start + cut)
                if after is not None and spaced(after, w):
                    run += [joiner, w] if joiner else [w]
                else:
                    if run:
                        yield run
                    run = [w]
                joiner = None
            elif run and joiner is None and w.text in name_joiners() and spaced(run[-1], w):
                joiner = w
            else:
                if run:
                    yield run
                run, joiner = [], None
        if run:
            yield run


def unknown_names(article: Article, mentions: pd.DataFrame, dictionary: Dictionary | None = None) -> pd.DataFrame:
    """Capitalised names that no mention or outlet covers, so an analyst sees what to add.

    Runs of capitalised tokens of the token layer ("Wehbe Katicha", "Begin-Sadat Center";
    ``capitalised_runs``) outside ``mentions`` and outside the dictionary's outlets, including
    the uncovered part of a run that holds a mention ("Iranian General Qasem Soleimani" gives
    "Qasem Soleimani"), and the whole run when a mention lies inside it, name words on both
    sides ("Secure America Now": an organisation, not the United States); an abbreviated title
    ("Sen.") ends a name, leading stop words and title words ("The", "President") are dropped;
    a single word left over beside a mention is not taken for a name, nor one that opens a
    sentence unless the article uses it as a name elsewhere ("Lauten later apologized" after
    "Elizabeth Lauten").
    Columns: ``name``, ``n`` (occurrences), ``first_start``/``first_end`` (offsets into
    ``article.raw`` of the first one), ``sentence_id`` (of the first one).  Most frequent first.
    """
    dictionary = dictionary or load_dictionary()
    covered = [article_span(article, s, e) for s, e in zip(mentions["start"], mentions["end"])]
    covered += [(m.start, m.end) for m in find_matches(article, dictionary) if m.alias.party is None]
    overlaps = span_index(covered)
    starts = sentence_starts_of(article)
    openings = set(starts)
    titles = title_words()
    skip = stop_words() | titles | calendar_words()
    found: dict[str, list] = {}
    openers: dict[str, list] = {}

    def is_skipped(word: str) -> bool:
        return fold(word) in skip or fold(word.rstrip(".")) in skip

    def add(table: dict, start: int, end: int) -> None:
        sentence = bisect.bisect_right(starts, start) - 1
        table.setdefault(article.text[start:end], []).append((start, end, sentence))

    for run in capitalised_runs(article):
        if encloses_mention(run, overlaps, is_skipped):
            add(found, run[0].start, run[-1].end)
            continue
        # the tokens of the run that no mention or outlet covers, in groups of neighbours; an
        # abbreviated title opens a group ("Arizona" | "Sen. John McCain")
        groups: list[list] = []
        for i, w in enumerate(run):
            if overlaps(w.start, w.end):
                continue
            abbreviated_title = w.text.endswith(".") and fold(w.text[:-1]) in titles
            if groups and groups[-1][-1][0] == i - 1 and not abbreviated_title:
                groups[-1].append((i, w))
            else:
                groups.append([(i, w)])
        uncovered = sum(len(g) for g in groups)
        for group in groups:
            parts = [w for _, w in group]
            while parts and (is_skipped(parts[0].text) or parts[0].pos in ("VERB", "AUX")
                             or parts[0].pos in NOT_NAME_POS and parts[0].start in openings):
                parts.pop(0)  # "The", "President", "Gov."; "Despite", "Says" opening a sentence
            while parts and (is_skipped(parts[-1].text) or parts[-1].pos in ("VERB", "AUX")):
                parts.pop()  # "of", "the" left at the end; a headline's verb ("... Arpaio Endorses")
            if not parts:
                continue
            start, end = parts[0].start, parts[-1].end
            if len(parts) == 1 and uncovered < len(run):
                continue  # one word left over beside a mention ("Second Lebanon War")
            add(openers if len(parts) == 1 and start in openings else found, start, end)
    surnames = {name_words(name)[-1] for name in found}  # "Sayoc" of "Cesar Sayoc Jr." too
    for word, places in openers.items():
        if fold(word) in surnames:  # "Lauten" opening a sentence, "Elizabeth Lauten" elsewhere
            found[word] = sorted(found.get(word, []) + places)
    rows = []
    for name, places in found.items():
        s, e, sentence = places[0]
        rows.append((name, len(places), *article.raw_span(s, e), sentence))
    table = pd.DataFrame(rows, columns=["name", "n", "first_start", "first_end", "sentence_id"])
    return table.sort_values(["n", "first_start"], ascending=[False, True], ignore_index=True)


def name_words(name: str) -> list[str]:
    """The folded words of a person's name without a generational suffix after two words or
    more ("Jesse Jackson Jr." -> ["jesse", "jackson"])."""
    words = [fold(w) for w in name.split()]
    while len(words) > 2 and words[-1].rstrip(".") in NAME_SUFFIXES:
        words.pop()
    return words


def encloses_mention(run: list, overlaps, is_skipped) -> bool:
    """Whether a capitalised run of at most five tokens holds a mention strictly inside, its
    first and last token uncovered, the first a proper noun and no stop or title word, the
    last no function word (capitalised inside a run, "Now" of "Secure America Now" is a
    name's), and no verb in it (a headline's "Alabama Republicans Defend Roy Moore")."""
    if not 3 <= len(run) <= 5:
        return False
    inside = [overlaps(w.start, w.end) for w in run]
    first, last = run[0], run[-1]
    return any(inside[1:-1]) and not inside[0] and not inside[-1] and not is_skipped(first.text) \
        and first.pos == "PROPN" and last.pos not in ("ADP", "DET", "CCONJ", "PRON") \
        and not any(w.pos in ("VERB", "AUX") for w in run)


def span_index(spans: list[tuple[int, int]]):
    """A function telling whether ``[a, b)`` overlaps any of ``spans``, in log time per call."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach, furthest = [], -1  # reach[k]: the furthest end among the first k + 1 spans
    for _, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)

    def overlaps(a: int, b: int) -> bool:
        k = bisect.bisect_left(starts, b) - 1  # the spans starting before b
        return k >= 0 and reach[k] > a

    return overlaps


def calendar_words() -> frozenset[str]:
    """Month and day names, and their abbreviations with a full stop ("Sept.", "Tue."; "Jan"
    without one may be a first name), which are capitalised but name no actor."""
    abbreviations = [*calendar.month_abbr[1:], *calendar.day_abbr, "Sept", "Tues", "Thur", "Thurs"]
    return frozenset(fold(w) for w in [*calendar.month_name[1:], *calendar.day_name, *(a + "." for a in abbreviations)])


def article_span(article: Article, raw_start: int, raw_end: int) -> tuple[int, int]:
    """The span of ``article.text`` behind a raw span (the inverse of ``raw_span``)."""
    start = bisect.bisect_left(article.raw_starts, raw_start)
    end = bisect.bisect_left(article.raw_ends, raw_end) + 1
    return start, end


def whole_words(text: str, start: int, end: int) -> str:
    """``text[start:end]`` without a word cut in two at either edge."""
    while start < end and start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start += 1
    while end > start and end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end -= 1
    return text[start:end]


def counts_long(counts: pd.DataFrame) -> pd.DataFrame:
    """The ``actor_counts`` table in long form for charts: ``party, count ("all"/"strict"), n``."""
    table = counts.rename(columns={"mentions": "all", "mentions_strict": "strict"})
    return table.melt(id_vars="party", value_vars=["all", "strict"], var_name="count", value_name="n")


def mention_contexts(article: Article, mentions: pd.DataFrame, parties=None, window: int = 60) -> pd.DataFrame:
    """Each mention with the text around it: ``mention_id, party, pre, mention, post``.

    ``window`` characters of visible text each side (cut at word boundaries); ``parties``
    limits the rows to those parties, in the order given.
    """
    rows = []
    chosen = mentions if parties is None else mentions[mentions["party"].isin(parties)]
    for r in chosen.itertuples():
        start, end = article_span(article, r.start, r.end)
        pre = " ".join(whole_words(article.text, max(0, start - window), start).split())
        post = " ".join(whole_words(article.text, end, min(len(article.text), end + window)).split())
        rows.append((r.mention_id, r.party, pre, article.text[start:end], post))
    table = pd.DataFrame(rows, columns=["mention_id", "party", "pre", "mention", "post"])
    if parties is not None:
        order = {p: i for i, p in enumerate(parties)}
        table = table.sort_values(["party", "mention_id"], key=lambda c: c.map(order) if c.name == "party" else c, ignore_index=True)
    return table
