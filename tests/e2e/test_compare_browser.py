"""The comparison report in a real browser (Debian's Chromium driven by Playwright), at a
laptop's and a phone's width: the articles side by side where they fit, readable charts.

Compares a BASIL dev triplet (one event, three outlets) when ../shared is present, else the
three articles of data/articles/outlets/.  Skips with the reason when Chromium or Playwright
is missing: `make e2e-setup` installs Chromium.
"""
import sys
from pathlib import Path

import pytest

from analysis.__main__ import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for its modules (no package)
from e2e.test_report_browser import SCREENSHOTS, browser, open_page, readable_chart_cards  # noqa: E402,F401 - the fixture
from test_compare import OUTLETS, basil_triplet  # noqa: E402

pytestmark = pytest.mark.e2e
LAPTOP, PHONE = 1280, 390


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare-e2e")
    try:
        paths, options = basil_triplet(root), ["--level", "person", "--include-unlisted"]
    except (ImportError, OSError, IndexError, StopIteration):
        paths, options = OUTLETS, []
    assert main(["compare", *map(str, paths), "--out", str(root / "report"), *options]) == 0
    return root / "report", [p.stem for p in paths]


def outlet_boxes(page) -> list[dict]:
    return page.eval_on_selector_all(".outlet", """sections => sections.map(s => {
        const r = s.getBoundingClientRect();
        return {article: s.dataset.article, left: r.left, top: r.top, width: r.width};
    })""")


def test_the_outlets_stand_side_by_side_on_a_laptop(browser, report):
    out, labels = report
    page = open_page(browser, (out / "index.html").as_uri())
    boxes = outlet_boxes(page)
    assert [b["article"] for b in boxes] == labels
    assert len({round(b["top"]) for b in boxes}) == 1  # one row
    assert [b["left"] for b in boxes] == sorted(b["left"] for b in boxes)
    assert all(b["width"] >= 230 for b in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP + 1
    assert page.locator(".findings li").count() >= 3
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "compare-laptop.png"), full_page=True)
    assert page.dialogs == []
    page.close()


def test_on_a_phone_the_outlets_stack_and_nothing_scrolls_sideways(browser, report):
    out, labels = report
    page = open_page(browser, (out / "index.html").as_uri())
    page.set_viewport_size({"width": PHONE, "height": 844})
    boxes = outlet_boxes(page)
    assert [b["article"] for b in boxes] == labels
    assert [b["top"] for b in boxes] == sorted(b["top"] for b in boxes) and len({round(b["top"]) for b in boxes}) == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE + 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "compare-phone.png"))
    page.close()


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_the_charts_are_readable(browser, report, width):
    out, _ = report
    page = open_page(browser, (out / "index.html").as_uri())
    page.set_viewport_size({"width": width, "height": 900})
    assert len(readable_chart_cards(page, out)) == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.close()


def test_every_image_loads_and_every_link_resolves(browser, report):
    out, _ = report
    page = open_page(browser, (out / "index.html").as_uri())
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete ? i.naturalWidth : 0)")
    assert len(widths) == 3 and all(w > 0 for w in widths)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all((out / href).is_file() for href in hrefs), hrefs
    page.click("text=07 · One event, several outlets")
    page.wait_for_load_state("load")
    assert page.url.endswith("notebooks/07_compare.html")
    assert page.locator("h2:has-text('Who gets to speak')").count() == 1
    page.close()
