"""export_cases PATH [--user USERNAME] [--language bn|en]: every case in the database as .xlsx, in the
import's column layout.

For the system operator (backups in a readable form, moving data between installations):
all columns, all cases, so `import_cases` reads the file back. Personal data: keep the file
as safe as the database itself. Like every export of personal data it is written to the access
log (SPEC §6), in the name of --user (default: the first active programme lead, else a superuser).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casework.exports import export_queryset, write_cases_xlsx
from casework.imports.headers import JUSTICE_SEEKER, PERPETRATOR, SUMMARY
from casework.models import AccessLog, Case
from casework.services import access_log_record
from portal import roles


class Command(BaseCommand):
    help = "Write every case to an .xlsx file that import_cases can read back."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--language", choices=["bn", "en"], default="en", help="Language of headers and list values.")
        parser.add_argument("--user", help="Username recorded in the access log as having exported the cases "
                                           "(default: the first active programme lead, else a superuser).")

    def handle(self, *args, path, language, user=None, **options):
        actor = self._user(user)
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
        # Never the path or any value: the count and how it was made.
        access_log_record(user=actor, action=AccessLog.Action.EXPORT, detail=f"export_cases command; rows={count}")
        self.stdout.write(f"exported={count}")

    def _user(self, username: str | None):
        User = get_user_model()
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {username!r}.")
            return actor
        actor = (
            User.objects.filter(groups__name=roles.PROGRAMME_LEAD, is_active=True).order_by("id").first()
            or User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
        )
        if actor is None:
            raise CommandError("No programme lead or superuser to record in the access log as the exporter: pass --user.")
        return actor
