"""The linguistic layer: CoNLL-U in and out, the parse harness, and the parse in tokens.csv."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.conllu import ConlluError, base_relation, format_conllu, parse_conllu, read_conllu, score_parse
from analysis.paths import PROJECT_DIR
from analysis.parse import (DEFAULT_PIPELINE, PipelineError, doc_lemmatizer, iter_parsed, load_pipeline,
                            parse_sentences, sentence_doc, token_analyses)
from analysis.tokens import plain_sentences, tokens

EWT = PROJECT_DIR.parent / "shared" / "data" / "ud-english-ewt"

# Two sentences: a multi-word token ("don't" = "do" + "n't"), an empty node (8.1-style, here
# 3.1), a subtyped relation, SpaceAfter=No, and comment lines.
SAMPLE = """# sent_id = a
# text = I don't know.
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

# sent_id = b
# text = Bills were passed.
1\tBills\tbill\tNOUN\tNNS\t_\t3\tnsubj:pass\t3:nsubj:pass\t_
2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t3:aux:pass\t_
3\tpassed\tpass\tVERB\tVBN\t_\t0\troot\t0:root\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_

"""


def test_conllu_reads_syntactic_words_and_writes_every_line_back():
    sentences = parse_conllu(SAMPLE)
    assert [[w.form for w in s.words] for s in sentences] == [["I", "do", "n't", "know", "."], ["Bills", "were", "passed", "."]]
    # the parts of "don't" are written together; "know." has no space before the full stop
    assert sentences[0].spaces() == [True, False, True, False, True]
    assert format_conllu(sentences) == SAMPLE  # nothing lost or reordered


def test_score_parse_counts_heads_and_base_relations():
    gold = parse_conllu(SAMPLE)
    assert score_parse(gold, gold)["las"] == 1.0
    wrong = SAMPLE.replace("3\tnsubj:pass", "2\tnsubj:pass").replace("nsubj:pass\t3:", "nsubj\t3:")
    predicted = parse_conllu(wrong)
    scores = score_parse(gold, predicted)
    assert scores["words"] == 9
    assert scores["uas"] == pytest.approx(8 / 9)  # one head wrong
    assert scores["las"] == pytest.approx(8 / 9)  # nsubj:pass vs nsubj is the same base relation
    assert base_relation("nmod:poss") == "nmod" and base_relation("root") == "root"


@pytest.mark.parametrize("text, message", [
    ("1\tI\tI\tPRON\n", "<text>:1: expected 10 tab-separated fields, found 4"),
    ("# c\nx\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n", "<text>:2: the id or head is not a number"),
])
def test_conllu_errors_name_the_line(text, message):
    with pytest.raises(ConlluError, match=f"^{message}$"):
        parse_conllu(text)


def test_parse_keeps_ids_and_forms_and_predicts_the_rest(tmp_path):
    gold = parse_conllu(SAMPLE)
    predicted = parse_sentences(gold, load_pipeline())
    for g, p in zip(gold, predicted):
        assert [(w.id, w.form) for w in p.words] == [(w.id, w.form) for w in g.words]
        assert sum(w.head == 0 for w in p.words) >= 1 and all(0 <= w.head <= len(p.words) for w in p.words)
        assert all(w.feats == "_" and w.deps == "_" for w in p.words)  # not predicted: no gold left behind
    # the multi-word token line and the comments are kept
    assert "2-3\tdon't" in format_conllu(predicted) and "# text = Bills were passed." in format_conllu(predicted)
    assert [w.upos for w in predicted[1].words][1:] == ["AUX", "VERB", "PUNCT"]


def test_parse_command_writes_and_scores(tmp_path, capsys):
    (tmp_path / "in.conllu").write_text(SAMPLE, encoding="utf-8")
    assert main(["parse", str(tmp_path / "in.conllu"), "--out", str(tmp_path / "out.conllu"), "--score"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(tmp_path / "out.conllu")
    assert out[1] == f"{tmp_path / 'in.conllu'}: 9 words (gold tokens)"
    assert [line.split()[0] for line in out[2:]] == ["UPOS", "XPOS", "LEMMA", "UAS", "LAS"]
    assert len(read_conllu(tmp_path / "out.conllu")) == 2


@pytest.mark.parametrize("case", ["not utf-8", "bad line", "no action", "bad model"])
def test_parse_command_bad_input_is_one_line(tmp_path, capsys, case):
    path = tmp_path / "in.conllu"
    path.write_bytes(b"\xff\xfe" if case == "not utf-8" else b"1\tI\n" if case == "bad line" else SAMPLE.encode())
    args = ["parse", str(path)] + ([] if case == "no action" else ["--score"])
    if case == "bad model":
        args += ["--spacy-model", str(tmp_path / "no-such-pipeline")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert {"not utf-8": "not UTF-8", "bad line": "expected 10 tab-separated fields", "no action": "give --out",
            "bad model": "cannot load the spaCy pipeline"}[case] in err


def test_a_pipeline_without_a_parser_is_refused(tmp_path):
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(PipelineError, match="has no dependency parser"):
        load_pipeline(str(tmp_path / "blank"))


def test_shipped_pipeline_has_its_licence_and_figures():
    assert (DEFAULT_PIPELINE / "LICENSE.txt").read_text(encoding="utf-8").count("CC BY-SA 4.0") >= 1
    import json

    figures = json.loads((DEFAULT_PIPELINE / "figures.json").read_text(encoding="utf-8"))
    assert figures["uas"] >= 0.85 and figures["las"] >= 0.82
    size = sum(p.stat().st_size for p in DEFAULT_PIPELINE.rglob("*") if p.is_file())
    assert size <= 15 * 2**20  # small enough to ship


def test_shipped_pipeline_scores_on_ewt_dev():
    if not (EWT / "dev.conllu").exists():
        pytest.skip(f"{EWT / 'dev.conllu'} is absent (the shared folder is not beside this checkout)")
    gold = read_conllu(EWT / "dev.conllu")
    scores = score_parse(gold, parse_sentences(gold))
    assert scores["words"] == 25147
    assert scores["uas"] >= 0.85 and scores["las"] >= 0.82 and scores["upos"] >= 0.93


def test_the_networks_multiply_with_numpy_and_parse_as_with_blis(load_text):
    from thinc.api import NumpyOps

    article = load_text("a.md", "The minister said on Sunday that talks with the rebels had failed. "
                                "\"We will not negotiate,\" a spokesman told reporters, adding that Russia backed the plan.\n")
    sentences = [[w.text for w in words] for words in plain_sentences(article)]
    nlp = load_pipeline()
    nodes = [node for _, c in nlp.pipeline if getattr(c, "model", None) is not None for node in c.model.walk()]
    assert nodes and all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in nodes)
    ours = [token_analyses(doc) for doc in iter_parsed(sentences, nlp)]
    numpy_ops = nodes[0].ops
    try:
        for node in nodes:
            node.ops = NumpyOps()  # thinc's default: BLIS
        with_blis = [token_analyses(doc) for doc in iter_parsed(sentences, nlp)]
    finally:
        for node in nodes:
            node.ops = numpy_ops
    assert ours == with_blis and len(ours) == 2


def test_lemmas_are_the_rule_lemmatizers_own(load_text):
    article = load_text("a.md", "The ministers said they were meeting. Talks broke down; Russia's envoys left, "
                                "and the better offers came later.\n")
    nlp = load_pipeline()
    sentences = [[w.text for w in words] for words in plain_sentences(article)]
    ours = [[(t.lemma_, t.pos_) for t in doc] for doc in iter_parsed(sentences, nlp)]
    spacys = [[(t.lemma_, t.pos_) for t in doc] for doc in nlp.pipe(sentence_doc(nlp, ws) for ws in sentences)]
    assert doc_lemmatizer(nlp) is not None and ours == spacys
    assert [lemma for lemma, _ in ours[0]] == ["the", "minister", "say", "they", "be", "meet", "."]


def test_token_analyses_read_from_the_array_are_the_tokens_own(load_text):
    article = load_text("a.md", "Syria, which Russia backs, denied it. \"We won,\" he said; talks failed.\n")
    nlp = load_pipeline()
    for doc in iter_parsed([[w.text for w in words] for words in plain_sentences(article)], nlp):
        by_token = [(t.lemma_ or t.text, t.pos_ or "X", -1 if t.head.i == t.i else t.head.i,
                     "root" if t.head.i == t.i or t.dep_ == "ROOT" else t.dep_) for t in doc]
        assert token_analyses(doc) == by_token
        assert sum(head == -1 for _, _, head, _ in by_token) >= 1


def test_tokens_carry_their_parse(load_text):
    article = load_text("a.md", "Russia and Iran signed a deal.\n\nThe talks, he said, failed.\n")
    toks = tokens(article).set_index("token_id")
    for sentence_id, sentence in toks.groupby("sentence_id"):
        assert (sentence["head"] == -1).sum() >= 1 and (sentence.loc[sentence["head"] == -1, "dep"] == "root").all()
        heads = sentence.loc[sentence["head"] >= 0, "head"]
        assert heads.isin(sentence.index).all()  # a head is a token of the same sentence
        assert (heads != heads.index).all()
    first = toks[toks["sentence_id"] == 0]
    signed = first.index[first["token"] == "signed"][0]
    assert first.loc[signed, ["lemma", "pos", "head", "dep"]].tolist() == ["sign", "VERB", -1, "root"]
    assert first.loc[first["token"] == "Russia", ["pos", "head", "dep"]].values.tolist() == [["PROPN", signed, "nsubj"]]


def test_the_command_line_imports_nothing_heavy_for_help():
    # --help must answer at once: no pandas, spaCy, NLTK or scikit-learn behind it
    code = ("import sys, analysis.__main__ as m; m.build_parser().format_help(); "
            "print(sorted({k.split('.')[0] for k in sys.modules} & {'pandas', 'spacy', 'nltk', 'sklearn', 'matplotlib'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR)
    assert result.stdout.strip() == "[]", result.stderr


def test_tokens_without_the_parse_are_the_same_tokens(load_text):
    article = load_text("b.md", "Iran’s envoy met Hezbollah’s chief. “No,” she said.\n")
    parsed, plain = tokens(article), tokens(article, parse=False)
    assert list(plain.columns) == list(parsed.columns[:8])
    assert plain.equals(parsed[plain.columns])


def test_each_token_knows_its_mention(load_text):
    from analysis.actors import find_mentions, load_dictionary
    from analysis.tokens import with_mentions

    article = load_text("c.md", "Russian Defense Minister Sergei Shoigu met Iran's envoy.\n")
    mentions = find_mentions(article, load_dictionary())
    toks = with_mentions(tokens(article, parse=False), mentions)
    by_token = dict(zip(toks["token"], toks["mention_id"]))
    # one referring expression, one mention: the title and the name belong to the same one
    assert {by_token[w] for w in ("Russian", "Defense", "Minister", "Sergei", "Shoigu")} == {mentions["mention_id"].iloc[0]}
    assert by_token["Iran"] == by_token["'s"] == mentions["mention_id"].iloc[1]  # the possessive is part of it
    assert by_token["met"] == by_token["envoy"] == by_token["."] == -1


def test_tables_with_another_spacy_pipeline_keep_their_columns(tmp_path):
    import shutil

    from analysis.parse import use_pipeline

    other = tmp_path / "my-pipeline"
    shutil.copytree(DEFAULT_PIPELINE, other)  # a pipeline of the user's own, in a folder
    article = PROJECT_DIR / "tests" / "articles" / "ankara-brussels.md"
    try:
        assert main(["tables", str(article), "--out", str(tmp_path / "mine"), "--spacy-model", str(other)]) == 0
    finally:
        use_pipeline(None)
    assert main(["tables", str(article), "--out", str(tmp_path / "default")]) == 0
    assert (tmp_path / "mine" / "tokens.csv").read_bytes() == (tmp_path / "default" / "tokens.csv").read_bytes()


def test_sentence_parse_names_each_tokens_head(load_text):
    from analysis.tokens import sentence_parse

    article = load_text("d.md", "Russia and Iran signed a deal.\n")
    parse = sentence_parse(tokens(article), 0)
    assert list(parse.columns) == ["token_id", "token", "lemma", "pos", "dep", "head_token"]
    row = parse.set_index("token").loc["Russia"]
    assert (row["dep"], row["head_token"]) == ("nsubj", "signed")
    assert parse.set_index("token").loc["signed", "head_token"] == ""  # the root depends on nothing


def test_tokenising_and_textblob_leave_nltk_and_textblob_unimported_and_whole():
    # Punkt, the Treebank tokenizer and TextBlob's lexicon load without NLTK's and TextBlob's
    # package imports (a second of start-up), and a later `import nltk` still gets all of NLTK
    code = ("import sys, importlib; t = importlib.import_module('analysis.tokens'); "
            "s = importlib.import_module('analysis.sentiment'); "
            "print(list(t.sentence_splitter().span_tokenize('Mr. Smith came. He sat.')), "
            "[w for w in t.word_tokenizer().tokenize('He said no.')], s.textblob_score('a good day')); "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('nltk', 'textblob', 'scipy'))); "
            "import nltk, textblob; print(callable(nltk.word_tokenize), textblob.TextBlob('a good day').polarity)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR)
    assert result.stdout.splitlines() == ["[(0, 15), (16, 23)] ['He', 'said', 'no', '.'] 0.7", "[]", "True 0.7"], result.stderr
