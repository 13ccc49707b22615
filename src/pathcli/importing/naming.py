"""How things are named: the path's title, a step's title, which link texts are generic ('Video', 'here') and
name nothing, and a parent bullet as a section name.

Choices where a file is ambiguous:
- the title is the first `#` heading that is not a table of contents, unless the file opens with an
  HTML header (`<h1>`-`<h3>` before any Markdown heading); else the first heading that stands alone
  at its level; else the file's name;
- a step's title is the text before its link, else the link's text, else (for generic texts such
  as "Video" or "Link to Course") the nearest bold line, parent bullet or heading above.
"""

from pathcli.importing import markdown_html
from pathcli.importing.inline import Link, parts, plain, trim

_CONTENTS = {"contents", "table of contents", "toc", "index", "outline"}
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


# The path's title


def title(root) -> tuple[object, str | None]:
    """The node that holds the path's title, and the title (see the module's docstring)."""
    headings = []  # (node, level, text, from HTML)
    for node in _blocks(root.children):
        if node.type == "heading":
            headings.append((node, int(node.tag[1]), trim(plain(parts(node.children[0].token.children))), False))
        elif node.type == "html_block":
            block = markdown_html.read_block(node.content)
            headings += [(node, level, trim(text), True) for level, text in block.headings]
    first_markdown = next((i for i, heading in enumerate(headings) if not heading[3]), len(headings))
    candidates = [heading for heading in headings if heading[2] and not is_contents(heading[2])]
    chosen_ids = {id(heading) for heading in candidates}
    # how many candidates are at each level or above: a heading stands alone when it is the only one
    at_or_above = [sum(1 for heading in candidates if heading[1] <= level) for level in range(7)]
    chosen = (
        next((h for h in headings[:first_markdown] if id(h) in chosen_ids), None)  # an HTML header on top
        or next((h for h in candidates if h[1] == 1 and not h[3]), None)
        or next((h for h in candidates if at_or_above[h[1]] == 1), None)
    )
    return (chosen[0], chosen[2]) if chosen else (None, None)


def _blocks(nodes):
    for node in nodes:
        yield node
        if node.type in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            yield from _blocks(node.children)


def is_contents(text: str) -> bool:
    """A heading that is a table of contents: 'Contents', 'Table of Contents', 'TOC'..."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split()) in _CONTENTS


# A step's title


def own_title(parts: list, link: Link) -> str | None:
    """The title a bullet, line or cell gives its link: the text before the link, else the link's text;
    None when both are generic ('Video', 'here', the address itself) and the context must name it."""
    before = trim(plain(parts[: parts.index(link)]))
    if before and not is_generic(before):
        return before
    text = trim(link.text)
    return text if text and link.text != link.href and not is_generic(text) else None


def named_by_context(context: str | None, text: str) -> str:
    """The title of a link with a generic text: its context, with what tells the link apart
    ('Link to Course - Part 2' -> 'Context: Part 2', 'Link to 2021 Edition' -> 'Context: 2021 Edition')."""
    if not context:
        return trim(text)
    found = qualifier(text)
    return f"{context}: {found}" if found else context


def is_generic(text: str) -> bool:
    """'Video', 'Link to Course - Part 1', 'here': a text that says what kind of link it is, not which."""
    return all(_is_generic_segment(segment) for segment in _segments(text))


def _segments(text: str) -> list[str]:
    """A link text cut at its separators: 'Link to Course - Part 1' -> ['Link to Course', 'Part 1']."""
    for separator in (" - ", " – ", " — ", " | ", ": ", ", "):
        text = text.replace(separator, "\n")
    return [segment for segment in text.split("\n") if segment.strip()]


def qualifier(text: str) -> str:
    """What tells a generic link text apart from another: 'Link to Course - Part 2' -> 'Part 2'; '' if nothing."""
    found = []
    for segment in _segments(text):
        words = segment.split()
        rest = " ".join(words[2:]) if [word.casefold() for word in words[:2]] == ["link", "to"] else segment
        if _is_numbered(rest) or not _is_generic_segment(rest):
            found.append(trim(rest))
    return ", ".join(found)


def _is_generic_segment(segment: str) -> bool:
    words = "".join(c if c.isalnum() else " " for c in segment.casefold()).split()
    return not words or " ".join(words) in _GENERIC or words[:2] == ["link", "to"] or _is_numbered(segment)


def _is_numbered(segment: str) -> bool:
    words = "".join(c if c.isalnum() else " " for c in segment.casefold()).split()
    return len(words) == 2 and words[0] in _NUMBERED and (words[1].isdigit() or words[1] in _ROMAN)


# A section's title


def short(text: str) -> str:
    """A parent bullet's text as a section name: a long one up to its first colon or parenthesis."""
    if len(text) <= 80:
        return text
    for mark in (": ", " ("):
        head = text.split(mark)[0].strip()
        if head and len(head) <= 80:
            return head
    return text[:77].rstrip() + "..."
