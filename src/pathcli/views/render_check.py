"""What `pathcli check` prints: a progress bar on stderr while checking (on a terminal only), the links
that are not ok as a table, counts, and the JSON shape. Text from path files and the web is defused."""

import contextlib
import sys
from collections.abc import Iterator

from pathcli.links.linkcheck import BROKEN, OK, RATE_LIMITED, REDIRECTED, LinkResult
from pathcli.links.linkreport import PathReport
from pathcli.text import one_line
from pathcli.views.output import console

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
    unless that is being done)."""
    from rich.text import Text

    out = console()
    trouble = [link for link in report.links if link.result.result != OK]
    if trouble:
        out.print(_trouble_table(report, trouble) if out.width >= 70 else _trouble_list(report, trouble))
    counts = report.counts()
    summary = ", ".join(f"{count} {result.replace('_', ' ')}" for result, count in counts.items() if count)
    out.print(Text(f"{report.path.id}: {len(report.links)} links checked: {summary or 'none'}"))
    if counts[REDIRECTED] and not updating:
        hint = f"pathcli -p {report.path.id} check --update rewrites permanently redirected links in your path file."
        out.print(Text(hint, style="dim"))


def _trouble_table(report: PathReport, trouble: list):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(one_line(report.path.title), style="bold"))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Step and link", overflow="fold", ratio=3)
    table.add_column("Result", no_wrap=True)
    table.add_column("Reason", overflow="fold", ratio=2)
    for link in trouble:
        table.add_row(
            Text(str(link.step.number)),
            Text.assemble(one_line(link.step.title), "\n", (one_line(link.url), "cyan")),
            _result_text(link.result.result),
            Text(one_line(link.result.reason)),
        )
    return table


def _trouble_list(report: PathReport, trouble: list):
    """For narrow terminals: each link under its step, with a hanging indent instead of columns."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for link in trouble:
        result = _result_text(link.result.result)
        result.append(f": {one_line(link.result.reason)}", style="")
        cell = Text.assemble((one_line(link.step.title), "bold"), "\n", (one_line(link.url), "cyan"), "\n", result)
        grid.add_row(Text(str(link.step.number)), cell)
    return Group(Text(one_line(report.path.title), style="bold"), grid)


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
    sys.stderr.write(f"{path_id}: {done.count} redirected {noun} updated {where}\n")
