"""Make the pictures of docs/guide.md ("How am I doing?"): `pathcli list`, `pathcli progress` and
`pathcli stats` as SVG, with Rich's own export (Console(record=True) and save_svg).

    pip install -e '.[test]' && python docs/make_pictures.py

They come from real use: a learner installs docs/rl.yaml and works through it for five months, on
evenings chosen by a seeded random generator, with the clock moved to each evening (time-machine) and
the time zone set to Europe/Berlin. Every run makes the same pictures: the date is pinned.
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from typer.testing import CliRunner

DOCS = Path(__file__).resolve().parent
ZONE = "Europe/Berlin"
FIRST_DAY = date(2026, 6, 22)
TODAY = datetime(2026, 11, 26, 21, 30, tzinfo=ZoneInfo(ZONE))
HOLIDAY = (date(2026, 9, 5), date(2026, 9, 27))
WIDTH = 80
NOTES = [
    "Do the exercises at the end before moving on.",
    "The backup diagrams make this click.",
    "Re-derive the Bellman equation by hand.",
    "Slow going; the second half is easier.",
    "Implemented it in 40 lines of NumPy.",
    "Compare with the previous chapter's method.",
]


def main() -> None:
    os.environ["TZ"] = ZONE
    time.tzset()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(PATHCLI_DATA_DIR=f"{folder}/data", HOME=folder, BROWSER="true")
        from pathcli.cli import app

        runner = CliRunner()

        def pathcli(*args: str, at: datetime = TODAY) -> None:
            with time_machine.travel(at, tick=False):
                result = runner.invoke(app, list(args))
            if result.exit_code != 0:
                sys.exit(f"pathcli {' '.join(args)} failed: {result.stderr}")

        pathcli("path", "add", str(DOCS / "rl.yaml"))
        pathcli("use", "rl")
        learn(pathcli)
        for command in ("list", "progress", "stats"):
            picture(pathcli, command)


def learn(pathcli) -> None:
    """Five months of evenings: a session on about a third of them, none on a holiday in September,
    and every evening of the last few days."""
    rng = random.Random(2026)
    step = 1
    day = FIRST_DAY
    while day <= TODAY.date():
        evening = datetime(day.year, day.month, day.day, 19, rng.randrange(60), tzinfo=ZoneInfo(ZONE))
        keen = (TODAY.date() - day).days < 4
        if keen or (not HOLIDAY[0] <= day <= HOLIDAY[1] and rng.random() < 0.33):
            if step == 4:  # the lecture repeats the chapter before it
                pathcli("skip", "4", at=evening)
                step += 1
            for minutes in range(rng.choice([1, 1, 1, 2, 3])):
                pathcli("note", str(step), rng.choice(NOTES), at=evening + timedelta(minutes=20 * minutes))
            if rng.random() < 0.24 and day < TODAY.date():
                pathcli("done", str(step), at=evening + timedelta(hours=1, minutes=30))
                step += 1
        day += timedelta(days=1)


def picture(pathcli, command: str) -> None:
    from rich.console import Console

    from pathcli.views import output

    recorder = Console(
        record=True, width=WIDTH, force_terminal=True, color_system="truecolor", markup=False, emoji=False
    )
    recorder.file = open(os.devnull, "w")  # only the recording is wanted
    original, output.console = output.console, lambda: recorder
    try:
        pathcli(command)
    finally:
        output.console = original
    recorder.file.close()
    recorder.save_svg(str(DOCS / f"pathcli-{command}.svg"), title=f"pathcli {command}")
    print(f"wrote docs/pathcli-{command}.svg")


if __name__ == "__main__":
    main()
