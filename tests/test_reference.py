"""docs/reference.md is the app's own help, regenerated: it names every command and says what --help says."""

import importlib.util

import typer.main
from conftest import ROOT

from pathcli.cli import app


def _generator():
    spec = importlib.util.spec_from_file_location("make_reference", ROOT / "docs" / "make_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_is_what_the_app_says():
    written = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert written == _generator().render(), "docs/reference.md is out of date: run python docs/make_reference.py"


def _command_paths(command, ctx, prefix):
    yield prefix
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            child = command.get_command(ctx, name)
            yield from _command_paths(child, child.context_class(child, info_name=name, parent=ctx), f"{prefix} {name}")


def test_every_command_and_subcommand_has_its_section_with_usage_and_options():
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    command = typer.main.get_command(app)
    paths = list(_command_paths(command, command.context_class(command, info_name="pathcli"), "pathcli"))
    assert {"pathcli done", "pathcli path import", "pathcli check"} <= set(paths)
    for path in paths:
        assert f"# {path}\n" in reference, path
        assert f"Usage: {path} [OPTIONS]" in reference, path
    assert "- `--done-checked`: Mark the steps whose task-list box is checked" in reference


def test_a_command_added_later_is_picked_up_with_no_change_to_the_generator(monkeypatch):
    monkeypatch.setattr(app, "registered_commands", list(app.registered_commands))
    monkeypatch.setattr(app, "registered_groups", list(app.registered_groups))

    @app.command()
    def goal(weekly: int = typer.Option(3, "--weekly", help="Steps a week.")) -> None:
        """Set a weekly goal.

        Then stats says how far you are."""

    review = typer.Typer(help="Look back at what you did.")

    @review.command("week")
    def review_week(as_json: bool = typer.Option(False, "--json", help="Print JSON only.")) -> None:
        """The week in review."""

    app.add_typer(review, name="review")
    text = _generator().render()
    assert "### pathcli goal\n\nSet a weekly goal.\n\n```text\nUsage: pathcli goal [OPTIONS]\n```\n\nThen stats" in text
    assert "- `--weekly <int>`: Steps a week. [default: 3]" in text
    assert "- [pathcli goal](#pathcli-goal): Set a weekly goal." in text
    assert "#### pathcli review week\n\nThe week in review." in text
    assert "- [pathcli review week](#pathcli-review-week): The week in review." in text
