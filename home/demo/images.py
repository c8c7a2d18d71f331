"""Demo images drawn locally with Pillow: nothing is downloaded."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = {
    "teal": ((11, 85, 96), (230, 240, 240)),
    "terracotta": ((179, 65, 42), (250, 236, 230)),
    "ochre": ((166, 112, 18), (252, 244, 224)),
    "plum": ((104, 52, 94), (244, 232, 242)),
    "moss": ((66, 98, 44), (234, 242, 226)),
}


def make_demo_image(title: str, palette: str = "teal", size=(1600, 900)):
    """A calm abstract picture (overlapping circles: people meeting), stored once per title."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    dark, light = PALETTES[palette]
    canvas = PillowImage.new("RGB", size, light)
    draw = ImageDraw.Draw(canvas)
    rng = random.Random(title)  # noqa: S311 - decoration, not security
    width, height = size
    for _ in range(7):
        radius = rng.randint(height // 6, height // 3)
        x = rng.randint(radius, width - radius)
        y = rng.randint(radius, height - radius)
        shade = tuple(
            int(low + (high - low) * rng.uniform(0.15, 0.6))
            for low, high in zip(dark, light, strict=True)
        )
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=shade, width=18)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    file_name = "".join(char if char.isalnum() else "-" for char in title.lower())[:60] + ".jpg"
    return image_model.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=file_name)
    )
