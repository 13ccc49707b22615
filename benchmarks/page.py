"""Time the progress page on a large path: `pathcli export --format html` of 1,000 steps with 5,000 notes
(five on every step, every other step done), as whole processes and as the page alone (gathering and
rendering, in this process, the templates compiled once before).

    pip install -e . && python benchmarks/page.py

A measurement, never a pass/fail test in CI (tests/test_page.py checks that the page grows in step with
the path). Issue 23 asks for under a second.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench import write_generated_path

STEPS, NOTES_PER_STEP, RUNS = 1000, 5, 7


def write_notes_export(file: Path, path_id: str, step_ids: list[str]) -> None:
    start = datetime(2026, 6, 1, 19, tzinfo=timezone(timedelta(hours=2)))
    steps = {}
    for index, step_id in enumerate(step_ids):
        notes = [
            {"text": f"Note {n} on step {index + 1}: what I made of it,\nand what to read next.", "at": stamp}
            for n in range(NOTES_PER_STEP)
            for stamp in [(start + timedelta(hours=index * 3 + n)).isoformat()]
        ]
        steps[step_id] = {"status": "todo", "notes": notes}
        if index % 2 == 0:
            steps[step_id].update(status="done", done_at=(start + timedelta(hours=index * 3 + 6)).isoformat())
    progress = {"version": 1, "paths": {path_id: {"steps": steps}}}
    file.write_text(json.dumps({"format": "pathcli-export", "version": 1, "progress": progress}), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "PATHCLI_DATA_DIR": str(work / "data"), "HOME": str(work)}

        def pathcli(*args: str) -> str:
            command = [sys.executable, "-m", "pathcli", *args]
            return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout

        write_generated_path(work / "big.yaml", STEPS)
        pathcli("path", "add", str(work / "big.yaml"))
        pathcli("use", f"gen{STEPS}")
        step_ids = [step["id"] for step in json.loads(pathcli("list", "--json"))]
        write_notes_export(work / "notes.json", f"gen{STEPS}", step_ids)
        pathcli("import", str(work / "notes.json"))
        page = work / "page.html"
        pathcli("export", "--format", "html", "-o", str(page))  # warm: the parsed-path cache
        wall = []
        for _ in range(RUNS):
            began = time.perf_counter()
            pathcli("export", "--format", "html", "-o", str(page), "--force")
            wall.append(time.perf_counter() - began)
        size = page.stat().st_size
        baseline = []  # the same path and progress read, and nothing drawn: what every command pays
        for _ in range(RUNS):
            began = time.perf_counter()
            pathcli("progress", "--json")
            baseline.append(time.perf_counter() - began)

        os.environ.update(PATHCLI_DATA_DIR=env["PATHCLI_DATA_DIR"], HOME=env["HOME"])
        from pathcli import actions

        actions.export_page(None)  # the templates compiled, jinja2 imported
        alone = []
        for _ in range(RUNS):
            began = time.perf_counter()
            actions.export_page(None)
            alone.append(time.perf_counter() - began)

    print(f"{STEPS} steps, {STEPS * NOTES_PER_STEP} notes, a page of {size / 1024 / 1024:.1f} MiB")
    print(
        f"pathcli export --format html -o page.html: median {statistics.median(wall) * 1000:.0f} ms"
        f" (min {min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f}) as a whole process"
    )
    print(
        f"pathcli progress --json on the same data: median {statistics.median(baseline) * 1000:.0f} ms"
        f" (min {min(baseline) * 1000:.0f}, max {max(baseline) * 1000:.0f}), for comparison"
    )
    print(
        f"the page alone (read, gather, render): median {statistics.median(alone) * 1000:.0f} ms"
        f" (min {min(alone) * 1000:.0f}, max {max(alone) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
