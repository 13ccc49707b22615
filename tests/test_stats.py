"""Stats: durations in path files, the definitions of activity, streaks, pace and the finish estimate
(examples, and Hypothesis against brute-force counts across time zones and daylight-saving changes),
the calendar as people read it (golden files at 40 and 80 columns), and the commands."""

import json
import os
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathcli.domain.model import LearningPath, Progress
from pathcli.insight.stats import local_date, measure, streaks
from pathcli.store import document as progress_document
from pathcli.views import render_stats

GOLDEN = Path(__file__).parent / "golden"
BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc
TODAY = date(2026, 11, 26)  # a Thursday


def make_path(durations: list[int | None]) -> LearningPath:
    steps = [
        {"id": f"s{i}", "title": f"Step {i}", "type": "", "url": "https://example.org", "description": "", "links": []}
        | {"duration": minutes}
        for i, minutes in enumerate(durations, 1)
    ]
    sections = [{"title": "Only", "steps": steps}]
    return LearningPath.from_dict(
        {"id": "p", "title": "P", "description": "", "prerequisites": [], "sections": sections}
    )


def progress_of(records: dict) -> Progress:
    return Progress({"version": progress_document.FORMAT_VERSION, "paths": {"p": {"steps": records}}}, "p")


def at(day: date, hour: int = 12, offset: timezone = UTC) -> str:
    return datetime.combine(day, time(hour), offset).isoformat()


def days_ago(count: int) -> date:
    return TODAY - timedelta(days=count)


def done(day: date, **more) -> dict:
    return {"status": "done", "done_at": at(day), **more}


# Durations in path files


@pytest.mark.parametrize(
    ("written", "minutes"),
    [("45m", 45), ("1h", 60), ("1h30m", 90), ("90m", 90), ("2h 15m", 135), ("1H 5M", 65), (" 2 h ", 120)],
)
def test_durations_are_read_as_minutes(run, run_json, tmp_path, written, minutes):
    file = tmp_path / "rl.yaml"
    file.write_text(
        f"id: rl\ntitle: RL\nsections:\n  - title: Basics\n    steps:\n"
        f"      - {{title: Bandits, url: 'https://example.org/1', duration: '{written}'}}\n"
        f"      - {{title: MDP, url: 'https://example.org/2'}}\n"
    )
    assert run("path", "add", str(file)).exit_code == 0
    assert [step["duration_minutes"] for step in run_json("-p", "rl", "list")] == [minutes, None]


@pytest.mark.parametrize("written", ["soon", "45", "1h30", "m", "1.5m", "-5m", "45 mins later"])
def test_a_bad_duration_is_named_with_its_place(run, tmp_path, written):
    file = tmp_path / "rl.yaml"
    file.write_text(
        "id: rl\ntitle: RL\nsections:\n  - title: Basics\n    steps:\n"
        "      - {title: Bandits, url: 'https://example.org/1'}\n"
        f"      - {{title: MDP, url: 'https://example.org/2', duration: '{written}'}}\n"
    )
    result = run("path", "validate", str(file))
    assert result.exit_code == 1
    assert result.stderr == (
        f"pathcli: {file}: section 1 'Basics', step 2 'MDP': 'duration' must be like 45m, 1h or 1h30m,"
        f" not '{written.strip()}'\n"
    )


def test_next_and_show_print_the_duration_and_yaml_keeps_it(run, tmp_path):
    file = tmp_path / "rl.yaml"
    file.write_text(
        "id: rl\ntitle: RL\nsections:\n  - title: Basics\n    steps:\n"
        "      - {title: Bandits, type: Chapter, url: 'https://example.org/1', duration: 1h30m}\n"
        "      - {title: MDP, url: 'https://example.org/2', duration: 45m}\n"
    )
    run("path", "add", str(file))
    assert "Bandits (Chapter, about 1h 30m)" in run("-p", "rl", "next").stdout
    assert "MDP (about 45m)" in run("-p", "rl", "show", "2").stdout
    from pathcli.store import pathfile

    assert "duration: 1h 30m" in pathfile.to_yaml(pathfile.parse(file.read_bytes(), "rl.yaml"))


def test_the_bundled_path_declares_no_durations(run_json):
    assert {step["duration_minutes"] for step in run_json("list")} == {None}


# The definitions, on crafted histories


def test_each_activity_counts_once_on_its_local_day():
    path = make_path([None, None, None])
    records = {
        "s1": done(days_ago(1), started_at=at(days_ago(3))),
        "s2": {"status": "todo", "undone_at": at(days_ago(1))},
        "s3": {
            "status": "skipped",
            "skipped_at": at(days_ago(0)),
            "notes": [
                {"id": "a", "text": "x", "at": at(days_ago(3))},
                {"id": "b", "at": at(days_ago(5)), "deleted_at": at(days_ago(0))},  # deleted: not counted
            ],
        },
    }
    stats = measure(path, progress_of(records), TODAY, UTC)
    assert stats.days == {days_ago(3): 2, days_ago(1): 2, days_ago(0): 1}
    assert (stats.current_streak, stats.longest_streak) == (2, 2)


def test_a_stamp_counts_on_the_day_it_is_where_the_learner_is():
    assert local_date("2026-11-25T23:30:00+00:00", BERLIN) == date(2026, 11, 26)
    assert local_date("2026-11-26T00:30:00+01:00", ZoneInfo("America/New_York")) == date(2026, 11, 25)
    assert local_date("2026-11-26T00:30:00", BERLIN) == date(2026, 11, 26)  # no offset: already local
    # Across the spring change in Berlin (02:00 CET becomes 03:00 CEST on 29 March 2026).
    assert local_date("2026-03-28T23:30:00+00:00", BERLIN) == date(2026, 3, 29)  # 00:30 CET
    assert local_date("2026-03-29T22:30:00+00:00", BERLIN) == date(2026, 3, 30)  # 00:30 CEST
    assert local_date("2026-03-29T21:30:00+00:00", BERLIN) == date(2026, 3, 29)


@pytest.mark.parametrize(
    ("days", "current", "longest"),
    [
        ([], 0, 0),
        ([0], 1, 1),
        ([1, 2, 3], 3, 3),  # nothing yet today: the streak still stands
        ([2, 3], 0, 2),
        ([0, 1, 5, 6, 7, 8], 2, 4),
        ([-1, 0], 1, 2),  # a day after today (a clock ahead elsewhere) is not part of the current streak
    ],
)
def test_streaks(days, current, longest):
    assert streaks([days_ago(n) for n in days], TODAY) == (current, longest)


def test_recent_and_overall_pace_over_four_weeks_and_the_whole_time():
    path = make_path([None] * 10)
    records = {f"s{i}": done(days_ago(n)) for i, n in enumerate([0, 10, 27, 28, 60, 69], 1)}
    records["s7"] = {"status": "started", "started_at": at(days_ago(70))}
    stats = measure(path, progress_of(records), TODAY, UTC)
    assert stats.recent_per_week == 3 / 4
    assert stats.overall_per_week == 6 / 10
    assert stats.remaining_steps == 4
    assert stats.finish_estimate == TODAY + timedelta(days=38)  # 4 steps / (3 per 28 days) = 37.3 days


def test_a_new_learner_is_measured_over_the_days_since_the_first_activity():
    path = make_path([None] * 5)
    stats = measure(path, progress_of({"s1": done(days_ago(3)), "s2": done(days_ago(2))}), TODAY, UTC)
    assert stats.recent_per_week == stats.overall_per_week == 2 / (3 / 7)
    assert stats.finish_estimate == TODAY + timedelta(days=5)  # 3 steps at 2 per 3 days: 4.5, rounded up
    today_only = measure(path, progress_of({"s1": done(TODAY), "s2": done(TODAY)}), TODAY, UTC)
    assert today_only.recent_per_week == 14.0  # at least one day


def test_no_finish_estimate_before_two_steps_or_without_recent_pace():
    path = make_path([None] * 5)
    one = measure(path, progress_of({"s1": done(days_ago(1))}), TODAY, UTC)
    assert one.finish_estimate is None and one.recent_per_week == 7.0
    old = measure(path, progress_of({"s1": done(days_ago(40)), "s2": done(days_ago(30))}), TODAY, UTC)
    assert old.finish_estimate is None and old.recent_per_week == 0.0
    nothing = measure(path, progress_of({}), TODAY, UTC)
    assert (nothing.recent_per_week, nothing.overall_per_week, nothing.finish_estimate) == (None, None, None)
    assert (nothing.current_streak, nothing.longest_streak, nothing.days) == (0, 0, {})


def test_when_nothing_remains_the_estimate_is_the_last_step_finished():
    path = make_path([30, None])
    records = {"s1": done(days_ago(9)), "s2": {"status": "skipped", "skipped_at": at(days_ago(4))}}
    stats = measure(path, progress_of(records), TODAY, UTC)
    assert (stats.finish_estimate, stats.remaining_steps, stats.remaining_minutes) == (days_ago(4), 0, 0)


def test_time_left_adds_the_declared_durations_of_the_remaining_steps():
    path = make_path([30, 45, None, 90, None])
    stats = measure(path, progress_of({"s1": done(TODAY), "s5": {"status": "skipped"}}), TODAY, UTC)
    assert (stats.remaining_steps, stats.remaining_minutes, stats.steps_without_duration) == (3, 135, 1)
    no_durations = measure(make_path([None, None]), progress_of({}), TODAY, UTC)
    assert (no_durations.remaining_minutes, no_durations.steps_without_duration) == (None, 2)


# Properties: the definitions, counted the slow way


ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati"]
# Stamps are written with the offset of the machine that wrote them, which need not be the learner's.
OFFSETS = st.sampled_from([-10 * 60, -5 * 60, 0, 60, 120, 5 * 60 + 30, 5 * 60 + 45, 13 * 60])
# Instants in the weeks around Europe's and America's spring and autumn changes, often in the few days
# around Europe's, so that streaks form.
INSTANTS = st.one_of(
    st.datetimes(datetime(2026, 3, 26), datetime(2026, 4, 2)),
    st.datetimes(datetime(2026, 10, 22), datetime(2026, 10, 29)),
    st.datetimes(datetime(2026, 3, 1), datetime(2026, 4, 20)),
    st.datetimes(datetime(2026, 10, 15), datetime(2026, 11, 30)),
).map(lambda naive: naive.replace(tzinfo=UTC))
STATUS_KEYS = ["started_at", "done_at", "skipped_at", "undone_at"]
DURATIONS = [None, 30, 45, None, 60]


@st.composite
def histories(draw):
    records = {}
    for number in range(1, draw(st.integers(0, len(DURATIONS))) + 1):
        record = {"status": draw(st.sampled_from(["todo", "started", "done", "done", "done", "skipped"]))}
        for key in draw(st.sets(st.sampled_from(STATUS_KEYS))):
            record[key] = _stamp(draw(INSTANTS), draw(OFFSETS))
        if record["status"] == "done":
            record["done_at"] = _stamp(draw(INSTANTS), draw(OFFSETS))
        notes = draw(st.lists(st.tuples(INSTANTS, OFFSETS, st.booleans()), max_size=4))
        record["notes"] = [
            {"id": str(index), "at": _stamp(instant, offset)} | ({"deleted_at": "x"} if deleted else {"text": "t"})
            for index, (instant, offset, deleted) in enumerate(notes)
        ]
        records[f"s{number}"] = record
    return records


def _stamp(instant: datetime, offset_minutes: int) -> str:
    return instant.astimezone(timezone(timedelta(minutes=offset_minutes))).isoformat()


def _slow_local_date(stamp: str, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(datetime.fromisoformat(stamp).timestamp(), zone).date()


def _slow_counts(records: dict, zone: ZoneInfo) -> dict[date, int]:
    counts: dict[date, int] = {}
    for record in records.values():
        stamps = [record[key] for key in STATUS_KEYS if key in record]
        stamps += [note["at"] for note in record["notes"] if "deleted_at" not in note]
        for stamp in stamps:
            day = _slow_local_date(stamp, zone)
            counts[day] = counts.get(day, 0) + 1
    return counts


def _all_active(counts: dict, first: date, last: date) -> bool:
    return all(first + timedelta(days=n) in counts for n in range((last - first).days + 1))


@settings(max_examples=300, deadline=None)
@given(
    records=histories(),
    zone=st.sampled_from(ZONES).map(ZoneInfo),
    today=st.one_of(
        st.dates(date(2026, 3, 28), date(2026, 4, 3)),
        st.dates(date(2026, 10, 24), date(2026, 10, 30)),
        st.dates(date(2026, 3, 1), date(2026, 4, 20)),
        st.dates(date(2026, 10, 15), date(2026, 11, 30)),
    ),
)
def test_streaks_and_pace_match_a_brute_force_count(records, zone, today):
    path = make_path(DURATIONS)
    stats = measure(path, progress_of(records), today, zone)
    counts = _slow_counts(records, zone)
    assert stats.days == counts and list(stats.days) == sorted(counts)

    # The longest streak: the longest run of days all active; the current one ends today or yesterday.
    active = sorted(counts)
    runs = [(b - a).days + 1 for a in active for b in active if a <= b and _all_active(counts, a, b)]
    assert stats.longest_streak == max(runs, default=0)
    end = today if today in counts else today - timedelta(days=1)
    current = max((n for n in range(1, 400) if _all_active(counts, end - timedelta(days=n - 1), end)), default=0)
    assert stats.current_streak == current

    done_days = [_slow_local_date(r["done_at"], zone) for r in records.values() if r["status"] == "done"]
    if not counts:
        assert stats.recent_per_week is stats.overall_per_week is stats.finish_estimate is None
        return
    since_first = max(1, (today - min(counts)).days)
    recent = sum(1 for day in done_days if 0 <= (today - day).days < 28)
    window = min(since_first, 28)
    assert stats.recent_per_week == pytest.approx(recent / (window / 7))
    assert stats.overall_per_week == pytest.approx(len(done_days) / (since_first / 7))

    finished = ("done", "skipped")
    remaining = [n for n in range(1, len(DURATIONS) + 1) if records.get(f"s{n}", {}).get("status") not in finished]
    assert stats.remaining_steps == len(remaining)
    if not remaining:
        finished = [
            _slow_local_date(r[key], zone) for r in records.values() for key in ("done_at", "skipped_at") if key in r
        ]
        assert stats.finish_estimate == max(finished, default=None)
    elif len(done_days) < 2 or recent == 0:
        assert stats.finish_estimate is None
    else:
        days = next(d for d in range(1, 100_000) if d * recent >= len(remaining) * window)
        assert stats.finish_estimate == today + timedelta(days=days)


@given(st.sets(st.integers(-2, 40), max_size=35))
def test_streaks_match_a_brute_force_count_over_dense_days(offsets):
    days = {TODAY - timedelta(days=n) for n in offsets}
    longest = max(
        (n for n in range(1, 44) for end in days if all(end - timedelta(days=k) in days for k in range(n))), default=0
    )
    end = TODAY if TODAY in days else TODAY - timedelta(days=1)
    current = next(n for n in range(44) if end - timedelta(days=n) not in days)
    assert streaks(days, TODAY) == (current, longest)


# What people read


def _golden_history() -> tuple[LearningPath, Progress]:
    """Five months of evenings: a few steps a week, notes on some, a pause in September."""
    path = make_path([45, 60, 90, None, 30] * 8)
    records = {}
    for number in range(1, 29):
        day = date(2026, 6, 8) + timedelta(days=(number * 37) % 170)
        if date(2026, 9, 1) <= day < date(2026, 9, 21):
            day += timedelta(days=20)
        notes = [{"id": str(n), "text": "t", "at": at(day, 20 + n % 3, BERLIN)} for n in range(number % 4)]
        records[f"s{number}"] = {"status": "done", "done_at": at(day, 21), "notes": notes}
    records["s29"] = {"status": "started", "started_at": at(TODAY, 8)}
    return path, progress_of(records)


@pytest.mark.parametrize("width", [40, 80])
def test_the_stats_view_at_40_and_80_columns(capsys, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    path, progress = _golden_history()
    render_stats.stats_view(path, measure(path, progress, TODAY, BERLIN), render_stats.UNICODE_SHADES)
    shown = capsys.readouterr().out
    assert max(len(line) for line in shown.splitlines()) <= width
    golden = GOLDEN / f"stats-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")


def test_shades_fall_back_to_ascii_when_the_output_cannot_carry_them():
    assert render_stats.shades("utf-8") == render_stats.UNICODE_SHADES
    assert render_stats.shades("ascii") == render_stats.shades("latin-1") == render_stats.ASCII_SHADES
    assert render_stats.shades(None) == render_stats.ASCII_SHADES


def test_the_calendar_has_one_column_per_week_up_to_today():
    weeks = render_stats.calendar_weeks(TODAY, 26)
    assert len(weeks) == 26 and weeks[-1][0] == date(2026, 11, 23) and weeks[-1][3] == TODAY
    assert all(week[0].weekday() == 0 for week in weeks)
    assert render_stats.weeks_that_fit(80) == 26 and render_stats.weeks_that_fit(40) == 18


# The commands


def _write_history(data_dir: Path, records: dict) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    document = {"version": progress_document.FORMAT_VERSION, "paths": {"transformers": {"steps": records}}}
    (data_dir / "progress.json").write_text(json.dumps(document))


def _local(days_back: int, hour: int = 12) -> str:
    return datetime.combine(date.today() - timedelta(days=days_back), time(hour)).astimezone().isoformat()


def test_stats_json_has_the_shape_of_the_issue(run_json, data_dir):
    _write_history(
        data_dir,
        {
            "transformers-from-scratch": {"status": "done", "done_at": _local(2), "started_at": _local(3)},
            "the-transformer-model": {
                "status": "done",
                "done_at": _local(1),
                "notes": [{"id": "n1", "text": "good", "at": _local(1, 13)}],
            },
        },
    )
    stats = run_json("stats")
    today = date.today()
    assert stats == {
        "path": "transformers",
        "today": today.isoformat(),
        "streak": {"current": 3, "longest": 3},
        "active_days": 3,
        "pace": {"recent_per_week": 2 / (3 / 7), "overall_per_week": 2 / (3 / 7)},
        "remaining_steps": 4,
        "remaining_minutes": None,
        "steps_without_duration": 4,
        "finish_estimate": (today + timedelta(days=6)).isoformat(),
        "calendar": [
            {"date": (today - timedelta(days=n)).isoformat(), "count": count} for n, count in [(3, 1), (2, 1), (1, 2)]
        ],
    }
    progress = run_json("progress")
    assert (progress["finish_estimate"], progress["remaining_minutes"]) == (stats["finish_estimate"], None)


def test_stats_and_progress_on_a_terminal(run):
    result = run("stats")
    assert result.exit_code == 0 and result.stderr == ""
    assert "activity in the last 26 weeks" in result.stdout
    assert "Pace    none yet: nothing done or noted so far" in result.stdout
    run("done", "1", "2")
    assert "Streak  1 day now, longest 1 day; active on 1 day" in run("stats").stdout
    assert "Pace 14 steps a week; finish around " in run("progress").stdout


def test_time_left_adds_up_on_a_path_with_durations(run, run_json, tmp_path):
    file = tmp_path / "rl.yaml"
    file.write_text(
        "id: rl\ntitle: RL\nsections:\n  - title: Basics\n    steps:\n"
        "      - {title: Bandits, url: 'https://example.org/1', duration: 1h30m}\n"
        "      - {title: MDP, url: 'https://example.org/2', duration: 45m}\n"
        "      - {title: DP, url: 'https://example.org/3', duration: 2h}\n"
        "      - {title: Lab, url: 'https://example.org/4'}\n"
    )
    run("path", "add", str(file))
    run("-p", "rl", "done", "1")
    stats = run_json("-p", "rl", "stats")
    assert (stats["path"], stats["remaining_steps"], stats["remaining_minutes"]) == ("rl", 3, 165)
    assert stats["steps_without_duration"] == 1
    assert run_json("-p", "rl", "progress")["remaining_minutes"] == 165
    assert "2h 45m left + 1 step untimed" in run("-p", "rl", "progress").stdout
    assert "3 steps, about 2h 45m and 1 step with no duration given" in run("-p", "rl", "stats").stdout


@pytest.mark.parametrize("header", ["Duration", "time", "LENGTH", "Estimate", "Estimated time"])
def test_the_markdown_importer_reads_a_duration_column(header):
    import textwrap

    from pathcli.importing.markdown_import import convert
    from pathcli.importing.report import UNREAD_DURATION, Skipped

    text = f"""\
        # Statistics in Evenings

        | {header} | Resource | Kind |
        |---|---|---|
        | 1h 30m | [Think Stats](https://greenteapress.com/thinkstats/) | Book |
        | 45M | [Seeing Theory](https://seeing-theory.brown.edu) | Site |
        |  | [Stats 110](https://projects.iq.harvard.edu/stat110) | Course |
        | a week | [OpenIntro](https://openintro.org) | Book |
        """
    path, report = convert(textwrap.dedent(text), "stats.md")
    steps = [step for section in path["sections"] for step in section["steps"]]
    assert [(step["title"], step["duration"]) for step in steps] == [
        ("Think Stats", 90),
        ("Seeing Theory", 45),
        ("Stats 110", None),
        ("OpenIntro", None),
    ]
    assert Skipped(UNREAD_DURATION, "OpenIntro: a week") in report.skipped
    from pathcli.store import pathfile

    assert "duration: 1h 30m" in pathfile.to_yaml(path)
