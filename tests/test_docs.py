"""Every command explains itself."""

import pytest
import typer

from pathcli.cli import app


def _commands(typer_app: typer.Typer, prefix=()):
    for info in typer_app.registered_commands:
        yield (*prefix, info.name or info.callback.__name__), info.callback
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, (*prefix, group.name))


COMMANDS = list(_commands(app))


def test_the_commands_of_the_readme_are_there():
    names = {" ".join(name) for name, _ in COMMANDS}
    assert {"list", "next", "show", "done", "undo", "skip", "open", "note", "notes", "progress", "reset"} <= names


@pytest.mark.parametrize(("name", "callback"), COMMANDS, ids=[" ".join(name) for name, _ in COMMANDS])
def test_every_command_has_help(run, name, callback):
    assert callback.__doc__ and callback.__doc__.strip()
    result = run(*name, "--help")
    assert result.exit_code == 0
    assert callback.__doc__.strip().splitlines()[0][:30] in " ".join(result.stdout.split())


def _readme_block(language: str) -> str:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_readme_yaml_example_installs(run, tmp_path):
    (tmp_path / "rl.yaml").write_text(_readme_block("yaml"))
    assert run("path", "validate", str(tmp_path / "rl.yaml")).stdout.endswith(": a valid path 'rl'\n")
    assert run("path", "add", str(tmp_path / "rl.yaml")).stdout == "Added rl: Reinforcement Learning, 2 steps\n"


def test_the_readme_markdown_example_imports_as_it_says(run, run_json, tmp_path):
    (tmp_path / "stats.md").write_text(_readme_block("markdown"))
    assert run("path", "import", str(tmp_path / "stats.md")).exit_code == 0
    steps = run_json("-p", "statistics-for-programmers", "list")
    assert [(s["section"], s["title"]) for s in steps] == [
        ("Books", "Think Stats"),
        ("Books", "OpenIntro Statistics"),
        ("Courses", "Stats 110"),
        ("Courses", "Seeing Theory"),
    ]
    assert run_json("-p", "statistics-for-programmers", "progress")["prerequisites"] == [
        {"title": "Python", "description": "functions and lists"}
    ]
