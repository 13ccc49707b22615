"""End to end: two data folders kept in step by two real Syncthing instances on 127.0.0.1, a real conflict copy
made by working on both while they cannot reach each other, and `pathcli sync` on both ends.

Skipped, with the reason, where the syncthing command is not installed (.ci/install-syncthing installs it).
Every wait is bounded; both instances are stopped and their folders removed whatever happens."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import pathcli_process

SYNCTHING = shutil.which("syncthing")
pytestmark = [
    pytest.mark.skipif(
        SYNCTHING is None, reason="syncthing is not installed (.ci/install-syncthing installs the Debian package)"
    ),
    # Two real Syncthing instances take half a minute and depend on timing: CI runs them once, with the
    # default Python, not again for every version it tests (.ci/run sets this for the others).
    pytest.mark.skipif(
        bool(os.environ.get("PATHCLI_SKIP_SYNCTHING")), reason="run once per CI, with the default Python"
    ),
]
FOLDER_ID = "pathcli-data"
# Generous: a busy machine slows Syncthing's scans and connections, and a wait ends as soon as it is met.
WAIT_SECONDS = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(what: str, check, timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}\n" + "\n".join(map(Instance.describe, _STARTED)))
        time.sleep(0.2)


_STARTED: list["Instance"] = []  # for the message of a wait that failed


class Instance:
    """One Syncthing: its home (keys, config, database), its data folder, and its REST API."""

    def __init__(self, root: Path, name: str):
        self.name = name
        self.home = root / f"{name}-syncthing"
        self.data = root / f"{name}-data"
        self.data.mkdir()
        (self.data / ".stfolder").mkdir()  # Syncthing's marker that the folder is there
        self.env = {**os.environ, "HOME": str(self.home), "STNOUPGRADE": "1"}
        # The generated configuration has every folder option at its default (such as maxConflicts, 10, which a
        # hand-written one would leave at 0: losers deleted, not kept); configure changes only what it must.
        subprocess.run(
            [SYNCTHING, "generate", "--home", str(self.home)], check=True, capture_output=True, env=self.env, timeout=60
        )
        self.config = ElementTree.parse(self.home / "config.xml")
        self.device = self.config.find("device").get("id")
        self.api_key = self.config.find("gui/apikey").text
        self.port, self.gui_port = _free_port(), _free_port()
        self.process = None

    def configure(self, peer: "Instance") -> None:
        """Both devices on 127.0.0.1 and known to each other, one shared folder rescanned every second, and
        nothing that reaches beyond this machine (discovery, relays, NAT, usage reports, upgrades)."""
        root = self.config.getroot()
        mine = root.find("device")
        for device in (self, peer):
            element = mine if device is self else ElementTree.SubElement(root, "device", dict(mine.attrib))
            element.set("id", device.device)
            element.set("name", device.name)
            for address in element.findall("address"):
                element.remove(address)
            ElementTree.SubElement(element, "address").text = f"tcp://127.0.0.1:{device.port}"
        folder = root.find("folder")
        folder.attrib.update(id=FOLDER_ID, label="pathcli", path=str(self.data), rescanIntervalS="1")
        folder.set("fsWatcherEnabled", "false")
        for device in folder.findall("device"):
            folder.remove(device)
        for device in (self, peer):
            ElementTree.SubElement(folder, "device", {"id": device.device, "introducedBy": ""})
        root.find("gui/address").text = f"127.0.0.1:{self.gui_port}"
        options = {
            "listenAddress": f"tcp://127.0.0.1:{self.port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "startBrowser": "false",
            "reconnectionIntervalS": "1",
        }
        for key, value in options.items():
            root.find(f"options/{key}").text = value
        self.config.write(self.home / "config.xml")

    def start(self) -> None:
        # STMONITORED: the process started is Syncthing itself, not a monitor that restarts it.
        env = {**self.env, "STMONITORED": "yes"}
        self.log = open(self.home / "log.txt", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [SYNCTHING, "serve", "--home", str(self.home), "--no-browser", "--no-restart", "--no-upgrade"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        _STARTED.append(self)
        _wait_for(f"{self.name}'s REST API", lambda: self._ping())

    def describe(self) -> str:
        files = sorted(str(path.relative_to(self.data)) for path in self.data.rglob("*"))
        log = [line for line in (self.home / "log.txt").read_text().splitlines() if "migration" not in line]
        return "\n".join([f"{self.name}: {files}", *log[-12:]])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self.process is not None:
            self.log.close()

    def rest(self, method: str, path: str):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def _ping(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name}'s syncthing exited: {(self.home / 'log.txt').read_text()[-2000:]}")
        try:
            return self.rest("GET", "/rest/system/ping") == {"ping": "pong"}
        except OSError:
            return False

    def connected_to(self, peer: "Instance") -> bool:
        return bool(self.rest("GET", "/rest/system/connections")["connections"][peer.device]["connected"])

    def set_reachable(self, peer: "Instance", reachable: bool) -> None:
        self.rest("POST", f"/rest/system/{'resume' if reachable else 'pause'}?device={peer.device}")

    def scan(self) -> None:
        """Have Syncthing look at the folder now (the call returns once it has): reconnecting before it has
        seen a local change makes its puller back off for a minute ("file modified but not rescanned")."""
        self.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def pathcli(self, *args: str):
        result = pathcli_process(*args, env={"PATHCLI_DATA_DIR": str(self.data)})
        assert result.returncode == 0, result.stderr
        return result

    def progress(self) -> dict | None:
        try:
            return json.loads((self.data / "progress.json").read_text())
        except (FileNotFoundError, ValueError):  # Syncthing moving the loser aside, or writing
            return None

    def copies(self) -> list[str]:
        return sorted(name for name in os.listdir(self.data) if ".sync-conflict-" in name)


@pytest.fixture
def pair(tmp_path):
    laptop, desktop = Instance(tmp_path, "laptop"), Instance(tmp_path, "desktop")
    laptop.configure(desktop)
    desktop.configure(laptop)
    try:
        laptop.start()
        desktop.start()
        _wait_for("the two instances to connect", lambda: laptop.connected_to(desktop) and desktop.connected_to(laptop))
        yield laptop, desktop
    finally:
        laptop.stop()
        desktop.stop()
        _STARTED.clear()


def _raw(instance: Instance) -> bytes | None:
    try:
        return (instance.data / "progress.json").read_bytes()
    except FileNotFoundError:
        return None


def _listing(folder: Path) -> list[str] | None:
    try:
        return sorted(os.listdir(folder))
    except FileNotFoundError:
        return None


def _statuses(instance: Instance) -> list[str]:
    return [step["status"] for step in json.loads(instance.pathcli("list", "--json").stdout)]


def _notes(instance: Instance) -> set[str]:
    return {note["text"] for step in json.loads(instance.pathcli("notes", "--json").stdout) for note in step["notes"]}


def _work_offline_on_both(laptop: Instance, desktop: Instance, on_laptop, on_desktop) -> str:
    """Change progress on both while they cannot reach each other, reconnect, and return the conflict copy that
    Syncthing makes (of the laptop's version: the desktop's file is the newer one and is kept)."""
    # The laptop goes offline: it pauses the desktop. (Pausing on both sides works too, but when both resume at
    # once each dials the other, and one of the two connections can hang for 20 s before Syncthing drops it.)
    before = set(laptop.copies())
    laptop.set_reachable(desktop, False)
    _wait_for("the instances to part", lambda: not laptop.connected_to(desktop) and not desktop.connected_to(laptop))
    for args in on_laptop:
        laptop.pathcli(*args)
    time.sleep(1.1)
    for args in on_desktop:
        desktop.pathcli(*args)
    laptop.scan()
    desktop.scan()
    laptop.set_reachable(desktop, True)
    _wait_for("a conflict copy on both", lambda: set(laptop.copies()) - before and laptop.copies() == desktop.copies())
    _wait_for("the same progress.json on both", lambda: laptop.progress() == desktop.progress() is not None)
    (copy,) = set(laptop.copies()) - before
    time.sleep(5.2)  # a copy is merged once nothing has touched it for 5 seconds
    return copy


def test_a_real_syncthing_conflict_copy_is_merged_on_both_machines(pair):
    laptop, desktop = pair
    laptop.pathcli("done", "1")
    _wait_for("the desktop to have the laptop's file", lambda: desktop.progress() == laptop.progress() is not None)

    # One machine merges; the other receives the merged file and the copy's move.
    copy = _work_offline_on_both(
        laptop,
        desktop,
        [("done", "2"), ("note", "2", "written on the laptop")],
        [("skip", "3"), ("note", "3", "written on the desktop")],
    )
    assert "written on the laptop" in (laptop.data / copy).read_text()
    report = json.loads(laptop.pathcli("sync", "--json").stdout)
    assert [(c["name"], c["service"], c["state"]) for c in report["copies"]] == [(copy, "Syncthing", "merged")]
    _wait_for("the merge on the desktop", lambda: desktop.progress() == laptop.progress() and not desktop.copies())
    assert "No conflict copies" in desktop.pathcli("sync").stdout

    # Both machines merge the same copy at once, offline: they write the same bytes and move the copy to the
    # same name, so that Syncthing has no conflict to make of it.
    _work_offline_on_both(laptop, desktop, [("done", "4")], [("note", "4", "desktop, later")])
    laptop.set_reachable(desktop, False)
    _wait_for("the instances to part", lambda: not laptop.connected_to(desktop) and not desktop.connected_to(laptop))
    for instance in (laptop, desktop):
        assert "Merged 1 copy" in instance.pathcli("sync").stdout
        instance.scan()
    laptop.set_reachable(desktop, True)
    _wait_for("the instances to meet", lambda: laptop.connected_to(desktop) and desktop.connected_to(laptop))
    _wait_for(
        "both machines in step",
        lambda: (
            _raw(laptop) == _raw(desktop) is not None
            and _listing(laptop.data) == _listing(desktop.data)
            and _listing(laptop.data / "conflicts-merged") == _listing(desktop.data / "conflicts-merged")
        ),
    )
    time.sleep(3)  # three more rescans: no conflict copy turns up late
    for instance in (laptop, desktop):
        assert instance.copies() == []
        assert _statuses(instance)[:4] == ["done", "done", "skipped", "done"]
        assert _notes(instance) == {"written on the laptop", "written on the desktop", "desktop, later"}
        assert len(os.listdir(instance.data / "conflicts-merged")) == 2
        assert [name for name in os.listdir(instance.data) if name.endswith(".tmp")] == []
