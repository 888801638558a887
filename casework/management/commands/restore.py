"""restore PATH: bring a backup archive back into an empty database (checksums verified first, the
database checked against the files and the manifest after loading)."""

from django.core.management.base import BaseCommand, CommandError

from casework.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup archive made by `backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true",
                            help="Restore even though the database holds cases or users (they are replaced).")

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore(path, force=force)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for warning in manifest["warnings"]:
            self.stderr.write(f"Warning: {warning}")
        files = sum(1 for name in manifest["checksums"] if name.startswith("files/"))
        self.stdout.write(f"Restored the database and {files} files from {path} (made {manifest['created_at']}); "
                          "every file and row count checked.")
