import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

# Colour forced from the environment is read when Rich and Typer are imported: drop it before they are,
# and fix the width, so that output is the same on every machine and in CI.
for _name in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "NO_COLOR"):
    os.environ.pop(_name, None)
os.environ["COLUMNS"] = "100"

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pathcli.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# A copy of ../shared/seed/000_5f5e8212f84bdfc2.txt, the document the bundled path is made from (see tests/data/README.md).
SEED = ROOT / "tests" / "data" / "transformers-seed.md"


@pytest.fixture(autouse=True)
def env_setup(tmp_path, monkeypatch):
    """No test touches the real user's data, cache or browser."""
    monkeypatch.setenv("PATHCLI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BROWSER", "true")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run():
    """Run pathcli in this process; the result has stdout and stderr apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, prog_name="pathcli")

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str):
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def pathcli_process(*args: str, input: str | None = None, env: dict | None = None, cwd=None):
    """Run the installed pathcli as a real process (python -m pathcli, so the venv's own is used)."""
    return subprocess.run(
        [sys.executable, "-m", "pathcli", *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=60,
    )


@contextlib.contextmanager
def lock_held_elsewhere(lock_file: Path):
    """Another process holding pathcli's lock on lock_file until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, fasteners; l = fasteners.InterProcessLock(sys.argv[1]); l.acquire();"
            " print('held', flush=True); time.sleep(60)",
            str(lock_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def utc(monkeypatch):
    """Local time is UTC, so that days and times read the same on every machine."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()
