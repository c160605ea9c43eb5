"""Time and peak memory of the per-article pipeline on large articles (issue: a 10 MB article).

    .venv/bin/python benchmarks/large_article.py [MB ...]     # default: 0.1 1

Each size is the reference article repeated until it reaches that many megabytes, run through
``load_article`` and every table of ``article_tables`` in a fresh process (so peak memory is
that size's own).  Prints seconds and peak resident memory per size, and the growth against the
smallest size: time and memory that grow in proportion to the text are bounded.  10 MB takes
about a quarter of an hour on two cores.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.paths import DEFAULT_ARTICLE

CHILD = """
import json, resource, sys, time
from analysis import load_article
from analysis.report import article_tables
start = time.perf_counter()
tables = article_tables(load_article(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mentions": len(tables["mentions"])}))
"""


def write_article(folder: Path, megabytes: float) -> Path:
    """The reference article repeated to ``megabytes`` MB, as a markdown file."""
    unit = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    copies = max(1, round(megabytes * 1_000_000 / len(unit.encode("utf-8"))))
    path = folder / f"large-{megabytes:g}mb.md"
    path.write_text("\n\n".join([unit] * copies), encoding="utf-8")
    return path


def measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    sizes = [float(a) for a in argv] or [0.1, 1.0]
    with tempfile.TemporaryDirectory() as folder:
        results = [(size, measure(write_article(Path(folder), size))) for size in sizes]
    base_size, base = results[0]
    for size, r in results:
        growth = size / base_size
        print(f"{size:6g} MB: {r['seconds']:8.1f} s, peak {r['peak_mb']:7.0f} MB, {r['mentions']:>7,} mentions; "
              f"x{growth:g} text -> x{r['seconds'] / base['seconds']:.1f} time, x{r['peak_mb'] / base['peak_mb']:.1f} memory")


if __name__ == "__main__":
    main(sys.argv[1:])
