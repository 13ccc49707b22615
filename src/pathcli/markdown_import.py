"""Turning a Markdown learning path into a path, read with a real Markdown parser (markdown-it-py).

What it understands: the first `#` heading as the title and the text under it as the description;
the heading above some steps as their section (two identical headings in a row are one section, a
heading with no steps under it makes none); tables with a title column (and optionally step, type
and description columns, in any order), and bullet lists of links, as steps; the bullets of a
"Prerequisites" section as prerequisites.
"""

from pathcli import pathfile
from pathcli.errors import PathcliError

_TITLE_COLUMNS = {"title", "resource", "name", "link", "course"}
_TYPE_COLUMNS = {"type", "format", "kind"}
_DESCRIPTION_COLUMNS = {"description", "notes", "summary", "comment"}
# The step column (Step, #, No) is recognised by leaving it alone: document order is the order.
_SEPARATORS = "-—–:"


def convert(markdown: str, source: str, path_id: str | None = None) -> dict:
    """The validated path (see pathfile.validate) that a Markdown document describes."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    title = None
    description: list[str] = []
    prerequisites: list[dict] = []
    sections: list[dict] = []
    heading = None
    in_intro = in_prerequisites = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            text = _plain(tokens[index + 1].children)
            in_intro = title is None and token.tag == "h1"
            if in_intro:
                title = text
            heading = text
            in_prerequisites = "prerequisite" in text.casefold()
        elif token.type == "paragraph_open" and in_intro and token.level == 0:
            description.append(_plain(tokens[index + 1].children))
        elif token.type == "table_open":
            _add_steps(sections, heading, _table_steps(tokens, index))
        elif token.type == "list_item_open" and tokens[index + 1].type == "paragraph_open":
            children = tokens[index + 2].children
            if in_prerequisites:
                prerequisites.append(_prerequisite(children))
            else:
                _add_steps(sections, heading, [step] if (step := _bullet_step(children)) else [])
    if not any(section["steps"] for section in sections):
        raise PathcliError(
            f"{source}: no steps found: pathcli reads tables with a Title column and bullet lists"
            " of links ('- [Title](https://...) - description')"
        )
    title = title or heading or source
    for section in sections:
        section["title"] = section["title"] or title
    _give_ids(sections)
    path = {
        "id": path_id or pathfile.slugify(title),
        "title": title,
        "description": "\n\n".join(description),
        "prerequisites": prerequisites,
        "sections": sections,
    }
    return pathfile.validate(path, source)


def _add_steps(sections: list[dict], heading: str | None, steps: list[dict]) -> None:
    if not steps:
        return
    if sections and sections[-1]["title"] == heading:
        sections[-1]["steps"].extend(steps)
    else:
        sections.append({"title": heading, "steps": steps})


def _give_ids(sections: list[dict]) -> None:
    """Write each step's id out, made unique, so that later edits of the file keep progress."""
    taken: set[str] = set()
    for section in sections:
        for step in section["steps"]:
            base = pathfile.slugify(step["title"])
            step_id, count = base, 1
            while step_id in taken:
                count += 1
                step_id = f"{base}-{count}"
            taken.add(step_id)
            step["id"] = step_id


def _table_steps(tokens, start: int) -> list[dict]:
    header, rows = _table_cells(tokens, start)
    names = [_plain(cell).casefold() for cell in header]
    columns = {}
    for role, wanted in (("title", _TITLE_COLUMNS), ("type", _TYPE_COLUMNS), ("description", _DESCRIPTION_COLUMNS)):
        columns[role] = next((i for i, name in enumerate(names) if name in wanted), None)
    if columns["title"] is None:
        return []
    steps = []
    for row in rows:
        cell = dict.fromkeys(columns, [])
        cell.update({role: row[i] for role, i in columns.items() if i is not None and i < len(row)})
        links = _links(cell["title"])
        title = links[0]["title"] if links else _plain(cell["title"])
        others = [i for i in range(len(row)) if i != columns["title"]]
        links += [link for i in others for link in _links(row[i])]
        if not title or not links:
            continue  # a row without a title or any link is not a resource to track
        steps.append(
            {
                "title": title,
                "type": _plain(cell["type"]),
                "url": links[0]["url"],
                "description": _plain(cell["description"]),
                "links": links[1:],
            }
        )
    return steps


def _table_cells(tokens, start: int) -> tuple[list, list[list]]:
    """The header cells and the body rows of the table at tokens[start], each cell its inline children."""
    header: list = []
    rows: list[list] = []
    for token in tokens[start + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(token.children or [])
    if rows:
        header = rows.pop(0)
    return header, rows


def _bullet_step(children) -> dict | None:
    """A step from a list item that starts with a link: `[Title](url) - description`."""
    opening = next((i for i, child in enumerate(children) if child.type == "link_open"), None)
    if opening is None or _plain(children[:opening]):
        return None
    closing = next(i for i in range(opening, len(children)) if children[i].type == "link_close")
    links = _links(children)
    if not links or links[0]["url"] != children[opening].attrs.get("href"):
        return None  # the leading link is not a web address
    rest = _plain(children[closing + 1 :]).lstrip(_SEPARATORS + " ").strip()
    return {
        "title": _plain(children[opening + 1 : closing]) or links[0]["url"],
        "type": "",
        "url": links[0]["url"],
        "description": rest,
        "links": links[1:],
    }


def _prerequisite(children) -> dict:
    """`**Name**: explanation`, or `Name: explanation`."""
    if children and children[0].type == "text" and not children[0].content.strip() and len(children) > 1:
        children = children[1:]
    if children and children[0].type == "strong_open":
        closing = next(i for i, child in enumerate(children) if child.type == "strong_close")
        name, rest = _plain(children[1:closing]), _plain(children[closing + 1 :])
    else:
        name, _, rest = _plain(children).partition(":")
    return {"title": name.strip().rstrip(":").strip(), "description": rest.strip().lstrip(":").strip()}


def _links(children) -> list[dict]:
    links = []
    for index, child in enumerate(children):
        if child.type == "link_open":
            closing = next(i for i in range(index, len(children)) if children[i].type == "link_close")
            url = str(child.attrs.get("href", ""))
            if url.lower().startswith(("http://", "https://")):  # anchors and mailto: are not resources
                links.append({"title": _plain(children[index + 1 : closing]) or url, "url": url})
    return links


def _plain(children) -> str:
    """The text of inline tokens with all marks (bold, italics, code, links) taken away."""
    parts = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
