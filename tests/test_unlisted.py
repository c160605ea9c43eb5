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


def test_forms_of_one_person_are_grouped():
    # same first and last word: one actor under the most frequent form; a bare surname joins
    # the one bearer named most often, a bare first name a two-word name
    from analysis.unlisted import group_names

    counts = {"Paul LePage": 2, "Paul R. LePage": 1, "LePage": 9, "Jesse Jackson": 2, "Sandra Jackson": 1,
              "Jackson": 4, "Pete Santilli": 1, "Pete": 2, "Bernie Delegates Network": 2, "Bernie": 3}
    assert group_names(counts) == {
        "Paul LePage": ["Paul LePage", "Paul R. LePage", "LePage"], "Jesse Jackson": ["Jesse Jackson", "Jackson"],
        "Sandra Jackson": ["Sandra Jackson"], "Pete Santilli": ["Pete Santilli", "Pete"],
        "Bernie Delegates Network": ["Bernie Delegates Network"], "Bernie": ["Bernie"]}


def test_names_lose_titles_and_a_place_after_of():
    from analysis.unlisted import clean_name, unlisted_rules

    rules = unlisted_rules()
    assert [clean_name(n, rules) for n in ["Arizona Sheriff Joe Arpaio", "Sheriff Arpaio", "Rashida Tlaib of Michigan",
                                           "Bank of America", "Agent Peter Strzok", "Sheriff"]] == [
        "Joe Arpaio", "Arpaio", "Rashida Tlaib", "Bank of America", "Peter Strzok", "Sheriff"]
