"""How the mention matcher's cost grows with the dictionary: the same article, 1x and 10x.

    .venv/bin/python benchmarks/dictionary_scaling.py [ARTICLE]

The 10x dictionary adds nine renamed copies of every party, person, outlet and generic word
(each word gets a suffix that never occurs in news text), so the article has the same matches
and only the dictionary grows.  Prints the time per article for both and their ratio; a flat
matcher (a hash lookup of word n-grams) stays near 1.0x.  Times are the best of several runs,
measured in this one process, so the ratio holds on a busy machine where absolute times do not.
"""
from __future__ import annotations

import copy
import string
import sys

import yaml

from analysis import load_article
from analysis.actors import DEFAULT_DICTIONARY, build_dictionary, find_matches, find_mentions
from analysis.paths import DEFAULT_ARTICLE
from analysis.tokens import sentence_spans
from timing import best_seconds

REPEATS = 7


def suffix(text: str, k: int) -> str:
    """Every word of ``text`` with a suffix such as "qxb" that no real name carries."""
    tag = "qx" + string.ascii_lowercase[k]
    return " ".join(word + tag for word in text.split())


def renamed_copy(data: dict, k: int) -> dict:
    """The dictionary's entries with every name and alias renamed for copy ``k``."""
    out = copy.deepcopy(data)
    names = {p["name"]: suffix(p["name"], k) for p in out["parties"]}
    for party in out["parties"]:
        party["name"] = names[party["name"]]
        for key in ("names", "adjectives", "capitals", "organisations", "epithets"):
            party[key] = [suffix(a, k) for a in party.get(key) or []]
        party["members"] = [names[m] for m in party.get("members") or []]
        if party.get("opposition_of"):
            party["opposition_of"] = names[party["opposition_of"]]
        for person in party.get("people") or []:
            person["name"] = suffix(person["name"], k)
            person["aliases"] = [suffix(a, k) for a in person.get("aliases") or []]
    for outlet in out.get("outlets") or []:
        outlet["name"] = suffix(outlet["name"], k)
        outlet["aliases"] = [suffix(a, k) for a in outlet.get("aliases") or []]
        outlet["country"] = names.get(outlet.get("country"))
    for entry in out.get("generic") or []:
        entry["words"] = [suffix(w, k) for w in entry["words"]]
        entry["candidates"] = [names[c] for c in entry.get("candidates") or []]
    return out


def scaled(data: dict, factor: int) -> dict:
    """The dictionary with ``factor - 1`` renamed copies added."""
    copies = [renamed_copy(data, k) for k in range(1, factor)]
    return {
        "parties": data["parties"] + [p for c in copies for p in c["parties"]],
        "outlets": data.get("outlets", []) + [o for c in copies for o in c["outlets"]],
        "generic": data.get("generic", []) + [g for c in copies for g in c["generic"]],
    }


def clear_caches() -> None:
    """Forget the per-article caches, so every run matches the article afresh."""
    find_matches.cache_clear()
    sentence_spans.cache_clear()


def main(argv: list[str]) -> None:
    article = load_article(argv[0] if argv else DEFAULT_ARTICLE)
    data = yaml.safe_load(DEFAULT_DICTIONARY.read_text(encoding="utf-8"))
    one = build_dictionary("1x", data)
    ten = build_dictionary("10x", scaled(data, 10))
    assert find_mentions(article, one).equals(find_mentions(article, ten)), "copies changed the matches"
    t1, t10 = (best_seconds(lambda d=d: find_mentions(article, d), REPEATS, before=clear_caches) for d in (one, ten))
    print(f"article: {article.name} ({len(article.text):,} characters)")
    print(f"1x dictionary:  {len(one.index):>7,} alias forms  {t1 * 1000:8.1f} ms per article")
    print(f"10x dictionary: {len(ten.index):>7,} alias forms  {t10 * 1000:8.1f} ms per article")
    print(f"ratio 10x / 1x: {t10 / t1:.2f}x (flat = 1.00x; linear in the dictionary = 10x)")


if __name__ == "__main__":
    main(sys.argv[1:])
