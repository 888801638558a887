"""Backup → empty the database and the files → restore: everything comes back, portal pages included;
the archive is private and written atomically; a restore that does not match its files is refused.

transaction=True: on PostgreSQL, pg_dump runs in its own process and sees only committed rows.
"""

import hashlib
import io
import json
import os
import stat
import tarfile

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection, connections

from casework.backup import _private_files, row_counts
from casework.imports.models import ImportJob
from casework.models import AccessLog, Attachment, Case
from casework.reference_cache import cached_organisation_choices
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")


def _files():
    storage = storages["private"]
    out = {}
    for name in _private_files(storage):
        with storage.open(name, "rb") as fh:
            out[name] = hashlib.sha256(fh.read()).hexdigest()
    return out


def _audit():
    return sorted(LogEntry.objects.values_list("object_pk", "action", "changes_text", "actor_id", "timestamp"))


def _pages():
    """Every page with its content as stored (StreamField as raw JSON), and the knowledge snippets' text."""
    from wagtail.models import Page, Revision

    from knowledge.models import RedressChannel

    pages = []
    for page in Page.objects.order_by("path").specific():
        body = getattr(page, "body", None)
        pages.append((page.pk, page.path, page.locale_id, page.translation_key, page.title, page.slug, page.live,
                      type(page).__name__, getattr(page, "intro", None),
                      json.dumps(list(body.raw_data), sort_keys=True) if body is not None else None))
    revisions = sorted(Revision.objects.values_list("pk", "object_id", "content"), key=lambda r: r[0])
    channels = sorted(RedressChannel.objects.values_list("pk", "locale_id", "code", "documents_needed"))
    return pages, revisions, channels


def _wipe_private():
    storage = storages["private"]
    for name in list(_private_files(storage)):
        storage.delete(name)


@pytest.fixture(autouse=True)
def empty_private_storage():
    """The session's private storage holds other tests' leftovers, which no row here refers to."""
    _wipe_private()
    yield
    _wipe_private()


def _attach(case, content: bytes, user):
    return Attachment.objects.create(
        case=case, file=ContentFile(content, name="passport.pdf"), original_name="passport.pdf",
        content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(), uploaded_by=user,
    )


@pytest.fixture
def data(home_pages):
    """Cases with attachments, an import upload, access and audit log entries, and the home pages
    (a StreamField: what Django's XML serialiser could not write)."""
    cases = [make_case(status=s) for s in ("draft", "in_redress", "closed")]
    user = cases[0].entered_by
    for index, case in enumerate(cases[:2]):
        _attach(case, f"%PDF-1.4 passport copy {index}".encode(), user)
    job = ImportJob(created_by=user, original_name="register.xlsx", size=4, status=ImportJob.Status.DONE)
    job.file.save(f"{job.pk}.upload", ContentFile(b"PK\x03\x04"), save=False)
    job.save()
    AccessLog.objects.create(user=user, case=cases[0], action="view_justice_seeker", detail="")
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Case), object_pk=str(cases[1].pk), object_repr=str(cases[1]),
        action=LogEntry.Action.UPDATE, changes_text="status: draft → in_redress", actor=user,
    )
    return cases


def _rewrite(source, target, change=lambda name, body: body, add=None):
    """Copy an archive member by member; change(name, data) returns new bytes, or None to drop it;
    `add` {name: bytes} puts more members in."""
    with tarfile.open(source) as src, tarfile.open(target, "w:gz") as dst:
        members = [(m, src.extractfile(m).read()) for m in src.getmembers()]
        for member, body in members + [(tarfile.TarInfo(name), body) for name, body in (add or {}).items()]:
            body = change(member.name, body)
            if body is None:
                continue
            member.size = len(body)
            dst.addfile(member, io.BytesIO(body))


def _manifest(archive):
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


@pytest.fixture
def knowledge(home_pages):
    """A redress channel (snippet, both languages) and its page with a StreamField body, both languages.
    (knowledge.seed makes ~40 such pages: far too slow for a test that flushes the database.)"""
    from wagtail.models import Locale

    from knowledge.models import ChannelIndexPage, ChannelPage, RedressChannel

    bn, en = Locale.objects.get(language_code="bn"), Locale.objects.get(language_code="en")
    channel = RedressChannel.objects.create(locale=bn, code="bmet", name="বিএমইটিতে অভিযোগ",
                                            documents_needed="পাসপোর্টের কপি\nজাতীয় পরিচয়পত্রের কপি")
    channel_en = channel.copy_for_translation(en)
    channel_en.name, channel_en.documents_needed = "Complaint to BMET", "Copy of the passport\nCopy of the national ID card"
    channel_en.save()
    index = ChannelIndexPage(title="প্রতিকারের পথ", slug="channels")
    home_pages.add_child(instance=index)
    index.save_revision().publish()
    page = ChannelPage(title="বিএমইটি", slug="bmet", channel=channel, intro="সরকারের কাছে অভিযোগ।", body=[
        {"type": "heading", "value": "কী লাগবে"},
        {"type": "callout", "value": {"title": "মনে রাখুন", "text": "<p>আসল কাগজ নিজের কাছে রাখুন।</p>", "tone": "info"}},
    ])
    index.add_child(instance=page)
    page.save_revision().publish()
    for source in (index, page):
        copy = source.copy_for_translation(en, copy_parents=False)
        copy.title = f"{source.slug} (English)"
        copy.save_revision().publish()


def test_round_trip_brings_back_rows_pages_audit_log_and_files(data, knowledge, tmp_path):
    archive = tmp_path / "protikar.tar.gz"
    before_counts, before_audit, before_files, before_pages = row_counts(), _audit(), _files(), _pages()
    assert before_counts["home.HomePage"] == 2 and before_counts["knowledge.ChannelPage"] >= 2
    assert before_counts["casework.Case"] == 3 and len(before_files) == 3  # two attachments, one import upload

    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and len([n for n in names if n.startswith("files/")]) == 3

    call_command("flush", interactive=False, verbosity=0)
    _wipe_private()
    assert Case.objects.count() == 0 and _files() == {}
    organisations = cached_organisation_choices()  # cached while the database is empty

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    # The restore dropped the cached reference lists: they name the restored rows.
    assert not organisations and len(cached_organisation_choices()) == before_counts["casework.Organization"] > 0
    assert "every file and row count checked" in out.getvalue()
    assert row_counts() == before_counts
    assert _pages() == before_pages
    assert _audit() == before_audit  # timestamps to the microsecond
    assert _files() == before_files
    # Files are reachable through their rows again.
    attachment = Attachment.objects.order_by("id").first()
    with attachment.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == attachment.sha256


def test_archive_is_private_whatever_the_umask(data, tmp_path):
    archive = tmp_path / "protikar.tar.gz"
    old = os.umask(0o022)
    try:
        call_command("backup", str(archive))
    finally:
        os.umask(old)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["protikar.tar.gz"]  # no temporary file or dump left beside it


def test_a_failed_backup_leaves_no_partial_archive_and_keeps_the_earlier_one(data, tmp_path, monkeypatch):
    import casework.backup as backup_module

    archive = tmp_path / "protikar.tar.gz"
    call_command("backup", str(archive))
    earlier = archive.read_bytes()

    real = backup_module._add_bytes
    written = []

    def disk_full(tar, name, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(name)
        real(tar, name, data)

    monkeypatch.setattr(backup_module, "_add_bytes", disk_full)
    with pytest.raises(CommandError, match="No space left") as error:
        call_command("backup", str(archive))
    assert "untouched" in str(error.value)
    assert archive.read_bytes() == earlier
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path / "tonight.tar.gz"))
    assert sorted(os.listdir(tmp_path)) == ["protikar.tar.gz"]


def test_restore_refuses_a_database_that_holds_cases(data, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="empty database"):
        call_command("restore", str(archive))


def test_restore_refuses_a_tampered_archive(data, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive))
    tampered = tmp_path / "t.tar.gz"
    _rewrite(archive, tampered, lambda name, body: b"changed" if name.startswith("files/") else body)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(tampered))
    assert Case.objects.count() == 0  # nothing was touched


def _restore_fails(archive, *expected):
    """Restore is refused after loading; nothing stays behind; the message names no one."""
    seekers = [(c.justice_seeker.name, c.justice_seeker.passport_number) for c in Case.objects.select_related("justice_seeker")]
    call_command("flush", interactive=False, verbosity=0)
    _wipe_private()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive))
    message = str(error.value)
    for text in expected:
        assert text in message
    assert "Nothing was restored" in message and "older archive" in message
    for name, passport in seekers:
        assert name not in message and passport not in message
    assert Case.objects.count() == 0 and _files() == {}
    return message


def test_a_forged_file_with_a_rewritten_manifest_is_refused(data, tmp_path):
    """The manifest alone proves nothing: the database's own checksum of each attachment decides."""
    archive, forged = tmp_path / "b.tar.gz", tmp_path / "forged.tar.gz"
    call_command("backup", str(archive))
    target = "files/" + Attachment.objects.order_by("id").first().file.name
    fake = b"%PDF-1.4 a forged passport"

    def change(name, body):
        if name == target:
            return fake
        if name == "manifest.json":
            manifest = json.loads(body)
            manifest["checksums"][target] = hashlib.sha256(fake).hexdigest()
            return json.dumps(manifest).encode()
        return body

    _rewrite(archive, forged, change)
    attachment = Attachment.objects.order_by("id").first()
    message = _restore_fails(forged, f"casework.Attachment {attachment.pk}", "does not match the checksum recorded in the database")
    # The next restore of a good archive needs no --force: the failed one left the database empty.
    call_command("restore", str(archive))
    assert Case.objects.count() == 3 and "does not match" in message


def test_a_file_removed_with_its_manifest_entry_is_refused(data, tmp_path):
    archive, cut = tmp_path / "b.tar.gz", tmp_path / "cut.tar.gz"
    call_command("backup", str(archive))
    attachment = Attachment.objects.order_by("id").last()
    target = "files/" + attachment.file.name

    def change(name, body):
        if name == target:
            return None
        if name == "manifest.json":
            manifest = json.loads(body)
            del manifest["checksums"][target]
            return json.dumps(manifest).encode()
        return body

    _rewrite(archive, cut, change)
    _restore_fails(cut, f"casework.Attachment {attachment.pk}: its file {attachment.file.name} is not in the archive")


def test_row_counts_that_differ_from_the_manifest_are_refused(data, tmp_path):
    archive, changed = tmp_path / "b.tar.gz", tmp_path / "c.tar.gz"
    call_command("backup", str(archive))

    def change(name, body):
        if name == "manifest.json":
            manifest = json.loads(body)
            manifest["row_counts"]["casework.Case"] += 1
            return json.dumps(manifest).encode()
        return body

    _rewrite(archive, changed, change)
    _restore_fails(changed, "casework.Case: 4 rows in the manifest, 3 restored")


def test_a_file_that_nothing_refers_to_is_refused(data, tmp_path):
    archive, extra = tmp_path / "b.tar.gz", tmp_path / "extra.tar.gz"
    call_command("backup", str(archive))
    planted = b"not from this system"

    def change(name, body):
        if name == "manifest.json":
            manifest = json.loads(body)
            manifest["checksums"]["files/cases/1/planted"] = hashlib.sha256(planted).hexdigest()
            return json.dumps(manifest).encode()
        return body

    _rewrite(archive, extra, change, add={"files/cases/1/planted": planted})
    _restore_fails(extra, "files/cases/1/planted: no row in the database refers to this file")


def test_a_file_missing_from_the_manifest_is_refused_before_loading(data, tmp_path):
    archive, extra = tmp_path / "b.tar.gz", tmp_path / "extra.tar.gz"
    call_command("backup", str(archive))
    _rewrite(archive, extra, add={"files/cases/1/unlisted": b"x"})
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="manifest does not list: files/cases/1/unlisted"):
        call_command("restore", str(extra))
    assert Case.objects.count() == 0


def test_leftover_files_are_not_copied_and_missing_ones_are_reported(data, tmp_path):
    storage = storages["private"]
    storage.save("cases/999/leftover-of-a-failed-delete", ContentFile(b"old"))
    lost = Attachment.objects.order_by("id").first()
    storage.delete(lost.file.name)
    archive = tmp_path / "b.tar.gz"
    with pytest.raises(CommandError, match="1 files that the database refers to are missing") as error:
        call_command("backup", str(archive), stdout=io.StringIO())
    assert lost.file.name in str(error.value)
    manifest = _manifest(archive)  # written all the same: everything else is in it
    assert manifest["missing_files"] == [lost.file.name] and manifest["unreferenced_files"] == 1
    assert "files/cases/999/leftover-of-a-failed-delete" not in manifest["checksums"]

    call_command("flush", interactive=False, verbosity=0)
    _wipe_private()
    err = io.StringIO()
    call_command("restore", str(archive), stdout=io.StringIO(), stderr=err)
    assert "already missing when the backup was made" in err.getvalue()
    assert Case.objects.count() == 3


@postgres_only
def test_row_counts_come_from_the_dump_snapshot(data, tmp_path, monkeypatch):
    """A row committed while pg_dump runs is in neither the dump nor the counts: restore agrees."""
    import casework.backup as backup_module

    real = backup_module._dump_postgres

    def dump_while_someone_writes(dump, snapshot):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("INSERT INTO auth_group (name) VALUES (%s)", ["written during the backup"])
        finally:
            other.close()
        real(dump, snapshot)

    monkeypatch.setattr(backup_module, "_dump_postgres", dump_while_someone_writes)
    archive = tmp_path / "b.tar.gz"
    before = row_counts()["auth.Group"]
    call_command("backup", str(archive))
    assert _manifest(archive)["row_counts"]["auth.Group"] == before
    call_command("flush", interactive=False, verbosity=0)
    _wipe_private()
    call_command("restore", str(archive))
    assert row_counts()["auth.Group"] == before


def test_restore_refuses_something_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="Not a readable backup"):
        call_command("restore", str(junk))
