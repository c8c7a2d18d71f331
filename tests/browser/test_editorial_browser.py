"""The editorial journey in a real browser: submit with a note, request changes, revise,
approve, publish the English translation; the mails of the journey asserted."""

import re

import pytest
from django.core import mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Koken in de buurtkamer"


@pytest.fixture
def journey(page):
    from home.models import HomePage
    from tests.test_editorial_helpers import (
        build_site,
        make_draft,
    )

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    site = build_site(homes)
    from wagtail.users.models import UserProfile

    # The editor reads the admin (and so the mails) in English; the student in Dutch.
    for user, language in ((site["editor"], "en"), (site["student"], "nl")):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    site["post"] = make_draft(site["blog_nl"], site["student"], TITLE, site["person"])
    mail.outbox.clear()
    return site


def sign_in(browser_page, username):
    browser_page.goto(browser_page.base_url + "/admin/login/")
    browser_page.fill("#id_username", username)
    browser_page.fill("#id_password", "pw")
    browser_page.locator("form button[type=submit]").first.click()
    browser_page.wait_for_url(re.compile(r".*/admin/$"))


def other_tab(browser_page):
    tab = browser_page.context.browser.new_context(
        viewport={"width": 1280, "height": 900}
    ).new_page()
    tab.set_default_timeout(10_000)
    tab.base_url = browser_page.base_url
    return tab


def wait_until(tab, condition, timeout=10):
    """Poll the database while the browser finishes what it posted (forms sent by script)."""
    for _attempt in range(timeout * 10):
        if condition():
            return True
        tab.wait_for_timeout(100)
    return condition()


def open_action_menu(tab):
    tab.locator("footer [data-w-dropdown-target='toggle']").last.click()


def workflow_action(tab, name, comment):
    open_action_menu(tab)
    selector = f"button[data-workflow-action-name='{name}']"
    if name == "approve":
        selector += "[data-workflow-action-modal-url]"
    tab.locator(selector).click()
    tab.locator("textarea[name='comment']").fill(comment)
    tab.locator(
        ".w-dialog form button[type='submit'], .modal form button[type='submit']"
    ).first.click()
    tab.wait_for_load_state("networkidle")


@pytest.fixture
def tabs(page, journey):
    return {**journey, "student": page, "editor": other_tab(page)}


def test_editorial_journey(tabs):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from blog.models import BlogPostPage

    student, editor, post = tabs["student"], tabs["editor"], tabs["post"]
    edit_url = f"/admin/pages/{post.pk}/edit/"

    # The student submits with a note, through the dialog of the action menu.
    sign_in(student, "student")
    student.goto(student.base_url + edit_url)
    open_action_menu(student)
    student.get_by_role("button", name="Aanbieden met een notitie…").click()
    student.fill("#editorial-note", "Klopt de naam van de wijk?")
    student.locator("#editorial-submit-note button[name='action-submit']").click()
    student.wait_for_load_state("networkidle")
    post = BlogPostPage.objects.get(pk=post.pk)
    assert post.current_workflow_state.status == "in_progress"
    assert [m.to for m in mail.outbox] == [["redacteur@example.org"]]
    assert mail.outbox[0].subject == f'For review: "{TITLE}"'  # the editor reads English
    assert "Klopt de naam van de wijk?" in mail.outbox[0].body
    mail.outbox.clear()

    # The editor finds it in the review queue and requests changes with a comment.
    sign_in(editor, "redacteur")
    queue = editor.locator("#editorial-review-queue-section")
    assert TITLE in queue.inner_text() and "Klopt de naam van de wijk?" in queue.inner_text()
    assert axe_violations_in(editor, "#editorial-review-queue-section") == []
    editor.goto(editor.base_url + edit_url)
    workflow_action(editor, "reject", "Noem ook de buurtcoach.")
    assert wait_until(
        editor,
        lambda: (
            BlogPostPage.objects.get(pk=post.pk).current_workflow_state.status == "needs_changes"
        ),
    )
    assert [m.to for m in mail.outbox] == [["student@example.org"]]
    assert mail.outbox[0].subject == f'Wijzigingen gevraagd: "{TITLE}"'
    assert "Noem ook de buurtcoach." in mail.outbox[0].body
    mail.outbox.clear()

    # The student sees the comment, revises and resubmits.
    student.goto(student.base_url + "/admin/")
    panel = student.locator("#editorial-my-submissions-section")
    assert "Noem ook de buurtcoach." in panel.inner_text()
    assert "Wijzigingen gevraagd" in panel.inner_text()
    assert axe_violations_in(student, "#editorial-my-submissions-section") == []
    student.goto(student.base_url + edit_url)
    student.fill("#id_intro", "Samen koken met de buurtcoach.")
    open_action_menu(student)
    student.locator("footer button[name='action-submit']").first.click()
    student.wait_for_load_state("networkidle")
    assert BlogPostPage.objects.get(pk=post.pk).current_workflow_state.status == "in_progress"
    mail.outbox.clear()

    # The editor approves with a comment from the dashboard; a visitor sees the post.
    editor.goto(editor.base_url + "/admin/")
    editor.locator(
        f"button[data-workflow-action-url*='/{post.pk}/approve/'][data-launch-modal]"
    ).evaluate("button => button.click()")
    editor.locator("textarea[name='comment']").fill("Mooi geworden.")
    editor.locator("form:has(textarea[name='comment']) button[type='submit']").first.click()
    assert wait_until(editor, lambda: BlogPostPage.objects.get(pk=post.pk).live and mail.outbox)
    post = BlogPostPage.objects.get(pk=post.pk)
    assert post.live and post.intro == "Samen koken met de buurtcoach."
    assert [m.to for m in mail.outbox] == [["student@example.org"]]
    assert mail.outbox[0].subject == f'Goedgekeurd: "{TITLE}"'
    assert "Mooi geworden." in mail.outbox[0].body
    visitor = other_tab(student)
    assert visitor.goto(visitor.base_url + post.url).status == 200

    # The editor has it translated; the English page is live only once the editor publishes it.
    english = Locale.objects.get(language_code="en")
    editor.goto(editor.base_url + f"/admin/localize/submit/page/{post.pk}/")
    editor.check("#id_locales_0")
    editor.locator(".nice-padding form input[type='submit']").click()
    editor.wait_for_load_state("networkidle")
    english_post = BlogPostPage.objects.get(locale=english, translation_key=post.translation_key)
    assert not english_post.live
    translation = Translation.objects.get(source__object_id=post.translation_key)
    catalogue = translation.export_po()
    for entry in catalogue:
        entry.msgstr = {
            TITLE: "Cooking in the community room",
            "koken-in-de-buurtkamer": "cooking",
        }.get(entry.msgid, f"EN {entry.msgid}")
    translation.import_po(catalogue)
    translation.save_target(publish=False)
    assert visitor.goto(visitor.base_url + "/en/blog/cooking/").status == 404
    editor.goto(editor.base_url + f"/admin/pages/{english_post.pk}/edit/")
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_load_state("networkidle")
    assert BlogPostPage.objects.get(pk=english_post.pk).live
    assert visitor.goto(visitor.base_url + "/en/blog/cooking/").status == 200


def axe_violations_in(tab, selector):
    """axe on one part of an admin page: our panels, not Wagtail's own markup."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.conftest import AXE_TAGS

    results = Axe().run(
        tab,
        context=selector,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}},
    )
    return [v["id"] for v in results.response["violations"]]


def test_editor_approves_from_the_page_editor(tabs):
    """Approving in the editor itself (not from the dashboard) publishes the submitted page."""
    from blog.models import BlogPostPage

    student, editor, post = tabs["student"], tabs["editor"], tabs["post"]
    edit_url = f"/admin/pages/{post.pk}/edit/"
    sign_in(student, "student")
    student.goto(student.base_url + edit_url)
    open_action_menu(student)
    student.locator("footer button[name='action-submit']").first.click()
    student.wait_for_load_state("networkidle")
    assert BlogPostPage.objects.get(pk=post.pk).current_workflow_state.status == "in_progress"

    sign_in(editor, "redacteur")
    editor.goto(editor.base_url + edit_url)
    workflow_action(editor, "approve", "Mooi geworden.")
    assert wait_until(editor, lambda: BlogPostPage.objects.get(pk=post.pk).live)
    assert any("Mooi geworden." in message.body for message in mail.outbox)
