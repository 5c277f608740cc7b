"""The HTML report and the built docs, in a real headless browser (Chromium through Playwright).

Parsing the HTML cannot tell whether a row is hidden, a legend shows or a stylesheet applies;
a browser can. The browser is the system's Chromium (``.ci/run`` installs it; Playwright's own
browser download is not used): ``FLASK_CONFORMANCE_BROWSER`` names another executable. Without
Playwright or a Chromium these tests are skipped, saying which is missing.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from flask_conformance import cli

from .test_docs import adapter_run, built, pyproject_entry_point  # noqa: F401 (fixtures: the docs, built once here)
from .test_report import A, B_HTTP, B_WSGI, annotated, document

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def browser_executable():
    configured = os.environ.get("FLASK_CONFORMANCE_BROWSER")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: "
                                   "python -m pip install -e '.[test]'")
    executable = browser_executable()
    if executable is None:
        pytest.skip("no Chromium found: install it (apt-get install chromium, as .ci/run does) or set "
                    "FLASK_CONFORMANCE_BROWSER to a Chromium executable")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, headless=True,
            args=FLAGS, viewport={"width": 1400, "height": 900})
        context.set_default_timeout(20_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    page.close()
    assert not errors, errors


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return str(path)


def test_html_report_differences_switch_legend_details_and_links(page, tmp_path):
    paths = [write(tmp_path, f"{i}.json", d) for i, d in enumerate([A, B_WSGI, B_HTTP, annotated()])]
    out = tmp_path / "matrix.html"
    docs = tmp_path / "docs"
    assert cli.main(["report", *paths, "--format", "html", "--docs-url", str(docs), "-o", str(out)]) == 0
    page.goto(out.as_uri())

    # the scores table with its counts, and the legend, are shown
    assert page.locator("table.scores").is_visible()
    assert page.locator("td.level-counts").first.is_visible()
    assert page.locator("#legend").is_visible()
    legend = page.locator("table.legend")
    assert legend.is_visible() and legend.locator("tr").count() == 10
    assert "declares it lacks the API" in legend.inner_text()

    # every row shows until the switch is on; then only the differences and their chapters do
    same, differing = page.locator("tr[id='routing.a']"), page.locator("tr[id='routing.b']")
    same_chapter = page.locator("section.chapter.same").first
    assert same.is_visible() and differing.is_visible() and same_chapter.is_visible()
    rows = page.locator("table.matrix tr[id]")
    total = rows.count()
    page.get_by_text("Differences only").click()
    assert page.locator("#differences-only").is_checked()
    assert same.is_hidden() and same_chapter.is_hidden() and differing.is_visible()
    shown = sum(rows.nth(i).is_visible() for i in range(total))
    assert 0 < shown < total
    assert shown == page.locator("table.matrix tr[id]:not(.same)").count()
    page.get_by_text("Differences only").click()
    assert same.is_visible() and same_chapter.is_visible()

    # an expected failure's reason shows when its cell is opened; the tooltip names the transport
    cell = page.locator("tr[id='routing.b'] td.o.expected-fail")
    reason = cell.locator("p.why", has_text="expected to fail: router <b>quirk</b>")
    assert cell.get_attribute("title").startswith("wsgi: expected-fail: GET /b: expected 404, got 200")
    assert reason.is_hidden()
    cell.locator("summary").click()
    assert reason.is_visible()
    assert cell.locator("a").get_attribute("href") == "https://example.org/issues/7"
    gap = page.locator("tr[id='views.attrs'] td.o.gap")
    assert gap.inner_text().strip() == "gap"
    # colours come from the page's own stylesheet
    assert page.locator("tr[id='routing.a'] td.o.pass").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") == "rgb(215, 245, 221)"

    # the requirement ID links to its anchor in the docs
    href = page.locator("tr[id='routing.b'] a code").first.evaluate("e => e.parentElement.href")
    assert href == (docs / "chapters" / "routing.html").as_uri() + "#routing.b"


def test_html_report_opens_with_the_switch_on(page, tmp_path):
    paths = [write(tmp_path, f"{i}.json", d) for i, d in enumerate([A, B_WSGI])]
    out = tmp_path / "matrix.html"
    assert cli.main(["report", *paths, "--format", "html", "--differences", "-o", str(out)]) == 0
    page.goto(out.as_uri())
    assert page.locator("#differences-only").is_checked()
    assert page.locator("tr[id='routing.a']").is_hidden() and page.locator("tr[id='routing.b']").is_visible()


def test_badge_renders(page, tmp_path):
    path = write(tmp_path, "a.json", document("alpha", "1.0", {"routing.a": ("MUST", "pass")}))
    out = tmp_path / "badge.svg"
    assert cli.main(["badge", path, "-o", str(out)]) == 0
    page.goto(out.as_uri())
    box = page.locator("svg").bounding_box()
    assert box["height"] == 20 and box["width"] > 100
    assert page.locator("svg title").text_content() == "flask-conformance: 100.0% MUST"


def test_docs_matrix_and_requirement_anchor(page, built):  # noqa: F811 (the fixture imported above)
    from playwright.sync_api import expect

    page.goto((built / "matrix.html").as_uri())
    scores = page.locator("table.matrix-scores")
    assert scores.is_visible()
    assert "Covers" in scores.locator("thead").inner_text()
    assert "tinyframe" in scores.inner_text()
    cell = page.locator(".outcome-pass").first
    assert cell.is_visible()
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(215, 245, 221)"  # conformance.css
    # a requirement link from the matrix leads to its anchor on the chapter page, in view
    link = page.locator("table.matrix a[href*='chapters/routing.html#']").first
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/chapters/routing.html#{target}")
    anchor = page.locator(f"[id='{target}']")
    assert anchor.count() == 1 and anchor.is_visible()
    expect(anchor).to_be_in_viewport()  # waits for the page to settle on its target
