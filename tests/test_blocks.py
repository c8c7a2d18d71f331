"""The shared StreamField blocks: their rules, their rendering and their admin metadata."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents.models import Document

from home.blocks import (
    AccordionBlock,
    BaseStreamBlock,
    CalloutBlock,
    CallToActionBlock,
    DocumentLinkBlock,
    ImageBlock,
    QuoteBlock,
)
from home.demo.images import make_demo_image


def render(block, raw_value) -> BeautifulSoup:
    value = block.to_python(raw_value)
    return BeautifulSoup(block.render(value), "html.parser")


def error_fields(block, raw_value) -> set[str]:
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python(raw_value))
    return set(caught.value.block_errors)


def test_every_struct_block_describes_itself_for_editors():
    for name, child in BaseStreamBlock().child_blocks.items():
        if isinstance(child, blocks.StructBlock):
            meta = child.meta
            assert meta.icon and meta.template and meta.description, name
            assert meta.preview_value, name
            assert meta.template.startswith("blocks/") and meta.template.endswith("_block.html")


@pytest.mark.django_db
class TestImageBlock:
    @pytest.fixture
    def image(self):
        return make_demo_image("Blocktest", "teal", size=(800, 450))

    def test_needs_alt_text_unless_decorative(self, image):
        assert error_fields(ImageBlock(), {"image": image.pk, "alt_text": " "}) == {"alt_text"}

    def test_decorative_image_has_no_alt_text(self, image):
        raw = {"image": image.pk, "alt_text": "Twee mensen", "decorative": True}
        assert error_fields(ImageBlock(), raw) == {"alt_text"}

    def test_renders_responsive_image_with_alt_and_caption(self, image):
        raw = {"image": image.pk, "alt_text": "Twee cirkels", "caption": "Ontmoeting"}
        soup = render(ImageBlock(), raw)
        img = soup.find("img")
        assert img["alt"] == "Twee cirkels"
        assert img["loading"] == "lazy"
        assert img["width"] and img["height"]
        assert len(img["srcset"].split(",")) == 2
        assert soup.find("figcaption").get_text() == "Ontmoeting"

    def test_decorative_image_renders_empty_alt(self, image):
        soup = render(ImageBlock(), {"image": image.pk, "decorative": True})
        assert soup.find("img")["alt"] == ""


@pytest.mark.django_db
def test_call_to_action_needs_exactly_one_target(home_pages):
    block = CallToActionBlock()
    assert error_fields(block, {"text": "Lees meer"}) == {"page"}
    both = {"text": "Lees meer", "page": home_pages["nl"].pk, "url": "https://example.org/"}
    assert error_fields(block, both) == {"url"}
    soup = render(block, {"text": "Lees meer", "page": home_pages["nl"].pk})
    assert soup.find("a")["href"] == "/nl/"


def test_quote_escapes_text_and_shows_attribution():
    soup = render(QuoteBlock(), {"text": "<b>Samen</b> leren", "attribution": "Helma"})
    assert soup.find("blockquote").get_text(strip=True) == "<b>Samen</b> leren"
    assert soup.find("b") is None
    assert soup.find("figcaption").get_text() == "Helma"


def test_callout_names_its_kind_for_screen_readers():
    soup = render(CalloutBlock(), {"kind": "tip", "title": "", "text": "<p>Vraag door.</p>"})
    assert soup.find("aside")["aria-label"] == "Tip"


def test_accordion_uses_native_disclosure_elements():
    raw = {
        "title": "Vragen",
        "items": [
            {"title": "Wie?", "content": "<p>Het werkteam.</p>"},
            {"title": "Wanneer?", "content": "<p>2018 en 2019.</p>"},
        ],
    }
    soup = render(AccordionBlock(), raw)
    assert [summary.get_text() for summary in soup.find_all("summary")] == ["Wie?", "Wanneer?"]
    assert len(soup.find_all("details")) == 2


@pytest.mark.django_db
def test_document_link_shows_type_and_size():
    document = Document(
        title="Evaluatieonderzoek", file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="rapport.pdf")
    )
    document._set_document_file_metadata()  # as Wagtail's upload form does
    document.save()
    soup = render(DocumentLinkBlock(), {"document": document.pk, "title": ""})
    link = soup.find("a")
    assert link.get_text() == "Evaluatieonderzoek"
    assert "PDF" in soup.get_text() and "KB" in soup.get_text()


def test_layout_choices_are_not_searchable_text():
    body = BaseStreamBlock()
    value = body.to_python(
        [
            {"type": "heading", "value": {"text": "Waarom samen bewegen?", "level": "h2"}},
            {"type": "callout", "value": {"kind": "tip", "title": "", "text": "<p>Vraag.</p>"}},
        ]
    )
    content = " ".join(body.get_searchable_content(value))
    assert "Waarom samen bewegen?" in content
    assert "Heading 2" not in content and "Kop 2" not in content
    assert "Tip" not in content
