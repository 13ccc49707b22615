"""Running the user's editor on a text, as git commit does: $VISUAL, else $EDITOR, else vi."""

import os


def edit(text: str, environ: dict | None = None) -> str:
    """The text after the user edited it in their editor; a PathcliError when the editor cannot run or fails."""
    import shlex
    import subprocess
    import tempfile

    from pathcli.errors import PathcliError

    environ = os.environ if environ is None else environ
    command = environ.get("VISUAL") or environ.get("EDITOR") or "vi"
    handle, name = tempfile.mkstemp(prefix="pathcli-note-", suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            finished = subprocess.run([*shlex.split(command), name], check=False)
        except (OSError, ValueError) as error:
            raise PathcliError(f"cannot start the editor {command!r}: {error}") from None
        if finished.returncode != 0:
            raise PathcliError(f"the editor {command!r} exited with code {finished.returncode}: nothing saved")
        with open(name, encoding="utf-8", errors="replace") as file:
            return file.read()
    finally:
        os.unlink(name)
