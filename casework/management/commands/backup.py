"""backup PATH: the database and every private file in one archive with a checksum manifest."""

from django.core.management.base import BaseCommand, CommandError

from casework.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup archive (.tar.gz): database dump, private files, SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = backup(path)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["checksums"] if name.startswith("files/"))
        self.stdout.write(f"Backup written to {path}: database ({manifest['database']['format']}), {files} files.")
