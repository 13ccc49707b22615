"""Start-up stays light: a command imports only what it uses (as Typer's own tests/test_rich_import.py
guards Rich). Each command runs in a fresh interpreter, with the parsed-path cache already warm."""

import json
import subprocess
import sys

import pytest
from conftest import pathcli_process

PROBE = """
import json, sys
sys.argv = ["pathcli", *sys.argv[1:]]
from pathcli.cli import main
try:
    main()
except SystemExit:
    pass
sys.__stdout__.write("\\n" + json.dumps(sorted(sys.modules)))
"""

HEAVY = {
    "rich",
    "yaml",
    "webbrowser",
    "fasteners",
    "filelock",
    "markdown_it",
    "pydantic",
    "asyncio",
    "httpx",
    "jinja2",
    "icalendar",
    "fsrs",
}


def _modules_of(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    return {name.split(".")[0] for name in loaded}


@pytest.fixture(autouse=True)
def warm_cache():
    assert pathcli_process("list", "--json").returncode == 0


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (["done", "2"], {"fasteners"}),
        (["note", "1", "a note"], {"fasteners"}),
        (["next", "--json"], set()),
        (["list", "--json"], set()),
        (["progress", "--json"], set()),
        (["stats", "--json"], set()),
        (["stats"], {"rich"}),
        (["next"], {"rich"}),
        (["list"], {"rich"}),
        (["open", "1"], {"fasteners", "webbrowser"}),
        (["check", "--per-host", "0"], set()),  # refused before checking: httpx and asyncio are for checking
        (["sync"], set()),  # nothing to merge: no lock
        ([], set()),
        (["done"], {"fasteners"}),
        (["find", "attention", "--json"], set()),
        (["find", "attention"], {"rich"}),
        (["prerequisites", "--json"], set()),
        (["path", "show", "transformers"], {"yaml"}),
        (["export"], set()),
        (["export", "--format", "markdown"], set()),
        (["export", "--format", "html"], {"jinja2"}),
        (["goal", "--json"], set()),
        (["goal"], set()),
        (["export", "--format", "ics"], set()),  # no goal: refused before the calendar is made
        (["review", "--json"], set()),  # nothing done: nothing to schedule
        (["review"], set()),
    ],
)
def test_a_command_imports_only_the_heavy_modules_it_needs(args, needed):
    assert _modules_of(*args) & HEAVY == needed


def test_with_a_goal_only_the_calendar_loads_icalendar():
    assert pathcli_process("goal", "8w").returncode == 0
    assert _modules_of("goal", "9w") & HEAVY == {"fasteners"}
    for args in ([], ["progress", "--json"], ["stats", "--json"], ["goal"]):
        assert _modules_of(*args) & HEAVY == set(), args
    assert _modules_of("export", "--format", "ics") & HEAVY == {"icalendar"}


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        ([], set()),
        (["next"], {"rich"}),
        (["next", "--json"], set()),
        (["review", "--json"], set()),
        (["review"], set()),
        (["review", "1", "--rating", "good"], {"fasteners", "fsrs"}),  # a log never replayed before
        (["list", "--json"], set()),
        (["done", "2"], {"fasteners"}),
    ],
)
def test_the_scheduler_loads_only_for_a_log_not_replayed_before(args, needed):
    """The first command that schedules a done step replays its log with fsrs and remembers the result in
    the cache folder; later runs that remind of reviews read it from there."""
    assert pathcli_process("done", "1").returncode == 0
    assert _modules_of() & HEAVY == {"fsrs"}
    assert _modules_of(*args) & HEAVY == needed


def test_importing_a_local_file_and_updating_from_it_never_load_httpx(tmp_path):
    course = tmp_path / "course.md"
    course.write_text("# Course\n\n- [Paper](https://example.org/1)\n")
    assert pathcli_process("path", "import", str(course)).returncode == 0
    assert "httpx" not in _modules_of("path", "import", str(course), "--json")
    assert "httpx" not in _modules_of("path", "update", "course", "--json")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["done", "2"], "done"),
        (["-p", "rl", "done"], "done"),
        (["--path", "rl", "path", "add", "x.yaml"], "path"),
        ([], None),
        (["--help"], None),
        (["--version"], None),
        (["-p", "rl"], None),
    ],
)
def test_the_command_a_command_line_runs(args, named):
    from pathcli.cli import _command_named

    assert _command_named(args) == named


def test_building_only_the_command_run_keeps_what_the_whole_app_does():
    """main() builds only the command named; global options, groups and near misses still work."""
    assert "Next: 2." in pathcli_process("-p", "transformers", "done", "1").stdout
    assert "pathcli paths" in pathcli_process("path", "list").stderr
    assert "Did you mean 'done'" in pathcli_process("donee").stderr
    assert "stats" in pathcli_process("--help").stdout


def test_the_table_of_command_modules_names_every_command_where_it_is_defined():
    from typer.main import get_command_name

    from pathcli.cli import COMMAND_MODULES, app

    defined = {
        (command.name or get_command_name(command.callback.__name__)): command.callback.__module__
        for command in app.registered_commands
    }
    defined.update({group.name: "pathcli.cli.paths" for group in app.registered_groups})
    assert {name: f"pathcli.cli.{module}" for name, module in COMMAND_MODULES.items()} == defined
