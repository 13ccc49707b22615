"""The goal date: its definitions (docs/goal.md) through the real command line on a fixed clock, the line
where the learner looks, the goal in progress.json (checked, merged across conflict copies, exported and
imported), and the plan as a calendar, parsed back with icalendar."""

import json
import math
import shutil
import time
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from pathcli.goal.plan import calendar_days
from pathcli.store import conflicts

TODAY = date(2027, 1, 1)
NOON = "T12:00:00+00:00"
IDS = [
    "transformers-from-scratch",
    "the-transformer-model",
    "transformers-for-beginners",
    "stanford-cs25-v4-i-overview-of-transformers",
    "the-illustrated-transformer",
    "attention-is-all-you-need-annotated-transformer",
]


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Local time is UTC, so that days are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def on():
    """on(day, *args): run pathcli with the clock at noon (UTC) of day, checking that it succeeds."""
    from typer.testing import CliRunner

    from pathcli.cli import app

    runner = CliRunner()

    def run_on(day: date, *args: str, ok: bool = True):
        with time_machine.travel(day.isoformat() + NOON, tick=False):
            result = runner.invoke(app, list(args), prog_name="pathcli")
        if ok:
            assert result.exit_code == 0, result.stderr
        return result

    return run_on


def json_on(on, day: date, *args: str):
    return json.loads(on(day, *args, "--json").stdout)


def two_done_before(on):
    """Steps 1 and 2 done 12 and 5 days before TODAY: 4 steps remain, the recent pace is 2 * 7 / 12."""
    on(TODAY - timedelta(days=12), "done", "1")
    on(TODAY - timedelta(days=5), "done", "2")


# The definitions


def test_the_goal_is_computed_from_the_numbers_of_stats(on):
    two_done_before(on)
    shown = json_on(on, TODAY, "goal", "2027-03-01")
    stats = json_on(on, TODAY, "stats")
    assert shown == {
        "path": "transformers",
        "goal": "2027-03-01",
        "today": "2027-01-01",
        "days_left": 59,
        "remaining_steps": 4,
        "remaining_minutes": None,  # no step of the bundled path gives a duration
        "needed_per_week": 4 * 7 / 59,
        "recent_per_week": 2 * 7 / 12,
        "status": "on track",
    }
    assert shown["remaining_steps"] == stats["remaining_steps"]
    assert shown["remaining_minutes"] == stats["remaining_minutes"]
    assert shown["recent_per_week"] == stats["pace"]["recent_per_week"]
    assert json_on(on, TODAY, "goal") == shown  # shown again as it was set
    assert json_on(on, TODAY, "progress")["goal"] == {key: shown[key] for key in shown if key != "path"}


def test_behind_when_the_recent_pace_is_below_the_pace_needed(on):
    two_done_before(on)
    shown = json_on(on, TODAY, "goal", "2w")
    assert (shown["goal"], shown["days_left"], shown["needed_per_week"]) == ("2027-01-15", 14, 2.0)
    assert shown["status"] == "behind"  # 1.17 a week lately
    line = "Goal 2027-01-15, in 14 days: behind: 2.0 a week needed, 1.2 lately"
    assert line in on(TODAY, "goal").stdout.splitlines()
    assert line in on(TODAY, "progress").stdout.splitlines()
    assert line in on(TODAY).stdout.splitlines()  # bare pathcli
    assert "Goal    2027-01-15, in 14 days: behind" in on(TODAY, "stats").stdout


def test_on_track_line_in_progress_bare_pathcli_and_stats(on):
    two_done_before(on)
    on(TODAY, "goal", "2027-03-01")
    line = "Goal 2027-03-01, in 59 days: 0.5 steps a week needed, 1.2 lately: on track"
    assert line in on(TODAY, "progress").stdout.splitlines()
    assert line in on(TODAY).stdout.splitlines()
    assert "Goal    2027-03-01, in 59 days: 0.5 steps a week needed, 1.2 lately: on track" in on(TODAY, "stats").stdout


def test_no_pace_yet_is_behind(on):
    shown = json_on(on, TODAY, "goal", "30d")
    assert (shown["goal"], shown["days_left"], shown["remaining_steps"]) == ("2027-01-31", 30, 6)
    assert shown["recent_per_week"] is None and shown["needed_per_week"] == 6 * 7 / 30
    assert shown["status"] == "behind"
    assert "Goal 2027-01-31, in 30 days: behind: 1.4 a week needed, none lately" in on(TODAY, "goal").stdout


def test_a_goal_tomorrow_then_today_then_past(on):
    two_done_before(on)
    tomorrow = json_on(on, TODAY, "goal", "1d")
    assert (tomorrow["goal"], tomorrow["days_left"], tomorrow["needed_per_week"]) == ("2027-01-02", 1, 28.0)
    assert tomorrow["status"] == "behind"
    assert "Goal 2027-01-02, in 1 day: behind: 28.0 a week needed" in on(TODAY, "goal").stdout
    today = json_on(on, TODAY + timedelta(days=1), "goal")
    assert (today["days_left"], today["needed_per_week"], today["status"]) == (0, None, "passed")
    assert "Goal 2027-01-02, today: passed with 4 steps left" in on(TODAY + timedelta(days=1), "progress").stdout
    past = json_on(on, TODAY + timedelta(days=3), "goal")
    assert (past["days_left"], past["needed_per_week"], past["status"]) == (-2, None, "passed")
    assert "Goal 2027-01-02, 2 days ago: passed with 4 steps left" in on(TODAY + timedelta(days=3)).stdout


def test_no_step_left_is_done_whatever_the_date(on):
    on(TODAY, "goal", "2027-01-10")
    on(TODAY, "done", "1", "2", "3", "4")
    on(TODAY, "skip", "5", "6")
    for day in (TODAY, TODAY + timedelta(days=30)):  # before the goal, and after it
        shown = json_on(on, day, "goal")
        assert (shown["remaining_steps"], shown["remaining_minutes"], shown["needed_per_week"]) == (0, 0, 0)
        assert shown["status"] == "done"
        assert "Goal 2027-01-10: done, no step left" in on(day, "progress").stdout


def test_remaining_minutes_count_the_steps_that_give_a_duration(on, tmp_path):
    file = tmp_path / "rl.yaml"
    file.write_text(
        "id: rl\ntitle: RL\nsections:\n  - title: Basics\n    steps:\n"
        "      - {title: Bandits, url: 'https://example.org/1', duration: 1h}\n"
        "      - {title: MDP, url: 'https://example.org/2', duration: 30m}\n"
        "      - {title: Q-learning, url: 'https://example.org/3'}\n"
    )
    on(TODAY, "path", "add", str(file))
    on(TODAY, "-p", "rl", "done", "1")
    shown = json_on(on, TODAY, "-p", "rl", "goal", "1w")
    assert (shown["remaining_steps"], shown["remaining_minutes"]) == (2, 30)  # one of the two has no duration
    assert shown["remaining_minutes"] == json_on(on, TODAY, "-p", "rl", "stats")["remaining_minutes"]
    assert json_on(on, TODAY, "goal") == {"path": "transformers", "goal": None}  # per path


# Setting, showing, clearing


@pytest.mark.parametrize(
    ("typed", "goal"),
    [("2027-03-01", "2027-03-01"), ("8w", "2027-02-26"), ("30d", "2027-01-31"), (" 2W ", "2027-01-15")],
)
def test_a_goal_is_a_date_or_weeks_or_days_from_today(on, typed, goal):
    assert json_on(on, TODAY, "goal", typed)["goal"] == goal


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2027-01-01", "2027-01-01 is not after today (2027-01-01): a goal is a date to come"),
        ("2026-12-31", "2026-12-31 is not after today (2027-01-01): a goal is a date to come"),
        ("0d", "2027-01-01 is not after today (2027-01-01): a goal is a date to come"),
        ("soon", "'soon' is not a goal date: give one like 2027-03-01, 8w (weeks from today) or 30d (days)"),
        ("2027-02-30", "'2027-02-30' is not a goal date"),
        ("20270301", "'20270301' is not a goal date"),
        ("8x", "'8x' is not a goal date"),
        ("", "'' is not a goal date"),
        ("999999w", "'999999w' is too far away"),
        ("\x1b[31m", "'␛[31m' is not a goal date"),
    ],
)
def test_a_date_that_is_not_to_come_is_refused_and_nothing_changes(on, data_dir, typed, message):
    on(TODAY, "goal", "2027-03-01")
    before = (data_dir / "progress.json").read_bytes()
    result = on(TODAY, "goal", typed, ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"pathcli: {message}") and result.stderr.count("\n") == 1
    assert (data_dir / "progress.json").read_bytes() == before


def test_a_date_and_clear_together_are_refused(on, data_dir):
    result = on(TODAY, "goal", "8w", "--clear", ok=False)
    assert (result.exit_code, result.stderr) == (1, "pathcli: give a date or --clear, not both\n")
    assert not (data_dir / "progress.json").exists()


def test_clear_removes_the_goal_and_is_kept_as_a_dated_change(on, data_dir):
    assert on(TODAY, "goal").stdout == "No goal for Transformers: set one with pathcli goal 2027-03-01\n"
    on(TODAY, "goal", "8w")
    result = on(TODAY + timedelta(days=1), "goal", "--clear")
    assert (result.stdout, result.stderr) == ("", "Transformers: goal cleared\n")
    assert json_on(on, TODAY, "goal") == {"path": "transformers", "goal": None}
    assert json_on(on, TODAY, "progress")["goal"] is None
    stored = json.loads((data_dir / "progress.json").read_text())["paths"]["transformers"]["goal"]
    assert stored == {"date": None, "set_at": "2027-01-02T12:00:00+00:00"}
    before = (data_dir / "progress.json").read_bytes()
    assert on(TODAY, "goal", "--clear").stderr == "Transformers has no goal to clear\n"
    assert (data_dir / "progress.json").read_bytes() == before


def test_no_goal_adds_nothing_where_the_learner_looks(on):
    for args in ([], ["progress"], ["stats"]):
        assert "Goal" not in on(TODAY, *args).stdout
    assert json_on(on, TODAY, "progress")["goal"] is None


def test_a_hand_edited_goal_is_refused_with_its_place(on, data_dir):
    on(TODAY, "goal", "8w")
    document = json.loads((data_dir / "progress.json").read_text())
    for bad, why in [
        ({"date": "2027-02-30", "set_at": "2027-01-01T12:00:00+00:00"}, "has a 'date' that is neither null nor"),
        ({"date": "2027-03-01"}, "needs as 'set_at' an ISO 8601 time"),
        ("2027-03-01", "needs as 'set_at' an ISO 8601 time"),
    ]:
        document["paths"]["transformers"]["goal"] = bad
        (data_dir / "progress.json").write_text(json.dumps(document))
        result = on(TODAY, "goal", ok=False)
        assert result.exit_code == 1 and f"unexpected content: paths.transformers.goal {why}" in result.stderr


# Across machines and exports


@pytest.fixture
def settled(monkeypatch):
    monkeypatch.setattr(conflicts, "SETTLE_SECONDS", 0)


def test_two_copies_with_different_goals_merge_to_the_later_change(on, tmp_path, monkeypatch, settled):
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"

    def at(folder, day, *args):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(folder))
        return on(day, *args)

    at(desktop, TODAY, "goal", "2027-04-01")
    at(laptop, TODAY + timedelta(days=1), "goal", "2027-03-01")  # the later change
    at(laptop, TODAY + timedelta(days=1), "done", "1")
    shutil.copy(desktop / "progress.json", laptop / "progress.sync-conflict-20270102-120000-ABCDEFG.json")
    shutil.copy(laptop / "progress.json", desktop / "progress (DESKTOP's conflicted copy 2027-01-02).json")
    assert "0 steps' progress, 0 notes;" in at(laptop, TODAY + timedelta(days=2), "sync").stdout  # its goal stays
    assert "1 step's progress, 0 notes, 1 goal;" in at(desktop, TODAY + timedelta(days=2), "sync").stdout
    for folder in (laptop, desktop):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(folder))
        assert json_on(on, TODAY + timedelta(days=2), "goal")["goal"] == "2027-03-01"
    assert (
        json.loads((laptop / "progress.json").read_text())["paths"]
        == json.loads((desktop / "progress.json").read_text())["paths"]
    )
    # A clear made later elsewhere wins too, and a goal that has passed arrives as it is, reported as passed.
    at(desktop, TODAY + timedelta(days=3), "goal", "--clear")
    shutil.copy(desktop / "progress.json", laptop / "progress (1).json")
    at(laptop, TODAY + timedelta(days=3), "sync")
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(laptop))
    assert json_on(on, TODAY + timedelta(days=3), "goal")["goal"] is None
    at(desktop, TODAY + timedelta(days=4), "goal", "1d")
    shutil.copy(desktop / "progress.json", laptop / "progress (2).json")
    at(laptop, TODAY + timedelta(days=9), "sync")
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(laptop))
    shown = json_on(on, TODAY + timedelta(days=9), "goal")
    assert (shown["goal"], shown["status"], shown["days_left"]) == ("2027-01-06", "passed", -4)


def test_the_goal_survives_export_and_import(on, tmp_path, monkeypatch):
    on(TODAY, "goal", "2027-03-01")
    on(TODAY, "export", "-o", str(tmp_path / "backup.json"))
    for mode, verb in (([], "Merged"), (["--replace", "--yes"], "Restored")):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(tmp_path / f"elsewhere-{verb}"))
        result = on(TODAY, "import", str(tmp_path / "backup.json"), *mode)
        assert (
            result.stdout
            == f"{verb} {tmp_path / 'backup.json'}: 0 paths installed, 0 steps' progress, 0 notes, 1 goal\n"
        )
        assert result.stderr == ""
        assert json_on(on, TODAY, "goal")["goal"] == "2027-03-01"
    # An import with an older goal leaves a newer one here as it is.
    on(TODAY + timedelta(days=1), "goal", "2027-05-01")
    result = on(TODAY + timedelta(days=1), "import", str(tmp_path / "backup.json"))
    assert result.stdout.endswith(": 0 paths installed, 0 steps' progress, 0 notes\n")
    assert json_on(on, TODAY, "goal")["goal"] == "2027-05-01"


# The calendar


def parse_calendar(text: str):
    from icalendar import Calendar

    return Calendar.from_ical(text)


def test_the_calendar_spreads_the_remaining_steps_up_to_the_goal(on, tmp_path):
    two_done_before(on)
    on(TODAY, "skip", "4")
    on(TODAY, "goal", "10d")
    text = on(TODAY, "export", "--format", "ics").stdout
    calendar = parse_calendar(text)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"]) == "-//pathcli//goal plan//EN"
    events = calendar.walk("VEVENT")
    remaining = [IDS[2], IDS[4], IDS[5]]  # in path order, neither done nor skipped
    n, days_left = 3, 10
    assert [event.decoded("dtstart") for event in events] == [
        TODAY + timedelta(days=math.ceil(k * days_left / n)) for k in range(1, n + 1)
    ]
    assert [event.decoded("dtstart") for event in events] == [date(2027, 1, 5), date(2027, 1, 8), date(2027, 1, 11)]
    assert all(event.decoded("dtend") - event.decoded("dtstart") == timedelta(days=1) for event in events)
    assert [str(event["uid"]) for event in events] == [f"transformers.{step}@pathcli" for step in remaining]
    assert [str(event["summary"]) for event in events] == [
        "Transformers for Beginners",
        "The Illustrated Transformer",
        "Attention Is All You Need - Annotated Transformer",
    ]
    assert all(event.decoded("dtstamp") == datetime(2027, 1, 1, 12, tzinfo=timezone.utc) for event in events)
    first = events[0]
    assert str(first["url"]).startswith("https://www.youtube.com/watch?v=")
    assert str(first["description"]).splitlines() == [
        "Step 3 of Transformers (transformers)",
        "Section: Fundamentals",
        "Duration: not given",
        f"Link: {first['url']}",
    ]
    on(TODAY, "export", "--format", "ics", "-o", str(tmp_path / "plan.ics"))
    written = (tmp_path / "plan.ics").read_bytes()  # as RFC 5545 says: lines end in CRLF
    assert written.startswith(b"BEGIN:VCALENDAR\r\n") and written.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in written.replace(b"\r\n", b"")


def test_more_steps_than_days_share_days_and_the_uids_stay_across_exports(on, tmp_path):
    on(TODAY, "goal", "4d")
    first = parse_calendar(on(TODAY, "export", "--format", "ICS").stdout).walk("VEVENT")
    assert [event.decoded("dtstart") - TODAY for event in first] == [
        timedelta(days=days) for days in (1, 2, 2, 3, 4, 4)
    ]  # ceil(k * 4 / 6)
    on(TODAY + timedelta(days=1), "done", "1")
    later = parse_calendar(on(TODAY + timedelta(days=1), "export", "--format", "ics").stdout).walk("VEVENT")
    assert [str(event["uid"]) for event in later] == [str(event["uid"]) for event in first[1:]]
    assert later[-1].decoded("dtstart") == date(2027, 1, 5)  # the last on the goal day


def test_the_calendar_goes_to_a_file_only_over_nothing_unless_forced(on, tmp_path):
    on(TODAY, "goal", "8w")
    target = tmp_path / "plan.ics"
    result = on(TODAY, "export", "--format", "ics", "-o", str(target))
    assert (result.stdout, result.stderr) == ("", f"Wrote {target}\n")
    assert len(parse_calendar(target.read_bytes()).walk("VEVENT")) == 6
    assert on(TODAY, "export", "--format", "ics", "-o", str(target), ok=False).exit_code == 1
    on(TODAY + timedelta(days=1), "done", "1")
    on(TODAY + timedelta(days=1), "export", "--format", "ics", "-o", str(target), "--force")
    assert len(parse_calendar(target.read_bytes()).walk("VEVENT")) == 5


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ([], "pathcli: no goal is set for this path: set one (pathcli goal 2027-03-01, or 8w), then export\n"),
        (
            [["goal", "1d"]],
            "pathcli: the goal 2026-12-28 has passed: set a later one (pathcli goal DATE), then export\n",
        ),
        (
            [["goal", "8w"], ["done", "1", "2", "3", "4", "5", "6"]],
            "pathcli: every step is done or skipped: there is no plan to put in a calendar\n",
        ),
    ],
)
def test_a_calendar_without_a_plan_is_refused(on, tmp_path, setup, message):
    for args in setup:
        on(TODAY - timedelta(days=5), *args)
    result = on(TODAY, "export", "--format", "ics", "-o", str(tmp_path / "plan.ics"), ok=False)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert not (tmp_path / "plan.ics").exists()


def test_titles_with_control_characters_and_markup_stay_one_line_of_text(on, tmp_path):
    file = tmp_path / "odd.yaml"
    file.write_text(
        "id: odd\ntitle: 'Odd; path, here'\nsections:\n  - title: 'A\\nB'\n    steps:\n"
        "      - {title: \"Bell\\a, semi; colon\\nnew line\", url: 'https://example.org/1?a=1,2;b'}\n"
    )
    on(TODAY, "path", "add", str(file))
    on(TODAY, "-p", "odd", "goal", "2d")
    events = parse_calendar(on(TODAY, "-p", "odd", "export", "--format", "ics").stdout).walk("VEVENT")
    assert str(events[0]["summary"]) == "Bell␇, semi; colon new line"
    assert str(events[0]["url"]) == "https://example.org/1?a=1,2;b"
    assert str(events[0]["description"]).splitlines()[:2] == ["Step 1 of Odd; path, here (odd)", r"Section: A\nB"]


@given(steps=st.integers(1, 400), days_left=st.integers(1, 400))
def test_the_days_run_from_tomorrow_to_the_goal_evenly(steps, days_left):
    days = calendar_days(steps, TODAY, days_left)
    assert len(days) == steps and days == sorted(days)
    assert days[0] > TODAY and days[-1] == TODAY + timedelta(days=days_left)
    if steps <= days_left:
        assert len(set(days)) == steps  # at most one a day
    gaps = [(later - earlier).days for earlier, later in zip([TODAY, *days], days, strict=False)]
    assert max(gaps) - min(gaps) <= 1  # evenly: every gap is the floor or the ceiling of days_left / steps


# The documentation


def test_the_examples_of_docs_goal_md_are_what_pathcli_prints(on):
    from conftest import ROOT

    text = (ROOT / "docs" / "goal.md").read_text(encoding="utf-8")
    two_done_before(on)
    assert json_on(on, TODAY, "goal", "2027-03-01") == json.loads(text.split("```json\n", 1)[1].split("```")[0])
    lines = text.split("```text\n", 1)[1].split("```")[0].splitlines()
    assert lines[0] in on(TODAY, "progress").stdout.splitlines()
    assert on(TODAY, "goal").stdout.splitlines()[1] == lines[0]
    assert lines[0] in text.split("```console\n", 1)[1].split("```")[0].splitlines()
