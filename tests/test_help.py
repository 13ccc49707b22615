"""Every command's --help, at 40 and 80 columns, reads as written: no type markers (<str>), no ranges in
Click's notation ([x>=1]), nothing eaten as markup (an empty "()"), no word broken across lines, and no
sentence broken in the middle of a line."""

import re

import pytest
import typer

from pathcli.cli import app

WIDTHS = (40, 80)
_BOX = str.maketrans("", "", "│╭╮╰╯─┃━")


def _commands():
    """(words typed after pathcli, the Click command) for every command, path's subcommands included."""
    found = []

    def walk(command, words):
        found.append((words, command))
        for name, sub in getattr(command, "commands", {}).items():
            if not getattr(sub, "hidden", False):
                walk(sub, [*words, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


def _texts(command) -> list[str]:
    """The help the command's author wrote: its own, its epilog's and each parameter's."""
    # examples are shown one a line, under "Example:" or "Examples:"
    examples = (command.epilog or "").removeprefix("Example: ").split("; ")
    texts = [command.help or "", *examples]
    texts += [getattr(param, "help", None) or "" for param in command.params]
    return [text for text in texts if text]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("words", [words for words, _ in COMMANDS], ids=lambda words: " ".join(words) or "pathcli")
def test_help_reads_as_written(run, monkeypatch, words, width):
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*words, "--help")
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    for bad in ("<str>", "<path>", "<text>", "<integer>", "[x>=", "()"):
        assert bad not in shown, (bad, shown)
    assert not re.search(r"<[a-z]+>", shown), shown
    tokens = set(shown.translate(_BOX).split())
    command = dict((tuple(w), c) for w, c in COMMANDS)[tuple(words)]
    for example in (command.epilog or "").removeprefix("Example: ").split("; "):
        if example.startswith("pathcli"):  # a command is never broken across lines
            assert any(example.split(" (")[0] in line for line in shown.splitlines()), (example, shown)
    for text in _texts(command):
        for word in text.replace("\b", " ").split():
            assert word in tokens, (
                f"{word!r} of {' '.join(words)} --help is not shown whole at {width} columns:\n{shown}"
            )


@pytest.mark.parametrize("words", [words for words, _ in COMMANDS], ids=lambda words: " ".join(words) or "pathcli")
def test_help_paragraphs_are_one_line_each(words):
    """Rich help keeps the line breaks of a docstring: a paragraph written on two lines is shown on two."""
    command = dict((tuple(w), c) for w, c in COMMANDS)[tuple(words)]
    for paragraph in (command.help or "").split("\n\n"):
        if not paragraph.startswith("\b"):
            assert "\n" not in paragraph.strip(), paragraph
