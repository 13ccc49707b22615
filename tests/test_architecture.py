"""The layout keeps its promises: the import contracts of pyproject.toml hold (import-linter), a deliberate
upward import breaks them, no module grows past 500 lines, and few modules stand outside the packages."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "pathcli"


def _lint_imports(config: Path, source_root: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(lint), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=source_root,
        env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"},
    )


def test_the_import_contracts_hold():
    result = _lint_imports(ROOT / "pyproject.toml", ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import", "contract"),
    [
        ("domain/model.py", "from pathcli.cli import app", "Layers"),
        ("store/storage.py", "from pathcli.views import output", "Layers"),
        ("links/linkcache.py", "from pathcli.importing import stepids", "Layers"),
        ("domain/search.py", "import os", "The domain is plain Python"),
        ("store/document.py", "from pathcli.store import storage", "No cycle"),
    ],
)
def test_a_deliberate_upward_import_breaks_a_contract(tmp_path, module, upward_import, contract):
    copy = tmp_path / "src"
    shutil.copytree(SOURCE, copy / "pathcli", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "pathcli" / module
    target.write_text(target.read_text() + f"\n\ndef _upward():\n    {upward_import}\n")
    result = _lint_imports(ROOT / "pyproject.toml", copy)
    assert result.returncode == 1, result.stdout
    verdicts = re.findall(r"(\S[^\n]*?(?:\n[^\n]*?)??) (KEPT|BROKEN)\n", result.stdout.split("Contracts\n")[-1])
    assert (contract, "BROKEN") in [(" ".join(name.split())[: len(contract)], verdict) for name, verdict in verdicts]


def test_no_module_is_longer_than_500_lines_and_few_stand_outside_the_packages():
    lengths = {path.relative_to(SOURCE): len(path.read_text().splitlines()) for path in SOURCE.rglob("*.py")}
    assert {path: length for path, length in lengths.items() if length > 500} == {}
    assert len([path for path in lengths if len(path.parts) == 1]) <= 12
    for package in (path for path in SOURCE.iterdir() if (path / "__init__.py").exists()):
        docstring = (package / "__init__.py").read_text()
        assert docstring.startswith('"""') and "import" in docstring, f"{package.name} says what it may import"


def test_every_package_stands_in_the_layers_and_only_the_command_line_may_use_typer():
    """A new package outside the contracts would be checked by none of them."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer; the other Pythons run the same files

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layers = next(contract for contract in contracts if contract["type"] == "layers")["layers"]
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {f"pathcli.{path.parent.name}" for path in SOURCE.glob("*/__init__.py")}
    modules = {f"pathcli.{path.stem}" for path in SOURCE.glob("*.py") if path.stem not in ("__init__", "__main__")}
    assert packages | modules == layered
    typer = next(contract for contract in contracts if contract.get("forbidden_modules") == ["typer", "click"])
    assert set(typer["source_modules"]) == layered - {"pathcli.cli"}
