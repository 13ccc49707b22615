"""Where pathcli's files live. Nothing here creates a folder: writers do that when they write."""

import os
from pathlib import Path

DATA_DIR_VARIABLE = "PATHCLI_DATA_DIR"
_PACKAGE_DIR = Path(__file__).parent


def data_dir() -> Path:
    """The user's data folder: $PATHCLI_DATA_DIR if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path("pathcli", appauthor=False)


def cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("pathcli", appauthor=False)


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
