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


def test_a_first_name_joins_only_a_full_name_met_before_it_and_case_apart_is_one_name():
    from analysis.unlisted import group_names

    counts = {"WikiLeaks": 9, "Wikileaks": 1, "WikiLeaks Twitter": 1, "Pete Santilli": 1, "Pete": 2,
              "Chick-fil-A Visit": 1, "Chick-fil-A": 4, "Critics of Chick-fil-A": 1}
    firsts = {"WikiLeaks": 42, "Wikileaks": 1186, "WikiLeaks Twitter": 561, "Pete Santilli": 10, "Pete": 90,
              "Chick-fil-A Visit": float("inf"), "Chick-fil-A": 300, "Critics of Chick-fil-A": 400}
    # a headline's name comes first in no body; a name with "of" is no bearer of its last word
    assert group_names(counts, firsts) == {
        "WikiLeaks Twitter": ["WikiLeaks Twitter"], "Pete Santilli": ["Pete Santilli", "Pete"],
        "Chick-fil-A Visit": ["Chick-fil-A Visit"], "Critics of Chick-fil-A": ["Critics of Chick-fil-A"],
        "WikiLeaks": ["WikiLeaks", "Wikileaks"], "Chick-fil-A": ["Chick-fil-A"]}


def test_a_place_of_several_words_after_of_is_cut_too():
    from analysis.unlisted import clean_name, unlisted_rules

    rules = unlisted_rules()
    assert [clean_name(n, rules) for n in ["Sheriff Joe Arpaio of Maricopa County", "Joe Arpaio of New Mexico",
                                           "Bank of America", "Chamber of Commerce", "Jane Doe of Big Bank Group"]] == [
        "Joe Arpaio", "Joe Arpaio", "Bank of America", "Chamber of Commerce", "Jane Doe of Big Bank Group"]


def test_names_written_as_only_names_are():
    from analysis.unlisted import looks_like_name

    assert [looks_like_name(w) for w in ["WikiLeaks", "McCarthy", "Chick-fil-A", "NRA", "Pro-Trump", "Secure"]] == [
        True, True, True, False, False, False]


ORGANISATION = ("# Groups\n\n"
                "Secure America Now ran an ad. The ad by Secure America Now aired in Ohio. "
                "Marta Kowalski lives in Aventura, Fla., and Aventura, Fla. voted. Kowalski agreed.\n\n"
                "Alabama Republicans Defend Roy Moore, the paper wrote. Alabama Republicans Defend Roy Moore again.\n")


def test_a_name_round_a_mention_is_one_name_and_a_town_before_its_state_a_place(load_text):
    # "America" inside "Secure America Now" is the organisation's, not the United States; a run
    # with a verb in it is a headline, not a name; "Aventura, Fla." is a town; "Kowalski"
    # opening a sentence counts for "Marta Kowalski"
    article = load_text("a.md", ORGANISATION)
    table = unlisted_actors(article, load_dictionary())
    assert table[["name", "n", "forms"]].values.tolist() == [
        ["Secure America Now", 2, "Secure America Now"], ["Marta Kowalski", 2, "Marta Kowalski;Kowalski"],
        ["Roy Moore", 2, "Roy Moore"]]
    mentions = find_mentions(article, load_dictionary(include_unlisted=True))
    assert "America" not in set(mentions["text"])
    assert mentions.loc[mentions["party"] == "United States"].empty


def test_a_listed_persons_bare_surname_is_that_person_in_the_article(load_text):
    # the dictionary lists Paul Ryan but no bare "Ryan": once the article has named him, "Ryan"
    # is his, as written (the lower-case "ryan" of a common word would not be)
    article = load_text("a.md", "# Budget\n\nSpeaker Paul Ryan said the budget works. Ryan met donors, and Ryan left.\n")
    assert unlisted_actors(article, load_dictionary()).empty
    for level, party in (("party", "Republican Party"), ("person", "Paul Ryan")):
        mentions = find_mentions(article, load_dictionary(level=level, include_unlisted=True))
        assert mentions[["text", "party", "party_of"]].values.tolist() == [
            ["Paul Ryan", party, "Republican Party"], ["Ryan", party, "Republican Party"],
            ["Ryan", party, "Republican Party"]]
    # without the option, the bare surname is no mention
    assert find_mentions(article, load_dictionary())["text"].tolist() == ["Paul Ryan"]


def test_a_name_opening_with_a_given_name_is_a_persons_whatever_the_tags(load_text):
    # the tagger reads "Sean Hannity" as an adjective and a noun; "Sean" is a given name
    article = load_text("a.md", "# Plan\n\nFox host Sean Hannity attacked the plan. Hannity repeated the claim.\n")
    assert unlisted_actors(article, load_dictionary())[["name", "n", "forms"]].values.tolist() == [
        ["Sean Hannity", 2, "Sean Hannity;Hannity"]]


def test_an_actors_name_drops_a_generational_suffix(load_text):
    # "Cesar Sayoc Jr." and "Sayoc" are one actor, named without the suffix its forms keep
    article = load_text("a.md", "# Arrest\n\nCesar Sayoc Jr. was arrested on Friday. Sayoc lived in a van.\n")
    assert unlisted_actors(article, load_dictionary())[["name", "n", "forms"]].values.tolist() == [
        ["Cesar Sayoc", 2, "Cesar Sayoc Jr.;Sayoc"]]
    mentions = find_mentions(article, load_dictionary(level="person", include_unlisted=True))
    assert mentions[["text", "party"]].values.tolist() == [["Cesar Sayoc Jr.", "Cesar Sayoc"], ["Sayoc", "Cesar Sayoc"]]
