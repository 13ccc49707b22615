"""Paths and progress for the tests of the progress page (tests/test_page.py, tests/test_page_browser.py):
a path full of hostile titles and notes, and a history of a few weeks on the bundled path."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

# Each would run a script, create an element or load something if it reached the page as markup.
SCRIPT = "<script>window.pwned = 1; alert(1)</script>"
IMAGE = '<img src=x onerror="window.pwned = 1; alert(1)">'
JAVASCRIPT_LINK = '<a href="javascript:alert(1)">click</a>'
TEMPLATE = "{{ 7 * 7 }} {% if true %}jinja{% endif %}"


def loading(port: int) -> str:
    """Markup that would ask the server on port for something, were it markup."""
    return (
        f'<img src="http://127.0.0.1:{port}/img"><link rel="stylesheet" href="http://127.0.0.1:{port}/css">'
        f'<iframe src="http://127.0.0.1:{port}/frame"></iframe><style>@import url(http://127.0.0.1:{port}/import);</style>'
    )


def hostile_path_yaml(port: int) -> str:
    every = f"{SCRIPT} {IMAGE} {JAVASCRIPT_LINK} {TEMPLATE} {loading(port)}"
    quoted = every.replace("\\", "\\\\").replace('"', '\\"')
    return f"""\
id: hostile
title: "</title>{quoted}"
description: "About {quoted}"
prerequisites:
  - {{title: "Prerequisite {quoted}", description: "Needed {quoted}"}}
sections:
  - title: "Section {quoted}"
    steps:
      - title: "Step {quoted}"
        type: "Type {quoted}"
        url: "https://example.org/a?b=\\"><script>alert(1)</script>"
        links: [{{title: "Link {quoted}", url: "https://example.org/'onmouseover='alert(1)"}}]
      - title: "javascript:alert(1)"
        url: https://example.org/second
"""


def hostile_notes(port: int) -> list[str]:
    return [SCRIPT, IMAGE, JAVASCRIPT_LINK, TEMPLATE, loading(port), "</li></ul></main>" + SCRIPT, "line one\nline two"]


ZONE = ZoneInfo("Europe/Berlin")
DAY_ONE = datetime(2026, 10, 5, 19, 30, tzinfo=ZONE)
TODAY = datetime(2026, 11, 26, 21, 30, tzinfo=ZONE)


def some_history(run) -> None:
    """Seven weeks on the bundled path: steps done, one skipped, one started, notes on several evenings."""
    plan = [
        (0, ["done", "1"]),
        (0, ["note", "1", "Read it twice."]),
        (3, ["note", "2", "The attention figures help."]),
        (9, ["done", "2"]),
        (16, ["skip", "4"]),
        (30, ["open", "3"]),
        (30, ["note", "3", "Halfway through."]),
        (31, ["note", "3", "Code along in a notebook."]),
        (44, ["done", "5"]),
        (50, ["note", "3", "Almost there."]),
    ]
    for days, args in plan:
        with time_machine.travel(DAY_ONE + timedelta(days=days), tick=False):
            result = run(*args)
            assert result.exit_code == 0, result.stderr
