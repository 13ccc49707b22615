"""Where pathcli's files live. Nothing here creates a folder: writers do that when they write."""

import os
import sys
from pathlib import Path

DATA_DIR_VARIABLE = "PATHCLI_DATA_DIR"
_PACKAGE_DIR = Path(__file__).parent.parent  # src/pathcli


def data_dir() -> Path:
    """The user's data folder: $PATHCLI_DATA_DIR if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return _user_folder("XDG_DATA_HOME", "~/.local/share", "user_data_path")


def cache_dir() -> Path:
    return _user_folder("XDG_CACHE_HOME", "~/.cache", "user_cache_path")


def _user_folder(xdg_variable: str, xdg_default: str, platformdirs_function: str) -> Path:
    """pathcli's folder of a kind, as platformdirs places it. On Linux that is the XDG rule (an absolute
    $XDG_..._HOME, else the default under the home folder), written out here because importing platformdirs
    costs about 4 ms, 5% of a command; tests/test_locations.py checks that both agree."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(xdg_variable, "")
        return Path(base if os.path.isabs(base) else os.path.expanduser(xdg_default)) / "pathcli"
    import platformdirs

    return getattr(platformdirs, platformdirs_function)("pathcli", appauthor=False)


def progress_file() -> Path:
    return data_dir() / "progress.json"


def user_paths_dir() -> Path:
    return data_dir() / "paths"


def bundled_paths_dir() -> Path:
    """The paths shipped with pathcli: inside the wheel, or the repository's data/ for a source checkout
    (an editable install does not see the wheel's force-included files)."""
    packaged = _PACKAGE_DIR / "data"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent.parent / "data"
