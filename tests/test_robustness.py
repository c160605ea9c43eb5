"""Hostile conditions: random text through the matcher, concurrent and interrupted reports."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import find_mentions, load_dictionary
from analysis.article import assemble_article, parse_markdown
from analysis.paths import PROJECT_DIR
from analysis.report import report_notebooks

SHORT_ARTICLE = PROJECT_DIR / "tests" / "articles" / "gulf-gaza.md"
DICTIONARY = load_dictionary()
PARTY_WORDS = ["Russia", "Iran's", "Israeli", "US", "U.S.", "Hezbollah", "the regime", "rebels", "Kurds", "Moscow Times",
               "in Tehran", "Quneitra, Syria", "(ISIS", "Daesh)", "Erdoğan", "TurkishSyrian", "’s", "'", "“", "”"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PARTY_WORDS), st.text(max_size=12),
                          st.sampled_from([" ", "\n", "\n\n", ". ", ", ", "*", "[x](#)", "\\$"])), max_size=40))
def test_mentions_on_random_text_keep_valid_offsets(parts):
    raw = "".join(parts)
    pieces, title = parse_markdown(raw)
    if not pieces:
        return
    article = assemble_article("random.md", "markdown", raw, pieces, title)
    mentions = find_mentions(article, DICTIONARY)
    assert mentions["mention_id"].tolist() == list(range(len(mentions)))
    for start, end, text in zip(mentions["start"], mentions["end"], mentions["text"]):
        assert 0 <= start < end <= len(raw)
        assert text.split()[0][:1] in raw[start:end]  # the span holds the words it names


def report_process(out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", "report", str(SHORT_ARTICLE), "--out", str(out)],
                            cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def complete_report(out: Path) -> bool:
    notebooks = report_notebooks()
    return (out / "index.html").is_file() and (out / ".analysis-report").is_file() and all(
        (out / "notebooks" / f"{nb.stem}.html").is_file() for nb in notebooks)


def test_two_reports_into_one_folder_at_once_leave_one_whole_report(tmp_path):
    out = tmp_path / "report"
    first, second = report_process(out), report_process(out)
    codes = [first.wait(timeout=600), second.wait(timeout=600)]
    errors = [first.stderr.read(), second.stderr.read()]
    assert 0 in codes, errors  # at least one finished; the other may give up with one line, exit 2
    assert all(code in (0, 2) for code in codes), errors
    assert complete_report(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging folder left


def test_an_interrupted_report_leaves_the_previous_one_intact(tmp_path):
    out = tmp_path / "report"
    assert report_process(out).wait(timeout=600) == 0
    before = (out / "index.html").read_bytes()
    for sig in (signal.SIGINT, signal.SIGTERM):
        process = report_process(out)
        while "executing" not in process.stderr.readline():  # wait until it is running the notebooks
            assert process.poll() is None, "the report ended before it could be interrupted"
        time.sleep(1)
        process.send_signal(sig)
        assert process.wait(timeout=120) == 130, process.stderr.read()
        assert (out / "index.html").read_bytes() == before
        assert complete_report(out)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_an_interrupted_dask_corpus_run_stops_its_workers_and_keeps_the_previous_output(tmp_path):
    psutil = pytest.importorskip("psutil")
    texts = [path.read_text(encoding="utf-8") for path in sorted((PROJECT_DIR / "tests" / "articles").glob("*.md"))]
    lines = ["id,text"] + [f'{k},"{texts[k % len(texts)].replace(chr(34), chr(39))}"' for k in range(3000)]
    (tmp_path / "corpus.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "analysis", "corpus", str(tmp_path / "corpus.csv"), "--out", str(out),
               "--id-column", "id"]
    small = tmp_path / "small.csv"
    small.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    assert subprocess.run([*command[:4], str(small), *command[5:]], cwd=PROJECT_DIR, capture_output=True).returncode == 0
    before = (out / "mentions.parquet").read_bytes()
    with open(tmp_path / "stderr.txt", "w", encoding="utf-8") as stderr:
        process = subprocess.Popen([*command, "--engine", "dask"], cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=stderr)
        while not list(tmp_path.glob(".out.*.tmp/.parts/mentions/part-*")):  # the workers have sent results
            assert process.poll() is None, "the corpus run ended before it could be interrupted"
            time.sleep(0.1)
        children = psutil.Process(process.pid).children(recursive=True)
        assert children  # the local cluster's worker processes
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=120) == 130
    assert (tmp_path / "stderr.txt").read_text(encoding="utf-8").strip().splitlines()[-1] == "python -m analysis: interrupted"
    _, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"worker processes left running: {alive}"
    assert (out / "mentions.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.csv", "out", "small.csv", "stderr.txt"]  # no staging left
