"""What every public page tells search engines and link previews."""

from django.utils.text import Truncator

META_DESCRIPTION_LENGTH = 160


class SeoMixin:
    """List before `Page`. Page types override what they know better.

    - `get_meta_description()`: the promotion description, else the page's intro;
    - `get_meta_image()`: an image for link previews (Open Graph), or None;
    - `get_structured_data(request)`: a schema.org dict for JSON-LD, or None.
    """

    meta_description_fallback_field = "intro"

    def get_absolute_url(self, request) -> str:
        """The page's address on the host the visitor used (Site records may say localhost).

        Worked out once per request: the canonical link, the structured data and its
        `mainEntityOfPage` all ask for it.
        """
        known = getattr(self, "_absolute_url", None)
        if known is not None and known[0] is request:
            return known[1]
        url = request.build_absolute_uri(self.get_url(request))
        self._absolute_url = (request, url)
        return url

    def get_meta_description(self) -> str:
        text = self.search_description or getattr(self, self.meta_description_fallback_field, "")
        return Truncator(" ".join(str(text or "").split())).chars(META_DESCRIPTION_LENGTH)

    def get_meta_image(self):
        return None

    def get_structured_data(self, request) -> dict | None:
        return None
