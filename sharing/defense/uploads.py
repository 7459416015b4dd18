"""Checks on an uploaded document before it is stored: its size, a plain file name (no path), and a type read
from the content, which must match the name's extension. Anything else is refused with a field error."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Extension -> the type the content must have. Text files have no magic number: they must decode as UTF-8.
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "txt": "text/plain",
    "csv": "text/csv",
}
TEXT_TYPES = {"text/plain", "text/csv"}
FILENAME_MAX_LENGTH = 150
_UNSAFE = re.compile(r"[^\w.\- ()\[\]]", re.UNICODE)


@dataclass(frozen=True)
class CheckedUpload:
    filename: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedUpload:
    """Validate an UploadedFile; the file is read once, in chunks, for its hash."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")}, code="required")
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}}, code="too_large"
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    filename = clean_filename(upload.name)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    expected = ALLOWED.get(extension)
    if expected is None:
        raise ValidationError(
            {"file": _("Upload a PDF, Word, Excel, PowerPoint, image, text or CSV file.")}, code="type"
        )
    upload.seek(0)
    head = upload.read(8192)
    if _content_type(head, upload) != expected:
        raise ValidationError({"file": _("The file's content does not match its type.")}, code="mismatch")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(filename=filename, content_type=expected, size=upload.size, sha256=digest.hexdigest())


def check_sent_names(request) -> None:
    """A file name sent with a path in it ("../x.pdf") is refused, not shortened: Django keeps only its last
    part, so the names as sent are read from web.uploads.SentFileNamesMiddleware."""
    for name in getattr(request, "sent_file_names", ()):
        clean_filename(name)


def clean_filename(name: str) -> str:
    """The name shown and sent on download. A name with a path in it is refused, not quietly shortened."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name or "/" in name or "\\" in name or name in {".", ".."} or name.startswith("."):
        raise ValidationError({"file": _("The file name must be a plain name, without a path.")}, code="path")
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise ValidationError({"file": _("The file name contains control characters.")}, code="filename")
    name = _UNSAFE.sub("_", name)
    if len(name) > FILENAME_MAX_LENGTH:
        stem, _dot, extension = name.rpartition(".")
        name = f"{stem[: FILENAME_MAX_LENGTH - len(extension) - 1]}.{extension}"
    return name


def _content_type(head: bytes, upload) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if b"\x00" in head:
        return None
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            chunk.decode("utf-8")  # a multi-byte character split across chunks is rare; refuse then, safely
    except UnicodeDecodeError:
        return None
    extension = upload.name.rsplit(".", 1)[-1].lower()
    return "text/csv" if extension == "csv" else "text/plain"
