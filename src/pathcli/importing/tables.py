"""Tables of resources: which column is the title, the type, the description and the duration, and a step
per row whose title column has a link. A table without links is a table of facts and makes no steps.

The reader is the one walking the document (see reader.Reader): its context names generic links, and steps
and what is left out go through it."""

from typing import NamedTuple

from pathcli.importing.inline import lines, links, parts, plain, resolve, trim
from pathcli.importing.naming import is_generic, named_by_context, numbered, own_title
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
    read_rows(reader, [[parts(cell.children[0].token.children) for cell in row.children] for row in _rows(node)])


def read_rows(reader, rows: list[list[list]]) -> None:
    """A table's rows (its header first), each a list of cells, each cell inline parts: a Markdown table or
    an HTML one (see html_blocks), read by the same rules."""
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
        sum(1 for row in body if i < len(row) and any(not link.image for link in links(row[i])))
        for i in range(len(names))
    ]
    most = max(with_links, default=0)
    # a column with links in more than half as many rows as the column with the most: not one whose only link
    # is a group row's ("| III | [Neural Networks](url) |" above the lessons)
    linked = [i for i, count in enumerate(with_links) if count and 2 * count > most]
    title_column = next((i for i in linked if _last_word(names[i]) in _TITLE_COLUMNS), None)
    if title_column is None:  # a Title/Notebook column whose links are all badges (`[![Open In Colab](…)](…)`)
        badges = [sum(1 for row in body if i < len(row) and links(row[i])) for i in range(len(names))]
        title_column = next(
            (
                i
                for i, name in enumerate(names)
                if _last_word(name) in _TITLE_COLUMNS and badges[i] and 2 * badges[i] > most and not with_links[i]
            ),
            next(iter(linked), None),
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
    readings = [line for line in lines(cell(columns.title)) if reader.usable_links(line)[0]]
    if len(readings) > 1:
        _several(reader, row, columns, readings)
        return
    usable, unusable = reader.usable_links(cell(columns.title))
    if not usable:  # a title column of badges: the badge is the row's link
        usable = [
            (link, url)
            for link in unusable
            if link.image and (url := resolve(link._replace(image=False), reader.base_url))
        ]
        unusable = [link for link in unusable if all(link is not found for found, _ in usable)]
    name = next(
        (
            text
            for i in others
            if i not in (columns.kind, columns.duration, columns.description)
            and (text := _own_words(row[i]))
            and not text.replace(".", "").isdigit()
        ),
        None,
    )
    label = trim(plain(cell(columns.title)))
    beside = None  # `| LazyMergekit | ... | [![Open In Colab](badge)](url) |`: the row's link, named by its title cell
    if not usable and not unusable and label:
        beside = next((found for i in others for found in reader.usable_links(row[i], images=True)[0]), None)
        usable = [beside] if beside else []
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
    own = label if beside else own_title(cell(columns.title), link)
    number = numbered(link.text)  # `[Module 2](url)` beside "Python for Machine Learning"
    if name and number and number.casefold() not in name.casefold():
        name = f"{number}: {name}"
    title = (name if columns.labels else None) or own or name or named_by_context(reader.context, link.text) or url
    own_steps = []  # in a title column of badges, the row's links with text are resources of their own
    for i in others:
        found, lost = reader.usable_links(row[i], images=True)
        found = [entry for entry in found if entry is not beside and entry[0] is not link]
        if link.image:
            own_steps += [entry for entry in found if not entry[0].image]
            found = [entry for entry in found if entry[0].image]
        extra += found
        reader.skip_links(lost)
    step = reader.add_step(
        title, url, trim(plain(cell(columns.description))), extra, step_type=plain(cell(columns.kind))
    )
    for other, address in own_steps:  # `| Fine-tune Llama 3 with ORPO | … | [Article](a) | [![Colab](…)](b) |`
        text = trim(other.text)
        reader.add_step(f"{title}: {text}" if is_generic(text) else text, address, "", [])
    written = trim(plain(cell(columns.duration)))
    if step is not None and written:
        _add_duration(reader, step, written)


def _own_words(cell: list) -> str:
    """A cell's own words: its first line (up to a `<br>` or `<li>`) before any link; '' when it starts with a
    link."""
    first = (lines(cell) or [[]])[0]
    found = links(first)
    before = trim(plain(first[: first.index(found[0])] if found else first))
    if found and before and not any(c.isalnum() for c in before):  # `| 🧐 [LLM AutoEval](url) |`: the link's text
        return trim(found[0].text) if not found[0].image and not is_generic(found[0].text) else ""
    return before


def _several(reader, row: list, columns: Columns, readings: list[list]) -> None:
    """A cell with several resources, one a line (`Author, *Journal*, Year [DOI](a) [PDF](b)<br>...`): a step
    per line, titled by its own words (else its first link's text), its other links its links, in a section
    named by the row's text cells ("Week 1: Introduction"); links with a name of their own in the row's other
    cells (`[Lab 1](url)`) are steps too, generic ones join the first step."""
    texts = [trim(plain(cell)) for i, cell in enumerate(row) if i != columns.title and not links(cell)]
    reader.groups.append(": ".join(text for text in texts if text))
    first = None
    for line in readings:
        usable, unusable = reader.usable_links(line, images=True)
        reader.skip_links(unusable)
        (link, url), extra = next(
            (found, [o for o in usable if o is not found]) for found in usable if not found[0].image
        )
        title = (
            trim(plain(line[: line.index(link)]))
            or own_title(line, link)
            or named_by_context(reader.context, link.text)
        )
        step = reader.add_step(title, url, "", extra)
        first = first or step
    for i, cell in enumerate(row):
        if i == columns.title:
            continue
        usable, unusable = reader.usable_links(cell, images=True)
        reader.skip_links(unusable)
        for link, url in usable:
            name = None if link.image else own_title([link], link)
            if name:
                reader.add_step(name, url, "", [])
            elif first is not None:
                first["links"] += reader.link_entries([(link, url)], first)
    reader.groups.pop()


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
