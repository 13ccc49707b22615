"""Write docs/reference.md, the reference of every command, from the app's own help:

    python docs/make_reference.py

It walks `pathcli.cli.app` as Click (Typer's copy of it) sees it: every command, every `path`
subcommand, and any command or group added later. It renders each one's usage, help text, arguments,
options and example. Nothing here names a command, so a new command appears with no change.
tests/test_reference.py fails when docs/reference.md is not what this writes."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import typer.main

REFERENCE = Path(__file__).resolve().parent / "reference.md"
HEADER = """# Command reference

Every command of pathcli with its usage, what it does, its arguments and options, and its example, as
`pathcli COMMAND --help` shows them. Every command also takes `-h`/`--help`. The README's command table
is the short version; [the guide](guide.md) tells how the commands fit together.

This page is generated from the app's help: do not edit it; run `python docs/make_reference.py` after
changing a command (tests/test_reference.py checks that it is up to date).
"""


def _plain(text: str | None) -> str:
    """Help text as written: Click's `\\b` marks (keep these lines) dropped, indentation removed."""
    if not text:
        return ""
    text = inspect.cleandoc(text)
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b").strip()


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a help text, each joined into one line, except lines that were kept apart."""
    blocks = re.split(r"\n\s*\n", text)
    out = []
    for block in blocks:
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if any(line.startswith(" ") for line in lines):  # an indented list: keep its lines
            out.append("\n".join(f"- {line.strip()}" for line in lines if line.startswith(" ")) or "")
            head = [line for line in lines if not line.startswith(" ")]
            if head:
                out[-1] = " ".join(head) + "\n\n" + out[-1]
        else:
            out.append(" ".join(line.strip() for line in lines))
    return [block for block in out if block]


def _code(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _argument_record(ctx, param) -> tuple[str, str]:
    name = param.make_metavar(ctx)
    help_text = _plain(getattr(param, "help", None))
    if param.required:
        help_text = f"{help_text} (required)".strip()
    return name, help_text


def _parameters(ctx, command) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            arguments.append(_argument_record(ctx, param))
        elif "--help" not in param.opts:
            record = param.get_help_record(ctx)
            if record:
                options.append((record[0], " ".join(_plain(record[1]).split())))
    return arguments, options


def _section(ctx, command, level: int) -> list[str]:
    name = ctx.command_path
    lines = [f"{'#' * level} {name}", ""]
    summary = _paragraphs(_plain(command.help))
    if summary:
        lines += [summary[0], ""]
    lines += ["```text", " ".join(["Usage:", name, *command.collect_usage_pieces(ctx)]), "```", ""]
    for paragraph in summary[1:]:
        lines += [paragraph, ""]
    arguments, options = _parameters(ctx, command)
    for title, records in (("Arguments", arguments), ("Options", options)):
        if records:
            lines += [f"{title}:", ""]
            lines += [f"- {_code(term)}: {text}".rstrip(": ") if text else f"- {_code(term)}" for term, text in records]
            lines.append("")
    epilog = _plain(command.epilog)
    if epilog:
        lines += [" ".join(epilog.split()), ""]
    if hasattr(command, "list_commands"):  # a group: pathcli itself, `pathcli path`
        children = [(sub, command.get_command(ctx, sub)) for sub in command.list_commands(ctx)]
        lines += ["Commands:", ""]
        for sub, child in children:
            summary = (_paragraphs(_plain(child.help)) or [""])[0]
            lines.append(f"- [{name} {sub}](#{_anchor(f'{name} {sub}')}): {summary}".rstrip(": "))
        lines.append("")
        for sub, child in children:
            lines += _section(child.context_class(child, info_name=sub, parent=ctx), child, level + 1)
    return lines


def _anchor(title: str) -> str:
    """The anchor GitHub makes of a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def _environment() -> list[str]:
    from pathcli.cli import application

    variables = getattr(application, "ENVIRONMENT", ())
    if not variables:
        return []
    lines = ["Environment variables honoured (listed at the end of `pathcli --help`):", ""]
    lines += [f"- `{name}`: {meaning}" for name, meaning in variables]
    return [*lines, ""]


def render() -> str:
    from pathcli.cli import app

    command = typer.main.get_command(app)
    ctx = command.context_class(command, info_name="pathcli")
    body = _section(ctx, command, 2)
    # The top section: the global options and where the data lives, then the commands.
    first_command = body.index("Commands:")
    body[first_command:first_command] = _environment()
    text = "\n".join([HEADER, *body])
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def main() -> None:
    REFERENCE.write_text(render(), encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(Path.cwd()) if REFERENCE.is_relative_to(Path.cwd()) else REFERENCE}")


if __name__ == "__main__":
    sys.exit(main())
