"""How things are named: the path's title, a step's title, which link texts are generic ('Video', 'here') and
name nothing, and a parent bullet as a section name.

Choices where a file is ambiguous:
- the path's title is the HTML header the file opens with (`<h1>`-`<h3>` before any Markdown heading), else
  the first `#` heading, else the first h1-h3 that stands alone at its level before any deeper heading,
  each passing over tables of contents and headings such as "About", "Introduction" or "Important note";
  else the repository's or page's name (name_of_address); only then the file's name, never "README";
- a step's title is the text before its link when that text is a label (`Linear algebra: [link]`,
  `Title [Provider](url)`), else the link's text, else (for generic texts such as "Video" or "Link to
  Course") the nearest bold line, parent bullet or heading above; a link inside a sentence is titled by the
  phrase it belongs to ("Follow our question guidelines", "Frameworks like DSPy"), never by a dangling
  fragment such as "Follow our" or "Check out the".
"""

import re
from urllib.parse import unquote, urlsplit

from pathcli.importing import markdown_html
from pathcli.importing.inline import Link, parts, plain, trim

_CONTENTS = {"contents", "table of contents", "toc", "index", "outline"}
# Headings above the matter itself, never the path's title.
_PREAMBLE = {
    "about",
    "about this",
    "about this repo",
    "about this repository",
    "about the course",
    "introduction",
    "intro",
    "overview",
    "summary",
    "preface",
    "foreword",
    "motivation",
    "what is it",
    "note",
    "notes",
    "important note",
    "important",
    "notice",
    "announcement",
    "announcements",
    "news",
    "update",
    "updates",
    "disclaimer",
    "welcome",
    "getting started",
    "table of content",
    "menu",
    "navigation",
}
# Words a phrase does not end with: a text before a link that ends so is half a sentence ("Follow our").
_OPEN_ENDED = frozenset(
    """a an the of on in at by for to from with and or like see read watch check out our your my their this
    these that those via into about as is are follow use using try including such also here its""".split()
)
# Words that point at a link rather than name it: "Check out the code [here](url)", "See [this](url)".
_POINTING = frozenset("check see read watch find click download get follow visit go look view refer try".split())
# Words that start a link text that needs the rest of its sentence ("Read [this blog post](u) on X").
_DETERMINERS = frozenset("this that these those the a an my our your their".split())
_LABEL_LENGTH = 60  # a text before a link up to this long can be its label; a longer one is prose
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
    |syllabus|web|html|doi|arxiv|abs|abstract|ppt|pptx|bib|bibtex|epub|mobi|online|paper link|full text
    |text""".split("|")
)
_NUMBERED = {"part", "chapter", "week", "lecture", "lesson", "session", "module", "unit", "day", "video", "episode"}
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


# The path's title


def title(root) -> tuple[object, str | None]:
    """The node that holds the path's title, and the title (see the module's docstring); (None, None) when no
    heading will do."""
    headings = []  # (node, level, text, from HTML)
    for node in _blocks(root.children):
        if node.type == "heading":
            headings.append((node, int(node.tag[1]), trim(plain(parts(node.children[0].token.children))), False))
        elif node.type == "html_block":
            block = markdown_html.read_block(node.content)
            headings += [(node, level, trim(text), True) for level, text in block.headings]
    first_markdown = next((i for i, heading in enumerate(headings) if not heading[3]), len(headings))
    candidates = [heading for heading in headings if heading[2] and not _is_preamble(heading[2])]
    chosen_ids = {id(heading) for heading in candidates}
    chosen = (
        next((h for h in headings[:first_markdown] if id(h) in chosen_ids), None)  # an HTML header on top
        or next((h for h in candidates if h[1] == 1 and not h[3]), None)
        or _heading_of_the_document(candidates, headings)
    )
    return (chosen[0], chosen[2]) if chosen else (None, None)


def _heading_of_the_document(candidates, headings):
    """The first candidate that is the only heading of its level or above, with no deeper heading before
    it. Counted in one pass over the headings, not again for each candidate: a file of 20,000 headings
    and no `#` title is linear."""
    at_or_above = [sum(1 for other in headings if other[1] <= level) for level in range(8)]
    deepest_before: dict[int, int] = {}
    deepest = 0
    for heading in headings:
        deepest_before.setdefault(id(heading), deepest)
        deepest = max(deepest, heading[1])
    return next((h for h in candidates if at_or_above[h[1]] == 1 and deepest_before[id(h)] <= h[1]), None)


def _is_preamble(text: str) -> bool:
    words = " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
    return words in _CONTENTS or words in _PREAMBLE


def name_of_address(url: str | None) -> str | None:
    """A path's name from where it is published or kept: a GitHub repository's name for its README (a folder's
    name for a README further down), a page's or file's name otherwise ("free-courses-en" for
    .../free-courses-en.md), as written; None when the address names nothing ("https://example.org/")."""
    if not url:
        return None
    try:
        segments = [unquote(segment) for segment in urlsplit(url).path.split("/") if segment]
    except ValueError:
        return None
    if (urlsplit(url).hostname or "").removeprefix("www.") == "github.com" and len(segments) >= 2:
        # github.com/OWNER/NAME[/blob/BRANCH/PATH]: the file's path starts after the branch
        segments = segments[1:2] + segments[4:]
    while segments and segments[-1].rsplit(".", 1)[0].casefold() in ("readme", "index", "default", "home"):
        segments.pop()
    if not segments:
        return None
    name = segments[-1].rsplit(".", 1)[0] if "." in segments[-1][1:] else segments[-1]
    return name.strip() or None


def _blocks(nodes):
    for node in nodes:
        yield node
        if node.type in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            yield from _blocks(node.children)


# A step's title


def own_title(parts: list, link: Link) -> str | None:
    """The title a bullet, line or cell gives its link (see the module's docstring); None when all it has is
    generic ('Video', 'here', the address itself) and the context must name it."""
    at = parts.index(link)
    before = trim(plain(parts[:at]))
    text = trim(link.text)
    names = bool(text) and link.text != link.href and not is_generic(text)
    if not before or not _has_letters(before):
        return text if names else None
    words = before.casefold().split()
    open_ended = words[-1] in _OPEN_ENDED
    pointing = words[0] in _POINTING
    if not names:  # `Citation, A. Author et al. [pdf](url)`: the text before names it; "Check the code [here]" does not
        return None if open_ended or pointing or is_generic(before) else before
    if len(before) > _LABEL_LENGTH or ". " in before:  # a link inside prose names itself
        return text
    determined = text.split()[0].casefold() in _DETERMINERS
    if pointing and len(words) == 1 and not determined:  # "Read [Attention Is All You Need](url)"
        return text
    if open_ended:  # the phrase the link ends: "Follow our question guidelines", "Frameworks like DSPy"
        phrase = f"{before} {text}"
        if determined:  # "Read this blog post" needs "on pipeline design"
            phrase = f"{phrase} {_clause(parts[at + 1 :])}".strip()
        return phrase
    return text if is_generic(before) else before


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _clause(rest: list) -> str:
    """The words after a link up to the end of its sentence or the next link, for a title."""
    words = []
    for part in rest:
        if not isinstance(part, str):
            break
        words.append(part)
    clause = re.split(r"[.;!?(]", " ".join("".join(words).split()), maxsplit=1)[0]
    return trim(clause) if len(clause) <= _LABEL_LENGTH else ""


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


def numbered(text: str) -> str:
    """A numbered generic link text ('Module 2', 'Chapter 01', 'Week IV'), trimmed; '' for any other text."""
    return trim(text) if _is_numbered(text) else ""


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
