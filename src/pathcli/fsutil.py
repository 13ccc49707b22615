"""Durable file replacement: a reader sees the old file or the new one, never a part of either."""

import contextlib
import os
from pathlib import Path

from pathcli.errors import PathcliError

TEMP_SUFFIX = ".tmp"


def ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PathcliError(f"cannot use {folder} as a folder: a file of that name is in the way") from None
    except NotADirectoryError:
        raise PathcliError(f"cannot create {folder}: part of that path is a file, not a folder") from None
    except OSError as error:
        raise PathcliError(f"cannot create {folder}: {error.strerror}") from None


def read_bytes(file: Path, missing_ok: bool = False) -> bytes | None:
    """A file's bytes; None for a missing file when missing_ok, else any failure as one clear line."""
    try:
        return file.read_bytes()
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


def decode_utf8(raw: bytes, source: str) -> str:
    """Text of a file the user gave; anything but UTF-8 is one clear line naming the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PathcliError(f"{source}: not UTF-8 text (byte {error.start})") from None


def temp_name(target: Path) -> str:
    """The prefix of the temporary files written beside target (cleaned up by stale_temp_files)."""
    return f".{target.name}."


def stale_temp_files(target: Path) -> list[Path]:
    prefix = temp_name(target)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [target.parent / name for name in names if name.startswith(prefix) and name.endswith(TEMP_SUFFIX)]


def atomic_write(target: Path, data: bytes) -> None:
    """Write data to target through a uniquely named temporary file in the same folder:
    fsync, os.replace, then fsync the folder so that the rename itself survives a crash."""
    ensure_dir(target.parent)
    temp = target.parent / f"{temp_name(target)}{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
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
