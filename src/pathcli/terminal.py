"""What a terminal can show. Output is written in the encoding of the stream (the locale's, or
PYTHONIOENCODING); a character that encoding lacks becomes an ASCII stand-in of the same width
(✎ as *, • as *, é as e, a wide character as ??) instead of a UnicodeEncodeError."""

import codecs
import sys

ERRORS = "pathcli-stand-in"
_STAND_INS = {
    "✎": "*",
    "•": "*",
    "·": "-",
    "…": ".",
    "—": "-",
    "–": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "→": ">",
    "←": "<",
    "✓": "x",
    "✗": "x",
    "▶": ">",
    "\ufffd": "?",
}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    import unicodedata

    if not isinstance(error, UnicodeEncodeError):
        raise error
    replacement = []
    for char in error.object[error.start : error.end]:
        if char in _STAND_INS:
            replacement.append(_STAND_INS[char])
        elif unicodedata.combining(char):
            continue  # an accent over the letter before it, which has its own stand-in
        else:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            replacement.append(plain or ("??" if unicodedata.east_asian_width(char) in "WF" else "?"))
    return "".join(replacement), error.end


def use_stand_ins() -> None:
    """Make stdout and stderr write a stand-in for any character their encoding lacks (called once, by main)."""
    codecs.register_error(ERRORS, _stand_in)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS)
