"""The actor dictionary and the mention matcher (analysis/actors.py), case by case.

Most tests use a SMALL INLINE DICTIONARY (``BASE_YAML``, written to a temporary file and loaded
with ``load_dictionary``) so that a hand-counted answer does not move when an analyst edits the
shipped ``data/actors.yml``.  A few tests at the end check the shipped dictionary itself against
shared/GUIDELINES.md.  Every expected value below was counted by hand from the guidelines.

Known bugs are written with the correct expected value and marked ``xfail(strict=True)``: when
one is fixed, its test starts passing and strict mode asks for the mark to be removed.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.actors import (
    DEFAULT_DICTIONARY,
    DictionaryError,
    actor_counts,
    cooccurrence,
    counts_long,
    find_mentions,
    find_outlets,
    load_dictionary,
    mention_contexts,
    unknown_names,
)
from analysis.tokens import sentences

MENTION_COLUMNS = ["mention_id", "sentence_id", "start", "end", "text", "party", "party_of", "kind", "matched", "via",
                   "location"]

# A dictionary just big enough for the cases below.  Libya is a state with no opposition party
# (so bare "rebels" in a Libya article name nobody); the Syrian Observatory is an outlet with no
# country; "the West" / "Western" are listed capitalised as in the shipped file.
BASE_YAML = """\
parties:
  - name: Russia
    kind: state
    names: [Russia]
    adjectives: [Russian]
    capitals: [Moscow]
    people:
      - name: Sergei Shoigu
        aliases: [Shoigu]
  - name: Iran
    kind: state
    names: [Iran]
    adjectives: [Iranian]
    capitals: [Tehran]
    people:
      - name: Hossein Dehghan
        aliases: [Dehghan]
  - name: Israel
    kind: state
    names: [Israel]
    adjectives: [Israeli]
    organisations: [IDF]
    epithets: [the Jewish nation]
    people:
      - name: Yaakov Amidror
        aliases: [Amidror]
  - name: Syria
    kind: state
    names: [Syria]
    adjectives: [Syrian]
    capitals: [Damascus]
    people:
      - name: Bashar al-Assad
        aliases: [Assad]
  - name: Turkey
    kind: state
    names: [Turkey]
    adjectives: [Turkish]
    people:
      - name: Recep Tayyip Erdogan
        aliases: [Erdogan]
  - name: Saudi Arabia
    kind: state
    names: [Saudi Arabia]
    adjectives: [Saudi]
  - name: Egypt
    kind: state
    names: [Egypt]
    adjectives: [Egyptian]
  - name: Libya
    kind: state
    names: [Libya]
    adjectives: [Libyan]
  - name: United States
    kind: state
    names: [United States, US]
  - name: United Nations
    kind: international body
    names: [United Nations, UN]
  - name: West
    kind: bloc
    names: [the West]
    adjectives: [Western]
  - name: Hezbollah
    kind: armed group
    names: [Hezbollah]
    people:
      - name: Hassan Nasrallah
        aliases: [Nasrallah]
  - name: Islamic State
    kind: armed group
    names: [Islamic State, ISIS, ISIL, IS, Daesh]
  - name: Kurdistan Workers' Party
    kind: armed group
    names: ["Kurdistan Workers' Party", PKK]
  - name: Axis of Resistance
    kind: coalition
    names: [Axis of Resistance]
    members: [Iran, Syria, Hezbollah]
  - name: Syrian opposition
    kind: armed group
    names: [Syrian opposition]
    opposition_of: Syria
outlets:
  - name: Moscow Times
    country: Russia
  - name: Syrian Observatory for Human Rights
    country: null
generic:
  - refers_to: government
    words: [regime, regime forces]
  - refers_to: opposition
    words: [rebel]
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """``BASE_YAML`` loaded as a dictionary (once per module: loading is the slow part)."""
    path = tmp_path_factory.mktemp("dictionary") / "actors.yml"
    path.write_text(BASE_YAML, encoding="utf-8")
    return load_dictionary(path)


@pytest.fixture(scope="module")
def shipped():
    """The shipped data/actors.yml."""
    return load_dictionary()


@pytest.fixture
def read(load_text, base):
    """``read(text)`` -> ``(article, mentions)`` for a tiny markdown article (``BASE_YAML`` by default)."""

    def read(text: str, dictionary=None, name: str = "article.md"):
        article = load_text(name, text)
        return article, find_mentions(article, base if dictionary is None else dictionary)

    return read


def rows(mentions: pd.DataFrame) -> list[tuple]:
    """``(text, party, location)`` of each mention, in reading order."""
    return [(r.text, r.party, bool(r.location)) for r in mentions.itertuples()]


def raw_spans(article, mentions: pd.DataFrame) -> list[str]:
    """What each mention highlights in the file: ``raw[start:end]``."""
    return [article.raw[r.start : r.end] for r in mentions.itertuples()]


# =========================================================================================
# One referring expression is one mention
# =========================================================================================


def test_demonym_title_and_person_are_one_mention(read):
    # GUIDELINES: "Russian Defense Minister Sergei Shoigu" is ONE Russia mention, spanning the phrase
    article, mentions = read("Russian Defense Minister Sergei Shoigu signed the deal.")
    assert list(mentions.columns) == MENTION_COLUMNS
    assert rows(mentions) == [("Russian Defense Minister Sergei Shoigu", "Russia", False)]
    assert raw_spans(article, mentions) == ["Russian Defense Minister Sergei Shoigu"]
    assert (mentions.loc[0, "matched"], mentions.loc[0, "via"], mentions.loc[0, "kind"]) == ("Sergei Shoigu", "person", "state")


def test_two_demonyms_joined_by_and_are_two_mentions(read):
    # "Russian and Iranian naval forces": one Russia and one Iran
    article, mentions = read("Russian and Iranian naval forces met.")
    assert rows(mentions) == [("Russian", "Russia", False), ("Iranian", "Iran", False)]
    assert raw_spans(article, mentions) == ["Russian", "Iranian"]


def test_later_bare_surname_is_a_new_mention(read):
    # GUIDELINES: a later bare surname ("Shoigu made no mention ...") is a new mention
    _, mentions = read("Sergei Shoigu arrived. Shoigu made no mention of it.")
    assert rows(mentions) == [("Sergei Shoigu", "Russia", False), ("Shoigu", "Russia", False)]
    assert list(mentions["sentence_id"]) == [0, 1]


# =========================================================================================
# Media outlets are sources, not mentions
# =========================================================================================


def test_outlet_name_is_not_a_mention_of_its_city(read, base):
    # "Moscow Times" is a newspaper, not Moscow: no Russia mention; find_outlets lists it
    article, mentions = read("Moscow Times reported it.")
    assert mentions.empty and list(mentions.columns) == MENTION_COLUMNS
    outlets = find_outlets(article, base)
    assert list(outlets.columns) == ["outlet_id", "sentence_id", "start", "end", "text", "outlet", "country"]
    assert outlets.values.tolist() == [[0, 0, 0, 12, "Moscow Times", "Moscow Times", "Russia"]]


def test_outlet_without_country_hides_the_demonym_in_its_name(read, base):
    # "Syrian Observatory for Human Rights" is a monitor (a source): its "Syrian" is not Syria
    article, mentions = read("The Syrian Observatory for Human Rights said so.")
    assert mentions.empty
    outlets = find_outlets(article, base)
    assert outlets[["text", "outlet"]].values.tolist() == [["Syrian Observatory for Human Rights"] * 2]
    assert outlets["country"].isna().tolist() == [True]


# =========================================================================================
# Locations: a party named only as a place is flagged
# =========================================================================================


@pytest.mark.parametrize("text, expected", [
    # a preposition before a capital: a place
    pytest.param("He was in Tehran.", [("Tehran", "Iran", True)], id="in-capital"),
    # capitals as subjects stand for their governments
    pytest.param("Moscow and Tehran would resolve it.", [("Moscow", "Russia", False), ("Tehran", "Iran", False)], id="capitals-as-governments"),
    # "Quneitra, Syria": the country only says where Quneitra is
    pytest.param("a convoy in Quneitra, Syria last weekend", [("Syria", "Syria", True)], id="place-comma-country"),
    # "in Aleppo, Syria's army": a possessive after the place is the actor, not a place
    pytest.param("Fighting in Aleppo, Syria's army said.", [("Syria's", "Syria", False)], id="place-comma-possessive"),
    # after "the Middle East," Israel is named for itself (an ally), not as a place
    pytest.param("an ally in the Middle East, Israel .", [("Israel", "Israel", False)], id="region-comma-not-place"),
    # a possessive before a region: "Israel's Golan"
    pytest.param("Israel's Golan is quiet.", [("Israel's", "Israel", True)], id="possessive-region"),
    # a possessive before anything else is the actor: "Israel's army"
    pytest.param("Israel's army struck.", [("Israel's", "Israel", False)], id="possessive-actor"),
    # an adjective before a geographic noun: "the Turkish border"
    pytest.param("near the Turkish border", [("Turkish", "Turkey", True)], id="adjective-geo-noun"),
    # an adjective before anything else is the actor: "Turkish troops"
    pytest.param("Turkish troops crossed.", [("Turkish", "Turkey", False)], id="adjective-actor"),
    # "Syria's town of Azaz": possessive + geographic noun
    pytest.param("Syria's town of Azaz fell.", [("Syria's", "Syria", True)], id="possessive-geo-noun"),
    # an adjective, a capitalised place name, then the geographic noun
    pytest.param("in the northwestern Syrian Idlib province", [("Syrian", "Syria", True)], id="adjective-name-geo-noun"),
    # a dateline: the capital followed by a date
    pytest.param("Tehran 1-20-15 The deal was signed.", [("Tehran", "Iran", True)], id="dateline"),
    # "to" is a destination only after a word of movement
    pytest.param("He planned a visit to Moscow.", [("Moscow", "Russia", True)], id="visit-to"),
    # the UN is not a state: never a place, even after "to" or "at"
    pytest.param("He complained to the UN.", [("UN", "United Nations", False)], id="to-un"),
    pytest.param("He spoke at the UN.", [("UN", "United Nations", False)], id="at-un"),
    # a person is never a place, even after a preposition
    pytest.param("He met in secret with Turkish President Erdogan.", [("Turkish President Erdogan", "Turkey", False)], id="person"),
])
def test_location_flag(read, text, expected):
    _, mentions = read(text)
    assert rows(mentions) == expected


@pytest.mark.parametrize("text, expected", [
    # "In Moscow's view": the possessive makes Moscow the government that holds the view
    pytest.param("In Moscow's view, the deal is fair.", [("Moscow's", "Russia", False)], id="in-possessive-view"),
    # "talks over Iran's nuclear programme": Iran is the actor, not a place talks fly over
    pytest.param("Talks over Iran's nuclear programme stalled.", [("Iran's", "Iran", False)], id="over-possessive-programme"),
])
def test_possessive_after_preposition_is_not_a_location(read, text, expected):
    _, mentions = read(text)
    assert rows(mentions) == expected


def test_dateline_on_its_own_line_is_a_location(read):
    # the dateline as its own paragraph, as scraped articles often have it
    article, mentions = read("Tehran 1-20-15\n\nThe deal was signed in Vienna.")
    assert rows(mentions) == [("Tehran", "Iran", True)]
    assert raw_spans(article, mentions) == ["Tehran"]


# =========================================================================================
# Case: acronyms and lower-case homographs
# =========================================================================================


def test_acronym_us_matches_only_in_capitals(read):
    # "US" is the United States; "us" is the pronoun
    article, mentions = read("US troops left. Let us go.")
    assert rows(mentions) == [("US", "United States", False)]
    assert (mentions.loc[0, "start"], mentions.loc[0, "end"]) == (0, 2)


def test_acronym_un_matches_only_in_capitals(read):
    # "UN" is the United Nations; "un" in "un-named" is not
    _, mentions = read("The UN met. The un-named man left.")
    assert rows(mentions) == [("UN", "United Nations", False)]


def test_lowercase_homograph_western_is_a_direction(read):
    # "western Iraq" is a direction; "Western allies" is the West
    _, mentions = read("The Western allies met in western Iraq.")
    assert rows(mentions) == [("Western", "West", False)]


def test_capitalised_the_west_is_the_bloc(read):
    # "The West" at a sentence start: the bloc, whatever the case of "the"
    article, mentions = read("The West warned Iran.")
    assert rows(mentions) == [("The West", "West", False), ("Iran", "Iran", False)]
    assert raw_spans(article, mentions) == ["The West", "Iran"]


def test_lowercase_the_west_is_a_direction(read):
    # "in the west of the country" is a direction, not the bloc (actors.yml: "match them capitalised only")
    _, mentions = read("Rain fell in the west of the country.")
    assert rows(mentions) == []


def test_lowercase_plural_of_a_homograph_is_not_a_party(read):
    # "turkeys" are birds: lower-case "turkey" is a homograph, and so is its plural
    _, mentions = read("We ate two turkeys.")
    assert rows(mentions) == []


def test_lowercase_non_homograph_name_matches(read):
    # scraped text often lowers names: "iran" is not an English word, so it is Iran
    article, mentions = read("iran said no.")
    assert rows(mentions) == [("iran", "Iran", False)]
    assert mentions.loc[0, "matched"] == "Iran"


# =========================================================================================
# Possessives, plurals, hyphens, run-together words
# =========================================================================================


def test_possessive_with_straight_and_curly_apostrophe(read):
    # the possessive belongs to the mention, with either apostrophe
    article, mentions = read("Russia's navy and Russia’s army.")
    assert rows(mentions) == [("Russia's", "Russia", False), ("Russia’s", "Russia", False)]
    assert raw_spans(article, mentions) == ["Russia's", "Russia’s"]


def test_lost_apostrophe_possessive_before_geo_noun(read):
    # scraped text lost the apostrophe: "Syrias town" is Syria's town, a place
    _, mentions = read("The Syrias town was hit.")
    assert rows(mentions) == [("Syrias", "Syria", True)]
    assert mentions.loc[0, "matched"] == "Syria"


def test_lost_apostrophe_possessive_of_a_person(read, shipped):
    # "Assads forces" is Assad's forces (scraped text); the possessive belongs to the mention
    _, mentions = read("Assads forces shelled the town.", shipped)
    assert mentions[["text", "party", "matched", "via"]].values.tolist() == [["Assads", "Syria", "Bashar al-Assad", "person"]]


def test_closing_quote_is_not_a_possessive(read):
    # ‘Iran’ in single quotes: the closing quote is punctuation, not a possessive
    article, mentions = read("He said ‘Iran’ twice.")
    assert rows(mentions) == [("Iran", "Iran", False)]
    assert raw_spans(article, mentions) == ["Iran"]


def test_plural_demonyms_match_the_adjective(read):
    # "Israelis", "Russians": plurals derived from the listed adjectives
    _, mentions = read("The Israelis and the Russians talked.")
    assert rows(mentions) == [("Israelis", "Israel", False), ("Russians", "Russia", False)]
    assert list(mentions["matched"]) == ["Israeli", "Russian"]


@pytest.mark.parametrize("text, expected", [
    # a hyphen divides two demonyms
    pytest.param("Russian-Iranian talks.", [("Russian", "Russia", False), ("Iranian", "Iran", False)], id="hyphen"),
    # an en dash with a stray space
    pytest.param("Russian –Iranian ties.", [("Russian", "Russia", False), ("Iranian", "Iran", False)], id="spaced-dash"),
    # a one-word adjective of a two-word state
    pytest.param("A Saudi-Egyptian deal.", [("Saudi", "Saudi Arabia", False), ("Egyptian", "Egypt", False)], id="saudi-egyptian"),
])
def test_hyphenated_pair_is_one_mention_each(read, text, expected):
    _, mentions = read(text)
    assert rows(mentions) == expected


def test_camel_case_run_together_words_are_split(read):
    # scraped "TurkishSyrian border" lost its hyphen: Turkey and Syria, both a place (the border)
    article, mentions = read("Along the TurkishSyrian border.")
    assert rows(mentions) == [("Turkish", "Turkey", True), ("Syrian", "Syria", True)]
    assert raw_spans(article, mentions) == ["Turkish", "Syrian"]


# =========================================================================================
# Names broken by line breaks and markup; raw offsets
# =========================================================================================


def test_line_break_inside_a_name(read):
    # a hard line break between first name and surname
    article, mentions = read("Sergei\nShoigu arrived.")
    assert rows(mentions) == [("Sergei Shoigu", "Russia", False)]
    assert raw_spans(article, mentions) == ["Sergei\nShoigu"]


def test_markdown_link_around_a_name(read):
    # "[Sergei Shoigu](#)": the span starts at "Sergei", after the bracket
    article, mentions = read("[Sergei Shoigu](#) arrived.")
    assert rows(mentions) == [("Sergei Shoigu", "Russia", False)]
    assert (mentions.loc[0, "start"], mentions.loc[0, "end"]) == (1, 14)
    assert raw_spans(article, mentions) == ["Sergei Shoigu"]


def test_markdown_link_inside_a_name(read):
    # "[Sergei](#) Shoigu": the link markup lies inside the name's raw span
    article, mentions = read("[Sergei](#) Shoigu arrived.")
    assert rows(mentions) == [("Sergei Shoigu", "Russia", False)]
    assert raw_spans(article, mentions) == ["Sergei](#) Shoigu"]


def test_html_entity_inside_a_possessive(load_text, base):
    # an HTML apostrophe entity: the raw span covers "&#39;s"; bold tags inside a name are covered too
    article = load_text("article.html", "<p>Russia&#39;s envoy met <b>Sergei</b> Shoigu.</p>")
    mentions = find_mentions(article, base)
    assert rows(mentions) == [("Russia's", "Russia", False), ("Sergei Shoigu", "Russia", False)]
    assert raw_spans(article, mentions) == ["Russia&#39;s", "Sergei</b> Shoigu"]


def test_accented_spelling_matches_plain_alias(read):
    # "Erdoğan" in the text, "Erdogan" in the dictionary: accents are folded
    article, mentions = read("Erdoğan spoke.")
    assert rows(mentions) == [("Erdoğan", "Turkey", False)]
    assert mentions.loc[0, "matched"] == "Recep Tayyip Erdogan"


def test_accented_alias_matches_plain_spelling(load_text, write_file):
    # the other way round: "Erdoğan" in the dictionary, "Erdogan" in the text
    dictionary = load_dictionary(write_file("d.yml", "parties:\n  - name: Turkey\n    kind: state\n"
                                                     "    people:\n      - name: Recep Tayyip Erdoğan\n        aliases: [Erdoğan]\n"))
    mentions = find_mentions(load_text("a.md", "Erdogan spoke."), dictionary)
    assert rows(mentions) == [("Erdogan", "Turkey", False)]


# =========================================================================================
# Titles, appositives, possessives of persons
# =========================================================================================


def test_party_word_before_a_person_inside_another_phrase(read):
    # "a member of Hezbollah chief Hassan Nasrallah's inner circle": one Hezbollah mention
    article, mentions = read("A member of Hezbollah chief Hassan Nasrallah's inner circle died.")
    assert rows(mentions) == [("Hezbollah chief Hassan Nasrallah's", "Hezbollah", False)]
    assert raw_spans(article, mentions) == ["Hezbollah chief Hassan Nasrallah's"]


def test_description_after_a_person(read):
    # "Sheikh Nasrallah leader of Hezbollah": one Hezbollah mention
    _, mentions = read("Sheikh Nasrallah leader of Hezbollah spoke.")
    assert len(mentions) == 1 and mentions.loc[0, "party"] == "Hezbollah"
    assert mentions.loc[0, "text"].endswith("Nasrallah leader of Hezbollah")


def test_appositive_after_a_person(read):
    # "IDF Maj. Gen. (ret.) Yaakov Amidror, former Israel National Security Adviser": one Israel mention
    article, mentions = read("IDF Maj. Gen. (ret.) Yaakov Amidror, former Israel National Security Adviser, said so.")
    assert len(mentions) == 1
    assert (mentions.loc[0, "party"], mentions.loc[0, "matched"], mentions.loc[0, "start"]) == ("Israel", "Yaakov Amidror", 0)
    assert article.raw[mentions.loc[0, "start"] : mentions.loc[0, "end"]].startswith("IDF Maj. Gen. (ret.) Yaakov Amidror, former Israel")


def test_party_possessive_before_person(read):
    # "Hezbollah's Nasrallah": one Hezbollah mention
    _, mentions = read("Hezbollah's Nasrallah spoke.")
    assert rows(mentions) == [("Hezbollah's Nasrallah", "Hezbollah", False)]


def test_person_possessive_before_state_name(read):
    # "Assad's Syria": one Syria mention
    _, mentions = read("Assad's Syria is weak.")
    assert rows(mentions) == [("Assad's Syria", "Syria", False)]
    assert mentions.loc[0, "matched"] == "Bashar al-Assad"


def test_person_then_capital_are_two_mentions(read):
    # "Hossein Dehghan Tehran would respond": the person, then the capital as the government
    _, mentions = read("Defense Minister Hossein Dehghan Tehran would respond.")
    assert rows(mentions) == [("Hossein Dehghan", "Iran", False), ("Tehran", "Iran", False)]
    assert list(mentions["via"]) == ["person", "capital"]


# =========================================================================================
# Aliases in brackets, coalitions, epithets
# =========================================================================================


def test_bracketed_aliases_are_one_mention(read):
    # "the so-called Islamic State (ISIS ISIL IS Daesh ) group": one mention up to the bracket
    article, mentions = read("the so-called Islamic State (ISIS ISIL IS Daesh ) group attacked")
    assert rows(mentions) == [("Islamic State (ISIS ISIL IS Daesh )", "Islamic State", False)]
    assert raw_spans(article, mentions) == ["Islamic State (ISIS ISIL IS Daesh )"]


def test_bracketed_acronym_after_name_is_one_mention(read):
    # "the Kurdistan Workers' Party (PKK)": one mention
    _, mentions = read("the Kurdistan Workers' Party (PKK) attacked")
    assert rows(mentions) == [("Kurdistan Workers' Party (PKK)", "Kurdistan Workers' Party", False)]


def test_bracket_naming_another_party_is_left_alone(read):
    # a bracket holding another party's name is not an alias list
    _, mentions = read("Islamic State (backed by Syria) attacked.")
    assert rows(mentions) == [("Islamic State", "Islamic State", False), ("Syria", "Syria", False)]


def test_coalition_name_counts_for_the_coalition_only(read):
    # "Axis of Resistance" is not a mention of Iran, Syria or Hezbollah
    _, mentions = read("The Axis of Resistance met.")
    assert rows(mentions) == [("Axis of Resistance", "Axis of Resistance", False)]
    assert mentions.loc[0, "kind"] == "coalition"


def test_epithet(read):
    # "the Jewish nation" -> Israel
    _, mentions = read("They attacked the Jewish nation.")
    assert rows(mentions) == [("the Jewish nation", "Israel", False)]
    assert mentions.loc[0, "via"] == "epithet"


# =========================================================================================
# Generic words: "the regime", "rebels"; words that name no party
# =========================================================================================


def test_generic_words_take_the_main_state(read):
    # in an article mostly about Syria: "the regime" -> Syria, "rebels" -> its opposition party
    _, mentions = read("Syria is at war. Syria is weak. The regime fell. The rebels won.")
    assert rows(mentions) == [("Syria", "Syria", False), ("Syria", "Syria", False),
                              ("regime", "Syria", False), ("rebels", "Syrian opposition", False)]
    assert list(mentions["via"][2:]) == ["generic", "generic"]
    assert list(mentions["matched"][2:]) == ["government", "opposition"]


def test_government_word_after_state_word_is_one_mention(read):
    # "the Syrian regime" and "Assad regime forces": one Syria mention each
    _, mentions = read("Syria is at war. The Syrian regime fell. Assad regime forces fled.")
    assert rows(mentions) == [("Syria", "Syria", False), ("Syrian regime", "Syria", False),
                              ("Assad regime forces", "Syria", False)]


def test_government_word_after_another_state_word_takes_that_state(read):
    # in a Syria article, "the Iranian regime" is Iran's government, not Syria's
    _, mentions = read("Syria is at war. Syria is weak. The Iranian regime protested.")
    assert rows(mentions) == [("Syria", "Syria", False), ("Syria", "Syria", False), ("Iranian regime", "Iran", False)]


def test_rebels_of_a_state_without_opposition_party_are_dropped(read, base):
    # Libya has no party with opposition_of: Libya, so "rebels" names nobody; "the regime" is Libya
    article, mentions = read("Libya is at war. Libya is split. The rebels won. The regime fell.")
    assert rows(mentions) == [("Libya", "Libya", False), ("Libya", "Libya", False), ("regime", "Libya", False)]
    assert find_outlets(article, base).empty  # a dropped generic word is not a source either


def test_generic_words_without_any_state_are_dropped(read):
    # no state in the article: nobody for "the regime" or "rebels" to refer to
    _, mentions = read("The rebels fought the regime.")
    assert mentions.empty


def test_pronouns_and_both_countries_are_not_mentions(read):
    # GUIDELINES: pronouns, "both countries", "the two countries" do not count
    _, mentions = read("Russia and Iran met. They agreed. Both countries signed. The two countries left.")
    assert rows(mentions) == [("Russia", "Russia", False), ("Iran", "Iran", False)]


# =========================================================================================
# Identifiers: mention_id, sentence_id
# =========================================================================================


def test_mention_ids_in_reading_order_and_sentence_ids_match_sentences(read):
    # a heading and two paragraphs; sentence_id is the row of analysis.tokens.sentences holding it
    article, mentions = read("# Talks in Moscow\n\nRussia and Iran met. Israel watched.\n\nThe UN and Syria spoke.\n")
    assert list(mentions["mention_id"]) == [0, 1, 2, 3, 4, 5]
    assert list(mentions["start"]) == sorted(mentions["start"])
    assert list(mentions["sentence_id"]) == [0, 1, 1, 2, 3, 3]
    table = sentences(article)
    for r in mentions.itertuples():
        sentence = table.loc[r.sentence_id]
        assert sentence.start <= r.start < r.end <= sentence.end, r


# =========================================================================================
# Counting: actor_counts, counts_long, cooccurrence
# =========================================================================================

# Hand count:  s0 Russia, Iran     s1 Israel, Russia     s2 Russia ("Moscow"), Iran
#              s3 Israel, Iran ("Tehran", a place after "visit to")     s4 Iran
# Iran 4 mentions (3 strict), Russia 3 (3), Israel 2 (2); 9 in all.
COUNT_ARTICLE = ("Russia and Iran met. Israel watched Russia. Moscow warned Iran. "
                 "Israel planned a visit to Tehran. Iran agreed.")


def test_actor_counts_exact_table(read):
    # the totals hand-counted above; share = mentions / 9, rounded to 4 places
    _, mentions = read(COUNT_ARTICLE)
    expected = pd.DataFrame({
        "party": ["Iran", "Russia", "Israel"],
        "mentions": [4, 3, 2],
        "mentions_strict": [3, 3, 2],
        "share": [0.4444, 0.3333, 0.2222],
    })
    pd.testing.assert_frame_equal(actor_counts(mentions), expected)


def test_actor_counts_ties_sorted_by_strict_count_then_name(read):
    # Iran 2 (1 strict: "in Tehran"), Russia 2 (2 strict): Russia first; Egypt and Syria 1 each: by name
    _, mentions = read("Iran met Russia in Tehran. Moscow agreed. Syria and Egypt watched.")
    table = actor_counts(mentions)
    assert table.values.tolist() == [
        ["Russia", 2, 2, 0.3333], ["Iran", 2, 1, 0.3333], ["Egypt", 1, 1, 0.1667], ["Syria", 1, 1, 0.1667],
    ]


def test_actor_counts_of_no_mentions_is_an_empty_table(read):
    # an article naming no party
    _, mentions = read("Nothing happened today.")
    table = actor_counts(mentions)
    assert list(table.columns) == ["party", "mentions", "mentions_strict", "share"] and table.empty


def test_counts_long(read):
    # the counts table melted: all counts first, then strict, in the table's order
    _, mentions = read(COUNT_ARTICLE)
    expected = pd.DataFrame({
        "party": ["Iran", "Russia", "Israel"] * 2,
        "count": ["all"] * 3 + ["strict"] * 3,
        "n": [4, 3, 2, 3, 3, 2],
    })
    pd.testing.assert_frame_equal(counts_long(actor_counts(mentions)), expected)


def test_cooccurrence_counts_sentences_with_both(read):
    # Iran+Russia in s0 and s2; Israel+Russia in s1; Iran+Israel in s3; party_a sorts before party_b
    _, mentions = read(COUNT_ARTICLE)
    table = cooccurrence(mentions)
    assert list(table.columns) == ["party_a", "party_b", "n"]
    assert table.values.tolist() == [["Iran", "Russia", 2], ["Iran", "Israel", 1], ["Israel", "Russia", 1]]


def test_cooccurrence_strict_drops_locations(read):
    # s3's Iran is "a visit to Tehran", a place: the Iran+Israel pair goes
    _, mentions = read(COUNT_ARTICLE)
    assert cooccurrence(mentions, strict=True).values.tolist() == [["Iran", "Russia", 2], ["Israel", "Russia", 1]]


def test_cooccurrence_by_another_unit_column(read):
    # unit may be any column naming a unit, e.g. a document id over two articles
    _, first = read("Russia and Iran met.")
    _, second = read("Iran warned. Israel listened. Russia left.")
    both = pd.concat([first.assign(doc_id=0), second.assign(doc_id=1)], ignore_index=True)
    assert cooccurrence(both, unit="doc_id").values.tolist() == [
        ["Iran", "Russia", 2], ["Iran", "Israel", 1], ["Israel", "Russia", 1],
    ]


def test_cooccurrence_unknown_unit_raises(read):
    # a unit with no column in the mentions table is a caller's error
    _, mentions = read(COUNT_ARTICLE)
    with pytest.raises(ValueError, match="no column 'block'"):
        cooccurrence(mentions, unit="block")


# =========================================================================================
# unknown_names: capitalised names the dictionary lacks
# =========================================================================================


def test_unknown_name_listed_with_count_and_raw_offsets(read, base):
    # "Wehbe Katicha" twice; not Monday/January, not the outlet, not the sentence-initial "Analysts"
    text = ("Russia and Iran met on Monday. Wehbe Katicha, an analyst, was there. Analysts agreed. "
            "The Moscow Times quoted Wehbe Katicha in January.")
    article, mentions = read(text)
    table = unknown_names(article, mentions, base)
    assert list(table.columns) == ["name", "n", "first_start", "first_end", "sentence_id"]
    start = text.index("Wehbe")
    assert table.values.tolist() == [["Wehbe Katicha", 2, start, start + len("Wehbe Katicha"), 1]]


def test_unknown_name_drops_leading_title_and_possessive(read, base):
    # "President Katicha's": the title and the "'s" are not part of the name
    article, mentions = read("They met President Katicha's aide on Friday.")
    table = unknown_names(article, mentions, base)
    assert table["name"].tolist() == ["Katicha"] and table["n"].tolist() == [1]
    assert article.raw[table.loc[0, "first_start"] :].startswith("Katicha")


def test_unknown_name_single_word_mid_sentence_is_listed(read, base):
    # one capitalised word is a name mid-sentence; at a sentence start only when the article
    # uses it as a name elsewhere (the last word of a longer name counts too)
    article, mentions = read("Katicha said no. They asked Katicha again.")
    table = unknown_names(article, mentions, base)
    assert table[["name", "n", "sentence_id"]].values.tolist() == [["Katicha", 2, 0]]
    article, mentions = read("Katicha said no. Wehbe Lauten came. Lauten left.")
    table = unknown_names(article, mentions, base)
    assert table[["name", "n"]].values.tolist() == [["Wehbe Lauten", 1], ["Lauten", 1]]


def test_unknown_names_leave_out_words_that_open_no_name(read, base):
    # a conjunction or a verb opening a sentence or headline is no part of the name after it;
    # a prefix that is not a name particle is left out ("pro-Katicha")
    article, mentions = read("Despite Ouisa Tarrow, the plan passed. Says Wehbe Katicha: no. They met pro-Katicha voters.")
    assert unknown_names(article, mentions, base)["name"].tolist() == ["Ouisa Tarrow", "Wehbe Katicha", "Katicha"]


def test_unknown_person_after_known_demonym_is_listed(read, base):
    # "Iranian" is Iran, but Qasem Soleimani is a person the dictionary lacks
    article, mentions = read("They said Iranian General Qasem Soleimani arrived.")
    assert unknown_names(article, mentions, base)["name"].tolist() == ["Qasem Soleimani"]


def test_unknown_names_read_the_token_layer(read, base):
    # initials and abbreviations stay inside a name ("Harry F. Katicha", "St. Lucie"); an
    # abbreviated date is no name; an abbreviated title ends one ("Arizona" | "Sen. ..."); a
    # name particle stays ("al-Wehbe"), a possessive "'s" is not part of the name
    article, mentions = read("Analysts met Harry F. Katicha in St. Lucie on Sept. 5. They saw Arizona "
                             "Sen. Ouisa Tarrow and the al-Wehbe family. Their aide met Tarrow's team.")
    table = unknown_names(article, mentions, base)
    assert table[["name", "n", "sentence_id"]].values.tolist() == [
        ["Harry F. Katicha", 1, 0], ["St. Lucie", 1, 0], ["Arizona", 1, 1], ["Ouisa Tarrow", 1, 1],
        ["al-Wehbe", 1, 1], ["Tarrow", 1, 2]]


# =========================================================================================
# mention_contexts
# =========================================================================================


def test_mention_contexts_exact(read):
    # a window wide enough for the whole text: everything before and after each mention
    article, mentions = read("Russia and Iran met. Israel watched.")
    table = mention_contexts(article, mentions, window=100)
    assert list(table.columns) == ["mention_id", "party", "pre", "mention", "post"]
    assert table.values.tolist() == [
        [0, "Russia", "", "Russia", "and Iran met. Israel watched."],
        [1, "Iran", "Russia and", "Iran", "met. Israel watched."],
        [2, "Israel", "Russia and Iran met.", "Israel", "watched."],
    ]


def test_mention_contexts_cut_partial_words(read):
    # a 6-character window reads "a and " | "Iran" | " met t": the cut "a" (of Russia) and "t" (of today) go
    article, mentions = read("Some words: Russia and Iran met today.")
    table = mention_contexts(article, mentions, parties=["Iran"], window=6)
    assert table.values.tolist() == [[1, "Iran", "and", "Iran", "met"]]


def test_mention_contexts_parties_in_the_order_given(read):
    # parties=["Iran", "Russia"]: Iran's rows first, each party's rows in reading order
    article, mentions = read("Russia and Iran met. Iran and Russia left.")
    table = mention_contexts(article, mentions, parties=["Iran", "Russia"], window=10)
    assert table[["mention_id", "party"]].values.tolist() == [[1, "Iran"], [2, "Iran"], [0, "Russia"], [3, "Russia"]]


def test_mention_contexts_keep_whole_words_at_the_window_edge(read):
    # window 5 before "Iran" is exactly "bbbb ", after it " cccc": both whole words
    article, mentions = read("aaaa bbbb Iran cccc dddd")
    table = mention_contexts(article, mentions, window=5)
    assert table.values.tolist() == [[0, "Iran", "bbbb", "Iran", "cccc"]]


# =========================================================================================
# Dictionary validation: DictionaryError names the file and the entry, on one line
# =========================================================================================


def dictionary_error(path) -> str:
    """Load ``path``, expect ``DictionaryError``; return its message after the common checks."""
    with pytest.raises(DictionaryError) as caught:
        load_dictionary(path)
    message = str(caught.value)
    assert str(path).lstrip("+") in message, message
    assert "\n" not in message, message
    return message


@pytest.mark.parametrize("yaml_text, fragments", [
    # a YAML syntax error: a key indented out of its entry; the message has the line number
    pytest.param("parties:\n  - name: Russia\n    kind: state\n  names: [Russia]\n",
                 ["not valid YAML", "line 4"], id="yaml-syntax"),
    # a misspelt key in a party ("capital" for "capitals")
    pytest.param("parties:\n  - {name: Russia, kind: state, capital: [Moscow]}\n",
                 ["parties[0] (Russia)", "unknown key 'capital'"], id="party-unknown-key"),
    # a misspelt key in a person ("alias" for "aliases")
    pytest.param("parties:\n  - name: Russia\n    kind: state\n    people:\n      - {name: Sergei Shoigu, alias: [Shoigu]}\n",
                 ["parties[0] (Russia) people[0] (Sergei Shoigu)", "unknown key 'alias'"], id="person-unknown-key"),
    # a party without a name (the second entry)
    pytest.param("parties:\n  - {name: Russia, kind: state}\n  - {kind: state, names: [Iran]}\n",
                 ["parties[1]", "missing 'name'"], id="missing-name"),
    # a kind that is not one of the six
    pytest.param("parties:\n  - {name: Russia, kind: country}\n",
                 ["parties[0] (Russia)", "unknown kind 'country'"], id="unknown-kind"),
    # one alias for two parties, compared case-insensitively ("Georgia" vs "georgia")
    pytest.param("parties:\n  - {name: Georgia, kind: state}\n  - {name: Abkhazia, kind: state, names: [georgia]}\n",
                 ["alias 'georgia'", "Georgia", "Abkhazia"], id="alias-two-parties"),
    # a coalition member that is not a party
    pytest.param("parties:\n  - {name: Iran, kind: state}\n  - {name: Axis of Resistance, kind: coalition, members: [Iran, Hezbollah]}\n",
                 ["party Axis of Resistance", "member 'Hezbollah'"], id="member-not-party"),
    # an outlet's country that is not a party
    pytest.param("parties:\n  - {name: Russia, kind: state}\noutlets:\n  - {name: TASS, country: Russian Federation}\n",
                 ["outlet TASS", "country 'Russian Federation'"], id="outlet-country-not-party"),
    # opposition_of naming a party that is not a state
    pytest.param("parties:\n  - {name: Hezbollah, kind: armed group}\n  - {name: Anti-Hezbollah, kind: armed group, opposition_of: Hezbollah}\n",
                 ["party Anti-Hezbollah", "opposition_of 'Hezbollah' is not a state"], id="opposition-of-non-state"),
    # a generic side other than government / opposition
    pytest.param("parties: []\ngeneric:\n  - {refers_to: militia, words: [militiaman]}\n",
                 ["generic[0]", "refers_to must be one of government, opposition"], id="generic-refers-to"),
    # an unknown top-level key
    pytest.param("parties: []\npeople: []\n", ["top level", "unknown key 'people'"], id="top-level-unknown-key"),
    # a YAML list, not a mapping
    pytest.param("- Russia\n- Iran\n", ["top level", "'parties' list"], id="not-a-mapping"),
    # an empty file
    pytest.param("", ["top level", "'parties' list"], id="empty-file"),
    # the same party twice
    pytest.param("parties:\n  - {name: Iran, kind: state}\n  - {name: Iran, kind: state}\n",
                 ["party Iran", "listed twice"], id="party-twice"),
    # years that are not [first, last]
    pytest.param("parties:\n  - name: Iran\n    kind: state\n    people:\n      - {name: Hossein Dehghan, years: [2013]}\n",
                 ["parties[0] (Iran) people[0] (Hossein Dehghan)", "years must be [first, last]"], id="bad-years"),
])
def test_invalid_dictionary(write_file, yaml_text, fragments):
    message = dictionary_error(write_file("bad.yml", yaml_text))
    for fragment in fragments:
        assert fragment in message, message


def test_missing_dictionary_file(tmp_path):
    # a path to nowhere
    message = dictionary_error(tmp_path / "nowhere.yml")
    assert "no such dictionary file" in message


def test_python_tags_are_not_executed(write_file, tmp_path, capfd):
    # safe_load: a python/object tag is a YAML error, and the command never runs
    marker = tmp_path / "pwned"
    path = write_file("evil.yml", f'parties: !!python/object/apply:os.system ["echo pwned > {marker}"]\n')
    message = dictionary_error(path)
    assert "not valid YAML" in message and "python/object/apply:os.system" in message
    assert not marker.exists()
    assert "pwned" not in capfd.readouterr().out


def test_opposition_of_must_be_a_string(write_file):
    # opposition_of: [Syria] instead of Syria
    path = write_file("bad.yml", "parties:\n  - {name: Syria, kind: state}\n"
                                 "  - {name: Syrian opposition, kind: armed group, opposition_of: [Syria]}\n")
    assert "opposition_of" in dictionary_error(path)


def test_outlet_country_must_be_a_string(write_file):
    # country: [Russia] instead of Russia
    path = write_file("bad.yml", "parties:\n  - {name: Russia, kind: state}\noutlets:\n  - {name: TASS, country: [Russia]}\n")
    message = dictionary_error(path)
    assert "TASS" in message and "country" in message


def test_command_line_bad_dictionary_exits_2_with_one_line(write_file, tmp_path, capsys):
    # python -m analysis tables ARTICLE --out DIR --dictionary BAD.yml
    article = write_file("article.md", "Russia and Iran met.\n")
    bad = write_file("bad.yml", "parties:\n  - {name: Russia, kind: country}\n")
    out = tmp_path / "out"
    assert main(["tables", str(article), "--out", str(out), "--dictionary", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"python -m analysis: error: {bad}: parties[0] (Russia): unknown kind 'country'; " \
                           "expected one of state, armed group, political movement, political party, international body, bloc, coalition, advocacy group\n"
    assert not out.exists()


# --- a user's dictionary added to the default one (+FILE) ---------------------------------

ADDED = ("parties:\n"
         "  - name: Springfield Party\n    kind: political movement\n    names: [Springfield Party]\n"
         "    people:\n      - {name: Wehbe Katicha, aliases: [Katicha]}\n"
         "  - name: United States\n    people:\n      - {name: Ouisa Tarrow, aliases: [Tarrow]}\n"
         "outlets:\n  - {name: Springfield Shopper, country: United States}\n")


def test_added_dictionary_extends_the_default(load_text, write_file):
    # a new party with a person, a person added to a default party, a new outlet; the default's
    # parties still count
    added = write_file("mine.yml", ADDED)
    dictionary = load_dictionary(f"+{added}")
    article = load_text("a.md", "Russia and Iran met. Katicha and Tarrow spoke; the Springfield Shopper said so.\n")
    mentions = find_mentions(article, dictionary)
    assert mentions[["text", "party", "matched", "via"]].values.tolist() == [
        ["Russia", "Russia", "Russia", "name"], ["Iran", "Iran", "Iran", "name"],
        ["Katicha", "Springfield Party", "Wehbe Katicha", "person"], ["Tarrow", "United States", "Ouisa Tarrow", "person"]]
    assert find_outlets(article, dictionary)["outlet"].tolist() == ["Springfield Shopper"]
    assert "Vladimir Putin" in set(dictionary.people["person"])


def test_added_dictionary_clash_names_both_entries_and_files(write_file):
    # "Putin" is already Vladimir Putin's in the default dictionary
    added = write_file("mine.yml", "parties:\n  - name: Other\n    kind: state\n    people:\n"
                                   "      - {name: Fake Person, aliases: [Putin]}\n")
    message = dictionary_error(f"+{added}")
    assert message.endswith(f"alias 'Putin': listed for both Russia (person Vladimir Putin) in {DEFAULT_DICTIONARY} "
                            f"and Other (person Fake Person) in {added}"), message


def test_added_party_of_another_kind_is_an_error(write_file):
    added = write_file("mine.yml", "parties:\n  - {name: Russia, kind: armed group}\n")
    assert dictionary_error(f"+{added}") == f"{added}: parties[0] (Russia): kind 'armed group' differs from 'state' in {DEFAULT_DICTIONARY}"


def test_command_line_adds_a_dictionary(write_file, tmp_path):
    # python -m analysis tables ARTICLE --out DIR --dictionary +MINE.yml
    article = write_file("article.md", "Katicha met Putin.\n")
    added = write_file("mine.yml", ADDED)
    out = tmp_path / "out"
    assert main(["tables", str(article), "--out", str(out), "--dictionary", f"+{added}"]) == 0
    mentions = pd.read_csv(out / "mentions.csv")
    assert mentions["party"].tolist() == ["Springfield Party", "Russia"]


# --- levels: parties and people (GUIDELINES, Levels v2) -----------------------------------

US_TEXT = ("President Obama signed the treaty with Russia. Obama told a campaign rally in Ohio that Senate "
           "Republicans were wrong. Nancy Pelosi said House Democrats agreed.\n")


def test_party_level_follows_the_two_role_rule(read, shipped):
    # Obama signing a treaty acts for the United States; at a campaign rally, for his party;
    # a member of Congress (listed under her party) is always the party's; groups of a party's
    # politicians are mentions of the party
    _, mentions = read(US_TEXT, shipped)
    assert mentions[["text", "party", "party_of", "kind", "matched"]].values.tolist() == [
        ["Obama", "United States", "United States", "state", "Barack Obama"],
        ["Russia", "Russia", "Russia", "state", "Russia"],
        ["Obama", "Democratic Party", "Democratic Party", "political party", "Barack Obama"],
        ["Senate Republicans", "Republican Party", "Republican Party", "political party", "Senate Republican"],
        ["Nancy Pelosi", "Democratic Party", "Democratic Party", "political party", "Nancy Pelosi"],
        ["House Democrats", "Democratic Party", "Democratic Party", "political party", "House Democrat"]]


def test_a_war_campaign_is_no_campaigning_and_a_state_title_keeps_the_state(read, shipped):
    # "the US air campaign" is a war's; "US President Barack Obama" is named for the state even
    # in a sentence about an election campaign
    _, mentions = read("Obama expanded the US air campaign against IS. US President Barack Obama spoke at a "
                       "campaign rally. Obama then left the rally.\n", shipped)
    assert mentions[["text", "party"]].values.tolist() == [
        ["Obama", "United States"], ["US", "United States"], ["IS", "Islamic State"],
        ["US President Barack Obama", "United States"], ["Obama", "Democratic Party"]]


def test_war_reporting_words_and_case_rules(read, shipped):
    # generic government and opposition compounds take the article's state; a person's name in
    # lower case is a word ("a trump card"); "IS" beside a stop word in capitals is a word ("WHAT IS")
    _, mentions = read("Syria said the government-held west and opposition-held east were shelled. The air force "
                       "hit them; the Syrian dictator Bashar al-Assad spoke. Rice was served, and Susan Rice left. "
                       "WHAT IS NEXT for IS?\n", shipped)
    assert mentions[["text", "party"]].values.tolist() == [
        ["Syria", "Syria"], ["government-held", "Syria"], ["opposition-held", "Syrian opposition"],
        ["air force", "Syria"], ["Syrian dictator Bashar al-Assad", "Syria"], ["Susan Rice", "United States"],
        ["IS", "Islamic State"]]
    _, mentions = read("Donald Trump played a trump card. Trump won.\n", load_dictionary(level="person"))
    assert mentions["text"].tolist() == ["Donald Trump", "Trump"]


def test_person_level_makes_each_listed_person_an_actor(read, shipped):
    # the person is the actor, party_of the party the mention counts for at party level
    _, mentions = read(US_TEXT, load_dictionary(level="person"))
    assert mentions[["party", "party_of", "kind"]].values.tolist() == [
        ["Barack Obama", "United States", "person"], ["Russia", "Russia", "state"],
        ["Barack Obama", "Democratic Party", "person"], ["Republican Party", "Republican Party", "political party"],
        ["Nancy Pelosi", "Democratic Party", "person"], ["Democratic Party", "Democratic Party", "political party"]]
    assert actor_counts(mentions).set_index("party").loc["Barack Obama", "mentions"] == 2


def test_party_words_in_lower_case_are_no_mentions(read, shipped):
    # "democratic" and "republican" in lower case are ordinary words; GOP and the party
    # committees are the parties
    _, mentions = read("They want a democratic and republican form of government. The GOP and the "
                       "Democratic National Committee disagreed.\n", shipped)
    assert rows(mentions) == [("GOP", "Republican Party", False), ("Democratic National Committee", "Democratic Party", False)]


def test_unknown_level_is_a_dictionary_error():
    with pytest.raises(DictionaryError, match="unknown level 'people'; expected one of party, person"):
        load_dictionary(level="people")


def test_command_line_person_level(write_file, tmp_path):
    # python -m analysis tables ARTICLE --out DIR --level person
    article = write_file("article.md", US_TEXT)
    out = tmp_path / "out"
    assert main(["tables", str(article), "--out", str(out), "--level", "person"]) == 0
    counts = pd.read_csv(out / "actor_counts.csv")
    assert counts.loc[counts["party"] == "Barack Obama", "mentions"].tolist() == [2]
    stance = pd.read_csv(out / "stance.csv")
    assert "Barack Obama" in set(stance["party"])


# =========================================================================================
# The shipped dictionary, data/actors.yml
# =========================================================================================

GUIDELINES_PARTIES = ["Russia", "Iran", "Israel", "United States", "Syria", "Lebanon", "Greece", "Hezbollah",
                      "Al-Nusrah Front", "Al Qaeda", "Islamic State", "Sunni opposition militias",
                      "United Nations", "West", "Axis of Resistance"]
MENA_STATES = ["Algeria", "Bahrain", "Egypt", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Libya",
               "Morocco", "Oman", "Palestine", "Qatar", "Saudi Arabia", "Syria", "Tunisia", "United Arab Emirates",
               "Yemen"]
P5 = ["China", "France", "Russia", "United Kingdom", "United States"]
BODIES = ["United Nations", "European Union", "NATO", "Arab League", "OPEC", "IAEA"]


def test_shipped_dictionary_loads(shipped):
    # the file an analyst edits passes its own validation and has parties, people and outlets
    assert shipped.path.endswith("actors.yml")
    assert len(shipped.parties) > 0 and len(shipped.people) > 0 and len(shipped.outlets) > 0
    assert set(shipped.people["party"]) <= set(shipped.parties["party"])


def test_shipped_dictionary_has_every_guidelines_party(shipped):
    # GUIDELINES: "Canonical party names (use exactly these)"
    missing = [p for p in GUIDELINES_PARTIES if p not in set(shipped.parties["party"])]
    assert missing == []


def test_shipped_axis_of_resistance_is_a_coalition_of_parties(shipped):
    # a coalition with members that are themselves parties, including its core
    row = shipped.parties.set_index("party").loc["Axis of Resistance"]
    members = set(row["members"].split(";"))
    assert row["kind"] == "coalition"
    assert {"Iran", "Syria", "Hezbollah"} <= members <= set(shipped.parties["party"])


@pytest.mark.parametrize("names, kind", [
    pytest.param(MENA_STATES, "state", id="mena-states"),
    pytest.param(P5 + ["Turkey"], "state", id="p5-and-turkey"),
    pytest.param(BODIES, "international body", id="international-bodies"),
])
def test_shipped_dictionary_has_states_and_bodies(shipped, names, kind):
    # each present, with its kind
    kinds = dict(zip(shipped.parties["party"], shipped.parties["kind"]))
    assert {name: kinds.get(name) for name in names} == {name: kind for name in names}


def test_shipped_syrian_opposition_is_syrias_opposition(shipped):
    # bare "rebels" in a Syria article count for the Syrian opposition
    assert shipped.oppositions["Syria"] == "Syrian opposition"


def test_shipped_guidelines_outlets_are_sources_with_their_country(load_text, shipped):
    # GUIDELINES' outlets: no party mention, each listed as a source with its country
    article = load_text("a.md", "Moscow Times, Israel Radio, Al Arabiya, Ha'aretz, TASS, RIA Novosti and Fars reported.")
    assert find_mentions(article, shipped).empty
    assert find_outlets(article, shipped)[["text", "outlet", "country"]].values.tolist() == [
        ["Moscow Times", "Moscow Times", "Russia"],
        ["Israel Radio", "Israel Radio", "Israel"],
        ["Al Arabiya", "Al Arabiya", "Saudi Arabia"],
        ["Ha'aretz", "Haaretz", "Israel"],
        ["TASS", "TASS", "Russia"],
        ["RIA Novosti", "RIA Novosti", "Russia"],
        ["Fars", "Fars", "Iran"],
    ]


def test_shipped_demonym_or_possessive_next_to_outlet_counts(load_text, shipped):
    # GUIDELINES: "Russia's TASS news agency", "Iran's Fars" each count once for the country
    article = load_text("a.md", "Russia's TASS news agency and Iran's Fars said so.")
    assert rows(find_mentions(article, shipped)) == [("Russia's", "Russia", False), ("Iran's", "Iran", False)]
    assert find_outlets(article, shipped)["outlet"].tolist() == ["TASS", "Fars"]


def test_shipped_short_capitals_are_case_sensitive(load_text, shipped):
    # actors.yml: "US" is not the pronoun "us"; "UN", "EU" likewise
    article = load_text("a.md", "Tell us what the US, the UN and the EU said. The un-named eu-ro men left.")
    assert rows(find_mentions(article, shipped)) == [
        ("US", "United States", False), ("UN", "United Nations", False), ("EU", "European Union", False),
    ]


def test_shipped_guidelines_examples(load_text, shipped):
    # GUIDELINES' examples of one mention each, on the shipped dictionary
    article = load_text("a.md", "Russian Defense Minister Sergei Shoigu met Sheikh Nasrallah leader of Hezbollah. "
                                "Moscow and Tehran would resolve it. The Axis of Resistance held.")
    assert [(r.party, r.location) for r in find_mentions(article, shipped).itertuples()] == [
        ("Russia", False), ("Hezbollah", False), ("Russia", False), ("Iran", False), ("Axis of Resistance", False),
    ]


def test_civil_war_words_in_a_story_led_by_another_state(read, shipped):
    # "rebel groups" take the opposition of the civil-war state even where Russia is named
    # most; "rebel group" after a named group describes it; "Kurdish-held" is the Kurdish party
    # named closest; "the Coalition" the Syrian National Coalition named before it
    _, mentions = read("Russia struck a town in Syria. Russia said no rebel groups were there, and Russia denied it. "
                       "The Ahrar al-Sham rebel group disagreed. The YPG held a Kurdish-held town. The Syrian "
                       "National Coalition protested; the Coalition called on insurgents to withdraw.\n", shipped)
    assert mentions[["text", "party"]].values.tolist() == [
        ["Russia", "Russia"], ["Syria", "Syria"], ["Russia", "Russia"], ["rebel groups", "Syrian opposition"],
        ["Russia", "Russia"], ["Ahrar al-Sham", "Ahrar al-Sham"], ["YPG", "People's Protection Units"],
        ["Kurdish-held", "People's Protection Units"], ["Syrian National Coalition", "Syrian National Coalition"],
        ["Coalition", "Syrian National Coalition"], ["insurgents", "Syrian opposition"]]


def test_the_government_side_is_the_civil_wars_state_and_long_acronyms_may_be_names(read, shipped):
    # Israel is named most, but "the regime", "government-held" and "loyalist" are the Syrian
    # side's words (Syria named at least half as often); "Unicef" is UNICEF; "Kurdish-led"
    # right before a named group describes it
    _, mentions = read("An Israeli strike hit a government-held village in Syria. Israel and Israeli jets struck "
                       "the regime, a Syrian official said, and Hezballah and loyalist militia fled. Unicef said "
                       "the Kurdish-led Syrian Democratic Forces helped.\n", shipped)
    assert mentions[["text", "party"]].values.tolist() == [
        ["Israeli", "Israel"], ["government-held", "Syria"], ["Syria", "Syria"], ["Israel", "Israel"],
        ["Israeli", "Israel"], ["regime", "Syria"], ["Syrian", "Syria"], ["Hezballah", "Hezbollah"],
        ["loyalist", "Syria"], ["Unicef", "United Nations"], ["Syrian Democratic Forces", "Syrian Democratic Forces"]]


def test_bare_government_words_and_the_government_of_a_state(read, shipped):
    # bare "government" and a bare ministry are the article's state; "the government of Iraq"
    # one mention of Iraq; "the Kurdish-Arab alliance" is the SDF
    _, mentions = read("Syria said the government would act, the interior ministry said. Syria and the "
                       "government of Iraq met. The Kurdish-Arab alliance advanced.\n", shipped)
    assert mentions[["text", "party"]].values.tolist() == [
        ["Syria", "Syria"], ["government", "Syria"], ["interior ministry", "Syria"], ["Syria", "Syria"],
        ["Iraq", "Iraq"], ["Kurdish-Arab alliance", "Syrian Democratic Forces"]]


def test_us_advocacy_groups_are_actors_and_keep_their_country_word(read, shipped):
    # a group's name with a country word in it is the group's, not the United States
    _, mentions = read("Americans for Prosperity and the Center for American Progress disagreed; the ACLU sued "
                       "and the NRA objected. American voters shrugged.\n", shipped)
    assert mentions[["text", "party", "kind"]].values.tolist() == [
        ["Americans for Prosperity", "Americans for Prosperity", "advocacy group"],
        ["Center for American Progress", "Center for American Progress", "advocacy group"],
        ["ACLU", "American Civil Liberties Union", "advocacy group"],
        ["NRA", "National Rifle Association", "advocacy group"],
        ["American", "United States", "state"]]
