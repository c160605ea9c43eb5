"""Names the dictionary lacks as actors of their own (--include-unlisted)."""
from __future__ import annotations

import pandas as pd

from analysis.__main__ import main
from analysis.actors import find_mentions, load_dictionary
from analysis.unlisted import unlisted_actors

TEXT = ("# Ouisa Tarrow defends plan\n\n"
        "Ouisa Tarrow, the governor, said the plan works. Critics in Brinkley disagreed with Tarrow, "
        "and Brinkley voters stayed home in Brinkley. The Springfield Alliance backed her; the Springfield "
        "Alliance said so. The Clean Water Act came up twice, the Clean Water Act and Ohio. Ohio and Marta "
        "Kowalski waited.\n")


def test_frequent_names_that_are_neither_places_nor_things_become_actors(load_text):
    # "Tarrow" counts for "Ouisa Tarrow"; "Brinkley" follows "in" in two of its three
    # occurrences (a place); "Ohio" is a listed place; "Clean Water Act" a law; "Marta
    # Kowalski" is named once
    article = load_text("a.md", TEXT)
    table = unlisted_actors(article, load_dictionary())
    assert table[["name", "n", "forms"]].values.tolist() == [
        ["Ouisa Tarrow", 3, "Ouisa Tarrow;Tarrow"], ["Springfield Alliance", 2, "Springfield Alliance"]]
    assert article.raw[table.loc[0, "first_start"]:].startswith("Ouisa Tarrow defends")


def test_unlisted_actors_are_mentions_of_kind_unlisted(load_text):
    article = load_text("a.md", TEXT)
    mentions = find_mentions(article, load_dictionary(include_unlisted=True))
    unlisted = mentions[mentions["kind"] == "unlisted"]
    assert unlisted[["text", "party", "party_of"]].values.tolist() == [
        ["Ouisa Tarrow", "Ouisa Tarrow", "Ouisa Tarrow"], ["Ouisa Tarrow", "Ouisa Tarrow", "Ouisa Tarrow"],
        ["Tarrow", "Ouisa Tarrow", "Ouisa Tarrow"], ["Springfield Alliance", "Springfield Alliance", "Springfield Alliance"],
        ["Springfield Alliance", "Springfield Alliance", "Springfield Alliance"]]
    # without the option, none
    assert "unlisted" not in set(find_mentions(article, load_dictionary())["kind"])


def test_command_line_include_unlisted(write_file, tmp_path):
    # python -m analysis tables ARTICLE --out DIR --level person --include-unlisted
    article = write_file("article.md", TEXT)
    out = tmp_path / "out"
    assert main(["tables", str(article), "--out", str(out), "--level", "person", "--include-unlisted"]) == 0
    counts = pd.read_csv(out / "actor_counts.csv")
    assert counts[["party", "mentions"]].values.tolist()[:2] == [["Ouisa Tarrow", 3], ["Springfield Alliance", 2]]
    stance = pd.read_csv(out / "stance.csv")
    assert {"Ouisa Tarrow", "Springfield Alliance"} <= set(stance.loc[stance["voice"] == "author", "party"])
    unknown = pd.read_csv(out / "unknown_names.csv")
    assert "Ouisa Tarrow" not in set(unknown["name"])  # an actor now, no longer unknown
