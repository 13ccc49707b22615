"""The walk over the document's blocks: headings and the sections they make, paragraphs, HTML blocks, and
the state lists and tables read by (the headings, bold line and parent bullets above); the steps made, the
same URL kept once, and everything left out.

Choices where a file is ambiguous:
- a step's section is the heading above it (see lists for sub-sections);
- the same URL twice is one step: the later place is reported, its other links join the step;
- an address written bare (`- Linear algebra: https://...`) is a link like any other, its text the address;
- links in running text belong to their heading's step when the heading has no other steps (a
  course per heading); otherwise they are reported.
"""

import re

from pathcli.importing import html_blocks, lists, markdown_html, meta, naming, tables
from pathcli.importing.inline import (
    Link,
    is_bold,
    is_link_line,
    is_picture,
    links,
    parts,
    plain,
    resolve,
    trim,
    why_not,
)
from pathcli.importing.report import (
    ABOUT_PROJECT,
    DUPLICATE,
    IN_INTRODUCTION,
    IN_META_SECTION,
    IN_TEXT,
    Skipped,
    what_of,
)
from pathcli.importing.stepids import normalise_url


def read(markdown: str, base_url: str | None) -> "Reader":
    """The document walked, from its first block to its last."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    parser = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False})  # only addresses with http(s):// (not README.md)
    # markdown-it leaves `[Local](file:///...)` and `javascript:` links as plain text, where nothing would
    # report them: taken as links, they are reported as not http(s). Nothing here is ever rendered.
    parser.validateLink = lambda url: True
    tokens = parser.parse(markdown)
    _flatten_deep_inline(tokens)
    root = SyntaxTreeNode(tokens)
    title_node, title = naming.title(root)
    reader = Reader(base_url, title_node, title)
    reader.own = meta.own_repository(base_url, _GITHUB_ADDRESS.findall(markdown))
    reader.bare_urls = sum(
        1
        for token in tokens
        if token.type == "inline"
        for child in token.children or ()
        if child.type == "link_open" and child.markup == "linkify"
    )
    reader.walk(root.children)
    reader.end_html()
    reader.close_heading()
    return reader


MAX_INLINE_DEPTH = 32  # emphasis, links and the like nested deeper are read as their text


def _flatten_deep_inline(tokens) -> None:
    """Drop the marks nested deeper than MAX_INLINE_DEPTH in each inline token, keeping their text: the
    tree of tokens is built recursively, three frames a level, and emphasis nested 300 deep (which the
    parser's limit on nested blocks does not cover) would raise RecursionError."""
    for token in tokens:
        if not token.children:
            continue
        depth = 0
        kept = []
        for child in token.children:
            if child.nesting == 1:
                depth += 1
                if depth > MAX_INLINE_DEPTH:
                    continue
            elif child.nesting == -1:
                depth -= 1
                if depth >= MAX_INLINE_DEPTH:
                    continue
            kept.append(child)
        token.children = kept


# The GitHub addresses a document mentions, for the repository it belongs to (meta.own_repository).
_GITHUB_ADDRESS = re.compile(r"https?://(?:www\.)?github\.com/[\w.-]+/[\w.-]+/[^\s()<>\"'\]]*")


class Reader:
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
        self.by_url: dict[str, dict] = {}  # the steps made so far, by normalised URL
        self.urls_of: dict[int, set[str]] = {}  # each step's URLs, normalised (by id of the step): kept, not rebuilt
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
        self.running_links: list[tuple[Link, str]] = []  # (link, url) in running text under the heading
        self.own: tuple[str, str] | None = None  # the GitHub repository the document belongs to (see meta)
        self.in_meta = False  # under a heading about the project (Contributing, License...): no steps
        self.bare_urls = 0  # addresses written without a link around them, made links
        self.html_table: list[str] = []  # the HTML blocks of a table not closed yet
        self.html_title = False  # those blocks hold the path's title
        self.html_open = 0  # tables opened and not closed in those blocks

    # Blocks

    def walk(self, nodes) -> None:
        for node in nodes:
            kind = node.type
            if kind != "html_block":
                self.end_html()
            if kind == "heading":
                self.on_heading(node)
            elif kind == "paragraph":
                self.on_paragraph(parts(node.children[0].token.children), is_bold(node))
            elif kind in ("bullet_list", "ordered_list"):
                self.end_description()
                lists.read_list(self, node)
            elif kind == "table":
                self.end_description()
                tables.read_table(self, node)
            elif kind == "html_block":
                self.on_html(node)
            elif kind == "blockquote":
                self.walk(node.children)
            else:  # rules, code: they end the description
                self.end_description()

    def on_heading(self, node) -> None:
        found = parts(node.children[0].token.children)
        self.start_heading(trim(plain(found)), int(node.tag[1]), is_title=node is self.title_node)
        usable, unusable = self.usable_links(found)
        if self.in_introduction:
            self.skip_found(usable, IN_INTRODUCTION)
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
        self.in_meta = any(meta.is_meta_heading(above) for _, above in self.headings)
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
                self.skip_found(self.running_links, IN_TEXT)
        self.running_links = []
        self.heading_steps = 0
        self.heading_step = None
        self.heading_text = None

    def on_paragraph(self, parts: list, bold: bool) -> None:
        text = plain(parts)
        usable, unusable = self.usable_links(parts, badges=True)
        if self.describing and text and not bold:
            self.description.append(text)
        if not usable:
            self.skip_links(unusable)
            if bold and text and not unusable:
                self.set_context(trim(text))
            elif text:
                self.context_text = self.context_text or text
                self.heading_text = self.heading_text or text
            return
        if is_link_line(parts, usable[0][0]):
            self.end_description()
            lists.item_step(self, parts, None, [])
        else:
            self.heading_text = self.heading_text or text
            self.context_text = self.context_text or text
            if self.in_introduction:
                self.skip_found(usable, IN_INTRODUCTION)
            else:
                self.running_links += usable
            self.skip_links(unusable)

    def on_html(self, node) -> None:
        """An HTML block; the blocks of a table that a blank line cut are kept until it closes."""
        self.html_table.append(node.content)
        self.html_title = self.html_title or node is self.title_node
        self.html_open += markdown_html.opens_tables(node.content)
        if self.html_open <= 0:
            self.end_html()

    def end_html(self) -> None:
        if self.html_table:
            html, is_title = "".join(self.html_table), self.html_title
            self.html_table, self.html_title, self.html_open = [], False, 0
            html_blocks.read_html(self, html, is_title)

    def take_running_links(self) -> list[tuple[Link, str]]:
        """Links in the text between a context (a lecture's bold line) and the step it names are that step's."""
        taken, self.running_links = self.running_links, []
        return taken

    # Steps, links and what is left out

    def usable_links(
        self, parts: list, images: bool = False, badges: bool = False
    ) -> tuple[list[tuple[Link, str]], list[Link]]:
        """The links of some inline parts that lead to a web page (with their absolute URL), and the others.
        Images (badges, buttons) are only usable as a step's extra links, when images is true; or, when badges
        is true, past the introduction, as the step itself when no link with text leads anywhere and the image
        is labelled or a picture (see inline.is_picture)."""
        usable, unusable = [], []
        for link in links(parts):
            url = resolve(link._replace(image=False) if images else link, self.base_url)
            if url is None:
                unusable.append(link)
            else:
                usable.append((link, url))
        if badges and not usable and not self.in_introduction:
            behind = [
                (link, resolve(link._replace(image=False), self.base_url))
                for link in unusable
                if is_picture(parts, link)
            ]
            usable = [(link, url) for link, url in behind if url is not None]
            unusable = [link for link in unusable if all(link is not found for found, _ in usable)]
        return usable, unusable

    def skip_links(self, links: list[Link], reason: str | None = None) -> None:
        for link in links:
            what = (
                what_of(link.text, link.href) or f"a link with no text nor address under '{self.heading or 'the top'}'"
            )
            self.skipped.append(Skipped(reason or why_not(link, self.base_url), what))

    def skip_found(self, found: list[tuple[Link, str]], reason: str) -> None:
        """Usable links left out for reason, or because they are about the project, which the report says first."""
        for link, url in found:
            self.skipped.append(
                Skipped(ABOUT_PROJECT if meta.meta_link(url, self.own) else reason, what_of(link.text, url))
            )

    def add_step(
        self,
        title: str,
        url: str,
        description: str,
        others: list[tuple[Link, str]],
        step_type: str = "",
        by_heading: bool = False,
    ) -> dict | None:
        title = trim(title) or url
        if self.in_meta or meta.meta_link(url, self.own):
            reason = IN_META_SECTION if self.in_meta else ABOUT_PROJECT
            self.skipped.append(Skipped(reason, what_of(title, url)))
            self.skipped += [Skipped(reason, what_of(link.text, other)) for link, other in others]
            return None
        address = normalise_url(url)  # http:// and https://, www. or not: one resource
        if address in self.by_url:  # one step: its links join the first one's
            self.skipped.append(Skipped(DUPLICATE, what_of(title, url)))
            first = self.by_url[address]
            first["links"] += self.link_entries(others, first)
            return None
        step = {"title": title, "type": step_type, "url": url, "description": description, "links": []}
        self.by_url[address] = step
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

    def link_entries(self, found: list[tuple[Link, str]], step: dict) -> list[dict]:
        seen = self.urls_of.get(id(step))
        if seen is None:  # every link a step gets comes through here: the set stays whole
            seen = self.urls_of[id(step)] = {
                normalise_url(step["url"]),
                *(normalise_url(link["url"]) for link in step["links"]),
            }
        entries = []
        for link, url in found:
            if meta.meta_link(url, self.own):
                self.skipped.append(Skipped(ABOUT_PROJECT, what_of(link.text, url)))
                continue
            if normalise_url(url) in seen:
                self.skipped.append(Skipped(DUPLICATE, what_of(link.text, url)))
                continue
            seen.add(normalise_url(url))
            entries.append({"title": trim(link.text) or url, "url": url})
        return entries
