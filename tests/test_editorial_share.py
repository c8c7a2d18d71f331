"""Share a draft: secret, time-limited, revocable preview links (issue 4, item 7)."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from blog.models import BlogPostPage
from editorial.models import ShareLink, hash_token
from tests.test_editorial_helpers import build_site, make_draft


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def login(client, user):
    client.force_login(user)
    return client


def share_url(page):
    return f"/admin/editorial/share/{page.pk}/"


def make_link(client, page, days=7):
    response = client.post(share_url(page), {"days": days})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "no-store" in response["Cache-Control"]
    match = re.search(
        r'value="(https?://[^"]+/share/([A-Za-z0-9_-]+)/)"', response.content.decode()
    )
    assert match, "the new link is shown once"
    return match.group(2)


def live_post_with_draft(site, owner):
    """A live post whose latest revision (a draft) differs from what is live."""
    post = make_draft(site["blog_nl"], owner, "Stage verslag", site["person"], live=True)
    post.intro = "Concepttekst die nog niet gepubliceerd is."
    post.save_revision(user=owner)
    return BlogPostPage.objects.get(pk=post.pk)


# Making links


@pytest.mark.django_db
def test_author_makes_a_link_stored_only_as_a_hash_and_logged(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Mijn concept", site["person"])
    token = make_link(login(client, site["student"]), post, days=3)
    link = ShareLink.objects.get()
    assert link.page_id == post.pk and link.created_by == site["student"]
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    assert len(token) >= 43
    remaining = link.expires_at - timezone.now()
    assert datetime.timedelta(days=2, hours=23) < remaining <= datetime.timedelta(days=3)
    entry = PageLogEntry.objects.get(page=post, action="editorial.share_link.create")
    assert entry.user == site["student"] and entry.data["share_link_id"] == link.pk
    # The history view can format the registered action.
    assert str(entry.message) == "Deellink voor het concept aangemaakt"


@pytest.mark.django_db
def test_default_is_seven_days_and_bounds_are_enforced(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Grenzen", site["person"])
    login(client, site["student"])
    html = client.get(share_url(post)).content.decode()
    assert 'value="7"' in html
    for days in (0, 31, "abc", ""):
        response = client.post(share_url(post), {"days": days})
        assert response.status_code == 200
    assert not ShareLink.objects.exists()


@pytest.mark.django_db
def test_editor_makes_a_link_for_any_page(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Van een student", site["person"])
    make_link(login(client, site["editor"]), post)
    assert ShareLink.objects.get().created_by == site["editor"]
    entry = PageLogEntry.objects.get(page=post, action="editorial.share_link.create")
    assert entry.user == site["editor"]


@pytest.mark.django_db
def test_another_student_cannot_make_see_or_revoke_links(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Niet van jou", site["person"])
    live = make_draft(site["blog_nl"], site["student"], "Live stuk", site["person"], live=True)
    owner = login(client.__class__(), site["student"])
    make_link(owner, post)
    make_link(owner, live)
    link = ShareLink.objects.get(page=post)
    other = login(client, site["student2"])
    # A draft of someone else: not even its existence.
    assert other.get(share_url(post)).status_code == 404
    assert other.post(share_url(post), {"days": 7}).status_code == 404
    assert other.post(f"{share_url(post)}revoke/{link.pk}/").status_code == 404
    # A live page of someone else: refused (Wagtail's admin answers a denial with a redirect).
    for response in (other.get(share_url(live)), other.post(share_url(live), {"days": 7})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert ShareLink.objects.count() == 2
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None
    # The edit view offers the menu item to the owner only.
    html = owner.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert share_url(post) in html
    assert not PageLogEntry.objects.filter(user=site["student2"]).exists()


@pytest.mark.django_db
def test_students_see_only_their_own_links_editors_all(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Gedeeld stuk", site["person"])
    make_link(login(client.__class__(), site["editor"]), post)
    student = login(client, site["student"])
    html = student.get(share_url(post)).content.decode()
    assert "Er zijn nog geen deellinks." in html and "<td>Rosa</td>" not in html
    editor_link = ShareLink.objects.get()
    assert student.post(f"{share_url(post)}revoke/{editor_link.pk}/").status_code == 404
    assert ShareLink.objects.get().revoked_at is None
    make_link(student, post)
    html = login(client.__class__(), site["editor"]).get(share_url(post)).content.decode()
    assert "<td>Rosa</td>" in html and "<td>Sam</td>" in html


@pytest.mark.django_db
def test_anonymous_users_cannot_reach_the_admin_view(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Anoniem", site["person"])
    response = client.post(share_url(post), {"days": 7})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ShareLink.objects.exists()


# The public preview


@pytest.mark.django_db
def test_the_link_shows_the_latest_draft_marked_as_a_preview(client, site):
    post = live_post_with_draft(site, site["student"])
    token = make_link(login(client.__class__(), site["student"]), post)
    response = client.get(f"/share/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Concepttekst die nog niet gepubliceerd is." in html
    assert "Over Stage verslag." not in html  # the live intro is not shown instead
    assert "Voorbeeld van een concept" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    # The live page itself is unchanged and carries no banner.
    live = client.get("/nl/blog/stage-verslag/").content.decode()
    assert "Over Stage verslag." in live and "Voorbeeld van een concept" not in live


@pytest.mark.django_db
def test_a_never_published_english_draft_shows_in_english(client, site):
    post = make_draft(site["blog_en"], site["student"], "Placement notes", site["person"])
    token = make_link(login(client.__class__(), site["editor"]), post)
    html = client.get(f"/share/{token}/").content.decode()
    assert "Tekst van Placement notes." in html
    assert "Draft preview" in html and "Voorbeeld van een concept" not in html
    assert '<html lang="en">' in html
    assert client.get("/en/blog/placement-notes/").status_code == 404


@pytest.mark.django_db
def test_expired_and_revoked_links_answer_404(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Verlopen", site["person"])
    owner = login(client.__class__(), site["student"])
    expired, revoked = make_link(owner, post), make_link(owner, post)
    ShareLink.objects.filter(token_hash=hash_token(expired)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/share/{expired}/").status_code == 404
    assert client.get(f"/share/{revoked}/").status_code == 200
    link = ShareLink.objects.get(token_hash=hash_token(revoked))
    response = owner.post(f"{share_url(post)}revoke/{link.pk}/")
    assert response.status_code == 302
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None
    assert client.get(f"/share/{revoked}/").status_code == 404
    entry = PageLogEntry.objects.get(page=post, action="editorial.share_link.revoke")
    assert entry.user == site["student"]
    html = owner.get(share_url(post)).content.decode()
    assert "Ingetrokken" in html and "Verlopen" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/share/" + "A" * 43 + "/",
        "/share/onbekend/",
        "/share//",
        "/share/" + "x" * 10_000 + "/",
        "/share/%00/",
        "/share/%3Cscript%3E/",
        "/share/" + "é" * 50 + "/",
    ],
)
def test_bad_tokens_answer_404(client, site, path):
    post = make_draft(site["blog_nl"], site["student"], "Geheim", site["person"])
    make_link(login(client.__class__(), site["student"]), post)
    response = client.get(path)
    assert response.status_code == 404
    assert "Tekst van Geheim." not in response.content.decode()


@pytest.mark.django_db
def test_hash_of_a_token_cannot_be_used_as_token(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Hash", site["person"])
    make_link(login(client.__class__(), site["student"]), post)
    stored = ShareLink.objects.get().token_hash
    assert client.get(f"/share/{stored}/").status_code == 404


@pytest.mark.django_db
def test_deleting_the_page_deletes_its_links(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Weg", site["person"])
    token = make_link(login(client.__class__(), site["student"]), post)
    post.delete()
    assert not ShareLink.objects.exists()
    assert client.get(f"/share/{token}/").status_code == 404
