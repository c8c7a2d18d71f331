"""Regression tests for the Wagtail security advisories that apply to this site.

Each test names its advisory and asserts that the vulnerable behaviour is absent here: with a
vulnerable Wagtail (or a setting or view of ours that reopens the hole) it fails. The last test
proves that the dependency audit in `make test` (`make audit`, pip-audit) fails on a known
vulnerable pin.
"""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.test.utils.form_data import streamfield
from wagtail_localize.models import Translation

from blog.models import BlogPostPage
from tests.test_editorial_helpers import add_url, build_site, make_draft, post_form

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET = "Conceptgeheim Ijsvogel"  # noqa: S105 - a page title, not a password
XSS = '<script>alert("xss")</script>'


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


@pytest.fixture
def secret_draft(site):
    """Student Sam's draft, which student Noor must not see in any form."""
    return make_draft(site["blog_nl"], site["student"], SECRET, site["person"])


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def refused(response) -> bool:
    """403/404, or the 404 that LocaleMiddleware turns into a redirect to /nl/<same path>."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith("/nl/admin/")


def body(response) -> str:
    return response.content.decode("utf-8", errors="replace")


# Cross-site scripting


@pytest.mark.django_db
def test_revision_compare_view_escapes_a_crafted_revision(site):
    """GHSA-v2wc-pfq2-5cm6 (CVE-2020-11001): XSS in the page revision comparison view.

    A student saves revisions whose title and body hold a script; the editor who compares them
    must get the markup escaped.
    """
    post = make_draft(site["blog_nl"], site["student"], "Onschuldige titel", site["person"])
    first = post.latest_revision
    post.title = f"Titel {XSS}"
    post.intro = f"Intro {XSS}"
    post.body = [{"type": "paragraph", "value": f"<p>Tekst</p>{XSS}"}]
    second = post.save_revision(user=site["student"])
    url = reverse("wagtailadmin_pages:revisions_compare", args=[post.pk, first.pk, second.pk])
    response = client_for(site["editor"]).get(url)
    assert response.status_code == 200
    html = body(response)
    assert "alert(&quot;xss&quot;)" in html or "alert(&#x27;xss" in html or "&lt;script" in html
    assert XSS not in html


def contentstate_with_links(*urls) -> str:
    """The editor's JSON (Draftail contentstate) for one paragraph linking to each URL."""
    text = " ".join(f"link{number}" for number in range(len(urls)))
    ranges = [
        {"offset": text.index(f"link{number}"), "length": len(f"link{number}"), "key": number}
        for number in range(len(urls))
    ]
    entities = {
        str(number): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        for number, url in enumerate(urls)
    }
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": ranges,
    }
    return json.dumps({"blocks": [block], "entityMap": entities})


JAVASCRIPT_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(2)", " javascript:alert(3)"]


@pytest.mark.django_db
def test_rich_text_javascript_links_are_not_stored_or_rendered(client, site):
    """GHSA-wq5h-f9p5-q7fx (CVE-2021-29434): rich text `javascript:` URLs become live links.

    A student posts the editor's JSON with `javascript:` link URLs straight to the admin (as a
    crafted request would); what is stored, previewed and published holds no such link.
    """
    form = post_form(
        "Linkpost",
        site["person"],
        body=streamfield(
            [("paragraph", contentstate_with_links(*JAVASCRIPT_URLS, "https://example.org/"))]
        ),
    )
    response = client_for(site["student"]).post(add_url(site["blog_nl"]), form)
    assert response.status_code in (200, 302)
    post = BlogPostPage.objects.get(title="Linkpost")
    stored = json.dumps(post.latest_revision.content).lower()
    assert "example.org" in stored
    assert "javascript:" not in stored
    post.latest_revision.publish()
    html = body(client.get(BlogPostPage.objects.get(pk=post.pk).url)).lower()
    assert "link3" in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_streamfield_plain_text_blocks_are_escaped(client, site):
    """GHSA-xfrw-hxr5-ghqf (CVE-2021-32681): plain-text StreamField blocks output unescaped."""
    post = make_draft(site["blog_nl"], site["student"], "Blokpost", site["person"], live=True)
    post.body = [
        {"type": "heading", "value": {"text": f"Kop {XSS}", "level": "h2"}},
        {"type": "quote", "value": {"text": f"Citaat {XSS}", "attribution": f"Bron {XSS}"}},
    ]
    post.save_revision(user=site["editor"]).publish()
    response = client.get(post.url)
    assert response.status_code == 200
    html = body(response)
    assert "Kop" in html and "Citaat" in html
    assert "<script>alert(" not in html


# Denial of service


@pytest.mark.django_db
def test_oversized_uploads_are_refused_without_being_stored(site):
    """GHSA-33pv-vcgh-jfg9 (CVE-2023-28837): memory exhaustion by uploading large files.

    Uploads above WAGTAILDOCS_MAX_UPLOAD_SIZE / WAGTAILIMAGES_MAX_UPLOAD_SIZE (10 MB) are
    refused with a form error, never stored, never a 500.
    """
    from django.conf import settings

    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    editor = client_for(site["editor"])
    big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    documents = get_document_model().objects.count()
    response = editor.post(
        reverse("wagtaildocs:add"),
        {"title": "Te groot", "file": SimpleUploadedFile("groot.pdf", big), "collection": 1},
    )
    assert response.status_code == 200
    assert get_document_model().objects.count() == documents
    images = get_image_model().objects.count()
    image_bytes = get_test_image_file().file.getvalue()
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Te groot",
            "file": SimpleUploadedFile("groot.png", image_bytes + b"\0" * (11 * 1024 * 1024)),
        },
    )
    assert response.status_code == 200
    assert get_image_model().objects.count() == images


def test_public_search_does_not_use_the_redos_prone_query_parser(client, db):
    """GHSA-jmp3-39vp-fwg8 (CVE-2024-39317): ReDoS in `parse_query_string`.

    Our public search has its own query cleaning and never calls Wagtail's parser; a long
    string without spaces (the advisory's shape) gives a normal page.
    """
    import inspect

    import search.query
    import search.views

    for module in (search.views, search.query):
        assert "parse_query_string" not in inspect.getsource(module)
    for payload in ('"' + "a" * 20_000, "a:" * 10_000, "\\" * 20_000, "'" * 20_000):
        response = client.get("/nl/zoeken/", {"q": payload})
        assert response.status_code == 200


@pytest.mark.django_db
def test_no_dynamic_image_serve_view_takes_a_filter_spec(client, site):
    """Image filter DoS: Wagtail's dynamic image serve view (`wagtail.images.views.serve`)
    renders any filter spec in its URL, which Wagtail's documentation warns can be abused to
    exhaust the server with huge renditions (no GHSA: a documented risk of that view). The site
    does not route it, so an arbitrary filter spec is never rendered."""
    image = get_image_model().objects.create(title="Poster", file=get_test_image_file())
    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=["sig", image.pk, "fill-9999x9999"])
    for path in (
        f"/images/x/{image.pk}/fill-9999x9999/",
        f"/images/x/{image.pk}/width-100000/",
        f"/images/x/{image.pk}/original/",
    ):
        with pytest.raises(Resolver404):
            resolve(path)
        response = client.get(path, follow=True)
        assert response.status_code == 404
        assert not response.get("Content-Type", "").startswith("image/")
    assert image.renditions.count() == 0


# Permissions in the admin


@pytest.mark.django_db
def test_a_student_cannot_preview_another_students_page(site, secret_draft):
    """GHSA-4qvv-g3vr-m348 (CVE-2026-25517): missing permission check on preview endpoints.

    Noor may not have Sam's draft rendered, neither by GET nor by posting crafted form data.
    """
    noor = client_for(site["student2"])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[secret_draft.pk])
    crafted = {
        "title": "Vervalste preview Zilverreiger",
        "slug": "vervalst",
        "intro": "Gemaakt door Noor.",
        "body-count": "0",
    }
    posted = noor.post(url, crafted)
    got = noor.get(url, follow=True)
    for response in (posted, got):
        assert SECRET not in body(response)
        assert "Zilverreiger" not in body(response)
        assert response.status_code in (302, 403, 404) or response.redirect_chain
    # The author can preview her own draft: the endpoint itself works.
    sam = client_for(site["student"])
    assert sam.get(url).status_code == 200


@pytest.mark.django_db
def test_a_student_cannot_compare_or_list_revisions_of_another_students_page(site, secret_draft):
    """GHSA-c6wj-9vcj-75pj (comparing revisions) and GHSA-c4mr-889m-vgf6 (page history)."""
    first = secret_draft.latest_revision
    secret_draft.intro = "Tweede versie met Ijsvogel."
    second = secret_draft.save_revision(user=site["student"])
    noor = client_for(site["student2"])
    urls = [
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[secret_draft.pk, first.pk, second.pk]
        ),
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[secret_draft.pk, "earliest", "latest"]
        ),
        reverse("wagtailadmin_pages:revisions_view", args=[secret_draft.pk, second.pk]),
        reverse("wagtailadmin_pages:history", args=[secret_draft.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[secret_draft.pk]),
    ]
    for url in urls:
        response = noor.get(url, follow=True)
        assert "Ijsvogel" not in body(response), url
    editor = client_for(site["editor"])
    assert "Ijsvogel" in body(editor.get(urls[0]))


@pytest.mark.django_db
def test_choosers_list_only_what_a_student_may_choose(site):
    """GHSA-p5gm-92h4-6pv6: documents and images shown without their collection permissions.

    A student's image and document choosers (and their search) list nothing from a collection
    the student has no permission on; the editor sees it.
    """
    root = Collection.get_first_root_node()
    private = root.add_child(name="Redactie intern")
    get_image_model().objects.create(
        title="Interne foto Pimpelmees", file=get_test_image_file(), collection=private
    )
    get_document_model().objects.create(
        title="Intern document Pimpelmees",
        file=SimpleUploadedFile("intern.pdf", b"%PDF-1.4 intern"),
        collection=private,
    )
    student = client_for(site["student"])
    editor = client_for(site["editor"])
    urls = [
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=Pimpelmees",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=Pimpelmees",
        "/admin/images/",
        "/admin/documents/",
    ]
    titles = ("Interne foto Pimpelmees", "Intern document Pimpelmees")
    for url in urls:
        response = student.get(url, follow=True)
        assert not any(title in body(response) for title in titles), url
    for url in urls[:4]:
        assert any(title in body(editor.get(url)) for title in titles), url


@pytest.mark.django_db
def test_a_student_cannot_translate_a_page(site, secret_draft):
    """Translation without page permission: wagtail-localize's submit view and Wagtail's admin
    API `copy_for_translation` action (SNYK-PYTHON-WAGTAIL-19233398, fixed in Wagtail 8.0rc2)
    let a user copy, and so read, pages they cannot edit. Students hold no `submit_translation`
    and get no translation of another student's page, nor of a live page."""
    noor = site["student2"]
    assert not noor.has_perm("wagtail_localize.submit_translation")
    english = Locale.objects.get(language_code="en")
    client = client_for(noor)
    for page in (secret_draft, site["blog_nl"]):
        client.post(
            f"/admin/localize/submit/page/{page.pk}/",
            {"locales": [english.pk], "include_subtree": "on"},
            follow=True,
        )
        response = client.post(
            f"/admin/api/main/pages/{page.pk}/action/copy_for_translation/",
            data=json.dumps({"locale": "en"}),
            content_type="application/json",
        )
        assert refused(response), response.status_code
    assert not Translation.objects.filter(source__object_id=str(secret_draft.translation_key))
    assert not BlogPostPage.objects.filter(
        translation_key=secret_draft.translation_key, locale=english
    ).exists()


@pytest.mark.django_db
def test_the_admin_api_shows_no_other_students_drafts(site, secret_draft):
    """GHSA-3vrh-m9w7-v94f: the Pages admin API returned draft fields without access control."""
    noor = client_for(site["student2"])
    detail = noor.get(f"/admin/api/main/pages/{secret_draft.pk}/")
    assert refused(detail), detail.status_code
    assert SECRET not in body(detail)
    for query in (
        f"?child_of={site['blog_nl'].pk}",
        f"?child_of={site['blog_nl'].pk}&for_explorer=1",
        "?search=Ijsvogel",
        f"?descendant_of={site['blog_nl'].pk}&fields=title,slug,seo_title,search_description",
        f"?id={secret_draft.pk}",
    ):
        response = noor.get(f"/admin/api/main/pages/{query}")
        assert SECRET not in body(response), query
    # The author herself and the editor do see it.
    for user in (site["student"], site["editor"]):
        response = client_for(user).get(f"/admin/api/main/pages/{secret_draft.pk}/")
        assert response.status_code == 200 and SECRET in body(response)


@pytest.mark.django_db
def test_documents_in_a_private_collection_are_not_served_to_anonymous_visitors(
    client, site, settings, tmp_path
):
    """Private document probes (GHSA-p5gm-92h4-6pv6 and the serve view's collection privacy): a
    document in a login-only collection is served neither by Wagtail's document URL nor by the
    clips' byte-range view to an anonymous visitor, whatever its id or name."""
    # Wagtail's serve view sends files from disk, as in production.
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    root = Collection.get_first_root_node()
    private = root.add_child(name="Alleen ingelogd")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret_bytes = b"%PDF-1.4 vertrouwelijke inhoud Roodborst"
    document = get_document_model().objects.create(
        title="Vertrouwelijk",
        file=SimpleUploadedFile("vertrouwelijk.pdf", secret_bytes),
        collection=private,
    )
    probes = [
        document.url,
        f"/documents/{document.pk}/{document.filename}",
        f"/documents/{document.pk}/anders.pdf",
        f"/media-stream/{document.pk}/{document.filename}",
    ]
    for path in probes:
        response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Roodborst" not in content, path
        assert response.status_code in (302, 403, 404), (path, response.status_code)
    # A signed-in editor does get the file: the restriction, not a broken URL, stops visitors.
    editor = client_for(site["editor"])
    response = editor.get(document.url)
    assert response.status_code == 200
    assert b"Roodborst" in b"".join(response.streaming_content)


# Dependency audit


def test_the_dependency_audit_fails_on_a_known_vulnerable_pin(tmp_path):
    """`make audit` (pip-audit against PyPI's vulnerability data) must fail on a vulnerable pin:
    Django 4.2.0 has many published advisories (for example CVE-2023-31047)."""
    pip_audit = Path(sys.executable).parent / "pip-audit"
    if not pip_audit.exists():
        pip_audit = shutil.which("pip-audit")
    assert pip_audit, "pip-audit is pinned in requirements.txt and must be installed"
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "pip-audit --requirement requirements.txt" in makefile
    assert any(line.startswith("test:") and " audit" in line for line in makefile.splitlines()), (
        "make test must depend on make audit"
    )
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("Django==4.2.0\n")
    result = subprocess.run(
        [str(pip_audit), "--requirement", str(requirements), "--no-deps", "--disable-pip",
         "--progress-spinner", "off", "--format", "json"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    report = {}
    try:
        report = json.load(io.StringIO(result.stdout))
    except ValueError:
        pass
    dependencies = report.get("dependencies", [])
    skipped = [d.get("skip_reason", "") for d in dependencies if d.get("skip_reason")]
    unreachable = "ConnectionError" in result.stderr or "Max retries" in result.stderr
    if unreachable or (skipped and not any(d.get("vulns") for d in dependencies)):
        pytest.skip(
            "PyPI's vulnerability data cannot be reached from here, so pip-audit cannot check "
            f"any pin (it says: {(skipped or [result.stderr.strip()[-200:]])[0]})"
        )
    assert result.returncode != 0, result.stdout[-2000:]
    vulnerabilities = [v["id"] for d in dependencies for v in d.get("vulns", [])]
    assert vulnerabilities, report
