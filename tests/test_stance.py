"""Stance of each voice toward each party (analysis.stance).

Most tests set each mention's targeted sentiment by hand (``scored(article, values)``), so that
the numbers follow from the stance rules alone (cues, the self cue, exclusions, thresholds,
the author's model) and not from the targeted-sentiment model; the clear-stance article runs
the whole pipeline.
"""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.actors import find_mentions, load_dictionary
from analysis.paths import PROJECT_DIR
from analysis.sentiment import mention_sentiment
from analysis.stance import (AUTHOR_FEATURES, READING_COLUMNS, SELF_CUE, STANCE_COLUMNS, STANCE_MODEL_PATH, THRESHOLD,
                             author_model, author_readings,
                             cell_evidence, mention_cues, most_mentioned_party, side_label, side_probabilities,
                             stance_conclusion, stance_cues, stance_label, stance_table, stance_values, voice_summary)
from analysis.voices import attribute_voices

# The author calls Hezbollah "a terrorist proxy" and "aggressive" again and again, and praises
# Greece as "a staunch ally" with "success".  No source speaks; no place is a mere location.
CLEAR_STANCE = """# Hezbollah and Greece

Hezbollah is a terrorist proxy that spreads fear. The aggressive Hezbollah militia fires rockets again. \
Hezbollah remains aggressive and brutal on every front.

Greece is a staunch ally in the region. Greece achieved a real success in the talks. \
The success of Greece shows a reliable partner.
"""

# Two sources and the author; hand-set sentiments make every value a sum of cues.
SOURCES = """# T

Greece signed the papers on Monday. Sergei Lavrov said that Russia and Iran would deliver the systems to Greece. \
Yuval Steinitz said that Israel would respond. Israel will defend itself against Iran, he said.
"""


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


@pytest.fixture
def read(load_text, dictionary):
    """``read(text, values=None)`` -> (article, scored mentions, voices).

    ``values`` sets each mention's sentiment by hand (a number for all, or a list in mention
    order); None runs the targeted-sentiment model.
    """

    def run(text: str, values=None, name: str = "stance.md"):
        article = load_text(name, text)
        mentions = find_mentions(article, dictionary)
        if values is None:
            scored = mention_sentiment(article, mentions)
        else:
            scored = mentions.assign(sentiment=values, label="neutral", evidence="")
        return article, scored, attribute_voices(article, dictionary)

    return run


def cell(table: pd.DataFrame, voice: str, party: str) -> pd.Series:
    rows = table[(table["voice"] == voice) & (table["party"] == party)]
    assert len(rows) == 1, f"no single row for {voice} x {party}:\n{table}"
    return rows.iloc[0]


# --- labels -----------------------------------------------------------------------------------


def test_stance_label_at_the_thresholds():
    assert THRESHOLD == 0.2
    assert stance_label(-THRESHOLD) == "against"  # at most -THRESHOLD
    assert stance_label(THRESHOLD) == "favor"  # at least THRESHOLD
    assert stance_label(np.nextafter(-THRESHOLD, 0)) == "neutral"  # just inside
    assert stance_label(np.nextafter(THRESHOLD, 0)) == "neutral"
    assert stance_label(np.nextafter(-THRESHOLD, -1)) == "against"
    assert stance_label(np.nextafter(THRESHOLD, 1)) == "favor"
    assert stance_label(0.0) == "neutral"
    assert stance_label(-1.0) == "against" and stance_label(1.0) == "favor"


# Lavrov speaks twice about Greece: a source's stance, read with the fixed thresholds.
A_SOURCE = ("# T\n\nSergei Lavrov said that Greece signed the papers on Monday. "
            "Lavrov said that Greece signed more papers on Tuesday.\n")


@pytest.mark.parametrize("values, score, stance", [
    ([0.25, 0.25], 0.25, "favor"),
    ([-0.25, -0.25], -0.25, "against"),
    ([0.1, 0.1], 0.1, "neutral"),
    ([0.5, -0.5], 0.0, "neutral"),
])
def test_a_sources_labels_follow_the_threshold(read, values, score, stance):
    # mentions: Sergei Lavrov (the speaker, left out), Greece, Lavrov (the speaker), Greece
    article, scored, voices = read(A_SOURCE, [0.9, values[0], 0.9, values[1]])
    row = cell(stance_table(article, scored, voices), "Sergei Lavrov", "Greece")
    assert (row.score, row.stance, row.n_mentions) == (pytest.approx(score), stance, 2)
    assert row.ci_low == pytest.approx(min(values)) and row.ci_high == pytest.approx(max(values))


def test_a_sources_mean_of_exactly_the_threshold_is_favor(read):
    article, scored, voices = read(A_SOURCE, [0.0, 0.7, 0.0, -0.3])
    row = cell(stance_table(article, scored, voices), "Sergei Lavrov", "Greece")
    assert row.score == THRESHOLD
    assert row.stance == stance_label(row.score) == "favor"


# --- the author's stance: the model ---------------------------------------------------------

# P(against) = sigmoid(-2 x sentiment - others): easy numbers, the share left out (weight 0)
PLAIN_MODEL = {"features": list(AUTHOR_FEATURES), "mean": np.zeros(3), "scale": np.ones(3), "low": np.array([-1.0, -1.0, 0.0]),
               "high": np.array([1.0, 1.0, 1.0]), "coef": np.array([-2.0, -1.0, 0.0]), "intercept": 0.0, "others_prior": 2.0}
TWO_GREECE = "# T\n\nGreece signed the papers on Monday. Greece signed more papers on Tuesday.\n"


def test_side_probabilities_and_the_mirror_for_favor():
    against, favor = side_probabilities(np.array([[-0.5, 0.0, 0.3], [0.0, 0.5, 0.9], [0.25, -0.5, 0.1]]), PLAIN_MODEL)
    sigmoid = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    assert against == pytest.approx([sigmoid(1.0), sigmoid(-0.5), 0.5])
    assert favor == pytest.approx([sigmoid(-1.0), sigmoid(0.5), 0.5])  # both sentiments' signs turned


def test_side_label_names_a_side_past_one_half():
    assert side_label(0.51, 0.2) == "against" and side_label(0.2, 0.51) == "favor"
    assert side_label(0.5, 0.1) == "neutral" and side_label(0.1, 0.5) == "neutral"  # past, not at
    assert side_label(0.7, 0.6) == "against" and side_label(0.6, 0.7) == "favor"  # the likelier side
    assert side_label(0.8, 0.8) == "neutral"  # no lean either way


def test_the_author_row_reads_the_model(read, monkeypatch):
    monkeypatch.setattr("analysis.stance.author_model", lambda: PLAIN_MODEL)
    article, scored, voices = read(TWO_GREECE, [-0.5, -0.5])
    row = cell(stance_table(article, scored, voices), "author", "Greece")
    p_against, p_favor = 1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(1.0))  # sigmoid(-2 x -0.5) and its mirror
    assert (row.stance, row.n_mentions) == ("against", 2)
    assert row.score == pytest.approx(round(p_favor - p_against, 4))  # -0.4621
    assert row.ci_low == row.ci_high == row.score  # both mentions alike: every resample the same
    assert row.evidence == ("model: against 0.73, favor 0.27 from mean sentiment -0.50, other voices' +0.00"
                            " (0 mentions) and 100% of actor mentions | s1: Greece | s2: Greece")


GREECE_QUOTED = ("# T\n\nGreece signed the papers on Monday. Sergei Lavrov said that Greece had lied. "
                 "Lavrov said that Greece would pay.\n")


def test_the_author_row_reads_what_other_voices_say_of_the_party(read, monkeypatch):
    monkeypatch.setattr("analysis.stance.author_model", lambda: PLAIN_MODEL)
    article, scored, voices = read(GREECE_QUOTED, [0.0, 0.0, -0.6, 0.0, -0.6])  # Greece, Sergei Lavrov, Greece, Lavrov, Greece
    table = stance_table(article, scored, voices)
    assert cell(table, "Sergei Lavrov", "Greece").n_mentions == 2
    row = cell(table, "author", "Greece")
    others = (-0.6 - 0.6) / (2 + 2.0)  # the two quoted mentions, shrunk by two pseudo-mentions of 0
    p_against, p_favor = 1 / (1 + np.exp(others)), 1 / (1 + np.exp(-others))
    assert (row.stance, row.n_mentions) == ("against", 1)  # from the quotes alone: the author's own mention is 0
    assert row.score == pytest.approx(round(p_favor - p_against, 4))  # -0.1489
    assert row.evidence.startswith("model: against 0.57, favor 0.43 from mean sentiment +0.00, other voices' -0.30"
                                   " (2 mentions: s2, s3) and ")


def test_the_author_readings_say_what_the_model_read_per_party(read, monkeypatch):
    monkeypatch.setattr("analysis.stance.author_model", lambda: PLAIN_MODEL)
    article, scored, voices = read(GREECE_QUOTED, [0.0, 0.0, -0.6, 0.0, -0.6])
    readings = author_readings(article, scored, voices)
    assert list(readings.columns) == READING_COLUMNS
    p_against = round(1 / (1 + np.exp(-0.3)), 4)  # sigmoid(-2 x 0 - (-0.3))
    # Russia is named only as the speaker: the author's words do not evaluate it, so no row
    assert readings.values.tolist() == [["Greece", "against", p_against, round(1 - p_against, 4), 0.0, 1, -0.3, 2,
                                         "Sergei Lavrov", 0.6]]
    row = cell(stance_table(article, scored, voices), "author", "Greece")
    assert row.score == pytest.approx(readings["p_favor"][0] - readings["p_against"][0], abs=1e-4)


def test_a_voice_speaking_for_the_party_is_not_another_voice(read, monkeypatch):
    monkeypatch.setattr("analysis.stance.author_model", lambda: PLAIN_MODEL)
    article, scored, voices = read(GREECE_QUOTED.replace("Greece had lied", "Russia had lied")
                                   .replace("Greece would pay", "Russia would pay")
                                   .replace("Greece signed", "Russia signed"), [0.0, 0.0, -0.6, 0.0, -0.6])
    row = cell(stance_table(article, scored, voices), "author", "Russia")
    assert row.score == 0.0 and "other voices' +0.00 (0 mentions)" in row.evidence


def test_the_author_rows_interval_is_a_bootstrap_over_the_mentions(read, monkeypatch):
    monkeypatch.setattr("analysis.stance.author_model", lambda: PLAIN_MODEL)
    article, scored, voices = read(TWO_GREECE, [-0.9, 0.3])
    row = cell(stance_table(article, scored, voices), "author", "Greece")
    # with this model P(favor) - P(against) = sigmoid(2s) - sigmoid(-2s) = tanh(s) of the mean s;
    # resamples of the two mentions have mean -0.9, -0.3 or 0.3, a quarter of them each extreme
    assert row.score == round(float(np.tanh(-0.3)), 4)
    assert (row.ci_low, row.ci_high) == (round(float(np.tanh(-0.9)), 4), round(float(np.tanh(0.3)), 4))


@pytest.mark.parametrize("values, stance", [([-0.9, -0.9], "against"), ([0.9, 0.9], "favor"), ([0.0, 0.0], "neutral")])
def test_the_shipped_model_on_hand_set_sentiments(read, values, stance):
    # Greece is the article's only actor (share 1): strong sentiment takes a side, none takes none
    article, scored, voices = read(TWO_GREECE, values)
    row = cell(stance_table(article, scored, voices), "author", "Greece")
    assert row.stance == stance
    if stance == "neutral":
        assert row.score == 0.0  # P(favor) = P(against) at sentiment 0
    assert row.ci_low <= row.score <= row.ci_high


def test_the_shipped_model_is_monotone_and_says_where_it_comes_from():
    model = author_model()
    assert tuple(model["features"]) == AUTHOR_FEATURES == ("sentiment", "others", "share")
    # more negative in the author's words and in the others', more prominent: more against
    assert model["coef"][0] < 0 and model["coef"][1] < 0 and model["coef"][2] > 0
    assert model["others_prior"] in model["meta"]["grid"]["others_prior"]
    meta = model["meta"]
    assert meta["trained_on"].startswith("BASIL dev") and meta["labels"] == 320
    assert 0.35 < meta["nested_cv_macro_f1_mean"] < 0.6


BASIL_DEV = PROJECT_DIR.parent / "shared" / "data" / "basil" / "dev"


@pytest.mark.skipif(not BASIL_DEV.is_dir() or not (PROJECT_DIR.parent / "shared" / "tools" / "basil_score.py").exists(),
                    reason="BASIL dev (../shared/data/basil/dev) and its scorer (../shared/tools) are not present")
def test_the_training_script_rebuilds_the_shipped_model(tmp_path):
    out = tmp_path / "stance_model.json"
    run = subprocess.run([sys.executable, "scripts/train_stance.py", "--out", str(out)], cwd=PROJECT_DIR,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.read_bytes() == STANCE_MODEL_PATH.read_bytes()


# --- the table ------------------------------------------------------------------------------


@pytest.fixture
def clear_stance(read):
    return read(CLEAR_STANCE, name="clear-stance.md")


def test_table_columns_interval_and_labels(clear_stance):
    article, scored, voices = clear_stance
    table = stance_table(article, scored, voices)
    assert list(table.columns) == STANCE_COLUMNS
    assert len(table) > 0
    assert (table["ci_low"] <= table["score"]).all() and (table["score"] <= table["ci_high"]).all()
    assert table["score"].between(-1, 1).all()
    assert [stance_label(s) for s in table["score"]] == table["stance"].tolist()


def test_table_is_deterministic(clear_stance):
    article, scored, voices = clear_stance
    pd.testing.assert_frame_equal(stance_table(article, scored, voices), stance_table(article, scored, voices))


def test_author_against_the_terrorist_proxy_and_for_the_staunch_ally(clear_stance):
    article, scored, voices = clear_stance
    assert set(voices["voice"]) == {"author"}
    table = stance_table(article, scored, voices)
    hezbollah, greece = cell(table, "author", "Hezbollah"), cell(table, "author", "Greece")
    assert hezbollah.stance == "against" and greece.stance == "favor"
    assert hezbollah.n_mentions == greece.n_mentions == 4  # the title's mention counts too
    for cue in ("terrorist (against)", "proxy (against)", "aggressive (against)", "brutal (against)"):
        assert cue in hezbollah.evidence
    for cue in ("ally (favor)", "success (favor)", "partner (favor)"):
        assert cue in greece.evidence
    assert "(favor)" not in hezbollah.evidence and "(against)" not in greece.evidence


def test_author_first_then_sources_alphabetically_parties_by_mentions(read):
    article, scored, voices = read(SOURCES, 0.0)
    table = stance_table(article, scored, voices)
    assert table[["voice", "party", "n_mentions"]].values.tolist() == [
        ["author", "Greece", 1],
        ["author", "Iran", 0],  # named only in the sources' words or as a source
        ["author", "Israel", 0],
        ["author", "Russia", 0],
        ["Sergei Lavrov", "Greece", 1],  # equal counts: parties alphabetically
        ["Sergei Lavrov", "Iran", 1],
        ["Sergei Lavrov", "Russia", 1],  # "Sergei Lavrov" himself (the speaker) is left out
        ["Yuval Steinitz", "Israel", 2],  # most mentions first
        ["Yuval Steinitz", "Iran", 1],
    ]
    assert cell(table, "Yuval Steinitz", "Israel").score == pytest.approx(0.75)  # (0.5 + 1.0) / 2


def test_actors_the_author_never_evaluates_are_neutral_author_rows(read):
    # Iran, Israel and Russia are named only in sentences that report Lavrov's and Steinitz's words:
    # the author's row says so, neutral, with no mention behind it
    article, scored, voices = read(SOURCES, 0.0)
    table = stance_table(article, scored, voices)
    rows = table[(table["voice"] == "author") & (table["n_mentions"] == 0)]
    assert rows[["party", "stance", "score"]].values.tolist() == [["Iran", "neutral", 0.0], ["Israel", "neutral", 0.0],
                                                                  ["Russia", "neutral", 0.0]]
    assert all(e.startswith("named only as a source or in quotations: s") for e in rows["evidence"])


# --- which mentions count -----------------------------------------------------------------


def test_location_and_the_speakers_own_attribution_are_left_out(read):
    # Turkey is only named in the attribution ("Turkish Foreign Minister Mevlut Cavusoglu said"),
    # Syria only as a place ("in Syria"): neither shows a stance
    article, scored, voices = read("# Ceasefire talks\n\nTurkish Foreign Minister Mevlut Cavusoglu said that the "
                                   "ceasefire must hold in Syria.\n", 0.0)
    assert set(scored["party"]) == {"Turkey", "Syria"}
    assert voices.loc[1, "voice"] == "Mevlut Cavusoglu"
    assert stance_values(article, scored, voices).empty
    # the author only names Turkey as the source: a neutral row without mentions; Syria, a place, has none
    assert stance_table(article, scored, voices)[["voice", "party", "stance", "n_mentions"]].values.tolist() == [
        ["author", "Turkey", "neutral", 0]]


def test_a_source_speaking_for_its_own_party_gets_the_self_cue(read):
    article, scored, voices = read(SOURCES, 0.0)
    values = stance_values(article, scored, voices)
    weight = stance_cues()["weight"]
    russia = values[(values["voice"] == "Sergei Lavrov") & (values["party"] == "Russia")]
    assert russia["cues"].tolist() == [SELF_CUE]
    assert russia["value"].tolist() == [weight]
    # another party in the same sentence gets no self cue; the author never does
    iran = values[(values["voice"] == "Sergei Lavrov") & (values["party"] == "Iran")]
    assert iran["cues"].tolist() == [""]
    assert SELF_CUE not in "".join(values.loc[values["voice"] == "author", "cues"])


# --- mention_cues -------------------------------------------------------------------------

FILLER = ["signed", "the", "new", "trade", "deal", "on", "a", "cold", "grey", "day", "in", "town"]


@pytest.mark.parametrize("between, counts", [(0, True), (1, True), ("window-1", True), ("window", False)])
def test_mention_cues_window(load_text, dictionary, between, counts):
    # distance in words: the cue right after the mention is 1 away; with n words between it is
    # n + 1 away, and counts while that is at most `window`
    window = stance_cues()["window"]
    n = {"window-1": window - 1, "window": window}.get(between, between)
    article = load_text("window.md", "# T\n\nGreece " + " ".join(FILLER[:n] + ["ally"]) + ".\n")
    mentions = find_mentions(article, dictionary)
    assert mentions["text"].tolist() == ["Greece"]
    assert mention_cues(article, mentions) == [[("ally", "favor")] if counts else []]


def test_a_cue_counts_for_the_nearest_mention_only(load_text, dictionary):
    article = load_text("nearest.md", "# T\n\nGreece welcomed the visitors while Hezbollah terrorists fired rockets.\n")
    mentions = find_mentions(article, dictionary)
    assert mentions["party"].tolist() == ["Greece", "Hezbollah"]
    # "terrorists" is 1 word from Hezbollah and 6 from Greece: only Hezbollah's
    assert mention_cues(article, mentions) == [[("welcomed", "favor")], [("terrorists", "against")]]


def test_an_against_cue_passes_over_the_target_of_an_act(load_text, dictionary):
    # "crushing" is nearer Israel, but Israel is what the action is against: the cue is Hezbollah's
    article = load_text("target.md", "# T\n\nHezbollah may unleash a crushing action against Israel.\n")
    mentions = find_mentions(article, dictionary)
    assert mentions["party"].tolist() == ["Hezbollah", "Israel"]
    assert mention_cues(article, mentions) == [[("crushing", "against")], []]
    # with no other mention in reach, the target keeps the cue
    alone = load_text("alone.md", "# T\n\nThey plan a crushing action against Israel.\n")
    assert mention_cues(alone, find_mentions(alone, dictionary)) == [[("crushing", "against")]]


def test_words_inside_a_mention_are_not_its_cues(load_text, dictionary):
    article = load_text("inside.md", "# T\n\nThe Assad regime fired rockets.\n")
    mentions = find_mentions(article, dictionary)
    assert mentions[["text", "party"]].values.tolist() == [["Assad regime", "Syria"]]
    assert mention_cues(article, mentions) == [[]]


# --- summaries ------------------------------------------------------------------------------


def test_voice_summary(read):
    _, _, voices = read(SOURCES, 0.0)
    summary = voice_summary(voices)
    assert list(summary.columns) == ["voice", "voice_kind", "voice_party", "sentences"]
    assert summary.values.tolist() == [
        ["author", "author", "", 2],  # first, whatever its count
        ["Yuval Steinitz", "person", "Israel", 2],  # then by sentences
        ["Sergei Lavrov", "person", "Russia", 1],
    ]
    assert summary["sentences"].sum() == len(voices)


def test_cell_evidence_joins_model_words_and_cue_words(clear_stance):
    article, scored, voices = clear_stance
    values = stance_values(article, scored, voices)
    rows = cell_evidence(values, "author", "Hezbollah")
    assert len(rows) == 4 and set(rows["party"]) == {"Hezbollah"}
    words = {w.strip() for e in rows["evidence"] for w in e.split(";")} - {""}
    assert {"terrorist", "proxy", "aggressive", "brutal"} <= words
    assert not any("(" in w for w in words)  # the side annotations are gone
    assert cell_evidence(values, "author", "Iran").empty


def test_cell_evidence_drops_the_self_cue(read):
    article, scored, voices = read(SOURCES, 0.0)
    rows = cell_evidence(stance_values(article, scored, voices), "Yuval Steinitz", "Israel")
    words = [{w.strip() for w in e.split(";")} - {""} for e in rows["evidence"]]
    assert words == [set(), {"defend"}]  # "speaks for the party" is no word of the text


def test_most_mentioned_party(read):
    article, scored, voices = read(SOURCES, 0.0)
    values = stance_values(article, scored, voices)
    assert most_mentioned_party(values, "Yuval Steinitz") == "Israel"  # 2 against Iran's 1
    assert most_mentioned_party(values, "Sergei Lavrov") == "Greece"  # 1 each: first alphabetically
    assert most_mentioned_party(values, "nobody") is None


def test_stance_conclusion_names_parties_with_signed_scores():
    stance = pd.DataFrame([
        ("author", "Hezbollah", "against", -0.6463, -1.0, -0.17, 4, ""),
        ("author", "Greece", "favor", 0.6715, 0.24, 1.0, 4, ""),
        ("author", "Iran", "neutral", 0.05, 0.0, 0.1, 3, ""),
        ("author", "Syria", "against", -0.9, -0.9, -0.9, 1, ""),  # too few mentions
        ("Sergei Lavrov", "Russia", "favor", 0.5, 0.5, 0.5, 2, ""),
    ], columns=STANCE_COLUMNS)
    text = stance_conclusion(stance)
    assert text.startswith("The author is against **Hezbollah** (-0.65, 4 mentions); in favour of **Greece** "
                           "(+0.67, 4 mentions); and neutral toward **Iran** (+0.05, 3 mentions).")
    assert "Syria" not in text and "Russia" not in text
    lavrov = stance_conclusion(stance, "Sergei Lavrov")
    assert lavrov.startswith("Sergei Lavrov is against no party; in favour of **Russia** (+0.50, 2 mentions); "
                             "and neutral toward no party.")


def test_stance_conclusion_of_the_clear_stance_article(clear_stance):
    text = stance_conclusion(stance_table(*clear_stance))
    assert "against **Hezbollah** (-" in text and "in favour of **Greece** (+" in text


def test_stance_conclusion_empty_case():
    empty = pd.DataFrame(columns=STANCE_COLUMNS)
    assert stance_conclusion(empty) == "The tables hold no party that 'author' mentions 2 times or more."
    assert stance_conclusion(empty, "TASS", 3) == "The tables hold no party that 'TASS' mentions 3 times or more."
