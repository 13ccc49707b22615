"""Export and import of progress: a complete, versioned JSON dump, and a readable Markdown journal."""

import json
import re

from pathcli.domain.model import DONE, SKIPPED, STATUS_DATE_KEYS, LearningPath, Progress, now
from pathcli.domain.reviews import counted
from pathcli.errors import PathcliError
from pathcli.store import document
from pathcli.text import unicode_problem

EXPORT_FORMAT = "pathcli-export"
# 2: the learner's own paths and the path in use are in the export too (see backup); 1 is still read.
EXPORT_VERSION = 2


def to_json(document: dict, paths: list[dict] | None = None) -> str:
    """Every path's progress and notes (with the path in use), the learner's own paths (see backup), and
    the format and version needed to read it back."""
    export = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now(),
        "progress": document,
        "paths": paths or [],
    }
    return json.dumps(export, indent=2) + "\n"


def read_export(raw: bytes, source: str) -> dict:
    """An export file's content, its progress checked (and migrated); anything else is refused. Its paths
    are checked by backup.read_paths."""
    from pathcli.store import strictjson
    from pathcli.text import excerpt

    try:
        export = strictjson.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise PathcliError(f"{source} is not a pathcli export: not UTF-8 text (byte {error.start})") from None
    except strictjson.Invalid as error:
        raise PathcliError(f"{source} is not a pathcli export: {error}") from None
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        raise PathcliError(f"{source} is not a pathcli export (pathcli export writes one)")
    version = export.get("version")
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        raise PathcliError(
            f"{source} is an export of format {excerpt(repr(version))}, which this pathcli cannot read"
            f" (it reads 1 to {EXPORT_VERSION})"
        )
    problem = unicode_problem(json.dumps(export.get("progress"), ensure_ascii=False))
    if problem:
        raise PathcliError(f"{source} is refused: {problem}")
    export["progress"] = document.check(export.get("progress"), f"the progress in {source}")
    return export


def merge(local: dict, incoming: dict) -> tuple[int, int, int]:
    """Merge incoming progress into local by path id and step id (see pathcli.domain.merge): notes are united; a
    step's status and a path's goal are the ones set most recently. Returns (steps whose record changed, notes
    added, goals changed)."""
    from pathcli.domain.merge import merge_into

    merged = merge_into(local, incoming)
    return len(merged.steps), merged.notes, len(merged.goals)


def to_markdown(path: LearningPath, progress: Progress) -> str:
    """A journal of one path: the summary on top, then a GitHub task list per section with links,
    statuses, dates, notes and reviews. Every text is escaped (see markdown_text) and every URL written so that it
    cannot end early (see markdown_url): what a path file or a note says stays words, never markup."""
    from pathcli.text import minute

    summary = progress.tally(path)
    lines = [
        f"# {markdown_text(path.title)}: progress journal",
        "",
        f"{summary.line()}. Exported {minute(now())}.",
    ]
    section = None
    for step in path.steps:
        if step.section != section:
            section = step.section
            lines += ["", f"## {markdown_text(section)}", ""]
        status = progress.status(step)
        record = progress.record(step)
        title = f"{step.number}. [{markdown_text(step.title)}]({markdown_url(step.url)})"
        if status == SKIPPED:
            title = f"~~{title}~~"
        details = [markdown_text(step.type)] if step.type else []
        since = record.get(STATUS_DATE_KEYS.get(status, ""))  # a hand-edited file may give a status no date
        dated = f"{status} {minute(since)[:10]}" if since else status
        lines.append(f"- [{'x' if status == DONE else ' '}] {title} ({', '.join([*details, dated])})")
        lines += [f"  - [{markdown_text(link.title)}]({markdown_url(link.url)})" for link in step.links]
        for note in progress.notes(step):
            # The note's lines continue its list item (indented to its text); their own indentation would
            # make code blocks, so it is dropped, and the words are kept.
            text = "\n    ".join(markdown_text(line) for line in note["text"].strip().split("\n"))
            lines.append(f"  - Note, {minute(note['at'])}: {text}")
        # The reviews since the step was done (see domain.reviews); ratings are one of four checked words.
        lines += [f"  - Reviewed {minute(review['at'])}: {review['rating']}" for review in counted(record)]
    return "\n".join(lines) + "\n"


# What can open or close CommonMark (and GitHub) markup anywhere in a line: escapes, code, emphasis,
# links and images, raw HTML and autolinks, entities, strikethrough, table cells, heading marks.
_MARKUP = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~#"})
# An & that would be read as a character reference (&amp; &#35;), in text and in link destinations alike.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What opens a block only at the start of a line: list items (- + 1. 1)), setext underlines (= -).
_BLOCK_START = re.compile(r"[-+=]|[0-9]+[.)]")


def markdown_text(text: str) -> str:
    """One line of text as CommonMark that shows exactly these words: control characters made visible
    (one_line), markup characters backslash-escaped."""
    from pathcli.text import one_line

    escaped = _ENTITY.sub(r"\\&", one_line(text).translate(_MARKUP))
    start = _BLOCK_START.match(escaped)
    if start:  # escape the marker's last character: \- or 1\.
        end = start.end() - 1
        escaped = f"{escaped[:end]}\\{escaped[end:]}"
    return escaped


def markdown_url(url: str) -> str:
    """A link destination that cannot end early: in angle brackets, with < > and spaces percent-encoded
    (as browsers send them anyway), backslashes and entity-like & escaped (so that the URL stays as it is)."""
    encoded = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\\", "\\\\")
    return "<" + _ENTITY.sub(r"\\&", encoded) + ">"
