"""The demo blog: the Dutch index and posts, with English translations (idempotent)."""

from blog.demo_posts import INDEX, POSTS, DemoPost
from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from home.demo.images import make_demo_image
from home.demo.people_and_themes import PEOPLE, ensure_people_and_themes
from home.demo.sections import ensure_section_index
from home.demo.translation import translate_with
from home.snippets import PersonRole

BLOCK_TYPES = {"h": "heading", "p": "paragraph", "q": "quote"}
ROLE_WORDS = {
    PersonRole.TEAM_MEMBER: ("werkteamlid", "work team member"),
    PersonRole.STUDENT: ("studente", "student"),
}


def _body(post: DemoPost) -> list[dict]:
    blocks = []
    for kind, dutch, _english in post.body:
        if kind == "h":
            value = {"text": dutch, "level": "h2"}
        elif kind == "q":
            value = {"text": dutch, "attribution": _attribution(post)[0]}
        else:
            value = f"<p>{dutch}</p>"
        blocks.append({"type": BLOCK_TYPES[kind], "value": value})
    return blocks


def _attribution(post: DemoPost) -> tuple[str, str]:
    """The quoted person: the first author, described in each language."""
    name, role = PEOPLE[post.authors[0]][:2]
    dutch, english = ROLE_WORDS[role]
    return f"{name}, {dutch}", f"{name}, {english}"


def _translations(post: DemoPost) -> dict[str, str]:
    pairs = {post.title[0]: post.title[1], post.slug: post.slug_en, post.intro[0]: post.intro[1]}
    pairs.update({dutch: english for _kind, dutch, english in post.body})
    if post.image is not None:
        pairs[post.image[1]] = post.image[2]
    if any(kind == "q" for kind, _nl, _en in post.body):
        dutch, english = _attribution(post)
        pairs[dutch] = english
    return pairs


def load_demo(home_pages: dict) -> list[str]:
    """Create what is missing of the demo blog; returns what it created, as readable lines.

    `home_pages` maps language codes to the home pages ({"nl": ..., "en": ...}). Posts are
    recognised by their Dutch slug, so a second run (or an edited post) is left alone.
    """
    created = []
    people, themes = ensure_people_and_themes()
    index, index_created = ensure_section_index(BlogIndexPage, home_pages["nl"], INDEX)
    english_index_exists = (
        BlogIndexPage.objects.child_of(home_pages["en"]).filter(
            translation_key=index.translation_key
        )
    ).exists()
    if index_created or not english_index_exists:
        translate_with(index, dict(INDEX.values()))
    if index_created:
        created.append(f"blog index {index.title!r} (nl, en)")
    existing = set(BlogPostPage.objects.child_of(index).values_list("slug", flat=True))
    for post in POSTS:
        if post.slug in existing:
            continue
        page = BlogPostPage(
            title=post.title[0],
            slug=post.slug,
            date=post.date,
            intro=post.intro[0],
            body=_body(post),
        )
        if post.image is not None:
            palette, alt_text, _english_alt = post.image
            page.hero_image = make_demo_image(f"Blog: {post.title[0]}", palette)
            page.hero_image_alt = alt_text
        page.authors = [BlogPostAuthor(person=people[key]) for key in post.authors]
        page.themes.set([themes[key] for key in post.themes])
        index.add_child(instance=page)
        page.save_revision().publish()
        translate_with(page, _translations(post))
        created.append(f"blog post {post.title[0]!r} (nl, en)")
    return created
