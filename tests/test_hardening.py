"""Issue 10, data and denial of service: hostile or careless files and arguments are refused in one line,
change nothing, and never lose what the user saved. Every case runs through the real command line."""

import json
import os
import stat
import subprocess
import sys
import time

import pytest
from conftest import pathcli_process

from pathcli.store import locations

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file types and modes")

RL = """\
id: rl
title: Reinforcement Learning
sections:
  - title: Basics
    steps:
      - title: Bandits
        url: https://example.org/aaa
      - title: Markov Decision Processes
        url: https://example.org/mdp
"""


def _progress(data_dir, document) -> bytes:
    data_dir.mkdir(exist_ok=True)
    raw = (document if isinstance(document, str) else json.dumps(document)).encode()
    (data_dir / "progress.json").write_bytes(raw)
    return raw


def _refused(result, *phrases):
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pathcli: "), result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    return result.stderr


def _installed(run, tmp_path, text=RL, name="rl.yaml"):
    file = tmp_path / name
    file.write_text(text)
    result = run("path", "add", str(file))
    assert result.exit_code == 0, result.stderr
    return file


def _export(progress, **changes):
    return json.dumps({"format": "pathcli-export", "version": 1, "exported_at": "2026-01-01T00:00:00+00:00",
                       "progress": progress, **changes})  # fmt: skip


DONE = {"status": "done", "done_at": "2026-01-02T10:00:00+00:00"}


# 1. Duplicate keys


@pytest.mark.parametrize(
    "text",
    [
        '{"version": 2, "paths": {}, "paths": {"transformers": {"steps": {}}}}',
        '{"version": 2, "paths": {"transformers": {"steps": {"a": {"status": "done", "status": "todo"}}}}}',
    ],
)
def test_duplicate_keys_in_progress_are_refused_and_the_file_kept(run, data_dir, text):
    raw = _progress(data_dir, text)
    for command in (["list"], ["done", "1"]):
        _refused(run(*command), "appears twice", "will not change it")
    assert (data_dir / "progress.json").read_bytes() == raw


# 2. and 9. Symbolic links written through; modes kept, new files private


@POSIX
def test_a_linked_progress_file_is_written_through_the_link(run, run_json, data_dir, tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    (synced / "progress.json").write_text(json.dumps({"version": 2, "paths": {}}))
    data_dir.mkdir()
    (data_dir / "progress.json").symlink_to(synced / "progress.json")
    assert run("done", "1").exit_code == 0
    assert (data_dir / "progress.json").is_symlink()
    steps = json.loads((synced / "progress.json").read_text())["paths"]["transformers"]["steps"]
    assert steps["transformers-from-scratch"]["status"] == "done"
    assert run_json("next")["number"] == 2
    assert [p.name for p in synced.iterdir()] == ["progress.json"]  # no temporary file left behind


@POSIX
def test_new_files_are_private_and_an_existing_mode_is_kept(run, data_dir, tmp_path):
    assert run("done", "1").exit_code == 0
    progress = data_dir / "progress.json"
    assert stat.S_IMODE(progress.stat().st_mode) == 0o600
    progress.chmod(0o640)
    assert run("done", "2").exit_code == 0
    assert stat.S_IMODE(progress.stat().st_mode) == 0o640
    assert run("export", "-o", str(tmp_path / "backup.json")).exit_code == 0
    assert stat.S_IMODE((tmp_path / "backup.json").stat().st_mode) == 0o600
    (tmp_path / "shared.json").write_text("old")
    (tmp_path / "shared.json").chmod(0o644)
    assert run("export", "-o", str(tmp_path / "shared.json"), "--force").exit_code == 0
    assert stat.S_IMODE((tmp_path / "shared.json").stat().st_mode) == 0o644


# 3. path remove --purge leaves a working state whatever fails


def _failing(what):
    def fail(*args, **kwargs):
        from pathcli.errors import PathcliError

        raise PathcliError(f"cannot {what}: simulated failure")

    return fail


def test_remove_purge_keeps_the_path_when_progress_cannot_be_written(run, run_json, tmp_path, monkeypatch):
    _installed(run, tmp_path)
    assert run("use", "rl").exit_code == 0
    assert run("done", "1").exit_code == 0
    with monkeypatch.context() as patch:
        patch.setattr("pathcli.store.fsutil.atomic_write", _failing("write"))
        _refused(run("path", "remove", "rl", "--purge", "--yes"), "simulated failure")
    assert run_json("next")["title"] == "Markov Decision Processes"  # still usable, progress intact


def test_remove_purge_leaves_a_working_state_when_the_file_cannot_be_deleted(run, run_json, tmp_path, monkeypatch):
    _installed(run, tmp_path)
    assert run("use", "rl").exit_code == 0
    assert run("done", "1").exit_code == 0
    with monkeypatch.context() as patch:
        patch.setattr("pathlib.Path.unlink", _failing("delete"))
        _refused(run("path", "remove", "rl", "--purge", "--yes"), "simulated failure")
    assert run_json("next")["number"] == 1  # back on the default path: every command works
    assert run_json("--path", "rl", "next")["number"] == 1  # the path is there, its progress purged


# 4. A path file named other than its id


def test_a_path_file_whose_id_differs_from_its_name_is_refused(run, run_json, data_dir):
    paths = data_dir / "paths"
    paths.mkdir(parents=True)
    (paths / "foo.yaml").write_text(RL.replace("id: rl", "id: bar"))
    _refused(run("use", "foo"), "foo.yaml", "'bar'")
    assert run_json("next")["number"] == 1  # active_path untouched: everything still works
    row = next(row for row in run_json("paths") if row["id"] == "foo")
    assert "'bar'" in row["problem"]


# 5. A command that changes nothing creates nothing


@pytest.mark.parametrize(
    "command", [["use", "nope"], ["done", "99"], ["note", "99", "x"], ["open", "0"], ["--path", "nope", "done", "1"]]
)
def test_failing_commands_on_a_fresh_machine_create_nothing(run, data_dir, command):
    _refused(run(*command))
    assert not data_dir.exists()


def test_commands_that_change_nothing_create_nothing(run, data_dir):
    assert run("reset", "--yes").exit_code == 0
    assert run("undo", "1").exit_code == 0
    assert not data_dir.exists()
    assert run("done", "1").exit_code == 0
    assert sorted(p.name for p in data_dir.iterdir()) == ["progress.json", "progress.json.lock"]


# 6. The path cache


def test_an_edit_that_keeps_size_and_modification_time_is_seen(run, run_json, tmp_path):
    _installed(run, tmp_path)
    installed = locations.user_paths_dir() / "rl.yaml"
    info = installed.stat()
    assert run_json("--path", "rl", "show", "1")["url"] == "https://example.org/aaa"
    replacement = installed.with_name("new.tmp")
    replacement.write_text(installed.read_text().replace("/aaa", "/bbb"))
    os.replace(replacement, installed)
    os.utime(installed, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert installed.stat().st_size == info.st_size and installed.stat().st_mtime_ns == info.st_mtime_ns
    assert run_json("--path", "rl", "show", "1")["url"] == "https://example.org/bbb"


def test_stray_temporary_files_are_swept_from_the_cache(run, run_json, tmp_path):
    run_json("list")
    cache = next(locations.cache_dir().rglob("*.json")).parent
    stray = cache / ".transformers-0badcafe.json.4242.deadbeef.tmp"
    stray.write_text("{")
    _installed(run, tmp_path)
    run_json("--path", "rl", "list")
    assert not stray.exists()


# 10. Export targets


@POSIX
def test_export_refuses_targets_that_are_not_regular_files(run, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        _refused(run("export", "-o", str(target), "--force"), str(target), "not a")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir() and not list(folder.iterdir())


def test_export_does_not_create_missing_folders(run, tmp_path):
    _refused(run("export", "-o", str(tmp_path / "no" / "such" / "backup.json")), "no folder")
    assert not (tmp_path / "no").exists()


# 11. Errors quote a short, defused excerpt


@pytest.mark.parametrize(
    "secret_file",
    [
        "title: x\nid: x\nsections: []\nSECRET" + "s" * 200 + ": 1\n",
        RL.replace("https://example.org/aaa", "ftp://SECRET" + "s" * 200),
        RL.replace("id: rl", "id: SECRET" + "s" * 200),
        RL.replace("title: Bandits", "title: SECRET" + "s" * 200 + "\n        url: ftp://x"),
    ],
)
def test_errors_quote_at_most_a_short_excerpt_of_a_file(run, tmp_path, secret_file):
    (tmp_path / "secret").write_text(secret_file)
    link = tmp_path / "innocent.yaml"
    link.symlink_to(tmp_path / "secret")
    message = _refused(run("path", "validate", str(link)))
    assert "s" * 60 not in message and len(message) < 300


def test_progress_errors_quote_at_most_a_short_excerpt(run, data_dir):
    long = "\x1b[31m" + "s" * 500
    _progress(data_dir, {"version": 2, "paths": {"transformers": {"steps": {"x": {"status": long}}}}})
    message = _refused(run("list"), "status")
    assert "s" * 60 not in message and "\x1b" not in message


# 12. Aliases


def test_aliases_are_refused_in_path_files(run, tmp_path):
    file = tmp_path / "alias.yaml"
    file.write_text(RL.replace("url: https://example.org/aaa", "url: &u https://example.org/aaa").replace(
        "url: https://example.org/mdp", "url: *u"))  # fmt: skip
    _refused(run("path", "add", str(file)), "line 7", "alias (*name)")
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 7)]
    file.write_text("\n".join(levels) + "\nid: bomb\n")
    _refused(run("path", "add", str(file)), "aliases")


# 13. Non-regular and oversized files


@POSIX
@pytest.mark.parametrize(
    "command", [["import", "/dev/zero"], ["path", "add", "/dev/urandom"], ["path", "import", "/dev/zero"]]
)
def test_devices_are_refused_before_reading(run, command):
    _refused(run(*command), "not a regular file")


@POSIX
def test_a_fifo_at_progress_json_is_refused_not_waited_on(data_dir):
    data_dir.mkdir()
    os.mkfifo(data_dir / "progress.json")
    for command in (["list"], ["done", "1"]):
        result = pathcli_process(*command)  # the old build waited here for ever (the timeout fails it)
        assert result.returncode == 1 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(data_dir / "progress.json").st_mode)


def test_oversized_files_are_refused_before_reading(run, tmp_path, data_dir):
    from pathcli.store import fsutil

    big = tmp_path / "big.yaml"
    with open(big, "wb") as stream:
        stream.truncate(fsutil.MAX_SOURCE_BYTES + 1)  # sparse: no time nor disk spent
    _refused(run("path", "add", str(big)), "larger than 10 MiB")
    _refused(run("path", "import", str(big)), "larger than 10 MiB")
    data_dir.mkdir()
    with open(data_dir / "progress.json", "wb") as stream:
        stream.truncate(fsutil.MAX_PROGRESS_BYTES + 1)
    _refused(run("list"), "larger than 64 MiB")


def test_an_import_whose_path_file_could_not_be_read_back_is_refused(run, tmp_path, data_dir, monkeypatch):
    """Markdown just under the size limit makes a larger path file (ids and keys for every step): it was
    installed, and then every command on it said the file was too big to read."""
    from pathcli.store import fsutil

    markdown = tmp_path / "long.md"
    markdown.write_text("# Long\n\n" + "".join(f"- [Item {n}](https://e.example/{n})\n" for n in range(40)))
    limit = markdown.stat().st_size + 100  # the Markdown fits; its path file does not
    monkeypatch.setattr(fsutil, "MAX_SOURCE_BYTES", limit)
    _refused(run("path", "import", str(markdown)), "'long' would be a path file of", "split it into smaller paths")
    assert not data_dir.exists()
    _refused(run("path", "import", str(markdown), "-o", str(tmp_path / "long.yaml")), "split it into smaller paths")
    assert not (tmp_path / "long.yaml").exists()


def test_a_folder_is_refused(run, tmp_path):
    folder = tmp_path / "looks.yaml"
    folder.mkdir()
    _refused(run("path", "add", str(folder)), "it is a folder")
    _refused(run("import", str(folder)), "it is a folder")


# 15. and 23. JSON: depth, non-finite numbers, huge integers, export versions


def _deep(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [70, 1000, 100_000])
def test_deep_nesting_is_refused_cleanly(run, data_dir, tmp_path, depth):
    record = f'{{"status": "done", "extra": {_deep(depth)}}}'
    _progress(data_dir, f'{{"version": 2, "paths": {{"transformers": {{"steps": {{"x": {record}}}}}}}}}')
    _refused(run("list"), "nested more than 64 deep")
    export = tmp_path / "deep.json"
    export.write_text(_export({"version": 2, "paths": {}}, extra=json.loads(_deep(10))).replace("[]", _deep(depth)))
    _refused(run("import", str(export)), "nested more than 64 deep")


def test_moderate_nesting_in_unknown_keys_survives_export(run, data_dir):
    _progress(data_dir, f'{{"version": 2, "paths": {{}}, "extra": {_deep(60)}}}')
    assert run("done", "1").exit_code == 0
    assert run("export").exit_code == 0


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("NaN", "NaN is not a number"),
        ("Infinity", "Infinity is not"),
        ("-Infinity", "-Infinity"),
        ("1e999", "too large"),
    ],
)
def test_non_finite_numbers_are_refused(run, data_dir, tmp_path, value, phrase):
    raw = _progress(data_dir, f'{{"version": 2, "paths": {{}}, "extra": {value}}}')
    _refused(run("done", "1"), phrase)
    assert (data_dir / "progress.json").read_bytes() == raw
    export = tmp_path / "export.json"
    export.write_text(_export({"version": 2, "paths": {}}, extra=0).replace('"extra": 0', f'"extra": {value}'))
    _refused(run("import", str(export)), phrase)


@pytest.mark.parametrize("version", [0, -5, "1", None, True, 1.0, 10**40])
def test_exports_of_other_versions_are_refused(run, tmp_path, version):
    export = tmp_path / "export.json"
    export.write_text(_export({"version": 2, "paths": {}}, version=version))
    _refused(run("import", str(export)), str(export))


# 17. Huge integers


def test_huge_integers_are_refused_cleanly(run, data_dir, tmp_path):
    _refused(run("done", "9" * 5000), "no step")
    _refused(run("show", "1" + "0" * 4000), "no step")
    assert run("show", "0" * 4000 + "1").exit_code == 0
    _progress(data_dir, f'{{"version": {"9" * 5000}, "paths": {{}}}}')
    _refused(run("list"), "digits")


def test_a_huge_number_as_a_yaml_title_is_text(run, run_json, tmp_path):
    _installed(run, tmp_path, RL.replace("title: Bandits", "title: " + "7" * 5000))
    assert run_json("--path", "rl", "show", "1")["title"] == "7" * 5000


# 18. Times out of range


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"])
def test_times_out_of_range_are_refused_on_the_way_in(run, run_json, tmp_path, data_dir, monkeypatch, stamp):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    if hasattr(time, "tzset"):
        time.tzset()
    try:
        export = tmp_path / "export.json"
        record = {"status": "done", "done_at": stamp}
        export.write_text(
            _export({"version": 2, "paths": {"transformers": {"steps": {"the-transformer-model": record}}}})
        )
        _refused(run("import", str(export)), "1971-9998")
        _progress(data_dir, {"version": 2, "paths": {"transformers": {"steps": {"the-transformer-model": record}}}})
        _refused(run("progress"), "1971-9998")
    finally:
        monkeypatch.delenv("TZ")
        if hasattr(time, "tzset"):
            time.tzset()


# 20. and 21. Ids and YAML scalars


def test_ids_are_ascii_only(run, tmp_path):
    lookalike = "tr\u0430nsformers"  # a Cyrillic a
    _refused(run("path", "add", str(_written(tmp_path, RL.replace("id: rl", f"id: {lookalike}")))), "a-z")
    markdown = tmp_path / "path.md"
    markdown.write_text("# Paths\n\n- [One](https://example.org/one)\n")
    _refused(run("path", "import", str(markdown), "--id", lookalike), "a-z")


def test_ids_made_from_titles_are_ascii(run, run_json, tmp_path):
    _installed(
        run, tmp_path, RL.replace("title: Bandits", "title: Café Crème").replace("title: Markov", "title: 日本 Markov")
    )
    assert [step["id"] for step in run_json("--path", "rl", "list")] == ["cafe-creme", "markov-decision-processes"]


def _written(tmp_path, text):
    file = tmp_path / "path.yaml"
    file.write_text(text)
    return file


def test_yaml_scalars_keep_the_text_as_written(run, run_json, tmp_path):
    text = RL.replace("title: Bandits", "title: 3.10\n        type: 0x1F\n        description: 010")
    _installed(run, tmp_path, text.replace("title: Reinforcement Learning", "title: yes"))
    step = run_json("--path", "rl", "show", "1")
    assert (step["title"], step["type"], step["description"]) == ("3.10", "0x1F", "010")
    assert run_json("--path", "rl", "progress")["title"] == "yes"


def test_duplicate_keys_in_a_path_file_are_refused_naming_the_line(run, tmp_path):
    text = RL.replace(
        "        url: https://example.org/mdp\n", "        url: https://example.org/mdp\n        title: Again\n"
    )
    _refused(
        run("path", "validate", str(_written(tmp_path, text))), "line 10", "'title' is given twice (first at line 8)"
    )


def test_explicit_yaml_tags_are_refused(run, tmp_path):
    text = RL.replace("title: Bandits", "title: !!int " + "9" * 5000)
    _refused(run("path", "validate", str(_written(tmp_path, text))), "line 6")


# 22. Byte order marks


def test_a_byte_order_mark_is_dropped(run, run_json, tmp_path, data_dir):
    markdown = tmp_path / "bom.md"
    markdown.write_bytes("\ufeff# Statistics\n\n- [Think Stats](https://example.org/think)\n".encode())
    assert run("path", "import", str(markdown), "--id", "stats").exit_code == 0
    assert run_json("--path", "stats", "progress")["title"] == "Statistics"
    yaml_file = tmp_path / "bom.yaml"
    yaml_file.write_bytes(b"\xef\xbb\xbf" + RL.encode())
    assert run("path", "validate", str(yaml_file)).exit_code == 0
    _progress(data_dir, "\ufeff" + json.dumps({"version": 2, "paths": {}}))
    assert run("done", "1").exit_code == 0


# 27. paths lists files only


@POSIX
def test_paths_ignores_dangling_links_and_folders(run, run_json, tmp_path, data_dir):
    _installed(run, tmp_path)
    paths = data_dir / "paths"
    (paths / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    (paths / "folder.yaml").mkdir()
    assert [row["id"] for row in run_json("paths")] == ["transformers", "rl"]
    _refused(run("use", "gone"), "no path 'gone'")


# Siblings


def test_stdin_is_not_needed_to_refuse(tmp_path):
    # A sibling of 13: a path file given as a FIFO is refused at once instead of waiting for a writer.
    if os.name == "nt":
        pytest.skip("no FIFOs")
    fifo = tmp_path / "path.yaml"
    os.mkfifo(fifo)
    result = pathcli_process("path", "validate", str(fifo))
    assert result.returncode == 1 and "not a regular file" in result.stderr


def test_a_readonly_lock_failure_leaves_no_folder(tmp_path):
    # A sibling of 5 in a real process: an unknown --path on a fresh machine creates no data folder.
    data = tmp_path / "fresh"
    result = subprocess.run(
        [sys.executable, "-m", "pathcli", "--path", "nope", "note", "1", "x"],
        capture_output=True,
        text=True,
        env={**os.environ, "PATHCLI_DATA_DIR": str(data)},
        timeout=60,
    )
    assert result.returncode == 1 and not data.exists()


@POSIX
def test_a_fifo_at_the_lock_file_is_refused_not_waited_on(data_dir):
    # A sibling of 13: opening a FIFO for writing waits for a reader.
    data_dir.mkdir()
    os.mkfifo(data_dir / "progress.json.lock")
    result = pathcli_process("done", "1")
    assert result.returncode == 1 and "cannot lock" in result.stderr
    assert not (data_dir / "progress.json").exists()


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "deep", "duplicate"])
def test_a_bad_link_cache_is_no_cache(kind):
    # A sibling of 13 and 15: list and next read the link-check cache too (a real process: a FIFO would
    # hang the old build, which the timeout turns into a failure).
    from pathcli.links import linkcache

    cache = linkcache.cache_file()
    cache.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(cache)
    else:
        links = _deep(5000) if kind == "deep" else '{}, "links": {}'
        cache.write_text(f'{{"version": 1, "links": {links}}}')
    result = pathcli_process("list")  # the table marks steps whose link was found broken
    assert result.returncode == 0 and "Transformers from Scratch" in result.stdout, result.stderr


@POSIX
def test_a_note_from_an_endless_stdin_is_refused(data_dir):
    # A sibling of 13: `note 1 -` read standard input whole, so /dev/zero filled the memory.
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [sys.executable, "-m", "pathcli", "note", "1", "-"], stdin=zeros, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1 and "longer than 10,000,000 characters" in result.stderr
    assert not data_dir.exists()


def test_an_output_file_named_dash_is_refused_not_created(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text("# P\n\n- [A](https://a.example)\n", encoding="utf-8")
    for command in (["export", "-o", "-"], ["path", "import", "p.md", "-o", "-"]):
        result = run(*command)
        assert result.exit_code == 1 and "leave out -o" in result.stderr, command
    assert not (tmp_path / "-").exists()


def test_an_address_with_a_password_is_not_fetched_nor_saved(run, data_dir):
    result = run("path", "import", "https://me:secret@example.org/path.md")
    assert result.exit_code == 1
    assert "user name or password" in result.stderr and "secret" not in result.stderr
    assert not data_dir.exists()
