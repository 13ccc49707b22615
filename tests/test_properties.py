"""Properties, with Hypothesis: the store agrees with a simple model through any sequence of commands,
and no argument or note text ever causes a traceback or a change when refused."""

import os
import shutil
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pathcli import actions
from pathcli.domain.model import DONE, SKIPPED, TODO, Progress
from pathcli.errors import PathcliError
from pathcli.store import catalog, storage

PATH = catalog.load("transformers")
IDS = [step.id for step in PATH.steps]
# Steps 1 and 2 are named most often, by number or id, so that sequences on one step (note, done,
# undo) are common; one reference in five is invalid.
VALID_REFS = st.sampled_from(["1", "1", "2", "2", IDS[0], IDS[1], "3", "4", "5", "6", *IDS[2:]])
INVALID_REFS = st.one_of(st.sampled_from(["0", "7", "-1", "", " ", "2.0", "x", "¹"]), st.text(max_size=5))
ANY_REF = st.integers(0, 4).flatmap(lambda n: INVALID_REFS if n == 0 else VALID_REFS)
NOTE_TEXT = st.text(min_size=0, max_size=40)


def _step_id(ref: str) -> str | None:
    """What the model takes a reference to mean."""
    ref = ref.strip()
    if ref.isascii() and ref.isdigit():
        return IDS[int(ref) - 1] if 1 <= int(ref) <= 6 else None
    return ref if ref in IDS else None


class TrackerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = tempfile.mkdtemp()
        self.saved_env = os.environ.get("PATHCLI_DATA_DIR")
        os.environ["PATHCLI_DATA_DIR"] = self.folder
        self.status = dict.fromkeys(IDS, TODO)
        self.notes = {step_id: [] for step_id in IDS}
        self.goal = None

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.saved_env is None:
            os.environ.pop("PATHCLI_DATA_DIR", None)
        else:
            os.environ["PATHCLI_DATA_DIR"] = self.saved_env

    def _mark(self, refs, status):
        targets = [_step_id(ref) for ref in refs]
        try:
            actions.mark(None, refs, status)
        except PathcliError:
            assert None in targets
            return
        assert None not in targets
        for step_id in targets:
            self.status[step_id] = status

    @rule(refs=st.lists(ANY_REF, min_size=1, max_size=3))
    def done(self, refs):
        self._mark(refs, DONE)

    @rule(refs=st.lists(ANY_REF, min_size=1, max_size=3))
    def undo(self, refs):
        self._mark(refs, TODO)

    @rule(refs=st.lists(ANY_REF, min_size=1, max_size=3))
    def skip(self, refs):
        self._mark(refs, SKIPPED)

    @rule(ref=ANY_REF)
    def open(self, ref):
        step_id = _step_id(ref)
        try:
            actions.start(None, ref)
        except PathcliError:
            assert step_id is None
            return
        if self.status[step_id] == TODO:
            self.status[step_id] = "started"

    @rule(ref=ANY_REF, text=NOTE_TEXT)
    def note(self, ref, text):
        step_id = _step_id(ref)
        try:
            actions.add_note(None, ref, text)
        except PathcliError:
            assert step_id is None or not text.strip()
            return
        self.notes[step_id].append(text)

    @rule(typed=st.one_of(st.none(), st.sampled_from(["1d", "8w", "30D", "2999-12-31", "0d", "1999-01-01", "x"])))
    def goal(self, typed):
        from datetime import date, timedelta

        try:
            actions.set_goal(None, typed)
        except PathcliError:
            assert typed in ("0d", "1999-01-01", "x")
            return
        today, days = date.today(), {"1d": 1, "8w": 56, "30D": 30}
        self.goal = None if typed is None else today + timedelta(days[typed]) if typed in days else date(2999, 12, 31)

    @precondition(lambda self: any(self.notes.values()) or set(self.status.values()) != {TODO})
    @rule()
    def reset(self):
        actions.reset(None)
        self.status = dict.fromkeys(IDS, TODO)
        self.notes = {step_id: [] for step_id in IDS}

    @invariant()
    def store_agrees_with_the_model_after_a_reload(self):
        progress = Progress(storage.load(), "transformers")
        assert {step.id: progress.status(step) for step in PATH.steps} == self.status
        assert {step.id: [n["text"] for n in progress.notes(step)] for step in PATH.steps} == self.notes
        assert progress.goal() == self.goal  # a reset keeps the goal


TestTracker = TrackerMachine.TestCase
TestTracker.settings = settings(max_examples=120, stateful_step_count=20, deadline=None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(["done", "undo", "skip", "show", "open"]), refs=st.lists(st.text(max_size=8), max_size=3)
)
def test_any_step_arguments_never_traceback_and_refusals_change_nothing(run, data_dir, command, refs):
    before = (data_dir / "progress.json").read_bytes() if (data_dir / "progress.json").exists() else None
    result = run(command, *refs)
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code != 0:
        after = (data_dir / "progress.json").read_bytes() if (data_dir / "progress.json").exists() else None
        assert after == before
        assert "Traceback" not in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_note_text_is_stored_trimmed_or_refused(run_json, run, text):
    before = run_json("show", "2")["notes"]
    result = run("note", "2", "--", text)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    after = run_json("show", "2")["notes"]
    if text.strip() and text != "-":
        assert result.exit_code == 0
        assert after[-1]["text"] == text.strip() and len(after) == len(before) + 1
    else:
        assert after == before
