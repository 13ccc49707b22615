"""Every command of the tracker, and every kind of bad input, through Typer's CliRunner."""

import json

import pytest

from pathcli import __version__


def test_list_shows_the_bundled_path_as_a_table(run):
    result = run("list")
    assert result.exit_code == 0
    assert "Transformers from Scratch" in result.stdout
    assert "Advanced Topics" in result.stdout
    assert "0 of 6 done (0%)" in result.stdout
    assert result.stderr == ""


def test_list_json_has_every_step_in_order(run_json):
    steps = run_json("list")
    assert [step["number"] for step in steps] == [1, 2, 3, 4, 5, 6]
    assert [step["type"] for step in steps] == ["Article", "Tutorial", "Video", "Video", "Article", "Article/Code"]
    assert {step["section"] for step in steps} == {"Fundamentals", "Advanced Topics"}
    first = steps[0]
    assert first["id"] == "transformers-from-scratch"
    assert first["url"] == "http://peterbloem.nl/blog/transformers"
    assert first["status"] == "todo"
    assert first["links"] == [{"title": "Source on GitHub", "url": "https://github.com/pbloem/former"}]
    assert {"number", "id", "title", "type", "url", "section", "status", "description", "links"} <= set(first)


def test_done_undo_skip_change_the_status(run, run_json):
    assert run("done", "1", "2").exit_code == 0
    assert run("skip", "transformers-for-beginners").exit_code == 0
    statuses = [step["status"] for step in run_json("list")]
    assert statuses == ["done", "done", "skipped", "todo", "todo", "todo"]
    result = run("undo", "2")
    assert result.stdout == "2. The Transformer Model: todo\n"
    assert [step["status"] for step in run_json("list")][:3] == ["done", "todo", "skipped"]


def test_done_twice_says_so_and_keeps_the_first_date(run, run_json):
    run("done", "1")
    first = run_json("show", "1")["done_at"]
    result = run("done", "1")
    assert result.exit_code == 0
    assert "already done" in result.stdout
    assert run_json("show", "1")["done_at"] == first


def test_next_is_the_first_step_neither_done_nor_skipped(run, run_json):
    run("done", "1")
    run("skip", "2")
    result = run("next")
    assert "Transformers for Beginners" in result.stdout
    assert "Open it:   pathcli open\n" in result.stdout and "Finish it: pathcli done\n" in result.stdout
    assert "https://sebastianraschka.com/" in result.stdout
    assert run_json("next")["number"] == 3


def test_next_congratulates_when_nothing_is_left(run, run_json):
    run("done", "1", "2", "3", "4", "5")
    run("skip", "6")
    assert "All done!" in run("next").stdout
    assert run_json("next") is None


def test_show_has_dates_and_notes(run, run_json):
    run("note", "4", "watch", "at", "1.5x")
    run("done", "4")
    step = run_json("show", "4")
    assert step["status"] == "done"
    assert step["done_at"] and step["started_at"] is None and step["skipped_at"] is None
    assert [note["text"] for note in step["notes"]] == ["watch at 1.5x"]
    assert "T" in step["notes"][0]["at"]
    text = run("show", "4").stdout
    assert "watch at 1.5x" in text and "https://web.stanford.edu/class/cs25/" in text


def test_open_prints_the_url_marks_started_and_never_downgrades(run, run_json, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = run("open", "2")
    assert result.exit_code == 0
    assert result.stdout == "https://www.tensorflow.org/text/tutorials/transformer\n"
    assert opened == ["https://www.tensorflow.org/text/tutorials/transformer"]
    assert run_json("show", "2")["status"] == "started"
    run("done", "2")
    run("open", "2")
    assert run_json("show", "2")["status"] == "done"


def test_open_without_a_browser_still_prints_the_url_and_exits_0(run, monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    result = run("open", "1")
    assert result.exit_code == 0
    assert result.stdout == "http://peterbloem.nl/blog/transformers\n"
    assert "No web browser" in result.stderr


def test_notes_lists_all_notes_by_step(run, run_json):
    run("note", "5", "great diagrams")
    run("note", "1", "read twice")
    run("note", "5", "revisit")
    notes = run_json("notes")
    assert [(entry["number"], [n["text"] for n in entry["notes"]]) for entry in notes] == [
        (1, ["read twice"]),
        (5, ["great diagrams", "revisit"]),
    ]
    assert "great diagrams" in run("notes").stdout


def test_note_reads_standard_input_for_dash(run, run_json):
    assert run("note", "1", "-", input="line one\nline two\n").exit_code == 0
    assert run_json("show", "1")["notes"][0]["text"] == "line one\nline two"


def test_progress_counts_and_leaves_skipped_out_of_the_percentage(run, run_json):
    run("done", "1", "2")
    run("skip", "3")
    run("open", "4")
    progress = run_json("progress")
    assert (progress["done"], progress["total"], progress["skipped"], progress["started"]) == (2, 6, 1, 1)
    assert progress["percent"] == 40.0
    assert [(s["title"], s["done"], s["total"], s["percent"]) for s in progress["sections"]] == [
        ("Fundamentals", 2, 3, 100.0),
        ("Advanced Topics", 0, 3, 0.0),
    ]
    assert len(progress["prerequisites"]) == 4
    assert progress["first_activity"] and progress["last_activity"]
    assert progress["counted"] == 5
    text = run("progress").stdout
    assert "2 of 5 done (40%) · 1 started · 1 skipped" in text
    assert "Knowledge of Linear Algebra and Statistics" not in text


def test_reset_asks_first_and_yes_skips_the_question(run, run_json):
    run("done", "1")
    refused = run("reset", input="n\n")
    assert refused.exit_code == 1
    assert run_json("show", "1")["status"] == "done"
    assert run("reset", input="y\n").exit_code == 0
    assert run_json("show", "1")["status"] == "todo"
    run("done", "2")
    assert run("reset", "--yes").exit_code == 0
    assert run_json("progress")["done"] == 0


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pathcli {__version__}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "7"), "no step 7: this path has steps 1-6"),
        (("done", "0"), "no step 0: this path has steps 1-6"),
        (("show", "nope"), "no step 'nope'"),
        (("open", "2.5"), "no step '2.5'"),
        (("undo", ""), "empty step argument"),
        (("note", "1", " "), "empty note"),
        (("list", "--status", "finished"), "unknown status 'finished': choose from todo, started, done, skipped"),
        (("--path", "nope", "list"), "no path 'nope': the paths there are transformers"),
    ],
)
def test_bad_input_is_one_line_on_stderr_exit_1_and_changes_nothing(run, data_dir, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "progress.json").exists()


def test_several_steps_are_all_checked_before_any_changes(run, run_json):
    result = run("done", "1", "2", "9")
    assert result.exit_code == 1
    assert "no step 9" in result.stderr
    assert [step["status"] for step in run_json("list")] == ["todo"] * 6


def test_usage_errors_keep_exit_code_2(run):
    assert run("frobnicate").exit_code == 2
    assert run("note", "--edit", "0", "x").exit_code == 2


def test_reading_commands_create_no_file(run, data_dir):
    for command in (["list"], ["next"], ["show", "1"], ["notes"], ["progress"], ["paths"], ["export"]):
        assert run(*command).exit_code == 0, command
    assert not data_dir.exists()


def test_progress_is_keyed_by_path_and_step_id_with_a_version(run, data_dir):
    run("done", "2")
    run("note", "5", "hi")
    document = json.loads((data_dir / "progress.json").read_text())
    assert document["version"] == 2
    steps = document["paths"]["transformers"]["steps"]
    assert steps["the-transformer-model"]["status"] == "done"
    assert steps["the-illustrated-transformer"]["notes"][0]["text"] == "hi"


@pytest.mark.parametrize("hostile", ["[/b] closing tag", "[red]kept[/red]", "\x1b[31mred\x1b[0m", "bell\x07 \x9b csi"])
def test_text_from_users_is_shown_as_text_never_markup_nor_escapes(run, hostile):
    assert run("note", "1", hostile).exit_code == 0
    for command in (["show", "1"], ["notes"]):
        out = run(*command).stdout
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        if "[" in hostile and "\x1b" not in hostile:
            assert hostile in out


def test_undo_of_a_step_with_notes_keeps_the_notes_and_a_readable_file(run, run_json):
    run("note", "1", "keep me")
    run("done", "1")
    assert run("undo", "1").exit_code == 0
    step = run_json("show", "1")
    assert (step["status"], step["done_at"], [n["text"] for n in step["notes"]]) == ("todo", None, ["keep me"])


def test_error_messages_defuse_what_the_user_typed(run):
    result = run("show", "\x1b]0;pwned\x07\x9bx")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\x9b" not in result.stderr
    assert "no step" in result.stderr


def test_with_json_a_refusal_is_a_json_object_on_stdout_as_well_as_its_line_on_stderr(run, tmp_path):
    result = run("path", "import", str(tmp_path / "missing.md"), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"error": f"no such file: {tmp_path / 'missing.md'}"}
    assert result.stderr == f"pathcli: no such file: {tmp_path / 'missing.md'}\n"
    refused = run("list", "--json", "--status", "done", "-p", "nothing-here")
    assert refused.exit_code == 1 and "error" in json.loads(refused.stdout)
