"""Text from path files and notes never reaches a terminal, a Markdown reader or an HTML page as anything but
text: every field of a path file and every note carries control characters and Markdown, and every command
is run on them."""

import http.server
import json
import re
import threading
from urllib.parse import unquote

import pytest

# What a terminal would act on: C0 controls but newline and tab, DEL, C1 controls (0x9b is a one-byte CSI),
# and the bidi overrides and isolates that reorder a line.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# In YAML's double-quoted escapes: an ESC colour, an OSC 8 hyperlink ended by BEL, a C1 CSI that clears the
# screen, a bidi override, NUL, DEL and a carriage return; then Rich and Markdown markup.
HOSTILE = r"\e[31mred\e[0m \e]8;;https://evil.example\aclick\e]8;;\a \x9b2J \u202eevil \0 \x7f \r [b]bold[/b] *x*"
HOSTILE_PATH = f"""\
id: hostile
title: "Path {HOSTILE}"
description: "About {HOSTILE}"
prerequisites:
  - {{title: "Prerequisite {HOSTILE}", description: "Needed {HOSTILE}"}}
sections:
  - title: "Section {HOSTILE}"
    steps:
      - title: "Step {HOSTILE}"
        type: "Type {HOSTILE}"
        url: "https://example.org/a)b<c>d&amp;e\\\\f"
        description: "Described {HOSTILE}"
        links: [{{title: "Link {HOSTILE}", url: "https://example.org/[x](https://evil.example)"}}]
      - title: "Second {HOSTILE}"
        url: https://example.org/second
"""
NOTE = "Note \x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07click \x9b2J \u202eevil \x7f \r\x00 end"


@pytest.fixture
def hostile_path(run, tmp_path):
    file = tmp_path / "hostile.yaml"
    file.write_text(HOSTILE_PATH, encoding="utf-8")
    for args in (["path", "validate", str(file)], ["path", "add", str(file)], ["use", "hostile"]):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert_no_raw_control(result)
    return file


def assert_no_raw_control(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not RAW_CONTROL.search(stream), stream


@pytest.mark.parametrize("note", [["note", "1", NOTE], ["note", "2", "-"]])
def test_no_command_prints_a_raw_control_character_from_a_path_file_or_a_note(run, hostile_path, tmp_path, note):
    assert_no_raw_control(run(*note, input=NOTE))
    out = tmp_path / "journal.md"
    markdown = tmp_path / "hostile.md"
    markdown.write_text(f"# Imported {NOTE}\n\n## Part {NOTE}\n\n- [Step {NOTE}](https://a.example) - {NOTE}\n")
    commands = [
        ["list"],
        ["list", "--all", "--type", "Type \x1b[31mred\x1b[0m x"],
        ["next"],
        ["show", "1"],
        ["show", "2"],
        ["notes"],
        ["progress"],
        ["stats"],
        ["paths"],
        ["export"],
        ["export", "--format", "markdown"],
        ["export", "--format", "markdown", "-o", str(out)],
        ["export", "--format", "html"],
        ["open", "1"],
        ["done", "1"],
        ["skip", "2"],
        ["undo", "2"],
        ["next"],
        *([command, "--json"] for command in ("list", "next", "notes", "progress", "stats", "paths")),
        ["show", "1", "--json"],
        # Errors that quote what was typed or what a file says
        ["show", "\x1b]0;title\x07\x9b"],
        ["list", "--status", "\x1b[2J"],
        ["--path", "\x1b[2J", "list"],
        ["use", "\x1b[2J"],
        ["path", "remove", "\x1b[2J"],
        ["path", "add", str(tmp_path / "\x1b[2J.yaml")],
        ["import", str(tmp_path / "\x1b[2J.json")],
        ["export", "--format", "\x1b[2J"],
        ["\x1b[2J"],
        ["list", "--\x1b[2J"],
        ["path", "import", str(markdown), "--id", "imported", "-o", str(tmp_path / "imported.yaml")],
        ["path", "import", str(markdown), "--id", "imported"],
        ["-p", "imported", "list"],
        ["-p", "imported", "next"],
        ["-p", "imported", "export", "-f", "markdown"],
        ["-p", "imported", "export", "-f", "html"],
        ["reset", "--yes"],
    ]
    for command in commands:
        result = run(*command)
        assert_no_raw_control(result)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
    assert not RAW_CONTROL.search(out.read_text(encoding="utf-8"))


def test_a_path_file_whose_error_quotes_control_characters_is_listed_defused(run, hostile_path, data_dir):
    broken = HOSTILE_PATH.replace("id: hostile", "id: broken").replace(
        'title: "Step', '"\\e[2J": x\n        title: "Step'
    )
    (data_dir / "paths" / "broken.yaml").write_text(broken, encoding="utf-8")
    for command in (["paths"], ["path", "validate", str(data_dir / "paths" / "broken.yaml")], ["-p", "broken", "list"]):
        result = run(*command)
        assert_no_raw_control(result)
        assert "␛" in result.stdout + result.stderr


# The journal, read back by a CommonMark parser

HOSTILE_NOTES = [
    ")[prize](https://evil.example)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<https://a/b)c>",
    "`code` and ``` fences ~~~",
    "*stars* and **bold** _under_ and __score__",
    "# not a heading",
    "| a | b |\n|---|---|\n| c | d |",
    "first line\n# not a heading\n- not a list\n+ nor this\n* nor this\n1. nor this\n2) nor this\n> not a quote",
    "a paragraph\n===\nand\n---\n    not code\n\n***",
    "&amp; &#35; &copy; stay as written, & alone too",
    "~~not struck~~ \\ back\\slash \\* [ref]: https://evil.example",
    "![image](https://evil.example/i.png) [link][ref]\n\n[ref]: https://evil.example",
    "<!-- comment --> <?php ?> <![CDATA[x]]>",
]
TITLES = ["[x](https://evil.example)", "<b>bold</b> & &amp; *a* C#", "1. looks like a list", "- a dash"]
URLS = ["https://example.org/a)b", "https://example.org/<c>d", "https://example.org/e\\f&amp;g", "https://a/b)c>"]


def _journal_path(tmp_path) -> str:
    steps = "".join(
        f"      - title: {json.dumps(title)}\n        type: {json.dumps(title)}\n        url: {json.dumps(url)}\n"
        f"        links: [{{title: {json.dumps(title)}, url: {json.dumps(url)}}}]\n"
        for title, url in zip(TITLES, URLS, strict=True)
    )
    text = f"id: journal\ntitle: {json.dumps(TITLES[0])}\nsections:\n  - title: {json.dumps(TITLES[1])}\n    steps:\n"
    file = tmp_path / "journal.yaml"
    file.write_text(text + steps, encoding="utf-8")
    return str(file)


def _plain(tokens) -> str:
    """The words a reader sees: the text of every inline token, whitespace collapsed."""
    words = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        words.append(" ")
    return " ".join("".join(words).split())


def test_the_markdown_journal_keeps_hostile_notes_and_titles_as_words(run, tmp_path):
    from markdown_it import MarkdownIt

    assert run("path", "add", _journal_path(tmp_path)).exit_code == 0
    for note in HOSTILE_NOTES:
        assert run("-p", "journal", "note", "1", note).exit_code == 0
    run("-p", "journal", "skip", "2")
    journal = run("-p", "journal", "export", "--format", "markdown").stdout

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(journal)
    kinds = {token.type for token in tokens} | {child.type for token in tokens for child in token.children or []}
    assert not kinds & {"html_block", "html_inline", "image", "code_inline", "code_block", "fence", "table_open"}
    assert not kinds & {"em_open", "strong_open", "blockquote_open", "ordered_list_open", "hr"}
    assert [token.tag for token in tokens if token.type == "heading_open"] == ["h1", "h2"]
    assert sum(1 for token in tokens for child in token.children or [] if child.type == "s_open") == 1  # skipped
    hrefs = [child.attrs["href"] for token in tokens for child in token.children or [] if child.type == "link_open"]
    assert [unquote(href) for href in hrefs] == [unquote(url) for url in URLS for _ in range(2)]
    plain = _plain(tokens)
    for text in [*HOSTILE_NOTES, *TITLES]:
        assert " ".join(text.split()) in plain, text


def test_markdown_text_escapes_what_would_start_a_block(run):
    from pathcli.transfer.exchange import markdown_text, markdown_url

    assert markdown_text("- a") == "\\- a"
    assert markdown_text("12. b") == "12\\. b"
    assert markdown_text("3) c") == "3\\) c"
    assert markdown_text("a & b &amp; c") == "a & b \\&amp; c"
    assert markdown_url("https://a/b)c>d e") == "<https://a/b)c%3Ed%20e>"


@pytest.mark.parametrize(
    "args",
    [
        ["--path", "a\nb", "list"],
        ["use", "a\nb"],
        ["show", "a\nb"],
        ["list", "--status", "a\nb"],
        ["export", "--format", "a\nb"],
        ["path", "remove", "a\nb"],
        ["path", "add", "a\nb.yaml"],
    ],
)
def test_an_error_quoting_a_line_break_is_still_one_line(run, args):
    result = run(*args)
    assert result.exit_code == 1 and result.stderr.startswith("pathcli: ") and result.stderr.count("\n") == 1


class _HostileServer(http.server.BaseHTTPRequestHandler):
    """Answers every request 404 with a reason phrase full of escape sequences."""

    def do_HEAD(self):
        self.send_response(404, "\x1b[31mGone\x1b]0;pwned\x07 \x9b2J")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_what_a_web_server_says_is_defused_in_check_list_and_next(run, tmp_path, hostile_server):
    file = tmp_path / "web.yaml"
    file.write_text(
        f"id: web\ntitle: Web\nsections: [{{title: S, steps: [{{title: A, url: '{hostile_server}/a'}}]}}]\n"
    )
    assert run("path", "add", str(file)).exit_code == 0
    for command in (["-p", "web", "check", "--timeout", "2"], ["-p", "web", "list"], ["-p", "web", "next"]):
        result = run(*command)
        assert_no_raw_control(result)
        assert ("Gone" if command[2] != "list" else "link broken") in result.stdout, command
