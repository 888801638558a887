"""Backup and restore: one archive with the database, every private file, and a manifest of
SHA-256 checksums that restore verifies before it touches anything.

Archive layout (a .tar.gz):
    manifest.json        format version, when, database vendor and dump format, row counts per
                         model, and {path: sha256} for the dump and every file
    database.dump        PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.xml         any other database: Django's full dump of every app (dumpdata, XML)
    files/<path>         every file of the private storage (case attachments, import uploads)

Restore goes into an empty database (no cases, no users): it refuses otherwise unless forced,
so it never mixes a backup into live data.
"""

from __future__ import annotations

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
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

FORMAT_VERSION = 1


class BackupError(RuntimeError):
    pass


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per model (every installed, managed, concrete model): what a restore must bring back."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            counts[meta.label] = model._default_manager.using(connection.alias).count()
    return counts


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


def backup(path: str | os.PathLike) -> dict:
    """Write the archive; returns the manifest."""
    path = Path(path)
    storage = storages["private"]
    with tempfile.TemporaryDirectory(prefix="protikar-backup-") as tmp:
        tmp = Path(tmp)
        if connection.vendor == "postgresql":
            dump, dump_format = tmp / "database.dump", "pg_dump"
            env, args = _pg_env()
            # --no-owner/--no-privileges: restorable by another role on another server.
            cmd = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(dump),
                   connection.settings_dict["NAME"]]
            try:
                subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            except FileNotFoundError as exc:
                raise BackupError("pg_dump is not installed (apt-get install postgresql-client)") from exc
            except subprocess.CalledProcessError as exc:
                raise BackupError(f"pg_dump failed: {exc.stderr.strip()}") from exc
        else:
            # XML, not JSON: Django's JSON encoder cuts datetimes to milliseconds; XML keeps every digit.
            dump, dump_format = tmp / "database.xml", "dumpdata"
            with open(dump, "w", encoding="utf-8") as fh:
                # Everything, contenttypes and permissions included, with their ids: restore first
                # empties the tables, so ids come back exactly and every foreign key still fits.
                # Content types and auth first: loading other rows can look content types up
                # (signals), which would create them afresh with other ids.
                first = ["contenttypes", "auth"]
                labels = first + [c.label for c in apps.get_app_configs() if c.label not in first and c.models_module]
                call_command("dumpdata", *labels, format="xml", stdout=fh, verbosity=0)
        files = {}
        with tarfile.open(path, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            for name in _private_files(storage):
                digest = hashlib.sha256()
                with storage.open(name, "rb") as src:
                    data = src.read()
                digest.update(data)
                files[f"files/{name}"] = digest.hexdigest()
                info = tarfile.TarInfo(f"files/{name}")
                info.size = len(data)
                info.mtime = int(dt.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
                "database": {"vendor": connection.vendor, "dump": dump.name, "format": dump_format},
                "row_counts": row_counts(),
                "checksums": {dump.name: _sha256_file(dump), **files},
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
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


def restore(path: str | os.PathLike, *, force: bool = False) -> dict:
    """Verify every checksum, then bring back the database and the private files."""
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
        db = manifest["database"]
        if db["format"] == "pg_dump" and connection.vendor != "postgresql":
            raise BackupError("This backup is a PostgreSQL dump: restore it into PostgreSQL")
        if not force and not database_is_empty():
            raise BackupError("The database already holds cases or users: restore into an empty database (or pass --force)")
        if db["format"] == "pg_dump":
            _restore_postgres(tmp / db["dump"])
        else:
            _restore_dumpdata(tmp / db["dump"])
        for name in manifest["checksums"]:
            if not name.startswith("files/"):
                continue
            target = name[len("files/"):]
            if storage.exists(target):
                storage.delete(target)
            with open(tmp / name, "rb") as fh:
                saved = storage.save(target, File(fh))
            if saved != target:
                raise BackupError(f"Storage renamed {target} to {saved}")
    return manifest


def _restore_postgres(dump: Path) -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    env, args = _pg_env()
    connection.close()  # pg_restore drops and recreates tables this connection may have open
    cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
           "--exit-on-error", *args, "--dbname", connection.settings_dict["NAME"], str(dump)]
    try:
        subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError("pg_restore is not installed (apt-get install postgresql-client)") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"pg_restore failed: {exc.stderr.strip()}") from exc


def _restore_dumpdata(dump: Path) -> None:
    # The schema comes from the migrations; then every table is emptied (the rows that data
    # migrations add would otherwise collide) and the dump loads with its original ids.
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    from auditlog.context import disable_auditlog

    # Loading is not a change to case data: the audit log comes back from the dump as it was.
    with transaction.atomic(), disable_auditlog():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        ContentType.objects.clear_cache()
        call_command("loaddata", str(dump), verbosity=0)
    ContentType.objects.clear_cache()
