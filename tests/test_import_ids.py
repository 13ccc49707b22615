"""Importing over an installed path: one summary, no silent replacement, progress kept on its resources."""

import json
from pathlib import Path

import pytest
from test_import_corpus import CASES, CORPUS

from pathcli.importing import stepids

COURSE = """\
# Course

## Papers

- [Reading](https://example.org/1) - the first
- [Reading](https://example.org/2) - the second
- [Intro](https://example.org/3)
"""


@pytest.fixture
def course(tmp_path):
    file = tmp_path / "course.md"
    file.write_text(COURSE)
    return file


def _statuses(run_json, path_id="course"):
    return [(s["url"], s["status"], s["note_count"]) for s in run_json("-p", path_id, "list")]


def test_the_summary_says_what_was_kept_and_json_gives_the_same_counts(run, run_json, course):
    result = run("path", "import", str(course))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Kept 1 section, 3 steps and 0 more links",
        "Added course: Course, 3 steps",
        "Start it with: pathcli use course",
    ]
    summary = run_json("path", "import", str(course))
    assert {key: summary[key] for key in ("sections", "steps", "links", "skipped", "checked")} == {
        "sections": 1,
        "steps": 3,
        "links": 0,
        "skipped": [],
        "checked": [],
    }
    assert summary["changes"] == {"added": [], "removed": [], "renamed": []}


def test_an_edit_with_repeated_titles_keeps_every_mark_and_note_on_its_resource(run, run_json, course):
    run("path", "import", str(course))
    assert run("-p", "course", "done", "2").exit_code == 0
    assert run("-p", "course", "note", "3", "a good intro").exit_code == 0
    # A paper inserted above, the first removed, the intro renamed.
    course.write_text(
        COURSE.replace(
            "- [Reading](https://example.org/1) - the first\n", "- [Reading](https://example.org/0)\n"
        ).replace("[Intro]", "[Introduction]")
    )
    result = run("path", "import", str(course))
    assert result.exit_code == 0, result.stderr
    assert "Updated course: Course, 3 steps" in result.stdout
    assert "  1 added, 1 removed (their progress is kept), 1 renamed" in result.stdout
    assert "  ~ Intro -> Introduction" in result.stdout
    assert _statuses(run_json) == [
        ("https://example.org/0", "todo", 0),
        ("https://example.org/2", "done", 0),
        ("https://example.org/3", "todo", 1),
    ]


def test_a_different_source_under_the_same_id_is_refused_unless_replace(run, run_json, course, tmp_path, data_dir):
    run("path", "import", str(course))
    run("-p", "course", "done", "1")
    other = tmp_path / "other" / "course.md"
    other.parent.mkdir()
    other.write_text(COURSE.replace("https://example.org/1", "https://example.org/9"))
    before = (data_dir / "paths" / "course.yaml").read_bytes()
    refused = run("path", "import", str(other))
    assert refused.exit_code == 1
    assert str(course) in refused.stderr and str(other) in refused.stderr and "--id" in refused.stderr
    assert (data_dir / "paths" / "course.yaml").read_bytes() == before
    assert run("path", "import", str(other), "--id", "other-course").exit_code == 0
    replaced = run_json("path", "import", str(other), "--replace")
    assert [ref["url"] for ref in replaced["changes"]["removed"]] == ["https://example.org/1"]
    # The mark made on https://example.org/1 does not pass to the paper that took its place.
    assert _statuses(run_json)[0] == ("https://example.org/9", "todo", 0)


def test_update_reads_a_local_file_again(run, run_json, course):
    run("path", "import", str(course))
    run("-p", "course", "done", "3")
    course.write_text(COURSE.replace("- [Intro](https://example.org/3)\n", ""))
    update = run("path", "update", "course")
    assert update.exit_code == 0, update.stderr
    assert "  - Intro <https://example.org/3>" in update.stdout
    assert len(run_json("-p", "course", "list")) == 2
    course.write_text(COURSE)  # the resource comes back, and so does its progress
    run("path", "update", "course")
    assert _statuses(run_json)[2] == ("https://example.org/3", "done", 0)


def test_update_of_a_path_without_a_source_or_a_bundled_one_says_what_to_do(run, data_dir):
    (data_dir / "paths").mkdir(parents=True)
    (data_dir / "paths" / "old.yaml").write_text(
        "id: old\ntitle: Old\nsections:\n- title: S\n  steps:\n  - title: A\n    url: https://example.org/a\n"
    )
    old = run("path", "update", "old")
    assert old.exit_code == 1 and "pathcli path import FILE|URL --id old" in old.stderr
    bundled = run("path", "update", "transformers")
    assert bundled.exit_code == 1 and "comes with pathcli" in bundled.stderr


def test_path_add_reports_changes_and_keeps_progress_by_address(run, run_json, tmp_path):
    file = tmp_path / "p.yaml"
    yaml = "id: p\ntitle: P\nsections:\n- title: S\n  steps:\n  - title: A\n    url: https://example.org/a\n"
    file.write_text(yaml)
    run("path", "add", str(file))
    run("-p", "p", "done", "a")
    # The author swaps the address under the id: the mark stays with https://example.org/a.
    file.write_text(yaml.replace("example.org/a", "example.org/b") + "  - title: Z\n    url: https://example.org/a\n")
    result = run_json("path", "add", str(file))
    assert result["source"] == str(file)
    assert [ref["url"] for ref in result["changes"]["added"]] == ["https://example.org/b"]
    assert _statuses(run_json, "p") == [("https://example.org/b", "todo", 0), ("https://example.org/a", "done", 0)]


def test_checked_boxes_are_reported_and_marked_done_only_when_asked(run, run_json, tmp_path):
    checklist = tmp_path / "checklist.md"
    checklist.write_text(
        "# My checklist\n\n- [x] [Reading](https://example.org/1)\n- [ ] [Survey](https://example.org/2)\n"
        "- [X] [Welcome](https://example.org/3)\n"
    )
    reported = run("path", "import", str(checklist))
    assert "2 steps have a checked box; add --done-checked to mark them done" in reported.stdout
    assert [status for _, status, _ in _statuses(run_json, "my-checklist")] == ["todo", "todo", "todo"]
    marked = run_json("path", "import", str(checklist), "--done-checked")
    assert (marked["checked"], marked["marked_done"]) == ([1, 3], 2)
    assert [status for _, status, _ in _statuses(run_json, "my-checklist")] == ["done", "todo", "done"]


def test_output_prints_the_summary_and_records_no_source(run, course, tmp_path):
    out = tmp_path / "course.yaml"
    result = run("path", "import", str(course), "-o", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["steps"] == 3
    assert "source:" not in out.read_text()


def test_a_base_url_must_be_a_web_address(run, course):
    result = run("path", "import", str(course), "--base-url", "file:///etc/")
    assert result.exit_code == 1 and "--base-url" in result.stderr


def test_path_add_installs_the_file_as_written_with_its_source(run, tmp_path, data_dir):
    file = tmp_path / "p.yaml"
    file.write_text(
        "# my notes on this path\nid: p\ntitle: P\nsections:\n- title: S\n  steps:\n  - title: A\n    url: https://example.org/a\n"
    )
    assert run("path", "add", str(file)).exit_code == 0
    installed = (data_dir / "paths" / "p.yaml").read_text()
    assert installed.startswith(file.read_text()) and installed.endswith(f'source: "{file}"\n')


def test_positional_ids_of_earlier_imports_keep_their_progress(run, run_json, course, data_dir):
    """Paths imported before ids came from addresses have reading, reading-2: the next import keeps them."""
    (data_dir / "paths").mkdir(parents=True)
    (data_dir / "paths" / "course.yaml").write_text(
        "id: course\ntitle: Course\nsections:\n- title: Papers\n  steps:\n"
        "  - {id: reading, title: Reading, url: 'https://example.org/1'}\n"
        "  - {id: reading-2, title: Reading, url: 'https://example.org/2'}\n"
        "  - {id: intro, title: Intro, url: 'https://example.org/3'}\n"
    )
    run("-p", "course", "done", "reading-2")
    run("-p", "course", "note", "reading", "first paper")
    course.write_text(
        COURSE.replace(
            "- [Reading](https://example.org/1)",
            "- [Reading](https://example.org/0)\n- [Reading](https://example.org/1)",
        )
    )
    assert run("path", "import", str(course)).exit_code == 0
    assert [(s["id"], s["url"], s["status"], s["note_count"]) for s in run_json("-p", "course", "list")] == [
        (stepids.url_id("Reading", "https://example.org/0"), "https://example.org/0", "todo", 0),
        ("reading", "https://example.org/1", "todo", 1),
        ("reading-2", "https://example.org/2", "done", 0),
        ("intro", "https://example.org/3", "todo", 0),
    ]


_LECTURES = Path(__file__).parent / "data" / "reimport" / "lectures.md"
_EDITED = [(CORPUS / case.file, case.base_url) for case in CASES] + [(_LECTURES, None)]


@pytest.mark.parametrize(
    ("original", "base_url"), _EDITED, ids=[f"{file.name}{'+base' if base else ''}" for file, base in _EDITED]
)
def test_progress_is_kept_through_an_edit_that_inserts_and_removes_resources(
    run, run_json, tmp_path, original, base_url
):
    """Mark every third step and note every seventh; remove the lines of every fifth step and insert new
    resources (titled like the others) above some: every mark and note stays with its address."""
    file = tmp_path / "path.md"
    text = original.read_text(encoding="utf-8")
    file.write_text(text, encoding="utf-8")
    assert (
        run("path", "import", str(file), "--id", "edited", *(["--base-url", base_url] if base_url else [])).exit_code
        == 0
    )
    steps = run_json("-p", "edited", "list", "--all")
    done = {step["url"] for step in steps[::3]}
    noted = {step["url"] for step in steps[::7]}
    assert run("-p", "edited", "done", *[str(step["number"]) for step in steps[::3]]).exit_code == 0
    for step in steps[::7]:
        assert run("-p", "edited", "note", str(step["number"]), "noted").exit_code == 0

    removed = {step["url"] for step in steps[::5]}
    lines = [line for line in text.splitlines() if not any(f"({url})" in line for url in removed)]
    kept = [step["url"] for step in steps if step["url"] not in removed]
    edited = []
    for number, line in enumerate(lines):
        url = next((url for url in kept if f"({url})" in line), None)
        if url is not None and number % 4 == 0:  # the same line again, for another address
            edited.append(line.replace(f"({url})", f"(https://inserted.example/{number})"))
        edited.append(line)
    file.write_text("\n".join(edited) + "\n", encoding="utf-8")
    result = run_json("path", "update", "edited")
    assert result["changes"]["added"] and result["changes"]["removed"]

    for step in run_json("-p", "edited", "list", "--all"):
        assert (step["status"] == "done") == (step["url"] in done), step
        assert (step["note_count"] == 1) == (step["url"] in noted), step


def test_what_was_left_out_is_counted_by_reason_with_an_example(run, run_json, tmp_path):
    file = tmp_path / "left-out.md"
    file.write_text(
        "# Left out\n\n- [One](https://example.org/1)\n- [Two](https://example.org/2)\n"
        "- [Again](https://example.org/1)\n- [Local](notes.md)\n- [Mail](mailto:a@example.org)\n"
    )
    result = run("path", "import", str(file))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    skipped = run_json("path", "import", str(file))["skipped_by_reason"]
    assert lines[1] == f"Skipped {sum(skipped.values())}, by reason (--json lists every one):"
    assert len(lines[2 : 2 + len(skipped)]) == len(skipped) >= 2
    for line, (reason, count) in zip(lines[2:], skipped.items(), strict=False):
        assert line.startswith(f"  {reason}: {count}, such as ")


GOLDEN = Path(__file__).parent / "golden" / "import-update.txt"


def test_what_a_person_reads_after_an_import_and_an_update(run, tmp_path):
    """Golden file: the summary of an import, then of an update that adds, removes and renames steps."""
    file = tmp_path / "course.md"
    file.write_text(
        COURSE.replace("# Course\n", "# Course\n\n[![build](https://img.shields.io/b.svg)](https://ci.example.org)\n")
    )
    first = run("path", "import", str(file))
    file.write_text(
        COURSE.replace("- [Reading](https://example.org/1) - the first\n", "")
        .replace("[Intro]", "[Introduction]")
        .replace("## Papers\n", "## Papers\n\n- [Primer](https://example.org/0)\n- [Glossary](glossary.md)\n")
    )
    second = run("path", "update", "course")
    assert first.exit_code == second.exit_code == 0, (first.stderr, second.stderr)
    text = f"$ pathcli path import course.md\n{first.stdout}$ pathcli path update course\n{second.stdout}"
    assert text == GOLDEN.read_text(encoding="utf-8")
