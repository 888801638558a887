from django.core.management.base import BaseCommand

from casework.geography import load_countries, load_geography


class Command(BaseCommand):
    help = "Load or refresh divisions, districts, upazilas, unions, place aliases and countries (idempotent)."

    def handle(self, *args, **options):
        counts = load_geography()
        counts["countries"] = load_countries()
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
