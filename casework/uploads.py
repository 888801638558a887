"""Checks on uploaded documents: type by content (not by name), size, no macros, and a safe stored
name; and the files kept while a new case waits for the duplicate check (`pending_*`)."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.utils import timezone
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


# Macro-enabled Office names: refused whatever the content says.
MACRO_EXTENSIONS = (".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb", ".pptm", ".potm", ".ppsm", ".ppam")
MACRO_REFUSED = _("This Office file can hold macros (small programs that can carry a virus), so it is not "
                  "accepted. Open it and save it as an ordinary Word (DOCX) or Excel (XLSX) file, or as a PDF, "
                  "and attach that.")


def _is_macro_part(name: str) -> bool:
    """A part of an OOXML package that holds or loads code: VBA projects, Excel 4 macro sheets, ActiveX
    controls, embedded OLE objects."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    return (base in ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
            or "/activex/" in f"/{lower}" or "/macrosheets/" in f"/{lower}" or "/embeddings/" in f"/{lower}")


def _office_kind(upload) -> str | None:
    """DOCX and XLSX are zip files; tell them apart by their main part. Refuses macro-enabled ones."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
            content_types = zf.read("[Content_Types].xml")[:200_000] if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    if any(_is_macro_part(name) for name in names) or b"macroenabled" in content_types.lower():
        raise ValidationError(MACRO_REFUSED, code="macro")
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
    if (upload.name or "").lower().rstrip(" .").endswith(MACRO_EXTENSIONS):
        raise ValidationError(MACRO_REFUSED, code="macro")
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


# --- Files kept for the next step of adding a case ------------------------------------------------
# When a new case waits for "this is a different person" (duplicate warning) or for corrections, the
# files that passed the checks are kept so that nobody on a slow connection has to send them again.
# They go to private storage under pending/<time>-<random token>/ (never a public URL); the session
# holds the token, so only the person who sent them can use them. They are removed when the case is
# saved, when the person signs out (or the session ends by the idle timeout, which signs out), and
# otherwise after a day (pending_purge, run whenever files are kept).
PENDING_SESSION_KEY = "casework_pending_uploads"
PENDING_DIR = "pending"
PENDING_MAX_AGE = timedelta(days=1)
_STAMP = "%Y%m%d%H%M%S"


def _private():
    return storages["private"]


def pending_list(session, token: str | None) -> list[dict]:
    """The files kept under `token` in this session: dicts with slot, name, size, content_type, sha256, path."""
    entry = session.get(PENDING_SESSION_KEY, {}).get(token or "")
    return list(entry["files"]) if entry else []


def pending_keep(session, token: str | None, uploads) -> str:
    """Keep checked uploads, given as (slot, upload, Detected), under `token` (a new one if None or
    unknown). A file for a slot that already holds one replaces it. Returns the token."""
    pending_purge()
    kept = session.get(PENDING_SESSION_KEY, {})
    entry = kept.get(token or "")
    if entry is None:
        token = secrets.token_urlsafe(18)
        entry = {"folder": f"{PENDING_DIR}/{timezone.now().strftime(_STAMP)}-{token}", "files": []}
    storage = _private()
    files = {f["slot"]: f for f in entry["files"]}
    for slot, upload, detected in uploads:
        if slot in files:
            storage.delete(files[slot]["path"])
        upload.seek(0)
        path = storage.save(f"{entry['folder']}/{uuid.uuid4().hex}", upload)
        files[slot] = {"slot": slot, "name": (upload.name or "document")[:200], "path": path,
                       "size": detected.size, "content_type": detected.content_type, "sha256": detected.sha256}
    entry["files"] = list(files.values())
    session[PENDING_SESSION_KEY] = {**kept, token: entry}
    return token


def pending_drop(session, token: str | None, slots) -> None:
    """Forget some kept files (the person chose "do not attach")."""
    kept = session.get(PENDING_SESSION_KEY, {})
    entry = kept.get(token or "")
    if not entry:
        return
    storage = _private()
    for f in entry["files"]:
        if f["slot"] in slots:
            storage.delete(f["path"])
    entry["files"] = [f for f in entry["files"] if f["slot"] not in slots]
    session[PENDING_SESSION_KEY] = {**kept, token: entry}


def pending_open(files: list[dict]):
    """(slot, File, Detected) for kept files, ready for casework.services.attachment_add. Close the
    files afterwards (pending_close)."""
    storage = _private()
    out = []
    for f in files:
        try:
            handle = storage.open(f["path"], "rb")
        except FileNotFoundError:
            continue  # purged meanwhile: the page said it is kept for a day
        detected = Detected(content_type=f["content_type"], extension=ALLOWED.get(f["content_type"], "bin"),
                            size=f["size"], sha256=f["sha256"])
        out.append((f["slot"], File(handle, name=f["name"]), detected))
    return out


def pending_discard(session, token: str | None = None) -> None:
    """Delete the files kept under `token` (all of this session's when None) and forget them."""
    kept = session.get(PENDING_SESSION_KEY, {})
    if not kept:
        return
    storage = _private()
    for key in ([token] if token else list(kept)):
        entry = kept.get(key or "")
        if not entry:
            continue
        for f in entry["files"]:
            storage.delete(f["path"])
        _remove_empty_dir(storage, entry["folder"])
        kept = {k: v for k, v in kept.items() if k != key}
    if kept:
        session[PENDING_SESSION_KEY] = kept
    else:
        session.pop(PENDING_SESSION_KEY, None)


def pending_purge(*, now: datetime | None = None) -> int:
    """Delete kept files older than a day (their sessions are gone or the case was never saved).
    The folder name carries the time, so no file needs opening. Returns the number of files deleted."""
    storage = _private()
    try:
        folders, _files = storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    limit = (now or timezone.now()) - PENDING_MAX_AGE
    deleted = 0
    for folder in folders:
        try:
            made = datetime.strptime(folder.split("-", 1)[0], _STAMP).replace(tzinfo=dt_timezone.utc)
        except ValueError:
            made = None
        if made is not None and made > limit:
            continue
        _dirs, names = storage.listdir(f"{PENDING_DIR}/{folder}")
        for name in names:
            storage.delete(f"{PENDING_DIR}/{folder}/{name}")
            deleted += 1
        _remove_empty_dir(storage, f"{PENDING_DIR}/{folder}")
    return deleted


def _remove_empty_dir(storage, name: str) -> None:
    """FileSystemStorage leaves empty folders behind; object storage has none to remove."""
    import os

    path = getattr(storage, "path", None)
    if path is None:
        return
    try:
        os.rmdir(storage.path(name))
    except (OSError, NotImplementedError):
        pass


def _discard_on_sign_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        pending_discard(request.session)


# Connected here, not in apps.py: this module is imported with the case views (the URLconf), which
# is before anyone can sign out through a request.
from django.contrib.auth.signals import user_logged_out  # noqa: E402

user_logged_out.connect(_discard_on_sign_out, dispatch_uid="casework_pending_uploads")
