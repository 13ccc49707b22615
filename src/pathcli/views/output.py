"""The one text layer: every line pathcli prints goes out through here, results, messages, errors, prompts
and Rich views alike. New commands and views use these and nothing else to print:

- say(text): a result on stdout;
- warn(text): a message (a notice, a hint, a warning) on stderr;
- error(text): an error as the error boundary prints it, "pathcli: text" on stderr (commands raise
  PathcliError instead, and cli.application calls this);
- confirm(question): a yes/no question on stderr, answered on stdin; False unless the answer is yes;
- end_of_input(): the keys that end typed input on this platform ("Ctrl-D", or "Ctrl-Z then Enter");
- keep(text): text that is never broken between lines (a command with its arguments, say); commands
  that start with "pathcli" and every word (an id, a URL, a file name) are kept whole without it;
- console(): a Rich console on stdout for tables and panels, trailing spaces trimmed;
- line(text, style): a plain line for a Rich console, wrapped here as say wraps (print it with
  soft_wrap=True so that Rich does not wrap it again);
- wrap(text, width): the wrapping itself; terminal_width(stream): the width to wrap at, or None;
- print_json(data): JSON on stdout, unwrapped.

How text is wrapped: only on a terminal (piped output keeps each message on one line, and never ends a
line with spaces); between words, at spaces only (a hyphen is part of its word); a word longer than the
rest of the line goes on a line of its own, whole, even past the width; continuation lines are indented
two spaces more than the line they continue. Everything printed is defused (control characters shown).
"""

import json
import re
import sys

from pathcli.text import defuse

# Glues the words of a command together while wrapping; printed as a space.
_GLUE = "\u00a0"
# The options that take a value, so that `pathcli -p rl open` and `--id stats` stay in one piece.
_VALUED = {"-p", "--path", "--id", "-o", "--output", "-f", "--format", "--status", "--type", "--section"}
_VALUED |= {"--edit", "--delete", "--base-url", "--timeout", "--per-host"}
_ARGUMENT = re.compile(r"^(-{1,2}[A-Za-z][\w-]*|[A-Z][A-Z|.\[\]]*|\[?[A-Z]+\]?\.*|\d[\d,-]*|\S*[./=]\S+)[.,;:)]?$")
_COMMAND_WORD = re.compile(r"^[a-z][a-z-]*[.,;:)]?$")
_ENDS_A_CLAUSE = (".", ",", ";", ":", ")")


def terminal_width(stream=None) -> int | None:
    """The width to wrap at: the terminal's, or None when the stream (stdout by default) is not a terminal
    (a script or a file gets each message on one line)."""
    import shutil

    stream = stream or sys.stdout
    try:
        return shutil.get_terminal_size().columns if stream.isatty() else None
    except (AttributeError, ValueError):  # a closed or odd stream
        return None


def keep(text: str) -> str:
    """text as one unbreakable word for wrap (it prints with its spaces)."""
    return text.replace(" ", _GLUE)


def _glue_commands(text: str) -> str:
    """Each `pathcli ...` command in text made one word: pathcli, its global options, the command (and the
    subcommand of `path`), then the arguments that look like arguments (options, numbers, ids with a dot,
    a slash or an equals sign, upper-case placeholders)."""
    words = text.split(" ")
    out: list[str] = []
    index = 0
    while index < len(words):
        if words[index] != "pathcli":
            out.append(words[index])
            index += 1
            continue
        end = index + 1
        while end + 1 < len(words) and words[end] in _VALUED:  # pathcli -p ID
            end += 2
        if end < len(words) and _COMMAND_WORD.match(words[end]):
            end += 1
            if words[end - 1] == "path" and end < len(words) and _COMMAND_WORD.match(words[end]):
                end += 1
            while end < len(words) and not words[end - 1].endswith(_ENDS_A_CLAUSE):
                if words[end].startswith('"'):  # a quoted argument, to its closing quote
                    close = next((i for i in range(end, len(words)) if words[i].rstrip(".,;:").endswith('"')), None)
                    if close is None or (close == end and len(words[end].rstrip(".,;:")) < 2):
                        break
                    end = close + 1
                elif _ARGUMENT.match(words[end]) or words[end - 1] in _VALUED:
                    end += 1
                else:
                    break
        out.append(_GLUE.join(words[index:end]))
        index = end
    return " ".join(out)


def wrap(text: str, width: int | None) -> str:
    """text wrapped to width (None: not at all), as the module's docstring says; trailing spaces dropped."""
    lines = []
    for part in defuse(text).split("\n"):
        part = part.rstrip(" ")
        if width is None or len(part) <= width:
            lines.append(part.replace(_GLUE, " "))
            continue
        indent = len(part) - len(part.lstrip(" "))
        lead, more = " " * indent, " " * (indent + 2)
        current, prefix = "", lead
        for word in _glue_commands(part[indent:]).split(" "):
            if not word:
                continue
            if current and len(prefix) + len(current) + 1 + len(word) > width:
                lines.append(prefix + current)
                current, prefix = word, more
            else:
                current = f"{current} {word}" if current else word
        lines.append(prefix + current)
        lines[-1] = lines[-1]
    return "\n".join(line.replace(_GLUE, " ") for line in lines)


def say(text: str) -> None:
    """A result on stdout, wrapped between words on a terminal."""
    sys.stdout.write(wrap(text, terminal_width(sys.stdout)) + "\n")


def warn(text: str) -> None:
    """A message on stderr, wrapped between words on a terminal."""
    sys.stderr.write(wrap(text, terminal_width(sys.stderr)) + "\n")


def error(text: str) -> None:
    """An error as people see it: one line on stderr (wrapped on a terminal), starting with pathcli:."""
    warn(f"pathcli: {text}")


def end_of_input() -> str:
    """The keys that end what is typed on standard input, on this platform."""
    return "Ctrl-Z then Enter" if sys.platform == "win32" else "Ctrl-D"


def confirm(question: str) -> bool:
    """question, then [y/N], on stderr; True when the answer read from stdin is y or yes (any case)."""
    sys.stderr.write(wrap(f"{question} [y/N]:", terminal_width(sys.stderr)) + " ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer.endswith("\n") or not sys.stdin.isatty():
        sys.stderr.write("\n")  # nothing echoed the answer: the next message starts on a line of its own
    return answer.strip().casefold() in ("y", "yes")


class _Trimmed:
    """A stream that drops the spaces at the end of every line (Rich pads lines to the width)."""

    def __init__(self, stream):
        self._stream = stream
        self._held = ""

    def write(self, text: str) -> int:
        text = self._held + text
        body = text.rstrip(" ")
        self._held = text[len(body) :]
        self._stream.write(re.sub(r" +\n", "\n", body))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


def console():
    """A console on stdout, made when needed (so that tests, which swap sys.stdout, see its output), with
    markup, emoji codes and highlighting off: nothing in data is ever interpreted. Lines end without spaces."""
    from rich.console import Console

    return Console(file=_Trimmed(sys.stdout), markup=False, emoji=False, highlight=False)


def line(text: str, style: str = ""):
    """text wrapped as say wraps it, as Rich Text to print with soft_wrap=True."""
    from rich.text import Text

    return Text(wrap(text, terminal_width(sys.stdout)), style=style)


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, indent=2) + "\n")
