"""The section index pages (clips, blog, research): made through the real admin, once per tree."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

from blog.models import BlogIndexPage
from home.models import HomePage
from kennisclips.models import KennisclipIndexPage
from studies.models import StudyIndexPage

INDEX_TYPES = [
    (KennisclipIndexPage, "kennisclips", "Kennisclips"),
    (BlogIndexPage, "blog", "Blog"),
    (StudyIndexPage, "onderzoek", "Onderzoek"),
]


def test_home_page_allows_exactly_the_section_indexes():
    assert set(HomePage.allowed_subpage_models()) == {model for model, _, _ in INDEX_TYPES}
    for model, _, _ in INDEX_TYPES:
        assert model.allowed_parent_page_models() == [HomePage]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "slug", "title"), INDEX_TYPES)
def test_editor_creates_a_section_index_through_the_admin_once(
    admin_user_client, home_pages, model, slug, title
):
    home = home_pages["nl"]
    add_url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{home.pk}/"
    data = nested_form_data(
        {"title": title, "slug": slug, "intro": "Wat je hier vindt.", "action-publish": "publish"}
    )
    response = admin_user_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:1000]
    index = model.objects.child_of(home).get()
    assert index.live and index.intro == "Wat je hier vindt."
    page = admin_user_client.get(f"/nl/{slug}/")
    assert page.status_code == 200
    assert title in page.content.decode()
    # A second index of the same kind in the same tree is refused.
    assert not model.can_create_at(Page.objects.get(pk=home.pk).specific)
    assert admin_user_client.post(add_url, data).status_code in {302, 403}
    assert model.objects.child_of(home).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_label",
    [
        "home.HomePage",
        "kennisclips.KennisclipIndexPage",
        "kennisclips.KennisclipPage",
        "blog.BlogIndexPage",
        "blog.BlogPostPage",
        "studies.StudyIndexPage",
        "studies.StudyPage",
    ],
)
def test_editor_forms_compare_with_the_pages_own_values(model_label):
    """No hidden-initial inputs: an unchanged page is not a changed page (workflow approvals)."""
    from django.apps import apps

    from tests.conftest import make_user

    model = apps.get_model(model_label)
    form_class = model.get_edit_handler().get_form_class()
    form = form_class(instance=model(), for_user=make_user("beheerder", superuser=True))
    assert not [name for name, field in form.fields.items() if field.show_hidden_initial]
