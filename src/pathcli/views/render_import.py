"""What `path import`, `path add` and `path update` print: what the importer kept and left out, and what
changed since the installed version. Plain lines (no Rich), every text from a file or the web one_line'd."""

from collections import Counter

from pathcli.text import count, one_line
from pathcli.views.output import print_json, say

LISTED = 5  # the first few of each kind are listed; --json has them all


def import_summary(report, page) -> None:
    if page.redirects:
        say(f"Fetched {one_line(page.source)}, redirected to {one_line(page.redirects[-1])}")
    say(f"Kept {count(report.sections, 'section')}, {count(report.steps, 'step')} and {report.links} more links")
    if report.skipped:
        say(f"Skipped {len(report.skipped)}, by reason (--json lists every one):")
        examples: dict[str, list] = {}
        for item in report.skipped:
            examples.setdefault(item.reason, []).append(item.what)
        for reason, whats in examples.items():
            example = next((one_line(what) for what in whats if what.strip()), "")
            say(f"  {one_line(reason)}: {len(whats)}" + (f", such as {example}" if example else ""))
    if report.relative:
        from pathcli.importing.report import base_url_advice

        say(one_line(base_url_advice(report.relative, report.base_url_hint)))


def checked_boxes(report, marked_done: int | None) -> None:
    """marked_done is None when the boxes were only reported."""
    if not report.checked:
        return
    have = f"{count(len(report.checked), 'step')} {'has' if len(report.checked) == 1 else 'have'} a checked box"
    if marked_done is None:
        say(f"{have}; add --done-checked to mark them done")
    else:
        say(f"{have}: marked {marked_done} of them done")


def installed(installed) -> None:
    path, changes = installed.path, installed.changes
    verb = "Updated" if changes else "Added"
    say(f"{verb} {path.id}: {one_line(path.title)}, {count(len(path.steps), 'step')}")
    if changes is None:
        return
    kept = getattr(installed, "kept_fixed", 0)
    if kept:
        say(f"  kept {count(kept, 'address', 'addresses')} fixed by check --update")
    if not (changes.added or changes.removed or changes.renamed):
        say("  No step added, removed or renamed")
        return
    say(
        f"  {len(changes.added)} added, {len(changes.removed)} removed (their progress is kept),"
        f" {len(changes.renamed)} renamed"
    )
    for mark, refs in (("+", changes.added), ("-", changes.removed)):
        for ref in refs[:LISTED]:
            say(f"  {mark} {one_line(ref.title)} <{one_line(ref.url)}>")
        _more(len(refs))
    for renamed in changes.renamed[:LISTED]:
        say(f"  ~ {one_line(renamed.old.title)} -> {one_line(renamed.new.title)}")
    _more(len(changes.renamed))


def _more(number: int) -> None:
    if number > LISTED:
        say(f"  ... and {number - LISTED} more (--json lists them all)")


def _refs(refs) -> list[dict]:
    return [ref._asdict() for ref in refs]


def result_json(installed=None, report=None, page=None, data: dict | None = None) -> None:
    """One JSON object for an import (report and page), an update, or an add; data: a path not installed (-o)."""
    result: dict = {}
    if installed is not None:
        path = installed.path
        result.update(
            id=path.id, title=path.title, steps=len(path.steps), sections=len(path.sections), source=path.source
        )
    elif data is not None:
        result.update(id=data["id"], title=data["title"])
    if page is not None:
        result.update(source=page.source, redirects=list(page.redirects))
    if report is not None:
        result.update(
            sections=report.sections,
            steps=report.steps,
            links=report.links,
            skipped=[item._asdict() for item in report.skipped],
            skipped_by_reason=dict(Counter(item.reason for item in report.skipped)),
            checked=list(report.checked),
            relative=report.relative,
            base_url_hint=report.base_url_hint,
        )
    if installed is not None:
        changes = installed.changes
        result["marked_done"] = installed.marked_done
        result["changes"] = changes and {
            "added": _refs(changes.added),
            "removed": _refs(changes.removed),
            "renamed": [{**renamed.new._asdict(), "old_title": renamed.old.title} for renamed in changes.renamed],
        }
    print_json(result)
