"""Nothing lost in everyday life (issue 20): scenarios through the command line, a learner across data folders.

A whole machine move; a mark that follows its resource through a rename, a removal and a re-import; check
--update then path update; a check with the network down; a reset then an older copy; twenty edits of a note
full of # lines; path show then path add; a note right after done."""

import json
import sys
from datetime import datetime, timedelta

import pytest
import time_machine
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from linkserver import LinkServer  # noqa: E402

MARKDOWN = """\
# Rust

## Basics

- [The Book](https://doc.rust-lang.org/book/)
- [Rustlings](https://github.com/rust-lang/rustlings)
- [By Example](https://doc.rust-lang.org/rust-by-example/)
- [Nomicon](https://doc.rust-lang.org/nomicon/)
"""

YAML = """\
id: rl  # my own path
title: Reinforcement Learning
sections:
  - title: Basics
    steps:
      - title: Bandits
        url: https://example.org/bandits
      - id: mdp
        title: Markov decision processes
        url: https://example.org/mdp
"""


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """Switch to the data folder of another machine (a fresh, empty one the first time a name is used)."""

    def switch(name: str):
        folder = tmp_path / f"machine-{name}"
        monkeypatch.setenv("PATHCLI_DATA_DIR", str(folder))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
        return folder

    return switch


@pytest.fixture
def own_paths(run, tmp_path):
    """A learner's week: a path from Markdown, one from YAML, marks and notes on them and on the bundled one."""
    (tmp_path / "rust.md").write_text(MARKDOWN)
    (tmp_path / "rl.yaml").write_text(YAML)
    assert run("path", "import", str(tmp_path / "rust.md"), "--id", "rust").exit_code == 0
    assert run("path", "add", str(tmp_path / "rl.yaml")).exit_code == 0
    for args in (
        ("-p", "rust", "done", "1", "3"),
        ("-p", "rust", "note", "2", "# Chapter 4\n#todo ownership"),
        ("-p", "rl", "skip", "mdp"),
        ("-p", "rl", "note", "1", "epsilon greedy"),
        ("done", "2"),
        ("note", "3", "the plots"),
        ("use", "rust"),
    ):
        assert run(*args).exit_code == 0, args
    return tmp_path


def _state(run_json) -> dict:
    paths = [{key: value for key, value in row.items() if key != "file"} for row in run_json("paths")]
    return {
        "paths": paths,
        "lists": {row["id"]: run_json("-p", row["id"], "list") for row in paths},
        "notes": {row["id"]: run_json("-p", row["id"], "notes") for row in paths},
    }


# -- 1. an export is a whole backup


def test_a_whole_machine_move_restores_every_path_progress_note_and_the_path_in_use(
    run, run_json, machine, own_paths, tmp_path
):
    before = _state(run_json)
    backup = tmp_path / "backup.json"
    assert run("export", "-o", str(backup)).exit_code == 0
    exported = json.loads(backup.read_text())
    assert sorted(path["id"] for path in exported["paths"]) == ["rl", "rust"]  # the bundled path is not copied
    assert exported["progress"]["active_path"] == "rust"

    machine("new")
    result = run("import", str(backup))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Merged ") and ": 2 paths installed, " in result.stdout
    assert "Installed rl" in result.stderr and "Installed rust" in result.stderr
    assert _state(run_json) == before
    assert run("use", "rust").exit_code == 0
    assert [hit["path"] for hit in run_json("find", "ownership")] == ["rust"]


def test_a_path_removed_since_the_backup_comes_back_and_one_from_elsewhere_is_kept_unless_replace(
    run, run_json, own_paths, tmp_path
):
    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    assert run("path", "remove", "rust", "--yes").exit_code == 0
    other = tmp_path / "other.yaml"
    other.write_text(YAML.replace("Reinforcement Learning", "Another RL"))
    assert run("path", "remove", "rl", "--yes").exit_code == 0
    assert run("path", "add", str(other)).exit_code == 0

    result = run("import", str(backup))
    assert result.exit_code == 0
    assert "Installed rust" in result.stderr
    assert "Kept your path rl: the backup's differs" in result.stderr and "--replace" in result.stderr
    assert [step["status"] for step in run_json("-p", "rust", "list")] == ["done", "todo", "done", "todo"]
    assert run_json("-p", "rl", "progress")["title"] == "Another RL"

    assert run("import", str(backup), "--replace", "--yes").exit_code == 0
    assert run_json("-p", "rl", "progress")["title"] == "Reinforcement Learning"


def test_progress_of_a_path_in_neither_place_is_kept_and_named(run, run_json, own_paths, tmp_path, machine):
    assert run("path", "remove", "rl", "--yes").exit_code == 0  # its progress is kept
    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    machine("new")
    result = run("import", str(backup))
    assert result.exit_code == 0
    assert "The progress of rl is kept, but no path rl is installed here nor in the backup" in result.stderr
    assert "--id rl" in result.stderr
    machine("new")
    run("path", "add", str(own_paths / "rl.yaml"))
    assert [step["status"] for step in run_json("-p", "rl", "list")] == ["todo", "skipped"]


def test_an_export_of_format_1_is_still_read(run, run_json, tmp_path):
    old = {
        "format": "pathcli-export",
        "version": 1,
        "exported_at": "2026-01-01T10:00:00+00:00",
        "progress": {
            "version": 2,
            "paths": {
                "transformers": {
                    "steps": {"the-transformer-model": {"status": "done", "done_at": "2026-01-01T09:00:00+00:00"}}
                }
            },
        },
    }
    (tmp_path / "old.json").write_text(json.dumps(old))
    result = run("import", str(tmp_path / "old.json"))
    assert result.stdout.endswith(": 0 paths installed, 1 steps' progress, 0 notes\n")
    assert run_json("show", "2")["status"] == "done"


def test_a_damaged_path_in_a_backup_refuses_the_import_and_changes_nothing(run, run_json, own_paths, tmp_path, machine):
    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    data = json.loads(backup.read_text())
    data["paths"][0]["yaml"] = "id: rl\ntitle: [\n"
    backup.write_text(json.dumps(data))
    folder = machine("new")
    result = run("import", str(backup))
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not folder.exists()


# -- 2. progress follows its resource


def test_marks_survive_a_rename_then_a_removal_and_a_re_import_here_and_elsewhere(run, run_json, tmp_path, machine):
    machine("home")
    source = tmp_path / "rust.md"
    source.write_text(MARKDOWN)
    run("path", "import", str(source), "--id", "rust")
    assert run("-p", "rust", "done", "1", "2", "3").exit_code == 0
    source.write_text(MARKDOWN.replace("[Rustlings]", "[Rustlings exercises]"))
    assert run("path", "update", "rust").exit_code == 0
    assert run_json("-p", "rust", "progress")["done"] == 3
    assert run("path", "remove", "rust", "--yes").exit_code == 0
    assert run("path", "import", str(source), "--id", "rust").exit_code == 0
    statuses = [(step["title"], step["status"]) for step in run_json("-p", "rust", "list")]
    assert statuses == [
        ("The Book", "done"),
        ("Rustlings exercises", "done"),
        ("By Example", "done"),
        ("Nomicon", "todo"),
    ]
    progress_only = tmp_path / "progress-only.json"
    document = json.loads((tmp_path / "machine-home" / "progress.json").read_text())
    progress_only.write_text(json.dumps({"format": "pathcli-export", "version": 1, "progress": document}))

    machine("laptop")  # imports the progress, then the renamed file
    run("import", str(progress_only))
    assert run("path", "import", str(source), "--id", "rust").exit_code == 0
    assert run_json("-p", "rust", "progress")["done"] == 3


def test_every_record_carries_its_resource_and_a_mark_never_lands_on_another(run, run_json, tmp_path, data_dir):
    run("done", "1")
    records = json.loads((data_dir / "progress.json").read_text())["paths"]["transformers"]["steps"]
    assert all(record["url"].startswith("https://") for record in records.values())
    # progress kept under an id that a re-import now gives to another resource stays aside
    document = json.loads((data_dir / "progress.json").read_text())
    document["paths"]["rust"] = {
        "steps": {
            "rustlings": {"status": "done", "done_at": "2026-01-01T09:00:00+00:00", "url": "https://elsewhere.org/x"}
        }
    }
    (data_dir / "progress.json").write_text(json.dumps(document))
    (tmp_path / "rust.md").write_text(MARKDOWN)
    run("path", "import", str(tmp_path / "rust.md"), "--id", "rust")
    assert run_json("-p", "rust", "progress")["done"] == 0
    kept = json.loads((data_dir / "progress.json").read_text())["paths"]["rust"]["steps"]
    assert kept["rustlings"]["url"] == "https://elsewhere.org/x"  # never dropped


# -- 3. check --update fixes what the learner owns


@pytest.fixture
def server():
    served = LinkServer(slow_seconds=3, retry_after=0).start()
    yield served
    served.stop()


def test_check_update_rewrites_the_learners_yaml_and_path_update_keeps_it(run, run_json, server, tmp_path):
    mine = tmp_path / "web.yaml"
    mine.write_text(
        f"id: web\ntitle: Web\nsections:\n  - title: Links  # mine\n    steps:\n"
        f"      - title: Fine\n        url: {server.base}/ok/1\n      - title: Moved\n        url: {server.base}/moved/2\n"
    )
    run("path", "add", str(mine))
    run("-p", "web", "done", "2")
    result = run("-p", "web", "check", "--timeout", "5", "--update")
    assert result.exit_code == 0 and f"and in your file {mine}" in result.stderr
    assert f"url: {server.base}/ok/2" in mine.read_text() and "# mine" in mine.read_text()
    updated = run("path", "update", "web")
    assert "No step added, removed or renamed" in updated.stdout
    step = run_json("-p", "web", "show", "2")
    assert (step["url"], step["status"]) == (f"{server.base}/ok/2", "done")


def test_check_update_on_a_markdown_path_is_remembered_and_path_update_says_it_kept_it(run, run_json, server, tmp_path):
    source = tmp_path / "web.md"
    source.write_text(f"# Web\n\n- [Fine]({server.base}/ok/1)\n- [Moved]({server.base}/moved/2)\n")
    run("path", "import", str(source))
    run("-p", "web", "done", "2")
    result = run("-p", "web", "check", "--timeout", "5", "--update")
    assert result.exit_code == 0 and "remembered with it" in result.stderr
    updated = run("path", "update", "web")
    assert "kept 1 address fixed by check --update" in updated.stdout
    step = run_json("-p", "web", "show", "2")
    assert (step["url"], step["status"]) == (f"{server.base}/ok/2", "done")
    assert run("path", "update", "web").exit_code == 0  # and again
    assert run_json("-p", "web", "show", "2")["url"] == f"{server.base}/ok/2"


# -- 4. offline is not broken

OFFLINE = """\
id: off
title: Offline
sections:
  - title: Links
    steps:
      - title: One
        url: https://one.pathcli-test.invalid/a
      - title: Two
        url: https://two.pathcli-test.invalid/b
"""


def test_a_check_with_the_network_down_records_nothing_and_exits_3(run, run_json, tmp_path):
    from pathcli.links import linkcache

    (tmp_path / "off.yaml").write_text(OFFLINE)
    run("path", "add", str(tmp_path / "off.yaml"))
    result = run("-p", "off", "check", "--timeout", "2")
    assert result.exit_code == 3
    assert result.stderr.startswith("pathcli: the network seems to be down") and len(result.stderr.splitlines()) == 1
    assert linkcache.load() == {}
    assert "broken" not in run("-p", "off", "list").stdout
    assert not any(step.get("link_broken") for step in run_json("-p", "off", "list"))


def test_one_host_that_does_not_resolve_is_a_broken_site_and_forget_clears_it(run, server, tmp_path):
    from pathcli.links import linkcache

    one_host = OFFLINE.replace("two.pathcli-test.invalid/b", "one.pathcli-test.invalid/b")
    (tmp_path / "off.yaml").write_text(one_host)
    run("path", "add", str(tmp_path / "off.yaml"))
    result = run("-p", "off", "check", "--timeout", "2")
    assert result.exit_code == 1
    assert {entry["result"] for entry in linkcache.load().values()} == {"broken"}
    forgot = run("-p", "off", "check", "--forget")
    assert forgot.exit_code == 0 and forgot.stdout == "Forgot 2 recorded link results of off\n"
    assert linkcache.load() == {}


# -- 5. a reset stays reset


def test_a_reset_stays_reset_across_an_older_copy_and_an_older_export(run, run_json, tmp_path, machine):
    with time_machine.travel(datetime(2026, 3, 1, 9, 0).astimezone(), tick=False):
        machine("laptop")
        run("done", "4")  # a step the other machine never marked
        run("note", "5", "from the laptop")
        older = tmp_path / "laptop.json"
        run("export", "-o", str(older))
        machine("desk")
        run("done", "1")
        run("note", "2", "here")
    with time_machine.travel(datetime(2026, 3, 2, 9, 0).astimezone(), tick=False):
        assert run("reset", "--yes").exit_code == 0
        copy = tmp_path / "machine-desk" / "progress (1).json"
        copy.write_text(json.dumps(json.loads(older.read_text())["progress"]))
        assert run("sync").exit_code == 0
        assert run_json("progress")["done"] == 0 and run_json("notes") == []
        result = run("import", str(older))
        assert result.exit_code == 0 and "Left out 2 marks and notes dated before a reset here" in result.stderr
        assert run_json("progress")["done"] == 0 and run_json("notes") == []
        run("done", "6")  # a mark after the reset is merged as ever
        assert run("import", str(older), "--replace", "--yes").exit_code == 0  # restores it as it is
        assert [step["number"] for step in run_json("list", "--status", "done")] == [4]


# -- 6. editing keeps every line

NOTE = "# Attention\n#todo reread\n\n## Notes\n  indented #tag\n# ------ not the scissors ------\nlast line"


@pytest.fixture
def editor(tmp_path, monkeypatch):
    def use(script: str):
        file = tmp_path / "editor.sh"
        file.write_text("#!/bin/sh\n" + script)
        file.chmod(0o755)
        monkeypatch.setenv("EDITOR", str(file))
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setattr("pathcli.cli.notes.is_terminal", lambda: True)

    return use


def test_twenty_edits_of_a_note_full_of_hash_lines_keep_it_byte_for_byte(run, run_json, editor):
    assert run("note", "3", NOTE).exit_code == 0
    editor("exit 0\n")  # the learner saves without a change
    for _ in range(20):
        assert run("note", "3", "--edit", "1").exit_code == 0
    assert run_json("show", "3")["notes"][0]["text"] == NOTE
    editor('{ printf "#edited\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')  # a line added on top
    for _ in range(20):
        assert run("note", "3", "--edit", "1").exit_code == 0
    assert run_json("show", "3")["notes"][0]["text"] == "#edited\n" * 20 + NOTE


def test_a_new_note_written_in_the_editor_keeps_its_hash_lines(run, run_json, editor):
    editor('{ printf "# Heading\\n#todo\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    assert run("note", "3").exit_code == 0
    assert run_json("show", "3")["notes"][0]["text"] == "# Heading\n#todo"


# -- 7. round trips


def test_path_show_edited_and_added_back_updates_the_same_path_and_becomes_its_source(run, run_json, tmp_path):
    (tmp_path / "rust.md").write_text(MARKDOWN)
    run("path", "import", str(tmp_path / "rust.md"), "--id", "rust")
    run("-p", "rust", "done", "2")
    shown = run("path", "show", "rust").stdout
    mine = tmp_path / "mine.yaml"
    mine.write_text(shown.replace("title: Rustlings\n", "title: Rustlings, the exercises\n"))
    result = run("path", "add", str(mine))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Updated rust") and "Rustlings -> Rustlings, the exercises" in result.stdout
    assert run_json("-p", "rust", "show", "2")["status"] == "done"
    mine.write_text(mine.read_text().replace("title: Nomicon\n", "title: The Nomicon\n"))
    updated = run("path", "update", "rust")  # reads the learner's file now, not the Markdown
    assert "Nomicon -> The Nomicon" in updated.stdout


def test_a_bundled_paths_yaml_is_added_under_another_id_with_an_option_that_exists(run, run_json, tmp_path):
    (tmp_path / "copy.yaml").write_text(run("path", "show", "transformers").stdout)
    refused = run("path", "add", str(tmp_path / "copy.yaml"))
    assert refused.exit_code == 1 and "--id NEW" in refused.stderr
    assert run("path", "add", str(tmp_path / "copy.yaml"), "--id", "mine").exit_code == 0
    assert len(run_json("-p", "mine", "list")) == len(run_json("list"))


def test_another_file_of_the_same_id_is_refused_naming_the_option_path_add_has(run, tmp_path):
    (tmp_path / "rl.yaml").write_text(YAML)
    (tmp_path / "rl2.yaml").write_text(YAML)
    run("path", "add", str(tmp_path / "rl.yaml"))
    refused = run("path", "add", str(tmp_path / "rl2.yaml"))
    assert refused.exit_code == 1 and "--id" in refused.stderr
    assert run("path", "add", str(tmp_path / "rl2.yaml"), "--id", "rl-two").exit_code == 0


# -- 8. notes after finishing


def test_done_with_a_note_saves_both(run, run_json):
    result = run("done", "-m", "Loved the plots")
    assert result.exit_code == 0 and "1. Transformers from Scratch: note saved" in result.stdout
    step = run_json("show", "1")
    assert step["status"] == "done" and [note["text"] for note in step["notes"]] == ["Loved the plots"]
    assert run("done", "2", "--note", " ").exit_code == 1 and run_json("show", "2")["status"] == "todo"


def test_a_note_right_after_done_goes_to_the_step_just_finished_for_ten_minutes(run, run_json):
    start = datetime(2026, 3, 1, 9, 0).astimezone()
    with time_machine.travel(start, tick=False):
        run("done")
    with time_machine.travel(start + timedelta(minutes=9), tick=False):
        result = run("note", "Loved the plots")
    assert result.stdout == "1. Transformers from Scratch: note saved\n"
    assert "Noted on 1. Transformers from Scratch, the step you just finished" in result.stderr
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        later = run("note", "Next one")
    assert later.stdout == "2. The Transformer Model: note saved\n" and later.stderr == ""


def test_a_note_written_in_the_editor_right_after_done_goes_to_the_step_just_finished(run, run_json, editor):
    editor('{ printf "Worth it\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    run("done")
    assert run("note").stdout == "1. Transformers from Scratch: note saved\n"
    assert [note["text"] for note in run_json("show", "1")["notes"]] == ["Worth it"]
