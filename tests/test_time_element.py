"""`{% time_element %}`: the day every public page shows, in the visitor's language."""

import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from home.templatetags.dates import time_element

TEMPLATE = Template("{% load dates %}{% time_element day %}")


def render(day, language):
    with translation.override(language):
        return TEMPLATE.render(Context({"day": day}))


def test_a_day_is_written_in_the_active_language_each_time():
    day = datetime.date(2019, 3, 1)
    assert render(day, "nl") == '<time datetime="2019-03-01">1 maart 2019</time>'
    assert render(day, "en") == '<time datetime="2019-03-01">1 March 2019</time>'
    assert render(day, "nl") == '<time datetime="2019-03-01">1 maart 2019</time>'


def test_a_moment_shows_its_day_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    late_evening_utc = datetime.datetime(2018, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert render(late_evening_utc, "nl") == '<time datetime="2019-01-01">1 januari 2019</time>'


def test_no_date_writes_nothing():
    assert render(None, "nl") == ""
    with translation.override("nl"):
        assert time_element("") == ""
