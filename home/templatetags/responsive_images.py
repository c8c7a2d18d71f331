"""`{% responsive_image image "use" alt="..." %}`: an image as the site shows it (home/images)."""

from django import template

from home.images import USES, VIDEO_POSTER_SPEC, picture_html, rendition_or_none, renditions_or_none

register = template.Library()


@register.simple_tag
def responsive_image(image, use, **attrs):
    """A `<picture>` with WebP and JPEG sizes for one of the site's image uses.

    `alt` is required ("" for a decorative image). Other attributes go on the `<img>` (`class`,
    or `loading` to override the use's default), `picture_class` on the `<picture>`. Renders
    nothing when there is no image or its file is missing, so that a broken upload never breaks
    the page. With `as name` the markup is kept for an `{% if name %}` around a wrapper.
    """
    if use not in USES:
        raise template.TemplateSyntaxError(
            f"Unknown image use {use!r}: choose one of {', '.join(sorted(USES))}."
        )
    if "alt" not in attrs:
        raise template.TemplateSyntaxError("responsive_image needs alt (empty for decorative).")
    renditions = renditions_or_none(image, USES[use])
    if renditions is None:
        return ""
    return picture_html(renditions, USES[use], attrs)


@register.simple_tag
def video_poster(image):
    """The rendition for `<video poster>` (one address), or None when there is none."""
    return rendition_or_none(image, VIDEO_POSTER_SPEC)
