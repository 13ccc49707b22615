"""A hostile review of the sync-conflict merging and the writers behind it: data folders with links and odd
files, copies that arrive where pathcli did not look, and what a careless user does next."""

import json
import os
import shutil

import pytest

from pathcli.store import conflicts


@pytest.fixture
def settled(monkeypatch):
    monkeypatch.setattr(conflicts, "SETTLE_SECONDS", 0)


def test_copies_beside_a_linked_progress_file_are_merged_where_the_service_left_them(
    run, run_json, tmp_path, data_dir, settled
):
    """progress.json linked into a synced folder elsewhere: the service writes its copies there."""
    synced = tmp_path / "Sync"
    synced.mkdir()
    run("note", "1", "mine")
    shutil.move(data_dir / "progress.json", synced / "pathcli.json")
    os.symlink(synced / "pathcli.json", data_dir / "progress.json")
    theirs = json.loads((synced / "pathcli.json").read_text())
    step = theirs["paths"]["transformers"]["steps"]["transformers-from-scratch"]
    step["notes"].append({"id": "laptop1", "text": "from the laptop", "at": "2026-01-02T10:00:00+00:00"})
    copy_name = "pathcli.sync-conflict-20260126-143012-ABCDEFG.json"
    (synced / copy_name).write_text(json.dumps(theirs))

    report = run_json("sync")
    assert [copy["state"] for copy in report["copies"]] == ["merged"]
    assert {note["text"] for note in run_json("show", "1")["notes"]} == {"mine", "from the laptop"}
    assert os.path.islink(data_dir / "progress.json")  # still written through the link
    assert not (synced / copy_name).exists()
    assert len(os.listdir(synced / "conflicts-merged")) == 1
    assert report["copies"][0]["moved_to"].startswith(f"{(synced / 'conflicts-merged').as_posix()}/")


AUTHORED = """\
# my own path, kept in my notes
id: foo
title: Foo   # short for now
sections:
  - title: One
    steps:
      - title: Step one
        url: https://example.com/one
      - title: Step two
        url: https://example.com/two
"""


def test_adding_again_the_file_a_linked_path_leads_to_keeps_the_authors_comments(run, tmp_path, data_dir):
    """paths/foo.yaml linked to the author's own file: adding or updating that same file changes nothing
    in it, rather than writing it afresh without its comments."""
    authored = tmp_path / "notes" / "foo.yaml"
    authored.parent.mkdir()
    authored.write_text(AUTHORED)
    assert run("path", "add", str(authored)).exit_code == 0
    authored.write_text((data_dir / "paths" / "foo.yaml").read_text())  # with the source: line it records
    (data_dir / "paths" / "foo.yaml").unlink()
    os.symlink(authored, data_dir / "paths" / "foo.yaml")
    for command in (("path", "add", str(authored)), ("path", "update", "foo")):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
    assert authored.read_text() == f'{AUTHORED}source: "{authored}"\n'
    assert os.path.islink(data_dir / "paths" / "foo.yaml")


def test_a_path_file_linked_to_the_authors_own_is_never_written_into(run, tmp_path, data_dir):
    """Another source with the same id (no --replace needed, the authored file records none), a changed
    source, or check --update: each is refused, and the author's file stays as written."""
    authored = tmp_path / "notes" / "foo.yaml"
    authored.parent.mkdir()
    authored.write_text(AUTHORED)
    (data_dir / "paths").mkdir(parents=True)
    os.symlink(authored, data_dir / "paths" / "foo.yaml")
    other = tmp_path / "other.yaml"
    other.write_text(AUTHORED.replace("Step one", "Someone else's step"))
    for command in (("path", "add", str(other)), ("path", "add", str(authored))):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"pathcli: {data_dir / 'paths' / 'foo.yaml'} is a link to {authored}: pathcli does not write into"
            " your own file; change it there, or remove the link to install a copy\n"
        )
    assert authored.read_text() == AUTHORED
    assert run("--path", "foo", "list").exit_code == 0


def test_two_format_1_notes_of_one_second_and_text_stay_two_through_a_merge(run, run_json, data_dir, settled):
    """Format 1 gave such notes one id, and a merge kept only one of them (deleting one would delete both)."""
    note = {"text": "ok", "at": "2026-01-01T10:00:00+00:00"}
    version_1 = {"version": 1, "paths": {"transformers": {"steps": {"transformers-from-scratch": {
        "status": "done", "done_at": "2026-01-01T10:00:00+00:00", "notes": [note, note, {**note, "text": "more"}]
    }}}}}  # fmt: skip
    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps(version_1))
    (data_dir / "progress (1).json").write_text(json.dumps(version_1))  # the other machine's, the same
    assert run("done", "4").exit_code == 0
    assert [note["text"] for note in run_json("show", "1")["notes"]] == ["ok", "ok", "more"]
    stored = json.loads((data_dir / "progress.json").read_text())["paths"]["transformers"]["steps"]
    ids = [note["id"] for note in stored["transformers-from-scratch"]["notes"]]
    assert len(set(ids)) == 3 and ids[1] == f"{ids[0]}-2"  # as Progress.add_note names a second one


def test_copies_that_would_grow_progress_past_what_pathcli_reads_are_refused_and_change_nothing(
    run, data_dir, settled, monkeypatch
):
    """Two copies each under the cap merge into a document above it: written, it would make every later
    command fail. The change is refused, and nothing is written or moved."""
    from pathcli.store import fsutil

    assert run("note", "1", "mine").exit_code == 0
    before = (data_dir / "progress.json").read_bytes()
    monkeypatch.setattr(fsutil, "MAX_PROGRESS_BYTES", len(before) + 300)
    for number in (1, 2):
        theirs = json.loads(before)
        step = theirs["paths"]["transformers"]["steps"]["transformers-from-scratch"]
        step["notes"].append({"id": f"big{number}", "text": "x" * 200, "at": "2026-01-02T10:00:00+00:00"})
        (data_dir / f"progress ({number}).json").write_text(json.dumps(theirs))
    result = run("done", "2")
    assert result.exit_code == 1
    assert result.stderr.startswith("pathcli: cannot write") and "larger than" in result.stderr
    assert (data_dir / "progress.json").read_bytes() == before
    assert (data_dir / "progress (1).json").exists() and (data_dir / "progress (2).json").exists()
    assert run("list").exit_code == 0


def test_a_progress_file_linked_to_a_folder_not_there_is_refused_not_started_afresh(run, tmp_path, data_dir):
    """A link into a synced folder or drive that is not mounted: no empty view, no new file over there."""
    data_dir.mkdir()
    unmounted = tmp_path / "mnt" / "nas" / "progress.json"
    os.symlink(unmounted, data_dir / "progress.json")
    for command in (("list",), ("done", "1"), ("note", "1", "x")):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"pathcli: {data_dir / 'progress.json'} links to {unmounted}, which is not")
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "mnt").exists()


def test_an_imported_status_without_its_date_is_exported_as_markdown_without_one(run, tmp_path, data_dir):
    """A hand-edited export (or copy) may say 'started' without started_at: the store accepts it, and the
    Markdown journal crashed on it from then on."""
    export = {"format": "pathcli-export", "version": 1, "progress": {"version": 2, "paths": {"transformers": {
        "steps": {"transformers-from-scratch": {"status": "started"}, "the-transformer-model": {"status": "done"}}
    }}}}  # fmt: skip
    file = tmp_path / "hand-edited.json"
    file.write_text(json.dumps(export))
    assert run("import", str(file)).exit_code == 0
    result = run("export", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert ", started)" in result.stdout
    assert ", done)" in result.stdout


KILLED_BEFORE_MOVING = """\
import os, signal, sys
from pathcli.store import conflicts
conflicts.SETTLE_SECONDS = 0  # the copy was written a moment ago
conflicts._move_into_merged = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["pathcli", "sync"]
from pathcli.cli import main
main()
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_sync_killed_between_writing_and_moving_the_copy_aside_merges_it_again_harmlessly(
    run, run_json, data_dir, tmp_path, settled
):
    """A real process killed after progress.json is written and before the copy is moved: the next command
    merges the same copy again, which changes nothing, and moves it aside once."""
    import subprocess
    import sys

    run("note", "1", "mine")
    theirs = json.loads((data_dir / "progress.json").read_text())
    theirs["paths"]["transformers"]["steps"]["the-transformer-model"] = {
        "status": "done",
        "done_at": "2026-01-02T10:00:00+00:00",
        "notes": [{"id": "laptop1", "text": "from the laptop", "at": "2026-01-02T10:00:00+00:00"}],
    }
    copy_file = data_dir / "progress (1).json"
    copy_file.write_text(json.dumps(theirs))
    script = tmp_path / "killed.py"
    script.write_text(KILLED_BEFORE_MOVING)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    killed = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, timeout=60)
    assert killed.returncode == -9
    written = (data_dir / "progress.json").read_bytes()
    assert b"from the laptop" in written and copy_file.exists()

    report = run_json("sync")
    assert [copy["state"] for copy in report["copies"]] == ["merged"]
    assert (report["steps"], report["notes"]) == (0, 0)  # nothing new the second time
    assert (data_dir / "progress.json").read_bytes() == written
    assert not copy_file.exists() and len(os.listdir(data_dir / "conflicts-merged")) == 1
