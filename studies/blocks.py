"""Blocks of the study pages. Templates live in `studies/templates/blocks/`."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import SHORT_TEXT_FEATURES


class EffectiveFactorBlock(blocks.StructBlock):
    """One factor that made the studied practice work: a name and why it mattered."""

    name = blocks.CharBlock(
        label=_("Name"),
        max_length=120,
        help_text=_("A few words, for example “A mixed team”."),
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        features=SHORT_TEXT_FEATURES,
        help_text=_("What the factor is and how it contributed, in one or two short paragraphs."),
    )

    class Meta:
        icon = "tick"
        template = "blocks/effective_factor_block.html"
        label = _("Effective factor")
        description = _("A named factor that contributed to the result, with an explanation.")
        preview_value = {
            "name": "Een gemengd team",
            "explanation": (
                "<p>Beleid, praktijk, studenten en onderzoek aan één tafel brengen elk een "
                "eigen invalshoek mee.</p>"
            ),
        }

    def clean(self, value):
        value = super().clean(value)
        # An empty editor still posts an empty paragraph, which `required` lets through.
        if not strip_tags(value["explanation"].source).strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "explanation": ErrorList(
                        [ValidationError(_("Explain how this factor contributed."))]
                    )
                }
            )
        return value


class EffectiveFactorsBlock(blocks.StreamBlock):
    """The ordered list of factors; rendered together as one definition list."""

    factor = EffectiveFactorBlock()
