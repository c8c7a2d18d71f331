"""Fast generators of large amounts of valid, live content, for benchmarks and scale tests.

Wagtail's `add_child()` plus `save_revision().publish()` costs tens of queries per page; at
10,000 pages that is minutes. These helpers write the same rows in bulk instead:

- the `wagtailcore_page` rows with a correct tree position (`path`, `depth`, the parent's
  `numchild`), `url_path`, `draft_title`, `live=True`, publication dates, `locale`,
  `translation_key` and `content_type`, then the page type's own table (Django's
  `bulk_create` refuses multi-table models, so the child rows go through the manager's insert);
- StreamField bodies as their stored JSON;
- authors, themes and people (the inline and many-to-many rows);
- the English translation of each page when a `translation_index` is given: a page in the
  English tree with the same `translation_key` and the English locale, which is what a
  wagtail-localize translation is in the database (without its `TranslationSource`, so the
  admin's "sync translation" does not know these pages; serving, listings, the sitemap and
  the language switcher do);
- the search documents that the site's own search reads (`search.indexing`), built with
  the same `build_document_fields` that publishing uses.

No revisions and no reference-index rows are made (the admin's "usage" counts of images and
snippets leave these pages out until they are saved once): serving a live page, its listings
and the sitemap never read `latest_revision` (the tests check this). Editing such a page in
the admin works; its history starts with the first save. No `page_published` signal is sent
either, so a full-page cache is not told about the new pages: build the data first, then
serve it.

People and themes follow wagtail-localize's rule for synchronised links: an English page
points at the same (Dutch) Person and Theme rows as its source; the site localizes them when it
renders.

Everything is deterministic for a given `seed`.
"""

import contextlib
import datetime
import random
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.snippets import Person, PersonRole, Theme

INSERT_BATCH = 400

# Sentences the generated texts are made of, per language. They use the words the site's own
# search is tested with (`eenzaam`/`eenzaamheid`, `student`/`studenten`, `lonely`/`loneliness`),
# so that a benchmark search finds thousands of pages.
SENTENCES = {
    "nl": [
        "Eenzaamheid onder jongvolwassenen is groter dan veel mensen denken.",
        "Studenten spraken met bewoners over wat verbondenheid voor hen betekent.",
        "In de wijk ontmoeten buren elkaar bij de koffieochtend in het buurthuis.",
        "Het werkteam leerde van en met elkaar hoe je eenzaamheid samen tegengaat.",
        "Beleidsmakers en praktijkprofessionals zaten voor het eerst aan één tafel.",
        "Veerkracht groeit wanneer mensen zich gezien en gehoord voelen.",
        "Een eenzame oudere fietst weer mee dankzij vrijwilligers uit de buurt.",
        "De lectoraatsonderzoekers volgden het werkteam twee jaar lang.",
        "Wat werkt, is klein beginnen en dicht bij de leefwereld van bewoners blijven.",
        "Jongeren vertellen niet snel dat ze zich eenzaam voelen.",
        "Professionals kunnen signalen van eenzaamheid vroeg herkennen.",
        "De gemeente ondersteunt initiatieven die ontmoeting mogelijk maken.",
        "Samen koken bleek een laagdrempelige manier om contact te maken.",
        "Het transformatieve leren vroeg om ruimte voor twijfel en experiment.",
        "Vrijwilligers brachten hun eigen netwerk mee naar de bijeenkomsten.",
        "Een goed gesprek begint met echte aandacht voor de ander.",
    ],
    "en": [
        "Loneliness among young adults is more common than many people think.",
        "Students talked with residents about what connectedness means to them.",
        "In the neighbourhood, neighbours meet at the coffee morning in the community centre.",
        "The work team learned from and with each other how to counter loneliness together.",
        "Policy makers and practitioners sat at one table for the first time.",
        "Resilience grows when people feel seen and heard.",
        "A lonely older man cycles again thanks to volunteers from the neighbourhood.",
        "The lecturer-researchers followed the work team for two years.",
        "What works is starting small and staying close to residents' daily lives.",
        "Young people rarely say that they feel lonely.",
        "Practitioners can recognise signs of loneliness early.",
        "The municipality supports initiatives that make encounters possible.",
        "Cooking together turned out to be an easy way to make contact.",
        "Transformative learning asked for room for doubt and experiment.",
        "Volunteers brought their own networks to the meetings.",
        "A good conversation starts with real attention for the other person.",
    ],
}
TITLE_WORDS = {
    "nl": [
        ("Eenzaamheid", "in de wijk"),
        ("Verbondenheid", "tussen generaties"),
        ("Veerkracht", "van jongvolwassenen"),
        ("Ontmoeting", "in het buurthuis"),
        ("Studenten", "als onderzoekers"),
        ("Samen leren", "in de praktijk"),
    ],
    "en": [
        ("Loneliness", "in the neighbourhood"),
        ("Connectedness", "between generations"),
        ("Resilience", "of young adults"),
        ("Encounters", "in the community centre"),
        ("Students", "as researchers"),
        ("Learning together", "in practice"),
    ],
}
HEADINGS = {
    "nl": ["Wat we zagen", "Wat werkte", "Wat we leerden", "Hoe verder"],
    "en": ["What we saw", "What worked", "What we learned", "What next"],
}
SPEAKERS = ["Helma", "Saskia", "Rachida", "Verteller"]
KIND_WORDS = {
    "post": {"nl": "bericht", "en": "post"},
    "clip": {"nl": "kennisclip", "en": "knowledge clip"},
    "study": {"nl": "onderzoek", "en": "study"},
}
THEME_NAMES = [
    ("Eenzaamheid", "Loneliness"),
    ("Ontmoeting", "Encounters"),
    ("Jongvolwassenen", "Young adults"),
    ("Ouderen", "Older people"),
    ("Samen leren", "Learning together"),
    ("Veerkracht", "Resilience"),
    ("Vrijwilligers", "Volunteers"),
    ("Beleid", "Policy"),
    ("Buurt", "Neighbourhood"),
    ("Onderzoek", "Research"),
    ("Studenten", "Students"),
    ("Zorg", "Care"),
]
PERSON_FIRST_NAMES = [
    "Anouk", "Bram", "Chaima", "Daan", "Esra", "Floor", "Gijs", "Hanna", "Ilias", "Jasmijn",
    "Koen", "Lotte", "Milan", "Noor", "Omar", "Pien", "Quinten", "Roos", "Sem", "Tess",
]  # fmt: skip
ROLES = [
    PersonRole.TEAM_MEMBER,
    PersonRole.STUDENT,
    PersonRole.LECTURER_RESEARCHER,
    PersonRole.POLICY_PROFESSIONAL,
    PersonRole.PRACTITIONER,
    PersonRole.RESIDENT_VOLUNTEER,
]


# People and themes


def create_themes(count: int = 8, *, with_translations: bool = True) -> list[Theme]:
    """`count` Dutch themes (with English translations); returns the Dutch ones.

    Names are unique: after the built-in names, a number is added.
    """
    dutch, english = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    existing = set(Theme.objects.filter(locale=dutch).values_list("slug", flat=True))
    themes, translations = [], []
    number = 0
    while len(themes) < count:
        nl_name, en_name = THEME_NAMES[number % len(THEME_NAMES)]
        if number >= len(THEME_NAMES):
            nl_name, en_name = f"{nl_name} {number}", f"{en_name} {number}"
        number += 1
        if slugify(nl_name) in existing:
            continue
        key = uuid.uuid4()
        description = f"Over {nl_name.lower()}."
        themes.append(
            Theme(
                locale=dutch,
                translation_key=key,
                name=nl_name,
                slug=slugify(nl_name),
                description=description,
            )
        )
        translations.append(
            Theme(
                locale=english,
                translation_key=key,
                name=en_name,
                slug=slugify(en_name),
                description=f"About {en_name.lower()}.",
            )
        )
    Theme.objects.bulk_create(themes)
    if with_translations:
        Theme.objects.bulk_create(translations)
    return list(
        Theme.objects.filter(
            translation_key__in=[t.translation_key for t in themes], locale=dutch
        ).order_by("pk")
    )


def create_people(count: int = 12, *, with_translations: bool = True) -> list[Person]:
    """`count` Dutch people in every role (with English translations); returns the Dutch ones."""
    dutch, english = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    people, translations = [], []
    for number in range(count):
        name = PERSON_FIRST_NAMES[number % len(PERSON_FIRST_NAMES)]
        if number >= len(PERSON_FIRST_NAMES):
            name = f"{name} {number // len(PERSON_FIRST_NAMES) + 1}"
        role = ROLES[number % len(ROLES)]
        key = uuid.uuid4()
        people.append(
            Person(locale=dutch, translation_key=key, name=name, role=role, bio=f"{name} doet mee.")
        )
        translations.append(
            Person(
                locale=english, translation_key=key, name=name, role=role, bio=f"{name} takes part."
            )
        )
    Person.objects.bulk_create(people)
    if with_translations:
        Person.objects.bulk_create(translations)
    keys = [person.translation_key for person in people]
    return list(Person.objects.filter(translation_key__in=keys, locale=dutch).order_by("pk"))


# Index pages


def ensure_index_pages(model, dutch_home, english_home, *, titles, slugs):
    """The Dutch and English index pages of `model` (made and published when missing).

    `titles` and `slugs` are (Dutch, English) pairs. Returns (dutch_index, english_index); the
    English one is a translation (same translation key) of the Dutch one. A few pages only, so
    these go through Wagtail's normal `add_child` and publish.
    """
    from home.demo.sections import ensure_section_index

    dutch_index, _created = ensure_section_index(
        model, dutch_home, {"title": titles, "slug": slugs, "intro": ("", "")}
    )
    english_index = model.objects.child_of(english_home).first()
    if english_index is None:
        english_index = model(
            title=titles[1],
            slug=slugs[1],
            show_in_menus=True,
            locale=english_home.locale,
            translation_key=dutch_index.translation_key,
        )
        english_home.add_child(instance=english_index)
        english_index.save_revision().publish()
    return dutch_index, english_index


def ensure_section_indexes(dutch_home, english_home) -> dict:
    """The blog, clip and research indexes of both languages: {"blog": (nl, en), ...}."""
    from blog.models import BlogIndexPage
    from kennisclips.models import KennisclipIndexPage
    from studies.models import StudyIndexPage

    sections = {
        "blog": (BlogIndexPage, ("Blog", "Blog"), ("blog", "blog")),
        "clips": (
            KennisclipIndexPage,
            ("Kennisclips", "Knowledge clips"),
            ("kennisclips", "knowledge-clips"),
        ),
        "research": (StudyIndexPage, ("Onderzoek", "Research"), ("onderzoek", "research")),
    }
    return {
        name: ensure_index_pages(model, dutch_home, english_home, titles=titles, slugs=slugs)
        for name, (model, titles, slugs) in sections.items()
    }


# Text


class _Text:
    """Deterministic generated text in one language."""

    def __init__(self, rng: random.Random, language: str, pool_size: int = 64):
        self.rng = rng
        self.language = language
        self.sentences = SENTENCES[language]
        self.pool_size = pool_size
        self.pools: dict[tuple, list] = {}

    def pooled(self, field, make, *args):
        """One of `pool_size` values of a StreamField, shared by many pages.

        Sharing the StreamValue objects lets the search indexing extract each one's text once.
        """
        key = (field.model, field.name, make.__name__, args)
        if key not in self.pools:
            self.pools[key] = [field.to_python(make(*args)) for _ in range(self.pool_size)]
        return self.rng.choice(self.pools[key])

    def shared_values(self) -> list:
        return [value for pool in self.pools.values() for value in pool]

    def sentence(self) -> str:
        return self.rng.choice(self.sentences)

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.rng.choice(self.sentences) for _ in range(sentences))

    def title(self, kind: str, number: int) -> str:
        start, end = TITLE_WORDS[self.language][number % len(TITLE_WORDS[self.language])]
        return f"{start} {end}: {KIND_WORDS[kind][self.language]} {number}"

    def body(self, sections: int = 2) -> list[dict]:
        """A StreamField body as stored: headings and paragraphs, each with a block id."""
        blocks = []
        for number in range(sections):
            heading = HEADINGS[self.language][number % len(HEADINGS[self.language])]
            blocks.append(_block("heading", {"text": heading, "level": "h2"}))
            blocks.append(_block("paragraph", f"<p>{self.paragraph(4)}</p>"))
            blocks.append(_block("paragraph", f"<p>{self.paragraph(3)}</p>"))
        return blocks

    def transcript(self, segments: int) -> list[dict]:
        return [
            _block(
                "segment",
                {
                    "time": f"{(number * 20) // 60:02d}:{(number * 20) % 60:02d}",
                    "speaker": SPEAKERS[number % len(SPEAKERS)] if number % 3 == 0 else "",
                    "text": self.paragraph(2),
                },
            )
            for number in range(segments)
        ]

    def factors(self, count: int) -> list[dict]:
        return [
            _block(
                "factor",
                {
                    "name": self.sentence()[:60].rstrip(" ."),
                    "explanation": f"<p>{self.sentence()}</p>",
                },
            )
            for _ in range(count)
        ]


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


# The bulk writer


@dataclass
class _Planned:
    """One page to write: the specific instance plus its inline and many-to-many rows."""

    page: Page
    author_ids: list[int]
    theme_ids: list[int]
    people_ids: list[int]


def _tree_slots(parent: Page, count: int) -> tuple[list[str], set[str]]:
    """Paths for `count` new children after the parent's last child, and the slugs taken."""
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last is not None else 1
    depth = parent.depth + 1
    paths = [Page._get_path(parent.path, depth, start + offset) for offset in range(count)]
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    return paths, taken


def _insert_pages(parent: Page, model, instances: list[Page], using: str) -> None:
    """Write `instances` (unsaved `model` objects with their fields set) as children of `parent`.

    Sets the tree fields, inserts the base rows in batches (the database returns their ids:
    SQLite 3.35+ and PostgreSQL do), then the page type's own rows, and updates the parent's
    `numchild`. (`bulk_create` refuses multi-table models; this is the insert it would do.)
    """
    if not instances:
        return
    paths, taken = _tree_slots(parent, len(instances))
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    for instance, path in zip(instances, paths, strict=True):
        slug, number = instance.slug, 2
        while slug in taken:
            slug, number = f"{instance.slug}-{number}", number + 1
        taken.add(slug)
        instance.slug = slug
        instance.path = path
        instance.depth = parent.depth + 1
        instance.numchild = 0
        instance.url_path = f"{parent.url_path}{slug}/"
        instance.content_type = content_type
        instance.draft_title = instance.title
    # The base rows straight from the specific instances (what `save()` does, in batches).
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    base_manager = Page._base_manager.db_manager(using)
    returning = Page._meta.db_returning_fields
    for start in range(0, len(instances), INSERT_BATCH):
        batch = instances[start : start + INSERT_BATCH]
        rows = base_manager._insert(batch, fields=base_fields, returning_fields=returning)
        if len(rows) != len(batch):  # pragma: no cover - SQLite >= 3.35 and PostgreSQL do
            raise RuntimeError("The database did not return the new pages' ids.")
        for instance, row in zip(batch, rows, strict=True):
            instance.pk = instance.id = instance.page_ptr_id = row[0]
            instance._state.adding = False
            instance._state.db = using
    local_fields = model._meta.local_concrete_fields
    manager = model._base_manager.db_manager(using)
    for start in range(0, len(instances), INSERT_BATCH):
        manager._insert(instances[start : start + INSERT_BATCH], fields=local_fields, using=using)
    Page.objects.using(using).filter(pk=parent.pk).update(numchild=F("numchild") + len(instances))
    parent.numchild += len(instances)


def insert_rows(model, columns: list[str], rows: list[tuple], using: str) -> None:
    """Plain rows into `model`'s table (no model instances: link tables, search terms).

    PostgreSQL takes them with `COPY`, several times faster than `executemany` for the hundred
    thousand search terms of a thousand pages; other databases with `executemany`.
    """
    if not rows:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - names from model metadata
        for start in range(0, len(rows), INSERT_BATCH * 5):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH * 5])


def _write(parent, model, planned: list[_Planned], *, author_model=None, using) -> None:
    pages = [item.page for item in planned]
    _insert_pages(parent, model, pages, using)
    if author_model is not None:
        rows = [
            (item.page.pk, person_id, order)
            for item in planned
            for order, person_id in enumerate(item.author_ids)
        ]
        insert_rows(author_model, ["page", "person", "sort_order"], rows, using)
    for name, ids in (("themes", "theme_ids"), ("people", "people_ids")):
        if not hasattr(model, name):
            continue
        relation = getattr(model, name)
        through = relation.through
        columns = [relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()]
        rows = [(item.page.pk, pk) for item in planned for pk in getattr(item, ids)]
        insert_rows(through, columns, rows, using)


def _pick(rng: random.Random, items: list, count: int) -> list:
    if not items:
        return []
    return rng.sample(items, min(count, len(items)))


def _publication_times(count: int, start: datetime.datetime | None):
    """Newest first: page 0 is the newest, one hour apart."""
    start = start or timezone.now()
    return [start - datetime.timedelta(hours=number) for number in range(count)]


def _generate(
    *,
    kind: str,
    model,
    index_page,
    count: int,
    translation_index,
    themes,
    people,
    images,
    seed: int,
    start,
    index_search: bool,
    make_fields,
    author_model=None,
    using=None,
) -> list[Page]:
    """Shared driver of the create_* functions: plan, write both languages, index."""
    using = using or router.db_for_write(Page)
    index_page = index_page.specific if type(index_page) is Page else index_page
    rng = random.Random(seed)  # noqa: S311 - generated content, not security
    times = _publication_times(count, start)
    languages = [(index_page, index_page.locale)]
    if translation_index is not None:
        languages.append((translation_index, translation_index.locale))
    theme_ids = [theme.pk for theme in themes]
    person_ids = [person.pk for person in people]
    people_by_pk = {person.pk: person for person in people}
    themes_by_pk = {theme.pk: theme for theme in themes}
    # What is the same in every language: the key, dates, links, image.
    shared = []
    offset = Page.objects.child_of(index_page).count()
    for number in range(count):
        shared.append(
            {
                "number": offset + number + 1,
                "key": uuid.uuid4(),
                "when": times[number],
                "themes": _pick(rng, theme_ids, rng.randint(1, 3)),
                "authors": _pick(rng, person_ids, rng.randint(1, 2)),
                "people": _pick(rng, person_ids, rng.randint(1, 3)),
                "image": images[number % len(images)] if images else None,
            }
        )
    created, shared_values = [], []
    with transaction.atomic(using=using):
        for parent, locale in languages:
            text = _Text(random.Random(f"{seed}-{locale.language_code}"), locale.language_code)  # noqa: S311
            planned = []
            for item in shared:
                title = text.title(kind, item["number"])
                page = model(
                    title=title,
                    slug=slugify(title),
                    locale=locale,
                    translation_key=item["key"],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=item["when"],
                    last_published_at=item["when"],
                    latest_revision_created_at=None,
                    **make_fields(text, item, rng),
                )
                # In memory for the search documents (no query to read them back).
                page.themes = [themes_by_pk[pk] for pk in item["themes"]]
                planned.append(_Planned(page, item["authors"], item["themes"], item["people"]))
            _write(parent, model, planned, author_model=author_model, using=using)
            if author_model is not None:
                for entry in planned:
                    entry.page.authors = [
                        author_model(person=people_by_pk[pk], sort_order=order)
                        for order, pk in enumerate(entry.author_ids)
                    ]
            created += [entry.page for entry in planned]
            shared_values += text.shared_values()
        if index_search:
            index_search_documents(created, using=using, shared_values=shared_values)
    return created


def create_blog_posts(
    index_page,
    count: int,
    *,
    translation_index=None,
    themes=(),
    people=(),
    images=(),
    seed: int = 0,
    start: datetime.datetime | None = None,
    index_search: bool = True,
    using: str | None = None,
) -> list[Page]:
    """`count` live blog posts under `index_page`, newest first from `start` (default now).

    With `translation_index` (the blog index of the other language tree), each post also gets
    its translation there. Each post has one or two authors and one to three themes drawn
    from `people` and `themes` (Dutch snippets), a two-section body and, when `images` are
    given, a hero image (cycled). Returns every page made, the source language first.
    """
    from blog.models import BlogPostAuthor, BlogPostPage

    def fields(text, item, rng):
        image = item["image"]
        return {
            "date": timezone.localtime(item["when"]).date(),
            "intro": text.sentence(),
            "body": text.pooled(BlogPostPage._meta.get_field("body"), text.body, 2),
            "hero_image": image,
            "hero_image_alt": text.sentence()[:120] if image is not None else "",
        }

    return _generate(
        kind="post",
        model=BlogPostPage,
        index_page=index_page,
        count=count,
        translation_index=translation_index,
        themes=list(themes),
        people=list(people),
        images=list(images),
        seed=seed,
        start=start,
        index_search=index_search,
        make_fields=fields,
        author_model=BlogPostAuthor,
        using=using,
    )


def create_clips(
    index_page,
    count: int,
    *,
    translation_index=None,
    themes=(),
    people=(),
    images=(),
    segments: int = 12,
    seed: int = 1,
    start: datetime.datetime | None = None,
    index_search: bool = True,
    using: str | None = None,
) -> list[Page]:
    """`count` live knowledge clips under `index_page`, each with a transcript.

    The video is an external (YouTube) address, so no file is needed; `images` become poster
    images (cycled). Each transcript has `segments` time-coded lines, 20 seconds apart.
    Returns every page made, the source language first.
    """
    from kennisclips.models import KennisclipPage

    def fields(text, item, rng):
        video_id = uuid.UUID(int=item["key"].int).hex[:11]
        return {
            "subtitle": text.sentence()[:150],
            "description": text.sentence(),
            "body": text.pooled(KennisclipPage._meta.get_field("body"), text.body, 1),
            "video_url": f"https://www.youtube.com/watch?v={video_id}",
            "poster_image": item["image"],
            "duration_seconds": segments * 20 + 10,
            "transcript": text.pooled(
                KennisclipPage._meta.get_field("transcript"), text.transcript, segments
            ),
            "publication_date": timezone.localtime(item["when"]).date(),
        }

    return _generate(
        kind="clip",
        model=KennisclipPage,
        index_page=index_page,
        count=count,
        translation_index=translation_index,
        themes=list(themes),
        people=list(people),
        images=list(images),
        seed=seed,
        start=start,
        index_search=index_search,
        make_fields=fields,
        using=using,
    )


def create_studies(
    index_page,
    count: int,
    *,
    translation_index=None,
    themes=(),
    people=(),
    seed: int = 2,
    start: datetime.datetime | None = None,
    index_search: bool = True,
    using: str | None = None,
) -> list[Page]:
    """`count` live study pages under `index_page`, with every section of a study filled.

    Returns every page made, the source language first.
    """
    from studies.models import StudyAuthor, StudyPage

    def fields(text, item, rng):
        return {
            "summary": text.paragraph(2),
            "date": timezone.localtime(item["when"]).date(),
            "research_question": f"<p>{text.sentence()}</p>",
            "method": f"<p>{text.paragraph(3)}</p>",
            "effective_factors": text.factors(3),
            "findings": f"<p>{text.paragraph(4)}</p>",
            "conclusions": f"<p>{text.paragraph(3)}</p>",
            "body": text.body(1),
        }

    return _generate(
        kind="study",
        model=StudyPage,
        index_page=index_page,
        count=count,
        translation_index=translation_index,
        themes=list(themes),
        people=list(people),
        images=(),
        seed=seed,
        start=start,
        index_search=index_search,
        make_fields=fields,
        author_model=StudyAuthor,
        using=using,
    )


# Search documents


@contextlib.contextmanager
def _fast_indexing(shared_values=()):
    """Index many generated pages quickly, with exactly the results of `search.indexing`.

    Two pure steps are memoized for the duration (stemming a word is memoized in
    `search.text.stem` itself): extracting the text of a StreamField value that many pages
    share (see `_Text.pooled`), and the names of the themes (read once instead of once per page).
    """
    from search import indexing

    original_field_text = indexing._field_text
    original_theme_data = indexing.theme_data
    shared = {id(value): value for value in shared_values}  # keeps them alive
    texts: dict[tuple, list[str]] = {}
    theme_names = {
        (key, locale_id): name
        for key, locale_id, name in Theme.objects.values_list(
            "translation_key", "locale_id", "name"
        )
    }

    def field_text(obj, field_name):
        value = obj.__dict__.get(field_name)
        if value is None or id(value) not in shared:
            return original_field_text(obj, field_name)
        key = (field_name, id(value))
        if key not in texts:
            texts[key] = original_field_text(obj, field_name)
        return list(texts[key])

    def theme_data(page, language):
        if getattr(page, "themes", None) is None:
            return [], []
        keys = [theme.translation_key for theme in page.themes.all()]
        names = [
            theme_names[(key, page.locale_id)]
            for key in keys
            if (key, page.locale_id) in theme_names
        ]
        return keys, names

    indexing._field_text = field_text
    indexing.theme_data = theme_data
    try:
        yield
    finally:
        indexing._field_text = original_field_text
        indexing.theme_data = original_theme_data


# Pages indexed per round: their terms (a few hundred each) are held in memory until written.
INDEX_BATCH = 1000


def index_search_documents(pages, *, using: str | None = None, shared_values=()) -> int:
    """Write the search documents of `pages` (live clips, posts and studies) in bulk.

    Uses `search.indexing.build_document_data`, the same code publishing runs, so the
    documents, their themes and their terms are what the site would have made. `shared_values`:
    StreamValue objects that several pages share (their text is extracted once). Returns the
    number written.
    """
    from search.indexing import search_type_for
    from search.models import SearchDocument

    using = using or router.db_for_write(SearchDocument)
    pages = [page for page in pages if page.live and search_type_for(page) is not None]
    with _fast_indexing(shared_values):
        for start in range(0, len(pages), INDEX_BATCH):
            _index_search_batch(pages[start : start + INDEX_BATCH], using)
    return len(pages)


def _index_search_batch(pages, using: str) -> None:
    from search.indexing import TERM_COLUMNS, build_document_data, save_facets, search_type_for
    from search.models import SearchDocument, SearchDocumentTheme, SearchTerm

    data = [build_document_data(page, search_type_for(page)) for page in pages]
    documents = [
        SearchDocument(page_id=page.pk, **page_data.fields)
        for page, page_data in zip(pages, data, strict=True)
    ]
    page_ids = [document.page_id for document in documents]
    for start in range(0, len(page_ids), INSERT_BATCH):
        chunk = page_ids[start : start + INSERT_BATCH]
        SearchDocument.objects.using(using).filter(page_id__in=chunk).delete()
    SearchDocument.objects.using(using).bulk_create(documents, batch_size=INSERT_BATCH)
    connection = connections[using]
    theme_key_field = SearchDocumentTheme._meta.get_field("translation_key")
    rows = [
        (document.pk, theme_key_field.get_db_prep_value(key, connection))
        for document, page_data in zip(documents, data, strict=True)
        for key in dict.fromkeys(page_data.theme_keys)
    ]
    insert_rows(SearchDocumentTheme, ["document", "translation_key"], rows, using)
    save_facets([page_data.facet for page_data in data], using=using)
    date_field = SearchTerm._meta.get_field("date")
    rows = []
    for document, page_data in zip(documents, data, strict=True):
        date = date_field.get_db_prep_value(page_data.fields["date"], connection)
        rows += [(*row[:4], date, row[5]) for row in page_data.term_rows(document.pk)]
    # In the order of the (language, stem) indexes that search reads: each index then grows
    # in long runs instead of at a random place per row.
    rows.sort(key=lambda row: (row[1], row[2]))
    insert_rows(SearchTerm, TERM_COLUMNS, rows, using)


# Checks


def tree_problems() -> list[str]:
    """The checks of treebeard's `Page.find_problems()`, as readable lines (none: a valid tree).

    Alphabet, path length, orphans, depth and `numchild`, computed from one query instead of
    two per page, so that it takes a moment at 20,000 pages.
    """
    rows = list(Page.objects.order_by().values_list("pk", "path", "depth", "numchild"))
    paths = {path for _pk, path, _depth, _numchild in rows}
    children: dict[str, int] = {}
    for _pk, path, _depth, _numchild in rows:
        parent_path = path[: -Page.steplen]
        children[parent_path] = children.get(parent_path, 0) + 1
    found = {name: [] for name in ("bad alphabet", "bad path", "orphans", "wrong depth")}
    found["wrong numchild"] = []
    for pk, path, depth, numchild in rows:
        if any(char not in Page.alphabet for char in path):
            found["bad alphabet"].append(pk)
        elif len(path) % Page.steplen:
            found["bad path"].append(pk)
        elif len(path) > Page.steplen and path[: -Page.steplen] not in paths:
            found["orphans"].append(pk)
        elif depth != len(path) // Page.steplen:
            found["wrong depth"].append(pk)
        elif numchild != children.get(path, 0):
            found["wrong numchild"].append(pk)
    return [f"{name}: {ids}" for name, ids in found.items() if ids]


def vacuum_analyze(using: str = "default") -> None:
    """Refresh the query planner's statistics after a bulk load (PostgreSQL and SQLite).

    PostgreSQL also gets a VACUUM, as autovacuum would give it some time later: it marks the
    freshly written pages all-visible, without which an index-only scan still reads every row it
    finds (the facet counts of a common word: 11,000 table pages, 12 ms instead of 1).
    SQLite has no such map; its VACUUM would only rewrite the whole file.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
