"""What `pathcli check` prints: a progress bar on stderr while checking (on a terminal only), the links
that are not ok as a table, counts, and the JSON shape. Text from path files and the web is defused."""

import contextlib
import sys
from collections.abc import Iterator

from pathcli.links.linkcheck import BROKEN, OK, RATE_LIMITED, REDIRECTED, LinkResult
from pathcli.links.linkreport import PathReport
from pathcli.text import one_line
from pathcli.views.output import console, line, warn

_RESULT_STYLES = {BROKEN: "red", REDIRECTED: "yellow", RATE_LIMITED: "magenta"}


class Progress:
    """Callbacks for linkreport.check_paths that drive a Rich progress bar on stderr."""

    def __init__(self, bar):
        self._bar = bar
        self._task = None

    def start(self, total: int) -> None:
        self._task = self._bar.add_task("Checking links", total=total)

    def advance(self, url: str, result: LinkResult) -> None:
        self._bar.advance(self._task)


@contextlib.contextmanager
def progress() -> Iterator[Progress | None]:
    """A progress bar while links are checked, only when stderr is a terminal (None otherwise)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        yield Progress(bar)


def report_json(report: PathReport) -> dict:
    return {
        "path": report.path.id,
        "checked": report.checked,
        "counts": report.counts(),
        "links": [
            {
                "step": link.step.number,
                "title": link.step.title,
                "url": link.url,
                "result": link.result.result,
                "status_code": link.result.status_code,
                "final_url": link.result.final_url,
                "reason": link.result.reason,
            }
            for link in report.links
        ],
    }


def report_table(report: PathReport, updating: bool) -> None:
    """The links that are not ok, with their step, then the counts (and how to update redirected links,
    unless that is being done). Links are never cut nor broken: where the table would not leave them room,
    each link is listed under its step instead."""
    out = console()
    trouble = [link for link in report.links if link.result.result != OK]
    if trouble:
        longest = max(len(one_line(link.url)) for link in trouble)
        reason_word = max((len(word) for link in trouble for word in one_line(link.result.reason).split()), default=0)
        if out.width >= max(70, longest + reason_word + 26):  # the columns, their padding and borders
            out.print(_trouble_table(report, trouble, longest))
        else:
            _trouble_list(out, report, trouble)
    counts = report.counts()
    summary = ", ".join(f"{count} {result.replace('_', ' ')}" for result, count in counts.items() if count)
    out.print(line(f"{report.path.id}: {len(report.links)} links checked: {summary or 'none'}"), soft_wrap=True)
    if counts[REDIRECTED] and not updating:
        hint = f"pathcli -p {report.path.id} check --update rewrites permanently redirected links in your path file."
        out.print(line(hint, "dim"), soft_wrap=True)


def _trouble_table(report: PathReport, trouble: list, longest: int):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(one_line(report.path.title), style="bold"))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Step and link", no_wrap=True, min_width=longest)
    table.add_column("Result", no_wrap=True)
    # a link in a reason ("moved permanently to https://...") is never split either
    reason_word = max((len(word) for link in trouble for word in one_line(link.result.reason).split()), default=0)
    table.add_column("Reason", ratio=1, min_width=reason_word)
    for link in trouble:
        table.add_row(
            Text(str(link.step.number)),
            Text.assemble(one_line(link.step.title), "\n", (one_line(link.url), "cyan")),
            _result_text(link.result.result),
            Text(one_line(link.result.reason)),
        )
    return table


def _trouble_list(out, report: PathReport, trouble: list) -> None:
    """For narrow terminals: each link under its step, indented, wrapped by the text layer (which never
    breaks a link: one too long for the line goes on a line of its own, whole)."""
    out.print(line(one_line(report.path.title), "bold"), soft_wrap=True)
    for link in trouble:
        out.print(line(f"{link.step.number} {one_line(link.step.title)}", "bold"), soft_wrap=True)
        out.print(line(f"  {one_line(link.url)}", "cyan"), soft_wrap=True)
        result = link.result.result.replace("_", " ")
        out.print(
            line(f"  {result}: {one_line(link.result.reason)}", _RESULT_STYLES.get(link.result.result, "")),
            soft_wrap=True,
        )


def _result_text(result: str):
    from rich.text import Text

    return Text(result.replace("_", " "), style=_RESULT_STYLES.get(result, ""))


def updated(path_id: str, done) -> None:
    """What check --update changed (linkreport.Updated)."""
    noun = "link" if done.count == 1 else "links"
    where = "in the installed path"
    if done.own_file:
        where += f" and in your file {one_line(done.own_file)}"
    elif done.remembered:
        where += " (remembered with it: pathcli path update keeps them)"
    warn(f"{path_id}: {done.count} redirected {noun} updated {where}")
