"""A learner's day: the current step by default, what comes next, notes that can be fixed, honest counts,
quiet output, help and completion that know the values, find, and a path shown as YAML."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathcli.domain.model import STARTED, STATUSES, TODO, Progress
from pathcli.store import catalog

# -- the current step

TRANSFORMERS = catalog.load("transformers")


@given(st.lists(st.sampled_from(STATUSES), min_size=6, max_size=6))
def test_the_current_step_is_the_first_started_else_the_first_todo(statuses):
    steps = {step.id: {"status": status} for step, status in zip(TRANSFORMERS.steps, statuses, strict=True)}
    progress = Progress({"version": 2, "paths": {"transformers": {"steps": steps}}}, "transformers")
    current = progress.current_step(TRANSFORMERS)
    expected = STARTED if STARTED in statuses else TODO if TODO in statuses else None
    if expected is None:
        assert current is None
    else:
        assert current.number == statuses.index(expected) + 1


def test_done_without_a_step_finishes_the_current_one_and_says_what_comes_next(run, run_json):
    result = run("done")
    assert result.exit_code == 0
    assert result.stdout == (
        "1. Transformers from Scratch: done\nNext: 2. The Transformer Model (Tutorial) · pathcli open\n"
    )
    assert run_json("show", "1")["status"] == "done"


def test_a_started_step_is_the_current_one_before_an_earlier_todo(run, run_json):
    run("open", "4")
    assert run_json("next")["number"] == 4
    assert run_json("show")["number"] == 4
    assert run("note", "watch at 1.5x").stdout == "4. Stanford CS25: V4 I Overview of Transformers: note saved\n"
    assert run("done").stdout.startswith("4. Stanford CS25: V4 I Overview of Transformers: done\nNext: 1.")


def test_open_without_a_step_says_which_it_opened(run, monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    result = run("open")
    assert result.stdout == "http://peterbloem.nl/blog/transformers\n"
    assert result.stderr == "1. Transformers from Scratch: started\n"
    assert run("open").stderr == "1. Transformers from Scratch\n"


def test_the_last_step_ends_with_a_plain_well_done_and_the_totals(run):
    run("done", "1", "2", "3", "4")
    run("skip", "5")
    assert run("done").stdout == (
        "6. Attention Is All You Need - Annotated Transformer: done\n"
        "That was the last step of Transformers. Well done: 5 of 5 done (100%) · 1 skipped.\n"
    )
    result = run("done")
    assert result.exit_code == 1 and "every step is done or skipped: name the step (1-6)" in result.stderr
    assert run("done", "6").stdout == "6. Attention Is All You Need - Annotated Transformer: already done\n"


def test_every_hint_keeps_the_path_option_in_either_place(run, tmp_path):
    (tmp_path / "rl.yaml").write_text(RL_PATH)
    run("path", "add", str(tmp_path / "rl.yaml"))
    for args in (["-p", "rl", "done"], ["done", "-p", "rl"], ["done", "--path", "rl"]):
        run("undo", "1", "-p", "rl")
        assert run(*args).stdout.endswith("Next: 2. Markov Decision Processes · pathcli -p rl open\n"), args
    out = run("next", "-p", "rl").stdout
    assert "Open it:   pathcli -p rl open\n" in out and "Finish it: pathcli -p rl done\n" in out
    assert "pathcli -p rl note N TEXT" in run("-p", "rl", "notes").stdout
    assert run("list", "-p", "rl", "--json").exit_code == 0
    assert "Open it:   pathcli -p rl open" in run("-p", "rl").stdout


RL_PATH = """\
id: rl
title: Reinforcement Learning
sections:
  - title: Basics
    steps:
      - {title: Multi-armed Bandits, url: "https://example.org/bandits", type: Chapter}
      - {id: mdp, title: Markov Decision Processes, url: "https://example.org/mdp"}
"""


# -- bare pathcli and the main help


def test_bare_pathcli_says_where_you_are_and_exits_0(run):
    run("done", "1")
    run("skip", "3")
    result = run()
    assert result.exit_code == 0
    assert result.stdout == (
        "Transformers (transformers)\n"
        "1 of 5 done (20%) · 1 skipped\n"
        "\n"
        "Next: 2. The Transformer Model (Tutorial)\n"
        "  Open it:   pathcli open\n"
        "  Finish it: pathcli done\n"
    )


def test_help_ends_with_where_the_data_lives_and_the_environment(run, data_dir):
    out = " ".join(run("--help").stdout.split())
    assert f"Your progress and paths live in {data_dir}" in out
    for name in ("PATHCLI_DATA_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME", "BROWSER", "VISUAL, EDITOR", "NO_COLOR"):
        assert name in out


# -- notes


def test_a_note_is_edited_by_number_keeping_its_time(run, run_json):
    run("note", "2", "  first thought  ")
    run("note", "2", "second")
    before = run_json("show", "2")["notes"]
    assert [note["text"] for note in before] == ["first thought", "second"]
    assert run("note", "2", "--edit", "1", "a better thought").stdout == "2. The Transformer Model: note 1 changed\n"
    after = run_json("show", "2")["notes"]
    assert after[0]["text"] == "a better thought" and after[0]["at"] == before[0]["at"] and after[0]["edited_at"]
    assert "(edited " in run("show", "2").stdout
    result = run("note", "2", "--edit", "3", "x")
    assert result.exit_code == 1 and "no note 3 on step 2: it has notes 1-2" in result.stderr


def test_deleting_a_note_asks_first_and_yes_skips_the_question(run, run_json):
    run("note", "2", "keep")
    run("note", "2", "drop")
    refused = run("note", "2", "--delete", "2", input="n\n")
    assert refused.exit_code == 1 and len(run_json("show", "2")["notes"]) == 2
    assert "Delete note 2 of 2. The Transformer Model (drop)?" in refused.stderr
    assert run("note", "2", "--delete", "2", input="y\n").stdout.endswith("2. The Transformer Model: note 2 deleted\n")
    assert [note["text"] for note in run_json("show", "2")["notes"]] == ["keep"]
    assert run("note", "2", "--delete", "1", "--yes").exit_code == 0
    assert run_json("show", "2")["notes"] == []


def test_note_without_text_opens_the_editor_on_a_terminal(run, run_json, tmp_path, monkeypatch):
    editor = tmp_path / "editor.sh"
    # written above the template's scissors line; what is below it is left out
    editor.write_text('#!/bin/sh\n{ printf "  Written in the editor\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    monkeypatch.setattr("pathcli.cli.notes.is_terminal", lambda: True)
    assert run("note", "3").stdout == "3. Transformers for Beginners: note saved\n"
    assert run_json("show", "3")["notes"][0]["text"] == "Written in the editor"


def test_an_empty_editor_text_saves_nothing(run, run_json, tmp_path, monkeypatch):
    editor = tmp_path / "editor.sh"
    editor.write_text(
        '#!/bin/sh\n{ printf "\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n'
    )  # nothing above the line
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("pathcli.cli.notes.is_terminal", lambda: True)
    result = run("note", "3")
    assert result.exit_code == 1 and "empty note: nothing saved" in result.stderr
    assert run_json("show", "3")["notes"] == []


def test_note_without_text_off_a_terminal_says_what_to_give(run):
    result = run("note", "3")
    assert result.exit_code == 1 and "give the note's text, or - to read it from standard input" in result.stderr


def test_note_dash_on_a_terminal_says_how_to_end_the_input(run, run_json, monkeypatch):
    monkeypatch.setattr("pathcli.cli.notes.is_terminal", lambda: True)
    result = run("note", "1", "-", input="typed\n\n")
    assert "Ctrl-D" in result.stderr
    assert run_json("show", "1")["notes"][0]["text"] == "typed"


# -- honest numbers, quiet output


def test_one_way_of_counting_in_every_view(run, run_json):
    run("done", "1")
    run("skip", "3")
    line = "1 of 5 done (20%) · 1 skipped"
    assert line in run("list").stdout
    assert line in run("progress").stdout
    assert line in run("export", "--format", "markdown").stdout
    assert "1/5 20%" in run("paths").stdout
    progress = run_json("progress")
    assert (progress["done"], progress["counted"], progress["percent"]) == (1, 5, 20.0)
    (row,) = run_json("paths")
    assert (row["done"], row["counted"], row["skipped"], row["percent"]) == (1, 5, 1, 20.0)


def test_zero_counts_and_prerequisites_stay_out_of_progress(run):
    out = run("progress").stdout
    assert "0 of 6 done (0%)\n" in out and "started" not in out and "skipped" not in out
    assert "Prerequisites" not in out and "Linear Algebra" not in out


def test_prerequisites_show_before_the_first_step_and_on_their_own(run, run_json):
    assert "Before you start, it helps to know:" in run("next").stdout
    assert "Knowledge of Linear Algebra and Statistics" in run("prerequisites").stdout
    assert len(run_json("prerequisites")) == 4
    run("open", "1")
    assert "Linear Algebra" not in run("next").stdout


def test_a_filter_that_matches_nothing_says_so_and_exits_0(run):
    run("done", "1")
    result = run("list", "--status", "skipped", "--type", "video")
    assert (result.exit_code, result.stdout) == (0, "No steps match --status skipped --type video\n")


def test_status_takes_several_values_in_any_case(run_json, run):
    run("done", "1")
    run("skip", "3")
    assert [step["number"] for step in run_json("list", "--status", "DONE", "--status", "Skipped")] == [1, 3]


# -- help


def test_help_shows_the_allowed_values_and_an_example(run):
    def help_of(*command: str) -> str:
        return " ".join(run(*command, "--help").stdout.replace("│", " ").split())

    assert "--status STATUS Only steps in this status: todo, started, done, skipped (any case; repeat" in help_of(
        "list"
    )
    assert "json (all paths, to import later), markdown (a journal of the path), html" in help_of("export")
    assert "Replace the output file" in help_of("export")
    assert "[STEP]..." in help_of("done")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["path", "list"], "Did you mean: pathcli paths"),
        (["add", "x.yaml"], "Did you mean: pathcli path add FILE.yaml"),
    ],
)
def test_near_miss_commands_point_at_the_right_one(run, args, hint):
    result = run(*args)
    assert result.exit_code == 2 and hint in result.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["import", "{file}"], "to add a Markdown path, use pathcli path import"),
        (["path", "add", "{file}"], "is Markdown: turn it into a path with pathcli path import"),
    ],
)
def test_a_markdown_file_given_to_the_wrong_command_points_at_path_import(run, tmp_path, args, hint):
    markdown = tmp_path / "rust.md"
    markdown.write_text("# Rust\n\n- [The Book](https://doc.rust-lang.org/book/)\n")
    result = run(*[arg.format(file=markdown) for arg in args])
    assert result.exit_code == 1 and hint in result.stderr


# -- completion


def _complete(run, line: str) -> list[str]:
    """What bash would be offered for the last word of line, through Typer's completion machinery."""
    from typer.testing import CliRunner

    from pathcli.cli import app

    words = line.split(" ")
    env = {"_PATHCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    result = CliRunner().invoke(app, [], prog_name="pathcli", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def _complete_with_help(line: str) -> str:
    from typer.testing import CliRunner

    from pathcli.cli import app

    env = {"_PATHCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    return CliRunner().invoke(app, [], prog_name="pathcli", env=env).stdout


def test_completion_offers_steps_with_titles_paths_statuses_types_and_formats(run):
    run("done", "1")
    assert _complete(run, "pathcli done ") == ["1", "2", "3", "4", "5", "6"]
    assert '"2":"The Transformer Model (todo)"' in _complete_with_help("pathcli done ")
    assert '"1":"Transformers from Scratch (done)"' in _complete_with_help("pathcli show ")
    assert _complete(run, "pathcli show the-") == ["the-transformer-model", "the-illustrated-transformer"]
    assert _complete(run, "pathcli use ") == ["transformers"]
    assert _complete(run, "pathcli list --status s") == ["started", "skipped"]
    assert _complete(run, "pathcli list --type v") == ["video"]
    assert _complete(run, "pathcli export --format ") == ["json", "markdown", "html", "ics"]


# -- find and path show


def test_find_searches_every_path_ignoring_case_and_accents(run, run_json, tmp_path):
    run("note", "5", "Très bien illustré")
    (tmp_path / "rl.yaml").write_text(RL_PATH)
    run("path", "add", str(tmp_path / "rl.yaml"))
    hits = run_json("find", "ILLUSTRE")
    assert [(hit["path"], hit["number"], hit["matched"]) for hit in hits] == [
        ("transformers", 5, ["notes"]),
    ]
    assert [(hit["path"], hit["number"]) for hit in run_json("find", "example.org/mdp")] == [("rl", 2)]
    assert [hit["matched"] for hit in run_json("find", "illustrated")] == [["title", "url"]]
    out = run("find", "bandits").stdout
    assert "rl · Reinforcement Learning" in out and "1. Multi-armed Bandits · title, url" in out
    assert run("find", "nothing-like-this").stdout == "No step of any path mentions 'nothing-like-this'.\n"


def test_path_show_prints_yaml_that_adds_back_as_the_same_path(run, run_json, tmp_path):
    text = run("path", "show", "transformers").stdout
    assert text.startswith("id: transformers\n") and "id: the-transformer-model" in text
    (tmp_path / "copy.yaml").write_text(text.replace("id: transformers\n", "id: copy\n", 1))
    assert run("path", "add", str(tmp_path / "copy.yaml")).exit_code == 0
    assert run_json("-p", "copy", "list") == run_json("list")


def test_every_command_has_an_example_and_path_commands_take_the_path_after_them(run):
    from test_docs import COMMANDS

    for name, _ in COMMANDS:
        out = run(*name, "--help").stdout
        assert "Example: pathcli" in out, name
    on_one_path = ("list", "next", "show", "done", "undo", "skip", "open", "note", "notes", "progress", "reset")
    for name in (*on_one_path, "prerequisites", "export", "stats", "check"):
        assert "--path" in run(name, "--help").stdout, name


def test_list_leaves_out_a_column_that_would_say_nothing(run, tmp_path):
    """A path of one section and no types (as many imports are) shows neither column, at any width."""
    (tmp_path / "one.yaml").write_text(
        "id: one\ntitle: One\nsections:\n- title: One\n  steps:\n"
        "  - {title: Alpha, url: 'https://example.org/a'}\n  - {title: Beta, url: 'https://example.org/b'}\n",
        encoding="utf-8",
    )
    assert run("path", "add", str(tmp_path / "one.yaml")).exit_code == 0
    header = next(line for line in run("-p", "one", "list").stdout.splitlines() if "Title" in line)
    assert "Section" not in header and "Type" not in header
    header = next(line for line in run("list").stdout.splitlines() if "Title" in line)
    assert "Section" in header and "Type" in header  # the bundled path has both
