"""The translation status report: per page, person and theme and per language, its state,
filters, a link to act, who may see it and what it costs."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from blog.models import BlogPostPage
from home.snippets import Person, PersonRole, Theme
from tests.test_editorial_helpers import build_site, make_draft
from tests.test_translation_helpers import dutch, english

REPORT = "/admin/reports/translations/"


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def translate(instance, *, publish):
    """A complete English translation through wagtail-localize, published or a draft."""
    translate_object(instance, [english()])
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=english()
    )
    catalogue = translation.export_po()
    for entry in catalogue:
        entry.msgstr = f"en-{entry.msgid}" if entry.msgid.islower() else f"EN {entry.msgid}"
    translation.import_po(catalogue)
    translation.save_target(publish=publish)
    target = translation.get_target_instance()
    if publish and isinstance(target, Page):
        target.get_latest_revision().publish()
    return translation


def post(site, title):
    return make_draft(site["blog_nl"], site["editor"], title, site["person"], live=True)


@pytest.fixture
def states(site):
    """One Dutch post in each state of its English translation, a theme without one."""
    missing = post(site, "Ontbrekend")
    live = post(site, "Vertaald")
    translate(live, publish=True)
    outdated = post(site, "Verouderd")
    translate(outdated, publish=True)
    outdated = BlogPostPage.objects.get(pk=outdated.pk)
    outdated.body.append(("paragraph", RichText("<p>Nieuw.</p>")))
    outdated.save_revision().publish()
    in_review = post(site, "Ter beoordeling")
    translate(in_review, publish=False)
    english_review = BlogPostPage.objects.get(
        translation_key=in_review.translation_key, locale=english()
    )
    english_review.get_workflow().start(english_review, site["editor"])
    draft = post(site, "Concept")
    translate(draft, publish=False)
    theme = Theme.objects.create(locale=dutch(), name="Eenzaamheid", slug="eenzaamheid")
    return {
        "missing": missing,
        "live": live,
        "outdated": outdated,
        "in_review": in_review,
        "draft": draft,
        "theme": theme,
    }


def report_rows(client, query=""):
    response = client.get(REPORT + query)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        (row.td.get_text(strip=True), row["data-language"]): row
        for row in soup.select("tr.translation-status__row")
    }


@pytest.mark.django_db
def test_each_state_is_reported_with_a_link_to_act(client, site, states):
    client.force_login(site["editor"])
    rows = report_rows(client, "?language=en")
    expected = {
        "Ontbrekend": ("missing", f"/admin/localize/submit/page/{states['missing'].pk}/"),
        "Vertaald": ("live", "/en/blog/en-vertaald/"),
        "Ter beoordeling": ("in_review", "/admin/pages/"),
        "Concept": ("draft", "/admin/pages/"),
    }
    for title, (state, link) in expected.items():
        row = rows[(title, "en")]
        assert row["data-state"] == state, title
        assert row.find("a", href=lambda href, link=link: href and href.startswith(link)), title
    outdated = rows[("Verouderd", "en")]
    assert outdated["data-state"] == "outdated"
    source = TranslationSource.objects.get(object_id=states["outdated"].translation_key)
    assert outdated.find("a", href=f"/admin/localize/update/{source.pk}/")
    theme = rows[("Eenzaamheid", "en")]
    assert (theme["data-state"], theme["data-kind"]) == ("missing", "theme")
    assert theme.find("a", href=f"/admin/localize/submit/snippet/home/theme/{states['theme'].pk}/")
    # Dutch-language labels for the Dutch admin
    assert "Verouderd" in outdated.get_text() and "Ontbreekt" in theme.get_text()


@pytest.mark.django_db
def test_a_synced_translation_is_no_longer_outdated(client, site, states):
    client.force_login(site["editor"])
    source = TranslationSource.objects.get(object_id=states["outdated"].translation_key)
    assert client.post(f"/admin/localize/update/{source.pk}/").status_code == 302
    row = report_rows(client, "?language=en")[("Verouderd", "en")]
    assert row["data-state"] == "draft"  # the sync's draft waits for translation and review


@pytest.mark.django_db
def test_filters_by_state_language_and_type(client, site, states):
    client.force_login(site["editor"])
    assert {key[0] for key in report_rows(client, "?state=missing&kind=page&language=en")} == {
        "Ontbrekend"
    }
    assert {key[0] for key in report_rows(client, "?kind=theme")} == {"Eenzaamheid"}
    assert {row["data-state"] for row in report_rows(client, "?state=live").values()} == {"live"}
    # Nothing is written in English here, so nothing is to be translated into Dutch.
    assert report_rows(client, "?language=nl") == {}
    english_only = make_draft(
        site["blog_en"], site["editor"], "Only English", site["person"], live=True
    )
    assert english_only.live
    rows = report_rows(client, "?language=nl")
    assert rows[("Only English", "nl")]["data-state"] == "missing"


@pytest.mark.django_db
def test_bad_filter_values_are_reported_not_crashed(client, site, states):
    client.force_login(site["editor"])
    response = client.get(REPORT + "?state=kapot&language=xx&kind=%00&p=-5")
    assert response.status_code == 200
    assert b"error-message" in response.content


@pytest.mark.django_db
def test_students_may_not_see_the_report(client, site, states):
    client.force_login(site["student"])
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"Ontbrekend" not in response.content
    html = client.get("/admin/").content.decode()
    assert REPORT not in html


@pytest.mark.django_db
def test_editors_find_the_report_in_the_reports_menu(client, site):
    client.force_login(site["editor"])
    assert REPORT in client.get("/admin/").content.decode()


def count_report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_report_costs_the_same_queries_for_3_and_30_items(client, site):
    client.force_login(site["editor"])
    for index in range(3):
        translate(post(site, f"Stuk {index}"), publish=True)
        Person.objects.create(locale=dutch(), name=f"Persoon {index}", role=PersonRole.STUDENT)
    client.get(REPORT)  # warm the per-process caches (content types, site roots)
    few = count_report_queries(client)
    for index in range(3, 30):
        item = post(site, f"Stuk {index}")
        if index % 2:
            translate(item, publish=index % 3 == 0)
        Theme.objects.create(locale=dutch(), name=f"Thema {index}", slug=f"thema-{index}")
    many = count_report_queries(client)
    assert many == few
