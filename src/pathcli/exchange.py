"""Export and import of progress: a complete, versioned JSON dump, and a readable Markdown journal."""

import json
from datetime import datetime, timezone

from pathcli import storage
from pathcli.errors import PathcliError
from pathcli.model import CHANGE_KEYS, DONE, SKIPPED, STATUS_DATE_KEYS, LearningPath, Progress, moment, now

EXPORT_FORMAT = "pathcli-export"
EXPORT_VERSION = 1


def to_json(document: dict) -> str:
    """Every path's progress and notes, with the format and version needed to read it back."""
    export = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": now(), "progress": document}
    return json.dumps(export, indent=2) + "\n"


def read_export(raw: bytes, source: str) -> dict:
    """The progress document inside an export file; anything else is refused."""
    from pathcli import strictjson
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
    return storage.check(export.get("progress"), f"the progress in {source}")


def merge(local: dict, incoming: dict) -> tuple[int, int]:
    """Merge incoming progress into local by path id and step id: notes are united; a step's status is
    the one set most recently. Returns (steps whose record changed, notes added)."""
    changed = added = 0
    for path_id, entry in incoming["paths"].items():
        records = local["paths"].setdefault(path_id, {}).setdefault("steps", {})
        for step_id, theirs in entry["steps"].items():
            ours = records.setdefault(step_id, {"status": theirs["status"]})
            before = json.dumps(ours, sort_keys=True)
            if _last_change(theirs) > _last_change(ours):
                for key in ("status", *CHANGE_KEYS):
                    ours.pop(key, None)
                    if key in theirs:
                        ours[key] = theirs[key]
            known = {note["id"] for note in ours.get("notes", [])}
            new = [note for note in theirs.get("notes", []) if note["id"] not in known]
            if new:
                ours["notes"] = sorted([*ours.get("notes", []), *new], key=lambda note: moment(note["at"]))
                added += len(new)
            changed += before != json.dumps(ours, sort_keys=True)
    return changed, added


def _last_change(record: dict) -> datetime:
    stamps = [moment(record[key]) for key in CHANGE_KEYS if key in record]
    return max(stamps, default=datetime.min.replace(tzinfo=timezone.utc))


def to_markdown(path: LearningPath, progress: Progress) -> str:
    """A journal of one path: the summary on top, then a GitHub task list per section with links,
    statuses, dates and notes."""
    from pathcli.text import defuse, minute

    summary = progress.summary(path).overall
    lines = [
        f"# {_escape(path.title)}: progress journal",
        "",
        f"{summary.done} of {summary.total} steps done ({summary.percent:g}%), {summary.started} started,"
        f" {summary.skipped} skipped (left out of the percentage). Exported {minute(now())}.",
    ]
    section = None
    for step in path.steps:
        if step.section != section:
            section = step.section
            lines += ["", f"## {_escape(section)}", ""]
        status = progress.status(step)
        record = progress.record(step)
        title = f"{step.number}. [{_escape(step.title)}]({step.url})"
        if status == SKIPPED:
            title = f"~~{title}~~"
        details = [step.type] if step.type else []
        details.append(status + (f" {record[STATUS_DATE_KEYS[status]][:10]}" if status in STATUS_DATE_KEYS else ""))
        lines.append(f"- [{'x' if status == DONE else ' '}] {title} ({', '.join(details)})")
        lines += [f"  - [{_escape(link.title)}]({link.url})" for link in step.links]
        for note in progress.notes(step):
            text = defuse(note["text"]).replace("\n", "\n    ")
            lines.append(f"  - Note, {minute(note['at'])}: {text}")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    from pathcli.text import one_line

    return one_line(text).replace("[", "\\[").replace("]", "\\]")
