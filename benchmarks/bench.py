"""Time whole pathcli processes against a bare Typer app measured in the same run.

Usage, after `pip install .` in the environment whose python runs this:

    python benchmarks/bench.py                # bundled path, 1,000 and 10,000 steps
    python benchmarks/bench.py --peer         # and the bare app on the newest Typer, in a venv built here
    python benchmarks/bench.py --json         # the figures as JSON

Standard library only. Every case is a new process; the cases run in turn (A B C A B C ...) after a
warm-up, so that a noisy neighbour slows them all alike; medians are reported, with min-max, and
peak resident memory from os.wait4. The budgets of the performance issue are checked at the end.
This is a measurement, never a pass/fail test in CI.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

REFERENCE_APP = """
import typer

app = typer.Typer()


@app.command()
def number():
    print(42)


@app.command()
def table():
    from rich.console import Console
    from rich.table import Table

    grid = Table("a", "b")
    grid.add_row("1", "2")
    grid.add_row("3", "4")
    Console().print(grid)


app()
"""

COMMANDS = [("next", ["next"]), ("list", ["list"]), ("show", ["show", "1"]), ("done", ["done", "2"])]
COMMANDS += [("progress", ["progress"]), ("note", ["note", "1", "text"])]
# Bare pathcli and review (plain lines, not on a terminal: the list of steps due) schedule every done step
# with FSRS, as next does for its reminder; they read, so they have the reading budget of the tables.
COMMANDS += [("bare", []), ("review", ["review"])]
TABLE_COMMANDS = ("next", "list", "show", "progress", "bare", "review")
WRITE_COMMANDS = ("done", "note")
# Timed on a path of 10,000 steps with 100,000 notes (a year of them): stats against progress.
HISTORY_COMMANDS = ("progress", "stats")


# Each run goes through this small helper: a child's peak memory (ru_maxrss) starts from the memory of
# the process that forked it, so forking from this script, which holds every sample, would hide it.
# The helper times the fork, exec and wait of the command itself, so its own start-up is not counted.
MEASURE = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(command: list[str], env: dict) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak resident MiB and exit code of one whole process."""
    measured = subprocess.run(
        [sys.executable, "-S", "-c", MEASURE, *command], env=env, capture_output=True, text=True, check=True
    )
    seconds, cpu, peak, code = measured.stdout.split()
    peak_kib = int(peak) / (1024 if sys.platform == "darwin" else 1)  # macOS reports bytes
    return float(seconds), float(cpu), peak_kib / 1024, int(code)


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def write_generated_path(file: Path, steps: int) -> None:
    lines = [f"id: gen{steps}", f"title: {yaml_string(f'Generated path of {steps} steps')}", "sections:"]
    per_section = 50
    for number in range(1, steps + 1):
        if number % per_section == 1:
            lines += [f"  - title: {yaml_string(f'Section {number // per_section + 1}')}", "    steps:"]
        lines += [
            f"      - title: {yaml_string(f'Resource number {number} about a topic')}",
            "        type: Article",
            f"        url: https://example.org/resources/{number}",
            f"        description: {yaml_string('A description of a typical length for a resource. ' * 3)}",
        ]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_progress_export(file: Path, path_id: str, step_ids: list[str]) -> None:
    """Half of the steps done, a note on every tenth, as a pathcli export to import."""
    at = "2026-01-01T10:00:00+00:00"
    steps = {}
    for index, step_id in enumerate(step_ids):
        record = {"status": "done", "done_at": at} if index % 2 == 0 else {"status": "todo"}
        if index % 10 == 0:
            record["notes"] = [{"text": f"A note on step {index + 1}.", "at": at}]
        if record != {"status": "todo"}:
            steps[step_id] = record
    progress = {"version": 1, "paths": {path_id: {"steps": steps}}}
    export = {"format": "pathcli-export", "version": 1, "progress": progress}
    file.write_text(json.dumps(export), encoding="utf-8")


def write_history_export(file: Path, path_id: str, step_ids: list[str]) -> None:
    """A year of history: every other step done, ten notes on every step (100,000 on 10,000 steps), each
    at its own time, in winter and summer time, as a pathcli export to import."""
    start = datetime(2026, 1, 1, 8, tzinfo=timezone.utc)
    berlin = [timezone(timedelta(hours=1)), timezone(timedelta(hours=2))]

    def stamp(seconds: int) -> str:
        moment = start + timedelta(seconds=seconds)
        return moment.astimezone(berlin[4 <= moment.month <= 10]).isoformat()

    steps = {}
    for index, step_id in enumerate(step_ids):
        notes = [{"text": f"Note {n} on step {index + 1}.", "at": stamp((index * 10 + n) * 311)} for n in range(10)]
        steps[step_id] = {"status": "todo", "notes": notes}
        if index % 2 == 0:
            steps[step_id].update(status="done", done_at=stamp(index * 3110 + 3000))
    progress = {"version": 1, "paths": {path_id: {"steps": steps}}}
    file.write_text(json.dumps({"format": "pathcli-export", "version": 1, "progress": progress}), encoding="utf-8")


def prepare(pathcli: str, work: Path, size: int, base_env: dict, history: bool = False) -> dict:
    """A home folder whose pathcli data holds one path of `size` steps (6: the bundled one) in use, with
    its progress (a year of it with history). No PATHCLI_DATA_DIR: pathcli finds its folders through
    platformdirs, as for a new user."""
    name = f"{size}-history" if history else f"{size}"
    env = {**base_env, "HOME": str(work / f"home-{name}")}

    def call(*args: str) -> str:
        return subprocess.run([pathcli, *args], env=env, check=True, capture_output=True, text=True).stdout

    if size != 6:
        source = work / f"gen{size}.yaml"
        write_generated_path(source, size)
        call("path", "add", str(source))
        call("use", f"gen{size}")
    step_ids = [step["id"] for step in json.loads(call("list", "--json"))]
    export = write_history_export if history else write_progress_export
    export(work / f"progress-{name}.json", "transformers" if size == 6 else f"gen{size}", step_ids)
    call("import", str(work / f"progress-{name}.json"))
    return env


def build_peer(work: Path) -> str:
    """A virtual environment with the newest Typer, for the same reference app."""
    venv = work / "peer-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "typer", "rich"], check=True)
    version = subprocess.run(
        [python, "-c", "import typer; print(typer.__version__)"], check=True, capture_output=True, text=True
    )
    print(f"peer: Typer {version.stdout.strip()}", file=sys.stderr)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25, help="timed runs of every case (default 25)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs of every case first (default 3)")
    parser.add_argument("--sizes", default="6,1000,10000", help="path sizes; 6 is the bundled path")
    parser.add_argument("--peer", action="store_true", help="also time the reference app on the newest Typer")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    pathcli = shutil.which("pathcli", path=str(Path(sys.executable).parent)) or shutil.which("pathcli")
    if not pathcli:
        sys.exit("pathcli is not installed in this environment: pip install . first")
    sizes = [int(size) for size in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="pathcli-bench-"))
    try:
        # PYTHONDONTWRITEBYTECODE would make an editable install compile pathcli on every run: measure
        # the steady state a user has, with bytecode cached. The data and cache folders follow HOME.
        unwanted = ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PATHCLI_DATA_DIR")
        unwanted += ("XDG_DATA_HOME", "XDG_CACHE_HOME")
        base_env = {key: value for key, value in os.environ.items() if key not in unwanted}
        base_env["HOME"] = str(work / "home")
        base_env["BROWSER"] = "true"
        reference = work / "reference_app.py"
        reference.write_text(REFERENCE_APP, encoding="utf-8")
        cases = {
            "typer number": ([sys.executable, str(reference), "number"], base_env, None),
            "typer table": ([sys.executable, str(reference), "table"], base_env, None),
        }
        if args.peer:
            peer = build_peer(work)
            cases["newest typer number"] = ([peer, str(reference), "number"], base_env, None)
            cases["newest typer table"] = ([peer, str(reference), "table"], base_env, None)
        for size in sizes:
            env = prepare(pathcli, work, size, base_env)
            for name, command in COMMANDS:
                # `done 2` is timed as a real change: step 2 is put back to todo, untimed, before each run.
                before = [pathcli, "undo", "2"] if name == "done" else None
                cases[f"{name} @{size}"] = ([pathcli, *command], env, before)
        if 10000 in sizes:
            env = prepare(pathcli, work, 10000, base_env, history=True)
            for name in HISTORY_COMMANDS:
                cases[f"{name} @10000 history"] = ([pathcli, name], env, None)

        samples: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in cases}
        for round_ in range(args.warmup + args.rounds):
            for name, (command, env, before) in cases.items():
                if before:
                    subprocess.run(before, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                result = run_once(command, env)
                if round_ >= args.warmup:
                    samples[name].append(result)
            print(f"round {round_ + 1}/{args.warmup + args.rounds}", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        figures = {
            name: {
                "median_ms": round(statistics.median(s[0] for s in runs) * 1000, 1),
                "min_ms": round(min(s[0] for s in runs) * 1000, 1),
                "max_ms": round(max(s[0] for s in runs) * 1000, 1),
                "cpu_ms": round(statistics.median(s[1] for s in runs) * 1000, 1),
                "peak_mib": round(statistics.median(s[2] for s in runs), 1),
                "failures": sum(s[3] != 0 for s in runs),
            }
            for name, runs in samples.items()
        }
        budgets = check_budgets(figures, sizes, args.peer)
        if args.json:
            print(json.dumps({"figures": figures, "budgets": budgets}, indent=2))
        else:
            print_report(figures, budgets)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_budgets(figures: dict, sizes: list[int], peer: bool) -> list[dict]:
    budgets = []

    def budget(what: str, value: float, limit: float, cpu: float | None = None) -> None:
        entry = {"budget": what, "ratio": round(value, 2), "limit": limit, "met": value <= limit}
        if cpu is not None:
            entry["cpu_ratio"] = round(cpu, 2)  # the same ratio of CPU time: less moved by a noisy machine
        budgets.append(entry)

    def median(name: str) -> float:
        return figures[name]["median_ms"]

    def ratio(budget_name: str, case: str, reference: str, limit: float) -> None:
        cpu = figures[case]["cpu_ms"] / figures[reference]["cpu_ms"]
        budget(budget_name, median(case) / median(reference), limit, cpu)

    if 6 in sizes:
        for name in TABLE_COMMANDS:
            ratio(f"{name} @6 / typer table", f"{name} @6", "typer table", 1.2)
        for name in WRITE_COMMANDS:
            ratio(f"{name} @6 / typer number", f"{name} @6", "typer number", 1.3)
        peak = max(figures[f"{name} @6"]["peak_mib"] for name, _ in COMMANDS)
        budget("peak memory @6 / typer table", peak / figures["typer table"]["peak_mib"], 1.3)
        if peer:
            for name, _ in COMMANDS:
                ratio(f"{name} @6 / newest typer number", f"{name} @6", "newest typer number", 1.0)
    if 6 in sizes and 1000 in sizes:
        for name, _ in COMMANDS:
            if name != "progress":
                # list and review print a line per step shown (review: every step due, half of them here)
                limit = 3.0 if name in ("list", "review") else 1.15
                ratio(f"{name} @1000 / {name} @6", f"{name} @1000", f"{name} @6", limit)
    if 10000 in sizes:
        for name, _ in COMMANDS:
            failures = figures[f"{name} @10000"]["failures"]
            budget(f"{name} @10000 runs without failing (failures)", failures, 0)
            if 1000 in sizes and 6 in sizes:
                # Linear growth makes the extra time at 10,000 steps about ten times that at 1,000, and
                # quadratic growth a hundred times. Below 5 ms the extra at 1,000 is lost in the noise of
                # medians on a busy machine, so it counts as 5 ms.
                extra_1000 = max(median(f"{name} @1000") - median(f"{name} @6"), 5.0)
                growth = (median(f"{name} @10000") - median(f"{name} @6")) / extra_1000
                budget(f"{name}: extra time @10000 / extra @1000 (not quadratic)", growth, 20.0)
        ratio("stats / progress @10000 with 100,000 notes", "stats @10000 history", "progress @10000 history", 1.5)
    return budgets


def print_report(figures: dict, budgets: list[dict]) -> None:
    reference = figures["typer number"]["median_ms"]
    print(f"{'case':<24}{'median ms':>10}{'min-max ms':>12}{'x number':>10}{'CPU ms':>8}{'peak MiB':>10}")
    for name, figure in figures.items():
        spread = f"{figure['min_ms']:.0f}-{figure['max_ms']:.0f}"
        failed = f"  ({figure['failures']} failed)" if figure["failures"] else ""
        print(
            f"{name:<24}{figure['median_ms']:>10.1f}{spread:>12}{figure['median_ms'] / reference:>10.2f}"
            f"{figure['cpu_ms']:>8.1f}{figure['peak_mib']:>10.1f}{failed}"
        )
    print()
    print(f"{'':<7}{'budget (wall-time medians)':<58}{'ratio':>8}{'limit':>9}{'CPU ratio':>11}")
    for entry in budgets:
        mark = "met " if entry["met"] else "MISSED"
        cpu = f"{entry['cpu_ratio']:>11}" if "cpu_ratio" in entry else ""
        print(f"{mark:<7}{entry['budget']:<58}{entry['ratio']:>8}{'<= ' + str(entry['limit']):>9}{cpu}")


if __name__ == "__main__":
    main()
