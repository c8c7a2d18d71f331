"""Serve clip videos and captions with byte ranges, so that players can seek.

Wagtail's document view answers a whole file at once (or redirects to storage), which makes a
browser's `<video>` unable to jump ahead. This view serves only files that a live, public clip
uses, with the right content type, and reads them through the storage API (any storage
backend, not only the file system).
"""

import re

from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from kennisclips.models import STREAM_CONTENT_TYPES, KennisclipPage, file_extension

CHUNK_SIZE = 64 * 1024
RANGE_RE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(Exception):
    """The range lies wholly outside the file."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single range, inclusive; None to send the whole file.

    Follows RFC 9110: a malformed header or several ranges are ignored (the whole file is
    sent); a range that starts beyond the end raises Unsatisfiable.
    """
    if not header:
        return None
    match = RANGE_RE.match(header)
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return start, min(end, size - 1)


def _read(document, start: int, length: int):
    with document.file.storage.open(document.file.name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


@require_safe
def media_stream(request, document_id: int, filename: str):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or document.filename != filename:
        raise Http404
    content_type = STREAM_CONTENT_TYPES.get(file_extension(document))
    if content_type is None:
        raise Http404
    in_use = (
        KennisclipPage.objects.live()
        .public()
        .filter(Q(video_file=document) | Q(captions__document=document))
        .exists()
    )
    if not in_use or document.collection.get_view_restrictions().exists():
        raise Http404
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"

    try:
        size = document.file.storage.size(document.file.name)
    except OSError:
        raise Http404 from None

    try:
        byte_range = parse_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416, content_type=content_type)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response

    if byte_range is None:
        start, end, status = 0, size - 1, 200
    else:
        (start, end), status = byte_range, 206
    length = max(0, end - start + 1)

    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _read(document, start, length), status=status, content_type=content_type
        )
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=3600"
    return response
