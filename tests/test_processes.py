"""Properties about processes, tested with real processes: concurrent writers and writers killed mid-write."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from pathcli.store import storage

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and fork timing are POSIX")


@pytest.fixture(params=[0, 8], ids=["quiet", "under-load"])
def cpu_load(request):
    """Busy loops on the CPU while the test runs, as on a machine at a high load average."""
    loops = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"], stdout=subprocess.DEVNULL)
        for _ in range(request.param)
    ]
    yield request.param
    for loop in loops:
        loop.kill()
        loop.wait()


def test_forty_concurrent_processes_all_keep_their_change(data_dir, cpu_load):
    commands = [["note", str(i % 6 + 1), f"note from process {i}"] for i in range(34)]
    commands += [
        ["done", "1"],
        ["done", "2"],
        ["done", "3"],
        ["skip", "4"],
        ["open", "5"],
        ["skip", "attention-is-all-you-need-annotated-transformer"],
    ]
    processes = [
        subprocess.Popen([sys.executable, "-m", "pathcli", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    failures = [p.stderr.read() for p in processes if p.wait(timeout=240) != 0]
    assert failures == []
    steps = storage.load()["paths"]["transformers"]["steps"]
    texts = sorted(note["text"] for record in steps.values() for note in record.get("notes", []))
    assert texts == sorted(f"note from process {i}" for i in range(34))
    statuses = {step_id: record["status"] for step_id, record in steps.items()}
    assert statuses == {
        "transformers-from-scratch": "done",
        "the-transformer-model": "done",
        "transformers-for-beginners": "done",
        "stanford-cs25-v4-i-overview-of-transformers": "skipped",
        "the-illustrated-transformer": "started",
        "attention-is-all-you-need-annotated-transformer": "skipped",
    }


WRITER = """
import sys
from pathcli.store import storage
first = int(sys.argv[1])
for n in range(first, first + 10_000):
    with storage.update() as document:
        steps = document["paths"].setdefault("transformers", {}).setdefault("steps", {})
        steps.setdefault("the-transformer-model", {"status": "todo"}).setdefault("notes", []).append(
            {"id": str(n), "text": f"note {n} " + "padding " * 200, "at": "2026-01-01T00:00:00+00:00"})
    print(n, flush=True)
"""


def test_writers_killed_at_random_instants_never_leave_a_broken_file_nor_lose_a_note(data_dir):
    rng = random.Random(1234)
    confirmed: set[int] = set()  # notes whose writer saw the write complete
    for round_ in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(round_ * 100_000)], stdout=subprocess.PIPE, text=True, env=os.environ
        )
        time.sleep(rng.uniform(0.15, 0.5))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        confirmed.update(int(n) for n in out.split())
        document = storage.load()  # parses, or raises: a partial file fails here
        if confirmed:
            notes = document["paths"]["transformers"]["steps"]["the-transformer-model"]["notes"]
            assert confirmed <= {int(note["text"].split()[1]) for note in notes}
    assert len(confirmed) > 12, "the writers never got going"
    with storage.update() as document:
        document["touched"] = True
    assert [name for name in os.listdir(data_dir) if name.endswith(".tmp")] == []
    assert json.loads((data_dir / "progress.json").read_text())["touched"] is True


def test_a_writer_kept_waiting_says_so_once_and_then_goes_on(data_dir):
    from conftest import lock_held_elsewhere, pathcli_process

    data_dir.mkdir()
    results = []
    with lock_held_elsewhere(data_dir / "progress.json.lock"):
        import threading

        writer = threading.Thread(target=lambda: results.append(pathcli_process("done", "1")))
        writer.start()
        time.sleep(3)
    writer.join(60)
    assert results[0].returncode == 0, results[0].stderr
    lines = results[0].stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pathcli: waiting for another pathcli to finish")
