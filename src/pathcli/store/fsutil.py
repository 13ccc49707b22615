"""Reading and writing the files pathcli keeps or is given.

One reader (read_file) that refuses anything but a regular file and caps its size before reading, and
one writer (atomic_write) through which a reader sees the old file or the new one, never a part of
either, that writes through a symbolic link and keeps the mode of the file it replaces."""

import contextlib
import os
import stat
from pathlib import Path

from pathcli.errors import PathcliError

TEMP_SUFFIX = ".tmp"
_MIB = 1024 * 1024
# Size caps, checked before a byte is read: far above any real file, far below what exhausts memory
# (PyYAML needs about 40 times a file's size; json about 10 times).
MAX_SOURCE_BYTES = 10 * _MIB  # path files (YAML) and Markdown
MAX_PROGRESS_BYTES = 64 * _MIB  # progress.json and the cached paths
MAX_EXPORT_BYTES = 128 * _MIB  # an export is progress.json indented


def ensure_dir(folder: Path) -> None:
    """Create folder (private to the user) and its parents, unless there."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise PathcliError(f"cannot use {folder} as a folder: a file of that name is in the way") from None
    except NotADirectoryError:
        raise PathcliError(f"cannot create {folder}: part of that path is a file, not a folder") from None
    except OSError as error:
        raise PathcliError(f"cannot create {folder}: {error.strerror}") from None


def read_file(file: Path, limit: int, missing_ok: bool = False) -> bytes | None:
    """A regular file's bytes, at most limit of them; None for a missing file when missing_ok.
    Folders, devices, FIFOs and sockets are refused before reading: opened without blocking, a FIFO
    cannot hang the command, nor /dev/zero fill the memory."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(file, flags)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise PathcliError(f"no such file: {file}") from None
    except NotADirectoryError:
        raise PathcliError(f"cannot read {file}: {file.parent} is not a folder") from None
    except IsADirectoryError:
        raise PathcliError(f"cannot read {file}: it is a folder, not a file") from None
    except OSError as error:
        raise PathcliError(f"cannot read {file}: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(file, info.st_mode, "read")
        chunks = []
        size = 0
        while size <= limit:  # the file may grow after fstat: read on, never more than the cap
            wanted = min(info.st_size, limit) + 1 if not chunks else min(limit + 1 - size, 1 << 20)
            chunk = os.read(fd, wanted)  # os.read allocates what it is asked for: never the whole cap
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise PathcliError(f"cannot read {file}: {error.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise PathcliError(f"cannot read {file}: it is larger than {limit // _MIB} MiB, more than pathcli reads")
    return data


def _refuse_unless_regular(file: Path, mode: int, verb: str) -> None:
    if stat.S_ISDIR(mode):
        raise PathcliError(f"cannot {verb} {file}: it is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise PathcliError(f"cannot {verb} {file}: it is not a regular file (a device, FIFO or socket)")


def decode_utf8(raw: bytes, source: str) -> str:
    """Text of a file; anything but UTF-8 is one clear line naming the first bad byte. A leading byte
    order mark (which some Windows editors write) is dropped."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PathcliError(f"{source}: not UTF-8 text (byte {error.start})") from None


def temp_name(target: Path) -> str:
    """The prefix of the temporary files written beside target (cleaned up by stale_temp_files). Sync
    services must not carry them to other machines: Syncthing never syncs names that begin `~syncthing~`
    (its own temporary files), Dropbox names that begin with `~` and end in `.tmp`, Nextcloud and ownCloud
    names that hold `.~`; and no pattern of a conflict copy (pathcli.store.conflicts) ends in `.tmp`."""
    return f"~syncthing~{target.name}.~"


def stale_temp_files(target: Path) -> list[Path]:
    target = written_file(target)
    prefix = temp_name(target)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [target.parent / name for name in names if name.startswith(prefix) and name.endswith(TEMP_SUFFIX)]


STALE_TEMP_SECONDS = 600  # a temporary file this old is from a killed run: a live write takes milliseconds


def sweep_temp_files(folder: Path, now: float) -> None:
    """Remove the temporary files atomic_write left in folder (a cache folder, which has no lock) when a
    run was killed: those older than STALE_TEMP_SECONDS, so that another pathcli's write in progress stays."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):  # the names of earlier versions
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
        elif entry.name.startswith("~syncthing~") and ".~" in entry.name and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > (
                    STALE_TEMP_SECONDS
                ):
                    os.unlink(entry.path)


def written_file(target: Path) -> Path:
    """The file a write to target changes: the end of the chain when target is a symbolic link
    (a progress.json linked into a dotfiles or synced folder keeps receiving the writes)."""
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def atomic_write(target: Path, data: bytes, create_folder: bool = True, limit: int | None = None) -> None:
    """Write data to target through a uniquely named temporary file in the same folder: fsync,
    os.replace, then fsync the folder so that the rename itself survives a crash.

    A symbolic link is written through; an existing file keeps its permissions, a new one is private
    (0600). Anything but a regular file at target is refused. Without create_folder, a missing folder is
    an error rather than created. Data above limit (the cap read_file reads it back with) is refused
    rather than written as a file that no later command could read."""
    if limit is not None and len(data) > limit:
        raise PathcliError(
            f"cannot write {target}: it would be larger than {limit // _MIB} MiB, more than pathcli reads back;"
            " nothing was changed"
        )
    target = written_file(target)
    if create_folder:
        ensure_dir(target.parent)
    elif not target.parent.is_dir():
        raise PathcliError(f"cannot write {target}: there is no folder {target.parent}")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise PathcliError(f"cannot write {target}: {error.strerror}") from None
    if mode is not None:
        _refuse_unless_regular(target, mode, "write")
    temp = target.parent / f"{temp_name(target)}{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(mode))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise PathcliError(f"cannot write {target}: {error.strerror}") from None
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
