"""Start-up time of the command line, beside a bare Python start in the same run.

    python benchmarks/startup.py [--repeats 5]

Times, best of several fresh processes: ``python -c pass`` (the floor), ``python -m analysis
--help``, and ``python -m analysis tables`` on a one-line article (every module imported,
the dictionary, the sentiment models and the spaCy pipeline loaded once).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_LINE = "Russia and Iran signed a defence agreement in Tehran on Tuesday.\n"


def best_run(args: list[str], repeats: int) -> float:
    """Return the shortest wall time of ``repeats`` runs of the command ``args``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one-line.txt"
        article.write_text(ONE_LINE, encoding="utf-8")
        floor = best_run([sys.executable, "-c", "pass"], args.repeats)
        runs = {
            "python -m analysis --help": [sys.executable, "-m", "analysis", "--help"],
            "tables on a one-line article": [sys.executable, "-m", "analysis", "tables", str(article), "--out", f"{tmp}/out"],
        }
        print(f"{'python -c pass':<32}{floor:6.2f} s")
        for name, command in runs.items():
            seconds = best_run(command, args.repeats)
            print(f"{name:<32}{seconds:6.2f} s   {seconds / floor:5.1f}x a bare start")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
