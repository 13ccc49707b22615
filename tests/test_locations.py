"""pathcli finds its folders where platformdirs puts them, whichever way it computes them."""

import sys

import platformdirs
import pytest

from pathcli.store import locations


@pytest.mark.parametrize("xdg", [None, "", "/srv/xdg", "relative/xdg", "~/tilde"])
def test_the_data_and_cache_folders_are_platformdirs_own(monkeypatch, tmp_path, xdg):
    monkeypatch.delenv("PATHCLI_DATA_DIR")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert locations.data_dir() == platformdirs.user_data_path("pathcli", appauthor=False)
    assert locations.cache_dir() == platformdirs.user_cache_path("pathcli", appauthor=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is written out on Linux only")
def test_finding_the_folders_does_not_import_platformdirs(monkeypatch):
    monkeypatch.delenv("PATHCLI_DATA_DIR")
    monkeypatch.delitem(sys.modules, "platformdirs")
    locations.data_dir(), locations.cache_dir()
    assert "platformdirs" not in sys.modules
