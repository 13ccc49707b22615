"""The way out to the terminal: a Rich console made on demand, plain messages wrapped between words, warnings
on stderr, and JSON. Results go to stdout, messages to stderr; every view prints through these.
"""

import json
import sys

from pathcli.text import defuse


def console():
    """A console on stdout, made when needed (so that tests, which swap sys.stdout, see its output), with
    markup, emoji codes and highlighting off: nothing in data is ever interpreted."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


def terminal_width() -> int | None:
    """The width to wrap messages at: the terminal's, or None when stdout is not a terminal (a script or a
    file gets each message on one line)."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def say(line: str) -> None:
    """A message on stdout; on a terminal, wrapped between words at its width (a word is never broken, so
    a URL stays whole)."""
    import textwrap

    width = terminal_width() or sys.maxsize
    wrapped = []
    # Callers defuse what they quote (one_line where a line is all there is room for); defusing the whole
    # line again costs nothing and keeps a forgotten call from reaching the terminal.
    for part in defuse(line).split("\n"):
        indent = " " * (len(part) - len(part.lstrip(" ")))
        wrapped.append(
            textwrap.fill(part, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
            if len(part) > width
            else part
        )
    sys.stdout.write("\n".join(wrapped) + "\n")


def warn(line: str) -> None:
    sys.stderr.write(defuse(line) + "\n")


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


# JSON shapes
