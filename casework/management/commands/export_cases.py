"""export_cases PATH: every case in the database as .xlsx, in the import's column layout.

For the system operator (backups in a readable form, moving data between installations):
all columns, all cases, so `import_cases` reads the file back. Personal data: keep the file
as safe as the database itself.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casework.exports import export_queryset, write_cases_xlsx
from casework.imports.headers import JUSTICE_SEEKER, PERPETRATOR, SUMMARY
from casework.models import Case


class Command(BaseCommand):
    help = "Write every case to an .xlsx file that import_cases can read back."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--language", choices=["bn", "en"], default="en", help="Language of headers and list values.")

    def handle(self, *args, path, language, **options):
        with translation.override(language):
            data, count = write_cases_xlsx(
                export_queryset(Case.objects.order_by("id")),
                visible=lambda case, group: True,
                groups={SUMMARY, JUSTICE_SEEKER, PERPETRATOR},
            )
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from exc
        self.stdout.write(f"exported={count}")
