"""Turn whatever a visitor types into something safe to show back and to search with."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_PARAMETER_LENGTH = 80
SLUG_RE = re.compile(r"^[-\w]+$")


def clean_query(raw) -> str:
    """What the visitor asked for, fit to show back to them: printable, trimmed, bounded.

    Control characters (NUL included), format characters and odd spaces become plain spaces,
    so nothing a database or a browser trips over is kept.
    """
    if not isinstance(raw, str):
        return ""
    raw = raw[: MAX_QUERY_LENGTH * 4]
    printable = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in raw
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def clean_choice(raw) -> str:
    """A filter value (`type`, `theme`): a short slug, or "" for anything else."""
    if not isinstance(raw, str):
        return ""
    value = raw.strip()
    if not value or len(value) > MAX_PARAMETER_LENGTH or not SLUG_RE.match(value):
        return ""
    return value
