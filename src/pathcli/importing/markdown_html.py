"""The HTML that Markdown files carry: headings, links and images in HTML blocks and inline tags, and the
structure they make: lines (cut at `<br>`, `<p>`, `<li>`, `<div>`), tables (rows of cells).

Read with the standard library's HTML parser; only what the Markdown importer needs is kept. A line or a cell
is a list of text (str) and links (HtmlLink), as inline.parts gives for Markdown. What the parser handles
badly never reaches it (see _tame): comments are taken out here in one pass (an unclosed `<!--` repeated is
quadratic in the parser of Python 3.11), and other `<!` declarations (`<![x` raises an AssertionError in
it) are given to it as text.
"""

from html.parser import HTMLParser
from typing import NamedTuple

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}


class HtmlLink(NamedTuple):
    href: str
    text: str
    image: bool  # the link holds an image and no text (a badge, a button, a logo): text is the image's alt
    src: str = ""  # for an image link, its first image's source


class HtmlBlock(NamedTuple):
    headings: list[tuple[int, str]]  # (level, text) of each <h1>-<h3>
    links: list[HtmlLink]
    lines: list[list]  # the text and links outside tables, cut at <br>, <p>, <li>, <div>, headings
    tables: list[list[list[list]]]  # each <table>: its rows, each a list of cells (a cell spanning n columns
    # is followed by n - 1 empty cells), each cell a list of text and links


_BREAKS = {"br", "p", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "dd", "dt"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[HtmlLink] = []
        self._heading: tuple[int, list[str]] | None = None
        self._link: tuple[str, list[str], list[str], list[str]] | None = None  # href, texts, images' alts, sources
        self.lines: list[list] = [[]]
        self.tables: list[list[list[list]]] = []
        self._open_tables: list[list[list[list]]] = []  # the tables being read, innermost last
        self._cell: list | None = None  # the cell being read

    def _parts(self) -> list:
        """Where text and links go now: the open cell, else the current line."""
        if self._open_tables:
            return self._cell if self._cell is not None else []  # [] : text between a table's tags
        return self.lines[-1]

    def handle_starttag(self, tag, attrs):
        if tag == "br":  # `<h2>i.am.ai<br>AI Expert Roadmap</h2>`: two words, not one
            self.handle_data(" ")
        if tag in _BREAKS and not self._open_tables:
            self._close_link()
            if self.lines[-1]:
                self.lines.append([])
        if tag == "table":
            self._close_link()
            self._open_tables.append([])
            self._cell = None
        elif tag == "tr" and self._open_tables:
            self._close_link()
            self._open_tables[-1].append([])
            self._cell = None
        elif tag in ("td", "th") and self._open_tables:
            self._close_link()
            rows = self._open_tables[-1]
            if not rows:
                rows.append([])
            span = dict(attrs).get("colspan") or "1"
            self._cell = []
            rows[-1].append(self._cell)
            rows[-1].extend([] for _ in range(min(int(span) if span.isdigit() else 1, 20) - 1))
        if tag in _HEADINGS:
            self._heading = (_HEADINGS[tag], [])
        elif tag == "a":
            self._close_link()
            self._link = (dict(attrs).get("href") or "", [], [], [])
        elif tag == "img" and self._link is not None:
            self._link[2].append(dict(attrs).get("alt") or "")
            self._link[3].append((dict(attrs).get("src") or "").strip())

    def handle_endtag(self, tag):
        if tag in _HEADINGS and self._heading is not None:
            level, parts = self._heading
            self.headings.append((level, " ".join("".join(parts).split())))
            self._heading = None
        elif tag == "a":
            self._close_link()
        elif tag in ("td", "th"):
            self._close_link()
            self._cell = None
        elif tag == "table" and self._open_tables:
            self._close_link()
            self.tables.append(self._open_tables.pop())
            self._cell = None
        elif tag in _BREAKS and not self._open_tables:
            self._close_link()
            if self.lines[-1]:
                self.lines.append([])

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1].append(data)
        if self._link is not None:
            self._link[1].append(data)
        else:
            self._parts().append(data)

    def _close_link(self):
        if self._link is not None:
            href, parts, images, sources = self._link
            text = " ".join("".join(parts).split())
            image = bool(images) and not text
            alt = " ".join(" ".join(images).split())
            link = HtmlLink(href.strip(), alt if image else text, image, sources[0] if image else "")
            self.links.append(link)
            self._parts().append(link)
            self._link = None

    def close(self):
        super().close()
        self._close_link()
        self.tables += self._open_tables  # a table never closed: read as far as it goes
        self._open_tables = []


def _tame(html: str) -> str:
    """html without its comments (an unclosed one runs to the end, as in a browser) and with every other
    `<!` (doctype, CDATA, marked sections, none of which hold a heading or link pathcli reads) as text.
    Linear: each character is looked at a fixed number of times."""
    if "<!" not in html:
        return html
    kept = []
    start = 0
    while True:
        opening = html.find("<!--", start)
        if opening == -1:
            kept.append(html[start:])
            break
        kept.append(html[start:opening])
        closing = html.find("-->", opening + 4)
        if closing == -1:
            break
        start = closing + 3
    return "".join(kept).replace("<!", "&lt;!")


def read_block(html: str) -> HtmlBlock:
    """The headings, links, lines and tables of an HTML block, in document order."""
    reader = _Reader()
    reader.feed(_tame(html))
    reader.close()
    lines = [line for line in reader.lines if line]
    return HtmlBlock(reader.headings, reader.links, lines, reader.tables)


def opens_tables(html: str) -> int:
    """How many more tables an HTML block opens than it closes: when more than none, the rest of the table
    follows in the next blocks (Markdown ends an HTML block at a blank line, even inside a table)."""
    lowered = html.lower()
    return lowered.count("<table") - lowered.count("</table")


class _Tag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, str] = ("", "")

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "img") and not self.found[0]:
            self.found = (tag, (dict(attrs).get("href" if tag == "a" else "alt") or "").strip())


class _Source(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = ""

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not self.found:
            self.found = (dict(attrs).get("src") or "").strip()


def image_source(html: str) -> str:
    """The source of an inline `<img>` tag; '' without one."""
    reader = _Source()
    reader.feed(html.strip())
    return reader.found


def tag(html: str) -> tuple[str, str]:
    """An inline tag as (name, value): ('a', href), ('/a', ''), ('img', alt text), or ('', '') for others."""
    text = html.strip()
    if text.lower().startswith("</a"):
        return "/a", ""
    reader = _Tag()
    reader.feed(_tame(text))
    return reader.found
