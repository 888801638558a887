"""Searching a person by part of their name, or a case by part of its number (icontains), scans every row. On PostgreSQL a
trigram index on UPPER(name::text) (the expression Django writes) serves that LIKE; SQLite (quick start only) needs nothing."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS casework_js_name_trgm ON casework_justiceseeker USING gin ((UPPER(name::text)) gin_trgm_ops)",
    # Part of a case number ("00042", "2026-0004") from the list's number search.
    "CREATE INDEX IF NOT EXISTS casework_case_number_trgm ON casework_case USING gin ((UPPER(case_number::text)) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS casework_js_name_trgm", "DROP INDEX IF EXISTS casework_case_number_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("casework", "0005_case_status_changed_index")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
