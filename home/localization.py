"""Show translatable objects in the visitor's language."""

from wagtail.models import Locale


def localize_all(objects):
    """Each translatable object in the active locale where a translation exists, in one query.

    Pages keep links to snippets in the language they were made in (wagtail-localize copies
    many-to-many and inline references unchanged), so templates show these instead. Objects
    without a translation stay as they are.
    """
    objects = list(objects)
    if not objects:
        return objects
    locale = Locale.get_active()
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    translated = {}
    if keys:
        translated = {
            obj.translation_key: obj
            for obj in model.objects.filter(translation_key__in=keys, locale=locale)
        }
    return [translated.get(obj.translation_key, obj) for obj in objects]
