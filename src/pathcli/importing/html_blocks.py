"""HTML blocks read as structure, by the rules Markdown is read by: an HTML `<table>` as a table (a step per
row, the same column rules), each line of an HTML block (cut at `<br>`, `<p>`, `<li>`) as a bullet: a line
that is a link (`<a href><b>Name</b></a> - description<br>`) is a step titled by its link's text; links in
a line of running text are running text.

Markdown ends an HTML block at a blank line, even inside a `<table>`: the blocks of one table are read
together (the reader keeps them until the table closes).

The reader is the one walking the document (see reader.Reader): headings, context and steps go through it.
"""

from pathcli.importing import lists, markdown_html, tables
from pathcli.importing.inline import Link, is_link_line, trim
from pathcli.importing.report import IN_INTRODUCTION


def read_html(reader, html: str, is_title: bool) -> None:
    """An HTML block (or the blocks of one table, joined): its headings, tables and lines."""
    block = markdown_html.read_block(html)
    if is_title:
        reader.start_heading(reader.title or "", 1, is_title=True)
    elif block.headings:
        level, text = block.headings[0]
        reader.start_heading(trim(text), level, is_title=False)
    for table in block.tables:
        reader.end_description()
        tables.read_rows(reader, [[_parts(cell) for cell in row] for row in table])
    for line in block.lines:
        _on_line(reader, _parts(line))


def _parts(html_parts: list) -> list:
    return [Link(*part) if isinstance(part, markdown_html.HtmlLink) else part for part in html_parts]


def _on_line(reader, parts: list) -> None:
    usable, unusable = reader.usable_links(parts, badges=True)
    if reader.in_introduction:
        reader.skip_links(unusable)
        reader.skip_links([link for link, _ in usable], IN_INTRODUCTION)
    elif usable and is_link_line(parts, usable[0][0]):
        reader.end_description()
        lists.item_step(reader, parts, None, [])
    else:
        reader.skip_links(unusable)
        reader.running_links += usable
