"""Tests for analysis/tokens.py: sentences, tokens, frequencies, KWIC and collocations.

Expected values are written out by hand: the 55 sentences of the reference article, and
counts and offsets on a small article written inline (counted on the raw string below).
The property tests at the end run sentences() and tokens() on random generated files.
"""
from __future__ import annotations

import html
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.tokens import (
    SENTENCE_COLUMNS,
    STRAIGHT_QUOTES,
    TOKEN_COLUMNS,
    article_statistics,
    collocations,
    count_words,
    kwic,
    normalise,
    sentence_lengths,
    sentence_spans,
    sentence_word_lists,
    sentences,
    tokens,
    word_frequencies,
    word_spans,
    word_tokenizer,
    words,
)

# --- the reference article ----------------------------------------------------------------

# Every sentence of data/articles/axis-of-resistance.md, read one by one against the article.
# No split after "Gen.", "Maj." or "(ret.)"; the headings are sentences of their own; a quote
# that closes after the full stop stays with its sentence; "... Russian" + blank line +
# "foreign ministry spokesman ..." is one sentence; the "[...]" line is gone.
REFERENCE_SENTENCES = [
    # title
    "Has Russia Joined the Axis of Resistance?",
    # heading
    "Russian Defense Minister Gen. Shoigu and Iranian Defense Minister Gen. Dehghan Tehran 1-20-15",
    "Yesterday, Russian Defense Minister Sergei Shoigu signed an “cooperation” agreement with Iranian Defense Minister Hossein Dehghan in Tehran.",
    "Both countries are the targets of Western and US Sanctions.",
    "Both countries are afflicted with erosion of oil and energy revenues.",
    "Both countries are seeking to blunt opposing US interests in Eastern Europe and the Middle East.",
    "That is reflected in a comment of Iranian State television by Dehghan reported by AFP, that Iran and Russia had a “shared analysis of US global strategy, its interference in regional and international affairs and the need to cooperate in the struggle against the interference of foreign forces in the region.”",
    "There is also the matter of weapon systems deals with proceeds which might bolster Russia’s depleting foreign currency reserves, while combating America’s ally in the Middle East, Israel .",
    "Moscow Times reported:",
    "Russia’s TASS news agency quoted Shoigu as saying the agreement hashed out a “theoretical framework of cooperation in the military sphere,” and also features an increase in naval cooperation, particularly visits by Russian and Iranian naval forces to each other’s ports.",
    "Although Shoigu made no mention of a breakthrough in arms negotiations with the two countries – which have both come under Western sanctions – Iran’s Fars said that Moscow and Tehran would resolve problems with the delivery of the advanced missile system.",
    "Russian state news agency RIA Novosti confirmed the issue was under discussion.",
    "“A step was taken in the direction of cooperation on the economy and arms technology, at least for such defensive systems such as the S-300 and S-400.",
    "Probably we will deliver them,” RIA Novosti quoted Colonel General Leonid Ivashov as saying.",
    "Ivashov is the former head of the defense minister’s department of international cooperation.",
    # heading
    "Russian S-300 Air Defense System",
    "TAAS reported the US studying the announced Russian –Iranian military agreement, but specifically objecting to possible shipment of the S-300/400 air defense system.",
    "Russia might finally ship Iran the advanced S-300 air defense system that both the US and Israeli successfully lobbied former Russian President Medvedev in 2010 to cancel.",
    "Immediate payment by Iran of $800 million for the S-300 system may have cemented the deal.",
    "This defense cooperation deal is a prelude to a meeting between Russian President Vladimir Putin and Iranian President Hassan Rouhani in a Central Asian republic location.",
    "The Russian delivery of the S-300/400 air defense system to Iran maybe a possible counter to the IAF December 8, 2014 attacks at Damascus International airport hangars that destroyed deliveries of missiles headed for Hezbollah in Lebanon and allegedly killed two senior terrorist proxy operatives.",
    "Note this unusual exchange between a Russian Foreign Ministry official and Israeli Intelligence Minister Yuval Steinitz reported by Ha’aretz:",
    # one sentence over two paragraphs (a stray blank line after "Russian")
    "“Moscow is deeply worried by this dangerous development, the circumstances of which demand an explanation,” Russian foreign ministry spokesman Alexander Lukashevich said.",
    "In a letter to the United Nations, Russia complained about Israel's \"aggressive action\" and demanded that such attacks should not happen again, the spokesman said.",
    "Syria also complained to the UN about the strikes, demanding that the Security Council \"severely condemn the Israeli attack and impose punitive sanctions on Israel due to its support of Syrian terrorist organizations.\"",
    "Israel has neither confirmed nor denied the reported strikes.",
    "\"We have a firm policy of preventing all possible transfers of sophisticated weapons to terrorist organizations,\" Intelligence Minister Yuval Steinitz told Israel Radio.",
    "Israel may be prepared to counter an Iranian S-300 threat.",
    "We commented in a 2010, Iconoclast Post:",
    "In June 2008, Israel's air force undertook massive air training exercises involving more than 100 aircraft in the eastern Mediterranean against Greek S-300 Russian air defense systems.",
    "That effort demonstrated the canny effectiveness of swarming attacks against the S-300 and later versions that upset the Iranian military and Revolutionary Guards.",
    "This geo-political deal between two regional hegemony comes on the heels of an Israeli helicopter missile attack on a convoy in Quneitra, Syria last weekend that saw the deaths of senior Hezbollah and Iranian Revolutionary Guards Corps commanders.",
    "The Guardian reported the deaths of Jihad Mughniyah, son of the late Hezbollah terrorist mastermind, and IRGC General Mohammed Allahdadi confirmed by both Hezbollah's Nasrallah and Ayatollah Khamenei.",
    "IDF Maj. Gen. (ret.) Yaakov Amidror, former Israel National Security Adviser, now senior fellow Begin-Sadat Center, commented:",
    "The fact that a senior Iranian is involved, who was involved in planning actions against Israel, is on the benefit side.",
    "The presence of a senior Iranian must also come up on the price side.",
    "And if his presence was known to the decision-makers, this should have been on the table as part of the problem.",
    "Both Sheikh Nasrallah leader of Hezbollah and Supreme ruler Ayatollah Khamenei pledged “crushing revenge” for the deaths of these senior commanders in the Axis of Resistance that unites Assad’s Syria, Iran and its Lebanese Shiite proxy, Hezbollah.",
    "Speculation centers that the Hezbollah and IRGC commanders were engaged in possible ‘imminent’ attacks on Israel’s Golan; Nasrallah had threatened in a recent speech on the Galilee using “sophisticated missiles”.",
    "The Golan has seen activities by Hezbollah and Assad regime forces fighting Sunni opposition militias, Al Qaeda affiliate Al-Nusrah Front and possibly Islamic State units.",
    "The IDF has deployed an Iron Dome battery to the Golan, reinforced units and conducted artillery drills.",
    "According to some Lebanese analysts, if Hezbollah was foolhardy enough to undertake revenge for Israel’s Sunday’s attack, it might target the Shebaa Farms, an area disputed between Lebanon and Israel.",
    "However, Israel analysts contend that Hezbollah is in no position to conduct a repetition of the 2006 Second Lebanon War, despite its sophisticated fortifications and tunneling capabilities.",
    "Al Arabiya cited Lebanese analysts suggesting that the Israeli attack represented “a colossal failure” for Hezbollah:",
    "“This was a colossal failure ... because they [Hezbollah] put this number of senior figures in one spot and at the same observation point and at the same time,” Wehbe Katicha, a former Lebanese army general, told Al Arabiya News.",
    "They pointed to the admission by Nasrallah last Thursday that Israeli intelligence had penetrated Hezbollah leadership causing a major security breach:",
    "A member of Hezbollah chief Hassan Nasrallah's inner circle was recently reported to be spying for Israel.",
    "Local media identified the man as Mohammad Shorba.",
    "This is one of the most pressing and prominent breaches in the group since its formation.",
    "Katicha noted Shorba's case, saying the Shiite group was always vulnerable to such infiltration.",
    # after the "[...]" line
    "\"Shorba was arrested by Hezbollah.",
    "He was a senior figure,\" he said.",
    "Whether the Russian Iranian military cooperation accord is simply the latest episode in the geo-political games impacting US international interests, or is tacit admission of Russia to the Axis of Resistance, Israel is taking no chances.",
    "It is strengthening its northern frontier should Hezbollah with Iranian backing unleash a doubtful \"crushing action\" against the Jewish nation.",
    "Given the latter's success in Sunday's attack in Syria and Intelligence breach of Hezbollah security, that prospect is doubtful.",
]


def test_reference_article_sentences(reference_article):
    table = sentences(reference_article)
    assert list(table.columns) == SENTENCE_COLUMNS
    assert len(REFERENCE_SENTENCES) == 55
    assert table["text"].tolist() == REFERENCE_SENTENCES
    assert table["sentence_id"].tolist() == list(range(55))
    assert table["start"].is_monotonic_increasing and table["start"].is_unique
    assert (table["start"] < table["end"]).all()
    assert (table["end"].iloc[:-1].to_numpy() <= table["start"].iloc[1:].to_numpy()).all()


def test_reference_article_sentence_raw_offsets(reference_article):
    # Raw spans of a few sentences: the title without its "# ", the heading without "## ",
    # a paragraph starting with "*Moscow Times*" (the span starts after the "*"), the
    # sentence over the stray blank line (its raw span includes the blank line), the "\$800"
    # sentence (the raw text keeps the backslash) and the last sentence, which ends the file.
    raw = reference_article.raw
    table = sentences(reference_article).set_index("sentence_id")

    def raw_of(i):
        return raw[table.at[i, "start"] : table.at[i, "end"]]

    assert (table.at[0, "start"], table.at[0, "end"]) == (4, 45)
    assert raw_of(0) == "Has Russia Joined the Axis of Resistance?"
    assert raw_of(1).startswith("Russian Defense Minister Gen. Shoigu") and raw[table.at[1, "start"] - 3 :].startswith("## ")
    assert raw_of(8) == "Moscow Times* [reported](#):"
    assert raw_of(18) == "Immediate payment by Iran of \\$800 million for the S-300 system may have cemented the deal."
    assert raw_of(22) == (
        "“Moscow is deeply worried by this dangerous development, the circumstances of which demand "
        "an explanation,” Russian\n\nforeign ministry spokesman Alexander Lukashevich said."
    )
    assert raw_of(50) == "\"Shorba was arrested by Hezbollah."
    assert table.at[54, "end"] == len(raw.rstrip())
    # The block column: the sentence over the blank line starts in block 12.
    assert table.at[22, "block"] == 12 and table.at[23, "block"] == 14


def test_reference_article_tokens_are_raw_slices(reference_article):
    # In the reference article every token is exactly its raw slice: no token spans markup.
    toks = tokens(reference_article)
    raw = reference_article.raw
    assert list(toks.columns) == TOKEN_COLUMNS
    assert len(toks) > 1000
    for row in toks.itertuples():
        assert raw[row.start : row.end] == row.token
    assert toks["token_id"].tolist() == list(range(len(toks)))
    assert toks["sentence_id"].is_monotonic_increasing
    assert toks["sentence_id"].nunique() == 55
    assert "$" in toks["token"].tolist() and "\\$" not in toks["token"].tolist()


# --- sentence rules on small articles -------------------------------------------------------


def test_sentence_rules(load_text):
    # Abbreviations of ranks and titles, "(ret.)" and "U.S." do not end a sentence; a curly
    # quote closing after the full stop stays with it; "?" and "!" end sentences.
    raw = (
        "Title\n\n"
        "Gen. Smith met Maj. Jones. Col. (ret.) Brown left. The U.S. Army met Mr. Lee. It won!\n\n"
        "He said “we will go.” Then he left. Really? Yes."
    )
    table = sentences(load_text("rules.txt", raw))
    assert table["text"].tolist() == [
        "Title",
        "Gen. Smith met Maj. Jones.",
        "Col. (ret.) Brown left.",
        "The U.S. Army met Mr. Lee.",
        "It won!",
        "He said “we will go.”",
        "Then he left.",
        "Really?",
        "Yes.",
    ]
    assert table["block"].tolist() == [0, 1, 1, 1, 1, 2, 2, 2, 2]
    assert table["start"].tolist() == [0, 7, 34, 58, 85, 94, 116, 130, 138]
    assert table["end"].tolist() == [5, 33, 57, 84, 92, 115, 129, 137, 142]


def test_headings_and_stray_blank_lines(load_text):
    # A heading is a sentence even without a full stop, and is never joined to the next
    # block; a paragraph stopping without punctuation, followed by one in lower case, is one
    # sentence (its block is the first one); a paragraph ending in ":" is not joined.
    raw = (
        "## Heading\n\n"                         # 0-11
        "lowercase start.\n\n"                   # 12-29
        "The deal was signed by Russian\n\n"     # 30-61
        "foreign ministers in Tehran.\n\n"       # 62-91
        "He said:\n\n"                           # 92-101
        "quoted words.\n"                        # 102-115
    )
    table = sentences(load_text("blank.md", raw))
    assert table.to_dict("list") == {
        "sentence_id": [0, 1, 2, 3, 4],
        "block": [0, 1, 2, 4, 5],
        "start": [3, 12, 30, 92, 102],
        "end": [10, 28, 90, 100, 115],
        "text": [
            "Heading",
            "lowercase start.",
            "The deal was signed by Russian foreign ministers in Tehran.",
            "He said:",
            "quoted words.",
        ],
    }


def test_sentences_of_html_map_to_raw(load_text):
    # Sentence offsets point into the HTML source, entities and tags included.
    page = "<h1>News</h1><p>Tom &amp; Jerry ran.<br>They <b>won</b>.</p>"
    article = load_text("s.html", page)
    table = sentences(article)
    assert table["text"].tolist() == ["News", "Tom & Jerry ran.", "They won."]
    assert [page[s:e] for s, e in zip(table["start"], table["end"])] == [
        "News",
        "Tom &amp; Jerry ran.",
        "They <b>won</b>.",
    ]


# --- tokens on a small article --------------------------------------------------------------

# A small article with one link, one emphasis and hand-counted words.  Offsets:
#   "# Air Defense"            Air 2-5, Defense 6-13
#   "Russia sold an [air defense system](#) to Iran. ..."
#        Russia 15, sold 22, an 27, "[" 30, air 31, defense 35, system 43, "](#)" 49-52,
#        to 54, Iran 57, "." 61, Iran 63, wanted 68, the 75, air 79, defense 83, system 91, "!" 97
#   "*Israel* watched. Did Israel object? Israel did not. Iron Dome worked. Iron Dome failed."
#        "*" 100, Israel 101, "*" 107, watched 109, "." 116, Did 118, Israel 122, object 129,
#        "?" 135, Israel 137, did 144, not 148, "." 151, Iron 153, Dome 158, worked 163, "." 169,
#        Iron 171, Dome 176, failed 181, "." 187
SMALL = (
    "# Air Defense\n\n"
    "Russia sold an [air defense system](#) to Iran. Iran wanted the air defense system!\n\n"
    "*Israel* watched. Did Israel object? Israel did not. Iron Dome worked. Iron Dome failed.\n"
)
SMALL_TOKENS = [  # token ids 0..36, by sentence
    ["Air", "Defense"],
    ["Russia", "sold", "an", "air", "defense", "system", "to", "Iran", "."],
    ["Iran", "wanted", "the", "air", "defense", "system", "!"],
    ["Israel", "watched", "."],
    ["Did", "Israel", "object", "?"],
    ["Israel", "did", "not", "."],
    ["Iron", "Dome", "worked", "."],
    ["Iron", "Dome", "failed", "."],
]
N_TOKENS = 37  # 2 + 9 + 7 + 3 + 4 + 4 + 4 + 4
N_WORDS = 30  # the same without the 7 punctuation marks
STOP = {"an", "to", "the", "did", "not"}  # the stop words among them (6 tokens: "did" twice)


@pytest.fixture
def small(load_text):
    article = load_text("small.md", SMALL)
    return article, tokens(article)


def test_small_article_tokens(small):
    article, toks = small
    assert list(toks.columns) == TOKEN_COLUMNS
    assert toks["token"].tolist() == [t for sentence in SMALL_TOKENS for t in sentence]
    assert toks["sentence_id"].tolist() == [i for i, s in enumerate(SMALL_TOKENS) for _ in s]
    assert toks["token_id"].tolist() == list(range(N_TOKENS))
    assert toks["lower"].tolist() == [t.lower() for t in toks["token"]]
    assert toks["is_punct"].tolist() == [t in ".!?" for t in toks["token"]]
    assert toks["is_stop"].tolist() == [t.lower() in STOP for t in toks["token"]]
    assert toks["is_stop"].dtype == bool and toks["is_punct"].dtype == bool
    # Raw offsets, counted by hand (see the comment above SMALL).
    assert toks["start"].tolist() == [
        2, 6,
        15, 22, 27, 31, 35, 43, 54, 57, 61,
        63, 68, 75, 79, 83, 91, 97,
        101, 109, 116,
        118, 122, 129, 135,
        137, 144, 148, 151,
        153, 158, 163, 169,
        171, 176, 181, 187,
    ]
    assert (toks["end"] - toks["start"]).tolist() == toks["token"].str.len().tolist()
    for row in toks.itertuples():
        assert SMALL[row.start : row.end] == row.token


def test_small_article_sentences(small):
    article, _ = small
    table = sentences(article)
    assert table["start"].tolist() == [2, 15, 63, 101, 118, 137, 153, 171]
    assert table["end"].tolist() == [13, 62, 98, 117, 136, 152, 170, 188]
    assert table["block"].tolist() == [0, 1, 1, 2, 2, 2, 2, 2]
    assert table["text"].tolist()[1] == "Russia sold an air defense system to Iran."
    # The raw span of a sentence keeps its markup: here the link's brackets and target.
    assert SMALL[15:62] == "Russia sold an [air defense system](#) to Iran."


def test_curly_quotes_apostrophes_and_contractions(load_text):
    # Curly quotes are tokens of their own and stay curly in "token"; "lower" makes them
    # straight; possessives and "n't" are split the Treebank way.
    raw = "Title\n\nHe said “no” and ‘yes’ to Russia’s deal. Israel's \"aggressive action\" can't stop.\n"
    toks = tokens(load_text("quotes.txt", raw))
    assert toks["token"].tolist() == [
        "Title",
        "He", "said", "“", "no", "”", "and", "‘", "yes", "’", "to", "Russia", "’s", "deal", ".",
        "Israel", "'s", '"', "aggressive", "action", '"', "ca", "n't", "stop", ".",
    ]
    lower = dict(zip(toks["token"], toks["lower"]))
    assert (lower["“"], lower["”"], lower["‘"], lower["’s"]) == ('"', '"', "'", "'s")
    # "’s" and "'s" are stop words; curly quotes are punctuation.
    flags = toks.set_index("token")
    assert flags.loc["’s", "is_stop"] and flags.loc["'s", "is_stop"]
    assert flags.loc["“", "is_punct"] and not flags.loc["’s", "is_punct"]
    for row in toks.itertuples():
        assert raw[row.start : row.end] == row.token


def test_tokens_of_html_entities_map_to_the_whole_entity(load_text):
    # A token decoded from an entity keeps the decoded text; its raw span is the entity.
    page = "<p>Tom &amp; Jerry&#8217;s caf&eacute;.</p>"
    toks = tokens(load_text("ent.html", page))
    assert toks["token"].tolist() == ["Tom", "&", "Jerry", "’s", "café", "."]
    assert [page[s:e] for s, e in zip(toks["start"], toks["end"])] == [
        "Tom", "&amp;", "Jerry", "&#8217;s", "caf&eacute;", ".",
    ]


# --- frequencies, sentence lengths and statistics -----------------------------------------


def test_word_frequencies_content_words(small):
    _, toks = small
    table = word_frequencies(toks)
    assert list(table.columns) == ["word", "n", "share"]
    # 24 content words: 30 words minus the 6 stop words (an, to, the, did ×2, not).
    assert list(zip(table["word"], table["n"])) == [
        ("air", 3), ("defense", 3), ("israel", 3),
        ("dome", 2), ("iran", 2), ("iron", 2), ("system", 2),
        ("failed", 1), ("object", 1), ("russia", 1), ("sold", 1), ("wanted", 1), ("watched", 1), ("worked", 1),
    ]
    assert table["share"].tolist() == pytest.approx([n / 24 for n in table["n"]])
    assert table["share"].sum() == pytest.approx(1.0)


def test_word_frequencies_all_words(small):
    _, toks = small
    table = word_frequencies(toks, content_only=False)
    # 19 types over 30 words; stop words are counted, punctuation is not.
    assert len(table) == 19
    assert table["n"].sum() == N_WORDS
    assert list(zip(table["word"], table["n"]))[:8] == [
        ("air", 3), ("defense", 3), ("israel", 3),
        ("did", 2), ("dome", 2), ("iran", 2), ("iron", 2), ("system", 2),
    ]
    assert table["word"].tolist()[8:] == sorted(["an", "failed", "not", "object", "russia", "sold", "the", "to", "wanted", "watched", "worked"])
    assert not set(".!?") & set(table["word"])
    assert table.loc[table["word"] == "did", "share"].item() == pytest.approx(2 / 30)


def test_sentence_lengths(small):
    _, toks = small
    table = sentence_lengths(toks)
    assert list(table.columns) == ["sentence_id", "words"]
    assert table["sentence_id"].tolist() == list(range(8))
    assert table["words"].tolist() == [2, 8, 6, 2, 3, 3, 3, 3]


def test_sentence_lengths_counts_zero_for_punctuation_only_sentences(load_text):
    # A sentence of punctuation alone has zero words but still has a row.
    toks = tokens(load_text("dash.txt", "Title\n\n— — —\n\nOne more word."))
    assert sentence_lengths(toks)["words"].tolist() == [1, 0, 3]


def test_article_statistics(small):
    _, toks = small
    table = article_statistics(toks)
    assert list(table.columns) == ["statistic", "value"]
    stats = dict(zip(table["statistic"], table["value"]))
    assert stats == {
        "sentences": 8,
        "tokens": 37,
        "words": 30,
        "types": 19,
        "type_token_ratio": round(19 / 30, 4),  # 0.6333
        "content_words": 24,
        "mean_sentence_length": 3.75,  # 30 / 8
        "median_sentence_length": 3.0,  # of 2 2 3 3 3 3 6 8
        "max_sentence_length": 8,
    }
    assert stats["type_token_ratio"] == 0.6333


def test_statistics_of_an_empty_token_table():
    # No tokens at all: zeros, not errors or NaN.
    empty = pd.DataFrame(columns=TOKEN_COLUMNS).astype({"is_stop": bool, "is_punct": bool, "sentence_id": int})
    table = article_statistics(empty)
    stats = dict(zip(table["statistic"], table["value"]))
    assert stats["sentences"] == stats["tokens"] == stats["words"] == 0
    assert stats["mean_sentence_length"] == 0.0 and stats["type_token_ratio"] == 0.0


# --- KWIC ------------------------------------------------------------------------------------

KWIC_COLUMNS = ["sentence_id", "token_id", "start", "end", "pre", "keyword", "post", "pattern"]


def test_kwic_glob_case_insensitive(small):
    # "Isr*" matches the three "Israel"s whatever their case; offsets are the raw word
    # (the first one sits inside "*...*").
    _, toks = small
    table = kwic(toks, "isr*", window=2)
    assert list(table.columns) == KWIC_COLUMNS
    assert table.to_dict("list") == {
        "sentence_id": [3, 4, 5],
        "token_id": [18, 22, 25],
        "start": [101, 122, 137],
        "end": [107, 128, 143],
        "pre": ["system !", ". Did", "object ?"],
        "keyword": ["Israel", "Israel", "Israel"],
        "post": ["watched .", "object ?", "did not"],
        "pattern": ["isr*", "isr*", "isr*"],
    }


def test_kwic_multi_word_and_raw_offsets_of_the_whole_match(small):
    # A multi-word pattern matches consecutive tokens; start/end cover the whole match in raw,
    # markup between the words included.
    _, toks = small
    table = kwic(toks, "air defense system", window=2)
    assert table[["token_id", "start", "end", "pre", "keyword", "post"]].values.tolist() == [
        [5, 31, 49, "sold an", "air defense system", "to Iran"],
        [14, 79, 97, "wanted the", "air defense system", "! Israel"],
    ]
    match = kwic(toks, "israel watched")
    assert (match.at[0, "start"], match.at[0, "end"]) == (101, 116)
    assert SMALL[101:116] == "Israel* watched"


def test_kwic_glob_wildcards(small):
    # "?" is one character: every punctuation token; "[dD]id" a character class.
    _, toks = small
    assert kwic(toks, "?")["token_id"].tolist() == [10, 17, 20, 24, 28, 32, 36]
    assert kwic(toks, "[D]id", case_sensitive=True)["token_id"].tolist() == [21]


def test_kwic_regex(small):
    # Regular expressions match whole tokens; each part of a multi-word pattern is one.
    _, toks = small
    assert kwic(toks, r"i(ran|srael)", regex=True)["token_id"].tolist() == [9, 11, 18, 22, 25]
    iron = kwic(toks, r"iron \w+", regex=True)
    assert iron["keyword"].tolist() == ["Iron Dome", "Iron Dome"]
    assert iron["token_id"].tolist() == [29, 33]
    assert kwic(toks, r"ir", regex=True).empty  # a partial match is no match


def test_kwic_case_sensitivity(small):
    _, toks = small
    assert kwic(toks, "did")["token_id"].tolist() == [21, 26]
    assert kwic(toks, "did", case_sensitive=True)["token_id"].tolist() == [26]
    assert kwic(toks, "Did", case_sensitive=True)["token_id"].tolist() == [21]
    assert kwic(toks, "I*", case_sensitive=True)["token_id"].tolist() == [9, 11, 18, 22, 25, 29, 33]


def test_kwic_window(small):
    # window=0 gives no context; a window reaching past the ends is cut there.
    _, toks = small
    none = kwic(toks, "air", window=0)
    assert none["token_id"].tolist() == [0, 5, 14]
    assert none["pre"].tolist() == ["", "", ""] and none["post"].tolist() == ["", "", ""]
    wide = kwic(toks, "failed", window=50)
    assert wide.at[0, "post"] == "."
    assert wide.at[0, "pre"].split() == toks["token"].tolist()[:35]


def test_kwic_empty_result_and_errors(small):
    _, toks = small
    empty = kwic(toks, "tehran")
    assert empty.empty and list(empty.columns) == KWIC_COLUMNS
    with pytest.raises(ValueError):
        kwic(toks, "   ")
    with pytest.raises(ValueError):
        kwic(toks, "iran", window=-1)


def test_kwic_straight_pattern_matches_curly_apostrophe(load_text):
    # Ignoring case also ignores curly versus straight apostrophes.
    toks = tokens(load_text("apos.txt", "Title\n\nRussia’s deal and Israel's deal."))
    assert kwic(toks, "'s")["keyword"].tolist() == ["’s", "'s"]
    assert kwic(toks, "russia 's")["keyword"].tolist() == ["Russia ’s"]


# --- collocations ---------------------------------------------------------------------------


def g2(o11, o12, o21, o22):
    """Dunning's log-likelihood G² of a 2×2 table, written out independently of NLTK."""
    n = o11 + o12 + o21 + o22
    rows, cols = (o11 + o12, o21 + o22), (o11 + o21, o12 + o22)
    observed = ((o11, o12), (o21, o22))
    return 2 * sum(
        observed[i][j] * math.log(observed[i][j] / (rows[i] * cols[j] / n))
        for i in range(2) for j in range(2) if observed[i][j]
    )


# The small article's candidate pairs (both words content words, within one sentence):
#   air defense: 3 times; "air" 3 times, "defense" 3 times; N = 37 tokens
#   iron dome: 2 times; "iron" 2, "dome" 2
#   defense system: 2 times; "defense" 3, "system" 2
EXPECTED = {
    "air defense": (3, math.log2(3 * 37 / (3 * 3)), g2(3, 0, 0, 34)),
    "iron dome": (2, math.log2(2 * 37 / (2 * 2)), g2(2, 0, 0, 35)),
    "defense system": (2, math.log2(2 * 37 / (3 * 2)), g2(2, 1, 0, 34)),
}


def test_collocations_by_likelihood_ratio(small):
    _, toks = small
    table = collocations(toks)
    assert list(table.columns) == ["collocation", "word1", "word2", "n", "pmi", "likelihood_ratio"]
    # G²: air defense 20.82 > iron dome 15.56 > defense system 11.74
    assert table["collocation"].tolist() == ["air defense", "iron dome", "defense system"]
    assert table[["word1", "word2"]].values.tolist() == [["air", "defense"], ["iron", "dome"], ["defense", "system"]]
    for row in table.itertuples():
        n, pmi, llr = EXPECTED[row.collocation]
        assert row.n == n
        assert row.pmi == pytest.approx(pmi, abs=1e-6)
        assert row.likelihood_ratio == pytest.approx(llr, abs=1e-6)
    assert table["likelihood_ratio"].tolist() == pytest.approx([20.8237, 15.5610, 11.7419], abs=1e-3)


def test_collocations_by_pmi_with_alphabetical_ties(small):
    # PMI: iron dome log2(18.5) = 4.21; air defense and defense system tie at log2(37/3) = 3.62
    # and are ordered alphabetically.
    _, toks = small
    table = collocations(toks, by="pmi")
    assert table["collocation"].tolist() == ["iron dome", "air defense", "defense system"]
    assert table["pmi"].tolist() == pytest.approx([4.209453, 3.624491, 3.624491], abs=1e-6)


def test_collocations_min_freq_and_top(small):
    _, toks = small
    assert collocations(toks, min_freq=3)["collocation"].tolist() == ["air defense"]
    assert collocations(toks, min_freq=4).empty
    assert list(collocations(toks, min_freq=4).columns) == ["collocation", "word1", "word2", "n", "pmi", "likelihood_ratio"]
    assert collocations(toks, top=1)["collocation"].tolist() == ["air defense"]
    # With min_freq=1 pairs seen once count too, but never one with a stop word or punctuation.
    everything = collocations(toks, min_freq=1, top=100)
    assert {"dome worked", "dome failed", "iran wanted", "israel watched", "russia sold"} <= set(everything["collocation"])
    assert not {"did", "the", "to", ".", "!"} & (set(everything["word1"]) | set(everything["word2"]))
    with pytest.raises(ValueError):
        collocations(toks, by="frequency")


def test_collocations_stay_within_sentences(load_text):
    # "Iron" ends a heading and "Dome" starts the next sentence, twice: adjacent tokens, but
    # in different sentences, so not a pair; "dome works" inside a sentence is one.
    toks = tokens(load_text("b.md", "## Iron\n\nDome works.\n\n## Iron\n\nDome works."))
    assert toks["lower"].tolist() == ["iron", "dome", "works", ".", "iron", "dome", "works", "."]
    assert collocations(toks, min_freq=1, top=100)["collocation"].tolist() == ["dome works"]


# --- property tests -------------------------------------------------------------------------

INLINE_MARKUP = set("\\*_`[]<>&")


def check_sentences_and_tokens(article):
    """Invariants of sentences() and tokens() on any article."""
    raw, text = article.raw, article.text
    sents = sentences(article)
    toks = tokens(article)
    spans = sentence_spans(article)
    assert list(sents.columns) == SENTENCE_COLUMNS and list(toks.columns) == TOKEN_COLUMNS
    assert sents["sentence_id"].tolist() == list(range(len(sents))) == list(range(len(spans)))
    previous_end = 0
    for (block, s, e), row in zip(spans, sents.itertuples()):
        assert 0 <= s < e <= len(text)
        assert article.blocks[block].text_start <= s < article.blocks[block].text_end
        assert (row.start, row.end) == article.raw_span(s, e)
        assert 0 <= row.start < row.end <= len(raw)
        assert row.start >= previous_end, "sentences are ordered and do not overlap"
        previous_end = row.end
        assert row.text and row.text == " ".join(text[s:e].split())

    # Tokens: recompute their spans in the visible text to check each one.
    expected = []
    for sentence_id, (_, s, e) in enumerate(spans):
        for ts, te in word_spans(text[s:e]):
            expected.append((sentence_id, s + ts, s + te))
    assert len(expected) == len(toks)
    assert toks["token_id"].tolist() == list(range(len(toks)))
    plain = article.format == "text" or not INLINE_MARKUP & set(raw)
    previous_start = 0
    for (sentence_id, ts, te), row in zip(expected, toks.itertuples()):
        assert row.sentence_id == sentence_id
        assert row.token == text[ts:te] and row.token and not any(c.isspace() for c in row.token)
        assert (row.start, row.end) == article.raw_span(ts, te)
        assert 0 <= row.start < row.end <= len(raw)
        assert row.start >= previous_start, "tokens are in reading order"
        previous_start = row.start
        assert sents.at[sentence_id, "start"] <= row.start and row.end <= sents.at[sentence_id, "end"]
        # The raw span begins with the raw source of the token's first character and ends
        # with that of its last (the character itself, or an entity decoding to it).
        first = raw[row.start : article.raw_ends[ts]]
        last = raw[article.raw_starts[te - 1] : row.end]
        assert first == row.token[0] or (first.startswith("&") and row.token[0] in html.unescape(first))
        assert last == row.token[-1] or (last.startswith("&") and row.token[-1] in html.unescape(last))
        if plain:  # nothing can sit inside a token: the raw slice is the token itself
            assert raw[row.start : row.end] == row.token
    # Every sentence has a length row, never counting more words than it has tokens.
    lengths = sentence_lengths(toks).set_index("sentence_id")["words"]
    assert lengths.index.tolist() == sorted(toks["sentence_id"].unique())
    assert (lengths <= toks.groupby("sentence_id").size()).all()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_property_sentences_and_tokens_never_crash_and_stay_in_raw(article_files, load_generated, data):
    # On random text, markdown-ish and HTML-ish files: sentences() and tokens() do not
    # crash; spans are within raw, ordered, tokens inside their sentence; each token is the
    # visible text it came from; in plain text (or markup-free files) raw[start:end] == token.
    suffix, content = data.draw(article_files, label="file")
    article = load_generated(suffix, content)
    if article is not None:
        check_sentences_and_tokens(article)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Gen.", "Smith", "said", "it", "U.S.", "“", "”", "’s", "'", '"', ".", "?", "!", "...", "(ret.)", ",", " ", "\n", "\r\n", "\n\n", "\r\n\r\n"]),
        min_size=1,
        max_size=50,
    ).map("".join)
)
def test_property_plain_text_tokens_are_raw_slices(load_generated, content):
    # Plain-text files: every token is exactly its raw slice, and the sentences, in order,
    # hold every character of the file but its whitespace.
    article = load_generated(".txt", content)
    if article is None:
        return
    check_sentences_and_tokens(article)
    toks = tokens(article)
    assert all(article.raw[r.start : r.end] == r.token for r in toks.itertuples())
    # Sentences may split inside a run without spaces ('"Go."Then'), so compare characters.
    assert "".join("".join(sentences(article)["text"]).split()) == "".join(content.split())


def test_count_words_is_the_number_of_word_tokens(reference_article, load_text):
    assert count_words(reference_article) == len(words(tokens(reference_article)))
    small = load_text("a.md", "# Title\n\nIt's 3 o'clock -- “quoted” words, and 2.5% more!\n")
    assert count_words(small) == len(words(tokens(small))) == 10  # Title It 's 3 o'clock quoted words and 2.5 more


def test_an_initial_does_not_end_a_sentence_before_a_name(load_text):
    # Punkt cuts "Donald J." | "Trump!”" at the initial's full stop; the name stays whole
    article = load_text("initial.md", "“We cast our votes for the next president, Donald J. Trump!” the chairman said.\n")
    texts = sentences(article)["text"].tolist()
    # and the words after the quotation, which start in lower case, are no sentence of their own
    assert texts == ["“We cast our votes for the next president, Donald J. Trump!” the chairman said."]


def test_a_sentence_never_starts_in_lower_case(load_text):
    # Punkt ends a sentence at "(D-Wis.)"; the attribution after it belongs to the quotation
    article = load_text("lower.md", "“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said on Monday. Nobody else spoke.\n")
    assert sentences(article)["text"].tolist() == [
        "“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said on Monday.", "Nobody else spoke."]


def test_a_heading_run_into_a_sentence_is_split_off(load_text):
    # scraped text drops the stop after a sub-heading or a dateline
    article = load_text("runin.md", "Defeating Daesh The top priority is to defeat Daesh, the minister said. "
                                    "Published 5 July 2016 The bomber was on a motorcycle. Plan A is to wait.\n")
    assert sentences(article)["text"].tolist() == [
        "Defeating Daesh", "The top priority is to defeat Daesh, the minister said.", "Published 5 July 2016",
        "The bomber was on a motorcycle.", "Plan A is to wait."]


def test_no_sentence_opens_with_a_closing_bracket(load_text):
    article = load_text("bracket.md", "Sen. Chuck Schumer (N.Y.), who led the effort, spoke first. Sens. Tim Kaine and "
                                      "Bernie Sanders did not vote.\n")
    assert sentences(article)["text"].tolist() == [
        "Sen. Chuck Schumer (N.Y.), who led the effort, spoke first.", "Sens. Tim Kaine and Bernie Sanders did not vote."]


def test_a_chunk_parsed_together_parses_each_article_as_alone():
    """The corpus parses a chunk's sentences in one stream; each sentence is its own Doc, so an
    article's parse is the same as when it is parsed by itself."""
    import importlib

    from analysis.article import load_article
    from analysis.paths import DATA_DIR

    layer = importlib.import_module("analysis.tokens")
    paths = sorted((DATA_DIR / "articles" / "outlets").glob("*.md"))
    articles = [load_article(p) for p in paths]
    assert len(articles) == 3
    layer.PARSED.clear()
    layer.parse_articles(articles)
    together = [tuple(layer.parsed_sentences(a)) for a in articles]
    layer.PARSED.clear()
    alone = [tuple(layer.parsed_sentences(a)) for a in articles]
    assert together == alone
    assert all(w.pos and w.dep for sentence in together[0] for w in sentence)
    assert [len(p) for p in together] == [len(sentence_spans(a)) for a in articles]


def test_word_forms_are_each_words_own_lower_case(load_text):
    # ASCII sentences are lowered whole and sliced; the rest a word at a time
    article = load_text("forms.md", "Russia's ENVOY said NO.\n\n“ΣΟΦΙΑ’s” office, İstanbul: ΟΔΟΣ closed.\n")
    words = [w for _, ws in sentence_word_lists(article) for w in ws]
    assert [w.lower for w in words] == [normalise(w.text) for w in words]
    assert [w.lower for w in words][:6] == ["russia", "'s", "envoy", "said", "no", "."]
    assert "οδος" in [w.lower for w in words] and "σοφια" in [w.lower for w in words]


@pytest.mark.parametrize("text", [
    "He said: \"We won't go,\" didn't he? (Yes.) -- O'Brien's men cannot -- or won't.",
    "“Gimme a break,” she said… ‘It’s over’ — they’ll see [at 3:30 p.m.], and I'd've gone.",
    "'Tis the U.S.-led coalition's 5,000 troops; #Syria @UN $3.5bn & 40% -- wanna bet?!",
    "Kan’t «quote» „low“ ‚single‘ ''double'' ``tex'' ... end.",
])
def test_word_spans_are_nltks_own(text):
    from nltk.tokenize.destructive import NLTKWordTokenizer

    for variant in (text, text.translate(STRAIGHT_QUOTES)):
        assert list(word_tokenizer().span_tokenize(variant)) == list(NLTKWordTokenizer().span_tokenize(variant))
