"""Links with their context, from a block's inline tokens: the text and links (`Link`) of a paragraph, a bullet,
a cell or a heading, marks taken away; which of those links lead to a web page, and why the others do not."""

import re
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from pathcli.importing import markdown_html
from pathcli.importing.report import ANCHOR, CANNOT_REQUEST, EMPTY, IMAGE, NOT_HTTP, RELATIVE
from pathcli.web import addresses

# An emoji shortcode (:black_small_square:, :+1:): a word of lower-case letters, digits, _ + - between colons.
_SHORTCODE = re.compile(r":[a-z0-9_+-]*[a-z][a-z0-9_+-]*:")

SEPARATORS = "|-—–:•·"
BREAK = "\n"  # a `<br>` among inline parts: where one reading of a cell ends and the next begins


class Link(NamedTuple):
    href: str
    text: str  # for an image link, the image's alt text
    image: bool  # a link around an image and no text: a badge, a button, a logo
    src: str = ""  # for an image link, where its (first) image is: a picture beside the file or a badge service


def parts(children) -> list:
    """Inline tokens as a list of text (str) and links (Link), marks (bold, code...) taken away.
    HTML `<a href>` and `<img>` tags count as links and images; a `<br>` outside a link is BREAK."""
    found: list = []
    link: list | None = None  # [href, texts, alt texts of its images, sources of its images]

    def close():
        nonlocal link
        if link is not None:
            text = " ".join("".join(link[1]).split())
            image = bool(link[2]) and not text
            alt = " ".join(" ".join(link[2]).split())
            found.append(Link(str(link[0]).strip(), alt if image else text, image, link[3][0] if image else ""))
            link = None

    for child in children or ():
        kind = child.type
        if kind == "html_inline":
            name, value = markdown_html.tag(child.content)
            if name == "a":
                close()
                link = [value, [], [], []]
            elif name == "/a":
                close()
            elif name == "img" and link is not None:
                link[2].append(value)
                link[3].append(markdown_html.image_source(child.content))
            elif link is None and _breaks(child.content):
                found.append(BREAK)
        elif kind == "link_open":
            close()
            link = [child.attrs.get("href", ""), [], [], []]
        elif kind == "link_close":
            close()
        elif kind == "image":
            if link is not None:
                link[2].append(child.content)
                link[3].append(str(child.attrs.get("src", "")))
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = child.content if kind == "code_inline" else " "
            if kind == "text":
                text = _SHORTCODE.sub("", child.content)  # GitHub shows :rocket: as an emoji; a title has no use for it
            (link[1] if link is not None else found).append(text)
    close()
    return found


_BREAK_TAGS = {"br", "li", "ul", "ol", "p", "div"}


def _breaks(html: str) -> bool:
    """An inline tag that ends a line: `<br>`, `<li>`, `</ul>`..."""
    name = html.strip().lstrip("<").lstrip("/").split(">")[0].split()
    return bool(name) and name[0].rstrip("/").lower() in _BREAK_TAGS


def lines(parts: list) -> list[list]:
    """Inline parts cut at their BREAKs (`<br>`), empty pieces left out."""
    found: list[list] = [[]]
    for part in parts:
        if part is BREAK or part == BREAK:
            found.append([])
        else:
            found[-1].append(part)
    return [line for line in found if line]


def links(parts: list) -> list[Link]:
    return [part for part in parts if isinstance(part, Link)]


def plain(parts: list) -> str:
    """The text of inline parts, links' texts included, spaces made single."""
    return " ".join("".join(part if isinstance(part, str) else _shown(part) for part in parts).split())


def _shown(link: Link) -> str:
    return "" if link.image else link.text


def trim(text: str) -> str:
    """Text without the separators (`|`, `-`, `:`) and spaces left at its edges."""
    return text.strip().strip(SEPARATORS + " \t").strip()


def inline_nodes(nodes):
    """The inline nodes in some blocks and the blocks under them, in order."""
    for node in nodes:
        if node.type == "inline":
            yield node
        else:
            yield from inline_nodes(node.children)


def is_link_line(parts: list, link: Link) -> bool:
    """A paragraph that is a link, not running text: `🔗 [Link to Course](url)`, `Title [Provider](url)`,
    `[Title](url) - text`."""
    at = parts.index(link)
    before = trim(plain(parts[:at]))
    if len(before) <= 3:
        return True
    after = "".join(part for part in parts[at + 1 :] if isinstance(part, str))
    return len(before) <= 100 and not trim(after)


def is_picture(parts: list, link: Link) -> bool:
    """An image link that can be a step: one labelled by the text before it, ending in a colon or a dash
    (`Flask Playlist: [![YouTube](badge)](url)`), or a picture stored beside the file (a relative source)
    without alt text (a roadmap's chart under its heading) - not a badge or a contributors' wall, served by
    another site."""
    if not link.image:
        return False
    before = plain(parts[: parts.index(link)]).rstrip()
    if trim(before) and before[-1:] in ":-–—":
        return True
    return not link.text and bool(link.src) and not urlsplit(link.src).scheme and not link.src.startswith("//")


def is_bold(paragraph) -> bool:
    """A paragraph that is all bold: `**Lecture 1**`, a context that names the generic links under it."""
    children = [c for c in paragraph.children[0].token.children if c.type != "text" or c.content.strip()]
    return len(children) > 2 and children[0].type == "strong_open" and children[-1].type == "strong_close"


def resolve(link: Link, base_url: str | None) -> str | None:
    """The absolute http(s) URL a link leads to; None for images, anchors, other schemes, and relative links
    without a base URL."""
    if link.image or not link.href or link.href.startswith("#"):
        return None
    try:  # urlsplit and urljoin raise on some addresses (`http://[::1`)
        scheme = urlsplit(link.href).scheme.lower()
        if scheme in ("http", "https"):
            url = link.href
        elif not scheme and base_url:
            url = urljoin(base_url, link.href)
        else:
            return None
        url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # spaces and controls from HTML attributes
    except ValueError:
        return None
    if addresses.url_problem(url) is not None:
        return None  # path files refuse it: left out, and reported (why_not)
    return url


def why_not(link: Link, base_url: str | None) -> str:
    """Why resolve() found no URL for a link: the reason reported."""
    if link.image:
        return IMAGE
    if not link.href:
        return EMPTY
    if link.href.startswith("#"):
        return ANCHOR
    try:
        scheme = urlsplit(link.href).scheme.lower()
    except ValueError:
        return CANNOT_REQUEST
    if scheme in ("http", "https"):
        return CANNOT_REQUEST
    if scheme:
        return NOT_HTTP
    return RELATIVE if not base_url else CANNOT_REQUEST
