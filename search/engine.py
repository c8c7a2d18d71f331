"""Find search documents for a query in one language, with facets, excerpts and transcript hits.

Every query is a plain ORM query on stems (`LIKE '% stem%'` on the stored stem lists), which
SQLite and PostgreSQL run alike, and which no input can turn into syntax: the stems are made of
word characters only and Django escapes `%` and `_`.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from kennisclips.video import display_duration, hash_timecode
from search.indexing import SEARCH_TYPES_BY_KEY
from search.models import SearchDocument, SearchDocumentTheme
from search.text import WORD_RE, like_fragment, query_stems, stem, stem_matches

TITLE_WEIGHT = 10
BODY_WEIGHT = 1
EXCERPT_WORDS = 32
EXCERPT_LEAD = 8
TRANSCRIPT_HITS = 3
SPACES = re.compile(r"\s+")


def visible_pages():
    """Live pages outside private sections (the restrictions are read once, here)."""
    return Page.objects.live().public().values("pk")


def matching_documents(
    stems: list[str], language: str, visible, *, type_key=None, theme_key=None
) -> QuerySet:
    """Documents of a language holding every stem, best first: title hits above body hits.

    Without stems, every document of the language (browsing a type or theme), newest first.
    """
    documents = SearchDocument.objects.filter(language_code=language, page__in=visible)
    score = Value(0, output_field=IntegerField())
    for wanted in stems:
        fragment = like_fragment(wanted)
        in_title = Q(title_stems__contains=fragment)
        in_body = Q(body_stems__contains=fragment)
        documents = documents.filter(in_title | in_body)
        score = (
            score
            + Case(When(in_title, then=Value(TITLE_WEIGHT)), default=Value(0))
            + Case(When(in_body, then=Value(BODY_WEIGHT)), default=Value(0))
        )
    if type_key is not None:
        documents = documents.filter(page_type=type_key)
    if theme_key is not None:
        documents = documents.filter(themes__translation_key=theme_key)
    return documents.annotate(score=score).order_by("-score", "-date", "title", "pk")


def type_counts(documents: QuerySet) -> dict[str, int]:
    rows = documents.order_by().values("page_type").annotate(count=Count("pk"))
    return {row["page_type"]: row["count"] for row in rows}


def theme_counts(documents: QuerySet) -> dict:
    rows = (
        SearchDocumentTheme.objects.filter(document__in=documents.order_by().values("pk"))
        .values("translation_key")
        .annotate(count=Count("document_id", distinct=True))
    )
    return {row["translation_key"]: row["count"] for row in rows}


# Excerpts


def _word_matches(word: str, stems: list[str], language: str) -> bool:
    word_stem = stem(word, language)
    return bool(word_stem) and any(stem_matches(word_stem, wanted) for wanted in stems)


def highlight(text: str, stems: list[str], language: str) -> SafeString:
    """The text escaped, with each word that answers the query inside <mark>."""
    parts = []
    position = 0
    for match in WORD_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = escape(match.group())
        if _word_matches(match.group(), stems, language):
            word = f"<mark>{word}</mark>"
        parts.append(word)
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, stems: list[str], language: str, *, require_match=False):
    """About EXCERPT_WORDS words of the text around its first match, highlighted.

    None when `require_match` and nothing in the text matches.
    """
    text = SPACES.sub(" ", text or "").strip()
    found = list(WORD_RE.finditer(text))
    if not found:
        return None if require_match else highlight(text, stems, language)
    first = next(
        (i for i, match in enumerate(found) if _word_matches(match.group(), stems, language)),
        None,
    )
    if first is None and require_match:
        return None
    start_word = max(0, (first or 0) - EXCERPT_LEAD)
    end_word = min(len(found), start_word + EXCERPT_WORDS)
    start = 0 if start_word == 0 else found[start_word].start()
    end = len(text) if end_word == len(found) else found[end_word - 1].end()
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
    """Results for a page of documents: one query for all their pages' addresses."""
    documents = list(documents)
    pages = Page.objects.filter(pk__in=[d.page_id for d in documents]).only(
        "pk", "url_path", "locale_id", "depth", "path"
    )
    urls = {page.pk: page.get_url(request) for page in pages}
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
