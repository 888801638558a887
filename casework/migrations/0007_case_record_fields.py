"""Case record fields from the concept note's input table (issue 4, item 11): whether a copy of the
earlier complaint is kept (and attachments marked as that copy), the entrant's designation and area
as they were at entry, and the Bangla name of recruiting agencies.

Also, on PostgreSQL only, an index on the case id that casework parts write into django-auditlog's
additional_data: the case page's history and the audit page's "by case" filter look entries up by it.
"""

from django.db import migrations, models

INDEX = "casework_logentry_case_id"


def _postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0006_person_search_trigram_index'),
        ('auditlog', '0009_alter_logentry_additional_data'),
    ]

    operations = [
        migrations.AddField(
            model_name='attachment',
            name='is_prior_complaint_copy',
            field=models.BooleanField(default=False, verbose_name='copy of the earlier complaint'),
        ),
        migrations.AddField(
            model_name='case',
            name='entered_by_designation',
            field=models.CharField(blank=True, max_length=120, verbose_name='designation of the person entering'),
        ),
        migrations.AddField(
            model_name='case',
            name='entered_by_upazilas',
            field=models.ManyToManyField(blank=True, related_name='+', to='casework.upazila', verbose_name='area of the person entering'),
        ),
        migrations.AddField(
            model_name='case',
            name='prior_complaint_copy_kept',
            field=models.BooleanField(default=False, verbose_name='a copy of the earlier complaint is kept'),
        ),
        migrations.AddField(
            model_name='recruitingagency',
            name='name_bn',
            field=models.CharField(default="", max_length=200, verbose_name='name in Bangla'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='recruitingagency',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name in English'),
        ),
        migrations.RunPython(
            _postgres(f"CREATE INDEX IF NOT EXISTS {INDEX} ON auditlog_logentry ((additional_data -> 'case_id'))"),
            _postgres(f"DROP INDEX IF EXISTS {INDEX}"),
        ),
    ]
