"""Names the dictionary lacks, made actors of their own (``--include-unlisted``).

An article about actors the dictionary does not list (a state governor, a TV host, an advocacy
group) still gets counts, sentiment and stance for them: the frequent capitalised names of
``actors.unknown_names`` that are neither places nor things become actors of kind ``unlisted``,
for this article only.  The rules are data (``data/unlisted.yml``).

``unlisted_actors(article, dictionary)`` -> DataFrame ``name, n, forms, first_start``
``with_unlisted(article, dictionary)``   -> the dictionary with those names added, for ``article``
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd

from .actors import (Alias, Dictionary, alias_forms, before_directions, dictionary_view, find_matches, find_mentions,
                     fold, location_cues, make_alias, name_joiners, name_words, read_word_list, read_yaml,
                     unknown_names)
from .article import Article
from .paths import DATA_DIR
from .tokens import parsed_word_at, words_after, words_before

KIND = "unlisted"
COLUMNS = ["name", "n", "forms", "first_start"]
COMMON_POS = frozenset({"NOUN", "ADJ", "VERB", "AUX"})  # a last word so tagged ends no name ("Chemical Attack")


@lru_cache(maxsize=1)
def unlisted_rules() -> dict:
    """``data/unlisted.yml``: ``min_mentions``, ``max_words``, and the ``places``, ``place_words``,
    ``thing_words``, ``thing_openers``, ``person_titles`` and ``state_abbreviations`` lists
    (folded)."""
    data = read_yaml((DATA_DIR / "unlisted.yml").read_text(encoding="utf-8"))
    keys = ("places", "place_words", "thing_words", "thing_openers", "person_titles", "state_abbreviations")
    rules = {key: frozenset(fold(v) for v in data[key]) for key in keys}
    rules["min_mentions"], rules["max_words"] = int(data["min_mentions"]), int(data["max_words"])
    return rules


def unlisted_actors(article: Article, dictionary: Dictionary) -> pd.DataFrame:
    """The names of ``article`` that become actors: the ``promoted_names`` that are no listed
    person's surname.  Columns: ``name``, ``n``, ``forms``, ``first_start``."""
    table = promoted_names(article, dictionary)
    return table[table["person"] == ""].drop(columns="person").reset_index(drop=True)


def promoted_names(article: Article, dictionary: Dictionary) -> pd.DataFrame:
    """The names of ``article`` promoted from ``unknown_names``: one row per name, most mentioned first.

    Starts from ``unknown_names`` (the dictionary's own mentions and outlets left out), each
    cut after its last person title and before "of Place" (``clean_name``) and grouped
    (``group_names``: "Lauten" counts for "Elizabeth Lauten", "Paul R. LePage" for "Paul
    LePage").  Kept when seen at least ``min_mentions`` times, at least once in the body (not
    only in the title or a heading), of at most ``max_words`` words, read as a proper name by
    the parse (``is_proper_name``), and not a place (``is_place``) or a thing (``is_thing``: a
    last word such as "Act", "Day", "War", a tag, a heading in capitals).  Columns: ``name``
    (without a generational suffix: "Cesar Sayoc" for "Cesar Sayoc Jr."), ``n`` (occurrences
    of all its forms), ``forms`` (the forms as written, ";"-joined, the most frequent first),
    ``first_start`` (raw offset of its first occurrence), ``person``: for a one-word name that
    is the surname of one listed person the article names ("Ryan" after "Speaker Paul Ryan",
    where the dictionary lists no bare "Ryan"), that person's full name; else "".
    """
    base = dictionary_view(dictionary, dictionary.level, False)
    names = unknown_names(article, find_mentions(article, base), base)
    rules = unlisted_rules()
    counts, firsts = {}, {}
    for name, n, first in zip(names["name"], names["n"], names["first_start"]):
        name = clean_name(name, rules)
        if len(name.split()) <= rules["max_words"]:
            counts[name] = counts.get(name, 0) + n
            firsts[name] = min(firsts.get(name, first), first)
    rows = []
    places = {name: occurrences(article, [name]) for name in counts}  # each form found once
    for name, forms in group_names(counts, body_firsts(article, places)).items():
        n = sum(counts[f] for f in forms)
        if n < rules["min_mentions"] or is_thing(name, rules):
            continue
        found = sorted(place for form in forms for place in places[form])
        if not any(in_body(article, at) for at, _ in found) or is_place(article, name, found, rules) \
                or not is_proper_name(article, name, found):
            continue
        rows.append((without_suffix(name), n, ";".join(forms), min(firsts[f] for f in forms)))
    people = listed_surnames(article, base)
    rows = [row + (people[fold(row[0])].entry if fold(row[0]) in people else "",) for row in rows]
    table = pd.DataFrame(rows, columns=COLUMNS + ["person"])
    return table.sort_values(["n", "first_start", "name"], ascending=[False, True, True], ignore_index=True)


def listed_surnames(article: Article, dictionary: Dictionary) -> dict:
    """folded surname -> the alias of the one listed person of that surname that ``article``
    names (people sharing a surname there are left out: "Bush" of George W. and Jeb)."""
    people: dict[str, dict] = {}
    for m in find_matches(article, dictionary):
        if m.alias.via == "person":
            people.setdefault(name_words(m.alias.entry)[-1], {})[m.alias.entry] = m.alias
    return {surname: next(iter(found.values())) for surname, found in people.items() if len(found) == 1}


def without_suffix(name: str) -> str:
    """``name`` without a generational suffix after two words or more: the actor "Cesar Sayoc"
    for "Cesar Sayoc Jr.", whose forms ``group_names`` already keys alike."""
    return " ".join(name.split()[: len(name_words(name))])


def body_firsts(article: Article, places: dict[str, list[tuple[int, str]]]) -> dict[str, float]:
    """name -> offset in ``article.text`` where it first occurs in the body (not in the title or
    a heading); infinity for a name met only there.  ``places``: name -> its ``occurrences``."""
    return {name: next((at for at, _ in found if in_body(article, at)), float("inf")) for name, found in places.items()}


def group_names(counts: dict[str, int], firsts: dict[str, int] | None = None) -> dict[str, list[str]]:
    """Group the forms of one actor: names of two words or more with the same first and last
    word ("Paul LePage", "Paul R. LePage"; accents aside) under the most frequent; then a
    one-word name under the one group whose last word it is ("LePage"; not "Critics of
    Chick-fil-A"), else the one two-word group whose first word it is and that the text named
    first ("Pete" for "Pete Santilli", not "WikiLeaks" for a later "WikiLeaks Twitter", nor
    for a headline's "WikiLeaks Visit"; of several, the one named most often, if one is);
    one-word names that differ in case only are one ("Wikileaks").  ``firsts`` (name -> offset
    of its first occurrence in the body, ``body_firsts``) is optional: without it, any order.
    Returns name -> its forms, the name first."""
    def key(name: str) -> tuple[str, str]:
        words = name_words(name)  # "Jesse Jackson Jr." is Jesse Jackson's key
        return words[0], words[-1]

    groups: dict[str, list[str]] = {}
    by_key: dict[tuple[str, str], str] = {}
    longer = sorted((n for n in counts if len(n.split()) > 1), key=lambda n: (-counts[n], len(n), n))
    for name in longer:
        head = by_key.setdefault(key(name), name)
        groups.setdefault(head, []).append(name)
    firsts = firsts or {}

    def earlier(group: str, name: str) -> bool:
        return firsts.get(group, 0) <= firsts.get(name, 0)

    singles = sorted((n for n in counts if len(n.split()) == 1), key=lambda n: (-counts[n], n))
    for name in singles:
        word = fold(name)
        owners = [g for g in groups if key(g)[1] == word and "of" not in g.split()] \
            or [g for g in groups if key(g)[0] == word and len(g.split()) == 2 and earlier(g, name)] \
            or [g for g in groups if len(g.split()) == 1 and fold(g) == word]
        sizes = sorted((sum(counts[f] for f in groups[g]), g) for g in owners)
        # the one owner, or the one named more often than any other ("Jackson": Jesse, not Sandra)
        owner = sizes[-1][1] if len(sizes) == 1 or len(sizes) > 1 and sizes[-1][0] > sizes[-2][0] else name
        groups.setdefault(owner, []).append(name)
    return groups


def clean_name(name: str, rules: dict) -> str:
    """A name cut after its last person title ("Arizona Sheriff Joe Arpaio" gives "Joe
    Arpaio") and before "of" and a place after a person's name: one word ("Rashida Tlaib of
    Michigan", "Cesar Sayoc of Aventura") or a place name of up to three ("Joe Arpaio of
    Maricopa County"); "Bank of America" stays."""
    name = without_titles(name, rules)
    words = name.split()
    if "of" in words[2:-1]:
        at = words.index("of", 2)
        place = words[at + 1:]
        if len(place) == 1 or len(place) <= 3 and (fold(place[-1]) in rules["place_words"] or fold(" ".join(place)) in rules["places"]):
            name = " ".join(words[:at])
    return name


def without_titles(name: str, rules: dict) -> str:
    """``name`` after its last person title ("Arizona Sheriff Joe Arpaio" gives "Joe
    Arpaio"); unchanged when a title is its last word or it has none."""
    words = name.split()
    cut = max((k + 1 for k, w in enumerate(words[:-1]) if fold(w.rstrip(".")) in rules["person_titles"]), default=0)
    return " ".join(words[cut:])


def is_thing(name: str, rules: dict) -> bool:
    """A law, an event, a tag or a heading: its last word is a thing word ("Act", "Day") or its
    first a thing opener ("Operation"); a party-and-state tag ("R-Texas") or one abbreviation
    ("Ill.", "N.H"); or it is written in capitals and is no short acronym ("BOSS THINKS", not
    "NRA")."""
    words = name.split()
    if fold(words[-1].strip(".")) in rules["thing_words"] or len(words) > 1 and fold(words[0]) in rules["thing_openers"]:
        return True
    if len(words) == 1 and ("." in name or len(name) > 2 and name[1] == "-" and name[0] in "RDI"):
        return True
    letters = "".join(c for c in name if c.isalpha())
    return letters.isupper() and (len(words) > 1 or len(letters) > 5)


def occurrences(article: Article, forms: list[str]) -> list[tuple[int, str]]:
    """``(offset in article.text, form)`` where a form of a name starts as a token of the
    layer, in reading order."""
    found = []
    for form in forms:
        at = article.text.find(form)
        while at >= 0:
            if parsed_word_at(article, at) is not None:
                found.append((at, form))
            at = article.text.find(form, at + len(form))
    return sorted(found)


def in_body(article: Article, at: int) -> bool:
    """Whether offset ``at`` lies in the article's body, not in its title or a heading."""
    block = next((b for b in article.blocks if b.text_start <= at < b.text_end), None)
    return block is not None and block.kind not in ("title", "heading")


def is_proper_name(article: Article, name: str, places: list[tuple[int, str]]) -> bool:
    """Whether the parse reads the name as a proper name: a one-word name must be a proper
    noun in most of its occurrences ("Arab" and "Islamist" are adjectives); a longer one where
    it first occurs written in full in the body, at least half of its words proper nouns and
    the last no common noun, adjective or verb (particles aside: "Jund al-Aqsa"; "Julian" of
    "Julian Assange" is read as an adjective), so that "Chemical Attack" or "Deir Ezzor Civilians" from a headline is none;
    a one-word name written as only names are (``looks_like_name``) is one, and so is a name of
    two or three words that opens with a given name (``data/given_names.txt``: the tagger reads
    "Sean Hannity" as an adjective and a noun)."""
    words = name.split()
    if 2 <= len(words) <= 3 and fold(words[0]) in given_names() and words[-1][:1].isupper():
        return True  # "Sean Hannity": a given name opens a person's name, whatever the tags
    if len(words) == 1:
        if looks_like_name(name):
            return True
        tags = [w.pos for w in (parsed_word_at(article, at) for at, _ in places) if w is not None]
        return 2 * sum(t == "PROPN" for t in tags) >= len(tags) > 0
    first = next((at for at, form in places if form == name and in_body(article, at)), None)
    if first is None:
        return True  # written in full only in a heading: the body's shorter forms were read above
    words = [w for w in words_after(article, first, len(name.split()) + 2) if w.end <= first + len(name)]
    parsed = [parsed_word_at(article, w.start) for w in words]
    if any(w is None for w in parsed) or not parsed:
        return False
    names = [w for w in parsed if w.lower not in name_joiners()]
    return bool(names) and names[-1].pos not in COMMON_POS and 2 * sum(w.pos == "PROPN" for w in names) >= len(names)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """``data/given_names.txt``: frequent given names, folded."""
    return frozenset(fold(w) for w in read_word_list("given_names.txt"))


def looks_like_name(word: str) -> bool:
    """Whether one word is written as only a name is: a capital inside a part ("WikiLeaks",
    "BuzzFeed", "McCarthy") or three hyphenated parts, the first and last capitalised
    ("Chick-fil-A") -- the tagger often reads these as common nouns."""
    parts = word.split("-")
    inner = any(any(c.isupper() for c in p[1:]) and any(c.islower() for c in p) for p in parts)
    return inner or len(parts) >= 3 and parts[0][:1].isupper() and parts[-1][:1].isupper()


def is_place(article: Article, name: str, places: list[tuple[int, str]], rules: dict) -> bool:
    """A listed place (``places``, and the regions of locations.yml), a name ending in a place
    word ("Cook County"), or a name that in at least half of its occurrences follows a place
    preposition ("in", "from"; "in eastern Aleppo"), is followed by a place noun ("Aleppo
    province") or by a comma and a state ("Aventura, Fla."), or follows a place noun with
    "of" ("the town of Madaya").  ``places``: ``(offset, form)`` of its occurrences
    (``occurrences``)."""
    cues = location_cues()
    whole, last = fold(name), fold(name.split()[-1])
    if whole in rules["places"] or whole in cues["regions"] or last in rules["place_words"] or last in rules["places"]:
        return True  # "Ohio", "Cook County", "Midtown Manhattan"
    placed = 0
    for at, form in places:
        before = [w.lower for w in words_before(article, at, 4)]
        k = before_directions(before, cues)
        after = words_after(article, at + len(form), 2)
        placed += k > 0 and before[k - 1] in cues["prepositions"] \
            or bool(after) and after[0].lower in cues["geo_nouns"] or before_state(after, rules) \
            or k >= 2 and before[k - 1] == "of" and before[k - 2] in cues["geo_nouns"]
    return bool(places) and 2 * placed >= len(places)


def before_state(after: list, rules: dict) -> bool:
    """Whether the words after a name are a comma and a state ("Aventura, Fla.", "Austin, Texas")."""
    if len(after) < 2 or after[0].text != ",":
        return False
    state = fold(after[1].text.rstrip("."))
    return state in rules["state_abbreviations"] or state in rules["places"]


@lru_cache(maxsize=16)
def with_unlisted(article: Article, dictionary: Dictionary) -> Dictionary:
    """``dictionary`` (without ``include_unlisted``) with the ``unlisted_actors`` of ``article``
    added as parties of kind ``unlisted``; cached for the last few (article, dictionary) pairs.
    A form the dictionary already has is not added again."""
    base = dictionary_view(dictionary, dictionary.level, False)
    promoted = promoted_names(article, dictionary)
    if promoted.empty:
        return base
    index, kinds = dict(base.index), dict(base.kinds)
    prefixes = set(base.prefixes)
    people = listed_surnames(article, base)

    def add(alias: Alias, words: tuple) -> None:
        if words and words not in index:
            index[words] = alias
            prefixes.update(words[:n] for n in range(1, len(words) + 1))

    for name, forms, person in zip(promoted["name"], promoted["forms"], promoted["person"]):
        for form in forms.split(";"):
            if person:  # "Ryan" is Paul Ryan's in this article, as written ("price" is no Tom Price)
                listed = people[fold(name)]
                alias = Alias(form, listed.party, listed.via, listed.entry, True)
            else:
                kinds[name] = KIND
                alias = make_alias(form, name, "name", name)
            for words in alias_forms(alias):
                add(alias, words)
    table = promoted[promoted["person"] == ""]
    if table.empty:
        return replace(base, index=index, prefixes=frozenset(prefixes))
    rows = pd.DataFrame({"party": table["name"], "kind": KIND, "members": ""})
    parties = pd.concat([base.parties, rows], ignore_index=True)
    return replace(base, index=index, kinds=kinds, prefixes=frozenset(prefixes), parties=parties,
                   longest=max(base.longest, max(map(len, index))))
