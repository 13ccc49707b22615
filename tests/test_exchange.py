"""Export and import of progress: moving it to another machine, and reading it as a journal."""

import json

import pytest


@pytest.fixture
def some_progress(run):
    run("done", "1")
    run("skip", "3")
    run("open", "2")
    run("note", "1", "clear and short")
    run("note", "2", "multi\nline")


def test_json_export_round_trips_into_an_empty_machine(run, run_json, tmp_path, monkeypatch, some_progress):
    export = tmp_path / "backup.json"
    assert run("export", "-o", str(export)).exit_code == 0
    data = json.loads(export.read_text())
    assert (data["format"], data["version"]) == ("pathcli-export", 2)
    before = run_json("list"), run_json("notes")
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(tmp_path / "other-machine"))
    result = run("import", str(export))
    assert result.exit_code == 0 and "Merged" in result.stdout
    assert (run_json("list"), run_json("notes")) == before


def test_export_to_stdout_is_json_only(run, some_progress):
    result = run("export")
    assert json.loads(result.stdout)["progress"]["paths"]["transformers"]


def test_import_merges_by_step_and_unites_notes(run, run_json, tmp_path, some_progress):
    export = tmp_path / "backup.json"
    run("export", "-o", str(export))
    run("undo", "1")
    run("note", "1", "added after the export")
    result = run("import", str(export))
    assert "1 notes" not in result.stdout
    notes = [n["text"] for n in run_json("show", "1")["notes"]]
    assert notes == ["clear and short", "added after the export"]
    assert run_json("show", "1")["status"] == "todo"  # the undo is newer than the export's done
    run("import", str(export))
    assert [n["text"] for n in run_json("show", "1")["notes"]] == notes  # importing twice adds nothing


def test_replace_asks_then_overwrites(run, run_json, tmp_path, some_progress):
    export = tmp_path / "backup.json"
    run("export", "-o", str(export))
    run("done", "6")
    assert run("import", str(export), "--replace", input="n\n").exit_code == 1
    assert run_json("show", "6")["status"] == "done"
    assert run("import", str(export), "--replace", "--yes").exit_code == 0
    assert run_json("show", "6")["status"] == "todo"


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"format": "other"}',
        b'{"format": "pathcli-export", "version": 9, "progress": {}}',
        b'{"format": "pathcli-export", "version": 1, "progress": {"version": 1, "paths": {"t": {"steps": {"s": {"status": "?"}}}}}}',
        b"\xff\xfe",
    ],
)
def test_a_file_that_is_not_a_valid_export_changes_nothing(run, data_dir, tmp_path, some_progress, content):
    before = (data_dir / "progress.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = run("import", str(bad))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert (data_dir / "progress.json").read_bytes() == before


def test_markdown_journal_of_the_active_path(run, some_progress):
    journal = run("export", "--format", "markdown").stdout
    assert journal.startswith("# Transformers: progress journal\n")
    assert "1 of 5 done (20%) · 1 started · 1 skipped" in journal
    assert "## Fundamentals" in journal and "## Advanced Topics" in journal
    assert "- [x] 1. [Transformers from Scratch](<http://peterbloem.nl/blog/transformers>) (Article, done " in journal
    assert "- [ ] 2. [The Transformer Model]" in journal and "started" in journal
    assert "- [ ] ~~3. [Transformers for Beginners](<https://www.youtube.com/watch?v=U0s0f995w14>)~~" in journal
    assert "clear and short" in journal and "multi\n    line" in journal
    assert "  - [Source on GitHub](<https://github.com/pbloem/former>)" in journal


def test_export_never_overwrites_a_file_unless_forced(run, tmp_path):
    out = tmp_path / "journal.md"
    out.write_text("my own notes")
    result = run("export", "-f", "markdown", "-o", str(out))
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert out.read_text() == "my own notes"
    assert run("export", "-f", "markdown", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("# Transformers")


def test_export_format_is_one_of_those_there_are_in_any_case(run):
    result = run("export", "--format", "xml")
    assert result.exit_code == 1
    assert result.stderr == "pathcli: unknown format 'xml': choose from json, markdown, html, ics\n"
    assert run("export", "--format", "MarkDown").stdout.startswith("# Transformers: progress journal")
