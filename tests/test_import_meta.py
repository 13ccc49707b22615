"""Sections and links about the project rather than the learning are never steps, and the report says so
(importing.meta)."""

import pytest

from pathcli.importing.markdown_import import convert
from pathcli.importing.meta import is_meta_heading, meta_link, own_repository
from pathcli.importing.report import ABOUT_PROJECT, IN_META_SECTION

OWN = ("owner", "course")
BASE = "https://github.com/owner/course/blob/main/README.md"


def _import(markdown: str, base_url: str | None = BASE):
    path, report = convert(markdown, "course.md", base_url=base_url)
    steps = [(step["title"], step["url"]) for section in path["sections"] for step in section["steps"]]
    return steps, report


def test_sections_about_the_project_hold_no_steps_and_are_reported():
    steps, report = _import(
        "# Course\n\n## Week 1\n\n- [Attention](https://example.org/attention)\n\n"
        "## :handshake: Contributing\n\n- [Guide](https://example.org/how-to-help)\n\n"
        "### Translators\n\n- [Ana](https://example.org/ana)\n\n"
        "## Community\n\nJoin [our Discord](https://discord.gg/abc) and [Slack](https://example.slack.com).\n\n"
        "## License\n\n[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)\n\n"
        "## Star History\n\n[![Stars](https://api.star-history.com/svg?repos=o/c)](https://star-history.com/#o/c)\n\n"
        "## Week 2\n\n- [Transformers](https://example.org/transformers)\n"
    )
    assert steps == [
        ("Attention", "https://example.org/attention"),
        ("Transformers", "https://example.org/transformers"),
    ]
    reasons = {item.what.rsplit("(", 1)[-1].rstrip(")"): item.reason for item in report.skipped}
    assert reasons["https://example.org/how-to-help"] == IN_META_SECTION
    assert reasons["https://example.org/ana"] == IN_META_SECTION  # under Contributing too
    for url in ("https://discord.gg/abc", "https://example.slack.com", "https://creativecommons.org/licenses/by/4.0/"):
        assert reasons[url] in (IN_META_SECTION, ABOUT_PROJECT)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/owner/course/issues",
        "https://github.com/owner/course/issues/12",
        "https://github.com/owner/course/pulls",
        "https://github.com/owner/course/graphs/contributors",
        "https://github.com/owner/course",
        "https://github.com/owner/course/blob/main/translations/README-ja.md",
        "https://github.com/owner/course/blob/main/README-zh_CN.md",
        "https://github.com/owner/course/blob/main/es/README.md",
        "https://github.com/owner/course/commits.atom",
        "https://github.com/anyone/else/blob/main/CONTRIBUTING.md",
        "https://github.com/anyone/else/blob/main/LICENSE",
        "https://github.com/sponsors/owner",
        "https://github.com/someone",
        "https://discord.gg/xyz",
        "https://discord.com/invite/xyz",
        "https://join.slack.com/t/x/shared_invite/abc",
        "https://t.me/channel",
        "https://twitter.com/someone",
        "https://x.com/someone",
        "https://www.linkedin.com/in/someone/",
        "https://www.patreon.com/someone",
        "https://opencollective.com/project",
        "https://img.shields.io/badge/x-y-green",
        "https://star-history.com/#owner/course",
        "https://creativecommons.org/licenses/by/4.0/",
    ],
)
def test_pages_about_a_project_are_not_resources(url):
    assert meta_link(url, OWN)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/other/blog/issues/3",  # people write articles in issues
        "https://github.com/psf/requests",
        "https://github.com/owner/course/blob/main/week1/README.md",
        "https://github.com/other/guide/blob/main/README-zh_CN.md",  # another project's translation
        "https://twitter.com/karpathy/status/1234",
        "https://www.youtube.com/watch?v=abc",
        "https://example.org/contributing-to-open-source",
    ],
)
def test_resources_that_merely_look_alike_stay(url):
    assert meta_link(url, OWN) is None


def test_the_own_repository_comes_from_the_address_or_from_two_links_to_its_pages():
    assert own_repository(BASE, []) == OWN
    pages = ["https://github.com/a/b/blob/master/CONTRIBUTING.md", "https://github.com/a/b/issues"]
    assert own_repository(None, pages) == ("a", "b")
    assert own_repository(None, pages[:1]) is None  # one link is not enough
    assert own_repository(None, ["https://github.com/x/blog/issues/1", "https://github.com/x/blog/issues/2"]) is None


@pytest.mark.parametrize(
    ("heading", "meta"),
    [
        ("Contributing", True),
        ("🤝 Contributing Guidelines", True),
        (":information_source: &nbsp;Contributing", True),
        ("Licence", True),
        ("Sponsors", True),
        ("Community", True),
        ("Star History", True),
        ("Acknowledgements", True),
        ("Code of Conduct", True),
        ("Week 1: Attention", False),
        ("Community detection algorithms", False),
        ("Open source licensing in practice", False),
    ],
)
def test_which_headings_are_about_the_project(heading, meta):
    assert is_meta_heading(heading) is meta
