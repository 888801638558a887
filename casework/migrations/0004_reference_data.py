from django.db import migrations


def forwards(apps, schema_editor):
    from casework.reference_data import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_case_record")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
