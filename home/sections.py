"""The home page's sections: editor-chosen items per content type, else the newest ones."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home.images import CARD
from home.queries import PAGE_LINK_FIELDS, attach_renditions
from pagecache.generation import memoize

ITEMS_PER_SECTION = 3
CARD_IMAGE_SPECS = CARD.specs


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    page_model: str
    index_model: str
    order_by: tuple[str, ...]
    image_field: str | None
    more_label: str
    # What a card shows besides the link and the image (home/includes/home_card.html).
    card_fields: tuple[str, ...]


SECTIONS = (
    Section(
        key="clips",
        title=_("Knowledge clips"),
        page_model="kennisclips.KennisclipPage",
        index_model="kennisclips.KennisclipIndexPage",
        order_by=("-publication_date", "-first_published_at"),
        image_field="poster_image",
        more_label=_("All knowledge clips"),
        card_fields=("subtitle", "duration_seconds"),
    ),
    Section(
        key="posts",
        title=_("Latest blog posts"),
        page_model="blog.BlogPostPage",
        index_model="blog.BlogIndexPage",
        order_by=("-date", "-first_published_at"),
        image_field="hero_image",
        more_label=_("All blog posts"),
        card_fields=("date", "intro"),
    ),
    Section(
        key="studies",
        title=_("Research"),
        page_model="studies.StudyPage",
        index_model="studies.StudyIndexPage",
        order_by=("-date", "-first_published_at"),
        image_field=None,
        more_label=_("All research"),
        card_fields=("date", "summary"),
    ),
)

FEATURABLE_PAGE_TYPES = [section.page_model for section in SECTIONS]
INDEX_PAGE_TYPES = [section.index_model for section in SECTIONS]


@dataclass
class FilledSection:
    section: Section
    items: list
    index: Page | None


def _listing(section: Section, pages=None):
    """Live, public pages of the section's type (or `pages`): what their cards show, with the
    card image; its renditions are attached for all sections at once (`attach_renditions`)."""
    if pages is None:
        pages = apps.get_model(section.page_model).objects.live().public()
    fields = (*PAGE_LINK_FIELDS, *section.card_fields)
    if section.image_field:
        return pages.only(*fields, section.image_field).select_related(section.image_field)
    return pages.only(*fields)


def newest_under(ancestor, section: Section):
    """The section's newest live, public pages under `ancestor`, newest first.

    Read with the card's fields only (`_listing`), so the database sorts narrow rows and keeps
    the first few: measured faster than sorting ids in a subquery first, and simpler to plan
    (0.25 against 0.7-1 ms on PostgreSQL).
    """
    pages = (
        apps.get_model(section.page_model)
        .objects.live()
        .public()
        .descendant_of(ancestor)
        .order_by(*section.order_by)
    )
    return _listing(section, pages)[:ITEMS_PER_SECTION]


def home_sections(home) -> list[FilledSection]:
    """Each section's items in the home page's language.

    The live home page's sections change only with the content, like the menu: nine items at
    most whatever the size of the site, memoized for the content generation (a publish,
    unpublish, move or image change starts a new one). A preview or a shared draft holds its
    unsaved choices in memory (modelcluster) and is read afresh.
    """
    features = home.features.all()
    featured = features.values_list("page__content_type_id", "page__translation_key")
    if not isinstance(features, QuerySet):
        return _filled_sections(home, featured)
    return memoize(f"home-sections:{home.pk}", lambda: _filled_sections(home, featured))


def _filled_sections(home, featured) -> list[FilledSection]:
    """The sections with their items, in a fixed number of queries: `featured` holds the
    (content type id, translation key) of the pages the editor chose, in order.

    Editors choose items on the Dutch home page; the English home page's copies of those
    choices point at the Dutch pages, so they are matched to their translations here.
    """
    featured_keys: dict[int, list] = {}
    for content_type_id, translation_key in featured:
        featured_keys.setdefault(content_type_id, []).append(translation_key)
    indexes = memoize(
        f"home-section-indexes:{home.pk}",
        lambda: {
            page.content_type_id: page for page in Page.objects.child_of(home).live().public()
        },
    )
    filled = []
    for section in SECTIONS:
        page_model = apps.get_model(section.page_model)
        index_model = apps.get_model(section.index_model)
        index = indexes.get(ContentType.objects.get_for_model(index_model).pk)
        keys = featured_keys.get(ContentType.objects.get_for_model(page_model).pk)
        if keys:
            pages = _listing(section).filter(locale_id=home.locale_id, translation_key__in=keys)
            by_key = {page.translation_key: page for page in pages}
            items = [by_key[key] for key in keys if key in by_key]
        else:
            # A section's pages live under its index: looking there rather than in the whole
            # language tree lets the database find them by path instead of reading every page.
            items = list(newest_under(index or home, section))
        if items or index is not None:
            filled.append(FilledSection(section=section, items=items, index=index))
    attach_renditions(
        (
            getattr(item, filled_section.section.image_field)
            for filled_section in filled
            if filled_section.section.image_field
            for item in filled_section.items
        ),
        CARD_IMAGE_SPECS,
    )
    return filled
