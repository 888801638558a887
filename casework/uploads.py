"""Checks on uploaded documents: type by content (not by name), size, and a safe stored name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


@dataclass
class Detected:
    content_type: str
    extension: str
    size: int
    sha256: str


def _office_kind(upload) -> str | None:
    """DOCX and XLSX are zip files; tell them apart by their main part."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def validate_upload(upload) -> Detected:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Please send a smaller file or a photo of lower size."), code="too_big")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == "application/zip" or (mime and mime.startswith("application/vnd.openxmlformats")) or mime is None:
        office = _office_kind(upload)
        mime = office or mime
    if mime not in ALLOWED:
        raise ValidationError(
            _("This kind of file is not accepted. Send a PDF, a photo (JPEG or PNG), a Word (DOCX) or an Excel (XLSX) file. Videos are not accepted."),
            code="bad_type",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Detected(content_type=mime, extension=ALLOWED[mime], size=upload.size, sha256=digest.hexdigest())


def safe_filename(name: str, extension: str) -> str:
    """A name safe to offer in a download: no path, no control characters, the real extension."""
    stem = (name or "document").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = unicodedata.normalize("NFC", stem)
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._")[:80] or "document"
    return f"{stem}.{extension}"
