"""The export formats: a whole backup (JSON), a path's journal (Markdown), its progress page (HTML) and its
goal's plan as a calendar (ics)."""

from pathcli.actions import goal_today, stats_today, view
from pathcli.domain.model import now
from pathcli.store import storage

EXPORT_FORMATS = ("json", "markdown", "html", "ics")


def export_text(chosen: str | None, export_format: str, notes: bool = True) -> tuple[str, list[str]]:
    """A whole backup as JSON (see transfer.backup), the journal of the chosen path as Markdown, its progress
    page as HTML (without notes when notes is False), or its goal's plan as a calendar; and why each of the
    learner's paths that cannot be read is left out of a backup."""
    from pathcli.transfer import backup, exchange

    if export_format == "html":
        return export_page(chosen, notes), []
    if export_format == "ics":
        from pathcli.goal.calendar import to_ics

        tracked = view(chosen)
        return to_ics(tracked.path, tracked.progress, goal_today(tracked), now()), []
    if export_format == "markdown":
        tracked = view(chosen)
        return exchange.to_markdown(tracked.path, tracked.progress), []
    paths, problems = backup.own_paths()
    return exchange.to_json(storage.load(), paths), problems


def export_page(chosen: str | None, notes: bool = True) -> str:
    """The progress page of the chosen path: the stats and their words as `stats` gives them today, and the
    links the last `pathcli check` found broken."""
    from pathcli.insight import wording
    from pathcli.links import linkcache
    from pathcli.page import html, model

    tracked = view(chosen)
    measured = stats_today(tracked)
    words = (wording.streak_text, wording.pace_text, wording.left_text, wording.finish_text)
    standing = model.Standing(measured.today, wording.calendar_days(measured), *(word(measured) for word in words))
    urls = [url for step in tracked.path.steps for url in (step.url, *(link.url for link in step.links))]
    page = model.gather(tracked.path, tracked.progress, standing, linkcache.broken(urls), now(), notes)
    return html.render(page)
