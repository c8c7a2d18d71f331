"""Research pages: an index per language tree and one page per study."""

import datetime
from dataclasses import dataclass
from operator import attrgetter

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from home.forms import PageForm
from home.localization import linked_snippets, localize_all
from home.page_urls import PageUrlMixin
from home.pages import PageAuthor, SectionIndexPage
from home.queries import PAGE_LINK_FIELDS, Link
from home.seo import SeoMixin
from studies.blocks import EffectiveFactorsBlock

# The page gives every section its level-2 heading, so editors get levels 3 and 4 only:
# the outline and the table of contents stay correct whatever they write.
SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]

STUDIES_PER_PAGE = 20
# A study's authors in the editor's order, and its themes.
STUDY_LINKS = (Link("authors", "person_id", "sort_order"), Link("themes"))

# Ids that base.html and this page already use; a section anchor never takes one of them.
RESERVED_ANCHORS = {"main", "site-search-query", "study-toc-title", "study-summary"}


@dataclass(frozen=True)
class Section:
    """One entry of a study page's table of contents."""

    anchor: str
    title: str


class StudyIndexPage(SectionIndexPage):
    """The research section of one language tree: its studies, newest first."""

    subpage_types = ["studies.StudyPage"]

    class Meta:
        verbose_name = _("study index page")
        verbose_name_plural = _("study index pages")

    def get_studies(self):
        """Live, public studies of this tree, newest first, with what the listing shows."""
        return (
            StudyPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-first_published_at", "-pk")
            .only(*PAGE_LINK_FIELDS, "date", "summary")
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=StudyAuthor.objects.select_related("person"),
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_studies(), STUDIES_PER_PAGE)
        studies = paginator.get_page(request.GET.get("page"))
        # Authors of every study on this page, in the visitor's language, with one query.
        people = [author.person for study in studies for author in study.authors.all()]
        localized = dict(zip((p.pk for p in people), localize_all(people), strict=True))
        for study in studies:
            study.author_people = [localized[author.person_id] for author in study.authors.all()]
        context["studies"] = studies
        return context

    def get_structured_data(self, request):
        return {
            "@type": "CollectionPage",
            "name": self.title,
            "url": self.get_absolute_url(request),
            "inLanguage": self.locale.language_code,
            "description": self.get_meta_description(),
        }


class StudyPage(PageUrlMixin, SeoMixin, Page):
    """One study: what was asked, how, what worked, what was found, and the report."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "Two or three sentences: what was studied and what came out. Shown under the title, "
            "in listings and as the description for search engines."
        ),
    )
    date = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("When the study was completed or published; the listing is sorted by it."),
    )
    research_question = RichTextField(
        _("research question"),
        features=PARAGRAPH_FEATURES,
        help_text=_("The question the study answers, and any sub-questions as a list."),
    )
    method = RichTextField(
        _("method"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("How the study was done. Use heading 3 and 4 for parts of this section."),
    )
    effective_factors = StreamField(
        EffectiveFactorsBlock(),
        blank=True,
        verbose_name=_("effective factors"),
        help_text=_("The factors that contributed to the result, each with a short explanation."),
    )
    findings = RichTextField(
        _("findings"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("What the study found. Use heading 3 and 4 for parts of this section."),
    )
    conclusions = RichTextField(
        _("conclusions"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("What the findings mean. Use heading 3 and 4 for parts of this section."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("further content"),
        help_text=_(
            "Anything else, after the conclusions. Each heading 2 here becomes a section in the "
            "table of contents."
        ),
    )
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The full report as a file (PDF preferred); visitors can download it."),
    )
    report_link_text = models.CharField(
        _("report link text"),
        max_length=150,
        blank=True,
        help_text=_(
            "Text of the download link, for example “Read the full report”. Defaults to the "
            "document's title; the file type and size are added automatically."
        ),
    )
    cite_as = models.TextField(
        _("cite as"),
        blank=True,
        max_length=600,
        help_text=_(
            "How to cite this study. Leave empty to show a suggestion made from the authors, "
            "year, title and address of this page."
        ),
    )
    themes = ParentalManyToManyField(
        "home.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="studies",
        help_text=_("The topics of this study; search filters on them."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("research_question"),
        index.SearchField("method"),
        index.SearchField("effective_factors"),
        index.SearchField("findings"),
        index.SearchField("conclusions"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields(
            "authors", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
    ]

    description_panels = [
        FieldPanel("summary"),
        FieldPanel("date"),
        InlinePanel("authors", label=_("Authors"), heading=_("Authors")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    study_panels = [
        FieldPanel("research_question"),
        FieldPanel("method"),
        FieldPanel("effective_factors"),
        FieldPanel("findings"),
        FieldPanel("conclusions"),
        FieldPanel("body"),
    ]
    report_panels = [
        FieldPanel("report"),
        FieldPanel("report_link_text"),
        FieldPanel("cite_as"),
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(description_panels, heading=_("About the study")),
        MultiFieldPanel(study_panels, heading=_("The study")),
        MultiFieldPanel(report_panels, heading=_("Report and citation")),
    ]

    base_form_class = PageForm
    # Joined when the page is served (pagecache.routing): the page always offers it.
    serve_select_related = ("report",)

    parent_page_types = ["studies.StudyIndexPage"]
    subpage_types: list[str] = []

    # The date, report and themes are the same study in every language; the authors (an inline
    # without text) are copied as they are.
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("report"),
        SynchronizedField("themes"),
    ]

    meta_description_fallback_field = "summary"
    og_type = "article"

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")

    # What the page shows about the study, in the visitor's language.

    def _localized(self, name, objects_function):
        """Cache per language: base.html's JSON-LD and the body both need these."""
        cache = self.__dict__.setdefault("_localized_cache", {})
        key = (name, translation.get_language())
        if key not in cache:
            cache[key] = localize_all(objects_function())
        return cache[key]

    def _read_links(self) -> list[list]:
        """The authors and themes as stored, in one query (once per request; people and
        themes from the memo)."""
        if "_linked" not in self.__dict__:
            self._linked = linked_snippets(self, *STUDY_LINKS)
        return self._linked

    def get_authors(self) -> list:
        """The authors' Person snippets in the active language, in the editor's order."""
        return self._localized("authors", lambda: self._read_links()[0])

    def get_themes(self) -> list:
        """The themes in the active language, by name."""
        themes = self._localized("themes", lambda: self._read_links()[1])
        return sorted(themes, key=attrgetter("name"))

    def get_report(self):
        return self.report if self.report_id else None

    def get_citation(self, request) -> str:
        """The editor's citation, else one made from authors, year, title and address."""
        if self.cite_as.strip():
            return self.cite_as.strip()
        site_name = gettext("Kennisbank Verbondenheid & Veerkracht")
        url = self.get_absolute_url(request)
        names = [person.name for person in self.get_authors()]
        if names:
            authors = str(get_text_list(names, gettext("and")))
            return f"{authors} ({self.date.year}). {self.title}. {site_name}. {url}"
        return f"{self.title} ({self.date.year}). {site_name}. {url}"

    def get_outline(self) -> dict:
        """Every level-2 section of the page in reading order, with unique anchors.

        `sections` is the table of contents; `fields` maps a text field to its section;
        `body_blocks` pairs each body block with an anchor when it is a level-2 heading.
        """
        cache = self.__dict__.setdefault("_outline_cache", {})
        language = translation.get_language()
        if language in cache:
            return cache[language]
        taken = set(RESERVED_ANCHORS)
        candidates = [
            ("research_question", gettext("Research question"), self.research_question),
            ("method", gettext("Method"), self.method),
            ("effective_factors", gettext("Effective factors"), self.effective_factors),
            ("findings", gettext("Findings"), self.findings),
            ("conclusions", gettext("Conclusions"), self.conclusions),
        ]
        fields = {
            name: Section(_unique_anchor(title, taken), title)
            for name, title, value in candidates
            if _has_content(value)
        }
        sections = list(fields.values())
        body_blocks = []
        for block in self.body:
            anchor = None
            if block.block_type == "heading" and block.value.get("level") == "h2":
                anchor = _unique_anchor(block.value["text"], taken)
                sections.append(Section(anchor, block.value["text"]))
            body_blocks.append((anchor, block))
        report = None
        if self.report_id:
            report = Section(_unique_anchor(gettext("Report"), taken), gettext("Report"))
            sections.append(report)
        citation = Section(_unique_anchor(gettext("Cite as"), taken), gettext("Cite as"))
        sections.append(citation)
        cache[language] = {
            "sections": sections,
            "fields": fields,
            "body_blocks": body_blocks,
            "report": report,
            "citation": citation,
        }
        return cache[language]

    def get_sections(self) -> list[Section]:
        """The table of contents."""
        return self.get_outline()["sections"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "outline": self.get_outline(),
                "authors": self.get_authors(),
                "themes": self.get_themes(),
                "report": self.get_report(),
                "citation": self.get_citation(request),
                "citation_is_suggestion": not self.cite_as.strip(),
            }
        )
        return context

    def get_structured_data(self, request):
        data = {
            "@type": "ScholarlyArticle",
            "headline": self.title[:110],
            "name": self.title,
            "url": self.get_absolute_url(request),
            "datePublished": self.date.isoformat(),
            "abstract": self.summary,
            "description": self.get_meta_description(),
            "inLanguage": self.locale.language_code,
        }
        authors = self.get_authors()
        if authors:
            data["author"] = [
                {"@type": "Person", "name": person.name, "jobTitle": person.get_role_display()}
                for person in authors
            ]
        themes = self.get_themes()
        if themes:
            data["about"] = [{"@type": "Thing", "name": theme.name} for theme in themes]
            data["keywords"] = [theme.name for theme in themes]
        report = self.get_report()
        if report is not None:
            media = {
                "@type": "MediaObject",
                "name": report.title,
                "contentUrl": request.build_absolute_uri(report.url),
                "encodingFormat": report.content_type,
            }
            if report.file_size:
                with translation.override("en"):  # a data format, not visitor text
                    size = filesizeformat(report.file_size)
                media["contentSize"] = size.replace("\xa0", " ")
            data["encoding"] = media
            data["associatedMedia"] = media
        return data


class StudyAuthor(PageAuthor):
    page = ParentalKey(StudyPage, on_delete=models.CASCADE, related_name="authors")


def _has_content(value) -> bool:
    """True for a non-empty StreamField or rich text with more than empty paragraphs."""
    if hasattr(value, "raw_data"):
        return len(value) > 0
    text = str(value or "")
    for empty in ("<p></p>", "<p><br/></p>", "<br/>"):
        text = text.replace(empty, "")
    return bool(text.strip())


def _unique_anchor(title: str, taken: set[str]) -> str:
    """A readable id from a heading (`werkzame-factoren`), unique on the page."""
    base = slugify(title, allow_unicode=False) or "section"
    anchor, number = base, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor
