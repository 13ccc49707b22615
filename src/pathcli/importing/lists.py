"""Lists and their bullets: a step per bullet with a link (its nested links its links), a list of generic
links as one step, parent bullets as sub-sections, task boxes, prerequisites; and link lines, which are
read as bullets.

The reader is the one walking the document (see reader.Reader): its context names generic links, the blocks
under a bullet go back to its walk, and steps and what is left out go through it.

Choices where a file is ambiguous:
- a bullet without a link that has bullets under it makes a sub-section, "Heading / Bullet", for them;
- a list whose first link has a generic text (that does not come back in the list) is one step,
  named by that context, with the other links as its links; so is a bullet with a link and the
  bullets under it; when the generic text comes back (`[Paper](a) - BERT`, `[Paper](b) - GPT`), each
  bullet is a step named by its own text, else by the context;
- more generic links under the same context (`🔗 [Course Website]`, then `🔗 [Lecture Videos]`)
  join the step it named, unless something tells them apart ("Part 2": a step of their own).
"""

from typing import NamedTuple

from pathcli.importing.inline import Link, inline_nodes, links, parts, plain, trim
from pathcli.importing.naming import named_by_context, own_title, qualifier, short
from pathcli.importing.report import NO_LINK, Skipped

_TASK_BOXES = {"[ ]": False, "[x]": True, "[X]": True}


class Item(NamedTuple):
    parts: list  # the bullet's own text and links, task box taken off
    checked: bool | None  # None: no task box
    rest: list  # the blocks under it: nested lists, paragraphs, headings


def read_list(reader, node) -> None:
    items = [read_item(child) for child in node.children]
    first = next((item for item in items if item.parts or item.rest), None)
    if first is not None and reader.context and _is_generic_item(reader, first.parts) and not repeats(first, items):
        _grouped_step(reader, items, first)
        return
    of_a_kind = first is not None and _is_generic_item(reader, first.parts)  # `[Paper](a) - BERT`, `[Paper](b)`
    for each in items:  # resources of their own: none joins another as its link
        reader.context_step = None
        _on_item(reader, each, of_a_kind)
    reader.context_step = None


def read_item(node) -> Item:
    """A list item's own text and links, its task box, and the blocks under it."""
    children = list(node.children)
    if not children or children[0].type != "paragraph":
        return Item([], None, children)
    own = parts(children[0].children[0].token.children)
    checked = None
    if own and isinstance(own[0], str):
        head = own[0].lstrip()
        if head[:3] in _TASK_BOXES and (len(head) == 3 or head[3].isspace()):
            checked = _TASK_BOXES[head[:3]]
            own[0] = head[3:]
    return Item(own, checked, children[1:])


def repeats(first: Item, items: list[Item]) -> bool:
    """Whether the first bullet's link text comes back in the list ('[Paper](a)', '[Paper](b)'...): then the
    bullets are resources of one kind, each its own step, not the parts of one."""
    text = links(first.parts)[0].text.casefold()
    return any(
        item is not first and links(item.parts) and links(item.parts)[0].text.casefold() == text for item in items
    )


def _is_generic_item(reader, parts: list) -> bool:
    usable, _ = reader.usable_links(parts)
    return bool(usable) and own_title(parts, usable[0][0]) is None


def _grouped_step(reader, items: list[Item], first: Item) -> None:
    """A list whose first link is 'Video', 'Slides'...: one step named by its context, all links its links."""
    found: list[tuple[Link, str]] = []
    for each in items:
        usable, unusable = reader.usable_links(each.parts, images=True)
        found += usable
        reader.skip_links(unusable)
        found += nested_links(reader, each.rest)
    link, url = next((link, url) for link, url in found if not link.image)
    others = [entry for entry in found if entry[0] is not link] + reader.take_running_links()
    by_heading = reader.context == reader.heading and not reader.groups
    step = reader.add_step(
        named_by_context(reader.context, link.text), url, reader.context_text or "", others, by_heading=by_heading
    )
    reader.context_step = step
    if step is not None and first.checked:
        reader.checked.append(reader.step_count)


def _on_item(reader, item: Item, of_a_kind: bool = False) -> None:
    usable, unusable = reader.usable_links(item.parts)
    if reader.in_prerequisites and not usable and item.parts and not _has_list(item.rest):
        reader.prerequisites.append(_prerequisite(item.parts))
        return
    if usable:
        item_step(reader, item.parts, item.checked, item.rest, of_a_kind)
        return
    reader.skip_links(unusable)
    text = trim(plain(item.parts))
    if item.checked is not None and text and not unusable and not _has_list(item.rest):
        reader.skipped.append(Skipped(NO_LINK, text))
    if text and _has_list(item.rest):
        reader.groups.append(short(text))
        saved = reader.context, reader.context_text, reader.context_step
        reader.set_context(text)
        reader.walk(item.rest)
        reader.context, reader.context_text, reader.context_step = saved
        reader.groups.pop()
    else:
        reader.walk(item.rest)


def item_step(reader, parts: list, checked: bool | None, rest: list, of_a_kind: bool = False) -> None:
    """A step from a bullet or a link line: `Title [Provider](url)`, `[Title](url) - text`. of_a_kind: a
    bullet among others of the same generic link text, whose own text names it (`[Paper](url) - BERT`)."""
    main, _ = reader.usable_links(parts)
    usable, unusable = reader.usable_links(parts, images=True)
    reader.skip_links(unusable)
    (link, url) = main[0]
    others = [found for found in usable if found[0] is not link]
    title = own_title(parts, link)
    after = trim(plain(parts[parts.index(link) + 1 :]))
    by_heading = False
    by_context = title is None
    if by_context and reader.context_step is not None and not qualifier(link.text):
        # `🔗 [Course Website](a)`, then `🔗 [Lecture Videos](b)`: links of the step the context named
        step = reader.context_step
        step["links"] += reader.link_entries([(link, url), *others, *nested_links(reader, rest)], step)
        return
    if by_context and of_a_kind:  # one resource among several under the heading, not the heading's
        title, description = after or named_by_context(reader.context, link.text) or url, ""
        by_context = False
    elif by_context:
        title, description = named_by_context(reader.context, link.text) or url, after or reader.context_text or ""
        by_heading = reader.context == reader.heading and not reader.groups
        others += reader.take_running_links()
    elif title != trim(link.text):  # `Title [Provider](url)`
        description = after or trim(link.text)
    else:
        description = after
    step = reader.add_step(title, url, description, others + nested_links(reader, rest), by_heading=by_heading)
    if by_context:
        reader.context_step = step
    if step is not None and checked:
        reader.checked.append(reader.step_count)


def nested_links(reader, nodes) -> list[tuple[Link, str]]:
    """Every link in the blocks under a bullet, in order, for the bullet's step."""
    found: list[tuple[Link, str]] = []
    for node in inline_nodes(nodes):
        own = parts(node.token.children)
        usable, unusable = reader.usable_links(own, images=True)
        reader.skip_links(unusable)
        if usable:
            before = trim(plain(own[: own.index(usable[0][0])]))
            if before[:3] in _TASK_BOXES:  # `- [ ] [Video](url)` nested: the box is no name
                before = trim(before[3:])
            first, url = usable[0]
            if before and len(before) <= 80 and any(char.isalpha() for char in before):
                first = first._replace(text=before)
            found += [(first, url), *usable[1:]]
    return found


def _has_list(nodes) -> bool:
    return any(node.type in ("bullet_list", "ordered_list") for node in nodes)


def _prerequisite(parts: list) -> dict:
    """`**Name**: explanation`, or `Name: explanation`."""
    name, _, rest = plain(parts).partition(":")
    return {"title": name.strip(), "description": rest.strip()}
