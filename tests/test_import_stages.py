"""Each stage of the Markdown reader on its own, on tiny inputs: report, inline, naming, tables, lists, reader."""

import textwrap

import pytest

from pathcli.importing import inline, lists, naming, reader, report, tables
from pathcli.importing.inline import Link
from pathcli.importing.report import Skipped


def _root(markdown: str):
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(textwrap.dedent(markdown)))


def _inline(markdown: str) -> list:
    """The inline parts of a one-paragraph document."""
    return inline.parts(_root(markdown).children[0].children[0].token.children)


def _read(markdown: str, base_url: str | None = None) -> reader.Reader:
    return reader.read(textwrap.dedent(markdown), base_url)


# report


def test_report_names_the_first_three_reasons_once_each():
    skipped = [
        Skipped(report.NO_LINK, "a"),
        Skipped(report.NO_LINK, "b"),
        Skipped(report.IMAGE, "c"),
        Skipped(report.DUPLICATE, "d"),
        Skipped(report.ANCHOR, "e"),
    ]
    assert report.first_reasons(skipped) == "; left out: no link, image or badge, duplicate URL"
    assert report.first_reasons([]) == ""


def test_report_shows_a_link_by_its_text_and_address():
    assert report.what_of("  Attention\n is  all ", "https://a.example") == "Attention is all (https://a.example)"
    assert report.what_of("https://a.example", "https://a.example") == "https://a.example"
    assert report.what_of("", "https://a.example") == "https://a.example"
    assert report.what_of("Text", "") == "Text"


# inline


def test_inline_keeps_links_with_the_text_around_them():
    found = _inline("Intro **[The Paper](https://a.example)** - `notes` after")
    assert found == ["Intro ", Link("https://a.example", "The Paper", False), " - ", "notes", " after"]
    assert inline.plain(found) == "Intro The Paper - notes after"
    assert inline.links(found) == [Link("https://a.example", "The Paper", False)]


def test_inline_reads_html_links_and_badges():
    found = _inline('<a href="https://b.example">Site</a> [![badge](https://img.example/b.svg)](https://c.example)')
    assert inline.links(found) == [Link("https://b.example", "Site", False), Link("https://c.example", "badge", True)]


def test_inline_tells_a_link_line_from_running_text():
    line = _inline("🔗 [Link to Course](https://a.example)")
    text = _inline("In this long sentence we mention [a course](https://a.example) and then carry on writing.")
    assert inline.is_link_line(line, inline.links(line)[0])
    assert not inline.is_link_line(text, inline.links(text)[0])


def test_inline_resolves_web_links_and_says_why_not_the_others():
    assert (
        inline.resolve(Link("docs/a b.md", "A", False), "https://x.example/r/") == "https://x.example/r/docs/a%20b.md"
    )
    assert inline.resolve(Link("docs/a.md", "A", False), None) is None
    assert inline.why_not(Link("docs/a.md", "A", False), None) == report.RELATIVE
    assert inline.why_not(Link("#part", "A", False), None) == report.ANCHOR
    assert inline.why_not(Link("mailto:me@x.example", "A", False), None) == report.NOT_HTTP
    assert inline.why_not(Link("https://x.example/b.png", "b", True), None) == report.IMAGE
    assert inline.trim(" | Title: - ") == "Title"


# naming


@pytest.mark.parametrize("text", ["Video", "here", "Link to Course - Part 1", "YouTube Playlist", "Slides, Notes"])
def test_naming_finds_generic_link_texts(text):
    assert naming.is_generic(text)


@pytest.mark.parametrize("text", ["Attention Is All You Need", "The Illustrated Transformer", "Course 2021"])
def test_naming_keeps_link_texts_that_name_something(text):
    assert not naming.is_generic(text)


def test_naming_titles_a_generic_link_by_its_context_and_qualifier():
    assert naming.qualifier("Link to Course - Part 2") == "Part 2"
    assert naming.named_by_context("Lecture 1", "Link to Course - Part 2") == "Lecture 1: Part 2"
    assert naming.named_by_context("Lecture 1", "Video") == "Lecture 1"
    assert naming.named_by_context(None, "Video - ") == "Video"


def test_naming_takes_the_text_before_a_link_then_its_text():
    found = _inline("BERT [Paper](https://a.example)")
    assert naming.own_title(found, inline.links(found)[0]) == "BERT"
    found = _inline("🔗 [Video](https://a.example)")
    assert naming.own_title(found, inline.links(found)[0]) is None
    found = _inline("[https://a.example](https://a.example)")
    assert naming.own_title(found, inline.links(found)[0]) is None


def test_naming_picks_the_path_title_past_a_table_of_contents():
    node, title = naming.title(_root("## Contents\n\n# Deep Learning\n\n## Week 1\n"))
    assert title == "Deep Learning"
    assert node.type == "heading"
    assert naming.title(_root("text only\n")) == (None, None)
    assert naming.short("x" * 30 + ": " + "y" * 80) == "x" * 30


# tables


def _cells(markdown: str) -> tuple[list[str], list[list]]:
    rows = [[inline.parts(cell.children[0].token.children) for cell in row.children] for row in _rows(markdown)]
    return [inline.plain(cell).casefold() for cell in rows[0]], rows[1:]


def _rows(markdown: str):
    table = _root(markdown).children[0]
    for part in table.children:
        yield from part.children


def test_tables_take_the_title_column_by_its_name_among_columns_with_links():
    names, body = _cells(
        """
        | # | Lessons | Notes | Type | Time |
        |---|---|---|---|---|
        | 1 | [Intro](https://a.example) | [pdf](https://b.example) | video | 1h |
        """
    )
    assert tables.find_columns(names, body) == tables.Columns(1, 3, 2, 4, False)


def test_tables_take_the_first_column_with_links_when_none_is_named():
    names, body = _cells("| Topic | Where |\n|---|---|\n| Attention | [here](https://a.example) |\n")
    assert tables.find_columns(names, body).title == 1


def test_tables_read_link_columns_as_labels_and_skip_tables_of_facts():
    names, body = _cells("| Course | Link |\n|---|---|\n| Deep Learning | [Coursera](https://a.example) |\n")
    assert tables.find_columns(names, body).labels
    names, body = _cells("| Fact | Value |\n|---|---|\n| Year | 2017 |\n")
    assert tables.find_columns(names, body) is None


def test_tables_make_a_step_per_row_and_report_the_rows_without_a_link():
    read = _read(
        """
        | Course | Link | Duration |
        |---|---|---|
        | Deep Learning | [Coursera](https://a.example) | 2 weeks |
        | Reading group | | |
        """
    )
    assert [step["title"] for step in read.sections[0]["steps"]] == ["Deep Learning"]
    assert read.skipped == [
        Skipped(report.UNREAD_DURATION, "Deep Learning: 2 weeks"),
        Skipped(report.NO_LINK, "Reading group"),
    ]


# lists


def test_lists_take_the_task_box_off_a_bullet():
    bullets = _root("- [x] [Done](https://a.example)\n- [ ] Todo\n- Plain\n").children[0].children
    items = [lists.read_item(bullet) for bullet in bullets]
    assert [item.checked for item in items] == [True, False, None]
    assert inline.plain(items[1].parts) == "Todo"


def test_lists_see_a_generic_link_text_that_comes_back():
    bullets = _root("- [Paper](https://a.example) - BERT\n- [Paper](https://b.example) - GPT\n").children[0].children
    items = [lists.read_item(bullet) for bullet in bullets]
    assert lists.repeats(items[0], items)
    assert not lists.repeats(items[0], items[:1])


def test_lists_make_one_step_of_generic_links_under_a_bold_line():
    read = _read(
        """
        **Lecture 1: Attention**

        - [Video](https://a.example)
        - [Slides](https://b.example)
        """
    )
    (step,) = read.sections[0]["steps"]
    assert (step["title"], step["url"]) == ("Lecture 1: Attention", "https://a.example")
    assert step["links"] == [{"title": "Slides", "url": "https://b.example"}]


def test_lists_make_a_sub_section_of_a_parent_bullet_without_a_link():
    read = _read("# Path\n\n## Basics\n\n- Reading\n  - [A](https://a.example)\n")
    assert [section["title"] for section in read.sections] == ["Basics / Reading"]


# reader


def test_reader_keeps_the_same_url_once_and_reports_the_later_place():
    read = _read("## One\n\n- [A](https://a.example)\n\n## Two\n\n- [A again](https://a.example)\n")
    assert [(section["title"], len(section["steps"])) for section in read.sections] == [("One", 1)]
    assert read.skipped == [Skipped(report.DUPLICATE, "A again (https://a.example)")]


def test_reader_gives_a_heading_without_steps_the_links_of_its_running_text():
    read = _read("# Path\n\n## Course\n\nSee the [site](https://a.example) for every week of the course, then go on.\n")
    (step,) = read.sections[0]["steps"]
    assert (step["title"], step["url"]) == ("Course", "https://a.example")
    assert read.title == "Path"
