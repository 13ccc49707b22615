"""pathcli installs and runs from anywhere: as a wheel, as the installed command, and as python -m."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, pathcli_process


def _build_wheel(out: Path) -> Path:
    # Straight through hatchling's PEP 517 hook: no isolated build environment, so no network.
    code = f"from hatchling.build import build_wheel; print(build_wheel({str(out)!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out / result.stdout.strip().splitlines()[-1]


def test_the_wheel_carries_the_bundled_paths_and_finds_them_from_any_folder(tmp_path):
    wheel = _build_wheel(tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        assert "pathcli/data/transformers.yaml" in archive.namelist()
        assert {"pathcli/page/templates/page.html.j2", "pathcli/page/templates/page.css"} <= set(archive.namelist())
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    where = subprocess.run(
        [sys.executable, "-c", "from pathcli.store import locations; print(locations.bundled_paths_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == tmp_path / "site" / "pathcli" / "data"
    result = subprocess.run(
        [sys.executable, "-m", "pathcli", "list", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 6
    page = subprocess.run(
        [sys.executable, "-m", "pathcli", "export", "--format", "html"], cwd=elsewhere, env=env, capture_output=True
    )
    assert page.returncode == 0 and page.stdout.startswith(b"<!DOCTYPE html>"), page.stderr


def test_the_installed_command_runs_from_another_folder(tmp_path):
    command = Path(sys.executable).parent / ("pathcli.exe" if os.name == "nt" else "pathcli")
    result = subprocess.run([str(command), "next", "--json"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["number"] == 1


def test_python_dash_m_and_a_real_round_trip(tmp_path):
    assert pathcli_process("done", "3", cwd=tmp_path).returncode == 0
    result = pathcli_process("show", "3", "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["status"] == "done"
    failed = pathcli_process("done", "42", cwd=tmp_path)
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == "pathcli: no step 42: this path has steps 1-6\n"


def test_piped_output_has_no_escape_codes_and_no_color_is_honoured(tmp_path):
    for env in ({}, {"NO_COLOR": "1"}):
        for command in (["list"], ["next"], ["progress"], ["show", "1"]):
            out = pathcli_process(*command, env=env, cwd=tmp_path).stdout
            assert "\x1b" not in out and out


def test_colour_on_a_terminal(tmp_path):
    out = pathcli_process("list", env={"FORCE_COLOR": "1"}, cwd=tmp_path).stdout
    assert "\x1b[" in out
