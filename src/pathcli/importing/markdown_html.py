"""The HTML that Markdown files carry: headings, links and images in HTML blocks and inline tags.

Read with the standard library's HTML parser; only what the Markdown importer needs is kept. What the
parser handles badly never reaches it (see _tame): comments are taken out here in one pass (an unclosed
`<!--` repeated is quadratic in the parser of Python 3.11), and other `<!` declarations (`<![x` raises an
AssertionError in it) are given to it as text.
"""

from html.parser import HTMLParser
from typing import NamedTuple

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}


class HtmlLink(NamedTuple):
    href: str
    text: str
    image: bool  # the link holds an image and no text (a badge, a button, a logo): text is the image's alt


class HtmlBlock(NamedTuple):
    headings: list[tuple[int, str]]  # (level, text) of each <h1>-<h3>
    links: list[HtmlLink]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[HtmlLink] = []
        self._heading: tuple[int, list[str]] | None = None
        self._link: tuple[str, list[str], list[str]] | None = None  # href, texts, alt texts of images

    def handle_starttag(self, tag, attrs):
        if tag == "br":  # `<h2>i.am.ai<br>AI Expert Roadmap</h2>`: two words, not one
            self.handle_data(" ")
        elif tag in _HEADINGS:
            self._heading = (_HEADINGS[tag], [])
        elif tag == "a":
            self._close_link()
            self._link = (dict(attrs).get("href") or "", [], [])
        elif tag == "img" and self._link is not None:
            self._link[2].append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag in _HEADINGS and self._heading is not None:
            level, parts = self._heading
            self.headings.append((level, " ".join("".join(parts).split())))
            self._heading = None
        elif tag == "a":
            self._close_link()

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1].append(data)
        if self._link is not None:
            self._link[1].append(data)

    def _close_link(self):
        if self._link is not None:
            href, parts, images = self._link
            text = " ".join("".join(parts).split())
            image = bool(images) and not text
            self.links.append(HtmlLink(href.strip(), " ".join(" ".join(images).split()) if image else text, image))
            self._link = None

    def close(self):
        super().close()
        self._close_link()


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
    """The headings and links of an HTML block, in document order."""
    reader = _Reader()
    reader.feed(_tame(html))
    reader.close()
    return HtmlBlock(reader.headings, reader.links)


class _Tag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, str] = ("", "")

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "img") and not self.found[0]:
            self.found = (tag, (dict(attrs).get("href" if tag == "a" else "alt") or "").strip())


def tag(html: str) -> tuple[str, str]:
    """An inline tag as (name, value): ('a', href), ('/a', ''), ('img', alt text), or ('', '') for others."""
    text = html.strip()
    if text.lower().startswith("</a"):
        return "/a", ""
    reader = _Tag()
    reader.feed(_tame(text))
    return reader.found
