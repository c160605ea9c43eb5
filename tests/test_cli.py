"""The command line as a user runs it: tables, report errors, exit codes, atomic output."""
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.paths import DEFAULT_ARTICLE, PROJECT_DIR

SHARED_ARTICLE = PROJECT_DIR.parent / "shared" / "articles" / "axis-of-resistance.md"
SENTENCE_COLUMNS = ["sentence_id", "block", "start", "end", "text", "voice"]
TOKEN_COLUMNS = ["sentence_id", "token_id", "start", "end", "token", "lower", "is_stop", "is_punct", "lemma", "pos", "head", "dep"]


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True, cwd=PROJECT_DIR)


def test_tables_on_the_shared_reference_article_writes_both_csvs(tmp_path):
    if not SHARED_ARTICLE.exists():
        pytest.skip(f"{SHARED_ARTICLE} is absent (the shared folder is not beside this checkout)")
    result = run_cli("tables", SHARED_ARTICLE, "--out", tmp_path / "OUT")
    assert result.returncode == 0, result.stderr
    sentences = pd.read_csv(tmp_path / "OUT" / "sentences.csv")
    tokens = pd.read_csv(tmp_path / "OUT" / "tokens.csv")
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert len(sentences) == 55
    raw = SHARED_ARTICLE.read_text(encoding="utf-8")
    # every token row slices the original file to the token itself
    assert all(raw[r.start:r.end] == r.token for r in tokens.itertuples())


def test_tables_are_byte_identical_on_a_rerun(tmp_path):
    assert main(["tables", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "a")]) == 0
    assert main(["tables", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "b")]) == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 12
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_tables_leave_no_temporary_files(tmp_path):
    assert main(["tables", str(DEFAULT_ARTICLE), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actor_counts.csv", "actor_sentiment.csv", "alignment.csv", "cooccurrence.csv", "mentions.csv", "relations.csv",
        "sentence_sentiment.csv", "sentences.csv", "stance.csv", "tokens.csv", "unknown_names.csv", "voices.csv",
    ]


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input, with a word its error message must contain."""
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\r\n   ")
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.md").write_bytes("# Caf\u00e9 d\u00e9bat\n\nLe pr\u00e9sident a parl\u00e9.".encode("latin-1"))
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "article.pdf").write_bytes(b"%PDF-1.4")
    return {
        "missing": (tmp_path / "missing.md", "no such file"),
        "directory": (tmp_path / "folder.md", "directory"),
        "empty": (tmp_path / "empty.md", "empty"),
        "whitespace only": (tmp_path / "blank.txt", "empty"),
        "binary": (tmp_path / "binary.md", "binary"),
        "undecodable": (tmp_path / "latin1.md", "UTF-8"),
        "unsupported type": (tmp_path / "article.pdf", "unsupported"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "whitespace only", "binary", "undecodable", "unsupported type"])
def test_bad_input_exits_2_with_one_line_naming_file_and_problem(tmp_path, capsys, case):
    path, problem = bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    assert main(["tables", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line, no traceback
    assert str(path) in err and problem in err
    assert not out.exists()  # nothing written


def test_bad_input_through_python_dash_m(tmp_path):
    result = run_cli("report", tmp_path / "nothing.md", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"python -m analysis: error: {tmp_path / 'nothing.md'}: no such file"]
    assert not (tmp_path / "out").exists()


def test_usage_errors_are_one_line_with_exit_2():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "invalid choice" in result.stderr


def test_tables_refuse_an_output_path_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("keep me")
    assert main(["tables", str(DEFAULT_ARTICLE), "--out", str(target)]) == 2
    assert "not a directory" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_report_refuses_to_replace_a_folder_it_did_not_write(tmp_path, capsys):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("years of work")
    assert main(["report", str(DEFAULT_ARTICLE), "--out", str(precious)]) == 2
    assert "not a report written by this tool" in capsys.readouterr().err
    assert [p.name for p in precious.iterdir()] == ["chapter1.tex"]


def test_bad_parameter_is_a_one_line_error(tmp_path, capsys):
    assert main(["report", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "r"), "-p", "no-equals-sign"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
