"""Turning a Markdown learning path into a path, read with a real Markdown parser (markdown-it-py).

Learning paths are written in many shapes: tables of courses, bullet lists of links (task lists too),
a heading or a bold line per lecture followed by its links, a course per heading with a link
paragraph, HTML headers. convert() reads all of them from the parser's tokens (never with regular
expressions over the text) and says in an ImportReport what it kept and what it left out, and why.

The reading is in stages, each with the choices it makes where a file is ambiguous:
- reader: the walk over the blocks, headings and sections, the steps made and the same URL kept once;
- lists and tables: the steps of bullets, link lines and table rows;
- naming: the path's title, a step's title, which link texts are generic;
- inline: links with the text around them, and which lead to a web page;
- report: what is left out, and why.
"""

from pathcli.errors import PathcliError
from pathcli.importing import naming, stepids
from pathcli.importing.reader import read
from pathcli.importing.report import RELATIVE, ImportReport, base_url_advice, first_reasons
from pathcli.store import pathfile


def convert(
    markdown: str,
    source: str,
    path_id: str | None = None,
    base_url: str | None = None,
    base_url_hint: str | None = None,
) -> tuple[dict, ImportReport]:
    """The validated path (see pathfile.validate) that a Markdown document describes, and what was left out.

    Relative links are resolved against base_url when given; without it they are reported, not guessed, with
    the advice to give base_url_hint (the file's address on its forge, where that is known) as --base-url.
    """
    import gc

    # The parser's tokens all stay alive until the walk is over: collecting garbage among them midway
    # finds none and, on a long file, takes a growing share of the time (1.6x on 20,000 bullets).
    collecting = gc.isenabled()
    gc.disable()
    try:
        reader = read(markdown.removeprefix("\ufeff"), base_url)
    finally:
        if collecting:
            gc.enable()
    sections = reader.sections
    relative = sum(1 for item in reader.skipped if item.reason == RELATIVE)
    if not sections:
        advice = f"; {base_url_advice(relative, base_url_hint)}" if relative else first_reasons(reader.skipped)
        raise PathcliError(
            f"{source}: no steps found: pathcli reads tables with a Title column and lists of links"
            " ('- [Title](https://...) - description')" + advice
        )
    title = reader.title or naming.name_of_address(base_url) or naming.name_of_address(source) or source
    for section in sections:
        section["title"] = section["title"] or title
    _give_ids(sections)
    path = {
        "id": path_id or pathfile.slugify(title),
        "title": title,
        "description": "\n\n".join(reader.description),
        "prerequisites": reader.prerequisites,
        "sections": sections,
    }
    steps = [step for section in sections for step in section["steps"]]
    report = ImportReport(
        sections=len(sections),
        steps=len(steps),
        links=sum(len(step["links"]) for step in steps),
        skipped=tuple(reader.skipped),
        checked=tuple(reader.checked),
        relative=relative,
        base_url_hint=base_url_hint if relative else None,
    )
    return pathfile.validate(path, source), report


def _give_ids(sections: list[dict]) -> None:
    """Write each step's id out, so that later edits of the file keep progress (see stepids)."""
    stepids.assign([step for section in sections for step in section["steps"]])
