"""Spaced review of finished steps (pathcli review, pathcli.review): through the real command line, with the
clock fixed by time-machine and shown in UTC; the schedule of merged logs proven with Hypothesis."""

import itertools
import json
import time
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from pathcli.domain.merge import merged
from pathcli.domain.model import DONE, TODO, Progress
from pathcli.domain.reviews import RATINGS
from pathcli.review import schedule
from pathcli.store import catalog
from pathcli.store import document as progress_document

PATH = catalog.load("transformers")
IDS = [step.id for step in PATH.steps]


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def moment(day: int, hour: int = 9) -> datetime:
    """Day 1 is 2026-03-01."""
    return datetime(2026, 3, 1, hour, tzinfo=timezone.utc) + timedelta(days=day - 1)


def on(day: int, run, *args: str, hour: int = 9, ok: bool = True, input: str | None = None):
    with time_machine.travel(moment(day, hour), tick=False):
        result = run(*args, input=input)
    if ok:
        assert result.exit_code == 0, result.stderr
    return result


def due_json(day: int, run, *args: str) -> list[dict]:
    return json.loads(on(day, run, "review", "--json", *args).stdout)


def test_a_step_done_comes_back_two_days_later_and_is_not_due_on_its_day(run):
    on(1, run, "done", "1")
    assert due_json(1, run) == []
    assert due_json(2, run) == []
    upcoming = due_json(1, run, "--upcoming")
    assert upcoming == [
        {
            "path": "transformers",
            "number": 1,
            "id": IDS[0],
            "title": PATH.steps[0].title,
            "due": "2026-03-03",
            "last_review": None,
            "reviews": 0,
        }
    ]
    assert due_json(3, run) == upcoming
    assert due_json(40, run) == upcoming


@pytest.mark.parametrize("gap", [0, 3, 10, 60])
def test_again_comes_back_sooner_than_hard_hard_no_later_than_good_good_no_later_than_easy(
    run, monkeypatch, tmp_path, gap
):
    due = {}
    for rating in RATINGS:
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(tmp_path / rating))
        on(1, run, "done", "2")
        answered = on(1 + gap, run, "review", "2", "--rating", rating, hour=18)
        assert f"2. {PATH.steps[1].title}: {rating} · back on " in answered.stdout
        (card,) = due_json(1 + gap, run, "--upcoming")
        assert card["reviews"] == 1 and card["last_review"] == moment(1 + gap, 18).isoformat()
        due[rating] = date.fromisoformat(card["due"])
        assert due_json(1 + gap, run) == []  # reviewed today: not due again today, whatever the answer
    today = moment(1 + gap).date()
    assert today < due["again"] < due["hard"] <= due["good"] <= due["easy"]


def test_a_step_reviewed_today_is_due_again_no_sooner_than_tomorrow(run):
    on(1, run, "done", "1", "2")
    assert [card["number"] for card in due_json(5, run)] == [1, 2]
    on(5, run, "review", "1", "--rating", "again", hour=23)
    assert [card["number"] for card in due_json(5, run)] == [2]
    assert [card["number"] for card in due_json(6, run)] == [2, 1]  # the oldest due first


@pytest.mark.parametrize("prepare", [[], [["skip", "2"]], [["done", "2"], ["undo", "2"]], [["open", "2"]]])
def test_a_step_that_is_not_done_is_refused_in_one_line_and_nothing_is_written(run, data_dir, prepare):
    on(1, run, "done", "1")
    for args in prepare:
        on(1, run, *args)
    before = (data_dir / "progress.json").read_bytes()
    result = on(3, run, "review", "2", "--rating", "good", ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "not done: only finished steps are reviewed" in result.stderr
    assert (data_dir / "progress.json").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["review", "--rating", "good"], "name the step to rate"),
        (["review", "1", "--rating", "good", "--all"], "leave out --all"),
        (["review", "1", "--rating", "well"], "unknown rating 'well'"),
        (["review", "9", "--rating", "good"], "no step 9"),
        (["review", "1"], "give the answer with --rating"),  # not on a terminal
    ],
)
def test_bad_review_commands_are_refused_in_one_line(run, data_dir, args, says):
    on(1, run, "done", "1")
    before = (data_dir / "progress.json").read_bytes()
    result = on(3, run, *args, ok=False)
    assert result.exit_code != 0 and says in result.stderr and "Traceback" not in result.stderr
    assert (data_dir / "progress.json").read_bytes() == before


def test_undo_and_reset_stop_the_reviews_and_a_step_done_again_starts_afresh(run, data_dir):
    on(1, run, "done", "1", "2")
    on(4, run, "review", "1", "--rating", "easy")
    on(5, run, "undo", "1")
    assert [card["number"] for card in due_json(30, run, "--upcoming")] == [2]
    assert "reviews" in json.loads((data_dir / "progress.json").read_text())["paths"]["transformers"]["steps"][IDS[0]]
    on(10, run, "done", "1")
    fresh = [card for card in due_json(10, run, "--upcoming") if card["number"] == 1]
    assert fresh == [{**fresh[0], "due": "2026-03-12", "reviews": 0, "last_review": None}]
    on(11, run, "reset", "--yes")
    assert due_json(60, run, "--upcoming") == []


def _export(steps: dict) -> str:
    progress = {"version": 2, "paths": {"transformers": {"steps": steps}}}
    return json.dumps({"format": "pathcli-export", "version": 1, "progress": progress})


def test_due_lists_after_importing_exports_dated_in_the_past(run, tmp_path):
    old = "2025-06-01T10:00:00+02:00"
    export = tmp_path / "old.json"
    export.write_text(
        _export(
            {
                IDS[0]: {"status": "done", "done_at": old},  # done long ago, never reviewed
                IDS[1]: {
                    "status": "done",
                    "done_at": old,
                    "reviews": [
                        {"id": "a", "at": "2025-06-04T08:00:00+00:00", "rating": "good"},
                        {"id": "b", "at": "2026-02-25T08:00:00+00:00", "rating": "easy"},
                    ],
                },
                IDS[2]: {"status": "done", "done_at": "2026-02-27T10:00:00+00:00"},  # due on 2026-03-01
                IDS[3]: {"status": "done", "done_at": "2026-03-01T08:00:00+00:00"},  # done today
                IDS[4]: {"status": "skipped", "skipped_at": old},
                IDS[5]: {
                    "status": "todo",
                    "undone_at": old,
                    "reviews": [{"id": "c", "at": "2025-06-02T08:00:00+00:00", "rating": "good"}],
                },
            }
        )
    )
    on(1, run, "import", str(export))
    due = due_json(1, run)
    assert [card["number"] for card in due] == [1, 3]  # the oldest due first
    assert due[0]["due"] == "2025-06-03" and due[1]["due"] == "2026-03-01"
    upcoming = due_json(1, run, "--upcoming")
    assert [card["number"] for card in upcoming] == [1, 3, 4, 2]
    assert [card["due"] for card in upcoming] == sorted(card["due"] for card in upcoming)
    easy = upcoming[-1]
    assert easy["reviews"] == 2 and easy["last_review"] == "2026-02-25T08:00:00+00:00"
    listed = on(1, run, "review")  # not a terminal: the list, exit 0
    assert listed.stdout.startswith("2 steps to review today:\n")
    assert f"1. {PATH.steps[0].title} · due on 2025-06-03" in listed.stdout
    assert "2 steps to review (pathcli review)" in on(1, run).stdout
    assert "2 steps to review (pathcli review)" in on(1, run, "next").stdout


def test_nothing_is_said_on_bare_pathcli_and_next_when_nothing_is_due(run):
    on(1, run, "done", "1")
    for args in ([], ["next"]):
        assert "to review" not in on(2, run, *args).stdout
    assert "1 step to review (pathcli -p transformers review)" in on(3, run, "-p", "transformers").stdout
    assert "to review" not in on(3, run, "next", "--json").stdout


def test_two_copies_that_reviewed_different_steps_merge_to_one_schedule(run, monkeypatch, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(first))
    on(1, run, "done", "1", "2", "3")
    on(1, run, "export", "-o", str(tmp_path / "start.json"))
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(second))
    on(1, run, "import", str(tmp_path / "start.json"))
    on(4, run, "review", "2", "--rating", "hard")  # the second machine reviews step 2
    on(4, run, "export", "-o", str(tmp_path / "second.json"))
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(first))
    on(5, run, "review", "1", "--rating", "again")  # the first machine reviews step 1
    on(5, run, "review", "3", "--rating", "easy")
    on(5, run, "export", "-o", str(tmp_path / "first.json"))
    on(6, run, "import", str(tmp_path / "second.json"))
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(second))
    on(6, run, "import", str(tmp_path / "first.json"))
    on(6, run, "import", str(tmp_path / "first.json"))  # twice: the same
    on_second = due_json(6, run, "--upcoming")
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(first))
    assert due_json(6, run, "--upcoming") == on_second
    assert {card["number"]: card["reviews"] for card in on_second} == {1: 1, 2: 1, 3: 1}
    journal = on(6, run, "export", "--format", "markdown").stdout
    assert "  - Reviewed 2026-03-04 09:00: hard" in journal and "  - Reviewed 2026-03-05 09:00: again" in journal


def test_on_a_terminal_each_due_step_is_shown_with_its_notes_and_answered(run, monkeypatch):
    monkeypatch.setattr("pathcli.cli.review.is_terminal", lambda: True)
    on(1, run, "done", "1", "2", "3")
    on(1, run, "note", "2", "Queries, keys and values.")
    session = on(10, run, "review", input="1\nmaybe\n\nq\n")
    shown = session.stdout
    assert "[1/3] 1. " in shown and "Finished 2026-03-01 09:00" in shown and "No notes on this step." in shown
    assert "[2/3] 2. " in shown and "Queries, keys and values." in shown
    assert f"1. {PATH.steps[0].title}: again · back on 2026-03-11 (in 1 day)" in shown
    assert f"2. {PATH.steps[1].title}: good · back on " in shown
    assert "[3/3] 3. " in shown
    assert session.stderr.count("How well do you remember it? 1 again · 2 hard · 3 good · 4 easy") == 4
    assert "Answer 1 again, 2 hard, 3 good or 4 easy" in session.stderr
    assert "Stopped: 2 answered, 1 left for later." in session.stderr
    assert [card["number"] for card in due_json(10, run)] == [3]
    finished = on(10, run, "review", input="4\n")
    assert "Done: 1 step reviewed." in finished.stdout
    assert due_json(10, run) == []
    assert "Nothing to review today. The next comes back on 2026-03-11 (in 1 day)." in on(10, run, "review").stdout


def test_a_review_log_of_the_wrong_shape_is_refused_on_reading(run, data_dir):
    data_dir.mkdir()
    record = {"status": DONE, "done_at": "2026-03-01T09:00:00+00:00", "reviews": [{"id": "x", "at": "2026-03-02"}]}
    document = {"version": 2, "paths": {"transformers": {"steps": {IDS[0]: record}}}}
    (data_dir / "progress.json").write_text(json.dumps(document))
    result = on(3, run, "review", ok=False)
    assert result.exit_code == 1 and "review 1 needs a 'rating' of again, hard, good, easy" in result.stderr


# The schedule of merged logs: machines mark and review steps at colliding times, and their documents are
# merged in every order; every order gives the same schedule.
MACHINES = 3
STEPS = PATH.steps[:3]
OPERATION = st.tuples(
    st.integers(0, MACHINES - 1),
    st.sampled_from(["done", "undo", "review", "review", "catch-up"]),
    st.integers(0, len(STEPS) - 1),
    st.sampled_from(RATINGS),
    st.integers(0, 3 * 86400),  # seconds since the previous operation: 0 makes ties
)


def _play(history) -> list[dict]:
    documents = [progress_document.empty_document() for _ in range(MACHINES)]
    clock = moment(1)
    for machine, kind, index, rating, seconds in history:
        clock += timedelta(seconds=seconds)
        at = clock.isoformat(timespec="seconds")
        progress, step = Progress(documents[machine], PATH.id), STEPS[index]
        if kind == "done":
            progress.set_status(step, DONE, at)
        elif kind == "undo":
            progress.set_status(step, TODO, at)
        elif kind == "review" and progress.status(step) == DONE:
            progress.add_review(step, rating, at)
        elif kind == "catch-up":
            documents[machine] = merged(documents[machine], documents[index % MACHINES])
    return documents


def _schedule(document: dict) -> list[tuple]:
    return [
        (card.step.id, card.due, card.last_review, card.reviews)
        for card in schedule.cards(PATH, Progress(document, PATH.id))
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(OPERATION, max_size=30))
def test_merging_logs_in_any_order_gives_the_same_schedule(history):
    documents = _play(history)
    schedules = set()
    for order in itertools.permutations(documents):
        result = order[0]
        for other in order[1:]:
            result = merged(result, other)
        schedules.add(tuple(_schedule(result)))
        assert _schedule(merged(result, order[0])) == _schedule(result)  # idempotent
    assert len(schedules) == 1


def test_times_at_the_ends_of_the_calendar_are_scheduled_without_failing(run, tmp_path):
    export = tmp_path / "edges.json"
    export.write_text(
        _export(
            {
                IDS[0]: {"status": "done", "done_at": "9998-12-30T00:00:00+00:00"},
                IDS[1]: {
                    "status": "done",
                    "done_at": "1971-01-01T00:00:00+00:00",
                    "reviews": [{"id": "z", "at": "9998-12-31T23:00:00-05:00", "rating": "easy"}],
                },
            }
        )
    )
    on(1, run, "import", str(export))
    dues = [card["due"] for card in due_json(1, run, "--upcoming")]
    assert dues[0] == "9999-01-01" and dues[1].startswith("9999-")
    assert on(1, run, "review", "--upcoming").exit_code == 0


def test_a_damaged_replay_cache_is_read_as_empty_and_written_anew(run, monkeypatch):
    from pathcli.review import replaycache

    monkeypatch.setattr(schedule._Replays, "known", None)  # as in a new process
    monkeypatch.setattr(schedule._Replays, "by_shape", {})
    monkeypatch.setattr(schedule._Replays, "used", set())
    on(1, run, "done", "1")
    replaycache.cache_file().write_bytes(b"\x00 not JSON")
    assert due_json(1, run, "--upcoming")[0]["due"] == "2026-03-03"
    cached = json.loads(replaycache.cache_file().read_text())
    assert cached["replays"] == {"good:0": 2 * 86400} and "fsrs" in cached["key"]
    monkeypatch.setattr(schedule._Replays, "known", None)
    monkeypatch.setattr(schedule._Replays, "by_shape", {})
    assert due_json(1, run, "--upcoming")[0]["due"] == "2026-03-03"  # read from the cache
