"""What a person reads, at 40, 80 and 120 columns, errors included, compared with the reviewed files in tests/golden/.

After a change to a view (or a merge that changes one), regenerate them all and review the diff by eye:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py

Trailing spaces are dropped (Rich pads lines to the width); times and today are fixed, shown in UTC."""

import os
import time
from pathlib import Path

import pytest
import time_machine

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (40, 80, 120)
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
    "help-done": [["done", "--help"]],
    "list-todo": [["_state"], ["list", "--status", "todo"]],
    "list-no-type": [["list", "--type", "podcast"]],
    "stats-early": [["_state"], ["stats"]],
    "note-saved": [["_state"], ["note", "5", "A thought to keep"]],
    "ranges": [["_state"], ["done", "1", "3-5"]],
}
# Every class of error, as one line on stderr (wrapped between words on a terminal), exit code 1 or 2.
ERRORS = {
    "error-unknown-step": ["done", "illustrated"],
    "error-reversed-range": ["done", "6-4"],
    "error-step-out-of-range": ["show", "9"],
    "error-note-number": ["note", "10", "minutes", "in", "and", "I", "am", "lost"],
    "error-bad-duration": ["path", "add", "{bad_duration}"],
    "error-unknown-status": ["list", "--status", "finished"],
    "error-usage": ["note", "--edit", "0", "x"],
    "error-not-confirmed": ["reset"],
    "error-unknown-path": ["-p", "intro-to-data-engineering-with-a-long-name", "list"],
}
BAD_DURATION = "id: rl\ntitle: RL\nsections:\n  - title: One\n    steps:\n      - title: A\n        url: https://example.org/a\n        duration: d\n"
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
@pytest.mark.parametrize("name", ERRORS)
def test_error_reads_as_reviewed(run, fixed_clock, monkeypatch, tmp_path, name, width):
    for command in STATE:
        assert run(*command, input=MULTI_LINE_NOTE).exit_code == 0, command
    (tmp_path / "bad.yaml").write_text(BAD_DURATION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("pathcli.views.output.terminal_width", lambda stream=None: width)
    result = run(*(arg.format(bad_duration="bad.yaml") for arg in ERRORS[name]), input="n\n")
    assert result.exit_code in (1, 2) and result.stdout == ""
    shown = result.stderr.replace(str(tmp_path), "/tmp")
    # never a broken word: every word of the one-line message is on the wrapped lines, whole
    assert shown.split() == " ".join(shown.split()).split()
    assert all(_fits(line, width) for line in shown.splitlines()), shown
    _compare(GOLDEN / f"{name}-{width}.txt", shown)


def _fits(line: str, width: int) -> bool:
    """A line fits, or is one word (a link, a file's path) or one command too long for any line, whole on its
    own."""
    alone = len(line.split()) == 1 or line.lstrip().startswith("pathcli ")
    return len(line) <= width or "://" in line or alone or len(line.split()[-1]) > width // 2


def _compare(golden: Path, shown: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_view_reads_as_reviewed(run, fixed_clock, monkeypatch, view, width):
    for args in VIEWS[view][:-1]:
        for command in STATE if args == ["_state"] else [args]:
            assert run(*command, input=MULTI_LINE_NOTE).exit_code == 0, command
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(
        "pathcli.views.output.terminal_width", lambda stream=None: width
    )  # messages wrap as on a terminal
    if view.startswith("help"):  # help names the data folder (and creates nothing there)
        monkeypatch.setenv("PATHCLI_DATA_DIR", "/home/learner/.local/share/pathcli")
    result = run(*VIEWS[view][-1])
    assert result.exit_code == 0, result.stderr
    shown = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    # Lines with a link are never broken, so that a terminal can open it; every other line fits.
    assert all(_fits(line, width) for line in shown.splitlines())
    _compare(GOLDEN / f"{view}-{width}.txt", shown)
