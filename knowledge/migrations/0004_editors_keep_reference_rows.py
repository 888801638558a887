"""Existing installs: content editors lose the delete permission on the reference lists that cases
use, and the two problems that happen at any stage are marked so (find-help offers them for every
stage). New installs get the same from knowledge.seed.ensure_editor_permissions and the seed data."""

from django.db import migrations

PROTECTED_MODELS = ["casecategory", "documenttype", "expectedremedy", "redresschannel"]
ANY_STAGE_CODES = ["trafficking", "threats_harassment"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    CaseCategory = apps.get_model("knowledge", "CaseCategory")
    editor = Group.objects.filter(name="content_editor").first()
    if editor is not None:
        perms = Permission.objects.filter(
            content_type__app_label="knowledge", codename__in=[f"delete_{m}" for m in PROTECTED_MODELS]
        )
        editor.permissions.remove(*perms)
    # Every language's row: the flag is synchronised by wagtail-localize, so the rows must agree.
    CaseCategory.objects.filter(code__in=ANY_STAGE_CODES).update(any_stage=True)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_case_category_stage_retired_phones"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
