"""Relations between parties (analysis.relations): one short passage per cue, with the exact
relation expected (direction and polarity), negative cases, alignment, the graph and the
pattern file's validation.  Passages are small markdown articles ("# T" + one paragraph);
the title is sentence 0, so the passage's first sentence is sentence 1.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.actors import actor_counts, find_mentions, load_dictionary
from analysis.relations import (ALIGNMENT_COLUMNS, RELATION_COLUMNS, alignment, alignment_answer, alignment_graph,
                                build_patterns, coalition_relations, evidence_strength, find_relations,
                                load_relation_patterns, party_alignments, question_parties)
from analysis.voices import attribute_voices


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


@pytest.fixture(scope="module")
def patterns():
    return load_relation_patterns()


@pytest.fixture
def relations_of(load_text, dictionary, patterns):
    """``relations_of(body)`` -> [(sentence_id, source, relation, target, polarity)] of "# T" + body."""

    def read(body: str, **kwargs):
        article = load_text("passage.md", "# T\n\n" + body)
        table = find_relations(article, find_mentions(article, dictionary), patterns=patterns, **kwargs)
        assert list(table.columns) == RELATION_COLUMNS
        return [tuple(r) for r in table[["sentence_id", "source_party", "relation", "target_party", "polarity"]].itertuples(index=False)]

    return read


@pytest.mark.parametrize("body, expected", [
    # hostility: who acts on whom
    ("Israel's attack on Hezbollah killed two commanders.", ("Israel", "hostility", "Hezbollah", -1)),
    ("Turkey launched strikes against Hezbollah last week.", ("Turkey", "hostility", "Hezbollah", -1)),
    ("Hezbollah was attacked by Israel on Sunday.", ("Israel", "hostility", "Hezbollah", -1)),
    # a Hezbollah man spying for Israel: Israel acts on Hezbollah
    ("A Hezbollah commander was spying for Israel.", ("Israel", "hostility", "Hezbollah", -1)),
    ("Russia complained about Israel's aggressive action.", ("Russia", "hostility", "Israel", -1)),
    ("The sanctions on Iran were imposed by the United States.", None),  # no party before the cue
    ("The United States imposed sanctions on Iran.", ("United States", "hostility", "Iran", -1)),
    # alliance: the backer, patron or ally is the source
    ("Hezbollah, backed by Iran, fired rockets.", ("Iran", "alliance", "Hezbollah", 1)),
    ("Iran's proxy Hezbollah fired rockets.", ("Iran", "alliance", "Hezbollah", 1)),
    ("The United States stood by its ally Israel.", ("United States", "alliance", "Israel", 1)),
    ("Hezbollah with Iranian backing fired rockets.", ("Iran", "alliance", "Hezbollah", 1)),
    # cooperation
    ("Russia signed a cooperation agreement with Iran.", ("Russia", "cooperation", "Iran", 1)),
    ("Russia's delivery of the S-400 missile system to Turkey angered many.", ("Russia", "cooperation", "Turkey", 1)),
    ("The Russian-Iranian military agreement was signed.", ("Russia", "cooperation", "Iran", 1)),
])
def test_one_cue_gives_one_directed_relation(relations_of, body, expected):
    assert relations_of(body) == ([(1, *expected)] if expected else [])


def test_coalition_membership_from_text(relations_of):
    assert relations_of("The Axis of Resistance unites Syria, Iran and Hezbollah.") == [
        (1, "Hezbollah", "membership", "Axis of Resistance", 1),
        (1, "Iran", "membership", "Axis of Resistance", 1),
        (1, "Syria", "membership", "Axis of Resistance", 1),
    ]


def test_a_list_passes_over_a_modifier(relations_of):
    # "its Lebanese Shiite proxy": Lebanon is not a member, and Iran (not Lebanon) has the proxy
    found = relations_of("The Axis of Resistance unites Syria, Iran and its Lebanese Shiite proxy, Hezbollah.")
    assert found == [
        (1, "Hezbollah", "membership", "Axis of Resistance", 1),
        (1, "Iran", "alliance", "Hezbollah", 1),
        (1, "Iran", "membership", "Axis of Resistance", 1),
        (1, "Syria", "membership", "Axis of Resistance", 1),
    ]


def test_coalition_membership_from_the_dictionary(load_text, dictionary):
    article = load_text("a.md", "# T\n\nThe Axis of Resistance held a rally. Russia watched.")
    table = coalition_relations(find_mentions(article, dictionary), dictionary)
    assert list(table.columns) == RELATION_COLUMNS
    assert set(table["sentence_id"]) == {-1} and set(table["voice"]) == {"dictionary"}
    assert set(zip(table["source_party"], table["relation"], table["target_party"], table["polarity"])) == {
        (member, "membership", "Axis of Resistance", 1) for member in ("Iran", "Syria", "Hezbollah")
    }
    other = load_text("b.md", "# T\n\nRussia and Iran held talks.")
    assert coalition_relations(find_mentions(other, dictionary), dictionary).empty


def test_find_relations_adds_dictionary_membership_when_given_one(relations_of, dictionary):
    found = relations_of("The Axis of Resistance unites Syria and Iran.", dictionary=dictionary)
    assert (-1, "Hezbollah", "membership", "Axis of Resistance", 1) in found
    assert (1, "Syria", "membership", "Axis of Resistance", 1) in found


@pytest.mark.parametrize("body", [
    "Israel and Hezbollah were both named in the report.",  # two parties, no cue
    "Iran's attack on Iranian dissidents worried Israel.",  # the cue pairs Iran with itself
    "Israel carried out strikes in Syria.",  # a place is no target of "strikes in"
    "Israel's attack on a convoy in Quneitra, Syria killed five.",  # a place not right after the cue
    "Has Russia joined the Axis of Resistance?",  # a question asserts nothing
    "Israel's attack on the convoy was far from here; Hezbollah said nothing.",  # ";" ends the search
])
def test_no_relation(relations_of, body):
    assert relations_of(body) == []


def test_voice_and_evidence(load_text, dictionary, patterns):
    article = load_text("v.md", '# T\n\n"Israel\'s attack on Hezbollah was a crime," Sergei Lavrov said.')
    mentions = find_mentions(article, dictionary)
    table = find_relations(article, mentions, attribute_voices(article, dictionary), patterns)
    row = table.iloc[0]
    assert (row.source_party, row.target_party, row.voice) == ("Israel", "Hezbollah", "Sergei Lavrov")
    assert row.evidence == "attack on: Israel's attack on Hezbollah"
    assert find_relations(article, mentions, patterns=patterns)["voice"].tolist() == ["author"]


def test_sorted_by_sentence_source_relation_target(relations_of):
    found = relations_of("Turkey attacked Hezbollah. Israel's attack on Hezbollah failed, and Hezbollah, backed by Iran, "
                         "fired back. Russia signed an agreement with Iran.")
    assert [f[:4] for f in found] == sorted(f[:4] for f in found)
    assert [f[0] for f in found] == [1, 2, 2, 3]


# --- alignment and the graph ----------------------------------------------------------------


def relations_table(rows):
    return pd.DataFrame([(0, s, r, t, p, "author", "") for s, r, t, p in rows], columns=RELATION_COLUMNS)


RELATIONS = relations_table([
    ("Iran", "alliance", "Hezbollah", 1),
    ("Hezbollah", "membership", "Axis of Resistance", 1),
    ("Israel", "hostility", "Hezbollah", -1),
    ("Hezbollah", "hostility", "Israel", -1),  # the other direction counts for the same pair
    ("Russia", "cooperation", "Turkey", 1),  # mixed: the mean of +1 and -1
    ("Turkey", "hostility", "Russia", -1),
    ("Russia", "cooperation", "Iran", 1),
    ("Russia", "cooperation", "Iran", 1),
    ("Russia", "hostility", "Iran", -1),
])


def test_alignment_sign_is_mean_polarity():
    table = alignment(RELATIONS)
    assert list(table.columns) == ALIGNMENT_COLUMNS
    assert all(table["party_a"] < table["party_b"])
    scores = {(r.party_a, r.party_b): (r.score, r.n_relations) for r in table.itertuples()}
    assert scores == {
        ("Hezbollah", "Iran"): (1.0, 1),
        ("Axis of Resistance", "Hezbollah"): (1.0, 1),
        ("Hezbollah", "Israel"): (-1.0, 2),
        ("Russia", "Turkey"): (0.0, 2),
        ("Iran", "Russia"): (pytest.approx(1 / 3, abs=1e-4), 3),
    }
    iran_russia = table[(table["party_a"] == "Iran") & (table["party_b"] == "Russia")].iloc[0]
    assert iran_russia.relations == "cooperation ×2; hostility ×1"


def test_alignment_stance_adds_one_half_weight_observation():
    stance = pd.DataFrame({"voice": ["Yuval Steinitz", "Yuval Steinitz", "author", "Yuval Steinitz"],
                           "party": ["Hezbollah", "Iran", "Hezbollah", "Israel"],
                           "stance": ["against", "against", "against", "favor"]})
    table = alignment(RELATIONS, stance, {"Yuval Steinitz": "Israel"})
    row = table[(table["party_a"] == "Hezbollah") & (table["party_b"] == "Israel")].iloc[0]
    assert row.score == pytest.approx((-1 - 1 - 0.5) / 3, abs=1e-4)
    assert row.n_relations == 2 and "stance against ×1" in row.relations
    # a stance on a pair without relations (Israel-Iran), the author's and a party's own add nothing
    assert len(table) == len(alignment(RELATIONS))
    voices = pd.DataFrame({"voice": ["Yuval Steinitz", "author"], "voice_party": ["Israel", ""]})
    assert alignment(RELATIONS, stance, voices).equals(table)


def test_alignment_graph_nodes_edges_attributes():
    table = alignment(RELATIONS)
    counts = pd.DataFrame({"party": ["Hezbollah", "Israel", "Iran"], "mentions": [5, 3, 2]})
    graph = alignment_graph(table, counts)
    assert set(graph.nodes) == {"Hezbollah", "Iran", "Israel", "Russia", "Turkey", "Axis of Resistance"}
    assert graph.nodes["Hezbollah"]["mentions"] == 5 and graph.nodes["Turkey"]["mentions"] == 0
    assert graph.number_of_edges() == len(table)
    assert graph.edges["Israel", "Hezbollah"] == {"weight": -1.0, "sign": -1, "n_relations": 2, "relations": "hostility ×2"}
    assert graph.edges["Iran", "Hezbollah"]["sign"] == 1
    assert graph.edges["Russia", "Turkey"]["sign"] == 0
    assert alignment_graph(table).nodes["Iran"]["mentions"] is None


# --- the pattern file -----------------------------------------------------------------------


def test_shipped_patterns_load(patterns):
    assert 20 <= len(patterns.patterns) <= 80
    assert {p.relation for p in patterns.patterns} == {"cooperation", "alliance", "hostility", "membership"}


GOOD = {"cue": "attack* on", "relation": "hostility", "polarity": -1}


@pytest.mark.parametrize("entry, message", [
    ({**GOOD, "colour": "red"}, "unknown key 'colour'"),
    ({**GOOD, "relation": "friendship"}, "unknown relation 'friendship'"),
    ({**GOOD, "polarity": 2}, r"polarity must be \+1 or -1"),
    ({**GOOD, "polarity": "-1"}, r"polarity must be \+1 or -1"),
    ({**GOOD, "polarity": 1}, "polarity of hostility is -1"),
    ({**GOOD, "source": "left"}, "source must be one of"),
    ({**GOOD, "window": 0}, "window"),
    ({**GOOD, "window": [3]}, "window"),
    ({**GOOD, "cue": "Attack on"}, "lower case"),
    ({**GOOD, "cue": "... on"}, "between two cue words"),
    ({**GOOD, "source": "inside"}, "'inside' needs"),
    ({**GOOD, "passive": "yes"}, "passive must be true or false"),
    ({"relation": "hostility", "polarity": -1}, "missing 'cue'"),
])
def test_pattern_validation_names_the_entry(entry, message):
    with pytest.raises(ValueError, match=message) as err:
        build_patterns({"patterns": [GOOD, entry]}, "p.yml")
    assert "p.yml: patterns[1]" in str(err.value)


def test_pattern_file_errors(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("patterns: [ {cue: x", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yml: not valid YAML"):
        load_relation_patterns(bad)
    bad.write_text("patterns: []\nwindows: 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key 'windows'"):
        load_relation_patterns(bad)
    with pytest.raises(ValueError, match="cannot be read"):
        load_relation_patterns(tmp_path / "missing.yml")
    good = tmp_path / "good.yml"
    good.write_text("window: 4\npatterns:\n  - {cue: \"hugs\", relation: alliance, polarity: 1}\n", encoding="utf-8")
    loaded = load_relation_patterns(good)
    assert loaded.patterns[0].window == (4, 4) and (loaded.patterns[0].source, loaded.patterns[0].target) == ("before", "after")


# --- the reference article ------------------------------------------------------------------


def test_reference_article_relations(reference_article, dictionary, patterns):
    mentions = find_mentions(reference_article, dictionary)
    voices = attribute_voices(reference_article, dictionary)
    table = find_relations(reference_article, mentions, voices, patterns, dictionary=dictionary)
    found = set(zip(table["source_party"], table["relation"], table["target_party"]))
    assert ("Israel", "hostility", "Hezbollah") in found  # "Israeli intelligence had penetrated Hezbollah"
    assert ("Hezbollah", "hostility", "Israel") in found  # "revenge for Israel's Sunday's attack"
    assert ("Russia", "cooperation", "Iran") in found  # the Shoigu-Dehghan agreement, the S-300 delivery
    assert ("Iran", "alliance", "Hezbollah") in found  # "Iran and its Lebanese Shiite proxy, Hezbollah"
    for member in ("Iran", "Syria", "Hezbollah"):
        assert (member, "membership", "Axis of Resistance") in found
    text_members = table[(table["relation"] == "membership") & (table["sentence_id"] >= 0)]
    assert {"Iran", "Syria", "Hezbollah"} <= set(text_members["source_party"])
    assert "Lebanon" not in set(table["source_party"]) | set(table["target_party"])
    assert not (table["source_party"] == table["target_party"]).any()
    assert set(table.loc[table["relation"] == "hostility", "polarity"]) == {-1}
    # the title is a question: "Has Russia Joined the Axis of Resistance?" asserts no membership
    assert ("Russia", "membership", "Axis of Resistance") not in found
    # voices come from the voices table
    assert table.loc[table["evidence"].str.startswith("spying for"), "voice"].tolist() == ["Al Arabiya"]

    scores = alignment(table)
    pair = {(r.party_a, r.party_b): r.score for r in scores.itertuples()}
    assert pair[("Iran", "Russia")] > 0 and pair[("Hezbollah", "Israel")] < 0 and pair[("Hezbollah", "Iran")] > 0
    graph = alignment_graph(scores, actor_counts(mentions))
    assert graph.nodes["Hezbollah"]["mentions"] > 10
    assert graph.edges["Hezbollah", "Israel"]["sign"] == -1


# --- the article's own question -------------------------------------------------------------

def test_evidence_strength_bands():
    assert [evidence_strength(n) for n in (0, 1, 2, 3, 4, 9)] == ["none", "weak", "moderate", "moderate", "strong", "strong"]


def test_party_alignments_reports_every_pair_asked_about_in_order():
    table = pd.DataFrame({"party_a": ["Iran", "Israel"], "party_b": ["Russia", "Russia"], "score": [0.75, -1.0],
                          "n_relations": [6, 1], "relations": ["cooperation ×6", "hostility ×1"]})
    answer = party_alignments(table, "Russia", ["Iran", "Russia", "Syria", "Israel"])
    assert answer[["other", "verdict", "evidence", "n_relations"]].values.tolist() == [
        ["Iran", "aligned", "strong", 6], ["Syria", "no evidence", "none", 0], ["Israel", "hostile", "weak", 1]]
    text = alignment_answer(answer, "Russia", "Axis of Resistance")
    assert "**aligned** with **Iran** (+0.75; strong evidence" in text and "no relation with **Syria**" in text
    assert "2 of 3 pairs" in text


def test_question_parties_reads_the_question_in_the_title(dictionary):
    # the title names Russia and the coalition; the body mentions Iran more often
    mentions = pd.DataFrame({"sentence_id": [0, 0, 1, 1, 2, 2, 3],
                             "party": ["Russia", "Axis of Resistance", "Iran", "Iran", "Iran", "Israel", "Israel"]})
    focus, coalition, others = question_parties(mentions, dictionary)
    assert (focus, coalition) == ("Russia", "Axis of Resistance")
    assert others[:4] == ["Axis of Resistance", "Iran", "Syria", "Hezbollah"]  # the coalition and its members
    assert "Israel" in others
