"""The progress page in a real browser: headless Chromium (Debian's chromium and chromium-driver, installed
by .ci/install-chromium) driven by Selenium, never a downloaded browser. The page is opened from its file
and checked through the DOM: its numbers are those of `progress --json` and `stats --json`, every step is
a link in order, hostile text runs and loads nothing, nothing leaves the page, nothing scrolls sideways at
360 pixels, and the console stays empty.

One browser for the module; the tests skip, saying why, where there is none (or on the other Pythons of
.ci/run, which sets PATHCLI_SKIP_BROWSER: they run once per CI)."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import time_machine
from conftest import ROOT
from page_data import IMAGE, SCRIPT, TEMPLATE, TODAY, hostile_notes, hostile_path_yaml, some_history

CHROMIUM = os.environ.get("PATHCLI_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PATHCLI_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _why_no_browser() -> str | None:
    if os.environ.get("PATHCLI_SKIP_BROWSER"):
        return "PATHCLI_SKIP_BROWSER is set: the browser tests run once per CI, with the default Python"
    for program in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(program) and os.access(program, os.X_OK)):
            return f"no {program}: .ci/install-chromium installs Debian's chromium and chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


pytestmark = pytest.mark.skipif(_why_no_browser() is not None, reason=str(_why_no_browser()))


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="pathcli-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, file: Path, width: int = 1280, dark: bool = False):
    """Open a page file at a window width (a phone's at 360), light or dark; the console is emptied first."""
    driver.get_log("browser")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    driver.get(file.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    return driver


def console_messages(driver) -> list[dict]:
    return driver.get_log("browser")


def no_sideways_scroll(driver) -> bool:
    return driver.execute_script("const e = document.documentElement; return e.scrollWidth <= e.clientWidth")


def export(run, file: Path, *args: str) -> Path:
    with time_machine.travel(TODAY, tick=False):
        result = run("export", "--format", "html", "-o", str(file), *args)
    assert result.exit_code == 0, result.stderr
    return file


def test_the_numbers_steps_and_calendar_are_those_of_the_json(browser, run, run_json, tmp_path):
    from selenium.webdriver.common.by import By

    some_history(run)
    page = open_page(browser, export(run, tmp_path / "page.html"))
    with time_machine.travel(TODAY, tick=False):
        progress, stats, steps = run_json("progress"), run_json("stats"), run_json("list")

    bars = page.find_elements(By.TAG_NAME, "progress")
    assert [float(bar.get_attribute("value")) for bar in bars] == [
        progress["percent"],
        *(section["percent"] for section in progress["sections"]),
    ]
    overall = f"{progress['done']} of {progress['counted']} done ({progress['percent']:g}%)"
    assert page.find_element(By.ID, "overall-line").text.startswith(overall)
    assert overall in bars[0].accessible_name
    for bar, section in zip(bars[1:], progress["sections"], strict=True):
        assert f"{section['done']} of {section['counted']} done" in bar.accessible_name

    links = page.execute_script(
        "return [...document.querySelectorAll('a.step-link')].map(a => [a.text, a.getAttribute('href')])"
    )
    assert links == [[step["title"], step["url"]] for step in steps]

    days = page.execute_script(
        "return [...document.querySelectorAll('#calendar rect')].map(r => [r.dataset.date, +r.dataset.count,"
        " r.querySelector('title').textContent])"
    )
    assert days[-1][0] == stats["today"] == page.find_element(By.ID, "today").text
    assert len(days) == 25 * 7 + TODAY.weekday() + 1  # 26 weeks, Monday first, none after today
    counted = {day["date"]: day["count"] for day in stats["calendar"]}
    for date, count, title in days:
        assert count == counted.get(date, 0)
        assert title.startswith(date) and title.endswith(f": {count} {'activity' if count == 1 else 'activities'}")
    assert sum(count for _, count, _ in days) == sum(counted.values())

    streak = page.find_element(By.ID, "streak").text
    assert f"{stats['streak']['current']} day" in streak and f"longest {stats['streak']['longest']} day" in streak
    assert f"active on {stats['active_days']} day" in streak
    assert page.find_element(By.ID, "left").text.startswith(f"{stats['remaining_steps']} step")
    assert stats["finish_estimate"] and stats["finish_estimate"] in page.find_element(By.ID, "finish").text
    assert "Almost there." in page.find_element(By.ID, "step-3").text
    assert console_messages(page) == []


def test_nothing_leaves_the_page_and_nothing_scrolls_sideways(browser, run, tmp_path):
    some_history(run)
    file = export(run, tmp_path / "page.html")
    for width in (360, 1280, 1440):
        for dark in (False, True):
            page = open_page(browser, file, width, dark)
            assert page.execute_script("return window.innerWidth") == width
            assert no_sideways_scroll(page), (width, dark)
            assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
            assert page.execute_script("return document.scripts.length + document.images.length") == 0
            assert console_messages(page) == []
    levels = page.execute_script(
        "return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False)), (
        levels
    )  # no level skipped
    assert page.execute_script("return document.querySelectorAll('header, main, footer').length") == 3


@pytest.fixture
def counting_server(httpserver):
    """A server on 127.0.0.1 that answers anything, so that any request hostile text makes is counted."""
    httpserver.expect_request("").respond_with_data("body { display: none }", content_type="text/css")
    return httpserver


def test_hostile_titles_and_notes_run_nothing_create_nothing_and_load_nothing(browser, run, tmp_path, counting_server):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    port = counting_server.port
    (tmp_path / "hostile.yaml").write_text(hostile_path_yaml(port), encoding="utf-8")
    assert run("path", "add", str(tmp_path / "hostile.yaml")).exit_code == 0
    for note in hostile_notes(port):
        assert run("-p", "hostile", "note", "1", note).exit_code == 0
    page = open_page(browser, export(run, tmp_path / "hostile.html", "-p", "hostile"), 360)

    with pytest.raises(NoAlertPresentException):
        print(page.switch_to.alert.text)
    assert page.execute_script("return window.pwned") is None
    created = page.execute_script(
        "return document.querySelectorAll('script, img, iframe, object, embed, form, input, base, body style,"
        " link[rel=stylesheet], meta[http-equiv=refresh]').length"
    )
    assert created == 0
    assert (
        page.execute_script(
            "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]).filter(a => /^on/i.test(a.name)).length"
        )
        == 0
    )
    hrefs = page.execute_script("return [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    assert all(href.startswith(("https://", "#", "data:image/svg+xml,")) for href in hrefs), hrefs
    assert page.title.startswith("</title>" + SCRIPT)
    text = page.find_element(By.TAG_NAME, "main").text
    for hostile in (SCRIPT, IMAGE, TEMPLATE, "javascript:alert(1)", f"http://127.0.0.1:{port}/img"):
        assert hostile in text
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert counting_server.log == []
    assert no_sideways_scroll(page)
    assert console_messages(page) == []


def test_an_imported_list_of_some_600_free_courses(browser, run, run_json, tmp_path):
    from selenium.webdriver.common.by import By

    source = ROOT / "tests" / "data" / "corpus" / "free-courses-en.md"  # an awesome list of free courses
    assert run("path", "import", str(source), "--id", "awesome").exit_code == 0
    run("-p", "awesome", "done", "1", "2", "3")
    steps = run_json("-p", "awesome", "list")
    assert len(steps) > 600
    page = open_page(browser, export(run, tmp_path / "awesome.html", "-p", "awesome"), 360)
    links = page.execute_script(
        "return [...document.querySelectorAll('a.step-link')].map(a => [a.text, a.getAttribute('href')])"
    )
    assert links == [[step["title"], step["url"]] for step in steps]
    assert (
        float(page.find_element(By.ID, "overall").get_attribute("value"))
        == run_json("-p", "awesome", "progress")["percent"]
    )
    assert no_sideways_scroll(page)
    assert console_messages(page) == []
