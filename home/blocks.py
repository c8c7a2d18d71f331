"""StreamField blocks shared by every page type.

Templates live in `website/templates/blocks/<name>_block.html` and use `value`, never `self`.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

HEADING_LEVELS = [("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))]

# A deliberate, small feature set: structure and links, no colours, headings or raw HTML
# (headings have their own block, so that the outline stays correct).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


def _struct_error(errors: dict[str, str]) -> blocks.StructBlockValidationError:
    return blocks.StructBlockValidationError(
        block_errors={
            name: ErrorList([ValidationError(message)]) for name, message in errors.items()
        }
    )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Text"), max_length=120, help_text=_("A short heading for the section below it.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=HEADING_LEVELS,
        default="h2",
        # A layout choice, not content: keep "Heading 2" out of search results.
        search_index=False,
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


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), help_text=_("The words, without quotation marks."))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=150,
        help_text=_("Who said or wrote it, for example “Helma, work team member”."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name of the person who said it.")
        preview_value = {
            "text": "Iedereen kan een verschil maken door oprechte ontmoetingen.",
            "attribution": "Werkteam Verbondenheid en veerkracht",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image is "
            "decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_("Tick only when the image adds nothing to the text; screen readers skip it."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, max_length=250, help_text=_("Shown under the image.")
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")
        preview_value = {"alt_text": "", "decorative": True, "caption": ""}

    def clean(self, value):
        value = super().clean(value)
        alt_text = (value.get("alt_text") or "").strip()
        if value.get("decorative") and alt_text:
            raise _struct_error(
                {"alt_text": _("A decorative image has no alternative text: clear it or untick.")}
            )
        if not value.get("decorative") and not alt_text:
            raise _struct_error({"alt_text": _("Describe the image, or mark it as decorative.")})
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=150,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document link")
        description = _("A download link showing the file type and size.")
        preview_value = {"title": "Evaluatieonderzoek (PDF)"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(
        label=_("Page"), required=False, help_text=_("A page on this site, or…")
    )
    url = blocks.URLBlock(
        label=_("Web address"), required=False, help_text=_("…an address elsewhere. Not both.")
    )

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A prominent link to a page on this site or elsewhere.")
        preview_value = {"text": "Bekijk de kennisclips", "url": "https://example.org/"}

    def clean(self, value):
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            raise _struct_error({"url": _("Choose a page or give an address, not both.")})
        if not value.get("page") and not value.get("url"):
            raise _struct_error({"page": _("Choose a page or give an address.")})
        return value


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("important", _("Important"))],
        default="info",
        search_index=False,
        help_text=_("Sets the label and colour that screen readers and eyes both get."),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Callout")
        description = _("A highlighted box for a tip or an important remark.")
        preview_value = {
            "kind": "tip",
            "title": "Werkvorm",
            "text": "<p>Begin een gesprek met een vraag over de hand van de ander.</p>",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    content = blocks.RichTextBlock(label=_("Content"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_item_block.html"
        label = _("Item")
        description = _("A title that opens to show its content.")
        preview_value = {
            "title": "Wat is transformatief leren?",
            "content": "<p>Anders kijken.</p>",
        }


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"
        label = _("Accordion")
        description = _("Questions or topics that open one at a time; works without JavaScript.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [
                {"title": "Wie deden er mee?", "content": "<p>Professionals en studenten.</p>"}
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
