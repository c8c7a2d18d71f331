"""Draw the benchmark's figures as a PNG with Pillow (no plotting library needed).

Top panel: requests per second per page, cached and uncached side by side, with the static
file's rate as a dashed reference line. Bottom panel: the median in-process render time per
page, with the goals (10 ms for a post or clip, 15 ms for the rest) marked.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 900
BACKGROUND = (255, 255, 255)
INK = (30, 30, 30)
GRID = (225, 225, 225)
CACHED = (11, 85, 96)
UNCACHED = (126, 178, 186)
RENDER = (179, 65, 42)
GOAL = (90, 90, 90)
MARGIN_LEFT, MARGIN_RIGHT = 170, 40


def _font(size: int):
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _dashed_vertical(draw, x, top, bottom, color, dash=8):
    for y in range(top, bottom, dash * 2):
        draw.line((x, y, x, min(y + dash, bottom)), fill=color, width=2)


def _nice_max(value: float) -> float:
    """A round axis end at or above `value`."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _axis(draw, left, right, top, bottom, maximum, unit, font):
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        x = left + (right - left) * fraction
        draw.line((x, top, x, bottom), fill=GRID, width=1)
        label = f"{maximum * fraction:g}{unit}"
        draw.text((x, bottom + 4), label, fill=INK, font=font, anchor="ma")


def draw_chart(results: dict, path: Path, *, size=(WIDTH, HEIGHT)) -> Path:
    """Write the chart of `results` (the structure of results.json) to `path`."""
    width, height = size
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font, font, small = _font(22), _font(15), _font(13)
    pages = results.get("pages", [])
    static_rps = (results.get("static") or {}).get("rps") or 0
    subtitle = results.get("subtitle", "")
    draw.text((20, 14), "Kennisbank benchmark", fill=INK, font=title_font)
    draw.text((20, 44), subtitle, fill=GOAL, font=small)

    # Panel 1: requests per second.
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, bottom = 100, int(height * 0.56)
    draw.text((20, top - 28), "Requests per second (wrk)", fill=INK, font=font)
    maximum = _nice_max(
        max([static_rps] + [p.get(k) or 0 for p in pages for k in ("cached_rps", "uncached_rps")])
    )
    _axis(draw, left, right, top, bottom, maximum, "", small)
    row = (bottom - top) / max(1, len(pages))
    bar = max(4, min(16, row / 2 - 3))
    for number, page in enumerate(pages):
        y = top + row * number + row / 2
        draw.text((left - 10, y), page["name"], fill=INK, font=small, anchor="rm")
        for offset, key, color in ((-bar - 1, "cached_rps", CACHED), (1, "uncached_rps", UNCACHED)):
            value = page.get(key) or 0
            x = left + (right - left) * min(value, maximum) / maximum
            draw.rectangle((left, y + offset, x, y + offset + bar), fill=color)
            draw.text(
                (x + 4, y + offset + bar / 2), f"{value:,.0f}", fill=INK, font=small, anchor="lm"
            )
    if static_rps:
        x = left + (right - left) * static_rps / maximum
        _dashed_vertical(draw, x, top, bottom, GOAL)
        draw.text(
            (x - 4, top - 4), f"static file {static_rps:,.0f}/s", fill=GOAL, font=small, anchor="rd"
        )
    legend_y = bottom + 26
    for number, (label, color) in enumerate((("cached", CACHED), ("uncached", UNCACHED))):
        x = left + number * 140
        draw.rectangle((x, legend_y, x + 14, legend_y + 14), fill=color)
        draw.text((x + 20, legend_y + 7), label, fill=INK, font=small, anchor="lm")

    # Panel 2: render time.
    top, bottom = int(height * 0.56) + 90, height - 50
    draw.text((20, top - 28), "Median render time in process, uncached (ms)", fill=INK, font=font)
    renders = [(p["name"], p.get("render_ms") or 0, p.get("goal_ms")) for p in pages]
    maximum = _nice_max(max([value for _, value, _ in renders] + [15]))
    _axis(draw, left, right, top, bottom, maximum, " ms", small)
    row = (bottom - top) / max(1, len(renders))
    bar = max(4, min(16, row - 8))
    for number, (name, value, goal) in enumerate(renders):
        y = top + row * number + (row - bar) / 2
        draw.text((left - 10, y + bar / 2), name, fill=INK, font=small, anchor="rm")
        x = left + (right - left) * min(value, maximum) / maximum
        draw.rectangle((left, y, x, y + bar), fill=RENDER)
        draw.text((x + 4, y + bar / 2), f"{value:.1f}", fill=INK, font=small, anchor="lm")
        if goal:
            goal_x = left + (right - left) * goal / maximum
            draw.line((goal_x, y - 2, goal_x, y + bar + 2), fill=GOAL, width=3)
    draw.text((right, bottom + 22), "| goal", fill=GOAL, font=small, anchor="rm")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)
    return path
