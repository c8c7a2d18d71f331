"""The home page model: type rules, rendering, query cost and editing through the real admin."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage


class TestHomePageRules(WagtailPageTestCase):
    def test_lives_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_one_per_language_tree(self):
        root = Page.get_first_root_node()
        assert HomePage.objects.child_of(root).count() == 2
        assert not HomePage.can_create_at(root)


@pytest.mark.django_db
def test_home_page_renders_title_intro_body_and_one_h1(client, home_pages):
    home = home_pages["nl"]
    home.body = [
        {"type": "heading", "value": {"text": "Van en met elkaar leren", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Samen kennis <b>delen</b>.</p>"},
    ]
    home.save_revision().publish()
    response = client.get("/nl/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [home.title]
    assert soup.find("h2", string="Van en met elkaar leren")
    assert "Samen kennis <b>delen</b>." in response.content.decode()
    assert home.intro in soup.get_text()


@pytest.mark.django_db
def test_page_has_landmarks_and_a_skip_link(client, home_pages):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer")
    assert soup.find("form", role="search")["action"] == "/en/search/"
    assert soup.find("nav", attrs={"aria-label": "Language"})


@pytest.mark.django_db
def test_editor_publishes_the_home_page_body_through_the_admin(admin_user_client, home_pages):
    home = home_pages["en"]
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": "A new introduction.",
            "body": streamfield(
                [
                    ("heading", {"text": "Learning together", "level": "h2"}),
                    ("paragraph", rich_text("<p>Shared knowledge, shared practice.</p>")),
                ]
            ),
            "features": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_user_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home.refresh_from_db()
    assert home.intro == "A new introduction."
    page = admin_user_client.get("/en/")
    assert "Shared knowledge, shared practice." in page.content.decode()
    assert "Learning together" in page.content.decode()


@pytest.mark.django_db
def test_a_heading_without_text_is_refused_with_a_form_error(admin_user_client, home_pages):
    home = home_pages["nl"]
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": home.intro,
            "body": streamfield([("heading", {"text": "   ", "level": "h2"})]),
            "features": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_user_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    home.refresh_from_db()
    assert len(home.body) == 0
