"""Conflict copies of progress.json from sync services: recognised by name and content, merged on every
change and by `pathcli sync`, moved into conflicts-merged/, and nothing lost on the way."""

import json
import os
import re
import shutil
import time
from itertools import count
from pathlib import Path

import pytest

from pathcli import actions
from pathcli.store import conflicts, fsutil
from pathcli.store.conflicts import service_of

# A copy of each service's naming, as `progress.json` of another machine would be named beside ours.
COPY_NAMES = {
    "Syncthing": [
        "progress.sync-conflict-20260126-143012-ABCDEFG.json",
        "progress.sync-conflict-20260126-143012.json",  # versions before the device id
        "progress.sync-conflict-20260126-143012-ABCDEFG.sync-conflict-20260127-080000-HIJKLM2.json",
    ],
    "Dropbox": [
        "progress (DESKTOP-ABC's conflicted copy 2026-01-26).json",
        "progress (DESKTOP-ABC's conflicted copy 2026-01-26 (1)).json",
        "progress (Copie en conflit de DESKTOP-ABC 2026-01-26).json",
        "progress (In Konflikt stehende Kopie von DESKTOP-ABC 2026-01-26).json",
        "progress (Copia in conflitto di DESKTOP-ABC 2026-01-26).json",
        "progress (Case Conflict).json",
        "progress (Case Conflict 1).json",
    ],
    "Nextcloud/ownCloud": [
        "progress (conflicted copy alice 2026-01-26 143012).json",
        "progress (conflicted copy alice.smith 2026-01-26 143012).json",
        "progress (conflicted copy 2026-01-26 143012).json",
        "progress_conflict-20260126-143012.json",
        "progress (case clash from 2026-01-26 143012).json",
    ],
    "Seafile": ["progress (SFConflict bob@example.com 2026-01-26-14-30-12).json"],
    "Resilio Sync": ["progress.Conflict.json", "progress.Conflict.Conflict.json"],
    "iCloud Drive": ["progress 2.json", "progress 2 2.json"],
    "OneDrive": ["progress-DESKTOP-ABC.json", "progress-DESKTOP-ABC-2.json", "progress-laptop.json"],
    "Google Drive": ["progress (1).json", "progress (1) (1).json"],
}
NOT_COPIES = [
    "progress.json",
    "progress.json.lock",
    ".syncthing.progress.json.tmp",
    "~syncthing~progress.json.tmp",
    ".progress.json.icloud",
    ".progress 2.json.icloud",
    "progress (1).json.tmp",
    "progress.json.sync-conflict-20260126-143012-ABCDEFG",
    "progress2.json",
    "progressive.json",
    "Progress 2.json",
    "notes (1).json",
    "progress (1).yaml",
    "progress.json~",
    f"{fsutil.temp_name(fsutil.Path('progress.json'))}1234.deadbeef{fsutil.TEMP_SUFFIX}",
]


@pytest.mark.parametrize(("name", "service"), [(n, s) for s, names in COPY_NAMES.items() for n in names])
def test_each_services_copy_is_recognised_by_its_name(name, service):
    assert service_of(name) == service


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_files_and_temporary_files_are_not_copies(name):
    assert service_of(name) is None


def test_a_copy_of_a_copy_is_named_after_the_first_service():
    assert service_of("progress (1).sync-conflict-20260126-143012-ABCDEFG.json") == "Google Drive"
    assert service_of("progress-DESKTOP.sync-conflict-20260126-143012-ABCDEFG.json") == "OneDrive"


@pytest.fixture
def settled(monkeypatch):
    """Copies count as settled at once (the real wait, SETTLE_SECONDS, is tested on its own)."""
    monkeypatch.setattr(conflicts, "SETTLE_SECONDS", 0)


@pytest.fixture
def clock(monkeypatch):
    """Each change of progress happens a second after the one before, so that 'latest' is clear."""
    ticks = count()
    monkeypatch.setattr(actions, "now", lambda: f"2026-01-26T14:{next(ticks):02d}:00+00:00")


def _progress(folder) -> dict:
    return json.loads((folder / "progress.json").read_text())


def test_done_when_two_machines_reconcile_through_copies_of_every_service(
    run, run_json, tmp_path, monkeypatch, settled, clock
):
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"

    def on(folder, *args):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(folder))
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        return result

    on(laptop, "done", "1")
    on(desktop, "done", "2")
    on(laptop, "note", "1", "laptop: the first note")
    on(desktop, "note", "2", "desktop: the second note")
    on(laptop, "skip", "3")
    on(desktop, "skip", "1")  # after the laptop's done: the skip wins
    on(desktop, "note", "1", "desktop: on step one")
    on(laptop, "done", "3")  # after its own skip: done wins
    names = [names[0] for names in COPY_NAMES.values()]
    for name in names:  # each machine's file beside the other's, under every service's name
        for source, target in ((laptop, desktop), (desktop, laptop)):
            shutil.copy(source / "progress.json", target / name)
    # and two that must not be lost: one unreadable, one still being written
    (laptop / "progress (2).json").write_text('{"version": 2, "paths": {"transformers": ')
    first = on(laptop, "sync")
    assert f"Merged {len(names)} copies from the sync service" in first.stdout
    assert "progress (2).json (Google Drive): cannot read" in first.stdout
    on(desktop, "sync")
    assert _progress(laptop)["paths"] == _progress(desktop)["paths"]
    for folder in (laptop, desktop):
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(folder))
        statuses = [step["status"] for step in run_json("list")]
        assert statuses[:3] == ["skipped", "done", "done"]
        notes = {note["text"] for step in run_json("notes") for note in step["notes"]}
        assert notes == {"laptop: the first note", "desktop: the second note", "desktop: on step one"}
        assert sorted(os.listdir(folder / "conflicts-merged")) == sorted(
            f"{name[: -len('.json')]}.merged-on-{conflicts._machine_name()}.json" for name in names
        )
    assert (laptop / "progress (2).json").read_text() == '{"version": 2, "paths": {"transformers": '


def test_every_change_merges_the_waiting_copies_and_says_so_on_stderr(run, run_json, data_dir, settled, clock):
    run("note", "4", "mine")
    other = {
        "version": 2,
        "paths": {
            "transformers": {
                "steps": {
                    "the-transformer-model": {
                        "status": "done",
                        "done_at": "2026-01-26T15:00:00+00:00",
                        "notes": [{"id": "x1", "text": "theirs", "at": "2026-01-26T15:00:00+00:00"}],
                    }
                }
            }
        },
    }
    (data_dir / "progress.sync-conflict-20260126-150000-ABCDEFG.json").write_text(json.dumps(other))
    result = run("done", "1")
    assert result.exit_code == 0
    assert (
        result.stderr
        == "Merged 1 copy from the sync service: 1 step's progress, 1 note; the copies are in conflicts-merged/\n"
    )
    assert run_json("show", "2")["status"] == "done"
    assert [note["text"] for note in run_json("show", "2")["notes"]] == ["theirs"]
    assert run("done", "5").stderr == ""  # nothing left to merge: nothing said


def test_a_read_command_mentions_waiting_copies_and_changes_nothing(run, data_dir, settled):
    run("done", "1")
    shutil.copy(data_dir / "progress.json", data_dir / "progress 2.json")
    before = {name: (data_dir / name).stat().st_mtime_ns for name in os.listdir(data_dir)}
    result = run("list", "--json")
    assert json.loads(result.stdout)
    assert "1 conflict copy of progress.json from iCloud Drive waits to be merged" in result.stderr
    assert {name: (data_dir / name).stat().st_mtime_ns for name in os.listdir(data_dir)} == before


def test_a_copy_still_being_written_waits_for_a_later_command(run, data_dir):
    run("done", "1")
    shutil.copy(data_dir / "progress.json", data_dir / "progress (1).json")  # changed just now
    result = run("sync", "--json")
    assert json.loads(result.stdout)["copies"][0]["state"] == "being written"
    assert (data_dir / "progress (1).json").exists()
    found = conflicts.find(data_dir, time.time() + conflicts.SETTLE_SECONDS + 1)
    assert [copy.state for copy in found] == [None]  # once it has settled it is merged
    assert conflicts.find(data_dir, time.time() - conflicts.SETTLE_SECONDS - 1)[0].state is None  # a clock ahead


def test_sync_json_reports_each_copy_and_a_newer_format_is_left_alone(run, data_dir, settled):
    run("done", "1")
    shutil.copy(data_dir / "progress.json", data_dir / "progress (1).json")
    (data_dir / "progress-DESKTOP-ABC.json").write_text('{"version": 99, "paths": {}}')
    (data_dir / "progress-DESKTOP-XYZ.json").mkdir()  # not a file: not a copy
    report = json.loads(run("sync", "--json").stdout)
    assert report["merged"] == 1
    copies = {copy["name"]: copy for copy in report["copies"]}
    assert copies["progress (1).json"]["state"] == "merged"
    assert copies["progress (1).json"]["moved_to"].startswith("conflicts-merged/progress (1).merged-on-")
    assert copies["progress-DESKTOP-ABC.json"]["state"] == "unreadable"
    assert "newer pathcli" in copies["progress-DESKTOP-ABC.json"]["reason"]
    assert set(copies) == {"progress (1).json", "progress-DESKTOP-ABC.json"}
    assert (data_dir / "progress-DESKTOP-ABC.json").read_text() == '{"version": 99, "paths": {}}'


def test_sync_with_nothing_to_merge_creates_nothing(run, data_dir):
    result = run("sync")
    assert result.exit_code == 0 and "No conflict copies" in result.stdout
    assert not data_dir.exists()
    assert run("sync", "--json").stdout and json.loads(run("sync", "--json").stdout)["copies"] == []


def test_moving_aside_never_overwrites_and_a_failed_change_moves_nothing(run, data_dir, settled):
    run("done", "1")
    merged = data_dir / "conflicts-merged"
    merged.mkdir()
    taken = merged / f"progress (1).merged-on-{conflicts._machine_name()}.json"
    taken.write_text("an earlier copy")
    shutil.copy(data_dir / "progress.json", data_dir / "progress (1).json")
    assert run("done", "99").exit_code == 1  # refused: nothing written, nothing moved
    assert (data_dir / "progress (1).json").exists()
    assert run("done", "2").exit_code == 0
    assert taken.read_text() == "an earlier copy"
    assert (merged / f"progress (1).merged-on-{conflicts._machine_name()}-2.json").exists()
    assert not (data_dir / "progress (1).json").exists()


def test_a_copy_that_changed_after_it_was_read_is_not_moved(data_dir, settled):
    data_dir.mkdir()
    copy_file = data_dir / "progress (1).json"
    copy_file.write_text('{"version": 2, "paths": {}}')
    (found,) = conflicts.find(data_dir, time.time())
    copy_file.write_text('{"version": 2, "paths": {}, "changed": true}')
    conflicts.Absorbed([found], set(), 0).set_aside(data_dir)
    assert copy_file.exists()
    assert conflicts.take_report().outcomes["progress (1).json"].state == conflicts.NOT_MOVED


def test_import_still_counts_what_it_merged(run, tmp_path, data_dir, clock):
    run("done", "1")
    run("note", "1", "exported")
    export = tmp_path / "export.json"
    run("export", "-o", str(export))
    (data_dir / "progress.json").unlink()  # as on a new machine
    result = run("import", str(export))
    assert result.stdout.endswith(": 0 paths installed, 1 steps' progress, 1 notes\n")


def test_a_reset_or_purge_stays_when_an_older_copy_is_merged(run, run_json, tmp_path, data_dir, clock):
    """reset and path remove --purge leave each step todo as of then and each note a tombstone, so that an older
    conflict copy (or export) brings none of it back; importing the export says how to restore it anyway."""
    run("done", "1")
    run("note", "1", "private thoughts")
    export = tmp_path / "export.json"
    run("export", "-o", str(export))
    older = (data_dir / "progress.json").read_bytes()
    assert run("reset", "--yes").exit_code == 0
    (data_dir / "progress (1).json").write_bytes(older)
    os.utime(data_dir / "progress (1).json", (time.time() - 60, time.time() - 60))
    assert run("sync").exit_code == 0
    assert run_json("show", "1")["status"] == "todo" and run_json("show", "1")["notes"] == []
    assert "private thoughts" not in (data_dir / "progress.json").read_text(encoding="utf-8")
    result = run("import", str(export))
    assert ": 0 paths installed, 0 steps' progress, 0 notes" in result.stdout and "import --replace" in result.stderr
    assert run("import", "--replace", "--yes", str(export)).exit_code == 0
    assert run_json("show", "1")["status"] == "done"


def test_every_name_in_the_guide_table_is_recognised_as_its_service():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide.md").read_text(encoding="utf-8")
    table = guide.split("| Service | Name of the copy |")[1].split("\n\n")[0]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    for service, names in ((row[0].strip("| "), row[1]) for row in rows):
        for name in re.findall(r"`(progress[^`]*\.json)`", names):
            if "..." not in name:
                assert service_of(name) is not None and service.startswith(service_of(name).split("/")[0]), name


def test_a_step_that_two_copies_change_counts_once(run, data_dir, settled):
    run("note", "1", "mine")
    for name, minute in (("progress (1).json", 10), ("progress 2.json", 20)):
        other = {
            "version": 2,
            "paths": {
                "transformers": {
                    "steps": {
                        "transformers-from-scratch": {"status": "done", "done_at": f"2030-01-01T00:{minute}:00+00:00"}
                    }
                }
            },
        }
        (data_dir / name).write_text(json.dumps(other))
    result = run("sync")
    assert "Merged 2 copies from the sync service: 1 step's progress, 0 notes" in result.stdout
