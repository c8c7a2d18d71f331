"""The blog: one index per language tree, posts by work team members and students."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    UUIDField,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock
from home.compiled import (
    CompiledQuery,
    Param,
    descendant_values,
    descendants_of,
    list_values,
    one_of,
)
from home.forms import PageForm
from home.images import SOCIAL_SPEC, THUMBNAIL, rendition_or_none, rendition_url
from home.localization import (
    ids_in_every_language,
    linked_snippets,
    localize_all,
    snippets_by_pk,
)
from home.page_urls import PageUrlMixin
from home.pages import PageAuthor, SectionIndexPage
from home.queries import (
    PAGE_LINK_FIELDS,
    Link,
    attach_renditions,
    links_by_owner,
    rows_of_slice,
)
from home.seo import SeoMixin
from home.snippets import Person, PersonRole, Theme
from pagecache.generation import memoize
from pagecache.lookups import snippets_by_key
from pagecache.restrictions import restricted_sections

POSTS_PER_PAGE = 10
FEED_LENGTH = 20
RELATED_POSTS = 3
NEWEST_FIRST = ("-date", "-first_published_at", "-pk")
# A post's authors in the editor's order, and its themes.
POST_LINKS = (Link("authors", "person_id", "sort_order"), Link("themes"))
# Renditions the templates use; prefetched so that a listing's cost does not grow with it.
THUMBNAIL_SPECS = THUMBNAIL.specs
# The roles a visitor can filter on: the people who write here.
FILTER_ROLES = {
    PersonRole.TEAM_MEMBER.value: _("Work team members"),
    PersonRole.STUDENT.value: _("Students"),
}


# What a post in a listing or feed shows besides its link; not its body.
POST_LISTING_FIELDS = (
    *PAGE_LINK_FIELDS,
    "date",
    "intro",
    "hero_image",
    "first_published_at",
    "last_published_at",
)


def with_listing_data(posts):
    """What a listing or feed reads of each post row; `attach_localized_people_and_themes`
    adds its people and themes."""
    return posts.only(*POST_LISTING_FIELDS)


def attach_localized_people_and_themes(posts):
    """Give each post `author_list` and `theme_list` in the active language (one query).

    Only the links are read: the people and themes themselves come from the memo, already in
    every language. wagtail-localize copies the links unchanged, so an English post points at
    the Dutch snippets; each is shown in the visitor's language.
    """
    posts = list(posts)
    pks = [post.pk for post in posts]
    person_ids, theme_ids = links_by_owner(BlogPostPage, pks, *POST_LINKS)
    people = snippets_by_pk(Person, [pk for ids in person_ids.values() for pk in ids])
    themes = snippets_by_pk(Theme, [pk for ids in theme_ids.values() for pk in ids])
    for post in posts:
        post.author_list = localize_all(people[pk] for pk in person_ids.get(post.pk, ()))
        post.theme_list = sorted(
            localize_all(themes[pk] for pk in theme_ids.get(post.pk, ())), key=lambda t: t.name
        )
    return posts


def posts_under(index_page):
    """The live, public posts of a blog index (as any Page), newest first.

    The one order of the index, its feeds and related posts. The database reads it from the
    `blog_post_newest_first` index by date and sorts only the posts of one date further.
    """
    return BlogPostPage.objects.live().public().descendant_of(index_page).order_by(*NEWEST_FIRST)


def with_filters(posts, *, theme_key=None, role=None):
    """`posts` about a theme (by translation key, whatever language the post links to) or by
    an author of a role; either value may be a `Param` (home/compiled.py)."""
    if theme_key is not None:
        posts = posts.filter(
            pk__in=BlogPostPage.themes.through.objects.filter(
                theme__translation_key=theme_key
            ).values("blogpostpage_id")
        )
    if role is not None:
        posts = posts.filter(
            pk__in=BlogPostAuthor.objects.filter(person__role=role).values("page_id")
        )
    return posts


def posts_per_date(posts) -> tuple:
    """((date, number of posts), ...) of these posts, newest date first."""
    return tuple(posts.values_list("date").annotate(number=Count("pk")).order_by("-date"))


def date_at_position(per_date, position: int):
    """(date, newer posts of that date) of the post at `position` (0 is the newest) in the
    newest-first order, from `posts_per_date`."""
    before = 0
    for day, number in per_date:
        if position < before + number:
            return day, position - before
        before += number
    raise IndexError(position)


class BlogIndexPage(RoutablePageMixin, SectionIndexPage):
    """Lists a language tree's posts, filterable by theme and author role, with RSS and Atom."""

    subpage_types = ["blog.BlogPostPage"]

    class Meta:
        verbose_name = _("blog index")
        verbose_name_plural = _("blog indexes")

    # Queries

    def get_posts(self):
        return posts_under(self)

    def filter_posts(self, posts, *, theme=None, role=None):
        return with_filters(
            posts, theme_key=theme.translation_key if theme is not None else None, role=role
        )

    def get_theme_options(self, posts):
        """The themes of these posts, in this index's language (one query)."""
        used = Theme.objects.filter(blog_posts__in=posts.values("pk")).values("translation_key")
        return Theme.objects.filter(locale_id=self.locale_id, translation_key__in=used)

    def get_filters(self, request):
        """(theme, role) from the query string; an unknown value is a 404, empty means all."""
        theme_slug = request.GET.get("theme", "").strip()
        role = request.GET.get("role", "").strip()
        theme = None
        if theme_slug:
            # The index is served in its own language: its locale is the visitor's.
            theme = next(
                (
                    candidate
                    for candidate in snippets_by_key(Theme).values()
                    if candidate.locale_id == self.locale_id and candidate.slug == theme_slug
                ),
                None,
            )
            if theme is None:
                raise Http404("Unknown theme")
        if role and role not in FILTER_ROLES:
            raise Http404("Unknown role")
        return theme, role or None

    # Views

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        theme, role = self.get_filters(request)
        posts_page = self.paginate(request.GET.get("page") or 1, theme=theme, role=role)
        # The same for every page and filter of this index: kept until content changes.
        theme_options = list(
            memoize(
                f"blog-theme-options:{self.pk}",
                lambda: list(self.get_theme_options(self.get_posts())),
            )
        )
        if theme is not None and theme not in theme_options:
            theme_options.append(theme)  # a theme without posts yet stays selectable
        context.update(
            posts=posts_page,
            active_theme=theme,
            active_role=role,
            active_role_label=FILTER_ROLES.get(role),
            role_options=list(FILTER_ROLES.items()),
            theme_options=theme_options,
            is_filtered=bool(theme or role),
            **self.get_feed_context(request),
        )
        return context

    def paginate(self, number, *, theme=None, role=None):
        """One page of the posts (with a theme or an author role) with the listing's data; an
        unknown page number is a 404.

        Counting and skipping thousands of posts on every view is what made deep pages slow.
        The number of posts per date only changes with the content, so it is kept until then:
        it gives the count, and the date a page starts on, so the database seeks to that date in
        the newest-first index and skips no more than the posts of one day.
        """
        filter_key = theme.translation_key if theme is not None else ""
        per_date = memoize(
            f"blog-posts-per-date:{self.pk}:{filter_key}:{role or ''}",
            lambda: posts_per_date(self.filter_posts(self.get_posts(), theme=theme, role=role)),
        )
        paginator = Paginator(range(sum(number for _day, number in per_date)), POSTS_PER_PAGE)
        try:
            posts_page = paginator.page(number)
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404("No such page") from error
        if not paginator.count:
            posts_page.object_list = []
            return posts_page
        day, newer_that_day = date_at_position(per_date, posts_page.start_index() - 1)
        filters = {"theme": filter_key} if theme is not None else {}
        if role is not None:
            filters["role"] = role
        listed = _LISTING_PAGE(
            tuple(sorted(filters)),
            newer_that_day,
            newer_that_day + POSTS_PER_PAGE,
            day=day,
            **descendant_values("index", self),
            **filters,
        )
        attach_localized_people_and_themes(listed)
        attach_renditions((post.hero_image for post in listed), THUMBNAIL_SPECS)
        posts_page.object_list = listed
        return posts_page

    def get_feed_context(self, request):
        return feed_context(self, request)

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from blog.feeds import BlogRssFeed

        return BlogRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from blog.feeds import BlogAtomFeed

        return BlogAtomFeed(self)(request)

    def get_structured_data(self, request):
        return {
            "@type": "Blog",
            "name": self.title,
            "url": self.get_absolute_url(request),
            "inLanguage": self.locale.language_code,
            "description": self.get_meta_description(),
        }


def feed_context(index_page, request):
    """The feed links of a blog index, given as a BlogIndexPage or as the same plain Page."""
    url = index_page.get_url(request)
    resolver = BlogIndexPage.get_resolver()
    return {
        "rss_feed_url": request.build_absolute_uri(url + resolver.reverse("rss_feed")),
        "atom_feed_url": request.build_absolute_uri(url + resolver.reverse("atom_feed")),
        "feed_title": index_page.title,
    }


class BlogPostAuthor(PageAuthor):
    page = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="authors")


class BlogPostPageForm(PageForm):
    """Offers the themes of the page's language and refuses an author named twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "themes" in self.fields and self.instance.locale_id:
            # The edit view's page comes from its latest revision, whose `themes` is an
            # in-memory modelcluster list: collect the keys in Python, not with .values().
            current = [theme.pk for theme in self.instance.themes.all()] if self.instance.pk else []
            self.fields["themes"].queryset = Theme.objects.filter(
                Q(locale_id=self.instance.locale_id) | Q(pk__in=current)
            )

    def clean(self):
        cleaned_data = super().clean()
        authors = self.formsets.get("authors")
        if authors is not None and authors.is_valid():
            seen = set()
            for form in authors.forms:
                data = getattr(form, "cleaned_data", None) or {}
                person = data.get("person")
                if person is None or data.get("DELETE"):
                    continue
                if person.pk in seen:
                    form.add_error("person", _("This person is already an author of this post."))
                    self.add_error(None, _("Name each author only once."))
                seen.add(person.pk)
        return cleaned_data


class BlogPostPage(PageUrlMixin, SeoMixin, Page):
    """A post by one or more work team members or students."""

    date = models.DateField(
        _("post date"),
        default=timezone.localdate,
        help_text=_("Shown on the post; the blog lists posts newest first by this date."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=300,
        help_text=_("One or two sentences shown in the blog list, the feed and link previews."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; shown large at the top of the post and small in the blog list."),
    )
    hero_image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the hero image shows, for people who cannot see it. Required unless the image "
            "is decorative."
        ),
    )
    hero_image_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only when the image adds nothing to the text; screen readers skip it."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), help_text=_("The post itself."))
    themes = ParentalManyToManyField(
        "home.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="blog_posts",
        help_text=_("The themes this post is about; visitors filter the blog on them."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        InlinePanel("authors", label=_("Author"), heading=_("Authors"), min_num=1),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []

    base_form_class = BlogPostPageForm
    # Joined when the page is served (pagecache.routing): the post always shows it.
    serve_select_related = ("hero_image",)
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("hero_image"),
        SynchronizedField("hero_image_decorative"),
        SynchronizedField("themes"),
    ]
    og_type = "article"

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        # Listings, feeds and related posts read the newest first: with thousands of posts the
        # database walks this index instead of sorting every post.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="blog_post_newest_first")]

    def clean(self):
        super().clean()
        alt_text = self.hero_image_alt.strip()
        if self.hero_image_id is None:
            return
        if self.hero_image_decorative and alt_text:
            raise ValidationError(
                {
                    "hero_image_alt": _(
                        "A decorative image has no alternative text: clear it or untick."
                    )
                }
            )
        if not self.hero_image_decorative and not alt_text:
            raise ValidationError(
                {"hero_image_alt": _("Describe the image, or mark it as decorative.")}
            )

    # Data for the template

    def get_index(self):
        """The blog index above the post: the parent the router found (no query), else looked up."""
        parent = getattr(self, "_cached_parent_obj", None)
        if parent is not None and parent.specific_class is BlogIndexPage:
            return parent
        return BlogIndexPage.objects.ancestor_of(self).first()

    def _read_links(self):
        """The post's authors and the themes it links to, as stored, in one query (once per
        request). Only the links are read (`.all()` holds a preview's unsaved ones); the people
        and themes come from the memo.

        wagtail-localize copies the links unchanged, so a translated post may link to the
        people and themes of another language: `get_author_list`, `get_theme_list` and
        `get_related_posts` start from these.
        """
        if not hasattr(self, "_linked"):
            self._linked = linked_snippets(self, *POST_LINKS)
        return self._linked

    def get_author_list(self):
        """The authors in order, in the active language."""
        return localize_all(self._read_links()[0])

    def get_linked_themes(self):
        """The themes this post links to, as stored."""
        return self._read_links()[1]

    def get_theme_list(self):
        return sorted(localize_all(self.get_linked_themes()), key=lambda theme: theme.name)

    def get_related_posts(self, index_page=None):
        """Up to three posts of the same index sharing a theme, in the index's order (one query).

        A theme is shared by translation key, whatever language the links point at. The ids of
        those themes come from the memo, so the database walks the newest-first index and stops
        after three matches instead of collecting and sorting every post that shares a theme.
        """
        keys = {theme.translation_key for theme in self.get_linked_themes()}
        index_page = index_page or self.get_index()
        if not keys or index_page is None:
            return []
        theme_ids = sorted(ids_in_every_language(Theme, keys))
        return _RELATED_POSTS(
            len(theme_ids),
            post=self.pk or 0,  # a new post's preview has no pk: nothing to leave out
            **descendant_values("index", index_page),
            **list_values("theme", theme_ids),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_index()
        context.update(
            index_page=index_page,
            index_url=index_page.get_url(request) if index_page else None,
            author_list=self.get_author_list(),
            theme_list=self.get_theme_list(),
            related_posts=self.get_related_posts(index_page),
        )
        if index_page is not None:
            context.update(feed_context(index_page, request))
        return context

    def get_meta_image(self):
        return self.hero_image

    def get_structured_data(self, request):
        authors = self.get_author_list()
        data = {
            "@type": "BlogPosting",
            "headline": self.title,
            "datePublished": self.date.isoformat(),
            "author": [
                {"@type": "Person", "name": person.name, "jobTitle": person.get_role_display()}
                for person in authors
            ],
            "inLanguage": self.locale.language_code,
            "description": self.get_meta_description(),
            "url": self.get_absolute_url(request),
            "mainEntityOfPage": self.get_absolute_url(request),
        }
        rendition = rendition_or_none(self.hero_image, SOCIAL_SPEC)
        if rendition is not None:
            data["image"] = request.build_absolute_uri(rendition_url(rendition))
        return data


def _related_posts(theme_count: int):
    """The posts under an index (bound as "index") but one ("post") that link to one of
    `theme_count` themes ("theme_0", ...), newest first: `get_related_posts`' query."""
    sharing = BlogPostPage.themes.through.objects.filter(
        one_of("theme_id", "theme", theme_count), blogpostpage_id=OuterRef("pk")
    )
    return (
        BlogPostPage.objects.live()
        .public()
        .filter(descendants_of("index"), Exists(sharing))
        .exclude(pk=Param("post", IntegerField()))
        .order_by(*NEWEST_FIRST)
        .only(*PAGE_LINK_FIELDS, "date")[:RELATED_POSTS]
    )


_RELATED_POSTS = CompiledQuery(_related_posts, varies_with=restricted_sections)


def _listing_page(filters: tuple[str, ...], start: int, stop: int):
    """Rows `start` to `stop` of an index's (bound as "index") posts from a date ("day") back,
    newest first, with what the listing shows; `filters` names the bound filters ("theme",
    "role"). `BlogIndexPage.paginate`'s query."""
    posts = with_filters(
        BlogPostPage.objects.live()
        .public()
        .filter(descendants_of("index"))
        .order_by(*NEWEST_FIRST),
        theme_key=Param("theme", UUIDField()) if "theme" in filters else None,
        role=Param("role", CharField()) if "role" in filters else None,
    )
    rows = rows_of_slice(posts.filter(date__lte=Param("day", DateField())), start, stop)
    return with_listing_data(rows).select_related("hero_image")


_LISTING_PAGE = CompiledQuery(_listing_page, varies_with=restricted_sections)
