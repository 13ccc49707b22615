"""Many paths: the user's own YAML beside the bundled one, validated with the place of each error."""

import json
import textwrap
import zlib

import pytest

from pathcli.store import locations

RL = """\
id: rl
title: Reinforcement Learning
description: From bandits to policy gradients.
sections:
  - title: Basics
    steps:
      - title: Bandits
        type: Chapter
        url: https://example.org/bandits
      - id: mdp
        title: Markov Decision Processes
        url: https://example.org/mdp
        links: [{title: Slides, url: "https://example.org/mdp.pdf"}]
  - title: Deep RL
    steps:
      - title: Policy Gradients
        type: Video
        url: https://example.org/pg
"""


@pytest.fixture
def rl_file(tmp_path):
    file = tmp_path / "rl.yaml"
    file.write_text(RL)
    return file


def test_add_lists_uses_and_picks_per_run(run, run_json, rl_file):
    result = run("path", "add", str(rl_file))
    assert result.exit_code == 0 and "Added rl" in result.stdout
    listed = run_json("paths")
    assert [(p["id"], p["bundled"], p["active"], p["steps"]) for p in listed] == [
        ("transformers", True, True, 6),
        ("rl", False, False, 3),
    ]
    assert run_json("--path", "rl", "next")["title"] == "Bandits"
    assert run_json("next")["title"] == "Transformers from Scratch"
    assert run("use", "rl").exit_code == 0
    assert run_json("next")["title"] == "Bandits"
    assert run("-p", "transformers", "done", "1").exit_code == 0
    assert run_json("progress")["done"] == 0
    assert run_json("-p", "transformers", "progress")["done"] == 1
    assert "rl" in run("paths").stdout


def test_unknown_path_ids_list_the_ids_there_are(run, rl_file):
    run("path", "add", str(rl_file))
    for args in (["use", "nope"], ["--path", "nope", "next"], ["--path", "../x", "next"]):
        result = run(*args)
        assert result.exit_code == 1
        assert "the paths there are transformers, rl" in result.stderr


def test_progress_follows_step_ids_when_the_path_is_edited(run, run_json, rl_file):
    run("path", "add", str(rl_file))
    run("-p", "rl", "done", "mdp")
    run("-p", "rl", "note", "policy-gradients", "read the REINFORCE part")
    edited = RL.replace(
        "  - title: Basics\n    steps:\n",
        "  - title: Basics\n    steps:\n      - title: Intro\n        url: https://example.org/intro\n",
    )
    edited = edited.replace(
        "      - title: Bandits\n        type: Chapter\n        url: https://example.org/bandits\n", ""
    )
    rl_file.write_text(edited)
    assert "Updated rl" in run("path", "add", str(rl_file)).stdout
    steps = run_json("-p", "rl", "list")
    assert [(s["id"], s["status"], s["note_count"]) for s in steps] == [
        ("intro", "todo", 0),
        ("mdp", "done", 0),
        ("policy-gradients", "todo", 1),
    ]
    rl_file.write_text(RL)  # the removed step comes back, and so does nothing it never had
    run("path", "add", str(rl_file))
    assert run_json("-p", "rl", "show", "mdp")["number"] == 2


def test_validate_checks_without_installing(run, rl_file, data_dir):
    result = run("path", "validate", str(rl_file))
    assert result.exit_code == 0 and "a valid path 'rl'" in result.stdout
    assert not data_dir.exists()


def _refusal(run, tmp_path, text, data_dir):
    file = tmp_path / "bad.yaml"
    file.write_text(textwrap.dedent(text))
    for command in ("validate", "add"):
        result = run("path", command, str(file))
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and str(file) in result.stderr
    assert not (locations.user_paths_dir()).exists()
    return result.stderr


def test_a_yaml_syntax_error_names_line_and_column(run, tmp_path, data_dir):
    message = _refusal(run, tmp_path, "id: x\ntitle: [unclosed\nsections: []\n", data_dir)
    assert "YAML syntax error at line 3, column 9" in message


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (RL.replace("        url: https://example.org/mdp\n", ""), "step 2 'Markov Decision Processes': missing 'url'"),
        (
            RL.replace("https://example.org/pg", "ftp://example.org/pg"),
            "step 1 'Policy Gradients': 'url' must be an http",
        ),
        (RL.replace("https://example.org/pg", "javascript:alert(1)"), "'url' must be an http"),
        (RL.replace("https://example.org/pg", '"https://example.org/\\x9bpg"'), "'url' must be an http"),
        (
            RL.replace("      - title: Bandits\n", "      - description: x\n"),
            "section 1 'Basics', step 1: missing 'title'",
        ),
        (RL.replace("id: mdp", "id: bandits"), "steps 1 and 2 have the same id 'bandits'"),
        (RL.replace("id: rl", "id: Not A Slug"), "'id' 'Not A Slug' must be lower-case"),
        (RL.replace("type: Video", "typ: Video"), "unknown key 'typ'"),
        ("id: x\ntitle: X\nsections: []\n", "the path has no steps"),
        ("- just\n- a list\n", "expected a mapping"),
        (RL.replace("title: Slides", "title: [1, 2]"), "link 1: 'title' should be text"),
    ],
)
def test_schema_errors_name_the_file_and_the_step(run, tmp_path, data_dir, broken, expected):
    assert expected in _refusal(run, tmp_path, broken, data_dir)


def test_a_bundled_path_is_neither_replaced_nor_removed(run, tmp_path, data_dir):
    file = tmp_path / "t.yaml"
    file.write_text(RL.replace("id: rl", "id: transformers"))
    result = run("path", "add", str(file))
    assert result.exit_code == 1 and "comes with pathcli" in result.stderr
    result = run("path", "remove", "transformers", "--yes")
    assert result.exit_code == 1 and "cannot be removed" in result.stderr


def test_remove_asks_and_keeps_progress_unless_purged(run, run_json, rl_file, data_dir):
    run("path", "add", str(rl_file))
    run("use", "rl")
    run("done", "1")
    assert run("path", "remove", "rl", input="n\n").exit_code == 1
    assert run("path", "remove", "rl", input="y\n").exit_code == 0
    assert [p["id"] for p in run_json("paths")] == ["transformers"]
    assert run_json("next")["id"] == "transformers-from-scratch"  # back on the default path
    document = json.loads((data_dir / "progress.json").read_text())
    assert document["paths"]["rl"]["steps"]["bandits"]["status"] == "done"
    run("path", "add", str(rl_file))
    assert run_json("-p", "rl", "show", "1")["status"] == "done"
    assert "progress is deleted" in run("path", "remove", "rl", "--purge", "--yes").stdout
    # what a merge needs to keep it deleted stays (the step todo as of the purge), nothing of the learner's
    purged = json.loads((data_dir / "progress.json").read_text())["paths"]["rl"]["steps"]["bandits"]
    assert purged["status"] == "todo" and set(purged) == {"status", "undone_at", "url"}


def test_list_filters_combine(run, run_json):
    run("done", "1", "5")
    run("skip", "3")
    assert [s["number"] for s in run_json("list", "--status", "done")] == [1, 5]
    assert [s["number"] for s in run_json("list", "--type", "video")] == [3, 4]
    assert [s["number"] for s in run_json("list", "--section", "ADVANCED")] == [4, 5, 6]
    assert [
        s["number"] for s in run_json("list", "--section", "advanced", "--type", "ARTICLE", "--status", "done")
    ] == [5]
    assert "2 of 6 steps shown" in run("list", "--status", "done").stdout


def test_open_refuses_a_url_that_is_not_web_even_from_a_tampered_cache(run, monkeypatch):
    from pathcli.domain.model import LearningPath
    from pathcli.store import pathfile

    path = pathfile.load(locations.bundled_paths_dir() / "transformers.yaml")
    steps = (path.steps[0]._replace(url="file:///etc/passwd"), *path.steps[1:])
    tampered = LearningPath(path.id, path.title, path.description, path.prerequisites, path.sections, steps)
    monkeypatch.setattr("pathcli.store.catalog.load", lambda path_id: tampered)
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url))
    result = run("open", "1")
    assert result.exit_code == 1 and "no web address to open" in result.stderr
    assert opened == []


def test_a_damaged_cache_is_rebuilt_silently(run_json, tmp_path):
    run_json("list")
    caches = list((tmp_path / "home").rglob("*.json"))
    assert caches
    good = {cache: cache.read_bytes() for cache in caches}
    key, checksum, body = good[caches[0]].split(b"\n", 2)
    garbage = b'{"sections": "garbage"}'
    for damage in (
        b'{"key": "broken"',
        key + b"\n" + checksum + b"\n" + body[:-5],  # cut short
        key + b"\n" + checksum + b"\n" + body.replace(b"https", b"file!"),  # changed in place
        key + b"\n" + b"%08x" % zlib.crc32(garbage) + b"\n" + garbage,  # well formed, wrong shape
        key + b"\n" + b"%08x" % zlib.crc32(b"[" * 5000) + b"\n" + b"[" * 5000,
    ):
        for cache in caches:
            cache.write_bytes(damage)
        assert len(run_json("list")) == 6
        assert {cache: cache.read_bytes() for cache in caches} == good


def _long_path(tmp_path, steps: int):
    lines = ["id: long", "title: Long", "sections:", "  - title: All", "    steps:"]
    lines += [f"      - {{title: Step {n}, url: 'https://example.org/{n}'}}" for n in range(1, steps + 1)]
    file = tmp_path / "long.yaml"
    file.write_text("\n".join(lines) + "\n")
    return file


def test_a_long_path_lists_a_window_around_the_next_step(run, run_json, tmp_path):
    run("path", "add", str(_long_path(tmp_path, 250)))
    run("use", "long")
    run("done", *[str(n) for n in range(1, 121)])
    out = run("list").stdout
    assert "Steps 118-217 shown, 100 of 250" in out and "--all" in out
    assert "Step 117 " not in out and "Step 118 " in out and "Step 217 " in out and "Step 218 " not in out
    everything = run("list", "--all").stdout
    assert "Step 1 " in everything and "Step 250 " in everything
    assert len(run_json("list")) == 250
    run("done", *[str(n) for n in range(121, 251)])
    assert "Steps 151-250 shown" in run("list").stdout


@pytest.mark.parametrize("command", [["path", "add"], ["path", "validate"], ["path", "import"], ["import"]])
def test_files_that_cannot_be_read_are_one_line_errors(run, tmp_path, command):
    missing = run(*command, str(tmp_path / "missing.yaml"))
    assert missing.exit_code == 1 and missing.stderr == f"pathcli: no such file: {tmp_path / 'missing.yaml'}\n"
    folder = run(*command, str(tmp_path))
    assert folder.exit_code == 1 and "it is a folder, not a file" in folder.stderr
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00junk")
    refused = run(*command, str(binary))
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "remove", "nope"], "no path 'nope'"),
        (["path", "remove", "transformers"], "cannot be removed"),
        (["path", "remove", "nope", "--purge"], "no path 'nope'"),
        (["import", "missing.json", "--replace"], "no such file"),
    ],
)
def test_what_cannot_be_done_is_refused_before_asking_for_confirmation(run, args, message):
    result = run(*args, input="y\n")
    assert result.exit_code == 1 and message in result.stderr
    assert "?" not in result.stderr.split("pathcli:")[0]  # no question was asked


def test_reset_with_nothing_to_clear_asks_nothing(run):
    result = run("reset")
    assert result.exit_code == 0 and result.stdout == "Transformers: no progress to clear\n" and result.stderr == ""


def test_progress_kept_under_an_id_made_before_ids_were_ascii_is_found_again(run, run_json, data_dir, tmp_path):
    """pathcli 0.1 kept a title's letters in the id it made ("einführung"); ids are ASCII now ("einfuhrung"):
    a learner's marks and notes under the earlier id follow the step, and the next change saves them there."""
    (tmp_path / "de.yaml").write_text(
        "id: de\ntitle: Deutsch\nsections:\n- title: Teil 1\n  steps:\n"
        "  - {title: Einführung, url: 'https://example.org/1'}\n  - {title: Übung, url: 'https://example.org/2'}\n",
        encoding="utf-8",
    )
    assert run("path", "add", str(tmp_path / "de.yaml")).exit_code == 0
    note = {"id": "a1", "text": "gut", "at": "2026-01-01T09:00:00+00:00"}
    document = {
        "version": 2,
        "active_path": "de",
        "paths": {
            "de": {"steps": {"einführung": {"status": "done", "done_at": "2026-01-01T09:00:00+00:00", "notes": [note]}}}
        },
    }
    (data_dir / "progress.json").write_text(json.dumps(document), encoding="utf-8")
    steps = run_json("list")
    assert [(step["id"], step["status"], step["note_count"]) for step in steps] == [
        ("einfuhrung", "done", 1),
        ("ubung", "todo", 0),
    ]
    assert run("done", "2").exit_code == 0
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))["paths"]["de"]["steps"]
    assert sorted(saved) == ["einfuhrung", "ubung"] and saved["einfuhrung"]["notes"][0]["text"] == "gut"


def test_adding_again_a_path_file_that_names_its_source_keeps_it_as_written(run, data_dir, tmp_path):
    """The installed copy of a path file is the author's text, comments kept, also when the file already has
    its `source:` line (pathcli path show writes one): no second `source:` key is added."""
    file = tmp_path / "rl.yaml"
    text = (
        "# my notes on this path\nid: rl\ntitle: RL\nsections:\n- title: Basics\n  steps:\n"
        "  - {title: Bandits, url: 'https://example.org/bandits'}  # start here\n"
        f"source: {json.dumps(str(file))}\n"
    )
    file.write_text(text, encoding="utf-8")
    for _ in range(2):
        assert run("path", "add", str(file)).exit_code == 0
        assert (data_dir / "paths" / "rl.yaml").read_text(encoding="utf-8") == text


def test_titles_in_other_scripts_get_readable_ids_and_keep_progress_made_under_their_checksum(
    run, run_json, data_dir, tmp_path
):
    """A title with no Latin letters gave a checksum id ("step-8b071566"); it is transliterated now ("ji-suan-ji"),
    and marks and notes saved under the checksum id follow the step."""
    (tmp_path / "zh.yaml").write_text(
        "id: zh\ntitle: 计算机\nsections:\n- title: 一\n  steps:\n"
        "  - {title: 计算机教育, url: 'https://example.org/1'}\n  - {title: การเขียนโปรแกรม, url: 'https://example.org/2'}\n",
        encoding="utf-8",
    )
    assert run("path", "add", str(tmp_path / "zh.yaml")).exit_code == 0
    checksum = f"step-{zlib.crc32('计算机教育'.encode()):08x}"
    note = {"id": "a1", "text": "好", "at": "2026-01-01T09:00:00+00:00"}
    record = {"status": "done", "done_at": "2026-01-01T09:00:00+00:00", "notes": [note]}
    document = {"version": 2, "active_path": "zh", "paths": {"zh": {"steps": {checksum: record}}}}
    (data_dir / "progress.json").write_text(json.dumps(document), encoding="utf-8")
    steps = run_json("list")
    assert [(step["id"], step["status"], step["note_count"]) for step in steps] == [
        ("ji-suan-ji-jiao-yu", "done", 1),
        ("karekhiynopraekrm", "todo", 0),
    ]
    assert run("done", "2").exit_code == 0
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))["paths"]["zh"]["steps"]
    assert sorted(saved) == ["ji-suan-ji-jiao-yu", "karekhiynopraekrm"]
