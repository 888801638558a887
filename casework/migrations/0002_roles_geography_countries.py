"""Reference data every install needs: the eight role groups, Bangladesh's geography, countries."""

from django.db import migrations

ROLES = [
    "field_coordinator",
    "primary_advisor",
    "legal_advisor",
    "programme_lead",
    "meal_analyst",
    "org_admin",
    "content_editor",
    "system_admin",
]


def forwards(apps, schema_editor):
    from casework.geography import load_countries, load_geography

    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    load_geography(apps)
    load_countries(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
