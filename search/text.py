"""Words and stems: how a page's text and a visitor's query are made comparable, per language.

Wagtail's SQLite backend does not stem and its PostgreSQL backend stems every language with one
configuration, so we stem ourselves: the same Snowball stemmer for a page's language at index
time and for the query at search time. Dutch uses the classic Porter-based Dutch stemmer (the one
PostgreSQL's `dutch` configuration uses): it joins `eenzaam`, `eenzame` and `eenzaamheid`, which
Snowball 3's newer Dutch algorithm keeps apart.

A query stem matches a stored stem when they are equal, or, for stems of at least
`PREFIX_MIN_LENGTH` characters, when the stored stem starts with it (`lone` finds `lonesom`).
The database finds a stem by exact keys (`search.models.SearchTerm`): a stored stem is filed under
itself and under each of its beginnings that a prefix match could ask for (`index_keys`), so that
every query stem is one index lookup.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

STEMMER_ALGORITHMS = {"nl": "dutch_porter", "en": "english"}
PREFIX_MIN_LENGTH = 4
# Longer stems are filed under their first MAX_KEY_LENGTH characters (a query is at most 200).
MAX_KEY_LENGTH = 255
MAX_QUERY_STEMS = 8
WORD_RE = re.compile(r"\w+", re.UNICODE)

# Words too common to narrow a search. Only dropped from a query that has other words left.
STOPWORDS = {
    "nl": set(
        """aan al als bij dat de den der des die dit door een en er het hij hoe ik in is je maar
        met na naar niet of om ook op over te tot uit van voor wat wie wij ze zij zich zo""".split()
    ),
    "en": set(
        """a about an and are as at be but by for from how i in into is it its of on or that the
        their this to was we what when where which who why with you""".split()
    ),
}

_local = threading.local()


def _stemmer(language: str):
    """One stemmer per thread and language: a Snowball stemmer object keeps state per call."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    algorithm = STEMMER_ALGORITHMS.get(language, STEMMER_ALGORITHMS["nl"])
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm]


def fold(word: str) -> str:
    """Lower case without accents (`ideeën` and `ideeen` are one word to a searcher)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The comparable form of one word in a language (a pure function: memoized, since the
    excerpts of a results page stem the same words hundreds of times)."""
    stemmer = _stemmer(language)
    result = stemmer.stemWord(fold(word))
    if language == "en" and result.endswith("li"):
        # Porter2 turns `loneliness` into `loneli` but `lonely` into `lone`: the final "li" came
        # from "ly", so stemming that form once more joins the two.
        result = stemmer.stemWord(result[:-1] + "y")
    return result


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def stem_list(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in words(text)]


def stem_set(*texts: str, language: str) -> set[str]:
    """The distinct stems of some texts."""
    stems = set()
    for text in texts:
        stems.update(stem_list(text, language))
    stems.discard("")
    return stems


def stored_stems(*texts: str, language: str) -> str:
    """The distinct stems of some texts between spaces (a transcript line keeps its own)."""
    stems = stem_set(*texts, language=language)
    return " " + " ".join(sorted(stems)) + " " if stems else ""


def query_stems(query: str, language: str) -> list[str]:
    """The distinct stems a query asks for, without stop words where others are left."""
    found = words(query)
    stopwords = STOPWORDS.get(language, set())
    meaningful = [word for word in found if fold(word) not in stopwords]
    stems = []
    for word in meaningful or found:
        value = stem(word, language)
        if value and value not in stems:
            stems.append(value)
    return stems[:MAX_QUERY_STEMS]


def stem_matches(stored: str, wanted: str) -> bool:
    """Whether a stored stem answers a query stem (the rule the database query applies)."""
    if len(wanted) >= PREFIX_MIN_LENGTH:
        return stored.startswith(wanted)
    return stored == wanted


def index_keys(stored: str) -> list[str]:
    """The keys a stored stem is filed under: the query stems that match it (`stem_matches`).

    That is the stem itself, and each beginning of it long enough for a prefix match
    (`lonesom` under `lone`, `lones` and `loneso` too).
    """
    stored = stored[:MAX_KEY_LENGTH]
    return [stored[:length] for length in range(PREFIX_MIN_LENGTH, len(stored))] + [stored]


def lookup_key(wanted: str) -> str:
    """The key a query stem is looked up under (see `index_keys`)."""
    return wanted[:MAX_KEY_LENGTH]


def normalized_query(query: str, language: str) -> str:
    """One form per query, for promotions and the report: its stems, sorted, between spaces.

    `Eenzame studenten` and `student eenzaamheid` are the same query to an editor.
    """
    return " ".join(sorted(query_stems(query, language)))
