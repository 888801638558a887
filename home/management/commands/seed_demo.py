"""Demo data for a local install or a training server. Refuses to run with production settings."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from casework.geography import load_countries, load_geography
from home.content import ensure_home_pages
from home.demo import USERS, seed_people

# Later pieces register their own seeding steps here: callables taking (command, options).
EXTRA_STEPS: list = []


class Command(BaseCommand):
    help = "Create demo organisations, one or more users in every role, and the portal content. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--password", required=True, help="Password given to every demo user.")
        parser.add_argument("--cases", type=int, default=0, help="How many demo cases to create.")

    def handle(self, *args, **options):
        if getattr(settings, "PROTIKAR_ENV", "") == "production":
            raise CommandError("seed_demo refuses to run with production settings: it would create known passwords.")
        load_geography()
        load_countries()
        people = seed_people(options["password"])
        ensure_home_pages()
        for step in _steps():
            step(self, options)
        # Leave a searchable index whether or not a task worker runs: Wagtail queues index updates as
        # background tasks (django-tasks), which wait for `manage.py db_worker`. Rebuilding here is
        # synchronous and idempotent.
        call_command("update_index", verbosity=0, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Seeded {people['organisations']} organisations and {people['users']} users."))
        self.stdout.write("Demo sign-ins (all with the password you gave):")
        for user in USERS:
            self.stdout.write(f"  {user.username:<20} {user.role:<18} {user.org}")


def _steps():
    """Seeding steps of the other apps, in dependency order (knowledge content before cases)."""
    steps = list(EXTRA_STEPS)
    try:
        from knowledge.seed import seed_knowledge
    except ImportError:
        pass
    else:
        steps.insert(0, lambda cmd, opts: seed_knowledge())
    try:
        from casework.demo import seed_cases
    except ImportError:
        pass
    else:
        steps.append(lambda cmd, opts: seed_cases(opts["cases"], stdout=cmd.stdout))
    return steps
