"""Bytes that are not UTF-8, terminals that are not UTF-8, and time zones, through real processes: these
are properties of how the operating system hands pathcli its arguments, streams and clock."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathcli.text import minute

pytestmark = pytest.mark.skipif(os.name == "nt", reason="arguments and environment as bytes are POSIX")

# Python decodes a C locale's arguments and streams in UTF-8 mode (surrogateescape); a UTF-8 locale
# decodes arguments with surrogateescape but standard input strictly. Both must end the same way.
LOCALES = [{"LC_ALL": "C.UTF-8"}, {"LC_ALL": "C"}]


def pathcli(*args: str | bytes, env: dict | None = None, input: bytes | None = None, data_dir=None):
    """pathcli in its own process, arguments and output as bytes."""
    environment = {key: value for key, value in os.environb.items() if not key.startswith((b"LC_", b"PYTHONIO"))}
    environment.pop(b"PYTHONUTF8", None)
    environment.update({os.fsencode(key): os.fsencode(value) for key, value in (env or {}).items()})
    if data_dir is not None:
        environment[b"PATHCLI_DATA_DIR"] = os.fsencode(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "pathcli", *args], input=input, capture_output=True, env=environment, timeout=60
    )


def assert_one_line_error(result, *words: str) -> str:
    assert result.returncode == 1, result
    assert b"Traceback" not in result.stderr
    message = result.stderr.decode("utf-8")  # strictly: no stray byte reaches the terminal
    assert message.startswith("pathcli: ") and message.count("\n") == 1, message
    for word in words:
        assert word in message
    return message


@pytest.mark.parametrize("locale", LOCALES)
def test_a_note_that_is_not_utf8_is_refused_from_arguments_and_stdin(data_dir, locale):
    assert pathcli("note", "1", b"caf\xe9", env=locale).returncode == 1
    assert_one_line_error(pathcli("note", "1", b"caf\xe9", env=locale), "not saved", "0xe9", "not UTF-8")
    assert_one_line_error(pathcli("note", "2", "-", input=b"ok \xff", env=locale), "not saved")
    assert pathcli("note", "2", "-", input="café ✎\n".encode(), env=locale).returncode == 0
    assert not (data_dir / "progress.json").exists() or b"\\udc" not in (data_dir / "progress.json").read_bytes()
    notes = json.loads(pathcli("notes", "--json", env=locale).stdout)
    assert [note["text"] for step in notes for note in step["notes"]] == ["café ✎"]  # trimmed


@pytest.mark.parametrize(
    "args",
    [
        ["show", b"\xe9"],
        ["done", b"1", b"caf\xe9"],
        ["--path", b"caf\xe9", "list"],
        ["use", b"caf\xe9"],
        ["path", "remove", b"caf\xe9"],
        ["list", "--status", b"\xe9"],
        ["path", "import", b"missing-\xe9.md"],
        ["path", "add", b"missing-\xe9.yaml"],
        ["import", b"missing-\xe9.json"],
        ["export", "--format", b"\xe9"],
    ],
)
def test_arguments_that_are_not_utf8_are_one_clean_line(data_dir, args):
    assert_one_line_error(pathcli(*args))
    assert not (data_dir / "progress.json").exists()


def test_files_with_names_that_are_not_utf8_are_read_written_and_named(tmp_path, data_dir):
    folder = os.fsencode(tmp_path)
    path_file = folder + b"/caf\xe9.yaml"
    with open(path_file, "w", encoding="utf-8") as file:
        file.write(
            "id: cafe\ntitle: Café\nsections:\n  - title: S\n    steps:\n      - {title: A, url: https://a.example}\n"
        )
    validated = pathcli("path", "validate", path_file)
    assert validated.returncode == 0 and "caf\ufffd.yaml: a valid path 'cafe'" in validated.stdout.decode()
    assert pathcli("path", "add", path_file).returncode == 0
    export = folder + b"/caf\xe9.json"
    written = pathcli("export", "-o", export)
    assert written.returncode == 0 and "Wrote" in written.stderr.decode() and os.path.exists(export)
    assert pathcli("import", export).returncode == 0
    assert pathcli("export", "-o", export).returncode == 1  # exists: named, in one clean line
    assert_one_line_error(pathcli("export", "-o", export), "caf\ufffd.json", "exists")


def test_a_data_folder_whose_name_is_not_utf8_works(tmp_path):
    data = os.fsencode(tmp_path) + b"/donn\xe9es"
    assert pathcli("note", "1", "hello", data_dir=data).returncode == 0
    assert os.path.exists(data + b"/progress.json")
    for command in (["list"], ["show", "1"], ["paths"], ["paths", "--json"], ["export", "-f", "markdown"]):
        result = pathcli(*command, data_dir=data)
        assert result.returncode == 0 and result.stderr == b"", (command, result.stderr)
        result.stdout.decode("utf-8")
    with open(data + b"/progress.json", "wb") as file:
        file.write(b"{broken")
    assert_one_line_error(pathcli("list", data_dir=data), "donn\ufffdes")


def test_undecodable_text_saved_by_an_older_pathcli_is_shown_never_crashes(data_dir):
    data_dir.mkdir()
    note = {"id": "a", "text": "caf\udce9", "at": "2026-01-01T05:00:00+00:00"}
    document = {
        "version": 2,
        "paths": {"transformers": {"steps": {"the-transformer-model": {"status": "todo", "notes": [note]}}}},
    }
    (data_dir / "progress.json").write_text(json.dumps(document))  # as ASCII escapes, as pathcli wrote them
    for command in (["show", "2"], ["notes"], ["export", "-f", "markdown"], ["export"], ["list"], ["progress"]):
        result = pathcli(*command)
        assert result.returncode == 0 and result.stderr == b"", (command, result.stderr)
        assert "caf\ufffd" in result.stdout.decode("utf-8") or command in (["export"], ["list"], ["progress"])


def test_exports_and_path_files_holding_escaped_lone_surrogates_are_refused(tmp_path, data_dir):
    export = tmp_path / "export.json"
    note = {"id": "a", "text": "caf\udce9", "at": "2026-01-01T05:00:00+00:00"}
    progress = {
        "version": 2,
        "paths": {"transformers": {"steps": {"transformers-from-scratch": {"status": "todo", "notes": [note]}}}},
    }
    export.write_text(json.dumps({"format": "pathcli-export", "version": 1, "progress": progress}))
    assert_one_line_error(pathcli("import", str(export)), "0xe9")
    path_file = tmp_path / "p.yaml"
    path_file.write_text(
        'id: p\ntitle: "caf\\udce9"\nsections: [{title: S, steps: [{title: A, url: "https://a.example"}]}]\n'
    )
    # libyaml refuses the escape itself, naming its place; PyYAML's own parser lets it through to
    # pathcli's check, which names the byte.
    message = assert_one_line_error(pathcli("path", "add", str(path_file)))
    assert "0xe9" in message or "line 2, column 14: found invalid Unicode character escape code" in message
    assert not (data_dir / "progress.json").exists()


# Terminals that cannot show every character


ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LANG": "C", "LC_ALL": "C"},
    {"LC_ALL": "en_US.ISO-8859-1"},  # on machines that have the locale; others fall back to C
    {"PYTHONIOENCODING": "cp437"},
]


@pytest.fixture(scope="session")
def latin1_locale(tmp_path_factory) -> dict:
    """An ISO-8859-1 locale built for the test where localedef can (few machines install one)."""
    folder = tmp_path_factory.mktemp("locales")
    try:
        built = subprocess.run(
            ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / "en_US.ISO-8859-1")], capture_output=True
        )
    except OSError:
        return {}
    return {"LOCPATH": str(folder)} if built.returncode == 0 else {}


def _stdout_encoding(env: dict) -> str:
    probe = [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"]
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "PYTHONIO"))}
    return subprocess.run(probe, capture_output=True, text=True, env={**environment, **env}).stdout.strip()


@pytest.mark.parametrize("env", ENCODINGS, ids=lambda env: " ".join(f"{k}={v}" for k, v in env.items()))
def test_every_view_prints_on_a_terminal_that_is_not_utf8(data_dir, env, latin1_locale):
    if "ISO-8859-1" in env.get("LC_ALL", ""):
        env = {**env, **latin1_locale}
    encoding = _stdout_encoding(env)
    assert pathcli("note", "2", "café — naïve ✎ 語 “quoted”").returncode == 0
    assert pathcli("done", "1").returncode == 0
    commands = [
        ["list"],
        ["next"],
        ["show", "2"],
        ["progress"],
        ["stats"],
        ["notes"],
        ["paths"],
        ["export", "-f", "markdown"],
    ]
    for command in commands:
        result = pathcli(*command, env=env)
        assert result.returncode == 0 and result.stderr == b"", (command, result.stderr)
        result.stdout.decode(encoding)  # strictly: written in the terminal's encoding
    if encoding == "ascii":
        assert b"| * |" in pathcli("list", env=env).stdout.replace(b"\xe2\x94\x82", b"|")  # the note mark
        assert b"Step 1 of 6 - Fundamentals" in pathcli("show", "1", env=env).stdout
        assert b'cafe - naive * ?? "quoted"' in pathcli("show", "2", env=env).stdout
    if encoding in ("iso8859-1", "latin-1"):  # it has · and é, not ✎
        assert "Step 1 of 6 · Fundamentals".encode("latin-1") in pathcli("show", "1", env=env).stdout
        assert "café - naïve * ??".encode("latin-1") in pathcli("show", "2", env=env).stdout
    error = pathcli("show", "café ✎", env=env)
    assert error.returncode == 1 and b"Traceback" not in error.stderr


# Time zones


def test_times_are_shown_in_local_time_whatever_offset_they_were_written_in(data_dir):
    data_dir.mkdir()
    # Done at 01:00 UTC, written in Tokyo; a note at 05:00 UTC: the note is the later, whatever they read as.
    steps = {
        "transformers-from-scratch": {"status": "done", "done_at": "2026-01-01T10:00:00+09:00"},
        "the-transformer-model": {
            "status": "todo",
            "notes": [{"id": "a", "text": "later", "at": "2026-01-01T05:00:00+00:00"}],
        },
    }
    (data_dir / "progress.json").write_text(json.dumps({"version": 2, "paths": {"transformers": {"steps": steps}}}))
    for zone, first, last in [
        ("UTC0", "2026-01-01 01:00", "2026-01-01 05:00"),
        ("EST+5", "2025-12-31 20:00", "2026-01-01 00:00"),
        ("JST-9", "2026-01-01 10:00", "2026-01-01 14:00"),
    ]:
        env = {"TZ": zone}
        assert f"First activity {first}, last activity {last}" in pathcli("progress", env=env).stdout.decode()
        assert f"done {first}" in pathcli("show", "1", env=env).stdout.decode()
        assert f"{last} later" in pathcli("notes", env=env).stdout.decode()
        journal = pathcli("export", "-f", "markdown", env=env).stdout.decode()
        assert f"(Article, done {first[:10]})" in journal and f"Note, {last}: later" in journal
    assert json.loads(pathcli("show", "1", "--json").stdout)["done_at"] == "2026-01-01T10:00:00+09:00"


@given(st.text(max_size=40) | st.datetimes().map(lambda moment: moment.isoformat()))
def test_a_time_that_is_not_one_is_shown_as_written_never_a_crash(stamp):
    shown = minute(stamp)
    assert "\n" not in shown and "\x1b" not in shown


def test_a_path_with_a_lone_surrogate_is_refused_whatever_parsed_it():
    from pathcli.errors import PathcliError
    from pathcli.store import pathfile

    data = {
        "id": "p",
        "title": "caf\udce9",
        "sections": [{"title": "S", "steps": [{"title": "A", "url": "https://a.example"}]}],
    }
    with pytest.raises(PathcliError, match="0xe9"):
        pathfile.validate(data, "p.yaml")
