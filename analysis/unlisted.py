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

from .actors import (Dictionary, alias_forms, dictionary_view, find_mentions, fold, location_cues, make_alias,
                     read_yaml, unknown_names)
from .article import Article
from .paths import DATA_DIR
from .tokens import words_before

KIND = "unlisted"
COLUMNS = ["name", "n", "forms", "first_start"]


@lru_cache(maxsize=1)
def unlisted_rules() -> dict:
    """``data/unlisted.yml``: ``min_mentions``, and the ``places``, ``place_words`` and
    ``thing_words`` lists (folded)."""
    data = read_yaml((DATA_DIR / "unlisted.yml").read_text(encoding="utf-8"))
    rules = {key: frozenset(fold(v) for v in data[key]) for key in ("places", "place_words", "thing_words")}
    rules["min_mentions"] = int(data["min_mentions"])
    return rules


def unlisted_actors(article: Article, dictionary: Dictionary) -> pd.DataFrame:
    """The names of ``article`` that become actors: one row per actor, most mentioned first.

    Starts from ``unknown_names`` (the dictionary's own mentions and outlets left out); a
    one-word name that is the last word of a longer name counts for it ("Lauten" for "Elizabeth
    Lauten").  Kept when seen at least ``min_mentions`` times and not a place (mostly after "in",
    "from"...; a listed place; a last word such as "County") nor a thing (a last word such as
    "Act", "Day", "War"), nor a heading in capitals.  Columns: ``name``, ``n`` (occurrences of
    all its forms), ``forms`` (the forms written, ";"-joined, the name first), ``first_start``
    (raw offset of its first occurrence).
    """
    base = dictionary_view(dictionary, dictionary.level, False)
    names = unknown_names(article, find_mentions(article, base), base)
    rules = unlisted_rules()
    groups: dict[str, list[str]] = {}
    for name in sorted(names["name"], key=lambda x: (-len(x.split()), x)):
        words = name.split()
        owner = next((g for g in groups if len(words) == 1 and len(g.split()) > 1 and g.split()[-1] == name), None)
        groups.setdefault(owner or name, []).append(name)
    counts = dict(zip(names["name"], names["n"]))
    firsts = dict(zip(names["name"], names["first_start"]))
    rows = []
    for name, forms in groups.items():
        n = sum(counts[f] for f in forms)
        if n < rules["min_mentions"] or is_place(article, name, forms, rules) or is_thing(name, rules):
            continue
        rows.append((name, n, ";".join(forms), min(firsts[f] for f in forms)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["n", "first_start", "name"], ascending=[False, True, True], ignore_index=True)


def is_thing(name: str, rules: dict) -> bool:
    """A law, an event or a heading: its last word is a thing word ("Act", "Day"), or it is
    written in capitals and is no short acronym ("BOSS THINKS", not "NRA")."""
    words = name.split()
    if fold(words[-1].strip(".")) in rules["thing_words"]:
        return True
    letters = "".join(c for c in name if c.isalpha())
    return letters.isupper() and (len(words) > 1 or len(letters) > 5)


def is_place(article: Article, name: str, forms: list[str], rules: dict) -> bool:
    """A listed place, a name ending in a place word ("Cook County"), or a name that follows a
    place preposition ("in", "from") in at least half of its occurrences."""
    if fold(name) in rules["places"] or fold(name.split()[-1]) in rules["place_words"]:
        return True
    prepositions = location_cues()["prepositions"]
    text = article.text
    after_preposition = seen = 0
    for form in forms:
        at = text.find(form)
        while at >= 0:
            before = words_before(article, at, 2)
            seen += 1
            after_preposition += bool(before) and (before[-1].lower in prepositions
                                                   or before[-1].lower == "the" and len(before) > 1 and before[0].lower in prepositions)
            at = text.find(form, at + len(form))
    return seen > 0 and 2 * after_preposition >= seen


@lru_cache(maxsize=16)
def with_unlisted(article: Article, dictionary: Dictionary) -> Dictionary:
    """``dictionary`` (without ``include_unlisted``) with the ``unlisted_actors`` of ``article``
    added as parties of kind ``unlisted``; cached for the last few (article, dictionary) pairs.
    A form the dictionary already has is not added again."""
    base = dictionary_view(dictionary, dictionary.level, False)
    table = unlisted_actors(article, dictionary)
    if table.empty:
        return base
    index, kinds = dict(base.index), dict(base.kinds)
    prefixes = set(base.prefixes)
    for name, forms in zip(table["name"], table["forms"]):
        kinds[name] = KIND
        for form in forms.split(";"):
            alias = make_alias(form, name, "name", name)
            for words in alias_forms(alias):
                if words and words not in index:
                    index[words] = alias
                    prefixes.update(words[:n] for n in range(1, len(words) + 1))
    rows = pd.DataFrame({"party": table["name"], "kind": KIND, "members": ""})
    parties = pd.concat([base.parties, rows], ignore_index=True)
    return replace(base, index=index, kinds=kinds, prefixes=frozenset(prefixes), parties=parties,
                   longest=max(base.longest, max(map(len, index))))
