import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={
            "required": _("Enter the six-digit code from your authenticator app."),
            "invalid": _("A code has six digits, for example 123456."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


def _zip_names(upload) -> set[str]:
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        upload.seek(0)


def _odt_mimetype(upload) -> bytes:
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype")[:100]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return b""
    finally:
        upload.seek(0)


def _looks_like(extension: str, upload) -> bool:
    """Whether the file's first bytes are what a file with this extension starts with."""
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "docx":
        names = _zip_names(upload)
        return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
    if extension == "odt":
        return _odt_mimetype(upload) == b"application/vnd.oasis.opendocument.text"
    if extension == "vtt":
        return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    return False


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content is not what their name says.

    Wagtail checks only the extension (WAGTAILDOCS_EXTENSIONS); a page saved as "report.pdf"
    would otherwise be accepted and offered as a PDF.
    """

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension in settings.WAGTAILDOCS_EXTENSIONS and not _looks_like(extension, upload):
            raise forms.ValidationError(
                _("The file's content is not a valid .%(extension)s file."),
                code="content_mismatch",
                params={"extension": extension},
            )
        return upload
