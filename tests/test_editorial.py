"""The editorial workflow through the real admin: groups, workflow, submissions, reviews, mails."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from blog.models import BlogPostPage
from editorial.models import SubmissionNote
from kennisclips.models import KennisclipIndexPage
from tests.test_editorial_helpers import (
    add_url,
    approve_url,
    build_site,
    make_draft,
    make_section,
    post_form,
)


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def login(client, user):
    client.force_login(user)
    return client


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


# Groups and rights (data migrations and signals)


@pytest.mark.django_db
def test_students_group_holds_only_admin_access_and_no_translation_right():
    assert codenames("Studenten") == {"wagtailadmin.access_admin"}
    assert not Permission.objects.filter(
        group__name="Studenten", codename="submit_translation"
    ).exists()


@pytest.mark.django_db
def test_editors_group_may_translate_and_manage_people_and_themes_but_not_users():
    names = codenames("Redacteuren")
    assert "wagtail_localize.submit_translation" in names
    for model in ("person", "theme"):
        assert {f"home.{action}_{model}" for action in ("add", "change", "delete")} <= names
    assert not any(name.startswith(("accounts.", "auth.", "wagtailcore.")) for name in names)


@pytest.mark.django_db
def test_students_upload_only_into_their_collection():
    collection = Collection.objects.get(name="Studenten")
    granted = {
        perm.permission.codename
        for perm in GroupCollectionPermission.objects.filter(group__name="Studenten")
    }
    assert granted == {"add_image", "choose_image", "add_document", "choose_document"}
    assert set(
        GroupCollectionPermission.objects.filter(group__name="Studenten").values_list(
            "collection", flat=True
        )
    ) == {collection.pk}


@pytest.mark.django_db
def test_editors_hold_every_page_right_on_both_language_trees(home_pages):
    for home in home_pages.values():
        actions = set(
            GroupPagePermission.objects.filter(group__name="Redacteuren", page=home).values_list(
                "permission__codename", flat=True
            )
        )
        assert actions == {
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        }


@pytest.mark.django_db
def test_blog_and_research_indexes_made_later_let_students_add_in_both_trees(site, home_pages):
    clips = make_section(home_pages["nl"], KennisclipIndexPage, "Kennisclips", "kennisclips")
    for key in ("blog_nl", "blog_en", "studies_nl", "studies_en"):
        rights = GroupPagePermission.objects.filter(group__name="Studenten", page=site[key])
        assert list(rights.values_list("permission__codename", flat=True)) == ["add_page"]
    assert not GroupPagePermission.objects.filter(group__name="Studenten", page=clips).exists()


@pytest.mark.django_db
def test_one_review_workflow_covers_both_trees_and_pages_made_later(site, home_pages):
    workflow = Workflow.objects.get(name="Redactionele review")
    assert [task.specific.groups.get().name for task in workflow.tasks] == ["Redacteuren"]
    post = make_draft(site["blog_en"], site["student"], "Later", site["person"])
    for page in (*home_pages.values(), site["blog_nl"], site["studies_en"], post):
        assert page.get_workflow() == workflow


# A student's submission, review, revision and approval


@pytest.mark.django_db
def test_student_submits_with_a_note_and_editors_get_it_by_mail(client, site):
    login(client, site["student"])
    data = post_form("Mijn stage", site["person"], **{"action-submit": "1"})
    data["editorial-note"] = "Graag kijken naar de tweede alinea."
    response = client.post(add_url(site["blog_nl"]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post = BlogPostPage.objects.get(slug="mijn-stage")
    assert post.owner == site["student"] and not post.live
    state = post.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    note = SubmissionNote.objects.get(task_state=state.current_task_state)
    assert note.text == "Graag kijken naar de tweede alinea." and note.author == site["student"]
    assert [message.to for message in mail.outbox] == [["redacteur@example.org"]]
    message = mail.outbox[0]
    # Nobody chose an admin language: Dutch, the site's first language.
    assert message.subject == 'Ter beoordeling: "Mijn stage"'
    assert "Graag kijken naar de tweede alinea." in message.body
    assert f"/admin/pages/{post.pk}/edit/" in message.body


@pytest.mark.django_db
def test_a_students_direct_publish_is_ignored(client, site):
    login(client, site["student"])
    data = post_form("Meteen live", site["person"], **{"action-publish": "publish"})
    client.post(add_url(site["blog_nl"]), data)
    post = BlogPostPage.objects.get(slug="meteen-live")
    assert not post.live
    assert client.get("/nl/blog/meteen-live/").status_code == 404


@pytest.mark.django_db
def test_request_changes_then_resubmit_then_approve(client, site):
    student, editor = site["student"], site["editor"]
    UserProfile.get_for_user(student).__class__.objects.filter(user=student).update(
        preferred_language="en"
    )
    post = make_draft(site["blog_nl"], student, "Buurtkamer", site["person"])
    login(client, student)
    client.post(
        f"/admin/pages/{post.pk}/edit/",
        post_form("Buurtkamer", site["person"], **{"action-submit": "1"}),
    )
    mail.outbox.clear()

    editor_client = login(client.__class__(), editor)
    response = editor_client.post(
        approve_url(post, "reject"), {"comment": "Noem de wijk bij naam."}
    )
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [message.to for message in mail.outbox] == [["student@example.org"]]
    assert mail.outbox[0].subject == 'Changes requested: "Buurtkamer"'  # the student reads English
    assert "Noem de wijk bij naam." in mail.outbox[0].body
    assert "Rosa" in mail.outbox[0].body

    # The student sees the comment on the dashboard, revises and resubmits.
    dashboard = client.get("/admin/")
    assert "Noem de wijk bij naam." in dashboard.content.decode()
    assert "Changes requested" in dashboard.content.decode()
    data = post_form(
        "Buurtkamer",
        site["person"],
        intro="De buurtkamer in de Schilderswijk.",
        **{"action-submit": "1"},
    )
    data["editorial-note"] = "Wijk toegevoegd."
    assert client.post(f"/admin/pages/{post.pk}/edit/", data).status_code == 302
    post.refresh_from_db()
    assert post.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    mail.outbox.clear()

    editor_client.post(approve_url(post), {"comment": "Mooi, dank je."})
    post = BlogPostPage.objects.get(pk=post.pk)
    assert post.live and post.intro == "De buurtkamer in de Schilderswijk."
    assert [message.to for message in mail.outbox] == [["student@example.org"]]
    assert mail.outbox[0].subject == 'Approved: "Buurtkamer"'
    assert "Mooi, dank je." in mail.outbox[0].body
    assert client.get("/nl/blog/buurtkamer/").status_code == 200


@pytest.mark.django_db
def test_approval_mail_is_dutch_for_a_dutch_author(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Ontmoeting", site["person"])
    post.get_workflow().start(post, site["student"])
    mail.outbox.clear()
    login(client, site["editor"]).post(approve_url(post), {"comment": "Prima stuk."})
    assert mail.outbox[0].subject == 'Goedgekeurd: "Ontmoeting"'
    assert "Opmerking van Rosa" in mail.outbox[0].body
    assert "Prima stuk." in mail.outbox[0].body


@pytest.mark.django_db
def test_english_translation_goes_live_only_when_an_editor_publishes_it(
    client, site, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import Translation

    post = make_draft(site["blog_nl"], site["student"], "Samen koken", site["person"], live=True)
    login(client, site["student"])
    english = Locale.objects.get(language_code="en")
    # Students may not translate.
    client.post(f"/admin/localize/submit/page/{post.pk}/", {"locales": [english.pk]})
    assert not BlogPostPage.objects.filter(locale=english, translation_key=post.translation_key)

    editor = login(client.__class__(), site["editor"])
    response = editor.post(f"/admin/localize/submit/page/{post.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302
    english_post = BlogPostPage.objects.get(locale=english, translation_key=post.translation_key)
    assert not english_post.live
    assert english_post.get_workflow().name == "Redactionele review"
    translation = Translation.objects.get(source__object_id=post.translation_key)
    catalogue = translation.export_po()
    for entry in catalogue:
        entry.msgstr = {"Samen koken": "Cooking together", "samen-koken": "cooking-together"}.get(
            entry.msgid, f"EN {entry.msgid}"
        )
    translation.import_po(catalogue)
    translation.save_target(publish=False)
    assert client.get("/en/blog/cooking-together/").status_code == 404

    # The student cannot publish it; the editor can.
    with django_capture_on_commit_callbacks(execute=True):
        login(client, site["student"]).post(
            f"/admin/pages/{english_post.pk}/edit/", {"action": "publish"}
        )
    assert not BlogPostPage.objects.get(pk=english_post.pk).live
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{english_post.pk}/edit/", {"action": "publish"})
    assert BlogPostPage.objects.get(pk=english_post.pk).live
    assert client.get("/en/blog/cooking-together/").status_code == 200


@pytest.mark.django_db
def test_an_english_page_submitted_by_a_student_needs_an_editor_too(client, site):
    login(client, site["student"])
    data = post_form("My placement", site["person"], **{"action-submit": "1"})
    client.post(add_url(site["blog_en"]), data)
    post = BlogPostPage.objects.get(slug="my-placement")
    assert not post.live
    assert post.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    login(client, site["editor"]).post(approve_url(post))
    assert BlogPostPage.objects.get(pk=post.pk).live


# Dashboard panels


@pytest.mark.django_db
def test_my_submissions_lists_own_pages_with_status_per_language(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Eigen stuk", site["person"], live=True)
    english = post.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Own piece"
    english.save_revision()
    make_draft(site["blog_nl"], site["student2"], "Stuk van Noor", site["person"])
    html = login(client, site["student"]).get("/admin/").content.decode()
    assert "Mijn inzendingen" in html
    assert "Eigen stuk" in html and "Stuk van Noor" not in html
    assert "Live" in html and "Concept" in html  # Dutch live, English draft


@pytest.mark.django_db
def test_review_queue_shows_submissions_and_notes_to_editors_only(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Wachtend stuk", site["person"])
    login(client, site["student"])
    data = post_form("Wachtend stuk", site["person"], **{"action-submit": "1"})
    data["editorial-note"] = "Is de titel duidelijk?"
    client.post(f"/admin/pages/{post.pk}/edit/", data)
    html = client.get("/admin/").content.decode()
    assert "Te beoordelen" not in html
    html = login(client, site["editor"]).get("/admin/").content.decode()
    assert "Te beoordelen" in html
    assert "Wachtend stuk" in html and "Is de titel duidelijk?" in html


@pytest.mark.django_db
def test_the_edit_view_offers_submit_with_a_note(client, site):
    post = make_draft(site["blog_nl"], site["student"], "Met notitie", site["person"])
    html = login(client, site["student"]).get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert 'name="editorial-note" form="page-edit-form"' in html


# Scheduled publishing and the audit log


@pytest.mark.django_db
def test_approved_page_with_a_future_go_live_becomes_live_when_its_time_has_come(client, site):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    post = make_draft(site["blog_nl"], site["student"], "Later live", site["person"])
    go_live = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    post.go_live_at = go_live
    post.save_revision(user=site["student"])
    post.get_workflow().start(post, site["student"])
    login(client, site["editor"]).post(approve_url(post))
    post = BlogPostPage.objects.get(pk=post.pk)
    assert not post.live and post.get_latest_revision().approved_go_live_at == go_live
    call_command("publish_scheduled")
    assert not BlogPostPage.objects.get(pk=post.pk).live
    with pytest.MonkeyPatch.context() as patch:
        later = go_live + datetime.timedelta(minutes=1)
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    assert BlogPostPage.objects.get(pk=post.pk).live


@pytest.mark.django_db
def test_submit_request_changes_approve_and_publish_are_in_the_audit_log(client, site):
    from wagtail.models import PageLogEntry

    student, editor = site["student"], site["editor"]
    post = make_draft(site["blog_nl"], student, "Gelogd", site["person"])
    login(client, student).post(
        f"/admin/pages/{post.pk}/edit/",
        post_form("Gelogd", site["person"], **{"action-submit": "1"}),
    )
    editor_client = login(client.__class__(), editor)
    editor_client.post(approve_url(post, "reject"), {"comment": "Nog niet"})
    client.post(
        f"/admin/pages/{post.pk}/edit/",
        post_form("Gelogd", site["person"], **{"action-submit": "1"}),
    )
    editor_client.post(approve_url(post), {"comment": "Goed"})
    entries = {(e.action, e.user_id) for e in PageLogEntry.objects.filter(page=post)}
    assert ("wagtail.workflow.start", student.pk) in entries
    assert ("wagtail.workflow.reject", editor.pk) in entries
    assert ("wagtail.workflow.resume", student.pk) in entries
    assert ("wagtail.workflow.approve", editor.pk) in entries
    assert ("wagtail.publish", editor.pk) in entries
