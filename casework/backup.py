"""Backup and restore: one archive with the database, every private file the database refers to, and a
manifest of SHA-256 checksums that restore verifies before it touches anything.

Archive layout (a .tar.gz, mode 0600, written to a temporary file and renamed into place):
    manifest.json        format version, when, database vendor and dump format, row counts per model
                         (taken in the same snapshot as the dump), {path: sha256} for the dump and every
                         file, and the referenced files that were missing from the storage
    database.dump        PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.json        any other database: every row of every model (Django's JSON serialiser,
                         microseconds kept); archives of older versions may hold database.xml
    files/<path>         the private files (case attachments, import uploads) that rows refer to

Restore goes into an empty database (no cases, no users): it refuses otherwise unless forced, so it
never mixes a backup into live data. After loading it checks the database against the files and the
manifest; on any mismatch it empties the database again, writes no file, and says what is wrong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from casework.models.documents import private_storage
from casework.reference_cache import forget_all

FORMAT_VERSION = 1
# Left in the storage's root by the health check (portal/health.py) if it dies between write and delete.
HEALTH_PROBE_PREFIX = ".healthz-"
MAX_LISTED_PROBLEMS = 30


class BackupError(RuntimeError):
    pass


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _backed_up_models():
    """Every installed, managed, concrete model; content types and auth first (see _dump_json)."""
    first = ["contenttypes", "auth"]
    configs = sorted(apps.get_app_configs(), key=lambda c: first.index(c.label) if c.label in first else len(first))
    for config in configs:
        for model in config.get_models():
            meta = model._meta
            if meta.managed and not meta.proxy and not meta.swapped:
                yield model


def row_counts() -> dict[str, int]:
    """Rows per model: what a restore must bring back. Models without a table yet are left out."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.using(connection.alias).count()
        for model in _backed_up_models() if model._meta.db_table in tables
    }


def _private_file_fields():
    for model in _backed_up_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and getattr(field, "_storage_callable", None) is private_storage:
                yield model, field


def referenced_files() -> dict[str, str]:
    """Private file name → which row refers to it ("casework.Attachment 12"): ids and random names only."""
    tables = set(connection.introspection.table_names())
    names = {}
    for model, field in _private_file_fields():
        if model._meta.db_table not in tables:
            continue
        for pk, name in model._base_manager.exclude(**{field.name: ""}).values_list("pk", field.name):
            names[name] = f"{model._meta.label} {pk}"
    return names


def _pg_env() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _private_files(storage, prefix: str = ""):
    """Every file path under the storage (works for any Storage, local or object storage)."""
    try:
        dirs, files = storage.listdir(prefix or "")
    except FileNotFoundError:
        return
    for name in files:
        yield f"{prefix}{name}"
    for name in dirs:
        yield from _private_files(storage, f"{prefix}{name}/")


class _ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts datetimes and times to milliseconds; a backup keeps every digit."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


def _dump_json(dump: Path) -> None:
    # JSON, not XML: Django's XML serialiser needs field.encoder, which Wagtail's StreamField lacks.
    # Every row with its id (base manager: no manager may hide rows): restore first empties the tables,
    # so ids come back exactly and every foreign key still fits. Content types and auth come first:
    # loading other rows can look content types up (signals), which would create them afresh.
    def rows():
        for model in _backed_up_models():
            yield from model._base_manager.using(connection.alias).order_by(model._meta.pk.name).iterator()

    with open(dump, "w", encoding="utf-8") as fh:
        serializers.serialize("json", rows(), stream=fh, cls=_ExactJSONEncoder)


def _dump_postgres(dump: Path, snapshot: str) -> None:
    env, args = _pg_env()
    # --snapshot: the dump sees exactly what the row counts see. --no-owner/--no-privileges: restorable
    # by another role on another server.
    cmd = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", *args,
           "--file", str(dump), connection.settings_dict["NAME"]]
    _run_pg_tool(cmd, env)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _write_archive(out, tmp: Path) -> dict:
    storage = storages["private"]
    postgres = connection.vendor == "postgresql"
    if postgres and connection.in_atomic_block:
        raise BackupError("The backup must run outside a transaction (it reads one snapshot of its own)")
    with connection.cursor():
        pass  # connect (and run any health check) before the snapshot's transaction starts
    # One snapshot for the dump, the row counts and the list of files: on a live server they agree.
    # PostgreSQL: a read-only REPEATABLE READ transaction exported to pg_dump. SQLite: a transaction
    # (the settings make it take the write lock, so nothing changes until the dump is written).
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            dump, dump_format = tmp / "database.dump", "pg_dump"
            _dump_postgres(dump, snapshot)
        else:
            dump, dump_format = tmp / "database.json", "dumpdata"
            _dump_json(dump)
        counts = row_counts()
        referenced = referenced_files()
    files, missing = {}, []
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        archive.add(dump, arcname=dump.name)
        for name in sorted(referenced):
            try:
                with storage.open(name, "rb") as src:
                    data = src.read()
            except FileNotFoundError:
                missing.append(name)  # recorded, and the command fails loudly: the rest is still saved
                continue
            files[f"files/{name}"] = hashlib.sha256(data).hexdigest()
            _add_bytes(archive, f"files/{name}", data)
        unreferenced = [n for n in _private_files(storage) if n not in referenced and not n.startswith(HEALTH_PROBE_PREFIX)]
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "database": {"vendor": connection.vendor, "dump": dump.name, "format": dump_format},
            "row_counts": counts,
            "row_counts_in_dump_snapshot": True,
            "only_referenced_files": True,
            "checksums": {dump.name: _sha256_file(dump), **files},
            "missing_files": missing,
            # Files no row refers to (left by a failed delete): not copied, since nothing could reach them.
            "unreferenced_files": len(unreferenced),
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
    return manifest


def backup(path: str | os.PathLike) -> dict:
    """Write the archive; returns the manifest.

    The archive is private from its first byte (mkstemp creates it 0600, whatever the umask) and is
    written under a temporary name in the same directory, synced, then renamed: tonight's name only
    ever holds a complete archive, and a failed run leaves the previous one untouched.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, part = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            # The dump holds everything too: keep it beside the archive, in a 0700 directory.
            with tempfile.TemporaryDirectory(dir=directory, prefix=".protikar-backup-") as tmp:
                manifest = _write_archive(out, Path(tmp))
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part)
        raise
    # The rename itself must survive a power cut.
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return manifest


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = member.name
        if name.startswith("/") or ".." in Path(name).parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Unsafe path in archive: {name}")
        yield member


def database_is_empty() -> bool:
    from django.contrib.auth import get_user_model

    from casework.models import Case

    try:
        return not Case.objects.exists() and not get_user_model().objects.exists()
    except Exception:  # no tables yet: as empty as it gets
        return True


WHAT_TO_DO = (
    "Nothing was restored: no file was written and the database holds none of this archive's rows. Do not use this "
    "archive: restore the newest older archive that passes this check, and keep this one aside for the "
    "system operator to examine (it may be damaged or have been tampered with)."
)


def _fail(problems: list[str]) -> BackupError:
    shown = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    lines = [f"The archive does not match its own database ({count}):"]
    lines += [f"  - {p}" for p in shown]
    if more:
        lines.append(f"  … and {more} more")
    lines.append(WHAT_TO_DO)
    return BackupError("\n".join(lines))


def verify_restored(manifest: dict, archive_files: set[str]) -> tuple[list[str], list[str]]:
    """Compare the loaded database with the archive's files and manifest: (problems, warnings).

    The database, not the manifest, is the authority for files: Attachment.sha256 was recorded at upload,
    so a file forged together with its manifest checksum is still caught. Messages name ids and the
    random storage names only, never a person.
    """
    from casework.models import Attachment

    problems, warnings = [], []
    checksums = manifest["checksums"]
    known_missing = set(manifest.get("missing_files", []))
    referenced = referenced_files()
    for name, owner in sorted(referenced.items(), key=lambda item: item[1]):
        if f"files/{name}" in archive_files:
            continue
        if name in known_missing:
            warnings.append(f"{owner}: its file {name} was already missing when the backup was made")
        else:
            problems.append(f"{owner}: its file {name} is not in the archive")
    for pk, name, sha256 in Attachment.objects.exclude(file="").values_list("pk", "file", "sha256"):
        actual = checksums.get(f"files/{name}")
        if actual is not None and actual != sha256:
            problems.append(f"casework.Attachment {pk}: the file {name} does not match the checksum recorded in the database")
    if Attachment.objects.filter(file="").exists():
        problems.append("casework.Attachment rows without a file: " + ", ".join(
            str(pk) for pk in Attachment.objects.filter(file="").values_list("pk", flat=True)[:20]))
    for member in sorted(archive_files):
        name = member[len("files/"):]
        if name not in referenced and not name.startswith(HEALTH_PROBE_PREFIX):
            # Older archives copied the whole storage, leftovers of failed deletes included.
            (problems if manifest.get("only_referenced_files") else warnings).append(
                f"{member}: no row in the database refers to this file")
    expected, restored = manifest.get("row_counts", {}), row_counts()
    count_problems = [
        f"{label}: {count} rows in the manifest, {restored.get(label, 'no table')} restored"
        for label, count in sorted(expected.items()) if restored.get(label) != count
    ]
    if manifest.get("row_counts_in_dump_snapshot"):
        problems += count_problems
    else:
        # Older archives counted after the dump, so a busy server could differ by a few rows.
        warnings += [f"{p} (counted after the dump; may be harmless)" for p in count_problems]
    return problems, warnings


def restore(path: str | os.PathLike, *, force: bool = False) -> dict:
    """Verify every checksum, load the database, check it against the files, then write the files.

    Returns the manifest with a "warnings" list added (nothing in it stopped the restore).
    """
    path = Path(path)
    storage = storages["private"]
    with tempfile.TemporaryDirectory(prefix="protikar-restore-") as tmp:
        tmp = Path(tmp)
        try:
            with tarfile.open(path, "r:gz") as archive:
                archive.extractall(tmp, members=list(_safe_members(archive)), filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"Not a readable backup archive: {exc}") from exc
        manifest_path = tmp / "manifest.json"
        if not manifest_path.exists():
            raise BackupError("The archive has no manifest.json: not a Protikar backup")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
        for name, expected in manifest["checksums"].items():
            file = tmp / name
            if not file.is_file() or _sha256_file(file) != expected:
                raise BackupError(f"Checksum mismatch or missing file: {name}")
        archive_files = {p.relative_to(tmp).as_posix() for p in (tmp / "files").rglob("*") if p.is_file()}
        unlisted = sorted(archive_files - set(manifest["checksums"]))
        if unlisted:
            raise BackupError("Files in the archive that its manifest does not list: " + ", ".join(unlisted[:20]))
        db = manifest["database"]
        if db["format"] == "pg_dump" and connection.vendor != "postgresql":
            raise BackupError("This backup is a PostgreSQL dump: restore it into PostgreSQL")
        if not force and not database_is_empty():
            raise BackupError("The database already holds cases or users: restore into an empty database (or pass --force)")
        if db["format"] == "pg_dump":
            _restore_postgres(tmp / db["dump"])
            try:
                problems, warnings = verify_restored(manifest, archive_files)
            except Exception:
                _empty_database()
                raise
            if problems:
                _empty_database()
                raise _fail(problems)
        else:
            warnings = _restore_dumpdata(tmp / db["dump"], manifest, archive_files)
        # The cached reference lists describe the database before the restore (pg_restore sends no signal).
        forget_all()
        for name in sorted(archive_files):
            target = name[len("files/"):]
            if target.startswith(HEALTH_PROBE_PREFIX):
                continue
            if storage.exists(target):
                storage.delete(target)
            with open(tmp / name, "rb") as fh:
                saved = storage.save(target, File(fh))
            if saved != target:
                raise BackupError(f"Storage renamed {target} to {saved}")
    return {**manifest, "warnings": warnings}


def _empty_database() -> None:
    """After a failed check: an empty database is never mistaken for a good restore, and the next
    restore needs no --force."""
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.clear_cache()


def _restore_postgres(dump: Path) -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    env, args = _pg_env()
    connection.close()  # pg_restore drops and recreates tables this connection may have open
    cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
           "--exit-on-error", *args, "--dbname", connection.settings_dict["NAME"], str(dump)]
    _run_pg_tool(cmd, env)


def _restore_dumpdata(dump: Path, manifest: dict, archive_files: set[str]) -> list[str]:
    # The schema comes from the migrations; then every table is emptied (the rows that data
    # migrations add would otherwise collide) and the dump loads with its original ids.
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    from auditlog.context import disable_auditlog

    # Loading is not a change to case data: the audit log comes back from the dump as it was.
    # The check runs inside the same transaction, so a mismatch leaves the database as empty as before.
    try:
        with transaction.atomic(), disable_auditlog():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            ContentType.objects.clear_cache()
            call_command("loaddata", str(dump), verbosity=0)
            problems, warnings = verify_restored(manifest, archive_files)
            if problems:
                raise _fail(problems)
    finally:
        ContentType.objects.clear_cache()
    return warnings


def _run_pg_tool(cmd: list[str], env: dict) -> None:
    """Run pg_dump or pg_restore; its failure, or its absence, as a BackupError that says what to do."""
    tool = cmd[0]
    try:
        subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{tool} is not installed (apt-get install postgresql-client)") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{tool} failed: {exc.stderr.strip()}") from exc
