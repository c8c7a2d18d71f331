"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

HEADING_LEVELS = [("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))]

# A deliberate, small feature set: structure and links, no colours or raw HTML.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Text"), max_length=120, help_text=_("A short heading for the section below it.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=HEADING_LEVELS,
        default="h2",
        help_text=_("Use heading 2 for sections; 3 and 4 only inside a section."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; the page title is the only level-1 heading.")
        preview_value = {"text": "Van en met elkaar leren", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("label", _("Paragraph"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = _("Running text with bold, italic, links and lists.")
        preview_value = (
            "<p>Beleidsmakers, professionals uit de wijk, studenten en docent-onderzoekers "
            "leerden samen wat er nodig is tegen eenzaamheid.</p>"
        )


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
