from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.forms import PageForm
from home.page_urls import PageUrlMixin
from home.sections import FEATURABLE_PAGE_TYPES, INDEX_PAGE_TYPES, home_sections
from home.seo import SeoMixin
from home.snippets import Person, PersonRole, Theme  # noqa: F401 - models of this app
from pagecache.lookups import snippets_by_key


class HomePage(PageUrlMixin, SeoMixin, Page):
    """The start page of one language tree (`/nl/`, `/en/`)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title: what this knowledge base is."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("What the work team was and did, in sections."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "features",
            label=_("Featured items"),
            max_num=9,
            help_text=_(
                "Clips, blog posts and studies to show first, in this order. A section without "
                "chosen items shows its newest ones."
            ),
        ),
    ]

    base_form_class = PageForm

    # One home page per language tree, directly under Wagtail's root.
    max_count_per_parent = len(settings.WAGTAIL_CONTENT_LANGUAGES)
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = INDEX_PAGE_TYPES

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(self)
        context["themes"] = sorted(
            (t for t in snippets_by_key(Theme).values() if t.locale_id == self.locale_id),
            key=lambda theme: (theme.name.casefold(), theme.pk),
        )
        context["blog_index"] = next(
            (filled.index for filled in context["sections"] if filled.section.key == "posts"),
            None,
        )
        return context

    def get_structured_data(self, request):
        return {
            "@type": "WebSite",
            "name": self.title,
            "url": self.get_absolute_url(request),
            "inLanguage": translation.get_language(),
            "description": self.get_meta_description(),
        }


class HomePageFeature(Orderable):
    """A clip, post or study that editors put first on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="features")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A knowledge clip, blog post or study."),
    )

    panels = [PageChooserPanel("page", page_type=FEATURABLE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")
