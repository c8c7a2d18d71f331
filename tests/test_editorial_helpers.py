"""Helpers shared by the editorial workflow tests (no tests here; named so it is ours)."""

from django.contrib.auth.models import Group
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from home.snippets import Person, PersonRole
from studies.models import StudyIndexPage
from tests.conftest import make_user


def make_section(home, model, title, slug):
    index = model(title=title, slug=slug)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def translate_index(index, title, slug):
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = title, slug
    english.save_revision().publish()
    return type(index).objects.get(pk=english.pk)


def make_member(username, group_name=None, **fields):
    user = make_user(username, **fields)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def make_draft(index, owner, title, person, *, live=False):
    """A blog post owned by `owner`, saved as a draft (or published when `live`)."""
    post = BlogPostPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro=f"Over {title}.",
        body=[{"type": "paragraph", "value": f"<p>Tekst van {title}.</p>"}],
        owner=owner,
        live=False,
    )
    post.authors = [BlogPostAuthor(person=person)]
    index.add_child(instance=post)
    revision = post.save_revision(user=owner)
    if live:
        revision.publish()
    return BlogPostPage.objects.get(pk=post.pk)


def post_form(title, person, **extra):
    """The admin form of a blog post, as the page editor posts it."""
    data = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "date": "2019-04-02",
        "intro": f"Over {title}.",
        "authors": inline_formset([{"person": person.pk}]),
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([("paragraph", rich_text(f"<p>Tekst van {title}.</p>"))]),
    }
    data.update(extra)
    return nested_form_data(data)


def add_url(index):
    return f"/admin/pages/add/blog/blogpostpage/{index.pk}/"


def approve_url(page, action="approve"):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def build_site(home_pages):
    """Blog and research indexes in both trees, a person to name as author, and the roles."""
    person = Person.objects.create(
        locale=Locale.objects.get(language_code="nl"), name="Rachida", role=PersonRole.STUDENT
    )
    blog_nl = make_section(home_pages["nl"], BlogIndexPage, "Blog", "blog")
    studies_nl = make_section(home_pages["nl"], StudyIndexPage, "Onderzoek", "onderzoek")
    return {
        "person": person,
        "blog_nl": blog_nl,
        "blog_en": translate_index(blog_nl, "Blog", "blog"),
        "studies_nl": studies_nl,
        "studies_en": translate_index(studies_nl, "Research", "research"),
        "student": make_member("student", "Studenten", first_name="Sam"),
        "student2": make_member("student2", "Studenten", first_name="Noor"),
        "editor": make_member("redacteur", "Redacteuren", first_name="Rosa"),
        "admin": make_user("beheer", superuser=True),
    }
