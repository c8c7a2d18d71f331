"""Video addresses and time codes, worked out locally: nothing here touches the network.

Wagtail's oEmbed finder would ask YouTube or Vimeo for the player at save and render time, so
we recognise the few address forms editors paste and build the privacy-friendly player
addresses ourselves.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
VIDEO_URL_PATTERNS = [
    (
        "youtube",
        re.compile(
            r"^https?://(?:www\.|m\.)?youtube\.com/watch/?\?(?:[^#]*&)?v="
            + YOUTUBE_ID
            + r"(?:[&#].*)?$"
        ),
    ),
    ("youtube", re.compile(r"^https?://youtu\.be/" + YOUTUBE_ID + r"/?(?:[?#].*)?$")),
    (
        "youtube",
        re.compile(
            r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/"
            + YOUTUBE_ID
            + r"/?(?:[?#].*)?$"
        ),
    ),
    (
        "vimeo",
        re.compile(
            r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d{1,12})/?(?:[?#].*)?$"
        ),
    ),
]

PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


@dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]

    @property
    def watch_url(self) -> str:
        """Where a visitor without JavaScript can watch it, on the provider's own site."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def embed_url(self) -> str:
        """The privacy-friendly player without autoplay (for structured data)."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"


def parse_video_url(url: str) -> ExternalVideo | None:
    """The YouTube or Vimeo video an address points at, or None for anything else."""
    url = (url or "").strip()
    for provider, pattern in VIDEO_URL_PATTERNS:
        match = pattern.match(url)
        if match:
            return ExternalVideo(provider, match.group("id"))
    return None


TIMECODE_RE = re.compile(
    r"^(?:(?P<hours>\d{1,2}):(?P<hm>[0-5]\d)|(?P<minutes>\d{1,3})):(?P<s>[0-5]\d)$"
)
TIMECODE_ERROR = _(
    "Enter the time as MM:SS or H:MM:SS, for example 01:05 or 1:02:30 (seconds below 60)."
)


def timecode_seconds(value: str) -> int:
    """Seconds from the start for "MM:SS" or "H:MM:SS"; ValueError for anything else."""
    match = TIMECODE_RE.match((value or "").strip())
    if not match:
        raise ValueError(f"Not a time code: {value!r}")
    if match.group("hours") is not None:
        minutes = int(match.group("hours")) * 60 + int(match.group("hm"))
    else:
        minutes = int(match.group("minutes"))
    return minutes * 60 + int(match.group("s"))


def validate_timecode(value: str) -> None:
    try:
        timecode_seconds(value)
    except ValueError:
        raise ValidationError(TIMECODE_ERROR, code="invalid_timecode") from None


def hash_timecode(seconds: int) -> str:
    """The form used in page addresses (#t=01:05, #t=1:02:30)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def display_duration(seconds: int) -> str:
    """As a player shows it: "3:25", "1:02:30"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def spoken_duration(seconds: int) -> str:
    """In words, for screen readers: "3 minutes 25 seconds"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if minutes:
        parts.append(
            ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        )
    if secs or not parts:
        parts.append(ngettext("%(count)d second", "%(count)d seconds", secs) % {"count": secs})
    return " ".join(parts)


def iso_duration(seconds: int) -> str:
    """ISO 8601, as schema.org wants it: "PT3M25S"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or text == "PT":
        text += f"{secs}S"
    return text
