"""Find search documents for a query in one language, with facets, excerpts and transcript hits.

Every query is a plain ORM query on the terms (`search.models.SearchTerm`), which SQLite and
PostgreSQL run alike, and which no input can turn into syntax: a query stem is only ever a
parameter compared for equality. A search reads the index range of each of its stems: for one
stem already in result order, so that the shown page stops after its ten rows, and the counts
per type and theme come from one grouped read of that range.
"""

import functools
import hashlib
import html
import operator
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from home.page_urls import page_url
from kennisclips.video import display_duration, hash_timecode
from pagecache.restrictions import restricted_sections
from search.indexing import ALL_DOCUMENTS, SEARCH_TYPES_BY_KEY
from search.models import ALL_THEMES, SearchDocument, SearchFacetLabel, SearchTerm
from search.text import WORD_RE, lookup_key, query_stems, stem, stem_matches

EXCERPT_WORDS = 32
EXCERPT_LEAD = 8
TRANSCRIPT_HITS = 3
SPACES = re.compile(r"\s+")


# Matching


@dataclass(frozen=True)
class Visibility:
    """What visitors may find: live pages outside private sections.

    A document exists only while its page is live, so only the private sections need a filter
    (what Wagtail's `public()` excludes: each restricted page and the pages below it).
    """

    private_paths: tuple[str, ...]

    @classmethod
    def current(cls) -> "Visibility":
        """From the restrictions memoized for the content generation (no query)."""
        return cls(tuple(sorted({path for path, _depth in restricted_sections()})))

    def _private(self, prefix="") -> Q:
        return functools.reduce(
            operator.or_, (Q(**{f"{prefix}path__startswith": path}) for path in self.private_paths)
        )

    def page_filter(self, prefix="") -> Q:
        """Visible pages, as a filter on a page relation (`prefix="page__"`)."""
        visible = Q(**{f"{prefix}live": True})
        if self.private_paths:
            visible &= ~self._private(prefix)
        return visible

    def hidden_documents(self) -> QuerySet | None:
        """The documents in private sections, as a subquery (None without private sections)."""
        if not self.private_paths:
            return None
        return SearchDocument.objects.filter(
            page__in=Page.objects.filter(self._private()).values("pk")
        ).values("pk")


def matching_terms(stems: list[str], language: str, visibility: Visibility) -> QuerySet:
    """One term per visible document of a language holding every stem, with its `score`:
    title hits above body hits. Without stems: every document of the language, score 0.

    The longest stem (usually the rarest) leads; each further stem is one index lookup per
    document, that also gives its weight.
    """
    keys = sorted((lookup_key(wanted) for wanted in stems), key=len, reverse=True)
    first, *others = keys or [ALL_DOCUMENTS]
    terms = SearchTerm.objects.filter(language_code=language, stem=first)
    score = F("weight")
    for number, key in enumerate(others):
        name = f"weight_{number}"
        weight = SearchTerm.objects.filter(
            language_code=language, stem=key, document_id=OuterRef("document_id")
        ).values("weight")
        terms = terms.alias(**{name: Subquery(weight)}).filter(**{f"{name}__isnull": False})
        score = score + F(name)
    hidden = visibility.hidden_documents()
    if hidden is not None:
        terms = terms.exclude(document_id__in=hidden)
    return terms.alias(score=score)


def facet_filter(type_key=None, theme_key=None) -> Q:
    """Terms of documents of a type (`clip`) and with a theme (its translation key)."""
    if type_key is None and theme_key is None:
        return Q()
    labels = SearchFacetLabel.objects.filter(
        theme_key=ALL_THEMES if theme_key is None else uuid.UUID(str(theme_key)).hex
    )
    if type_key is not None:
        labels = labels.filter(page_type=type_key)
    return Q(facet__in=labels.values("facet_id"))


def ranked(terms: QuerySet) -> QuerySet:
    """Terms in result order (best, newest first), each with its document."""
    return terms.select_related("document").order_by(
        F("score").desc(), F("date").desc(), "document__title", "document_id"
    )


class RankedDocuments:
    """The documents of some terms in result order, as a paginator reads them: the count is
    known beforehand, and only the shown slice is read."""

    def __init__(self, terms: QuerySet, count: int):
        self.terms = ranked(terms)
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list[SearchDocument]:
        return [term.document for term in self.terms[index]]


@dataclass(frozen=True)
class FacetCounts:
    """How many documents of a result set there are per type, and per type and theme."""

    per_type: dict[str, int]
    per_type_and_theme: dict[tuple[str, str], int]  # (type, theme's hex translation key)

    @classmethod
    def of(cls, terms: QuerySet) -> "FacetCounts":
        """One query: the terms counted per facet, then summed per label of the facets.

        The label join is written out because the ORM joins only tables, not a grouped
        query; the grouped query itself is the ORM's, with its parameters.
        """
        grouped = terms.order_by().values_list("facet_id").annotate(count=Count("*"))
        sql, params = grouped.query.sql_with_params()
        connection = connections[terms.db]
        quote = connection.ops.quote_name
        query = (  # noqa: S608 - names from the models, values as parameters
            "SELECT label.{page_type}, label.{theme_key}, SUM(grouped.{count}) "
            "FROM ({sql}) grouped INNER JOIN {labels} label "
            "ON label.{facet_id} = grouped.{facet_id} "
            "GROUP BY label.{page_type}, label.{theme_key}"
        ).format(
            sql=sql,
            labels=quote(SearchFacetLabel._meta.db_table),
            page_type=quote("page_type"),
            theme_key=quote("theme_key"),
            count=quote("count"),
            facet_id=quote("facet_id"),
        )
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        per_type, per_type_and_theme = {}, {}
        for page_type, theme_key, count in rows:
            if theme_key == ALL_THEMES:
                per_type[page_type] = int(count)
            else:
                per_type_and_theme[(page_type, theme_key)] = int(count)
        return cls(per_type, per_type_and_theme)

    def by_type(self, theme_key=None) -> dict[str, int]:
        """Documents per type (with a theme, if given)."""
        if theme_key is None:
            return dict(self.per_type)
        theme = uuid.UUID(str(theme_key)).hex
        return {
            page_type: count
            for (page_type, key), count in self.per_type_and_theme.items()
            if key == theme
        }

    def by_theme(self, type_key=None) -> dict[uuid.UUID, int]:
        """Documents per theme translation key (of a type, if given)."""
        counts = {}
        for (page_type, theme), count in self.per_type_and_theme.items():
            if type_key is None or page_type == type_key:
                counts[theme] = counts.get(theme, 0) + count
        return {uuid.UUID(theme): count for theme, count in counts.items()}

    def total(self, type_key=None, theme_key=None) -> int:
        counts = self.by_type(theme_key)
        return sum(counts.values()) if type_key is None else counts.get(type_key, 0)


# The per-process cache of facet counts (website/settings/base.py), filed under the content
# generation: a count is never served after a change to the pages it counts.
FACET_COUNTS_CACHE = "search_facets"


def facet_counts(stems: list[str], language: str, visibility: Visibility) -> FacetCounts:
    """The counts per type and theme of a search, read once per content generation.

    The counts do not depend on the type or theme filter, nor on the page of results, so the
    visitor who pages through a search or narrows it by type or theme reuses them. Counting a
    common word reads its whole index range (11,000 entries in the bench data set: 4 to 5 ms).
    """
    if FACET_COUNTS_CACHE not in settings.CACHES:
        return FacetCounts.of(matching_terms(stems, language, visibility))
    search = repr((language, sorted(set(stems)), visibility.private_paths))
    key = hashlib.sha256(search.encode()).hexdigest()
    cache = caches[FACET_COUNTS_CACHE]
    counts = cache.get(key)
    if counts is None:
        counts = FacetCounts.of(matching_terms(stems, language, visibility))
        cache.set(key, counts)
    return counts


# Excerpts


@functools.lru_cache(maxsize=100_000)
def _word_matches(word: str, stems: tuple[str, ...], language: str) -> bool:
    """Whether a word answers the query (pure: memoized, the words of excerpts repeat)."""
    word_stem = stem(word, language)
    return bool(word_stem) and any(stem_matches(word_stem, wanted) for wanted in stems)


def highlight(text: str, stems: list[str], language: str) -> SafeString:
    """The text escaped, with each word that answers the query inside <mark>."""
    stems = tuple(stems)
    parts = []
    position = 0
    for match in WORD_RE.finditer(text):
        if _word_matches(match.group(), stems, language):
            # Escaping is per character: the stretch before the word escapes in one go.
            parts.append(html.escape(text[position : match.start()]))
            parts.append(f"<mark>{html.escape(match.group())}</mark>")
            position = match.end()
    parts.append(html.escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, stems: list[str], language: str, *, require_match=False):
    """About EXCERPT_WORDS words of the text around its first match, highlighted.

    None when `require_match` and nothing in the text matches. Reads the words of the text only
    as far as the excerpt reaches (a body can be long).
    """
    text = SPACES.sub(" ", text or "").strip()
    wanted = tuple(stems)
    words = WORD_RE.finditer(text)
    found = []
    first = None
    for match in words:
        found.append(match)
        if _word_matches(match.group(), wanted, language):
            first = len(found) - 1
            break
    if not found:
        return None if require_match else highlight(text, stems, language)
    if first is None and require_match:
        return None
    start_word = max(0, (first or 0) - EXCERPT_LEAD)
    last_word = start_word + EXCERPT_WORDS
    # One word past the excerpt tells whether the text goes on.
    while len(found) <= last_word and (match := next(words, None)) is not None:
        found.append(match)
    start = 0 if start_word == 0 else found[start_word].start()
    end = len(text) if len(found) <= last_word else found[last_word - 1].end()
    piece = highlight(text[start:end], stems, language)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308 - piece is escaped


@dataclass
class TranscriptHit:
    seconds: int
    speaker: str
    text: SafeString
    url: str

    @property
    def display_time(self) -> str:
        return display_duration(self.seconds)


@dataclass
class Result:
    document: SearchDocument
    url: str
    title: SafeString
    excerpt: SafeString | None
    transcript_hits: list[TranscriptHit] = field(default_factory=list)
    # Set on results an editor promoted (search.models.SearchPromotion), shown as the excerpt.
    promotion_description: str = ""

    @property
    def language(self) -> str:
        return self.document.language_code

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def type_label(self) -> str:
        search_type = SEARCH_TYPES_BY_KEY.get(self.document.page_type)
        return search_type.label if search_type else ""


def transcript_hits(document, stems: list[str], url: str) -> list[TranscriptHit]:
    """The transcript lines that answer the query, most matched words first."""
    language = document.language_code
    scored = []
    for segment in document.transcript or []:
        stored = (segment.get("stems") or "").split()
        matched = sum(1 for wanted in stems if any(stem_matches(s, wanted) for s in stored))
        if matched:
            scored.append((-matched, segment.get("seconds", 0), segment))
    scored.sort(key=lambda item: (item[0], item[1]))
    hits = []
    for _matched, seconds, segment in scored[:TRANSCRIPT_HITS]:
        hits.append(
            TranscriptHit(
                seconds=seconds,
                speaker=segment.get("speaker", ""),
                text=excerpt(segment.get("text", ""), stems, language),
                url=f"{url}#t={hash_timecode(seconds)}",
            )
        )
    return sorted(hits, key=lambda hit: hit.seconds)


def build_results(documents, stems_by_language: dict, request) -> list[Result]:
    """Results for a page of documents: one query for all their pages' addresses.

    Only live pages: a document left behind by a page unpublished without Wagtail's signals
    (a bulk update) is never shown before a rebuild drops it.
    """
    documents = list(documents)
    pages = (
        Page.objects.live()
        .filter(pk__in=[d.page_id for d in documents])
        .only("pk", "url_path", "locale_id", "depth", "path")
    )
    urls = {page.pk: page_url(page, request) for page in pages}
    results = []
    for document in documents:
        url = urls.get(document.page_id)
        if not url:
            continue
        stems = stems_by_language[document.language_code]
        body_excerpt = excerpt(document.summary, stems, document.language_code, require_match=True)
        if body_excerpt is None:
            body_excerpt = excerpt(
                document.body_text, stems, document.language_code, require_match=True
            )
        hits = transcript_hits(document, stems, url) if document.transcript else []
        if body_excerpt is None:
            body_excerpt = excerpt(document.summary, stems, document.language_code)
        results.append(
            Result(
                document=document,
                url=url,
                title=highlight(document.title, stems, document.language_code),
                excerpt=body_excerpt,
                transcript_hits=hits,
            )
        )
    return results


def stems_for(query: str, languages) -> dict[str, list[str]]:
    return {language: query_stems(query, language) for language in languages}
