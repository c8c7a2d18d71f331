"""`{% time_element date %}`: a day as every public page shows it.

`<time datetime="2019-03-01">1 maart 2019</time>`, or "1 March 2019" in English.

Every listing shows a date per item, and Django's `date` filter formats each one afresh (a
`DateFormat`, the format lookup, the month's name through gettext): some 50 µs a date. The same
few hundred days come back on every page, so each (day, language) is formatted once per process.
"""

import datetime
import functools

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()

# The long form of a day on every public page: "1 maart 2019", "1 March 2019".
LONG_DATE_FORMAT = "j F Y"


@functools.lru_cache(maxsize=4096)
def _time_element(day: datetime.date, language: str | None) -> str:
    with translation.override(language):
        text = date_format(day, LONG_DATE_FORMAT)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


@register.simple_tag
def time_element(value):
    """The `<time>` element of a date (a datetime shows its local day); "" for no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _time_element(value, translation.get_language())
