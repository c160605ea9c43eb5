"""The HTML report: every notebook executes on the reference article and on other articles."""
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from markupsafe import escape

from analysis.__main__ import main
from analysis.paths import DEFAULT_ARTICLE, NOTEBOOKS_DIR
from analysis.report import report_notebooks

HERE = Path(__file__).parent
TABLES = ["actor_counts", "actor_sentiment", "alignment", "cooccurrence", "mentions", "relations", "sentence_sentiment",
          "sentences", "stance", "tokens", "unknown_names", "voices"]
NOTEBOOK_NAMES = [p.stem for p in report_notebooks()]  # the per-article notebooks, not 06_corpus
ARTICLES = {
    "reference": DEFAULT_ARTICLE,
    "other parties, markdown": HERE / "articles" / "ankara-brussels.md",
    "other parties, html": HERE / "articles" / "sahel-briefing.html",
}


REPORT_STDERR = {}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """A report built through the command line for each article, by article kind.

    The reference article's report is built as a user runs it, ``python -m analysis report``
    in a process of its own under umask 022; its stderr is kept in ``REPORT_STDERR``.
    """
    built = {}
    for name, article in ARTICLES.items():
        out = tmp_path_factory.mktemp("reports") / Path(article).stem
        if name == "reference":
            result = subprocess.run([sys.executable, "-m", "analysis", "report", str(article), "--out", str(out)],
                                    capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022))
            assert result.returncode == 0, result.stderr
            REPORT_STDERR[name] = result.stderr
        else:
            assert main(["report", str(article), "--out", str(out)]) == 0
        built[name] = out
    return built


@pytest.fixture(params=list(ARTICLES))
def report(request, reports) -> Path:
    return reports[request.param]


def test_the_report_runs_the_article_notebooks_not_the_corpus_one():
    assert NOTEBOOK_NAMES == ["01_tokenise", "02_actor_mentions", "03_sentiment", "04_stance", "05_alignment"]
    assert (NOTEBOOKS_DIR / "06_corpus.ipynb").exists()
    assert (NOTEBOOKS_DIR / "07_compare.ipynb").exists()  # the comparison report's (tests/test_compare.py)


def test_report_has_index_tables_and_both_pages_per_notebook(report):
    names = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    expected = {"index.html", ".analysis-report"} | {f"tables/{name}.csv" for name in TABLES}
    for stem in NOTEBOOK_NAMES:
        expected |= {f"notebooks/{stem}.ipynb", f"notebooks/{stem}.html", f"notebooks/{stem}.full.html",
                     f"notebooks/{stem}.front.png"}
    assert names == expected


def test_report_files_are_readable_by_others_under_umask_022(reports):
    report = reports["reference"]
    files = [p for p in report.rglob("*") if p.is_file()]
    folders = [report, *(p for p in report.rglob("*") if p.is_dir())]
    assert len(files) == 2 + len(TABLES) + 4 * len(NOTEBOOK_NAMES)
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}


def test_report_prints_only_its_own_progress(reports):
    stderr = REPORT_STDERR["reference"]
    # libzmq in a kernel process that shares our stderr may report a race on shutdown
    # ("Assertion failed: pfd.revents & POLLIN (src/signaler.cpp:238)"): not the report's output
    lines = [line for line in stderr.splitlines() if not re.fullmatch(r"Assertion failed: .* \(src/\w+\.cpp:\d+\)", line)]
    assert lines[0] == "report: writing tables for axis-of-resistance.md", stderr
    assert lines[1:-1] == [f"report: [{n}/{len(NOTEBOOK_NAMES)}] executing {stem}.ipynb"
                           for n, stem in enumerate(NOTEBOOK_NAMES, 1)], stderr
    assert lines[-1].startswith("report: done: "), stderr  # no kernel warning, no other noise


def test_reader_pages_fold_long_tables(reports):
    report = reports["reference"]
    voices = pd.read_csv(report / "tables" / "sentences.csv")
    page = (report / "notebooks" / "04_stance.html").read_text(encoding="utf-8")
    # the 55-sentence voice table shows its first rows, the rest one click away
    folded = page.index(f"<summary>Show all {len(voices)} rows</summary>")
    shown = page[page.rindex("<table", 0, folded):folded]
    assert shown.count("<tr") == 1 + 8  # header and the first eight rows


def test_fold_table_html_keeps_short_tables_and_folds_long_ones():
    from analysis.report import fold_table_html

    short = pd.DataFrame({"n": range(15)}).to_html()
    assert fold_table_html(short) == short  # 15 rows: shown whole
    long = pd.DataFrame({"n": range(16)}).to_html()
    folded = fold_table_html(long)
    shown, hidden = folded.split("<details class='all-rows'>")
    assert shown.count("<tr") == 1 + 8 and "<td>7</td>" in shown and "<td>8</td>" not in shown
    assert hidden == "<summary>Show all 16 rows</summary>" + long + "</details>"


def test_notebooks_ran_without_errors_and_made_charts(report):
    for stem in NOTEBOOK_NAMES:
        nb = json.loads((report / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert not [o for o in outputs if o["output_type"] == "error"]
        assert not [o for o in outputs if o.get("name") == "stderr"], "a notebook printed warnings"
        assert any("image/png" in o.get("data", {}) for o in outputs), f"{stem} drew no chart"


def test_every_link_on_the_index_resolves(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"href='([^']+)'", index)
    assert len(links) == 2 * len(NOTEBOOK_NAMES) + len(TABLES)
    for link in links:
        assert (report / link).is_file(), link


def test_report_pages_work_offline(report):
    # no script, stylesheet or image is fetched from the network
    for page in report.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""<(script|link|img)\b[^>]*(src|href)=["']?(https?:)?//""", html), page.name


def test_reader_page_hides_code_and_full_page_shows_it(report):
    for stem in NOTEBOOK_NAMES:
        reader = (report / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
        full = (report / "notebooks" / f"{stem}.full.html").read_text(encoding="utf-8")
        code_cell = re.compile(r'class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor"')
        assert not code_cell.search(reader)
        executed = json.loads((report / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        assert len(code_cell.findall(full)) == sum(c["cell_type"] == "code" for c in executed["cells"])


def test_a_failed_report_leaves_the_previous_one_intact(reports, capsys):
    report = reports["reference"]
    before = (report / "index.html").read_bytes()
    # a negative window makes the KWIC cell fail inside the notebook
    assert main(["report", str(DEFAULT_ARTICLE), "--out", str(report), "-p", "kwic_window=-1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("python -m analysis: error: 01_tokenise.ipynb failed")
    assert (report / "index.html").read_bytes() == before
    assert [p.name for p in report.parent.iterdir() if p.name.startswith(".")] == []  # no staging left


def test_front_page_shows_what_it_promises(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    counts = pd.read_csv(report / "tables" / "actor_counts.csv")
    stance = pd.read_csv(report / "tables" / "stance.csv")
    for heading in ("Who is talked about", "The author's stance", "Charts", "Tables (CSV)", "every mention highlighted"):
        assert heading in index
    for party in counts["party"].head(3):
        assert escape(party) in index
    author = stance[(stance["voice"] == "author") & (stance["n_mentions"] >= 2)]
    assert index.count("class='chip ") >= len(author)
    images = re.findall(r"<img src='([^']+)'", index)
    assert images == [f"notebooks/{stem}.front.png" for stem in NOTEBOOK_NAMES]  # a front-page chart per notebook
    for image in images:
        assert (report / image).stat().st_size > 0
    captions = re.findall(r"<p class='caption'>([^<]+)</p>", index)
    assert len(captions) == len(NOTEBOOK_NAMES)
    top = counts.iloc[0]
    assert escape(f"{top['party']} is mentioned most: {top['mentions']} times.") in captions
    assert index.count("<mark class=\"mention\"") == len(pd.read_csv(report / "tables" / "mentions.csv"))


def test_front_page_runs_no_script_and_escapes_the_article(reports):
    for report in reports.values():
        index = (report / "index.html").read_text(encoding="utf-8")
        assert "<script" not in index.lower() and "onerror" not in index.lower()
    sahel = (reports["other parties, html"] / "index.html").read_text(encoding="utf-8")
    assert "Mali Mali Mali" not in sahel  # the page's own <script> is not article text


def test_article_tables_computes_only_the_tables_asked_for(reference_article):
    from analysis.report import ARTICLE_TABLES, article_tables

    every = article_tables(reference_article)
    assert list(every) == ARTICLE_TABLES
    some = article_tables(reference_article, names=["alignment", "mentions"])
    assert list(some) == ["alignment", "mentions"]
    for name in some:
        pd.testing.assert_frame_equal(some[name], every[name], obj=name)
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        article_tables(reference_article, names=["nope"])


def test_a_kernel_that_fails_to_start_is_retried_once_then_reported_in_one_line(tmp_path, monkeypatch):
    import papermill

    from analysis.report import ReportError, execute_notebook

    calls = []

    def flaky(source, target, **kwargs):
        calls.append(target)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        Path(target).write_text("{}", encoding="utf-8")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    notebook = NOTEBOOKS_DIR / "01_tokenise.ipynb"
    assert execute_notebook(notebook, tmp_path, DEFAULT_ARTICLE, {}) == tmp_path / notebook.name
    assert len(calls) == 2

    def broken(source, target, **kwargs):
        raise RuntimeError("Kernel died\nbefore replying")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(ReportError, match=r"^01_tokenise.ipynb: the notebook kernel failed twice: RuntimeError: Kernel died before replying$"):
        execute_notebook(notebook, tmp_path, DEFAULT_ARTICLE, {})


def test_evidence_words_are_marked_on_the_sentences_tokens(load_text):
    # the evidence words are bold where they are tokens of the sentence: "brutal" inside
    # "brutality" is not marked, the mention is, and case does not matter
    import pandas as pd

    from analysis.highlight import highlight_evidence

    text = "Brutal strikes by Syria drew brutality claims; critics called them brutal.\n"
    article = load_text("e.md", text)
    start = text.index("Syria")
    rows = pd.DataFrame([{"start": start, "end": start + 5, "sentence_id": 0, "party": "Syria",
                          "label": "negative", "sentiment": -0.5, "evidence": "brutal; claims"}])
    html_text = highlight_evidence(article, rows)
    assert html_text == ("<ul class='evidence'><li><small>Syria · negative (-0.50)</small><br><b>Brutal</b> strikes by "
                         '<mark title="Syria">Syria</mark> drew brutality <b>claims</b>; critics called them '
                         "<b>brutal</b>.</li></ul>")
