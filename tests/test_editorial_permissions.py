"""Who may do what in the admin: other students' drafts stay hidden, and the permission matrix."""

import pytest
from django.test import Client
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, WorkflowState

from blog.models import BlogPostPage
from tests.test_editorial_helpers import (
    add_url,
    approve_url,
    build_site,
    make_draft,
    post_form,
)

HIDDEN_TITLE = "Geheim concept van Sam"


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Another student's draft is invisible, titles included


@pytest.fixture
def hidden(site):
    post = make_draft(site["blog_nl"], site["student"], HIDDEN_TITLE, site["person"])
    post.get_workflow().start(post, site["student"])
    return post


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{blog}/",
        "/admin/pages/search/?q=Geheim",
        "/admin/pages/search/results/?q=Geheim",
        "/admin/choose-page/{blog}/",
        "/admin/choose-page/search/?q=Geheim",
        "/admin/api/main/pages/?child_of={blog}&for_explorer=1",
        "/admin/api/main/pages/?child_of={blog}",
        "/admin/api/main/pages/?search=Geheim",
        "/admin/",
    ],
)
def test_other_students_draft_title_is_not_listed(site, hidden, url):
    url = url.format(blog=site["blog_nl"].pk)
    response = client_for(site["student2"]).get(url)
    assert response.status_code == 200
    assert HIDDEN_TITLE not in response.content.decode()
    # The author and the editor do see it where it is listed.
    if "search" in url or url.endswith(f"/{site['blog_nl'].pk}/"):
        for user in (site["student"], site["editor"]):
            assert HIDDEN_TITLE in client_for(user).get(url).content.decode(), (user, url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{id}/",
        "/admin/pages/{id}/edit/",
        "/admin/pages/{id}/edit/preview/",
        "/admin/pages/{id}/view_draft/",
        "/admin/pages/{id}/history/",
        "/admin/pages/{id}/revisions/",
        "/admin/pages/{id}/workflow_history/",
        "/admin/pages/{id}/usage/",
        "/admin/pages/{id}/copy/",
        "/admin/pages/{id}/move/",
        "/admin/pages/{id}/delete/",
        "/admin/pages/{id}/unpublish/",
        "/admin/api/main/pages/{id}/",
        "/admin/bulk/wagtailcore/page/publish/?id={id}",
        "/admin/bulk/wagtailcore/page/delete/?id={id}",
        "/admin/localize/submit/page/{id}/",
    ],
)
def test_other_students_draft_cannot_be_opened_by_url(site, hidden, url):
    response = client_for(site["student2"]).get(url.format(id=hidden.pk), follow=True)
    assert HIDDEN_TITLE not in response.content.decode()
    assert response.status_code in (403, 404) or response.redirect_chain


@pytest.mark.django_db
def test_workflow_preview_and_actions_of_another_students_draft_are_refused(site, hidden):
    student2 = client_for(site["student2"])
    task_state = hidden.current_workflow_state.current_task_state
    response = student2.get(f"/admin/pages/workflow/preview/{hidden.pk}/{task_state.task_id}/")
    assert HIDDEN_TITLE not in response.content.decode()
    student2.post(approve_url(hidden), {"comment": "Goed zo"})
    assert BlogPostPage.objects.get(pk=hidden.pk).current_workflow_state.status == "in_progress"
    assert not BlogPostPage.objects.get(pk=hidden.pk).live


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/sites/",
        "/admin/locales/",
        "/admin/redirects/",
        "/admin/collections/",
    ],
)
def test_students_reach_no_reports_users_groups_settings_or_workflows(site, url):
    response = client_for(site["student"]).get(url)
    assert response.status_code in (302, 403, 404), url
    if response.status_code == 302:
        assert response.url.rstrip("/") in ("/admin", "/admin/login"), response.url


@pytest.mark.django_db
def test_students_choose_only_their_own_images(site):
    from wagtail.images.models import Image

    collection = Collection.objects.get(name="Studenten")
    own = Image.objects.create(
        title="Mijn foto",
        file=get_test_image_file(),
        collection=collection,
        uploaded_by_user=site["student"],
    )
    other = Image.objects.create(
        title="Foto van Noor",
        file=get_test_image_file(),
        collection=collection,
        uploaded_by_user=site["student2"],
    )
    html = client_for(site["student"]).get("/admin/images/chooser/").content.decode()
    assert own.title in html and other.title not in html
    editor_html = client_for(site["editor"]).get("/admin/images/chooser/").content.decode()
    assert own.title in editor_html and other.title in editor_html


@pytest.mark.django_db
def test_students_upload_images_into_the_student_collection_only(site):
    response = client_for(site["student"]).get("/admin/images/multiple/add/")
    assert response.status_code == 200
    collections = response.context["collections"]
    assert [c.name for c in collections or []] in ([], ["Studenten"])


# The permission matrix: every role against every action, through the admin URLs

ROLES = ["anonymous", "student", "student2", "editor", "admin"]
ALLOWED = {
    #                  anonymous student student2 editor admin
    "view_draft": (False, True, False, True, True),
    "preview": (False, True, False, True, True),
    "edit_own": (False, True, True, True, True),
    "edit_another": (False, False, False, True, True),
    "submit": (False, True, True, True, True),
    "approve": (False, False, False, True, True),
    "request_changes": (False, False, False, True, True),
    "publish_directly": (False, False, False, True, True),
    "unpublish": (False, False, False, True, True),
    "delete_another": (False, False, False, True, True),
    "translate": (False, False, False, True, True),
    "reach_users_and_settings": (False, False, False, False, True),
}


@pytest.fixture
def matrix(site):
    """The student's draft (`draft`), one in review (`in_review`) and a live post (`live`)."""
    return {
        **site,
        "draft": make_draft(site["blog_nl"], site["student"], "Concept van Sam", site["person"]),
        "in_review": _in_review(site),
        "live": make_draft(
            site["blog_nl"], site["student"], "Live van Sam", site["person"], live=True
        ),
    }


def _in_review(site):
    post = make_draft(site["blog_nl"], site["student"], "Review van Sam", site["person"])
    post.get_workflow().start(post, site["student"])
    return post


def _own_draft(m, role):
    """A draft that the role's user owns (anonymous has none: the student's is used)."""
    owner = m[role] if role != "anonymous" else m["student"]
    if role == "student":
        return m["draft"]
    return make_draft(m["blog_nl"], owner, f"Eigen concept {role}", m["person"])


def _others_draft(m, role):
    if role == "student":
        return make_draft(m["blog_nl"], m["student2"], "Concept van Noor", m["person"])
    return m["draft"]


def _edit(client, page, m, **extra):
    data = post_form(page.title, m["person"], intro="Bewerkt.", **extra)
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    return BlogPostPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def do_view_draft(client, m, role):
    response = client.get(f"/admin/pages/{m['draft'].pk}/view_draft/")
    return response.status_code == 200 and "Tekst van Concept van Sam" in response.content.decode()


def do_preview(client, m, role):
    page = m["draft"]
    data = post_form(page.title, m["person"], intro="Voorvertoning.")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(url, data)
    if posted.status_code != 200 or posted.headers.get("Content-Type") != "application/json":
        return False
    response = client.get(url)
    return response.status_code == 200 and "Voorvertoning." in response.content.decode()


def do_edit_own(client, m, role):
    return _edit(client, _own_draft(m, role), m).intro == "Bewerkt."


def do_edit_another(client, m, role):
    return _edit(client, _others_draft(m, role), m).intro == "Bewerkt."


def do_submit(client, m, role):
    page = _own_draft(m, role)
    _edit(client, page, m, **{"action-submit": "1"})
    state = Page.objects.get(pk=page.pk).current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def do_approve(client, m, role):
    client.post(approve_url(m["in_review"]), {"comment": "Akkoord"})
    return BlogPostPage.objects.get(pk=m["in_review"].pk).live


def do_request_changes(client, m, role):
    client.post(approve_url(m["in_review"], "reject"), {"comment": "Graag aanpassen"})
    state = Page.objects.get(pk=m["in_review"].pk).current_workflow_state
    return state.status == WorkflowState.STATUS_NEEDS_CHANGES


def do_publish_directly(client, m, role):
    page = _own_draft(m, role)
    _edit(client, page, m, **{"action-publish": "publish"})
    return BlogPostPage.objects.get(pk=page.pk).live


def do_unpublish(client, m, role):
    client.post(f"/admin/pages/{m['live'].pk}/unpublish/")
    return not BlogPostPage.objects.get(pk=m["live"].pk).live


def do_delete_another(client, m, role):
    page = _others_draft(m, role)
    client.post(f"/admin/pages/{page.pk}/delete/")
    return not Page.objects.filter(pk=page.pk).exists()


def do_translate(client, m, role):
    english = Locale.objects.get(language_code="en")
    client.post(f"/admin/localize/submit/page/{m['live'].pk}/", {"locales": [english.pk]})
    return Page.objects.filter(translation_key=m["live"].translation_key, locale=english).exists()


def do_reach_users_and_settings(client, m, role):
    urls = ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/"]
    return all(client.get(url).status_code == 200 for url in urls)


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(matrix, role, action):
    user = None if role == "anonymous" else matrix[role]
    expected = ALLOWED[action][ROLES.index(role)]
    done = globals()[f"do_{action}"](client_for(user), matrix, role)
    assert done is expected, f"{role} {action}: expected {expected}, got {done}"


@pytest.mark.django_db
def test_students_add_only_under_blog_and_research(site, home_pages):
    student = client_for(site["student"])
    response = student.get(add_url(site["blog_nl"]))
    assert response.status_code == 200
    response = student.get(f"/admin/pages/add/studies/studypage/{site['studies_en'].pk}/")
    assert response.status_code == 200
    response = student.get(f"/admin/pages/add/home/homepage/{Page.get_first_root_node().pk}/")
    assert response.status_code != 200
    response = student.get(f"/admin/pages/{home_pages['nl'].pk}/add_subpage/")
    assert response.status_code != 200
