"""Abstract building blocks that the content apps' page models share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.forms import PageForm
from home.page_urls import PageUrlMixin
from home.seo import SeoMixin


class SectionIndexPage(PageUrlMixin, SeoMixin, Page):
    """The start page of a content section (clips, blog, research), once per language tree."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title: what visitors find in this section."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = PageForm

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True


class PageAuthor(Orderable):
    """An author of a page, in the order the page names them. Subclasses add the `page` key.

    Deleting a person who wrote something is refused: a page never loses an author silently.
    """

    person = models.ForeignKey(
        "home.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Choose the person in the People list; their role is shown with the name."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True
        # Authors added in code have no sort order yet: then the order they were added in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return str(self.person)
