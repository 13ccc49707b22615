"""The progress file is never lost: unreadable, newer or odd files and folders are refused, not overwritten."""

import json
import os
import subprocess
import sys

import pytest
from conftest import lock_held_elsewhere

from pathcli.errors import PathcliError
from pathcli.store import document as progress_document
from pathcli.store import fsutil, storage

VALID = json.dumps({"version": 1, "paths": {"transformers": {"steps": {"the-transformer-model": {"status": "done"}}}}})

UNREADABLE = {
    "bad JSON": (b'{"version": 1, "paths": {', "not valid JSON"),
    "truncated": (VALID.encode()[: len(VALID) // 2], "not valid JSON"),
    "empty": (b"", "the file is empty"),
    "only whitespace": (b"  \n", "the file is empty"),
    "not UTF-8": (b'{"version": 1, "paths": {}, "x": "\xff\xfe"}', "not UTF-8"),
    "a list": (b"[1, 2]", "the top level is not an object"),
    "no version": (b'{"paths": {}}', "'version' is None"),
    "old version": (b'{"version": 0, "paths": {}}', "'version' is 0"),
    "bad status": (
        b'{"version": 1, "paths": {"transformers": {"steps": {"x": {"status": "finished"}}}}}',
        "status 'finished'",
    ),
    "bad note": (
        b'{"version": 1, "paths": {"transformers": {"steps": {"x": {"status": "todo", "notes": [{"text": 1}]}}}}}',
        "note 1 needs",
    ),
    "bad date": (
        b'{"version": 1, "paths": {"transformers": {"steps": {"x": {"status": "done", "done_at": "soon"}}}}}',
        "done_at is not an ISO 8601 time",
    ),
}


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_an_unreadable_file_is_refused_by_every_command_and_kept_byte_for_byte(run, data_dir, kind):
    content, reason = UNREADABLE[kind]
    data_dir.mkdir()
    file = data_dir / "progress.json"
    file.write_bytes(content)
    for command in (["list"], ["next"], ["done", "1"], ["note", "1", "x"], ["reset", "--yes"], ["progress"]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stderr.count("\n") == 1
        assert str(file) in result.stderr and reason in result.stderr
        assert "will not change it" in result.stderr
        assert "Traceback" not in result.stderr
    assert file.read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == ["progress.json"]  # refused: not even a lock file


def test_a_newer_format_is_never_written_over(run, data_dir):
    data_dir.mkdir()
    file = data_dir / "progress.json"
    newer = b'{"version": 3, "paths": {}, "something": "new"}'
    file.write_bytes(newer)
    for command in (["list"], ["done", "1"], ["note", "1", "x"], ["undo", "1"]):
        result = run(*command)
        assert result.exit_code == 1
        assert "written by a newer pathcli (format 3" in result.stderr
    assert file.read_bytes() == newer


def test_unknown_keys_of_the_same_version_are_kept(run, data_dir):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps({"version": 1, "paths": {}, "synced_by": "me"}))
    assert run("done", "1").exit_code == 0
    assert json.loads((data_dir / "progress.json").read_text())["synced_by"] == "me"


def test_a_data_folder_that_is_a_file(run, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("mine")
    for data_dir in (blocker, blocker / "under"):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(data_dir))
        for command in (["done", "1"], ["list"]):
            result = run(*command)
            assert result.exit_code == 1, (data_dir, command)
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert blocker.read_text() == "mine"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_data_folder_that_cannot_be_created(run, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(locked / "data"))
    result = run("done", "1")
    assert result.exit_code == 1
    assert "cannot create" in result.stderr


def test_a_lock_held_too_long_gives_a_message_not_a_hang(run, data_dir, monkeypatch):
    data_dir.mkdir()
    with lock_held_elsewhere(data_dir / "progress.json.lock"):
        monkeypatch.setattr(storage, "LOCK_TIMEOUT_SECONDS", 0.3)
        result = run("done", "1")
        assert result.exit_code == 1
        assert "another pathcli has held" in result.stderr and "try again" in result.stderr
    assert run("done", "1").exit_code == 0


def test_another_process_holding_the_lock_excludes_a_writer_until_it_lets_go(data_dir):
    """The lock excludes another process (not only another thread): a writer waits, then goes on."""
    data_dir.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, fasteners; l = fasteners.InterProcessLock(sys.argv[1]); l.acquire();"
            " print('held', flush=True); sys.stdin.readline(); l.release(); print('released', flush=True)",
            str(data_dir / "progress.json.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        writer = subprocess.Popen([sys.executable, "-m", "pathcli", "done", "1"], stdout=subprocess.DEVNULL)
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=1)  # still waiting for the lock
        assert not (data_dir / "progress.json").exists()
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        assert writer.wait(timeout=30) == 0
        assert storage.load()["paths"]["transformers"]["steps"]["transformers-from-scratch"]["status"] == "done"
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_at_the_lock_file_is_refused_not_followed(run, data_dir, tmp_path):
    data_dir.mkdir()
    target = tmp_path / "elsewhere"
    target.write_text("not pathcli's")
    (data_dir / "progress.json.lock").symlink_to(target)
    result = run("done", "1")
    assert result.exit_code == 1
    assert "cannot lock" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "not pathcli's"
    assert not (data_dir / "progress.json").exists()


def test_stale_temporary_files_are_cleaned_by_the_next_write(run, data_dir):
    run("done", "1")
    stale = data_dir / f"{fsutil.temp_name(data_dir / 'progress.json')}1234.deadbeef.tmp"
    stale.write_text("half a file")
    run("done", "2")
    assert not stale.exists()
    assert json.loads((data_dir / "progress.json").read_text())["version"] == progress_document.FORMAT_VERSION


HOSTILE = [
    "x" * (1 << 20),
    "line one\nline two\n\ttabbed",
    "emoji 🧠🚀 and a right-to-left mark \u200f and عربي",
    "\x1b[2J\x1b]0;title\x07 escape sequences \x9b31m",
    "[bold red]markup[/] [/b] :smile:",
    "\u202eoverride\u202c",
]


@pytest.mark.parametrize("text", HOSTILE, ids=["1MiB", "newlines", "emoji-rtl", "escapes", "markup", "bidi"])
def test_hostile_notes_are_stored_exactly_and_shown_defused(run, run_json, text):
    assert run("note", "3", text).exit_code == 0
    assert run_json("show", "3")["notes"][0]["text"] == text
    for command in (["show", "3"], ["notes"], ["export", "--format", "markdown"]):
        out = run(*command).stdout
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), command
    if text.startswith("["):
        assert text in run("notes").stdout


def test_the_file_is_replaced_never_written_in_place(run, data_dir):
    run("done", "1")
    before = os.stat(data_dir / "progress.json").st_ino
    run("done", "2")
    assert os.stat(data_dir / "progress.json").st_ino != before


FORMAT_1 = {
    "version": 1,
    "active_path": "transformers",
    "paths": {
        "transformers": {
            "steps": {
                "the-transformer-model": {
                    "status": "done",
                    "done_at": "2026-01-02T10:00:00+01:00",
                    "notes": [
                        {"text": "first", "at": "2026-01-01T09:00:00+01:00"},
                        {"text": "second", "at": "2026-01-01T09:00:00+01:00"},
                    ],
                }
            }
        }
    },
}


def test_format_1_is_read_and_written_back_as_format_2_with_the_same_note_ids_everywhere(run, run_json, data_dir):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps(FORMAT_1))
    assert [note["text"] for note in run_json("show", "2")["notes"]] == ["first", "second"]
    assert json.loads((data_dir / "progress.json").read_text())["version"] == 1, "a read never writes"
    assert run("done", "1").exit_code == 0
    written = json.loads((data_dir / "progress.json").read_text())
    assert written["version"] == 2
    notes = written["paths"]["transformers"]["steps"]["the-transformer-model"]["notes"]
    ids = [note["id"] for note in notes]
    assert len(set(ids)) == 2
    # Another machine migrating its own copy of the same file gives every note the same id.
    assert [
        note["id"]
        for note in progress_document.parse(json.dumps(FORMAT_1).encode(), "copy")["paths"]["transformers"]["steps"][
            "the-transformer-model"
        ]["notes"]
    ] == ids


@pytest.mark.parametrize(
    ("note", "problem"),
    [
        ({"text": "no id", "at": "2026-01-01T09:00:00+00:00"}, "needs an 'id'"),
        ({"id": "a", "at": "2026-01-01T09:00:00+00:00"}, "needs its 'text'"),
        ({"id": "a", "at": "2026-01-01T09:00:00+00:00", "deleted_at": "later"}, "'deleted_at' that is not"),
        ({"id": "a", "text": "x", "at": "2026-01-01T09:00:00+00:00", "edited_at": 5}, "'edited_at' that is not"),
    ],
)
def test_format_2_notes_are_checked(note, problem):
    document = {"version": 2, "paths": {"p": {"steps": {"s": {"status": "todo", "notes": [note]}}}}}
    with pytest.raises(PathcliError, match=problem):
        progress_document.parse(json.dumps(document).encode(), "progress.json")
