"""What a person reads, at 40 and 80 columns, compared with the reviewed files in tests/golden/.

After a change to a view (or a merge that changes one), regenerate them all and review the diff by eye:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py

Trailing spaces are dropped (Rich pads lines to the width); times and today are fixed, shown in UTC."""

import os
import time
from pathlib import Path

import pytest
import time_machine

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (40, 80)
VIEWS = {
    "next-first": [["next"]],
    "bare": [["_state"], []],
    "next": [["_state"], ["next"]],
    "list": [["_state"], ["list"]],
    "show": [["_state"], ["show", "2"]],
    "notes": [["_state"], ["notes"]],
    "progress": [["_state"], ["progress"]],
    "progress-goal": [["_state"], ["goal", "2027-01-05"], ["progress"]],
    "bare-goal": [["_state"], ["goal", "2026-11-27"], []],
    "prerequisites": [["prerequisites"]],
    "paths": [["_state"], ["paths"]],
    "find": [["_state"], ["find", "transformer"]],
    "done": [["_state"], ["done"]],
    "done-last": [["done", "1", "2", "3", "4", "5"], ["done"]],
    "list-empty-filter": [["list", "--status", "done"]],
    "help": [["--help"]],
    "help-list": [["list", "--help"]],
    "help-note": [["note", "--help"]],
}
STATE = [
    ["done", "1"],
    ["open", "2"],
    ["note", "2", "Build it once by hand, then read the paper."],
    ["note", "2", "-"],
    ["skip", "3"],
    ["note", "5", "Great diagrams."],
]
MULTI_LINE_NOTE = "Attention, step by step:\n- queries and keys\n- values, weighted by softmax\n"


@pytest.fixture
def fixed_clock(monkeypatch):
    moments = iter(f"2026-11-24T16:{minute:02d}:00+00:00" for minute in range(10, 60))
    monkeypatch.setattr("pathcli.actions.now", lambda: next(moments))
    monkeypatch.setattr("pathcli.actions.stats_today", _stats_on_the_day)
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with time_machine.travel("2026-11-24T16:00:00+00:00", tick=False):  # today, as goal reads it
        yield
    monkeypatch.undo()
    time.tzset()


def _stats_on_the_day(tracked):
    """The pace line as of the day of the fixed clock, not of the day the test runs."""
    from datetime import date

    from pathcli.insight import stats

    return stats.measure(tracked.path, tracked.progress, date(2026, 11, 24), None)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_view_reads_as_reviewed(run, fixed_clock, monkeypatch, view, width):
    for args in VIEWS[view][:-1]:
        for command in STATE if args == ["_state"] else [args]:
            assert run(*command, input=MULTI_LINE_NOTE).exit_code == 0, command
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr("pathcli.views.output.terminal_width", lambda: width)  # messages wrap as on a terminal
    if view.startswith("help"):  # help names the data folder (and creates nothing there)
        monkeypatch.setenv("PATHCLI_DATA_DIR", "/home/learner/.local/share/pathcli")
    result = run(*VIEWS[view][-1])
    assert result.exit_code == 0, result.stderr
    shown = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    # Lines with a link are never broken, so that a terminal can open it; every other line fits.
    assert all(len(line) <= width for line in shown.splitlines() if "://" not in line)
    golden = GOLDEN / f"{view}-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")
