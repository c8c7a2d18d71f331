"""Study pages: type rules, every section, the report and citation, the admin, the index, demo."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from PIL import PdfParser
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from home.snippets import Person, PersonRole, Theme
from studies.demo import REPORT_TITLE, load_demo
from studies.models import StudyIndexPage, StudyPage

# --- helpers -------------------------------------------------------------------------------


def make_index(home, title="Onderzoek", slug="onderzoek", intro="Wat we onderzochten."):
    index = StudyIndexPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_person(name="Helma", role=PersonRole.TEAM_MEMBER, english_name=None):
    person = Person.objects.create(
        locale=Locale.objects.get(language_code="nl"), name=name, role=role
    )
    if english_name:
        english = person.copy_for_translation(Locale.objects.get(language_code="en"))
        english.name = english_name
        english.save()
    return person


def make_theme(name="Eenzaamheid", slug="eenzaamheid", english=None):
    theme = Theme.objects.create(
        locale=Locale.objects.get(language_code="nl"), name=name, slug=slug
    )
    if english:
        translated = theme.copy_for_translation(Locale.objects.get(language_code="en"))
        translated.name, translated.slug = english
        translated.save()
    return theme


def make_document(title="Rapport", size=2048):
    document = get_document_model()(
        title=title, file=ContentFile(b"%PDF-1.4\n" + b"x" * (size - 9), name="rapport.pdf")
    )
    document._set_document_file_metadata()  # as the admin's upload form does
    document.save()
    return document


def make_study(index, *, authors=(), themes=(), publish=True, **fields):
    values = {
        "title": "Van en met elkaar leren",
        "slug": "van-en-met-elkaar-leren",
        "summary": "Een evaluatie van het samen leren in het werkteam.",
        "date": datetime.date(2019, 11, 30),
        "research_question": "<p>Was er sprake van transformatief leren?</p>",
        "method": "<p>Een evaluatie achteraf.</p><h3>Begrippen</h3><ul><li>Zelfbeeld</li></ul>",
        "effective_factors": [
            {
                "type": "factor",
                "value": {"name": "Een gemengd team", "explanation": "<p>Elk een invalshoek.</p>"},
            },
            {
                "type": "factor",
                "value": {"name": "Samen uitproberen", "explanation": "<p>In de wijk.</p>"},
            },
        ],
        "findings": "<p>Kennis werd gedeeld en gecreëerd.</p>",
        "conclusions": (
            "<p>Er was professioneel leren.</p><h3>Opbrengst</h3><ul><li>Clips</li></ul>"
        ),
    }
    values.update(fields)
    study = StudyPage(**values)
    for person in authors:
        study.authors.add(study.authors.model(person=person))
    study.themes.set(list(themes))
    study.live = publish
    index.add_child(instance=study)
    revision = study.save_revision()
    if publish:
        revision.publish()
        study.refresh_from_db()
    return study


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def translate_page(page, **fields):
    """An English copy of `page`, as wagtail-localize would make it, published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english


@pytest.fixture
def index(home_pages):
    return make_index(home_pages["nl"])


# --- type rules ----------------------------------------------------------------------------


HOME_ALLOWS_INDEX = StudyIndexPage in HomePage.allowed_subpage_models()


class TestStudyPageTypeRules(WagtailPageTestCase):
    def test_index_is_declared_for_home_pages_and_holds_only_studies(self):
        assert StudyIndexPage.parent_page_types == ["home.HomePage"]
        assert StudyIndexPage.clean_parent_page_models() == [HomePage]
        self.assertAllowedSubpageTypes(StudyIndexPage, {StudyPage})

    @pytest.mark.skipif(
        not HOME_ALLOWS_INDEX,
        reason="HomePage.subpage_types does not list studies.StudyIndexPage yet (lead adds it)",
    )
    def test_index_can_be_created_under_a_home_page_once(self):
        self.assertAllowedParentPageTypes(StudyIndexPage, {HomePage})
        home = HomePage.objects.get(locale__language_code="nl")
        assert StudyIndexPage.can_create_at(home)
        make_index(home)
        assert not StudyIndexPage.can_create_at(home)

    def test_study_lives_only_under_the_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(StudyPage, {StudyIndexPage})
        self.assertAllowedSubpageTypes(StudyPage, set())

    def test_one_index_per_language_tree(self):
        assert StudyIndexPage.max_count_per_parent == 1
        index = make_index(HomePage.objects.get(locale__language_code="nl"))
        assert StudyPage.can_create_at(index)
        make_study(index)
        assert StudyPage.can_create_at(index)  # any number of studies
        assert not StudyIndexPage.can_exist_under(index)
        assert not StudyPage.can_exist_under(index.get_parent())


# --- the study page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_study_page_renders_every_section_in_order_with_a_table_of_contents(client, index):
    report = make_document("Evaluatierapport", size=3 * 1024)
    make_study(
        index,
        authors=[make_person("Helma"), make_person("Saskia")],
        themes=[make_theme()],
        report=report,
        report_link_text="Lees het rapport",
        body=[
            {"type": "heading", "value": {"text": "Verder lezen", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Meer in de kennisclips.</p>"},
        ],
    )
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    main = soup.find("main")
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Van en met elkaar leren"]
    assert "Een evaluatie van het samen leren in het werkteam." in main.get_text()

    sections = [
        "Onderzoeksvraag",
        "Werkwijze",
        "Werkzame factoren",
        "Bevindingen",
        "Conclusies",
        "Verder lezen",
        "Rapport",
        "Bronvermelding",
    ]
    toc = main.find("nav", attrs={"aria-labelledby": "study-toc-title"})
    links = toc.find_all("a")
    assert [link.get_text(strip=True) for link in links] == sections
    # Every table-of-contents link points at the heading with that text.
    for link in links:
        target = main.find(id=link["href"].removeprefix("#"))
        assert target.name == "h2"
        assert target.get_text(strip=True) == link.get_text(strip=True)
    assert [a["href"] for a in links][:3] == [
        "#onderzoeksvraag",
        "#werkwijze",
        "#werkzame-factoren",
    ]
    # The outline: one h1, then h2 sections with h3 inside them; no level is skipped.
    levels = [int(tag.name[1]) for tag in main.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    content = main.find(class_="study__content")
    assert [h2.get_text(strip=True) for h2 in content.find_all("h2")] == sections

    text = content.get_text(" ", strip=True)
    for expected in [
        "Was er sprake van transformatief leren?",
        "Een evaluatie achteraf.",
        "Kennis werd gedeeld en gecreëerd.",
        "Er was professioneel leren.",
        "Meer in de kennisclips.",
    ]:
        assert expected in text
    assert content.find("h3", string="Begrippen") and content.find("h3", string="Opbrengst")

    header = main.find(class_="study__header")
    assert "Helma" in header.get_text() and "Saskia" in header.get_text()
    assert "Werkteamlid" in header.get_text()
    assert header.find("time")["datetime"] == "2019-11-30"
    assert "30 november 2019" in header.get_text()
    assert "Eenzaamheid" in header.get_text()


@pytest.mark.django_db
def test_effective_factors_are_a_definition_list(client, index):
    make_study(index)
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    heading = soup.find("h2", id="werkzame-factoren")
    assert heading.get_text(strip=True) == "Werkzame factoren"
    factors = heading.find_next("dl", class_="study-factors")
    assert [dt.get_text(strip=True) for dt in factors.find_all("dt")] == [
        "Een gemengd team",
        "Samen uitproberen",
    ]
    assert [dd.get_text(strip=True) for dd in factors.find_all("dd")] == [
        "Elk een invalshoek.",
        "In de wijk.",
    ]
    # Groups of dt/dd wrapped in div are valid HTML and give each factor a card.
    assert all(child.name == "div" for child in factors.find_all(recursive=False))


@pytest.mark.django_db
def test_empty_sections_are_left_out_of_the_page_and_the_table_of_contents(client, index):
    make_study(index, method="", effective_factors=[], findings="<p></p>", conclusions="")
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    toc = [a.get_text(strip=True) for a in soup.select(".study-toc a")]
    assert toc == ["Onderzoeksvraag", "Bronvermelding"]
    assert not soup.find(id="werkzame-factoren")
    assert not soup.find(class_="study-factors")


@pytest.mark.django_db
def test_body_headings_get_unique_anchors(client, index):
    make_study(
        index,
        body=[
            {"type": "heading", "value": {"text": "Bevindingen", "level": "h2"}},
            {"type": "heading", "value": {"text": "Details", "level": "h3"}},
            {"type": "heading", "value": {"text": "Main", "level": "h2"}},
        ],
    )
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    hrefs = [a["href"] for a in soup.select(".study-toc a")]
    assert "#bevindingen" in hrefs and "#bevindingen-2" in hrefs
    # An id base.html already uses is never taken.
    assert "#main-2" in hrefs and soup.find_all(id="main").__len__() == 1
    assert len(hrefs) == len(set(hrefs))
    assert "Details" not in [a.get_text() for a in soup.select(".study-toc a")]


@pytest.mark.django_db
def test_report_link_shows_file_type_and_size(client, index):
    report = make_document("Evaluatierapport", size=3 * 1024)
    make_study(index, report=report)
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    link = soup.find("a", class_="study-report__link")
    assert link["href"] == report.url
    assert link.has_attr("download")
    # Without link text of its own, the document's title; type and size inside the link text.
    assert " ".join(link.get_text().split()) == "Evaluatierapport (PDF, 3,0 KB)"


@pytest.mark.django_db
def test_report_link_text_is_editable_and_translated_pages_share_the_report(client, index):
    report = make_document(size=2048)
    study = make_study(index, report=report, report_link_text="Lees het volledige rapport")
    english_index = translate_page(index, title="Research", slug="research")
    assert english_index.slug == "research"
    translate_page(study, report_link_text="Read the full report")
    nl = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    en = soup_of(client.get("/en/research/van-en-met-elkaar-leren/"))
    nl_link = " ".join(nl.find("a", class_="study-report__link").get_text().split())
    en_link = " ".join(en.find("a", class_="study-report__link").get_text().split())
    assert nl_link == "Lees het volledige rapport (PDF, 2,0 KB)"
    assert en_link == "Read the full report (PDF, 2.0 KB)"
    assert en.find("h2", id="report").get_text(strip=True) == "Report"


@pytest.mark.django_db
def test_no_report_section_without_a_report(client, index):
    make_study(index)
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    assert not soup.find(class_="study-report")
    assert "Rapport" not in [a.get_text() for a in soup.select(".study-toc a")]


@pytest.mark.django_db
def test_cite_as_suggestion_from_authors_year_title_and_address(client, index):
    make_study(index, authors=[make_person("Helma"), make_person("Saskia")])
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    citation = soup.find(class_="study-citation").get_text(strip=True)
    assert citation == (
        "Helma en Saskia (2019). Van en met elkaar leren. Kennisbank Verbondenheid & Veerkracht. "
        "http://testserver/nl/onderzoek/van-en-met-elkaar-leren/"
    )
    assert soup.find(class_="study-citation__note")


@pytest.mark.django_db
def test_cite_as_suggestion_without_authors_starts_with_the_title(client, index):
    make_study(index)
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    assert (
        soup.find(class_="study-citation")
        .get_text(strip=True)
        .startswith("Van en met elkaar leren (2019). Kennisbank")
    )


@pytest.mark.django_db
def test_an_explicit_cite_as_replaces_the_suggestion(client, index):
    text = "Werkteam (2019). Van en met elkaar leren. Hogeschool, afdeling <onderzoek>."
    make_study(index, authors=[make_person()], cite_as=text)
    response = client.get("/nl/onderzoek/van-en-met-elkaar-leren/")
    soup = soup_of(response)
    assert soup.find(class_="study-citation").get_text(strip=True) == text
    assert not soup.find(class_="study-citation__note")
    assert "afdeling &lt;onderzoek&gt;" in response.content.decode()


@pytest.mark.django_db
def test_english_page_shows_english_people_themes_and_headings(client, index):
    helma = make_person("Helma", english_name="Helma (EN)")
    theme = make_theme(english=("Loneliness", "loneliness"))
    study = make_study(index, authors=[helma], themes=[theme])
    translate_page(index, title="Research", slug="research")
    translate_page(study, title="Learning together", slug="learning-together")
    soup = soup_of(client.get("/en/research/learning-together/"))
    header = soup.find(class_="study__header").get_text()
    assert "Helma (EN)" in header and "Work team member" in header
    assert "Loneliness" in header and "Eenzaamheid" not in header
    assert soup.find("h2", id="effective-factors").get_text(strip=True) == "Effective factors"
    assert (
        soup.find(class_="study-citation")
        .get_text(strip=True)
        .startswith("Helma (EN) (2019). Learning together.")
    )
    data = json_ld(soup)
    assert data["inLanguage"] == "en"
    assert data["author"] == [
        {"@type": "Person", "name": "Helma (EN)", "jobTitle": "Work team member"}
    ]
    assert data["keywords"] == ["Loneliness"]


@pytest.mark.django_db
def test_summary_is_the_meta_description_and_json_ld_is_a_scholarly_article(client, index):
    report = make_document("Evaluatierapport", size=4096)
    make_study(
        index,
        authors=[make_person("Helma")],
        themes=[make_theme(), make_theme("Ontmoeting", "ontmoeting")],
        report=report,
    )
    soup = soup_of(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    summary = "Een evaluatie van het samen leren in het werkteam."
    assert soup.find("meta", attrs={"name": "description"})["content"] == summary
    assert soup.find("meta", property="og:type")["content"] == "article"
    data = json_ld(soup)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "Van en met elkaar leren"
    assert data["datePublished"] == "2019-11-30"
    assert data["abstract"] == summary
    assert data["inLanguage"] == "nl"
    assert data["author"][0]["name"] == "Helma"
    assert [thing["name"] for thing in data["about"]] == ["Eenzaamheid", "Ontmoeting"]
    assert data["keywords"] == ["Eenzaamheid", "Ontmoeting"]
    media = data["encoding"]
    assert media == data["associatedMedia"]
    assert media["@type"] == "MediaObject"
    assert media["encodingFormat"] == "application/pdf"
    assert media["contentUrl"] == "http://testserver" + report.url
    assert media["contentSize"] == "4.0 KB"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 12])
def test_study_page_query_cost_does_not_grow_with_authors_and_themes(
    client, index, count, django_assert_max_num_queries
):
    people = [make_person(f"Persoon {n}", english_name=f"Person {n}") for n in range(count)]
    themes = [
        make_theme(f"Thema {n}", f"thema-{n}", english=(f"Theme {n}", f"theme-{n}"))
        for n in range(count)
    ]
    study = make_study(index, authors=people, themes=themes, report=make_document())
    translate_page(index, title="Research", slug="research")
    english = translate_page(study)
    for url in ["/nl/onderzoek/van-en-met-elkaar-leren/", english.url]:
        client.get(url)
        with django_assert_max_num_queries(STUDY_QUERY_BUDGET):
            assert client.get(url).status_code == 200
    assert "Person 0" in client.get(english.url).content.decode()


@pytest.mark.django_db
def test_date_report_and_themes_are_synchronised_between_languages():
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    synchronised = {
        field.field_name
        for field in get_translatable_fields(StudyPage)
        if isinstance(field, SynchronizedField)
    }
    assert {"date", "report", "themes", "authors"} <= synchronised


# --- editing through the real admin --------------------------------------------------------


def study_form_data(person, theme, **overrides):
    data = {
        "title": "Samen leren in de wijk",
        "slug": "samen-leren-in-de-wijk",
        "summary": "Wat professionals en studenten van elkaar leerden.",
        "date": "2019-06-01",
        "research_question": rich_text("<p>Wat leerden ze?</p>"),
        "method": rich_text("<p>Terugkijken.</p>"),
        "effective_factors": streamfield(
            [
                (
                    "factor",
                    {"name": "Oprechte ontmoetingen", "explanation": rich_text("<p>Echt.</p>")},
                ),
            ]
        ),
        "findings": rich_text("<p>Er werd geleerd.</p>"),
        "conclusions": rich_text("<p>Het werkte.</p>"),
        "body": streamfield([("paragraph", rich_text("<p>Nog iets.</p>"))]),
        "authors": inline_formset([{"person": str(person.pk)}]),
        "report": "",
        "report_link_text": "",
        "cite_as": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    form_data = nested_form_data(data)
    form_data["themes"] = [str(theme.pk)]
    return form_data


@pytest.mark.django_db
def test_editor_creates_and_publishes_a_study_through_the_admin(admin_user_client, index):
    person, theme = make_person("Elizabeth"), make_theme()
    response = admin_user_client.post(
        f"/admin/pages/add/studies/studypage/{index.pk}/", study_form_data(person, theme)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    study = StudyPage.objects.get(slug="samen-leren-in-de-wijk")
    assert study.live
    assert [author.person for author in study.authors.all()] == [person]
    assert list(study.themes.all()) == [theme]
    assert study.effective_factors[0].value["name"] == "Oprechte ontmoetingen"
    soup = soup_of(admin_user_client.get(study.url))
    assert soup.find("dt", string="Oprechte ontmoetingen")
    assert "Elizabeth" in soup.find(class_="study__header").get_text()
    assert "Nog iets." in soup.get_text()


@pytest.mark.django_db
def test_admin_refuses_a_factor_without_explanation(admin_user_client, index):
    data = study_form_data(
        make_person(),
        make_theme(),
        effective_factors=streamfield(
            [("factor", {"name": "Alleen een naam", "explanation": rich_text("")})]
        ),
    )
    response = admin_user_client.post(f"/admin/pages/add/studies/studypage/{index.pk}/", data)
    assert response.status_code == 200
    assert "effective_factors" in response.context["form"].errors
    assert not StudyPage.objects.exists()


@pytest.mark.django_db
def test_admin_add_form_offers_every_field(admin_user_client, index):
    response = admin_user_client.get(f"/admin/pages/add/studies/studypage/{index.pk}/")
    assert response.status_code == 200
    fields = response.context["form"].fields
    for name in [
        "summary",
        "date",
        "research_question",
        "method",
        "effective_factors",
        "findings",
        "conclusions",
        "body",
        "report",
        "report_link_text",
        "cite_as",
        "themes",
    ]:
        assert name in fields
        assert fields[name].help_text, name
    assert "authors" in response.context["form"].formsets


# --- the index -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_index_lists_live_public_studies_newest_first(client, index, home_pages):
    helma = make_person("Helma")
    make_study(index, title="Oud", slug="oud", date=datetime.date(2018, 3, 1), authors=[helma])
    make_study(index, title="Nieuw", slug="nieuw", date=datetime.date(2019, 11, 1))
    make_study(index, title="Concept", slug="concept", publish=False)
    private = make_study(index, title="Besloten", slug="besloten")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    other_index = make_index(home_pages["en"], title="Research", slug="research")
    make_study(other_index, title="English only", slug="english-only")

    soup = soup_of(client.get("/nl/onderzoek/"))
    assert soup.find("h1").get_text(strip=True) == "Onderzoek"
    assert "Wat we onderzochten." in soup.get_text()
    cards = soup.select(".study-card")
    assert [card.find("h2").get_text(strip=True) for card in cards] == ["Nieuw", "Oud"]
    old = cards[1]
    assert old.find("a")["href"] == "/nl/onderzoek/oud/"
    assert old.find("time")["datetime"] == "2018-03-01"
    assert "1 maart 2018" in old.get_text()
    assert "door Helma" in " ".join(old.get_text().split())
    assert "Een evaluatie van het samen leren in het werkteam." in old.get_text()


@pytest.mark.django_db
def test_empty_index_says_so(client, index):
    soup = soup_of(client.get("/nl/onderzoek/"))
    assert soup.find(class_="empty-state")


# Routing, site, menu and language switcher cost most of this; the listing itself costs a
# fixed handful (count, studies, authors with people, their translations).
INDEX_QUERY_BUDGET = 20
STUDY_QUERY_BUDGET = 24


def _fill_index(index, count):
    people = [
        make_person(f"Auteur {number}", english_name=f"Author {number}") for number in range(3)
    ]
    for number in range(count):
        make_study(
            index,
            title=f"Onderzoek {number}",
            slug=f"onderzoek-{number}",
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number),
            authors=people[: 1 + number % 3],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_index_query_count_is_fixed(client, home_pages, count, django_assert_max_num_queries):
    nl_index = make_index(home_pages["nl"])
    _fill_index(nl_index, count)
    translate_page(nl_index, title="Research", slug="research")
    for study in StudyPage.objects.child_of(nl_index):
        translate_page(study)
    for url in ["/nl/onderzoek/", "/en/research/"]:
        client.get(url)
        with django_assert_max_num_queries(INDEX_QUERY_BUDGET):
            response = client.get(url)
        assert len(soup_of(response).select(".study-card")) == min(count, 20)
    # The English listing shows the authors' English names.
    assert "Author 0" in client.get("/en/research/").content.decode()


@pytest.mark.django_db
def test_index_paginates_and_survives_bad_page_numbers(client, index):
    _fill_index(index, 23)
    first = soup_of(client.get("/nl/onderzoek/"))
    assert len(first.select(".study-card")) == 20
    assert first.find("a", rel="next")["href"] == "?page=2"
    second = soup_of(client.get("/nl/onderzoek/?page=2"))
    assert [card.find("h2").get_text(strip=True) for card in second.select(".study-card")] == [
        "Onderzoek 2",
        "Onderzoek 1",
        "Onderzoek 0",
    ]
    for bad in ["abc", "99999", "-1", "<script>alert(1)</script>"]:
        response = client.get("/nl/onderzoek/", {"page": bad})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_index_json_ld_is_a_collection_page(client, index):
    data = json_ld(soup_of(client.get("/nl/onderzoek/")))
    assert data["@type"] == "CollectionPage"
    assert data["name"] == "Onderzoek"
    assert data["description"] == "Wat we onderzochten."


# --- the demo content ----------------------------------------------------------------------


def _counts():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        Person.objects.count(),
        Theme.objects.count(),
    )


@pytest.mark.django_db
def test_demo_loader_builds_both_languages_once(
    client, home_pages, django_capture_on_commit_callbacks
):
    # The demo command runs in one transaction; wagtail-localize publishes on commit.
    with django_capture_on_commit_callbacks(execute=True):
        created = load_demo(home_pages)
    assert created
    counts = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo(home_pages) == []
    assert _counts() == counts

    nl_index = StudyIndexPage.objects.get(locale__language_code="nl")
    en_index = StudyIndexPage.objects.get(locale__language_code="en")
    assert (nl_index.slug, en_index.slug) == ("onderzoek", "research")
    assert nl_index.title == "Onderzoek" and en_index.title == "Research"
    assert StudyPage.objects.live().count() == 2

    nl_listing = soup_of(client.get("/nl/onderzoek/"))
    en_listing = soup_of(client.get("/en/research/"))
    nl_link = nl_listing.select_one(".study-card a")["href"]
    en_link = en_listing.select_one(".study-card a")["href"]
    assert nl_link == "/nl/onderzoek/evaluatie-van-en-met-elkaar-leren/"
    assert en_link.startswith("/en/research/")

    nl = soup_of(client.get(nl_link))
    en = soup_of(client.get(en_link))
    assert nl.find("h2", id="werkzame-factoren")
    assert en.find("h2", id="effective-factors")
    assert 4 <= len(nl.select(".study-factors dt")) <= 6
    assert len(en.select(".study-factors dt")) == len(nl.select(".study-factors dt"))
    assert "een van de werkteamleden" in nl.get_text().lower()
    assert "one of the work team members" in en.get_text().lower()
    assert "transformatief leren" in nl.get_text()
    assert "transformative learning" in en.get_text()
    # Nothing Dutch leaks into the English page's own text.
    en_text = en.find(class_="study__content").get_text()
    for dutch in ["Werkzame", "werkteamleden", "Bevindingen", "kennis gedeeld"]:
        assert dutch not in en_text
    for soup in (nl, en):
        link = soup.find("a", class_="study-report__link")
        assert "(PDF, " in link.get_text() and "KB)" in link.get_text()
        assert soup.find(class_="study-citation__note")
        assert json_ld(soup)["@type"] == "ScholarlyArticle"
        assert "author" not in json_ld(soup)  # the source names no author
    assert (
        nl.find("a", class_="study-report__link")["href"]
        == (en.find("a", class_="study-report__link")["href"])
    )


@pytest.mark.django_db
def test_demo_report_is_a_readable_pdf(client, home_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(home_pages)
    document = get_document_model().objects.get(title=REPORT_TITLE)
    assert document.file_extension == "pdf"
    assert 1024 < document.file_size < 100 * 1024
    with document.open_file() as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF-1.4")
    parser = PdfParser.PdfParser(buf=data)
    assert len(parser.pages) == 6
    assert parser.info[b"Title"] == REPORT_TITLE.encode("cp1252")
    assert b"(Werkzame factoren) Tj" in data and b"(English summary) Tj" in data
    assert document.content_type == "application/pdf"


@pytest.mark.django_db
def test_editor_previews_an_unsaved_study_with_its_authors(admin_user_client, index):
    person, theme = make_person("Elizabeth"), make_theme()
    preview_url = f"/admin/pages/add/studies/studypage/{index.pk}/preview/"
    response = admin_user_client.post(preview_url, study_form_data(person, theme))
    assert response.status_code == 200
    assert response.json()["is_valid"]
    soup = soup_of(admin_user_client.get(preview_url))
    assert "Elizabeth" in soup.find(class_="study__header").get_text()
    assert soup.find("dt", string="Oprechte ontmoetingen")
    assert "Elizabeth (2019). Samen leren in de wijk." in soup.find(class_="study-citation").text
    assert not StudyPage.objects.exists()
