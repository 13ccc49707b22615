"""Real Markdown learning paths, as people write them (tests/data/corpus, sources in SOURCES.md), import whole.

For each file: nothing refused, the title right, at least 95% of its web links (images, badges, links
within the page and links about the project itself aside) kept as a step's URL or one of its links, few steps sharing a title, and every
web link left out named in the report with its reason. A property test makes the last point for any
mix of the styles.
"""

from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathcli.errors import PathcliError
from pathcli.importing import markdown_html
from pathcli.importing.markdown_import import convert
from pathcli.importing.report import ABOUT_PROJECT, IN_META_SECTION

CORPUS = Path(__file__).parent / "data" / "corpus"


class Case(NamedTuple):
    file: str
    title: str
    min_steps: int  # a floor well under today's count: the styles are read, not merely tolerated
    shared_titles: int  # most steps allowed to share their title with an earlier step
    base_url: str | None = None


CASES = [
    # A checkbox study plan: `- [ ] [Title](url)`, nested groups, headings inside list items. Its five
    # shared titles are the author's ("Binary Search (video)" twice, from two providers).
    Case("coding-interview-university.md", "Coding Interview University", 550, 5),
    # A CS curriculum: an HTML header holds the title, then course tables ("Courses" column) with
    # relative links to course pages, resolved here against the page's own address.
    Case(
        "ossu-computer-science.md",
        "Open Source Society University",
        70,
        0,
        "https://github.com/ossu/computer-science/blob/master/README.md",
    ),
    # A reading list: tables with a "Name" column.
    Case("ossu-readings.md", "Computer Science - Great Readings", 60, 0),
    # A lecture series: one bold line per lecture, then `- [YouTube video lecture](...)` and its notebooks.
    Case("nn-zero-to-hero.md", "Neural Networks: Zero to Hero", 8, 0),
    Case(
        "nn-zero-to-hero.md",
        "Neural Networks: Zero to Hero",
        8,
        0,
        "https://github.com/karpathy/nn-zero-to-hero/blob/master/README.md",
    ),
    # A course per heading, each with a `🔗 [Link to Course](...)` paragraph (or several: website, videos).
    Case("ml-youtube-courses.md", "📺 ML YouTube Courses", 60, 0),
    # An LLM course: HTML header with the title, tables of notebooks with Colab buttons, lists of links.
    Case("llm-course.md", "🗣️ Large Language Model Course", 130, 0),
    # Awesome lists: `- [Name](url) - description` under headings; a linked `#` title.
    Case("awesome-python.md", "Awesome Python", 450, 0),
    # A long list of courses with no `#` title (its headings are all `###` topics): the file's name.
    # Its 27 shared titles are the authors': courses of the same name by different teachers
    # ("Data Structures" four times), told apart by the teacher in the description.
    Case("free-courses-en.md", "free-courses-en", 600, 27),
]


def _web_links(markdown: str) -> list[str]:
    """Every http(s) link of a document that is not an image or badge, read independently of the importer's
    walk: Markdown links and autolinks, `<a href>` in inline and block HTML."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "html_block":
            found += [link.href for link in markdown_html.read_block(token.content).links if not link.image]
            continue
        children = token.children or []
        for index, child in enumerate(children):
            href = None
            if child.type == "link_open":
                href = child.attrs.get("href", "")
            elif child.type == "html_inline" and markdown_html.tag(child.content)[0] == "a":
                href = markdown_html.tag(child.content)[1]
            if href is None:
                continue
            inside = []
            for other in children[index + 1 :]:
                if other.type in ("link_close",) or (
                    other.type == "html_inline" and markdown_html.tag(other.content)[0] == "/a"
                ):
                    break
                inside.append(other)
            only_image = any(t.type == "image" or markdown_html.tag(t.content)[0] == "img" for t in inside) and not any(
                t.type == "text" and t.content.strip() for t in inside
            )
            if href.lower().startswith(("http://", "https://")) and not only_image:
                found.append(href)
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.file}{'+base' if case.base_url else ''}")
def test_a_real_learning_path_imports_whole(case):
    text = (CORPUS / case.file).read_text(encoding="utf-8")
    path, report = convert(text, str(CORPUS / case.file), base_url=case.base_url)
    steps = [step for section in path["sections"] for step in section["steps"]]
    assert path["title"] == case.title
    assert len(steps) == report.steps >= case.min_steps
    assert report.links == sum(len(step["links"]) for step in steps)
    assert report.sections == len(path["sections"])

    kept = {step["url"] for step in steps} | {link["url"] for step in steps for link in step["links"]}
    about_the_project = " ".join(
        item.what for item in report.skipped if item.reason in (IN_META_SECTION, ABOUT_PROJECT)
    )
    links = [url for url in _web_links(text) if url not in about_the_project]
    lost = [url for url in links if url not in kept]
    assert len(lost) <= 0.05 * len(links), lost[:10]
    reported = " ".join(item.what for item in report.skipped)
    assert [url for url in lost if url not in reported] == []

    shared = sum(count - 1 for count in Counter(step["title"] for step in steps).values())
    assert shared <= case.shared_titles


def test_relative_links_resolve_against_the_base_url_or_are_reported():
    text = (CORPUS / "nn-zero-to-hero.md").read_text(encoding="utf-8")
    _, alone = convert(text, "nn-zero-to-hero.md")
    path, based = convert(
        text, "nn-zero-to-hero.md", base_url="https://github.com/karpathy/nn-zero-to-hero/blob/master/"
    )
    notebooks = [item for item in alone.skipped if item.reason == "relative link without a base URL"]
    assert len(notebooks) == 7 and all("lectures/" in item.what for item in notebooks)
    assert not [item for item in based.skipped if item.reason == "relative link without a base URL"]
    first = path["sections"][0]["steps"][0]
    assert first["title"].startswith("Lecture 1: The spelled-out intro to neural networks")
    assert first["url"] == "https://www.youtube.com/watch?v=VMj-3S1tku0"
    assert [link["url"] for link in first["links"]] == [
        "https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/micrograd",
        "https://github.com/karpathy/micrograd",
    ]


_FRAGMENTS = [
    "# Title\n",
    "## Section\n",
    "- [ ] [Task](https://task.example/{n})\n",
    "- [x] done without a link\n",
    "- Parent\n  - [Slides](https://slides.example/{n})\n",
    "**Lecture {n}**\n",
    "**Lecture {n}: [Video](https://video.example/{n})**\n",
    "🔗 [Link to Course](https://course.example/{n})\n",
    "| Title | Extra |\n|---|---|\n| [local](notes.md) | [c](https://extra.example/{n}) |\n",
    "| Name | Link |\n|---|---|\n| Named | [Link](https://row.example/{n}) |\n| No link | |\n",
    "<a href='https://badge.example/{n}'><img src=x></a>\n",
    'Prose with <a href="https://html.example/{n}">a link</a> in it.\n',
    "[![badge](https://img.example/b.svg)](https://ci.example/{n})\n",
    "> - [Quoted](https://quote.example/{n})\n",
    "- ### Heading in a bullet\n  - [Inside](https://inside.example/{n})\n",
    "1. [Numbered](https://numbered.example/{n}) - text\n",
    "- [Paper](https://paper.example/{n})\n",
    "## Prerequisites\n- **Algebra**: vectors\n- [A book](https://prereq.example/{n})\n",
    "### [Heading link](https://heading.example/{n})\n",
    "- [A](https://a.example/{n}) see [B](https://b.example/{n})\n  - [C](https://c.example/{n})\n",
    "- Text before [Provider](https://provider.example/{n}) and after\n",
    "---\n",
]


_FRAGMENT = st.tuples(st.sampled_from(_FRAGMENTS), st.integers(0, 3)).map(lambda pair: pair[0].format(n=pair[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENT, min_size=1, max_size=10))
def test_every_web_link_is_kept_or_reported(fragments):
    document = "\n".join(fragments)
    try:
        path, report = convert(document, "generated.md")
    except PathcliError:
        return  # no steps: refused, nothing installed
    steps = [step for section in path["sections"] for step in section["steps"]]
    kept = {step["url"] for step in steps} | {link["url"] for step in steps for link in step["links"]}
    reported = " ".join(item.what for item in report.skipped)
    assert [url for url in _web_links(document) if url not in kept and url not in reported] == []
