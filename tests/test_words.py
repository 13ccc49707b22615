"""Words whole, ids whole: the text layer (views.output), step words and ranges, the list's marks, tables
that keep what must be typed, prompts, and the quieter notices (issue 22)."""

import json
import os
import time

import pytest
from conftest import pathcli_process

from pathcli.views import output

LONG_ID = "intro-to-data-engineering-with-a-very-long-identifier-for-tests-x"
assert len(LONG_ID) == 65
URL = "https://example.org/a/very/long/address/that/is/longer/than/a/narrow/terminal"


# -- the text layer


@pytest.mark.parametrize("width", [20, 40, 80, 120])
def test_wrapping_breaks_between_words_only_and_keeps_ids_urls_and_commands_whole(width):
    text = (
        f"pathcli: no step 'illustrated': did you mean 5, the-illustrated-transformer? See {URL}"
        f" or run pathcli -p {LONG_ID} list --status todo to see the rest"
    )
    wrapped = output.wrap(text, width)
    lines = wrapped.splitlines()
    assert " ".join(wrapped.split()) == text  # nothing lost, no word broken
    for whole in ("the-illustrated-transformer?", URL, f"pathcli -p {LONG_ID} list --status todo"):
        assert any(whole in line for line in lines), (whole, wrapped)
    for line in lines:
        assert not line.endswith(" ")
        assert len(line) <= width or len(line.split()) == 1 or "pathcli -p" in line
    assert all(line.startswith("  ") for line in lines[1:])  # continuation lines are indented


@pytest.mark.parametrize(
    "text, command",
    [
        ("aaaa bbbb cccc dddd eeee ffff then run pathcli sync. And it is done", "pathcli sync."),
        (
            "import it once more with pathcli path import FILE|URL --id rust then",
            "pathcli path import FILE|URL --id rust",
        ),
        ("words words words: pathcli export -o backup.json; it writes", "pathcli export -o backup.json;"),
    ],
)
def test_a_command_ends_where_its_clause_does_and_is_never_broken(text, command):
    for width in (20, 30, 40):
        wrapped = output.wrap(text, width)
        assert any(command in line for line in wrapped.splitlines()), wrapped
        assert " ".join(wrapped.split()) == text


def test_a_hyphen_is_no_place_to_break():
    wrapped = output.wrap("word " * 5 + "a-long-hyphenated-name-that-must-stay", 30)
    assert "a-long-hyphenated-name-that-must-stay" in wrapped.splitlines()[-1]


def test_off_a_terminal_nothing_is_wrapped_and_no_line_ends_with_spaces(run):
    result = run("done", "illustrated")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    for args in (["list"], ["paths"], ["progress"], ["show", "2"], ["stats"]):
        shown = pathcli_process(*args, env={"COLUMNS": "80"}).stdout
        assert shown and not any(line.endswith(" ") for line in shown.splitlines()), args


def test_a_prompt_names_only_this_platforms_keys(run, monkeypatch):
    monkeypatch.setattr("pathcli.cli.notes.is_terminal", lambda: True)
    monkeypatch.setattr("sys.platform", "linux")
    result = run("note", "1", "-", input="typed\n")
    assert "Ctrl-D" in result.stderr and "Windows" not in result.stderr and "Ctrl-Z" not in result.stderr
    monkeypatch.setattr("sys.platform", "win32")
    result = run("note", "1", "-", input="typed\n")
    assert "Ctrl-Z then Enter" in result.stderr and "Ctrl-D" not in result.stderr


def test_a_question_refused_changes_nothing_in_one_line(run, run_json):
    run("done", "1")
    refused = run("reset", input="n\n")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == "pathcli: not confirmed: nothing changed"
    assert run_json("show", "1")["status"] == "done"


def test_a_note_can_come_down_a_pipe(run, run_json):
    assert run("note", "2", input="piped thought\n").exit_code == 0
    assert [note["text"] for note in run_json("show", "2")["notes"]] == ["piped thought"]


def test_export_takes_md_for_markdown(run):
    result = run("export", "-f", "md")
    assert result.exit_code == 0 and result.stdout.startswith("# ")


# -- steps by name and range


def _statuses(run_json):
    return [step["status"] for step in run_json("list")]


def test_ranges_mark_every_step_in_them_and_overlaps_count_once(run, run_json):
    result = run("done", "1", "3-5", "4")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(": done") == 4
    assert _statuses(run_json) == ["done", "todo", "done", "done", "done", "todo"]
    assert run("skip", "6-6").exit_code == 0 and run("undo", "3-4").exit_code == 0
    assert _statuses(run_json) == ["done", "todo", "todo", "todo", "done", "skipped"]
    assert run("done", "2,3").exit_code == 0
    assert _statuses(run_json)[1:3] == ["done", "done"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("done", "6-4"), "pathcli: the range 6-4 goes backwards: write it 4-6"),
        (("done", "1", "4-9"), "pathcli: no step 9: this path has steps 1-6"),
        (("done", "illustrated"), "did you mean 5, the-illustrated-transformer?"),
        (("skip", "1", "atention"), "did you mean 6, attention-is-all-you-need-annotated-transformer?"),
        (("show", "illustrated"), "did you mean 5, the-illustrated-transformer?"),
    ],
)
def test_a_bad_step_word_is_refused_whole_before_anything_changes(run, run_json, args, message):
    result = run(*args)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1
    assert set(_statuses(run_json)) == {"todo"}


def test_a_note_starting_with_a_number_out_of_range_says_to_quote_it(run, run_json):
    result = run("note", "10", "minutes", "in", "and", "I", "am", "lost")
    assert result.exit_code == 1
    assert 'no step 10: this path has steps 1-6. To start a note with a number, quote the note: pathcli note "10' in (
        result.stderr
    )
    assert run_json("notes") == []


# -- list


def test_list_marks_the_current_step(run):
    run("done", "1")
    for columns in ("40", "80", "120"):
        result = pathcli_process("list", env={"COLUMNS": columns})
        marked = [line for line in result.stdout.splitlines() if "▶" in line and "2" in line]
        assert marked and "The Transformer" in marked[0], result.stdout


def test_the_mark_has_an_ascii_stand_in():
    result = pathcli_process("list", env={"PYTHONIOENCODING": "ascii", "COLUMNS": "80"})
    assert result.returncode == 0 and "▶" not in result.stdout
    assert any(line.lstrip("│| ").startswith("> ") or "| > |" in line for line in result.stdout.splitlines())


@pytest.mark.parametrize("columns", ["40", "80", "120"])
def test_the_section_stays_visible_under_a_filter(columns):
    shown = pathcli_process("list", "--section", "advanced", env={"COLUMNS": columns}).stdout
    assert "Advanced Topics" in shown


def test_an_empty_type_filter_lists_the_types_there_are(run):
    result = run("list", "--type", "podcast")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "Types in this path: Article, Article/Code, Tutorial, Video"


# -- tables keep what must be typed


@pytest.fixture
def long_id_path(run, tmp_path):
    file = tmp_path / "long.yaml"
    file.write_text(
        f"id: {LONG_ID}\ntitle: A long course with a long title that has to wrap somewhere\n"
        f"sections:\n  - title: One\n    steps:\n      - title: Read\n        url: {URL}\n",
        encoding="utf-8",
    )
    assert run("path", "add", str(file)).exit_code == 0
    assert run("use", LONG_ID).exit_code == 0


@pytest.mark.parametrize("columns", ["40", "80", "120"])
def test_paths_never_cut_an_id_nor_drop_the_mark(long_id_path, columns):
    shown = pathcli_process("paths", env={"COLUMNS": columns}).stdout
    assert LONG_ID in shown and "…" not in shown
    [line] = [line for line in shown.splitlines() if LONG_ID in line]
    assert "*" in line
    assert "transformers" in shown


# -- pace and conflict copies


def test_pace_waits_for_a_week_of_history(run, run_json):
    run("done", "1", "2", "3", "4", "5")
    assert "5 steps done in your first day" in run("stats").stdout
    assert "finish around" not in run("progress").stdout and "a week" not in run("progress").stdout
    assert run_json("stats")["pace"]["recent_per_week"] == 35


def test_an_unreadable_conflict_copy_is_one_line_after_a_change_and_sync_exits_1(run, data_dir, monkeypatch):
    from pathcli.store import conflicts

    monkeypatch.setattr(conflicts, "SETTLE_SECONDS", 0)
    run("done", "1")
    name = "progress (1).json"
    (data_dir / name).write_text('{"version": ', encoding="utf-8")
    past = time.time() - 60
    os.utime(data_dir / name, (past, past))
    assert run("list").stderr == "" and run("next").stderr == ""  # read-only commands stay silent
    changed = run("done", "2")
    assert changed.exit_code == 0
    [line] = changed.stderr.splitlines()
    assert line.count(name) == 1 and len(line) <= 160 and "fix or delete it" in line
    synced = run("sync")
    assert synced.exit_code == 1 and synced.stdout.count(name) == 1
    assert run("sync", "--json").exit_code == 1
    assert json.loads(run("sync", "--json").stdout)["copies"][0]["state"] == "unreadable"
    (data_dir / name).unlink()
    assert run("sync").exit_code == 0


# -- wording


def test_one_edited_note_moves_no_other(run):
    run("note", "2", "first")
    run("note", "2", "second")
    before = [line.index("first") for line in run("show", "2").stdout.splitlines() if "first" in line]
    run("note", "2", "--edit", "2", "second, better")
    after = run("show", "2").stdout
    assert [line.index("first") for line in after.splitlines() if "first" in line] == before
    assert "(edited " in after


def test_a_long_path_title_leaves_the_bars_in_line(run, tmp_path, monkeypatch):
    file = tmp_path / "long.yaml"
    title = "A very long title for a path that would push the bars of progress out of their column"
    file.write_text(
        f"id: long\ntitle: {title}\nsections:\n  - title: One\n    steps:\n"
        "      - title: Read\n        url: https://example.org/a\n",
        encoding="utf-8",
    )
    run("path", "add", str(file))
    monkeypatch.setenv("COLUMNS", "40")
    lines = run("-p", "long", "progress").stdout.splitlines()
    assert lines[0] == title  # on a line of its own, whole
    bars = [line for line in lines if line.endswith("0/1 0%")]
    assert len(bars) == 2 and len({line.index("0/1") for line in bars}) == 1


def test_a_json_error_says_at_once(run, tmp_path):
    file = tmp_path / "bad.json"
    file.write_text('{"a": "x\ty"}', encoding="utf-8")
    result = run("import", str(file))
    assert result.exit_code == 1 and "at at" not in result.stderr and "at line 1" in result.stderr


def test_plurals_agree(run, tmp_path):
    file = tmp_path / "one.md"
    file.write_text("# One\n\n## Part\n\n- [x] [Read](https://example.org/a)\n", encoding="utf-8")
    shown = run("path", "import", str(file)).stdout
    assert "1 more links" not in shown and "mark them done" not in shown
