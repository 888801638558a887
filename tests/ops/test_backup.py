"""Backup → empty the database and the files → restore: everything comes back.

transaction=True: on PostgreSQL, pg_dump runs in its own process and sees only committed rows.
"""

import hashlib
import tarfile

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from casework.backup import _private_files, row_counts
from casework.models import AccessLog, Attachment, Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def _files():
    storage = storages["private"]
    out = {}
    for name in _private_files(storage):
        with storage.open(name, "rb") as fh:
            out[name] = hashlib.sha256(fh.read()).hexdigest()
    return out


def _audit():
    return sorted(LogEntry.objects.values_list("object_pk", "action", "changes_text", "actor_id", "timestamp"))


def _wipe_private():
    storage = storages["private"]
    for name in list(_private_files(storage)):
        storage.delete(name)


@pytest.fixture
def data():
    cases = [make_case(status=s) for s in ("draft", "in_redress", "closed")]
    user = cases[0].entered_by
    for index, case in enumerate(cases[:2]):
        content = f"%PDF-1.4 passport copy {index}".encode()
        Attachment.objects.create(
            case=case, file=ContentFile(content, name="passport.pdf"), original_name="passport.pdf",
            content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(), uploaded_by=user,
        )
    AccessLog.objects.create(user=user, case=cases[0], action="view_justice_seeker", detail="")
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Case), object_pk=str(cases[1].pk), object_repr=str(cases[1]),
        action=LogEntry.Action.UPDATE, changes_text="status: draft → in_redress", actor=user,
    )
    return cases


def test_round_trip_brings_back_rows_audit_log_and_files(data, tmp_path):
    archive = tmp_path / "protikar.tar.gz"
    before_counts, before_audit, before_files = row_counts(), _audit(), _files()
    # (Other tests may have left files in the session's private storage: they travel too.)
    assert {a.file.name for a in Attachment.objects.all()} <= set(before_files) and before_counts["casework.Case"] == 3

    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and len([n for n in names if n.startswith("files/")]) == len(before_files)

    call_command("flush", interactive=False, verbosity=0)
    _wipe_private()
    assert Case.objects.count() == 0 and _files() == {}

    call_command("restore", str(archive))
    assert row_counts() == before_counts
    assert _audit() == before_audit
    assert _files() == before_files
    # Files are reachable through their rows again.
    attachment = Attachment.objects.order_by("id").first()
    with attachment.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == attachment.sha256


def test_restore_refuses_a_database_that_holds_cases(data, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="empty database"):
        call_command("restore", str(archive))


def test_restore_refuses_a_tampered_archive(data, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive))
    tampered = tmp_path / "t.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            fileobj = src.extractfile(member)
            if member.name.startswith("files/"):
                import io

                body = b"changed"
                member.size = len(body)
                fileobj = io.BytesIO(body)
            dst.addfile(member, fileobj)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(tampered))
    assert Case.objects.count() == 0  # nothing was touched


def test_restore_refuses_something_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="Not a readable backup"):
        call_command("restore", str(junk))
