"""import_cases PATH [--dry-run] [--organisation NAME] [--language bn|en]

Imports a partner's register (.xlsx or .csv) exactly as the web import does, with the columns
recognised by their headers (plus the mappings saved for the organisation). Ends with the line
`imported=N updated=U skipped=S errors=E`; row errors go to stderr (and to --report as xlsx), in
--language (default: the active language, which on the command line is settings.LANGUAGE_CODE,
Bangla). Columns whose name could mean several things where they stand are left out and listed:
map them on the web import's column screen.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from casework.imports.headers import FIELDS_BY_NAME, IGNORE, analyse_headers
from casework.imports.pipeline import ImportRun, default_organization
from casework.imports.reader import FileRefused, read_sheet
from casework.imports.report import error_report_xlsx
from casework.imports.services import saved_mapping
from casework.models import Organization
from portal import roles


class Command(BaseCommand):
    help = "Import cases from a partner's Excel (.xlsx) or CSV register."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; save nothing.")
        parser.add_argument("--organisation", "--organization", dest="organisation",
                            help="The organisation that owns every row (name, Bangla name or short name).")
        parser.add_argument("--user", help="Username recorded as having entered the cases (default: a programme lead).")
        parser.add_argument("--report", help="Write the rows with errors or warnings to this .xlsx file.")
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES],
                            help="Language of the row errors and the report (default: settings.LANGUAGE_CODE).")

    def handle(self, *args, language=None, **options):
        # Without --language, whatever is active: settings.LANGUAGE_CODE on the command line, the
        # caller's language when called from code.
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            self._import(**options)

    def _import(self, *, path, dry_run, organisation, user, report, **options):
        self.verbosity = options.get("verbosity", 1)
        org = self._organisation(organisation) if organisation else None
        actor = self._user(user)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            sheet = read_sheet(data, path)
        except FileRefused as exc:
            raise CommandError(str(exc)) from exc
        owner = org or default_organization()
        analysed = analyse_headers(sheet.headers, saved_mapping(owner) if owner else {})
        mapping = analysed.mapping
        unmapped = [h for i, h in enumerate(sheet.headers) if h and i not in mapping and i not in analysed.unclear]
        if unmapped:
            self.stderr.write("Columns not recognised (ignored): " + ", ".join(unmapped))
        if analysed.unclear:
            self.stderr.write("Columns that could mean more than one thing where they stand (ignored; map them on the "
                              "web import's column screen): " + ", ".join(sheet.headers[i] for i in analysed.unclear))
        names = sorted({FIELDS_BY_NAME[f].name for f in mapping.values() if f != IGNORE})
        if self.verbosity >= 2:
            self.stdout.write("Columns: " + ", ".join(names))
        run = ImportRun(user=actor, sheet=sheet, mapping=mapping, organization=org, dry_run=dry_run)
        result = run.run()
        for outcome in result.reported:
            for message in outcome.errors:
                self.stderr.write(f"row {outcome.row}: error: {message}")
            if self.verbosity >= 2:
                for message in outcome.warnings:
                    self.stderr.write(f"row {outcome.row}: warning: {message}")
        if report:
            with open(report, "wb") as fh:
                fh.write(error_report_xlsx(sheet, [o.as_dict() for o in result.reported]))
        self.stdout.write(result.summary_line)

    def _organisation(self, name: str) -> Organization:
        from casework.imports.normalise import match_key

        orgs = {}
        for org in Organization.objects.all():
            for label in (org.name, org.name_bn, org.short_name):
                if label:
                    orgs.setdefault(match_key(label), org)
        org = orgs.get(match_key(name))
        if org is None:
            raise CommandError(f"No organisation called {name!r}.")
        return org

    def _user(self, username: str | None):
        User = get_user_model()
        if username:
            try:
                return User.objects.get(username=username)
            except User.DoesNotExist as exc:
                raise CommandError(f"No user {username!r}.") from exc
        actor = (
            User.objects.filter(Q(groups__name=roles.PROGRAMME_LEAD), is_active=True).order_by("id").first()
            or User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
        )
        if actor is None:
            raise CommandError("No programme lead user to record as the one who entered the cases: pass --user.")
        return actor
