"""Every image rendition the site shows, per use, and making them before anyone asks.

Templates show images through `{% responsive_image image "<use>" alt=... %}`
(home/templatetags/responsive_images.py): a `<picture>` with a WebP source and a JPEG fallback,
`srcset` and `sizes`, and the width and height of the largest size. Listings prefetch a use's
`specs`. `make_renditions()` (the `make_renditions` command, run by the demo and bench loaders)
and the signals on saving a draft, publishing a page and editing an image (home/signals.py) make
every rendition the pages need, so that no visitor waits for an image to be resized and no
visitor's request writes a rendition.

AVIF is left out on purpose: Pillow here encodes it, but measured on the site's illustrations it
was 2.5 times slower than WebP at 1280 pixels wide and no smaller; WebP with a JPEG fallback
reaches every browser. Adding "avif" in front of FORMATS is all it would take.
"""

import contextvars
import functools
import logging
from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter, get_rendition_storage
from wagtail.models import Page, ReferenceIndex, get_page_models

logger = logging.getLogger(__name__)

# In order of preference: a browser takes the first it supports; the last is the <img> fallback.
FORMATS = ("webp", "jpeg")
FORMAT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# Images are made in chunks of this many, each chunk's existing renditions in one query.
CHUNK_SIZE = 200


@dataclass(frozen=True)
class ImageUse:
    """One place an image appears: its crop, the widths made of it and how wide it shows.

    `widths` go from large to small: the largest is the `<img>`'s `src`, `width` and `height`.
    `ratio` crops to that aspect ratio (`fill-WxH`); without it the image keeps its own shape.
    `sizes` is the `sizes` attribute: how wide the image shows at each viewport width, from the
    page's CSS. `eager` marks the first image above the fold: loaded at once, at high priority;
    every other use loads lazily.
    """

    name: str
    widths: tuple[int, ...]
    sizes: str
    ratio: tuple[int, int] | None = None
    eager: bool = False
    formats: tuple[str, ...] = FORMATS

    def resize(self, width: int) -> str:
        if self.ratio is None:
            return f"width-{width}"
        across, down = self.ratio
        return f"fill-{width}x{round(width * down / across)}"

    def spec(self, width: int, image_format: str) -> str:
        return f"{self.resize(width)}|format-{image_format}"

    @cached_property
    def specs(self) -> tuple[str, ...]:
        """Every filter spec of this use: what listings prefetch and what is made ahead."""
        return tuple(self.spec(w, f) for f in self.formats for w in self.widths)

    @cached_property
    def filters(self) -> tuple[Filter, ...]:
        """The specs as Wagtail filters, parsed once (see `image_filter`)."""
        return tuple(image_filter(spec) for spec in self.specs)


@functools.cache
def image_filter(spec: str) -> Filter:
    """Wagtail's `Filter` for a spec, parsed once per process.

    Given a spec string, `get_rendition(s)` makes a new `Filter` every call, and each one parses
    its operations again with `inspect.getcallargs` (about 3 ms per listing page of 12 images).
    A `Filter` keeps nothing of an image, so one per spec serves every image, as Wagtail's own
    `{% image %}` tag keeps one per template node.
    """
    return Filter(spec=spec)


# Cards in the grids of the home page and the clip index: one column on a phone, then two, then
# three in the 72rem container (18rem minimum, 1.5rem gaps, 1rem page margins).
CARD = ImageUse(
    "card",
    widths=(640, 320),
    ratio=(16, 9),
    sizes=(
        "(min-width: 74rem) 23rem, (min-width: 59rem) calc((100vw - 5rem) / 3), "
        "(min-width: 39.5rem) calc((100vw - 3.5rem) / 2), calc(100vw - 2rem)"
    ),
)
# The blog list's thumbnail: the card's renditions, shown at most 20rem, 12rem from 48rem.
THUMBNAIL = ImageUse(
    "thumbnail",
    widths=CARD.widths,
    ratio=CARD.ratio,
    sizes="(min-width: 48rem) 12rem, (min-width: 22rem) 20rem, calc(100vw - 2rem)",
)
# A post's hero: the first image of the page, across the 72rem container.
HERO = ImageUse(
    "hero",
    widths=(1200, 800, 480),
    sizes="(min-width: 74rem) 72rem, calc(100vw - 2rem)",
    eager=True,
)
# An image block in a text column (42rem): the hero's renditions, so an image used in both
# places is made once.
BODY = ImageUse(
    "body",
    widths=HERO.widths,
    sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)",
)
# A clip's poster in the player (at most 60rem wide): the first image of a clip page.
POSTER = ImageUse(
    "poster",
    widths=(1280, 960, 640),
    ratio=(16, 9),
    sizes="(min-width: 62rem) 60rem, calc(100vw - 2rem)",
    eager=True,
)
# `<video poster>` takes one address: the JPEG every browser shows. Also the clip's thumbnail in
# its structured data.
VIDEO_POSTER_SPEC = POSTER.spec(960, "jpeg")
# Link previews (Open Graph) and the structured data's image: the size the big networks ask for.
SOCIAL_SPEC = "fill-1200x630|format-jpeg"

USES = {use.name: use for use in (CARD, THUMBNAIL, HERO, BODY, POSTER)}

# The image fields of page types, with every spec their images are shown in. Image blocks in a
# page's StreamFields are found by `images_of_page()` and shown as BODY.
PAGE_IMAGE_FIELDS = {
    "kennisclips.KennisclipPage": {"poster_image": (*CARD.specs, *POSTER.specs, SOCIAL_SPEC)},
    "blog.BlogPostPage": {"hero_image": (*THUMBNAIL.specs, *HERO.specs, SOCIAL_SPEC)},
}


# How many images this thread (or task) found without a readable file: markup rendered while
# it grew is not kept (`{% cardcache %}`), so a file restored later shows at once.
_unreadable_images = contextvars.ContextVar("unreadable_images", default=0)


def unreadable_images() -> int:
    return _unreadable_images.get()


def _note_unreadable(image, what: str) -> None:
    _unreadable_images.set(_unreadable_images.get() + 1)
    logger.warning("Image %s has no readable file: %s", image.pk, what, exc_info=True)


def rendition_addresses_last() -> bool:
    """Whether rendition addresses stay valid while markup that holds them is kept: Django's
    own storages (local files, or memory in tests), or one that does not sign its addresses
    with an expiry time (django-storages' `querystring_auth` off). Any other storage is assumed
    to sign them."""
    storage = get_rendition_storage()
    if isinstance(storage, (FileSystemStorage, InMemoryStorage)):
        return True
    return getattr(storage, "querystring_auth", None) is False


def rendition_or_none(image, spec: str):
    """The rendition, or None when the image's file is missing or unreadable (logged)."""
    if image is None:
        return None
    try:
        return image.get_rendition(image_filter(spec))
    except OSError:  # Wagtail's SourceImageIOError, or a file Pillow cannot read
        _note_unreadable(image, f"{spec} left out")
        return None


# Addresses of files in local storage, by (MEDIA_URL, name); emptied when it grows past the limit.
_LOCAL_FILE_URLS: dict[tuple[str, str], str] = {}
LOCAL_FILE_URL_LIMIT = 20_000


def rendition_url(rendition) -> str:
    """`rendition.url`, worked out once per process for files in local storage.

    Django's `FileSystemStorage.url()` quotes the name and joins it to MEDIA_URL with `urljoin`:
    some 15 µs, for each of the five addresses of a `<picture>`, a third of a listing card's
    image. In local storage the address follows from MEDIA_URL and the file name alone, so it
    is kept. Other storages (object storage, docs/scaling.md) may sign their addresses with an
    expiry time: those are asked every time.
    """
    file = rendition.file
    storage = file.storage
    if not isinstance(storage, FileSystemStorage):
        return file.url
    key = (storage.base_url, file.name)
    url = _LOCAL_FILE_URLS.get(key)
    if url is None:
        if len(_LOCAL_FILE_URLS) >= LOCAL_FILE_URL_LIMIT:
            _LOCAL_FILE_URLS.clear()
        url = _LOCAL_FILE_URLS[key] = file.url
    return url


def renditions_or_none(image, use: ImageUse) -> dict[str, object] | None:
    """All renditions of a use by spec, or None when the image's file is missing or unreadable."""
    if image is None:
        return None
    try:
        return image.get_renditions(*use.filters)
    except OSError:
        _note_unreadable(image, "not shown")
        return None


def _attributes(attrs: dict) -> str:
    """HTML attributes as Django's `flatatt` writes them (sorted by name, those with a value
    first; True: the name alone; None or False: left out), escaped with the standard library's
    `html.escape` as Django's `escape` is, without a safe-string object per value: a listing
    writes some 60 of them per page."""
    valued = sorted(
        (name, value)
        for name, value in attrs.items()
        if value is not None and value is not False and value is not True
    )
    named = sorted(name for name, value in attrs.items() if value is True)
    return "".join(f' {name}="{escape(str(value))}"' for name, value in valued) + "".join(
        f" {name}" for name in named
    )


def picture_html(renditions: dict, use: ImageUse, attrs: dict) -> str:
    """`<picture>`: a source per modern format, then the fallback `<img>` with its own srcset.

    `attrs` go on the `<img>`, except `picture_class`: the `<picture>`'s class, for CSS that
    sizes the image as a flex or grid item.
    """

    def srcset(image_format):
        seen, parts = set(), []
        for width in use.widths:
            rendition = renditions[use.spec(width, image_format)]
            # A small original gives the same width more than once: list each width once.
            if rendition.width not in seen:
                seen.add(rendition.width)
                parts.append(f"{rendition_url(rendition)} {rendition.width}w")
        return ", ".join(parts)

    attrs = dict(attrs)
    picture_attrs = {"class": attrs.pop("picture_class", None)}
    *modern, fallback = use.formats
    largest = renditions[use.spec(use.widths[0], fallback)]
    loading = {"fetchpriority": "high"} if use.eager else {"loading": "lazy"}
    img_attrs = {
        "src": rendition_url(largest),
        "srcset": srcset(fallback),
        "sizes": use.sizes,
        "width": largest.width,
        "height": largest.height,
        **loading,
        "decoding": "async",
        **attrs,
    }
    sources = "".join(
        f"<source{_attributes({'type': FORMAT_TYPES[f], 'srcset': srcset(f), 'sizes': use.sizes})}>"
        for f in modern
    )
    return mark_safe(  # noqa: S308 - every value is escaped by _attributes
        f"<picture{_attributes(picture_attrs)}>{sources}<img{_attributes(img_attrs)}></picture>"
    )


# Which images the live pages show, and in which specs


def _image_ids_in_block(block, raw):
    """Image ids of image blocks inside a block's raw (JSON) value, at any depth."""
    from home.blocks import ImageBlock

    if raw is None:
        return
    if isinstance(block, ImageBlock):
        if isinstance(raw, dict) and raw.get("image"):
            yield raw["image"]
    elif isinstance(block, blocks.StreamBlock):
        for child in raw or ():
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                yield from _image_ids_in_block(
                    block.child_blocks[child["type"]], child.get("value")
                )
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                yield from _image_ids_in_block(child_block, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or ():
            # Lists are stored as {"type": "item", "value": ...}, or as bare values (older data).
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from _image_ids_in_block(block.child_block, item)


@functools.cache
def _image_stream_fields(model) -> tuple:
    """The model's StreamFields (its own and inherited) that can hold an image block."""
    from home.blocks import ImageBlock

    def holds_image(block, seen):
        if isinstance(block, ImageBlock):
            return True
        if id(block) in seen:
            return False
        seen.add(id(block))
        children = getattr(block, "child_blocks", None)
        if children is None and isinstance(block, blocks.ListBlock):
            children = {"item": block.child_block}
        return any(holds_image(child, seen) for child in (children or {}).values())

    return tuple(
        field
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField) and holds_image(field.stream_block, set())
    )


def _add(needs: dict[int, set[str]], image_id, specs):
    if image_id:
        needs.setdefault(int(image_id), set()).update(specs)


def images_in_use(pages=None) -> dict[int, set[str]]:
    """Image id -> every spec the live pages show it in (all live pages, or the given ones).

    Reads image ids from the database (foreign keys, and the raw JSON of StreamFields), never
    building the pages' block values: cheap at any number of pages.
    """
    needs: dict[int, set[str]] = {}
    page_ids = None if pages is None else [page.pk for page in pages]
    for label, fields in PAGE_IMAGE_FIELDS.items():
        model = apps.get_model(label)
        queryset = model.objects.live()
        if page_ids is not None:
            queryset = queryset.filter(pk__in=page_ids)
        for field, specs in fields.items():
            for image_id in queryset.exclude(**{field: None}).values_list(field, flat=True):
                _add(needs, image_id, specs)
    body_fields = [
        (model, field)
        for model in get_page_models()
        for field in _image_stream_fields(model)
        if field.model is model  # a parent's field is read once, through the parent
    ]
    for model, field in body_fields:
        queryset = model.objects.live()
        if page_ids is not None:
            queryset = queryset.filter(pk__in=page_ids)
        for stream in queryset.values_list(field.attname, flat=True).iterator(chunk_size=500):
            raw = getattr(stream, "raw_data", stream)
            for image_id in _image_ids_in_block(field.stream_block, list(raw or ())):
                _add(needs, image_id, BODY.specs)
    return needs


def images_of_pages(pages) -> dict[int, set[str]]:
    """Image id -> specs, read from page objects in memory (e.g. a draft revision's page)."""
    needs: dict[int, set[str]] = {}
    for page in pages:
        for field, specs in PAGE_IMAGE_FIELDS.get(page._meta.label, {}).items():
            _add(needs, getattr(page, f"{field}_id", None), specs)
        for field in _image_stream_fields(type(page)):
            stream = getattr(page, field.attname)
            raw = getattr(stream, "raw_data", stream)
            for image_id in _image_ids_in_block(field.stream_block, list(raw or ())):
                _add(needs, image_id, BODY.specs)
    return needs


@dataclass
class RenditionCount:
    made: int = 0
    existing: int = 0
    failed_images: int = 0
    images: int = 0

    def __str__(self):
        return (
            f"Renditions: {self.made} made, {self.existing} already there, for {self.images} "
            f"images; {self.failed_images} images without a readable file."
        )


def make_renditions(needs: dict[int, set[str]] | None = None) -> RenditionCount:
    """Make every missing rendition in `needs` (default: all that live pages show).

    Existing renditions are looked up in one query per chunk of images, so a run where all
    exist costs a few queries. An image whose file is missing or unreadable is logged and skipped.
    """
    if needs is None:
        needs = images_in_use()
    count = RenditionCount()
    image_model = get_image_model()
    all_specs = sorted({spec for specs in needs.values() for spec in specs})
    ids = sorted(needs)
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        images = image_model.objects.filter(pk__in=chunk).prefetch_renditions(*all_specs)
        for image in images.order_by("pk"):
            count.images += 1
            filters = [image_filter(spec) for spec in sorted(needs[image.pk])]
            found = image.find_existing_renditions(*filters)
            missing = [f for f in filters if f not in found]
            count.existing += len(found)
            if not missing:
                continue
            try:
                count.made += len(image.create_renditions(*missing))
            except OSError:
                count.failed_images += 1
                logger.warning("Image %s has no readable file: no renditions", image.pk)
    return count


def make_renditions_for_image(image) -> RenditionCount:
    """Renditions of one image for the live pages that show it (found through Wagtail's
    reference index), e.g. after its focal point or file changed."""
    references = ReferenceIndex.get_references_to(image).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    if not page_ids:
        return RenditionCount()
    pages = Page.objects.live().filter(pk__in=page_ids)
    needs = {pk: specs for pk, specs in images_in_use(pages).items() if pk == image.pk}
    return make_renditions(needs)
