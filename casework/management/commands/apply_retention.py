"""Remove personal data from cases that ended long ago; keep the anonymised figures.

    manage.py apply_retention                 # dry run: lists what would be removed, changes nothing
    manage.py apply_retention --apply --by sysadmin
    manage.py apply_retention --years 7 --import-days 14 --apply --by sysadmin

The number of years comes from settings.RETENTION_YEARS_AFTER_CLOSURE (environment
PROTIKAR_RETENTION_YEARS) unless --years is given; the days an uploaded register and its report are kept
after the import from settings.IMPORT_RETENTION_DAYS (default 30) unless --import-days is given.
See casework/retention.py for what goes and what stays.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casework.retention import apply_retention, import_retention_days, retention_years
from portal import roles


class Command(BaseCommand):
    help = "Anonymise cases that ended more than N years ago (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="years after the case ended (default: setting)")
        parser.add_argument("--apply", action="store_true", help="really remove the data (default: dry run)")
        parser.add_argument("--by", dest="username", help="username of the system admin running it (for the audit log)")
        parser.add_argument("--limit", type=int, default=None, help="at most this many cases in this run")
        parser.add_argument("--import-days", type=int, default=None,
                            help="days after an import that its uploaded register and report are kept (default: setting)")

    def handle(self, *args, years, apply, username, limit, import_days, **options):
        years = retention_years() if years is None else years
        import_days = import_retention_days() if import_days is None else import_days
        if years < 1:
            raise CommandError("--years must be at least 1.")
        if import_days < 1:
            raise CommandError("--import-days must be at least 1.")
        actor = None
        if apply:
            if not username:
                raise CommandError("--apply needs --by USERNAME: the audit log records who removed the data.")
            actor = get_user_model().objects.filter(username=username, is_active=True).first()
            if actor is None or not (actor.is_superuser or roles.has_role(actor, roles.SYSTEM_ADMIN)):
                raise CommandError(f"{username!r} is not an active system administrator.")
        summary = apply_retention(years, apply=apply, actor=actor, limit=limit, import_days=import_days)
        mode = "APPLIED" if apply else "DRY RUN (nothing changed; add --apply --by USERNAME)"
        self.stdout.write(f"{mode}: cases ended before {summary.cutoff:%Y-%m-%d} ({years} years)")
        for name, count in sorted(summary.records.items()):
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"  files: {summary.files}")
        self.stdout.write(f"  register keys of imported cases: {summary.import_keys}")
        self.stdout.write(f"imports finished before {import_days} days ago: uploads and reports={summary.imports}")
        self.stdout.write(f"cases={len(summary.cases)}" + (f" first={summary.cases[0]} last={summary.cases[-1]}"
                                                             if summary.cases else ""))
