"""The demo clips: the Dutch index and three clips, with English translations (idempotent).

The videos and caption files are small files committed in `demo_media/`; the loader turns them
into Wagtail documents and needs nothing outside the repository (no ffmpeg, no network).
"""

import datetime
from pathlib import Path

from django.core.files import File
from wagtail.documents import get_document_model

from home.demo.images import make_demo_image
from home.demo.people_and_themes import PEOPLE, ensure_people_and_themes
from home.demo.sections import ensure_section_index
from home.demo.translation import translate_with
from kennisclips.demo_content import CLIPS, INDEX, NARRATOR, VIDEO_SECONDS, DemoClip
from kennisclips.models import KennisclipCaption, KennisclipIndexPage, KennisclipPage
from kennisclips.video import timecode_seconds

DEMO_MEDIA = Path(__file__).resolve().parent / "demo_media"
LANGUAGES = {"nl": 0, "en": 1}


def speaker_name(key: str | None, language: str) -> str:
    if key is None:
        return NARRATOR[LANGUAGES[language]]
    return PEOPLE[key][0]


def _vtt_time(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:02d}:{secs:02d}.000"


def caption_text(clip: DemoClip, language: str) -> str:
    """The WebVTT captions of a clip, cue by cue from its transcript."""
    column = 2 + LANGUAGES[language]
    lines = ["WEBVTT", ""]
    starts = [timecode_seconds(segment[0]) for segment in clip.transcript]
    ends = [*starts[1:], VIDEO_SECONDS]
    for number, (segment, start, end) in enumerate(
        zip(clip.transcript, starts, ends, strict=True), start=1
    ):
        speaker = speaker_name(segment[1], language)
        lines += [str(number), f"{_vtt_time(start)} --> {_vtt_time(end)}"]
        lines += [f"<v {speaker}>{segment[column]}", ""]
    return "\n".join(lines)


def write_caption_files() -> list[Path]:
    """(Re)write the committed .vtt files from the transcripts; a maintainer's tool."""
    written = []
    for clip in CLIPS:
        for language in LANGUAGES:
            path = DEMO_MEDIA / f"{clip.video}.{language}.vtt"
            path.write_text(caption_text(clip, language), encoding="utf-8")
            written.append(path)
    return written


def _document(file_name: str, title: str):
    """A Wagtail document for a file in demo_media/, made once (found again by its title)."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with (DEMO_MEDIA / file_name).open("rb") as handle:
        document = document_model(title=title, file=File(handle, name=file_name))
        document._set_document_file_metadata()
        document.save()
    return document


def _transcript(clip: DemoClip) -> list[dict]:
    return [
        {
            "type": "segment",
            "value": {"time": time, "speaker": speaker_name(speaker, "nl"), "text": dutch},
        }
        for time, speaker, dutch, _english in clip.transcript
    ]


def _body(clip: DemoClip) -> list[dict]:
    return [
        {
            "type": "heading" if kind == "h" else "paragraph",
            "value": {"text": dutch, "level": "h2"} if kind == "h" else f"<p>{dutch}</p>",
        }
        for kind, dutch, _english in clip.body
    ]


def _translations(clip: DemoClip) -> dict[str, str]:
    pairs = {}
    for dutch, english in (clip.title, clip.slug, clip.subtitle, clip.description):
        pairs[dutch] = english
    pairs.update({dutch: english for _kind, dutch, english in clip.body})
    for _time, speaker, dutch, english in clip.transcript:
        pairs[dutch] = english
        pairs[speaker_name(speaker, "nl")] = speaker_name(speaker, "en")
    return pairs


def _make_clip(index, clip: DemoClip, people, themes) -> KennisclipPage:
    video = _document(f"{clip.video}.mp4", f"Kennisclip {clip.title[0]} (video)")
    captions = [
        KennisclipCaption(
            language=language,
            document=_document(
                f"{clip.video}.{language}.vtt",
                f"Kennisclip {clip.title[0]} (ondertiteling {language})",
            ),
        )
        for language in LANGUAGES
    ]
    page = KennisclipPage(
        title=clip.title[0],
        slug=clip.slug[0],
        subtitle=clip.subtitle[0],
        description=clip.description[0],
        body=_body(clip),
        transcript=_transcript(clip),
        video_file=video,
        poster_image=make_demo_image(f"Kennisclip {clip.title[0]}", clip.palette),
        duration_seconds=clip.duration_seconds,
        publication_date=datetime.date.fromisoformat(clip.publication_date),
        captions=captions,
        themes=[themes[key] for key in clip.themes],
        people=[people[key] for key in clip.people],
    )
    page.clean()
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_demo(home_pages: dict) -> list[str]:
    """Build the demo clips once; a second run changes nothing. Returns what it did."""
    done = []
    people, themes = ensure_people_and_themes()
    index, created = ensure_section_index(KennisclipIndexPage, home_pages["nl"], INDEX)
    english = home_pages.get("en")
    english_locale = english.locale if english is not None else None
    if created or (english_locale and not index.has_translation(english_locale)):
        translate_with(
            index,
            {
                INDEX["title"][0]: INDEX["title"][1],
                INDEX["slug"][0]: INDEX["slug"][1],
                INDEX["intro"][0]: INDEX["intro"][1],
            },
        )
        done.append("Created the knowledge clip index (nl, en).")
    for clip in CLIPS:
        page = KennisclipPage.objects.child_of(index).filter(slug=clip.slug[0]).first()
        if page is None:
            page = _make_clip(index, clip, people, themes)
            done.append(f"Created clip {clip.title[0]!r}.")
        if english_locale and not page.has_translation(english_locale):
            translate_with(page, _translations(clip))
            done.append(f"Translated clip {clip.title[0]!r} into English.")
    return done
