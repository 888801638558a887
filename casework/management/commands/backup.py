"""backup PATH: the database and every private file in one archive with a checksum manifest."""

from django.core.management.base import BaseCommand, CommandError

from casework.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup archive (.tar.gz, mode 0600): database dump, private files, SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = backup(path)
        except (BackupError, OSError) as exc:
            raise CommandError(f"{exc}\nNo archive was written under {path} (an earlier one there is untouched).") from exc
        files = sum(1 for name in manifest["checksums"] if name.startswith("files/"))
        self.stdout.write(f"Backup written to {path}: database ({manifest['database']['format']}), {files} files.")
        if manifest["unreferenced_files"]:
            self.stdout.write(f"Not copied: {manifest['unreferenced_files']} files in the private storage that no "
                              "record refers to (left by a failed delete; nothing in the system can reach them).")
        missing = manifest["missing_files"]
        if missing:
            # Exit non-zero so that cron mails it, but keep the archive: everything else is in it.
            raise CommandError(
                f"The archive was written, but {len(missing)} files that the database refers to are missing from "
                f"the private storage: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}. "
                "Find out why (a failing disk, a file removed by hand) and restore them from an earlier archive."
            )
