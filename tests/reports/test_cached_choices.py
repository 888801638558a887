"""The reference option lists (places, countries, organisations) are cached (portal.widgets.cached_rows)
and dropped whenever a list changes, so a report filter never offers a stale or missing name."""

import re

import pytest
from django.utils import timezone, translation

from casework.geography import load_countries, load_geography
from casework.models import Country, District, Division, Upazila
from portal.widgets import cached_bilingual_choices

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Division, District, Upazila, Country])
def test_a_list_is_read_once_per_language(model, django_assert_num_queries):
    with translation.override("bn"):
        with django_assert_num_queries(1):
            bangla = cached_bilingual_choices(model)
        with django_assert_num_queries(0):
            assert cached_bilingual_choices(model) == bangla
    with translation.override("en"):
        with django_assert_num_queries(1):
            english = cached_bilingual_choices(model)
    row = model.objects.order_by("pk").first()
    assert (row.pk, row.name_bn) in bangla and (row.pk, row.name_en) in english


def test_an_edited_or_deleted_place_changes_the_options_at_once():
    district = District.objects.order_by("pk").first()
    cached_bilingual_choices(District)
    district.name_en = "Renamed district"
    district.save()
    assert (district.pk, "Renamed district") in cached_bilingual_choices(District)
    country = Country.objects.create(code="XQ", name_en="Testland", name_bn="টেস্টল্যান্ড")
    assert (country.pk, "Testland") in cached_bilingual_choices(Country)
    country.delete()
    assert all(pk != country.pk for pk, _name in cached_bilingual_choices(Country))


def test_the_loaders_drop_the_cached_lists_when_they_commit(django_capture_on_commit_callbacks):
    District.objects.filter(pk=District.objects.order_by("pk").first().pk).update(name_en="Stale name")
    Country.objects.filter(code="SA").update(name_en="Stale country")
    assert any(name == "Stale name" for _pk, name in cached_bilingual_choices(District))
    assert any(name == "Stale country" for _pk, name in cached_bilingual_choices(Country))
    with django_capture_on_commit_callbacks(execute=True):
        load_geography()
        load_countries()
    assert not any(name == "Stale name" for _pk, name in cached_bilingual_choices(District))
    assert not any(name == "Stale country" for _pk, name in cached_bilingual_choices(Country))


def test_the_report_filter_offers_a_renamed_district(client, reporter):
    client.force_login(reporter("programme_lead"))
    assert client.get("/en/reports/").status_code == 200  # fills the cache
    district = District.objects.order_by("pk").first()
    district.name_en = "Newname district"
    district.save()
    assert "Newname district" in client.get("/en/reports/").content.decode()


def test_the_case_list_filter_offers_a_renamed_division(client, reporter):
    client.force_login(reporter("programme_lead"))
    with translation.override("bn"):
        assert client.get("/bn/cases/").status_code == 200  # fills the cache in Bangla
        division = Division.objects.order_by("pk").first()
        division.name_bn = "নতুন বিভাগ"
        division.save()
        assert "নতুন বিভাগ" in client.get("/bn/cases/").content.decode()


def test_organisation_options_are_read_once_per_language_and_follow_every_edit(django_assert_num_queries):
    from casework.models import Organization
    from casework.reference_cache import cached_organisation_choices

    org = Organization.objects.create(name="Cache NGO", name_bn="ক্যাশ এনজিও", type=Organization.Type.MIGRATION_NGO)
    with translation.override("en"):
        with django_assert_num_queries(1):
            english = cached_organisation_choices()
        with django_assert_num_queries(0):
            assert cached_organisation_choices() == english
        assert (org.pk, "Cache NGO") in english
    with translation.override("bn"):
        assert (org.pk, "ক্যাশ এনজিও") in cached_organisation_choices()
    org.name = "Renamed NGO"
    org.save()
    with translation.override("en"):
        assert (org.pk, "Renamed NGO") in cached_organisation_choices()
    org.delete()
    with translation.override("en"):
        assert all(pk != org.pk for pk, _name in cached_organisation_choices())


def test_the_report_filter_offers_a_new_organisation_and_names_it_when_chosen(client, reporter):
    from casework.models import Organization

    client.force_login(reporter("programme_lead"))
    assert client.get("/en/reports/status/").status_code == 200  # fills the cache
    org = Organization.objects.create(name="Brand-new NGO", name_bn="নতুন এনজিও", type=Organization.Type.MIGRATION_NGO)
    assert f'<option value="{org.pk}">Brand-new NGO</option>' in client.get("/en/reports/status/").content.decode()
    with translation.override("bn"):
        response = client.get("/bn/reports/status/", {"organization": org.pk})
    assert dict(response.context["filters_in_force"])["সংস্থা"] == "নতুন এনজিও"


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_chosen_filters_stay_selected_in_the_form(client, reporter, lang):
    """The filter form's options are ready-made (portal.widgets.PresetChoices): the chosen period,
    district, organisation and category must still come back selected, in either language."""
    from casework.models import Organization
    from tests.factories import CaseCategoryFactory

    client.force_login(reporter("programme_lead"))
    category = CaseCategoryFactory(name="Selected category").pk
    district = District.objects.order_by("pk").first()
    org = Organization.objects.create(name="Selected NGO", name_bn="বাছাই এনজিও", type=Organization.Type.MIGRATION_NGO)
    with translation.override(lang):
        year = str(timezone.localdate().year)
        params = {"period": year, "district": district.pk, "organization": org.pk, "category": category}
        html = client.get(f"/{lang}/reports/status/", params).content.decode()
    chosen = re.findall(r'<option value="([^"]+)" selected>', html)  # the other filters: "" selected
    assert sorted(chosen) == sorted(str(v) for v in (year, district.pk, org.pk, category))


def test_a_migration_drops_every_cached_list():
    """A data migration may rename places or results with .update(), which sends no signal."""
    from django.core.management.sql import emit_post_migrate_signal

    from casework.models import ResultType
    from portal.widgets import cached_names

    district = District.objects.order_by("pk").first()
    result = ResultType.objects.create(code="migrated", name_en="Before", name_bn="আগে")
    cached_bilingual_choices(District)
    cached_names(ResultType)
    District.objects.filter(pk=district.pk).update(name_en="Migrated name")
    ResultType.objects.filter(pk=result.pk).update(name_en="After")
    assert cached_names(ResultType)[result.pk][0] == "Before"  # still the cached list
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    with translation.override("en"):
        assert (district.pk, "Migrated name") in cached_bilingual_choices(District)
    assert cached_names(ResultType)[result.pk] == ("After", "আগে")
