"""Tables of resources: which column is the title, the type, the description and the duration, and a step
per row whose title column has a link. A table without links is a table of facts and makes no steps.

The reader is the one walking the document (see reader.Reader): its context names generic links, and steps
and what is left out go through it."""

from typing import NamedTuple

from pathcli.importing.inline import links, parts, plain, trim
from pathcli.importing.naming import named_by_context, own_title
from pathcli.importing.report import IN_ROW_WITHOUT_STEP, NO_LINK, UNREAD_DURATION, Skipped
from pathcli.store import pathfile
from pathcli.text import duration

_TITLE_COLUMNS = {"title", "resource", "name", "link", "course", "lesson", "notebook"}
_TYPE_COLUMNS = {"type", "format", "kind"}
_DESCRIPTION_COLUMNS = {"description", "note", "summary", "comment"}
_DURATION_COLUMNS = {"duration", "time", "length", "estimate"}


class Columns(NamedTuple):
    title: int
    kind: int | None  # the type column
    description: int | None
    duration: int | None
    labels: bool  # "| Course | Link |": the links are labels ("Coursera", "YouTube"); the row's name is the title


def read_table(reader, node) -> None:
    rows = [[parts(cell.children[0].token.children) for cell in row.children] for row in _rows(node)]
    if len(rows) < 2:
        return
    names = [plain(cell).casefold() for cell in rows[0]]
    body = rows[1:]
    found = find_columns(names, body)
    if found is None:
        return  # a table of facts, not of resources
    for row in body:
        _on_row(reader, row, found)


def find_columns(names: list[str], body: list[list]) -> Columns | None:
    """What each column holds, from the header's names (casefolded) and the rows (inline parts per cell);
    None without a column of links."""
    with_links = [
        any(i < len(row) and any(not link.image for link in links(row[i])) for row in body) for i in range(len(names))
    ]
    title_column = next(
        (i for i, name in enumerate(names) if _last_word(name) in _TITLE_COLUMNS and with_links[i]),
        next((i for i, has in enumerate(with_links) if has), None),
    )
    if title_column is None:
        return None
    return Columns(
        title_column,
        _column(names, _TYPE_COLUMNS),
        _column(names, _DESCRIPTION_COLUMNS),
        _column(names, _DURATION_COLUMNS),
        _last_word(names[title_column]) == "link",
    )


def _on_row(reader, row: list, columns: Columns) -> None:
    def cell(index: int | None) -> list:
        return row[index] if index is not None and index < len(row) else []

    others = [i for i in range(len(row)) if i != columns.title]
    usable, unusable = reader.usable_links(cell(columns.title))
    name = next(
        (
            text
            for i in others
            if i not in (columns.kind, columns.duration)
            and not links(row[i])
            and (text := trim(plain(row[i])))
            and not text.replace(".", "").isdigit()
        ),
        None,
    )
    if not usable:
        what = trim(plain(cell(columns.title))) or name or " ".join(plain(c) for c in row).strip()
        if unusable:
            reader.skip_links(unusable)
        elif what:
            reader.skipped.append(Skipped(NO_LINK, what))
        for i in others:
            reader.skip_links(links(row[i]), IN_ROW_WITHOUT_STEP)
        return
    reader.skip_links(unusable)
    (link, url), extra = usable[0], usable[1:]
    own = own_title(cell(columns.title), link)
    title = (name if columns.labels else None) or own or name or named_by_context(reader.context, link.text) or url
    for i in others:
        found, lost = reader.usable_links(row[i], images=True)
        extra += found
        reader.skip_links(lost)
    step = reader.add_step(
        title, url, trim(plain(cell(columns.description))), extra, step_type=plain(cell(columns.kind))
    )
    written = trim(plain(cell(columns.duration)))
    if step is not None and written:
        _add_duration(reader, step, written)


def _add_duration(reader, step: dict, written: str) -> None:
    """A duration cell, written as path files take it; one that is not hours and minutes is reported."""
    minutes = pathfile.parse_duration(written)
    if minutes is None:
        reader.skipped.append(Skipped(UNREAD_DURATION, f"{step['title']}: {written}"))
    else:
        step["duration"] = duration(minutes)


def _rows(table):
    for part in table.children:
        yield from part.children


def _column(names: list[str], wanted: set[str]) -> int | None:
    return next((i for i, name in enumerate(names) if _last_word(name) in wanted), None)


def _last_word(name: str) -> str:
    """A header's main word, singular: 'Linked Lessons' -> 'lesson'."""
    words = "".join(c if c.isalpha() else " " for c in name).split()
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
