"""Knowledge clips: an index per language tree and one page per clip."""

import datetime
from operator import attrgetter
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, IntegerField, OuterRef, UUIDField
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock
from home.compiled import CompiledQuery, Param, list_values, one_of
from home.forms import PageForm
from home.images import CARD, VIDEO_POSTER_SPEC, rendition_or_none, rendition_url
from home.localization import ids_in_every_language, localize_all, snippets_by_pk
from home.page_urls import PageUrlMixin
from home.pages import SectionIndexPage
from home.queries import PAGE_LINK_FIELDS, Link, linked_ids, with_image_renditions
from home.seo import SeoMixin
from home.snippets import Person, Theme
from kennisclips.blocks import TranscriptBlock
from kennisclips.video import (
    display_duration,
    iso_duration,
    parse_video_url,
    spoken_duration,
    timecode_seconds,
)
from pagecache.lookups import active_locale
from pagecache.restrictions import restricted_sections

VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}
CAPTION_EXTENSIONS = {"vtt": "text/vtt"}
STREAM_CONTENT_TYPES = {**VIDEO_EXTENSIONS, **CAPTION_EXTENSIONS}
# The poster's renditions in listings (prefetched in one query) and in structured data.
CARD_POSTER = CARD.specs
PLAYER_POSTER = VIDEO_POSTER_SPEC
RELATED_FIELDS = (*PAGE_LINK_FIELDS, "subtitle")
# What a clip's card in the index shows (kennisclips/includes/clip_card.html).
CARD_FIELDS = (*RELATED_FIELDS, "duration_seconds", "poster_image")
RELATED_LIMIT = 4
# The editor's related-page links: the ids of their pages, in the editor's order.
CHOSEN_LINK = Link("related_links", "related_page_id", "sort_order")


def file_extension(document) -> str:
    return PurePosixPath(document.file.name).suffix.lower().lstrip(".")


def stream_url(document) -> str:
    """Where the player fetches a clip's video or caption file (with byte-range support)."""
    return reverse(
        "kennisclips:media_stream",
        kwargs={"document_id": document.pk, "filename": PurePosixPath(document.file.name).name},
    )


class CaptionLanguage(models.TextChoices):
    DUTCH = "nl", "Nederlands"
    ENGLISH = "en", "English"


class KennisclipIndexPage(SectionIndexPage):
    """The clips of one language tree, newest first."""

    subpage_types = ["kennisclips.KennisclipPage"]

    clips_per_page = 12

    class Meta:
        verbose_name = _("knowledge clip index")
        verbose_name_plural = _("knowledge clip indexes")

    def get_clips(self):
        """Live, public clips under this index with everything a listing card shows."""
        clips = (
            KennisclipPage.objects.live()
            .public()
            .descendant_of(self)
            .only(*CARD_FIELDS)  # not the transcripts and descriptions
        )
        return with_image_renditions(clips, "poster_image", CARD_POSTER).order_by(
            "-publication_date", "-first_published_at", "-pk"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_clips(), self.clips_per_page)
        # get_page() turns "abc" into page 1 and 99999 into the last page: never an error.
        context["clips"] = paginator.get_page(request.GET.get("page"))
        return context


class KennisclipPageForm(PageForm):
    """Checks the caption files together: one per language."""

    def clean(self):
        cleaned_data = super().clean()
        captions = self.formsets.get("captions")
        if captions is not None and captions.is_valid():
            seen = set()
            deleted = captions.deleted_forms
            for form in captions.forms:
                language = getattr(form, "cleaned_data", {}).get("language")
                if not language or form in deleted:
                    continue
                if language in seen:
                    form.add_error(
                        "language", _("There is already a caption file in this language.")
                    )
                seen.add(language)
        return cleaned_data


class KennisclipPage(PageUrlMixin, SeoMixin, Page):
    """One knowledge clip: the video, its captions and transcript, and what it is about."""

    subtitle = models.CharField(
        _("subtitle"),
        max_length=160,
        blank=True,
        help_text=_("A short line under the title, for example what the clip is on the way to."),
    )
    description = models.TextField(
        _("description"),
        max_length=300,
        help_text=_("Two or three sentences of plain text: shown in listings and search results."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the clip: background, the working method, links."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An uploaded MP4 or WebM video. Give either this or an external address."),
    )
    poster_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown before the video plays and in listings. Required with an uploaded video."
        ),
    )
    video_url = models.URLField(
        _("external video address"),
        blank=True,
        max_length=300,
        help_text=_(
            "A YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=… or "
            "https://vimeo.com/123456. Its player loads only when a visitor asks for it."
        ),
    )
    duration_seconds = models.PositiveIntegerField(
        _("duration in seconds"),
        null=True,
        blank=True,
        help_text=_("How long the clip lasts, in seconds (205 for 3:25)."),
    )
    transcript = StreamField(
        TranscriptBlock(),
        blank=True,
        verbose_name=_("transcript"),
        help_text=_("Everything said in the clip, in parts that each start at a time code."),
    )
    themes = ParentalManyToManyField(
        "home.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="kennisclip_pages",
        help_text=_("What the clip is about; other clips on the same themes are suggested."),
    )
    people = ParentalManyToManyField(
        "home.Person",
        verbose_name=_("people in the clip"),
        blank=True,
        related_name="kennisclip_pages",
        help_text=_("Who appears or speaks in the clip."),
    )
    publication_date = models.DateField(
        _("publication date"),
        default=datetime.date.today,
        help_text=_("When the clip was first published; the index lists newest first."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("description"),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.FilterField("publication_date"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("description"),
        FieldPanel("publication_date"),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("poster_image"),
                FieldPanel("video_url"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Video"),
        ),
        InlinePanel(
            "captions",
            label=_("Caption files"),
            help_text=_("WebVTT files (.vtt), at most one per language."),
        ),
        FieldPanel("transcript"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("people", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "related_links",
            label=_("Related pages"),
            help_text=_("Clips or pages to suggest; without any, clips on the same themes."),
        ),
    ]

    parent_page_types = ["kennisclips.KennisclipIndexPage"]
    subpage_types: list[str] = []

    base_form_class = KennisclipPageForm
    # Joined when the page is served (pagecache.routing): the player always shows them.
    serve_select_related = ("poster_image", "video_file")

    override_translatable_fields = [
        SynchronizedField("video_file", overridable=False),
        SynchronizedField("poster_image", overridable=False),
        SynchronizedField("video_url", overridable=False),
        SynchronizedField("duration_seconds", overridable=False),
        SynchronizedField("publication_date", overridable=False),
        SynchronizedField("captions", overridable=False),
        SynchronizedField("related_links", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("people", overridable=False),
    ]

    class Meta:
        verbose_name = _("knowledge clip")
        verbose_name_plural = _("knowledge clips")
        # The index page and related clips read the newest first: with a thousand clips the
        # database walks this index and stops early instead of sorting every clip.
        indexes = [
            models.Index(fields=["-publication_date", "-page_ptr"], name="clip_newest_first")
        ]

    # Validation

    def clean(self):
        super().clean()
        errors = {}
        has_file = self.video_file_id is not None
        url = (self.video_url or "").strip()
        if has_file and url:
            errors["video_url"] = _(
                "Give either an uploaded video file or an external address, not both: "
                "clear this address or remove the video file."
            )
        elif not has_file and not url:
            errors["video_file"] = _(
                "Add the video: choose an uploaded MP4 or WebM file, or give a YouTube or "
                "Vimeo address below."
            )
        if url and not has_file and parse_video_url(url) is None:
            errors["video_url"] = _(
                "Only YouTube and Vimeo video addresses work here, e.g. "
                "https://www.youtube.com/watch?v=…, https://youtu.be/…, "
                "https://vimeo.com/123456."
            )
        if has_file:
            if file_extension(self.video_file) not in VIDEO_EXTENSIONS:
                errors["video_file"] = _("The video file must be an MP4 (.mp4) or WebM (.webm).")
            elif self.poster_image_id is None:
                errors["poster_image"] = _(
                    "An uploaded video needs a poster image, shown before it plays."
                )
        caption_errors = self._caption_errors()
        if caption_errors:
            errors[NON_FIELD_ERRORS] = caption_errors
        if errors:
            raise ValidationError(errors)

    def _caption_errors(self) -> list[str]:
        """Duplicate languages or non-WebVTT files among the captions held in memory."""
        problems = []
        seen = set()
        for caption in self.captions.all():
            if caption.language in seen:
                problems.append(_("There is already a caption file in this language."))
            seen.add(caption.language)
            if caption.document_id and file_extension(caption.document) not in CAPTION_EXTENSIONS:
                problems.append(_("A caption file must be a WebVTT file (.vtt)."))
        return problems

    # The video

    @property
    def external_video(self):
        return None if self.video_file_id else parse_video_url(self.video_url)

    @property
    def video_content_type(self) -> str:
        return VIDEO_EXTENSIONS.get(file_extension(self.video_file), "video/mp4")

    @property
    def video_stream_url(self) -> str:
        return stream_url(self.video_file)

    @property
    def duration_display(self) -> str:
        return display_duration(self.duration_seconds) if self.duration_seconds else ""

    @property
    def duration_label(self) -> str:
        if not self.duration_seconds:
            return ""
        return _("Duration: %(duration)s") % {"duration": spoken_duration(self.duration_seconds)}

    @property
    def duration_iso(self) -> str:
        return iso_duration(self.duration_seconds) if self.duration_seconds else ""

    # Rendering

    def get_captions(self):
        """Caption tracks with their language names; the page's language is the default."""
        language = self.locale.language_code
        tracks = []
        for caption in self.captions.select_related("document"):
            if caption.document is None:
                continue
            tracks.append(
                {
                    "language": caption.language,
                    "label": get_language_info(caption.language)["name_local"],
                    "src": stream_url(caption.document),
                    "default": caption.language == language,
                }
            )
        if tracks and not any(track["default"] for track in tracks):
            tracks[0]["default"] = True
        return tracks

    def get_related_pages(self, theme_keys, chosen_ids=None) -> list[Page]:
        """The editor's choice in the visitor's language; else clips on the same themes.

        `theme_keys`: the translation keys of this clip's themes; `chosen_ids`: the pages the
        editor linked, in order (read here when not given). A fixed number of queries,
        whatever the number of links.
        """
        if chosen_ids is None:
            (chosen_ids,) = linked_ids(self, CHOSEN_LINK)
        chosen_ids = [pk for pk in chosen_ids if pk is not None and pk != self.pk]
        if chosen_ids:
            keys = dict(Page.objects.filter(pk__in=chosen_ids).values_list("pk", "translation_key"))
            translated = {
                page.translation_key: page
                for page in Page.objects.live()
                .public()
                .filter(translation_key__in=keys.values(), locale=active_locale())
                .specific()
            }
            return [translated[keys[pk]] for pk in chosen_ids if keys.get(pk) in translated]
        if not theme_keys:
            return []
        # The ids of the themes with those keys, in any language, from the memo: the database
        # then walks the clips newest first and stops at the RELATED_LIMIT-th match, instead of
        # joining, de-duplicating and sorting every clip that shares a theme.
        theme_ids = sorted(ids_in_every_language(Theme, theme_keys))
        return _RELATED_CLIPS(
            len(theme_ids),
            locale=self.locale_id,
            translation_key=self.translation_key,
            **list_values("theme", theme_ids),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        theme_ids, person_ids, chosen_ids = linked_ids(
            self, Link("themes"), Link("people"), CHOSEN_LINK
        )
        themes = snippets_by_pk(Theme, theme_ids)
        people = snippets_by_pk(Person, person_ids)
        by_name = attrgetter("name")
        context["themes"] = sorted(localize_all(themes[pk] for pk in theme_ids), key=by_name)
        context["people"] = sorted(localize_all(people[pk] for pk in person_ids), key=by_name)
        context["captions"] = self.get_captions() if self.video_file_id else []
        context["related_pages"] = self.get_related_pages(
            [theme.translation_key for theme in context["themes"]], chosen_ids
        )
        context["external_video"] = self.external_video
        return context

    # SEO

    def get_meta_description(self) -> str:
        return self.search_description or self.description

    def get_meta_image(self):
        return self.poster_image

    def transcript_text(self) -> str:
        lines = []
        for block in self.transcript:
            speaker = block.value.get("speaker")
            text = block.value.get("text", "")
            lines.append(f"{speaker}: {text}" if speaker else text)
        return "\n".join(lines)

    def get_structured_data(self, request) -> dict:
        data = {
            "@type": "VideoObject",
            "name": self.title,
            "description": self.description,
            "uploadDate": self.publication_date.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": self.get_absolute_url(request),
        }
        rendition = rendition_or_none(self.poster_image, PLAYER_POSTER)
        if rendition is not None:
            data["thumbnailUrl"] = [request.build_absolute_uri(rendition_url(rendition))]
        if self.duration_seconds:
            data["duration"] = self.duration_iso
        if self.video_file_id:
            data["contentUrl"] = request.build_absolute_uri(self.video_stream_url)
            data["encodingFormat"] = self.video_content_type
        elif self.external_video is not None:
            data["embedUrl"] = self.external_video.embed_url
        transcript = self.transcript_text()
        if transcript:
            data["transcript"] = transcript
        return data

    def transcript_seconds(self) -> list[int]:
        """Each segment's start in seconds (for checks and tests)."""
        return [timecode_seconds(block.value["time"]) for block in self.transcript]


class KennisclipCaption(Orderable):
    """A WebVTT caption file in one language; the player offers each as a track."""

    page = ParentalKey(KennisclipPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=CaptionLanguage.choices,
        help_text=_("The language of the captions; at most one file per language."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("caption file"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A WebVTT file (.vtt) with the spoken text and time codes."),
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("caption file")
        verbose_name_plural = _("caption files")

    def __str__(self):
        return f"{self.page} ({self.language})"

    def clean(self):
        super().clean()
        if self.document_id and file_extension(self.document) not in CAPTION_EXTENSIONS:
            raise ValidationError({"document": _("A caption file must be a WebVTT file (.vtt).")})


class KennisclipRelatedPage(Orderable):
    """A clip or page the editor suggests beside this clip."""

    page = ParentalKey(KennisclipPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another clip, a blog post or a study."),
    )

    panels = [PageChooserPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")

    def __str__(self):
        return f"{self.page} → {self.related_page}"


def _related_clips(theme_count: int):
    """The clips of a locale ("locale") that link to one of `theme_count` themes ("theme_0",
    ...), but the clip itself and its translations ("translation_key"), newest first: the
    query of `get_related_pages` when the editor chose none."""
    sharing = KennisclipPage.themes.through.objects.filter(
        one_of("theme_id", "theme", theme_count), kennisclippage_id=OuterRef("pk")
    )
    return (
        KennisclipPage.objects.live()
        .public()
        .filter(Exists(sharing), locale_id=Param("locale", IntegerField()))
        .exclude(translation_key=Param("translation_key", UUIDField()))
        .order_by("-publication_date", "-pk")
        # What the list shows and its links need: not the transcripts and descriptions.
        .only(*RELATED_FIELDS)[:RELATED_LIMIT]
    )


_RELATED_CLIPS = CompiledQuery(_related_clips, varies_with=restricted_sections)
