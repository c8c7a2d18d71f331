"""Turn a live page into its SearchDocument, and keep the documents in sync with the pages."""

import logging
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from kennisclips.video import timecode_seconds
from search.models import (
    SearchDocument,
    SearchDocumentTheme,
    SearchFacet,
    SearchFacetLabel,
    SearchTerm,
)
from search.text import index_keys, stem_set, stored_stems

logger = logging.getLogger(__name__)

# A query word in the title ranks a document above any number of body hits.
TITLE_WEIGHT = 10
BODY_WEIGHT = 1
# The key every document is filed under (no query stem is empty), for browsing without words.
ALL_DOCUMENTS = ""
TERM_COLUMNS = ["document", "language_code", "stem", "weight", "date", "facet"]


@dataclass(frozen=True)
class SearchType:
    """A page type that search offers, under the key visitors filter on (`?type=clip`)."""

    key: str
    model_label: str
    label: str
    plural_label: str
    date_field: str
    summary_field: str
    transcript_field: str | None = None

    @cached_property
    def model(self):
        return apps.get_model(self.model_label)


SEARCH_TYPES = (
    SearchType(
        "clip",
        "kennisclips.KennisclipPage",
        pgettext_lazy("search result type", "Knowledge clip"),
        pgettext_lazy("search result type", "Knowledge clips"),
        "publication_date",
        "description",
        transcript_field="transcript",
    ),
    SearchType(
        "post",
        "blog.BlogPostPage",
        pgettext_lazy("search result type", "Blog post"),
        pgettext_lazy("search result type", "Blog posts"),
        "date",
        "intro",
    ),
    SearchType(
        "study",
        "studies.StudyPage",
        pgettext_lazy("search result type", "Study"),
        pgettext_lazy("search result type", "Studies"),
        "date",
        "summary",
    ),
)
SEARCH_TYPES_BY_KEY = {search_type.key: search_type for search_type in SEARCH_TYPES}


def search_type_for(page) -> SearchType | None:
    for search_type in SEARCH_TYPES:
        if isinstance(page, search_type.model):
            return search_type
    return None


# Text extraction


def _field_text(obj, field_name: str) -> list[str]:
    """The plain text of one field: StreamFields and rich text without their markup."""
    try:
        field = obj._meta.get_field(field_name)
    except FieldDoesNotExist:  # a search field may name a method or property
        field = None
    value = getattr(obj, field_name, None)
    if callable(value):
        value = value()
    if value is None:
        return []
    if isinstance(field, StreamField | RichTextField):
        return [text for text in field.get_searchable_content(value) if text]
    return [strip_tags(str(value))]


def _search_fields_text(obj, search_fields, skip=()) -> list[str]:
    """Text of the searchable fields a model declares, related ones (a study's authors) too."""
    pieces = []
    for search_field in search_fields:
        if isinstance(search_field, index.SearchField) and not isinstance(
            search_field, index.AutocompleteField
        ):
            if search_field.field_name not in skip:
                pieces += _field_text(obj, search_field.field_name)
        elif isinstance(search_field, index.RelatedFields):
            related = getattr(obj, search_field.field_name, None)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for related_object in objects:
                pieces += _search_fields_text(related_object, search_field.fields)
    return pieces


def transcript_segments(page, field_name: str, language: str) -> list[dict]:
    segments = []
    for block in getattr(page, field_name, None) or []:
        value = block.value
        try:
            seconds = timecode_seconds(value.get("time"))
        except ValueError:
            continue
        speaker = (value.get("speaker") or "").strip()
        text = (value.get("text") or "").strip()
        if not text:
            continue
        segments.append(
            {
                "time": value.get("time"),
                "seconds": seconds,
                "speaker": speaker,
                "text": text,
                "stems": stored_stems(text, speaker, language=language),
            }
        )
    return segments


def theme_data(page, language: str) -> tuple[list, list[str]]:
    """The translation keys of the page's themes, and their names in the page's language."""
    themes_field = getattr(page, "themes", None)
    if themes_field is None:
        return [], []
    from home.snippets import Theme

    keys = [theme.translation_key for theme in themes_field.all()]
    names = list(
        Theme.objects.filter(translation_key__in=keys, locale_id=page.locale_id).values_list(
            "name", flat=True
        )
    )
    return keys, names


@dataclass
class DocumentData:
    """What indexing a page writes: the document's fields, its themes and its term weights."""

    fields: dict
    theme_keys: list
    weights: dict[str, int]

    @cached_property
    def facet(self) -> SearchFacet:
        page_type = self.fields["page_type"]
        theme_keys = SearchFacet.theme_keys_text(self.theme_keys)
        return SearchFacet(
            id=SearchFacet.facet_id(page_type, theme_keys),
            page_type=page_type,
            theme_keys=theme_keys,
        )

    def term_rows(self, document_id: int) -> list[tuple]:
        """The document's terms as rows of TERM_COLUMNS."""
        language, date = self.fields["language_code"], self.fields["date"]
        return [
            (document_id, language, key, weight, date, self.facet.pk)
            for key, weight in self.weights.items()
        ]


def term_weights(title_stems: set[str], body_stems: set[str]) -> dict[str, int]:
    """Each key of a document with its weight: TITLE_WEIGHT when a title stem matches it,
    plus BODY_WEIGHT when a body stem does (what a query stem scores, see `stem_matches`)."""
    weights = {ALL_DOCUMENTS: 0}
    for stems, weight in ((title_stems, TITLE_WEIGHT), (body_stems, BODY_WEIGHT)):
        for key in {key for stored in stems for key in index_keys(stored)}:
            weights[key] = weights.get(key, 0) + weight
    return weights


def build_document_data(page, search_type: SearchType) -> DocumentData:
    language = page.locale.language_code
    summary = str(getattr(page, search_type.summary_field, "") or "")
    skip = {"title", search_type.summary_field, search_type.transcript_field}
    body_pieces = [
        piece.strip()
        for piece in _search_fields_text(page, page.search_fields, skip=skip)
        if piece and piece.strip()
    ]
    body_text = "\n".join(body_pieces)
    segments = (
        transcript_segments(page, search_type.transcript_field, language)
        if search_type.transcript_field
        else []
    )
    theme_keys, theme_names = theme_data(page, language)
    body_stems = stem_set(
        summary,
        body_text,
        *(segment["text"] for segment in segments),
        *(segment["speaker"] for segment in segments),
        *theme_names,
        language=language,
    )
    fields = {
        "language_code": language,
        "translation_key": page.translation_key,
        "page_type": search_type.key,
        "title": page.title[:255],
        "date": getattr(page, search_type.date_field, None),
        "summary": summary,
        "body_text": body_text,
        "transcript": segments,
    }
    weights = term_weights(stem_set(page.title, language=language), body_stems)
    return DocumentData(fields, theme_keys, weights)


# Keeping documents in sync


def remove_page(page_or_id) -> None:
    page_id = getattr(page_or_id, "pk", page_or_id)
    SearchDocument.objects.filter(page_id=page_id).delete()


@transaction.atomic
def index_page(page) -> SearchDocument | None:
    """Create or refresh the page's document; drop it when the page is not live or not ours."""
    page = page.specific if type(page) is Page else page
    search_type = search_type_for(page)
    if search_type is None or not page.live:
        remove_page(page)
        return None
    data = build_document_data(page, search_type)
    document, _created = SearchDocument.objects.update_or_create(
        page_id=page.pk, defaults=data.fields
    )
    document.themes.exclude(translation_key__in=data.theme_keys).delete()
    existing = set(document.themes.values_list("translation_key", flat=True))
    SearchDocumentTheme.objects.bulk_create(
        SearchDocumentTheme(document=document, translation_key=key)
        for key in dict.fromkeys(data.theme_keys)
        if key not in existing
    )
    save_facets([data.facet])
    document.terms.all().delete()
    SearchTerm.objects.bulk_create(
        SearchTerm(
            document_id=document_id,
            language_code=language,
            stem=key,
            weight=weight,
            date=date,
            facet_id=facet_id,
        )
        for document_id, language, key, weight, date, facet_id in data.term_rows(document.pk)
    )
    return document


def save_facets(facets, using=None) -> None:
    """Store facets and their labels not stored yet (an id always stands for the same facet)."""
    unique = {facet.pk: facet for facet in facets}
    SearchFacet.objects.using(using).bulk_create(unique.values(), ignore_conflicts=True)
    SearchFacetLabel.objects.using(using).bulk_create(
        [label for facet in unique.values() for label in facet.labels()], ignore_conflicts=True
    )


def safely(action, page) -> None:
    """Run an index update for a signal; a failure is logged, never a failed publish."""
    try:
        action(page)
    except Exception:
        logger.exception("Could not update the search document of page %s", page.pk)


def index_subtree(page) -> None:
    """Refresh a page and every searchable page below it (after a move)."""
    for search_type in SEARCH_TYPES:
        for descendant in search_type.model.objects.descendant_of(page, inclusive=True):
            safely(index_page, descendant)


def rebuild() -> tuple[int, int]:
    """Index every live searchable page and drop every other document: (indexed, removed)."""
    indexed = 0
    for search_type in SEARCH_TYPES:
        for page in search_type.model.objects.live().select_related("locale").iterator():
            if index_page(page) is not None:
                indexed += 1
    stale = SearchDocument.objects.filter(
        Q(page__live=False) | ~Q(page_type__in=SEARCH_TYPES_BY_KEY)
    )
    _total, removed = stale.delete()
    return indexed, removed.get(SearchDocument._meta.label, 0)
