"""What a learning path says about its own project rather than the learning: sections such as Contributing,
License, Sponsors or Community, and links to the repository's own issues, licence and contributors, to chat
invites, social profiles, sponsors, badges and star charts. They are left out of the steps, and the import
report names them.

Two rules (docs/importing.md):
- a section whose heading names the project's business (is_meta_heading) holds no steps;
- a link to one of the project's own pages or to such a service (meta_link) is never a step.
"""

import re
from urllib.parse import unquote, urlsplit

# Headings of sections about the project, as heading_words gives them.
_META_HEADINGS = frozenset(
    """contribute|contributors|contribution|contributions|how to contribute|license|licence|licensing|copyright
    credits|credit|thanks|special thanks|sponsor|sponsors|sponsored by|backers|supporters|support us
    support this project|donate|donations|funding|community|join the community|join us|join our community
    community and support|discussion|chat|contact|contact us|get in touch|follow us|social|stay in touch
    connect with us|newsletter|star history|stargazers|stargazers over time|star chart|translations
    translation|other languages|languages|read this in other languages|code of conduct|authors|author
    about the author|about the authors|maintainers|maintainer|core team|team|changelog|change log
    disclaimer|feedback|citation|cite|citing|how to cite|sharing is caring|spread the word
    show your support|license and credits|credits and license""".replace("\n", "|").split("|")
)
_META_HEADING_STARTS = ("contributing", "licen", "sponsor", "acknowledg", "star history", "code of conduct")

# Hosts whose pages are chat rooms, sponsorship, badges, star charts or licences, never a resource.
_META_HOSTS = frozenset(
    """discord.gg discord.com discordapp.com join.slack.com t.me telegram.me gitter.im matrix.to patreon.com
    opencollective.com ko-fi.com buymeacoffee.com paypal.me paypal.com liberapay.com img.shields.io
    shields.io badgen.net badge.fury.io star-history.com api.star-history.com starchart.cc trendshift.io
    visitor-badge.laobi.icu hits.seeyoufarm.com komarev.com forthebadge.com creativecommons.org codecov.io
    app.codecov.io travis-ci.org travis-ci.com circleci.com ci.appveyor.com github-readme-stats.vercel.app
    contrib.rocks allcontributors.org forms.gle""".split()
)
# Social networks: a profile (one path segment, or /in/NAME) is no resource; a post may be.
_SOCIAL_HOSTS = frozenset(
    "twitter.com x.com facebook.com instagram.com linkedin.com mastodon.social threads.net weibo.com bsky.app".split()
)
_PROFILE_PREFIXES = frozenset(("in", "company", "pages", "profile", "user", "u"))
# Pages of a GitHub repository that are about the project: github.com/OWNER/NAME/issues...
_REPOSITORY_PAGES = frozenset(
    """issues pulls pull graphs stargazers network watchers fork forks discussions subscription commits
    actions security pulse compare""".split()
)
_ARTICLES = frozenset(("issues", "discussions"))
# Files of any repository that are about the project itself, by their name without its extension.
_META_FILES = frozenset(
    """license licence copying contributing contributors code_of_conduct code-of-conduct sponsors
    sponsorship funding security changelog authors maintainers governance translations help faq""".split()
)
# The same page in another language: README-ja.md, README.zh-CN.md, translations/..., es/README.md
_TRANSLATION = re.compile(r"^readme[-._][a-z]{2}([-_][a-z]{2,4})?\.md$|^translations?$", re.IGNORECASE)
_LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}([-_][a-z]{2,4})?$", re.IGNORECASE)
_FEED = re.compile(r"\.(atom|rss)$", re.IGNORECASE)
_CHAT, _SOCIAL, _PROJECT, _TRANSLATED = (
    "chat, sponsor, badge or licence",
    "social profile",
    "the project's own page",
    "a translation of this page",
)


def heading_words(text: str) -> str:
    """A heading's words, lower case, without emoji shortcodes, numbers and punctuation."""
    text = re.sub(r":[a-z0-9_+-]+:|&[a-z]+;", " ", text.casefold())
    return " ".join(re.sub(r"[^\w\s]|\d|_", " ", text).split())


def is_meta_heading(text: str) -> bool:
    """A heading of a section about the project: Contributing, License, Sponsors, Community, Star History..."""
    words = heading_words(text)
    return words in _META_HEADINGS or words.startswith(_META_HEADING_STARTS)


def repository(url: str) -> tuple[str, str] | None:
    """(owner, name) of a github.com address inside a repository, lower case; None for any other."""
    segments = _segments(url)
    if _host(url) != "github.com" or len(segments) < 2:
        return None
    return segments[0].casefold(), segments[1].casefold().removesuffix(".git")


def own_repository(base_url: str | None, urls: list[str]) -> tuple[str, str] | None:
    """The repository the document belongs to: its own address's, else the one whose issues, pulls, licence or
    contributing guide it links to most (twice at least)."""
    if base_url and repository(base_url):
        return repository(base_url)
    votes: dict[tuple[str, str], int] = {}
    for url in urls:
        found = repository(url)
        segments = _segments(url)
        # An issue or a discussion may be an article someone wrote there: only the project's pages count.
        page = segments[2].casefold() if len(segments) > 2 else ""
        if (
            found
            and (page in _REPOSITORY_PAGES and (len(segments) == 3 or page not in _ARTICLES))
            or (found and _is_meta_file(segments[-1]))
        ):
            votes[found] = votes.get(found, 0) + 1
    best = max(votes, key=votes.__getitem__, default=None)
    return best if best and votes[best] >= 2 else None  # one link to an issue may be an article there


def meta_link(url: str, own: tuple[str, str] | None) -> str | None:
    """Why url is about the project rather than the learning, in a few words for the report; None if it is not."""
    host, segments = _host(url), _segments(url)
    if host in _META_HOSTS or host.endswith(".slack.com"):
        return _CHAT
    if host in _SOCIAL_HOSTS and (len(segments) <= 1 or (len(segments) == 2 and segments[0] in _PROFILE_PREFIXES)):
        return _SOCIAL
    if host != "github.com" or not segments:
        return None
    if segments[0].casefold() == "sponsors":
        return _CHAT
    if len(segments) == 1:
        return _SOCIAL  # github.com/NAME: a person or an organisation
    if _is_meta_file(segments[-1]):
        return _PROJECT
    if own is None or repository(url) != own:
        return None
    if len(segments) == 2 or segments[2].casefold() in _REPOSITORY_PAGES or _FEED.search(segments[-1]):
        return _PROJECT
    if any(_TRANSLATION.match(segment) for segment in segments[2:]) or (
        segments[-1].casefold() == "readme.md" and _LANGUAGE_FOLDER.match(segments[-2])
    ):
        return _TRANSLATED
    return None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").casefold().removeprefix("www.")
    except ValueError:
        return ""


def _segments(url: str) -> list[str]:
    try:
        return [unquote(segment) for segment in urlsplit(url).path.split("/") if segment]
    except ValueError:
        return []


def _is_meta_file(name: str) -> bool:
    return name.casefold().rsplit(".", 1)[0] in _META_FILES
