"""The transcript of a clip: time-coded segments, each a link to that moment in the video."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from kennisclips.video import display_duration, hash_timecode, timecode_seconds, validate_timecode


class TimecodeBlock(blocks.FieldBlock):
    """A time such as 01:05 or 1:02:30.

    Deliberately not a CharBlock: wagtail-localize then leaves it out of the translation, so a
    time code is the same in every language.
    """

    def __init__(self, required=True, help_text=None, **kwargs):
        self._required = required
        self._help_text = help_text
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.CharField(
            required=self._required,
            help_text=self._help_text,
            max_length=9,
            validators=[validate_timecode],
        )

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "time"
        default = "00:00"


class TranscriptSegmentBlock(blocks.StructBlock):
    time = TimecodeBlock(
        label=_("Time"),
        help_text=_("When this part starts in the video: MM:SS or H:MM:SS, e.g. 01:05."),
    )
    speaker = blocks.CharBlock(
        label=_("Speaker"),
        required=False,
        max_length=80,
        help_text=_("Who speaks, for example “Helma” or “Narrator”; leave empty if unchanged."),
    )
    text = blocks.TextBlock(label=_("Text"), help_text=_("What is said or shown, as plain text."))

    class Meta:
        icon = "openquote"
        template = "blocks/transcript_segment_block.html"
        label = _("Transcript segment")
        description = _("One part of the transcript, starting at a time code in the video.")
        preview_value = {
            "time": "00:05",
            "speaker": "Helma",
            "text": "We fietsen samen met ouderen die dat zelf niet meer kunnen.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        seconds = timecode_seconds(value["time"])
        context["seconds"] = seconds
        context["hash_time"] = hash_timecode(seconds)
        context["display_time"] = display_duration(seconds)
        # gettext here, not {% blocktranslate %} in the template: a transcript has dozens.
        context["play_label"] = gettext("Play from %(time)s") % {"time": context["display_time"]}
        return context


class TranscriptBlock(blocks.StreamBlock):
    segment = TranscriptSegmentBlock()
