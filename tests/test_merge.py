"""The merge of two progress documents (pathcli.domain.merge), proven over random histories with Hypothesis: three
machines mark, note, edit and delete at colliding times and now and then catch up with one another."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathcli.domain.merge import merge_into, merged
from pathcli.domain.model import DONE, SKIPPED, TODO, Progress
from pathcli.domain.reviews import RATINGS
from pathcli.store import catalog
from pathcli.store import document as progress_document

PATH = catalog.load("transformers")
STEPS = PATH.steps[:3]
START = datetime(2026, 1, 26, 14, 30, tzinfo=timezone.utc)
ZONES = [timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))]
MACHINES = 3

OPERATION = st.tuples(
    st.integers(0, MACHINES - 1),  # the machine
    st.sampled_from(["mark", "note", "edit", "delete", "review", "catch-up", "goal"]),
    st.integers(0, len(STEPS) - 1),  # the step
    st.sampled_from([TODO, DONE, SKIPPED]),
    st.sampled_from(["a", "b", "read it twice"]),  # few texts, so that ids collide
    st.integers(0, 3),  # a note's number, the machine caught up with, or the goal's day (0: a clear)
    st.integers(0, 2),  # seconds since the previous operation: 0 makes ties
    st.integers(0, len(ZONES) - 1),  # the zone the time is written in
)
HISTORY = st.lists(OPERATION, max_size=25)
# The same, with resets now and then (Progress.clear, whose time every merge honours: see merge).
WITH_RESETS = st.lists(
    st.one_of(OPERATION, OPERATION.map(lambda operation: (operation[0], "reset", *operation[2:]))), max_size=25
)


def _play(history) -> list[dict]:
    """The documents of each machine after the history."""
    documents = [progress_document.empty_document() for _ in range(MACHINES)]
    moment = START
    for machine, kind, step_index, status, text, number, seconds, zone in history:
        moment += timedelta(seconds=seconds)
        at = moment.astimezone(ZONES[zone]).isoformat(timespec="seconds")
        document = documents[machine]
        progress, step = Progress(document, PATH.id), STEPS[step_index]
        live = len(progress.notes(step))
        if kind == "mark":
            progress.set_status(step, status, at)
        elif kind == "note":
            progress.add_note(step, text, at)
        elif kind == "edit" and live:
            progress.edit_note(step, number % live + 1, f"{text} (edited)", at)
        elif kind == "delete" and live:
            progress.delete_note(step, number % live + 1, at)
        elif kind == "goal":
            progress.set_goal(date(2027, 3, number) if number else None, at)
        elif kind == "review" and progress.status(step) == DONE:
            progress.add_review(step, RATINGS[number], at)
        elif kind == "catch-up":
            merge_into(document, json.loads(json.dumps(documents[number % MACHINES])))
        elif kind == "reset":
            progress.clear(at)
    return documents


def _same_progress(document: dict) -> str:
    """The document as progress: notes of one second from two machines may come in either order."""
    copy = json.loads(json.dumps(document))
    for entry in copy["paths"].values():
        for record in entry["steps"].values():
            record.get("notes", []).sort(key=lambda note: (note["at"], note["id"]))
    return json.dumps(copy, sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(WITH_RESETS)
def test_the_merge_is_commutative_associative_and_idempotent(history):
    a, b, c = _play(history)
    ab = merged(a, b)
    assert _same_progress(ab) == _same_progress(merged(b, a))
    assert _same_progress(merged(ab, c)) == _same_progress(merged(a, merged(b, c)))
    assert merged(ab, a) == ab and merged(ab, b) == ab and merged(ab, ab) == ab
    assert progress_document.parse(progress_document.serialize(ab), "merged") == ab  # still a valid document


@settings(max_examples=300, deadline=None)
@given(WITH_RESETS)
def test_two_machines_merging_the_same_two_files_write_the_same_bytes(history):
    a, b, _ = _play(history)
    assert progress_document.serialize(merged(a, b)) == progress_document.serialize(merged(a, b))
    assert progress_document.serialize(merged(merged(a, b), b)) == progress_document.serialize(merged(a, b))


@settings(max_examples=300, deadline=None)
@given(HISTORY)
def test_the_latest_status_wins_and_no_note_is_lost_or_brought_back(history):
    a, b, _ = _play(history)
    result = merged(a, b)
    goals = [goal for goal in (document["paths"].get(PATH.id, {}).get("goal") for document in (a, b)) if goal]
    if goals:  # the goal set (or cleared) last wins; two of the same second are decided by content
        latest = max(_at(goal, "set_at") for goal in goals)
        assert result["paths"][PATH.id]["goal"] in [goal for goal in goals if _at(goal, "set_at") == latest]
    for step in STEPS:
        records = [Progress(document, PATH.id).record(step) for document in (a, b)]
        got = Progress(result, PATH.id)
        last_change = [max((_at(record, key) for key in _CHANGES), default=_EARLY) for record in records]
        if max(last_change) > _EARLY:
            # The latest change wins; two changes in the same second are decided by content, either way.
            latest = {
                record["status"] for record, at in zip(records, last_change, strict=True) if at == max(last_change)
            }
            assert got.status(step) in latest
        reviews = {review["id"] for record in records for review in record.get("reviews", [])}
        assert {review["id"] for review in got.record(step).get("reviews", [])} == reviews  # the union of the logs
        notes = {note["id"]: note for record in records for note in record.get("notes", [])}
        assert {note["id"] for note in got.record(step).get("notes", [])} == set(notes)
        for note in got.record(step).get("notes", []):
            versions = [n for r in records for n in r.get("notes", []) if n["id"] == note["id"]]
            if any("deleted_at" in version for version in versions):
                assert "deleted_at" in note and "text" not in note
            elif any("edited_at" in version for version in versions):
                assert note["edited_at"] == max((v for v in versions if "edited_at" in v), key=_edited)["edited_at"]


_CHANGES = ("started_at", "done_at", "skipped_at", "undone_at")
_EARLY = datetime.min.replace(tzinfo=timezone.utc)


def _at(record: dict, key: str) -> datetime:
    return datetime.fromisoformat(record[key]) if key in record else _EARLY


def _edited(note: dict) -> datetime:
    return datetime.fromisoformat(note["edited_at"])


def test_equal_times_are_decided_by_content_the_same_way_in_either_order():
    done = {"version": 2, "paths": {"p": {"steps": {"s": {"status": "done", "done_at": "2026-01-26T14:30:00+00:00"}}}}}
    skipped = {
        "version": 2,
        "paths": {"p": {"steps": {"s": {"status": "skipped", "skipped_at": "2026-01-26T15:30:00+01:00"}}}},
    }
    assert merged(done, skipped)["paths"] == merged(skipped, done)["paths"]


def test_the_kept_document_decides_the_path_in_use_and_unknown_keys_are_kept():
    kept = {"version": 2, "active_path": "mine", "paths": {}, "theme": "dark"}
    other = {
        "version": 2,
        "active_path": "theirs",
        "future": 1,
        "paths": {
            "gone-path": {"steps": {"old-step": {"status": "done", "done_at": "2026-01-26T14:30:00+00:00", "x": 1}}}
        },
    }
    result = merged(kept, other)
    assert result["active_path"] == "mine"
    assert (result["theme"], result["future"]) == ("dark", 1)
    assert result["paths"]["gone-path"]["steps"]["old-step"]["x"] == 1


@pytest.mark.parametrize("order", [0, 1])
def test_counts_are_steps_changed_and_notes_new(order):
    note = {"id": "n1", "text": "hi", "at": "2026-01-26T14:30:00+00:00"}
    kept = {"version": 2, "paths": {"p": {"steps": {"s": {"status": "todo", "notes": [note]}}}}}
    other = {
        "version": 2,
        "paths": {
            "p": {
                "steps": {
                    "s": {"status": "done", "done_at": "2026-01-26T14:31:00+00:00", "notes": [dict(note)]},
                    "t": {"status": "todo", "notes": [{"id": "n2", "text": "new", "at": "2026-01-26T14:32:00+00:00"}]},
                }
            }
        },
    }
    documents = [kept, other] if order == 0 else [other, kept]
    counts = merge_into(*json.loads(json.dumps(documents)))
    assert (len(counts.steps), counts.notes) == ((2, 1) if order == 0 else (0, 0))


def test_a_deletion_beats_an_edit_made_later_elsewhere_and_a_later_edit_beats_an_earlier():
    note = {"id": "n1", "text": "first", "at": "2026-01-26T14:30:00+00:00"}
    deleted = {"id": "n1", "at": note["at"], "deleted_at": "2026-01-26T14:31:00+00:00"}
    edited = {**note, "text": "second", "edited_at": "2026-01-26T14:40:00+00:00"}
    edited_later = {**note, "text": "third", "edited_at": "2026-01-26T15:40:00+01:00"}  # 14:40 UTC: a tie

    def document(*notes):
        return {"version": 2, "paths": {"p": {"steps": {"s": {"status": "todo", "notes": list(notes)}}}}}

    def only_note(result):
        return result["paths"]["p"]["steps"]["s"]["notes"]

    for first, second in [(deleted, edited), (edited, deleted), (note, deleted)]:
        assert only_note(merged(document(first), document(second))) == [deleted]
    tie = [only_note(merged(document(a), document(b))) for a, b in [(edited, edited_later), (edited_later, edited)]]
    assert tie[0] == tie[1] and len(tie[0]) == 1
    assert only_note(merged(document(note), document(edited))) == [edited]


@settings(max_examples=200, deadline=None)
@given(WITH_RESETS)
def test_nothing_dated_before_the_latest_reset_comes_back(history):
    documents = _play(history)
    result = merged(merged(documents[0], documents[1]), documents[2])
    entry = result["paths"].get(PATH.id)
    if not entry or "reset_at" not in entry:
        return
    reset = datetime.fromisoformat(entry["reset_at"])
    for record in entry["steps"].values():
        assert all(datetime.fromisoformat(note["at"]) >= reset for note in record.get("notes", ()))
        if record["status"] != TODO:
            dates = [
                datetime.fromisoformat(record[key]) for key in ("started_at", "done_at", "skipped_at") if key in record
            ]
            assert max(dates) >= reset
