"""Show translatable objects in the visitor's language."""

from home.queries import linked_ids
from home.snippets import Person, Theme
from pagecache.lookups import active_locale, snippets_by_key

MEMOIZED_MODELS = (Person, Theme)


def localize_all(objects):
    """Each translatable object in the active locale where a translation exists (one query at
    most; none for people and themes, which come from the page cache's memo).

    Pages keep links to snippets in the language they were made in (wagtail-localize copies
    many-to-many and inline references unchanged), so templates show these instead. Objects
    without a translation stay as they are.
    """
    objects = list(objects)
    if not objects:
        return objects
    locale = active_locale()
    model = type(objects[0])
    if model in MEMOIZED_MODELS:
        # People and themes are few: all of them come from the page cache's memo, no query.
        every = snippets_by_key(model)
        return [every.get((obj.translation_key, locale.pk), obj) for obj in objects]
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    translated = {}
    if keys:
        translated = {
            obj.translation_key: obj
            for obj in model.objects.filter(translation_key__in=keys, locale=locale)
        }
    return [translated.get(obj.translation_key, obj) for obj in objects]


def ids_in_every_language(model, translation_keys) -> list[int]:
    """The pks of the rows of a memoized model (people, themes) with these translation keys, in
    every language (no query): a page may link to another language's copy of a theme."""
    keys = set(translation_keys)
    return [obj.pk for obj in snippets_by_key(model).values() if obj.translation_key in keys]


def snippets_by_pk(model, pks) -> dict:
    """People or themes by pk, from the page cache's memo of every row (no query); rows the memo
    does not hold yet, made since it was filled, are read from the database."""
    found = {obj.pk: obj for obj in snippets_by_key(model).values()}
    missing = set(pks) - found.keys()
    if missing:
        found.update((obj.pk, obj) for obj in model.objects.filter(pk__in=missing))
    return found


def linked_snippets(page, *links) -> list[list]:
    """The people or themes each of `links` (`home.queries.Link`) of `page` points at, as
    stored, in its order: the links read in one query (`linked_ids`), the snippets from the memo.

    wagtail-localize copies links unchanged, so a translated page may point at the people and
    themes of another language: `localize_all` shows them in the visitor's.
    """
    found = []
    for link, ids in zip(links, linked_ids(page, *links), strict=True):
        by_pk = snippets_by_pk(link.target_model(type(page)), ids)
        found.append([by_pk[pk] for pk in ids if pk in by_pk])
    return found
