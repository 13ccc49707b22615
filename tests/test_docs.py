"""Every command explains itself, and the README and docs/ say what is true."""

import re
from pathlib import Path

import pytest
import typer
from conftest import ROOT

from pathcli.cli import app


def _commands(typer_app: typer.Typer, prefix=()):
    for info in typer_app.registered_commands:
        yield (*prefix, info.name or info.callback.__name__), info.callback
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, (*prefix, group.name))


COMMANDS = list(_commands(app))


def test_the_commands_of_the_readme_are_there():
    names = {" ".join(name) for name, _ in COMMANDS}
    assert {"list", "next", "show", "done", "undo", "skip", "open", "note", "notes", "progress", "reset"} <= names


@pytest.mark.parametrize(("name", "callback"), COMMANDS, ids=[" ".join(name) for name, _ in COMMANDS])
def test_every_command_has_help(run, name, callback):
    assert callback.__doc__ and callback.__doc__.strip()
    result = run(*name, "--help")
    assert result.exit_code == 0
    assert callback.__doc__.strip().splitlines()[0][:30] in " ".join(result.stdout.split())


def _block(document: str, language: str) -> str:
    """The first code block of this language in a document of the repository (README.md, docs/guide.md)."""
    text = (ROOT / document).read_text(encoding="utf-8")
    return text.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_readme_yaml_example_installs(run, tmp_path):
    (tmp_path / "rl.yaml").write_text(_block("README.md", "yaml"))
    assert run("path", "validate", str(tmp_path / "rl.yaml")).stdout.endswith(": a valid path 'rl'\n")
    assert run("path", "add", str(tmp_path / "rl.yaml")).stdout == "Added rl: Reinforcement Learning, 2 steps\n"


def test_the_guide_markdown_example_imports_as_it_says(run, run_json, tmp_path):
    (tmp_path / "stats.md").write_text(_block("docs/guide.md", "markdown"))
    assert run("path", "import", str(tmp_path / "stats.md")).exit_code == 0
    steps = run_json("-p", "statistics-for-programmers", "list")
    assert [(s["section"], s["title"]) for s in steps] == [
        ("Books", "Think Stats"),
        ("Books", "OpenIntro Statistics"),
        ("Courses", "Stats 110"),
        ("Courses", "Seeing Theory"),
    ]
    assert run_json("-p", "statistics-for-programmers", "progress")["prerequisites"] == [
        {"title": "Python", "description": "functions and lists"}
    ]


README = ROOT / "README.md"
DOCS = ROOT / "docs"


def _section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_reads_in_five_minutes():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300, f"README.md has {len(lines)} lines; move the details to docs/"


def test_the_quick_start_is_two_commands_and_ci_runs_its_test_command():
    quick_start = _section(README.read_text(encoding="utf-8"), "## Quick start")
    commands = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert [command.count("\n") for command in commands] == [1, 1], commands
    install, tests = (command.strip() for command in commands)
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && ") and install.endswith(" && pathcli")
    assert tests == "pip install -e '.[test]' && pytest"
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_says_how_to_install_for_use_first_with_pipx():
    readme = README.read_text(encoding="utf-8")
    install = _section(readme, "## Install")
    assert re.search(r"^pipx install \. ", install, re.MULTILINE)
    assert re.search(r"^pipx install git\+", install, re.MULTILINE)
    assert (
        readme.index("\n## Install\n") < readme.index("\n## Quick start\n") < readme.index("\n## An example session\n")
    )


def _without_code(path: Path) -> str:
    """A Markdown file without its code blocks and code spans, where links are only examples."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return re.sub(r"``.*?``|`[^`]*`", "", text, flags=re.DOTALL)


def _links(path: Path) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", _without_code(path))


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub makes of a Markdown file's headings."""
    headings = re.findall(r"^#+ (.+)$", _without_code(path), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def test_every_page_of_docs_is_linked_from_the_readme():
    linked = {link.split("#")[0] for link in _links(README)}
    pages = sorted(f"docs/{page.name}" for page in DOCS.glob("*.md"))
    assert {"docs/guide.md", "docs/reference.md", "docs/design.md"} <= set(pages)
    assert [page for page in pages if page not in linked] == [], "link these pages from README.md's Read more"


@pytest.mark.parametrize("document", ["README.md", *sorted(f"docs/{page.name}" for page in DOCS.glob("*.md"))])
def test_every_link_to_a_file_of_the_repository_leads_to_it_and_its_heading(document):
    source = ROOT / document
    for link in _links(source):
        if re.match(r"[a-z]+:", link):  # https:, mailto: are not files of ours
            continue
        target, _, anchor = link.partition("#")
        page = (source.parent / target).resolve() if target else source
        assert page.exists(), f"{document} links to {link}, which does not exist"
        if anchor and page.suffix == ".md":
            assert anchor in _anchors(page), f"{document} links to {link}: no such heading"


def _session(document: Path, heading: str) -> list[tuple[str, str]]:
    """The commands of the first console block under a heading, each with the output shown after it."""
    block = _section(document.read_text(encoding="utf-8"), heading).split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].strip(), ""))
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


@pytest.fixture
def utc(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


def test_the_example_session_of_the_readme_prints_what_it_shows(run, monkeypatch, utc):
    """Every command of the session, a step of the clock apart, prints exactly what the README shows."""
    import shlex
    from datetime import datetime, timedelta, timezone

    import time_machine

    monkeypatch.setenv("COLUMNS", "80")
    start = datetime(2026, 11, 24, 16, 42, 30, tzinfo=timezone.utc)
    session = _session(README, "## An example session")
    assert [command for command, _ in session][:3] == ["pathcli", "pathcli next", "pathcli done"]
    for number, (command, shown) in enumerate(session):
        with time_machine.travel(start + timedelta(seconds=30 * number), tick=False):
            result = run(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
        printed = "\n".join(line.rstrip() for line in result.output.splitlines())
        expected = "\n".join(line.rstrip() for line in shown.splitlines())
        assert printed == expected, f"README.md's example session: {command}"


def test_the_error_the_readme_shows_is_the_one_pathcli_prints(run):
    [(command, shown)] = _session(README, "## Commands")
    result = run(*command.split()[1:])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", shown)
