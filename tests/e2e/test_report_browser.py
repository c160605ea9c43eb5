"""The HTML report in a real browser (Debian's Chromium driven by Playwright), and hostile input.

Skips with the reason when Chromium or Playwright is missing: `make e2e-setup` installs
Chromium (Playwright's own browser download is not available here).
"""
import re
import shutil
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.paths import DEFAULT_ARTICLE, PROJECT_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = PROJECT_DIR / "reports" / "e2e"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.e2e

HOSTILE_HTML = """<!DOCTYPE html><html><head><title>Hostile</title>
<script>window.__pwned = "head script"; alert("head");</script></head><body>
<h1>Israel <img src=x onerror="window.__pwned='title img'; alert('title')"> and Iran</h1>
<p>Russia said <script>window.__pwned = "body script"; alert("body")</script> the talks &lt;script&gt;alert(3)&lt;/script&gt; failed.</p>
<p>Hezbollah <a href="javascript:alert(4)" onclick="alert(5)">denied</a> it, Lebanon's army said.</p>
</body></html>
"""
HOSTILE_MD = """# Turkey <script>window.__pwned = 'md title'</script> and Syria

Turkish officials said <img src=x onerror="window.__pwned='md img'; alert(6)"> the border is closed.

<div onmouseover="alert(7)">Syria</div> denied it. "<b>Bold</b> claims," Iran said.
"""


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: run `make e2e-setup`")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("e2e")
    (root / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (root / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    built = {}
    for name, article in (("reference", DEFAULT_ARTICLE), ("hostile-html", root / "hostile.html"), ("hostile-md", root / "hostile.md")):
        assert main(["report", str(article), "--out", str(root / name)]) == 0
        built[name] = root / name
    return built


def open_page(browser, url: str):
    """A new page on ``url`` that records every dialog (an alert means a script ran)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def test_front_page_shows_title_parties_and_stance(browser, reports):
    report = reports["reference"]
    page = open_page(browser, (report / "index.html").as_uri())
    assert page.locator("h1").first.inner_text() == "Has Russia Joined the Axis of Resistance?"
    parties = page.locator("section:has(h2:text('Who is talked about')) td:first-child").all_inner_texts()
    assert parties[:4] == ["Iran", "Russia", "Israel", "Hezbollah"]
    stance_rows = page.locator("section:has(h2:text(\"The author's stance\")) tr").count()
    assert stance_rows >= 5  # header and the author's parties
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "front-page.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=str(SCREENSHOTS / "front-page-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    page.close()


def readable_chart_cards(page, report: Path) -> list[dict]:
    """The front page's chart cards, each checked as shown: the chart at 2/3 of its width or
    more, its smallest text at 14 px or more, a caption of 13 px or more."""
    from PIL import Image

    cards = page.eval_on_selector_all(".card", """cards => cards.map(c => {
        const img = c.querySelector('img'), caption = c.querySelector('.caption');
        return {src: img.getAttribute('src'), natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
                caption: caption.innerText, captionPx: parseFloat(getComputedStyle(caption).fontSize)};
    })""")
    for card in cards:
        scale = card["shown"] / card["natural"]
        assert scale >= 2 / 3, f"{card['src']} shown at {scale:.2f} of its width"
        # the chart's smallest text, measured when it was drawn and stored in the PNG, as shown
        smallest = float(Image.open(report / card["src"]).text["min_text_px"])
        assert smallest * min(scale, 1) >= 14, f"{card['src']}: text drawn at {smallest * scale:.1f} px"
        assert card["captionPx"] >= 13 and len(card["caption"]) > 10
    return cards


@pytest.mark.parametrize("width", [1280, 390])  # a laptop and a phone
def test_front_page_charts_are_readable(browser, reports, width):
    report = reports["reference"]
    page = open_page(browser, (report / "index.html").as_uri())
    page.set_viewport_size({"width": width, "height": 900})
    cards = readable_chart_cards(page, report)
    assert len(cards) == len(list((report / "notebooks").glob("*.ipynb")))
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scrolling
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("section:has(h2:text('Charts'))").screenshot(path=str(SCREENSHOTS / f"front-page-charts-{width}.png"))
    page.close()


def test_every_chart_loads_and_every_link_resolves(browser, reports):
    report = reports["reference"]
    page = open_page(browser, (report / "index.html").as_uri())
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete ? i.naturalWidth : 0)")
    assert widths and all(w > 0 for w in widths)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert (report / href).is_file(), href
    page.close()


def test_clicking_through_to_each_notebook(browser, reports):
    report = reports["reference"]
    page = open_page(browser, (report / "index.html").as_uri())
    titles = page.locator(".card strong").all_inner_texts()
    assert len(titles) == len(list((report / "notebooks").glob("*.ipynb")))
    for n, title in enumerate(titles):
        page.locator(".card a").filter(has_text=title).first.click()
        page.wait_for_load_state("load")
        assert title in page.title()
        assert page.locator(".jp-OutputArea-output img").count() >= 1  # its charts are there
        page.screenshot(path=str(SCREENSHOTS / f"notebook-{n + 1:02d}.png"))
        page.go_back()
        page.wait_for_load_state("load")
    page.close()


def test_hovering_a_mention_shows_its_party(browser, reports):
    page = open_page(browser, (reports["reference"] / "index.html").as_uri())
    marks = page.locator("mark.mention")
    assert marks.count() == len(re.findall('<mark class="mention"', (reports["reference"] / "index.html").read_text(encoding="utf-8")))
    first = marks.first
    first.hover()
    assert first.inner_text() == "Russia" and first.get_attribute("title").startswith("Russia")
    assert first.get_attribute("data-party") == "Russia"
    page.close()


@pytest.mark.parametrize("name", ["hostile-html", "hostile-md"])
def test_scripts_in_an_article_never_run_in_the_report(browser, reports, name):
    report = reports[name]
    pages = [report / "index.html", *sorted((report / "notebooks").glob("*.html"))]
    for path in pages:
        page = open_page(browser, path.as_uri())
        for mark in page.locator("mark.mention").all()[:5]:
            mark.hover()  # mouse-over handlers, had any survived
        assert page.dialogs == [], f"{path.name}: a dialog opened: {page.dialogs}"
        assert page.evaluate("typeof window.__pwned") == "undefined", path.name
        page.close()
    index = (report / "index.html").read_text(encoding="utf-8").lower()
    assert "onerror" not in index and "<script" not in index and "javascript:" not in index
