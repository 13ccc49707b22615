"""Notes keep their id for life; an edit keeps the note's time, a delete leaves a tombstone."""

import pytest

from pathcli.domain.model import Progress
from pathcli.errors import PathcliError
from pathcli.store import catalog

PATH = catalog.load("transformers")
STEP = PATH.steps[1]


def test_edit_and_delete_keep_the_id_and_leave_a_tombstone():
    document = {"version": 2, "paths": {}}
    progress = Progress(document, PATH.id)
    first = progress.add_note(STEP, "first", "2026-01-01T09:00:00+00:00")
    twin = progress.add_note(STEP, "first", "2026-01-01T09:00:00+00:00")
    assert first["id"] != twin["id"]
    edited = progress.edit_note(STEP, 1, "better", "2026-01-02T09:00:00+00:00")
    assert (edited["id"], edited["at"], edited["edited_at"]) == (
        first["id"],
        "2026-01-01T09:00:00+00:00",
        "2026-01-02T09:00:00+00:00",
    )
    progress.delete_note(STEP, 1, "2026-01-03T09:00:00+00:00")
    assert [note["id"] for note in progress.notes(STEP)] == [twin["id"]]
    stored = document["paths"][PATH.id]["steps"][STEP.id]["notes"]
    assert stored[0] == {
        "id": first["id"],
        "at": "2026-01-01T09:00:00+00:00",
        "deleted_at": "2026-01-03T09:00:00+00:00",
    }
    with pytest.raises(PathcliError, match="no note 2 on step 2: it has notes 1-1"):
        progress.edit_note(STEP, 2, "x", "2026-01-04T09:00:00+00:00")
