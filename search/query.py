"""Turn whatever a visitor types into a query the search backend cannot choke on."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> str:
    """What the visitor asked for, fit to show back to them: printable, trimmed, bounded."""
    printable = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in raw
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> str:
    """Plain lower-case words only.

    The database backend passes its input to SQLite FTS5 or PostgreSQL tsquery, whose syntax
    (quotes, operators, `AND`/`OR`/`NOT`/`NEAR`, prefixes) crashes or changes the search; plain
    words, lower-cased and bounded in number, mean the same thing and are always safe.
    """
    return " ".join(WORD.findall(query.lower())[:MAX_TERMS])
