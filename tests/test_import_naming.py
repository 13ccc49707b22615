"""How imported steps and paths are titled (importing.naming): a label before a link, the link's own text, the
phrase a link ends, never a dangling fragment; the path's title from its headings, else from its address."""

import pytest

from pathcli.importing.markdown_import import convert


def _titles(markdown: str) -> list[str]:
    path, _ = convert(markdown, "course.md")
    return [step["title"] for section in path["sections"] for step in section["steps"]]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("- Follow our [question guidelines](https://e.org/1) when posting", "Follow our question guidelines"),
        ("- Program LLMs: Frameworks like [DSPy](https://e.org/1)", "Program LLMs: Frameworks like DSPy"),
        ("- Read [this blog post](https://e.org/1) on pipeline design.", "Read this blog post on pipeline design"),
        ("- People in ML to [follow](https://e.org/1)", "People in ML to follow"),
        ("- Linear algebra: [course](https://e.org/1)", "Linear algebra"),
        ("- Intro to ML [Coursera](https://e.org/1)", "Intro to ML"),
        ("- [Attention Is All You Need](https://e.org/1) - the paper", "Attention Is All You Need"),
        (
            "- **Distilling the knowledge in a neural network** (2015), G. Hinton et al. [[pdf]](https://e.org/1)",
            "Distilling the knowledge in a neural network (2015), G. Hinton et al.",
        ),
        ("- [✔️] 🐧 15 > [Linux Commands for DevOps](https://e.org/1)", "Linux Commands for DevOps"),
        (
            "- A long sentence about sharding that goes on. A sharding function based on [consistent hashing](https://e.org/1)",
            "consistent hashing",
        ),
    ],
)
def test_a_step_is_titled_as_a_person_would(line, title):
    assert _titles(f"# Course\n\n## Week 1\n\n{line}\n") == [title]


def test_a_link_that_only_points_is_named_by_its_context():
    markdown = "# Course\n\n## Logistic Regression | Day 4\n\nCheck out the Code [here](https://e.org/code)\n"
    assert _titles(markdown) == ["Logistic Regression | Day 4"]


@pytest.mark.parametrize(
    ("markdown", "source", "base_url", "title"),
    [
        ("# Important Note\n\nx\n\n# Deep Learning\n\n## A\n\n- [a](https://e.org/a)\n", "c.md", None, "Deep Learning"),
        (
            "<h2>i.am.ai<br>AI Expert Roadmap</h2>\n\n## A\n\n- [a](https://e.org/a)\n",
            "c.md",
            None,
            "i.am.ai AI Expert Roadmap",
        ),
        (
            "## About\n\nx\n\n## Week 1\n\n- [a](https://e.org/a)\n\n## Week 2\n\n- [b](https://e.org/b)\n",
            "/home/me/rust-course/README.md",
            None,
            "rust-course",
        ),
        (
            "### Index\n\n### Python\n\n- [a](https://e.org/a)\n\n## Odd\n\n- [b](https://e.org/b)\n",
            "free-courses-ar.md",
            None,
            "free-courses-ar",
        ),
        (
            "## Week 1\n\n- [a](https://e.org/a)\n\n## Week 2\n\n- [b](https://e.org/b)\n",
            "README.md",
            "https://github.com/someone/the-book-of-secret-knowledge/blob/main/README.md",
            "the-book-of-secret-knowledge",
        ),
        (
            "## Week 1\n\n- [a](https://e.org/a)\n\n## Week 2\n\n- [b](https://e.org/b)\n",
            "README.md",
            "https://github.com/o/r/blob/main/courses/free-courses-en.md",
            "free-courses-en",
        ),
    ],
)
def test_the_path_title_rule(markdown, source, base_url, title):
    path, _ = convert(markdown, source, base_url=base_url)
    assert path["title"] == title


def test_two_readmes_are_never_both_named_readme():
    one, _ = convert("- [a](https://e.org/a)\n", "/home/me/rust/README.md")
    other, _ = convert("- [a](https://e.org/a)\n", "/home/me/go/README.md")
    assert (one["title"], other["title"]) == ("rust", "go")
