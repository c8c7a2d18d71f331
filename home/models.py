from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.seo import SeoMixin
from home.snippets import Person, PersonRole, Theme  # noqa: F401 - models of this app


class HomePage(SeoMixin, Page):
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

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    # One home page per language tree, directly under Wagtail's root.
    max_count_per_parent = len(settings.WAGTAIL_CONTENT_LANGUAGES)
    parent_page_types = ["wagtailcore.Page"]
    # The section index pages (clips, blog, studies) are added here as they are built.
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_structured_data(self, request):
        return {
            "@type": "WebSite",
            "name": self.title,
            "url": self.get_absolute_url(request),
            "inLanguage": self.locale.language_code,
            "description": self.get_meta_description(),
        }
