"""Turning a Markdown learning path into a path, read with a real Markdown parser (markdown-it-py).

Learning paths are written in many shapes: tables of courses, bullet lists of links (task lists too),
a heading or a bold line per lecture followed by its links, a course per heading with a link
paragraph, HTML headers. convert() reads all of them from the parser's tokens (never with regular
expressions over the text) and says in an ImportReport what it kept and what it left out, and why.

Choices where a file is ambiguous:
- the title is the first `#` heading that is not a table of contents, unless the file opens with an
  HTML header (`<h1>`-`<h3>` before any Markdown heading); else the first heading that stands alone
  at its level; else the file's name;
- a step's section is the heading above it; a bullet without a link that has bullets under it makes
  a sub-section, "Heading / Bullet", for them;
- a step's title is the text before its link, else the link's text, else (for generic texts such
  as "Video" or "Link to Course") the nearest bold line, parent bullet or heading above;
- a list whose first link has a generic text (that does not come back in the list) is one step,
  named by that context, with the other links as its links; so is a bullet with a link and the
  bullets under it; when the generic text comes back (`[Paper](a) - BERT`, `[Paper](b) - GPT`), each
  bullet is a step named by its own text, else by the context;
- the same URL twice is one step: the later place is reported, its other links join the step;
- more generic links under the same context (`🔗 [Course Website]`, then `🔗 [Lecture Videos]`)
  join the step it named, unless something tells them apart ("Part 2": a step of their own);
- links in running text belong to their heading's step when the heading has no other steps (a
  course per heading); otherwise they are reported.
"""

from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from pathcli.errors import PathcliError
from pathcli.importing import markdown_html, stepids
from pathcli.store import pathfile
from pathcli.text import duration


class Skipped(NamedTuple):
    reason: str  # short, e.g. "no link", "duplicate URL"
    what: str  # the item as the user would recognise it: its text and/or address, one line


class ImportReport(NamedTuple):
    sections: int
    steps: int
    links: int  # extra links kept (the steps' `links`), not counting the steps' own URLs
    skipped: tuple[Skipped, ...]  # everything left out, in document order
    checked: tuple[int, ...]  # numbers (from 1) of the steps whose task box was ticked: `- [x]`


NO_LINK = "no link"
NOT_HTTP = "not an http(s) link"
IMAGE = "image or badge"
RELATIVE = "relative link without a base URL"
DUPLICATE = "duplicate URL"
ANCHOR = "link within the page"
EMPTY = "empty link"
IN_TEXT = "link in running text"
IN_INTRODUCTION = "link in the introduction"
UNREAD_DURATION = "duration not in hours and minutes"  # "2 weeks", "10 hours/week": kept out
IN_ROW_WITHOUT_STEP = "link in a table row without a link in its title column"

_TITLE_COLUMNS = {"title", "resource", "name", "link", "course", "lesson", "notebook"}
_TYPE_COLUMNS = {"type", "format", "kind"}
_DESCRIPTION_COLUMNS = {"description", "note", "summary", "comment"}
_DURATION_COLUMNS = {"duration", "time", "length", "estimate"}
_CONTENTS = {"contents", "table of contents", "toc", "index", "outline"}
_SEPARATORS = "|-—–:•·"
# Link texts that say what kind of thing a link is, not which: the step is named by its context.
_GENERIC = frozenset(
    phrase.strip()
    for phrase in """here|click here|link|links|this|this link|link to course|link to the course|course link|course
    |course page|course website|website|web site|site|homepage|home page|page|official site|video|videos
    |video lecture|video lectures|youtube|youtube video|youtube video lecture|youtube playlist|youtube lectures
    |playlist|lecture|lectures|lecture notes|lecture video|lecture videos|slides|notes|notebook|jupyter notebook
    |colab|open in colab|article|blog|blog post|post|paper|pdf|book|code|github|repo|repository|source
    |source code|lesson|read|read more|watch|docs|documentation|tutorial|more|details|info|alt|mirror|download
    |transcript|exercises|assignments|assignment|homework|lab|labs|lab assignments|solutions|materials
    |syllabus""".split("|")
)
_NUMBERED = {"part", "chapter", "week", "lecture", "lesson", "session", "module", "unit", "day", "video", "episode"}
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
_TASK_BOXES = {"[ ]": False, "[x]": True, "[X]": True}


class _Link(NamedTuple):
    href: str
    text: str  # for an image link, the image's alt text
    image: bool  # a link around an image and no text: a badge, a button, a logo


def convert(
    markdown: str, source: str, path_id: str | None = None, base_url: str | None = None
) -> tuple[dict, ImportReport]:
    """The validated path (see pathfile.validate) that a Markdown document describes, and what was left out.

    Relative links are resolved against base_url when given; without it they are reported, not guessed.
    """
    import gc

    # The parser's tokens all stay alive until the walk is over: collecting garbage among them midway
    # finds none and, on a long file, takes a growing share of the time (1.6x on 20,000 bullets).
    collecting = gc.isenabled()
    gc.disable()
    try:
        reader = _read(markdown.removeprefix("\ufeff"), base_url)
    finally:
        if collecting:
            gc.enable()
    sections = reader.sections
    if not sections:
        raise PathcliError(
            f"{source}: no steps found: pathcli reads tables with a Title column and lists of links"
            " ('- [Title](https://...) - description')" + _first_reasons(reader.skipped)
        )
    title = reader.title or PurePosixPath(urlsplit(source).path).stem or source
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
    )
    return pathfile.validate(path, source), report


def _read(markdown: str, base_url: str | None) -> "_Reader":
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(markdown))
    title_node, title = _title(root)
    reader = _Reader(base_url, title_node, title)
    reader.walk(root.children)
    reader.close_heading()
    return reader


def _first_reasons(skipped: list[Skipped]) -> str:
    reasons = list(dict.fromkeys(item.reason for item in skipped))
    return f"; left out: {', '.join(reasons[:3])}" if reasons else ""


def _give_ids(sections: list[dict]) -> None:
    """Write each step's id out, so that later edits of the file keep progress (see stepids)."""
    stepids.assign([step for section in sections for step in section["steps"]])


class _Reader:
    """One walk over the document's blocks, keeping the headings, bold lines and parent bullets above."""

    def __init__(self, base_url: str | None, title_node, title: str | None):
        self.base_url = base_url
        self.title_node = title_node
        self.title = title
        self.sections: list[dict] = []
        self.description: list[str] = []
        self.prerequisites: list[dict] = []
        self.skipped: list[Skipped] = []
        self.checked: list[int] = []
        self.by_url: dict[str, dict] = {}  # the steps made so far, by URL
        self.step_count = 0
        self.headings: list[tuple[int, str]] = []  # (level, text) of the headings above, outermost first
        self.heading: str | None = None  # the innermost: the section's title
        self.groups: list[str] = []  # parent bullets without a link above the current list
        self.context: str | None = None  # nearest heading, bold line or parent bullet: names generic links
        self.context_text: str | None = None  # the first paragraph after it: their description
        self.context_step: dict | None = None  # the step it named: more generic links under it join that step
        self.in_introduction = True  # before the first heading, or in the paragraphs right under the title
        self.describing = False  # those paragraphs are the path's description
        self.in_prerequisites = False
        self.heading_steps = 0  # steps made under the current heading
        self.heading_step: dict | None = None  # the step a heading with a link made
        self.heading_text: str | None = None  # the heading's first paragraph
        self.running_links: list[tuple[_Link, str]] = []  # (link, url) in running text under the heading

    # Blocks

    def walk(self, nodes) -> None:
        for node in nodes:
            kind = node.type
            if kind == "heading":
                self.on_heading(node)
            elif kind == "paragraph":
                self.on_paragraph(_parts(node.children[0].token.children), _is_bold(node))
            elif kind in ("bullet_list", "ordered_list"):
                self.end_description()
                self.on_list(node)
            elif kind == "table":
                self.end_description()
                self.on_table(node)
            elif kind == "html_block":
                self.on_html(node)
            elif kind == "blockquote":
                self.walk(node.children)
            else:  # rules, code: they end the description
                self.end_description()

    def on_heading(self, node) -> None:
        parts = _parts(node.children[0].token.children)
        self.start_heading(_trim(_plain(parts)), int(node.tag[1]), is_title=node is self.title_node)
        usable, unusable = self.usable_links(parts)
        if self.in_introduction:
            self.skip_links([link for link, _ in usable], IN_INTRODUCTION)
            self.skip_links(unusable)
        elif usable:  # `### [Course](url)`: the heading is the step
            (link, url), others = usable[0], usable[1:]
            self.heading_step = self.add_step(self.heading or link.text, url, "", others, by_heading=True)
            self.skip_links(unusable)
        else:
            self.skip_links(unusable)

    def start_heading(self, text: str, level: int, is_title: bool) -> None:
        self.close_heading()
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))
        self.heading = text or None
        self.set_context(self.heading)
        self.in_introduction = is_title
        self.describing = is_title
        self.in_prerequisites = "prerequisite" in text.casefold()

    def set_context(self, text: str | None) -> None:
        self.context, self.context_text, self.context_step = text, None, None

    def end_description(self) -> None:
        self.describing = False
        if self.headings:
            self.in_introduction = False

    def close_heading(self) -> None:
        """Links in running text under the heading that ends: the heading's step, or reported."""
        if self.running_links:
            if self.heading_step is not None:
                self.heading_step["links"] += self.link_entries(self.running_links, self.heading_step)
                self.heading_step["description"] = self.heading_step["description"] or self.heading_text or ""
            elif self.heading_steps == 0 and self.heading:
                (_, url), others = self.running_links[0], self.running_links[1:]
                self.add_step(self.heading, url, self.heading_text or "", others, by_heading=True)
            else:
                self.skip_links([link for link, _ in self.running_links], IN_TEXT)
        self.running_links = []
        self.heading_steps = 0
        self.heading_step = None
        self.heading_text = None

    def on_paragraph(self, parts: list, bold: bool) -> None:
        text = _plain(parts)
        usable, unusable = self.usable_links(parts)
        if self.describing and text and not bold:
            self.description.append(text)
        if not usable:
            self.skip_links(unusable)
            if bold and text and not unusable:
                self.set_context(_trim(text))
            elif text:
                self.context_text = self.context_text or text
                self.heading_text = self.heading_text or text
            return
        if _is_link_line(parts, usable[0][0]):
            self.end_description()
            self.item_step(parts, None, [])
        else:
            self.heading_text = self.heading_text or text
            self.context_text = self.context_text or text
            if self.in_introduction:
                self.skip_links([link for link, _ in usable], IN_INTRODUCTION)
            else:
                self.running_links += usable
            self.skip_links(unusable)

    def on_html(self, node) -> None:
        block = markdown_html.read_block(node.content)
        if node is self.title_node:
            self.start_heading(self.title or "", 1, is_title=True)
        elif block.headings:
            level, text = block.headings[0]
            self.start_heading(_trim(text), level, is_title=False)
        links = [_Link(link.href, link.text, link.image) for link in block.links]
        usable, unusable = self.usable_links(links)
        self.skip_links(unusable)
        if self.in_introduction:
            self.skip_links([link for link, _ in usable], IN_INTRODUCTION)
        else:
            self.running_links += usable

    # Lists

    def on_list(self, node) -> None:
        items = [_item(child) for child in node.children]
        first = next((item for item in items if item.parts or item.rest), None)
        if first is not None and self.context and self.is_generic_item(first.parts) and not _repeats(first, items):
            self.grouped_step(items, first)
            return
        of_a_kind = first is not None and self.is_generic_item(first.parts)  # `[Paper](a) - BERT`, `[Paper](b)`
        for item in items:  # resources of their own: none joins another as its link
            self.context_step = None
            self.on_item(item, of_a_kind)
        self.context_step = None

    def is_generic_item(self, parts: list) -> bool:
        usable, _ = self.usable_links(parts)
        return bool(usable) and _own_title(parts, usable[0][0]) is None

    def grouped_step(self, items: list, first) -> None:
        """A list whose first link is 'Video', 'Slides'...: one step named by its context, all links its links."""
        found: list[tuple[_Link, str]] = []
        for item in items:
            usable, unusable = self.usable_links(item.parts, images=True)
            found += usable
            self.skip_links(unusable)
            found += self.nested_links(item.rest)
        link, url = next((link, url) for link, url in found if not link.image)
        others = [entry for entry in found if entry[0] is not link] + self.take_running_links()
        by_heading = self.context == self.heading and not self.groups
        step = self.add_step(
            self.named_by_context(link.text), url, self.context_text or "", others, by_heading=by_heading
        )
        self.context_step = step
        if step is not None and first.checked:
            self.checked.append(self.step_count)

    def on_item(self, item, of_a_kind: bool = False) -> None:
        usable, unusable = self.usable_links(item.parts)
        if self.in_prerequisites and not usable and item.parts and not _has_list(item.rest):
            self.prerequisites.append(_prerequisite(item.parts))
            return
        if usable:
            self.item_step(item.parts, item.checked, item.rest, of_a_kind)
            return
        self.skip_links(unusable)
        text = _trim(_plain(item.parts))
        if item.checked is not None and text and not unusable and not _has_list(item.rest):
            self.skipped.append(Skipped(NO_LINK, text))
        if text and _has_list(item.rest):
            self.groups.append(_short(text))
            saved = self.context, self.context_text, self.context_step
            self.set_context(text)
            self.walk(item.rest)
            self.context, self.context_text, self.context_step = saved
            self.groups.pop()
        else:
            self.walk(item.rest)

    def item_step(self, parts: list, checked: bool | None, rest: list, of_a_kind: bool = False) -> None:
        """A step from a bullet or a link line: `Title [Provider](url)`, `[Title](url) - text`. of_a_kind: a
        bullet among others of the same generic link text, whose own text names it (`[Paper](url) - BERT`)."""
        main, _ = self.usable_links(parts)
        usable, unusable = self.usable_links(parts, images=True)
        self.skip_links(unusable)
        (link, url) = main[0]
        others = [found for found in usable if found[0] is not link]
        title = _own_title(parts, link)
        after = _trim(_plain(parts[parts.index(link) + 1 :]))
        by_heading = False
        named_by_context = title is None
        if named_by_context and self.context_step is not None and not _qualifier(link.text):
            # `🔗 [Course Website](a)`, then `🔗 [Lecture Videos](b)`: links of the step the context named
            step = self.context_step
            step["links"] += self.link_entries([(link, url), *others, *self.nested_links(rest)], step)
            return
        if named_by_context and of_a_kind:  # one resource among several under the heading, not the heading's
            title, description = after or self.named_by_context(link.text) or url, ""
            named_by_context = False
        elif named_by_context:
            title, description = self.named_by_context(link.text) or url, after or self.context_text or ""
            by_heading = self.context == self.heading and not self.groups
            others += self.take_running_links()
        elif title != _trim(link.text):  # `Title [Provider](url)`
            description = after or _trim(link.text)
        else:
            description = after
        step = self.add_step(title, url, description, others + self.nested_links(rest), by_heading=by_heading)
        if named_by_context:
            self.context_step = step
        if step is not None and checked:
            self.checked.append(self.step_count)

    def take_running_links(self) -> list[tuple[_Link, str]]:
        """Links in the text between a context (a lecture's bold line) and the step it names are that step's."""
        taken, self.running_links = self.running_links, []
        return taken

    def named_by_context(self, text: str) -> str:
        """The title of a link with a generic text: its context, with what tells the link apart
        ('Link to Course - Part 2' -> 'Context: Part 2', 'Link to 2021 Edition' -> 'Context: 2021 Edition')."""
        if not self.context:
            return _trim(text)
        qualifier = _qualifier(text)
        return f"{self.context}: {qualifier}" if qualifier else self.context

    def nested_links(self, nodes) -> list[tuple[_Link, str]]:
        """Every link in the blocks under a bullet, in order, for the bullet's step."""
        found: list[tuple[_Link, str]] = []
        for node in _inline_nodes(nodes):
            parts = _parts(node.token.children)
            usable, unusable = self.usable_links(parts, images=True)
            self.skip_links(unusable)
            if usable:
                before = _trim(_plain(parts[: parts.index(usable[0][0])]))
                first, url = usable[0]
                if before and len(before) <= 80:
                    first = first._replace(text=before)
                found += [(first, url), *usable[1:]]
        return found

    # Tables

    def on_table(self, node) -> None:
        rows = [[_parts(cell.children[0].token.children) for cell in row.children] for row in _rows(node)]
        if len(rows) < 2:
            return
        names = [_plain(cell).casefold() for cell in rows[0]]
        body = rows[1:]
        with_links = [
            any(i < len(row) and any(not link.image for link in _links(row[i])) for row in body)
            for i in range(len(names))
        ]
        title_column = next(
            (i for i, name in enumerate(names) if _last_word(name) in _TITLE_COLUMNS and with_links[i]),
            next((i for i, has in enumerate(with_links) if has), None),
        )
        if title_column is None:
            return  # a table of facts, not of resources
        type_column = _column(names, _TYPE_COLUMNS)
        description_column = _column(names, _DESCRIPTION_COLUMNS)
        duration_column = _column(names, _DURATION_COLUMNS)
        # "| Course | Link |": the links are labels ("Coursera", "YouTube"); the row's name is the title
        labels = _last_word(names[title_column]) == "link"
        for row in body:
            self.on_row(row, title_column, type_column, description_column, duration_column, labels)

    def add_duration(self, step: dict, written: str) -> None:
        """A duration cell, written as path files take it; one that is not hours and minutes is reported."""
        minutes = pathfile.parse_duration(written)
        if minutes is None:
            self.skipped.append(Skipped(UNREAD_DURATION, f"{step['title']}: {written}"))
        else:
            step["duration"] = duration(minutes)

    def on_row(
        self,
        row: list,
        title_column: int,
        type_column: int | None,
        description_column: int | None,
        duration_column: int | None,
        labels: bool = False,
    ) -> None:
        def cell(index: int | None) -> list:
            return row[index] if index is not None and index < len(row) else []

        others = [i for i in range(len(row)) if i != title_column]
        usable, unusable = self.usable_links(cell(title_column))
        name = next(
            (
                text
                for i in others
                if i not in (type_column, duration_column)
                and not _links(row[i])
                and (text := _trim(_plain(row[i])))
                and not text.replace(".", "").isdigit()
            ),
            None,
        )
        if not usable:
            what = _trim(_plain(cell(title_column))) or name or " ".join(_plain(c) for c in row).strip()
            if unusable:
                self.skip_links(unusable)
            elif what:
                self.skipped.append(Skipped(NO_LINK, what))
            for i in others:
                self.skip_links(_links(row[i]), IN_ROW_WITHOUT_STEP)
            return
        self.skip_links(unusable)
        (link, url), extra = usable[0], usable[1:]
        own = _own_title(cell(title_column), link)
        title = (name if labels else None) or own or name or self.named_by_context(link.text) or url
        for i in others:
            found, lost = self.usable_links(row[i], images=True)
            extra += found
            self.skip_links(lost)
        step = self.add_step(
            title, url, _trim(_plain(cell(description_column))), extra, step_type=_plain(cell(type_column))
        )
        written = _trim(_plain(cell(duration_column)))
        if step is not None and written:
            self.add_duration(step, written)

    # Steps, links and what is left out

    def usable_links(self, parts: list, images: bool = False) -> tuple[list[tuple[_Link, str]], list[_Link]]:
        """The links of some inline parts that lead to a web page (with their absolute URL), and the others.
        Images (badges, buttons) are only usable as a step's extra links, when images is true."""
        usable, unusable = [], []
        for link in _links(parts):
            url = self.resolve(link._replace(image=False) if images else link)
            if url is None:
                unusable.append(link)
            else:
                usable.append((link, url))
        return usable, unusable

    def resolve(self, link: _Link) -> str | None:
        if link.image or not link.href or link.href.startswith("#"):
            return None
        scheme = urlsplit(link.href).scheme.lower()
        if scheme in ("http", "https"):
            url = link.href
        elif not scheme and self.base_url:
            url = urljoin(self.base_url, link.href)
        else:
            return None
        url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # spaces and controls from HTML attributes
        return url if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).netloc else None

    def skip_links(self, links: list[_Link], reason: str | None = None) -> None:
        for link in links:
            self.skipped.append(Skipped(reason or self.why_not(link), _what(link.text, link.href)))

    def why_not(self, link: _Link) -> str:
        if link.image:
            return IMAGE
        if not link.href:
            return EMPTY
        if link.href.startswith("#"):
            return ANCHOR
        if urlsplit(link.href).scheme:
            return NOT_HTTP
        return RELATIVE if not self.base_url else NOT_HTTP

    def add_step(
        self,
        title: str,
        url: str,
        description: str,
        others: list[tuple[_Link, str]],
        step_type: str = "",
        by_heading: bool = False,
    ) -> dict | None:
        title = _trim(title) or url
        if url in self.by_url:  # one step: its links join the first one's
            self.skipped.append(Skipped(DUPLICATE, _what(title, url)))
            first = self.by_url[url]
            first["links"] += self.link_entries(others, first)
            return None
        step = {"title": title, "type": step_type, "url": url, "description": description, "links": []}
        self.by_url[url] = step
        step["links"] = self.link_entries(others, step)
        heading = self.heading
        if by_heading:  # a course per heading: in the section of the heading above
            heading = self.headings[-2][1] if len(self.headings) > 1 else None
        section = " / ".join([heading or "", *self.groups]).strip(" /") or None
        if self.sections and self.sections[-1]["title"] == section:
            self.sections[-1]["steps"].append(step)
        else:
            self.sections.append({"title": section, "steps": [step]})
        self.step_count += 1
        self.heading_steps += 1
        self.end_description()
        return step

    def link_entries(self, found: list[tuple[_Link, str]], step: dict) -> list[dict]:
        seen = {step["url"], *(link["url"] for link in step["links"])}
        entries = []
        for link, url in found:
            if url in seen:
                self.skipped.append(Skipped(DUPLICATE, _what(link.text, url)))
                continue
            seen.add(url)
            entries.append({"title": _trim(link.text) or url, "url": url})
        return entries


class _Item(NamedTuple):
    parts: list  # the bullet's own text and links, task box taken off
    checked: bool | None  # None: no task box
    rest: list  # the blocks under it: nested lists, paragraphs, headings


def _item(node) -> _Item:
    children = list(node.children)
    if not children or children[0].type != "paragraph":
        return _Item([], None, children)
    parts = _parts(children[0].children[0].token.children)
    checked = None
    if parts and isinstance(parts[0], str):
        head = parts[0].lstrip()
        if head[:3] in _TASK_BOXES and (len(head) == 3 or head[3].isspace()):
            checked = _TASK_BOXES[head[:3]]
            parts[0] = head[3:]
    return _Item(parts, checked, children[1:])


def _own_title(parts: list, link: _Link) -> str | None:
    """The title a bullet, line or cell gives its link: the text before the link, else the link's text;
    None when both are generic ('Video', 'here', the address itself) and the context must name it."""
    before = _trim(_plain(parts[: parts.index(link)]))
    if before and not _is_generic(before):
        return before
    text = _trim(link.text)
    return text if text and link.text != link.href and not _is_generic(text) else None


def _repeats(first: _Item, items: list[_Item]) -> bool:
    """Whether the first bullet's link text comes back in the list ('[Paper](a)', '[Paper](b)'...): then the
    bullets are resources of one kind, each its own step, not the parts of one."""
    text = _links(first.parts)[0].text.casefold()
    return any(
        item is not first and _links(item.parts) and _links(item.parts)[0].text.casefold() == text for item in items
    )


def _has_list(nodes) -> bool:
    return any(node.type in ("bullet_list", "ordered_list") for node in nodes)


def _inline_nodes(nodes):
    for node in nodes:
        if node.type == "inline":
            yield node
        else:
            yield from _inline_nodes(node.children)


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


def _title(root) -> tuple[object, str | None]:
    """The node that holds the path's title, and the title (see the module's docstring)."""
    headings = []  # (node, level, text, from HTML)
    for node in _blocks(root.children):
        if node.type == "heading":
            headings.append((node, int(node.tag[1]), _trim(_plain(_parts(node.children[0].token.children))), False))
        elif node.type == "html_block":
            block = markdown_html.read_block(node.content)
            headings += [(node, level, _trim(text), True) for level, text in block.headings]
    first_markdown = next((i for i, heading in enumerate(headings) if not heading[3]), len(headings))
    candidates = [heading for heading in headings if heading[2] and not _is_contents(heading[2])]
    chosen = (
        next((h for h in headings[:first_markdown] if h in candidates), None)  # an HTML header on top
        or next((h for h in candidates if h[1] == 1 and not h[3]), None)
        or next((h for h in candidates if sum(1 for other in candidates if other[1] <= h[1]) == 1), None)
    )
    return (chosen[0], chosen[2]) if chosen else (None, None)


def _blocks(nodes):
    for node in nodes:
        yield node
        if node.type in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            yield from _blocks(node.children)


def _is_contents(text: str) -> bool:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split()) in _CONTENTS


def _is_generic(text: str) -> bool:
    """'Video', 'Link to Course - Part 1', 'here': a text that says what kind of link it is, not which."""
    return all(_is_generic_segment(segment) for segment in _segments(text))


def _segments(text: str) -> list[str]:
    """A link text cut at its separators: 'Link to Course - Part 1' -> ['Link to Course', 'Part 1']."""
    for separator in (" - ", " – ", " — ", " | ", ": ", ", "):
        text = text.replace(separator, "\n")
    return [segment for segment in text.split("\n") if segment.strip()]


def _qualifier(text: str) -> str:
    found = []
    for segment in _segments(text):
        words = segment.split()
        rest = " ".join(words[2:]) if [word.casefold() for word in words[:2]] == ["link", "to"] else segment
        if _is_numbered(rest) or not _is_generic_segment(rest):
            found.append(_trim(rest))
    return ", ".join(found)


def _is_generic_segment(segment: str) -> bool:
    words = "".join(c if c.isalnum() else " " for c in segment.casefold()).split()
    return not words or " ".join(words) in _GENERIC or words[:2] == ["link", "to"] or _is_numbered(segment)


def _is_numbered(segment: str) -> bool:
    words = "".join(c if c.isalnum() else " " for c in segment.casefold()).split()
    return len(words) == 2 and words[0] in _NUMBERED and (words[1].isdigit() or words[1] in _ROMAN)


def _is_link_line(parts: list, link: _Link) -> bool:
    """A paragraph that is a link, not running text: `🔗 [Link to Course](url)`, `Title [Provider](url)`,
    `[Title](url) - text`."""
    at = parts.index(link)
    before = _trim(_plain(parts[:at]))
    if len(before) <= 3:
        return True
    after = "".join(part for part in parts[at + 1 :] if isinstance(part, str))
    return len(before) <= 100 and not _trim(after)


def _is_bold(paragraph) -> bool:
    children = [c for c in paragraph.children[0].token.children if c.type != "text" or c.content.strip()]
    return len(children) > 2 and children[0].type == "strong_open" and children[-1].type == "strong_close"


def _parts(children) -> list:
    """Inline tokens as a list of text (str) and links (_Link), marks (bold, code...) taken away.
    HTML `<a href>` and `<img>` tags count as links and images."""
    parts: list = []
    link: list | None = None  # [href, texts, alt texts of its images]

    def close():
        nonlocal link
        if link is not None:
            text = " ".join("".join(link[1]).split())
            image = bool(link[2]) and not text
            parts.append(_Link(str(link[0]).strip(), " ".join(" ".join(link[2]).split()) if image else text, image))
            link = None

    for child in children or ():
        kind = child.type
        if kind == "html_inline":
            name, value = markdown_html.tag(child.content)
            if name == "a":
                close()
                link = [value, [], []]
            elif name == "/a":
                close()
            elif name == "img" and link is not None:
                link[2].append(value)
        elif kind == "link_open":
            close()
            link = [child.attrs.get("href", ""), [], []]
        elif kind == "link_close":
            close()
        elif kind == "image":
            if link is not None:
                link[2].append(child.content)
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = child.content if kind in ("text", "code_inline") else " "
            (link[1] if link is not None else parts).append(text)
    close()
    return parts


def _links(parts: list) -> list[_Link]:
    return [part for part in parts if isinstance(part, _Link)]


def _plain(parts: list) -> str:
    """The text of inline parts, links' texts included, spaces made single."""
    return " ".join("".join(part if isinstance(part, str) else _shown(part) for part in parts).split())


def _shown(link: _Link) -> str:
    return "" if link.image else link.text


def _trim(text: str) -> str:
    """Text without the separators (`|`, `-`, `:`) and spaces left at its edges."""
    return text.strip().strip(_SEPARATORS + " \t").strip()


def _short(text: str) -> str:
    """A parent bullet's text as a section name: a long one up to its first colon or parenthesis."""
    if len(text) <= 80:
        return text
    for mark in (": ", " ("):
        head = text.split(mark)[0].strip()
        if head and len(head) <= 80:
            return head
    return text[:77].rstrip() + "..."


def _what(text: str, href: str) -> str:
    text = " ".join(text.split())
    return f"{text} ({href})" if text and href and text != href else text or href


def _prerequisite(parts: list) -> dict:
    """`**Name**: explanation`, or `Name: explanation`."""
    name, _, rest = _plain(parts).partition(":")
    return {"title": name.strip(), "description": rest.strip()}
