"""content_editor edits and translates pages and snippets in /cms/ and never reaches case data."""

import pytest

from knowledge.models import CaseCategory, GuidePage, RedressChannel

pytestmark = pytest.mark.django_db

CASEWORK_URLS = ["/bn/cases/", "/bn/cases/new/", "/en/cases/"]


@pytest.fixture
def editor(knowledge, user_in_role):
    user = user_in_role("content_editor")
    assert user is not None
    return user


def test_content_editor_can_edit_pages_and_snippets(client, editor, bn):
    client.force_login(editor)
    assert client.get("/cms/").status_code == 200
    for model in ("redresschannel", "casecategory", "documenttype", "expectedremedy", "focalpoint"):
        assert client.get(f"/cms/snippets/knowledge/{model}/").status_code == 200, model
    channel = RedressChannel.objects.get(locale=bn, code="bmet")
    assert client.get(f"/cms/snippets/knowledge/redresschannel/edit/{channel.pk}/").status_code == 200
    guide = GuidePage.objects.get(locale=bn, slug="returning-home")
    assert client.get(f"/cms/pages/{guide.pk}/edit/").status_code == 200
    assert editor.has_perm("wagtail_localize.submit_translation")
    assert editor.has_perm("knowledge.change_casecategory")


def test_content_editor_can_save_a_snippet_edit(client, editor, bn):
    client.force_login(editor)
    category = CaseCategory.objects.get(locale=bn, code="overcharging")
    url = f"/cms/snippets/knowledge/casecategory/edit/{category.pk}/"
    response = client.get(url)
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        data[name] = value if value is not None else ""
    # inline formsets: keep management forms and existing rows as they are
    for prefix, formset in form.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = formset.total_form_count()
        data[f"{prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, child in enumerate(formset.forms):
            for name in child.fields:
                value = child[name].value()
                if value is None or value is False:
                    continue
                data[f"{prefix}-{i}-{name}"] = value
            data[f"{prefix}-{i}-ORDER"] = i + 1
    data["name"] = "বেশি টাকা নেওয়া (সম্পাদিত)"
    data["remedies"] = [r.pk for r in category.remedies.all()]
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    category.refresh_from_db()
    assert category.name == "বেশি টাকা নেওয়া (সম্পাদিত)", getattr(response, "context", {}) and response.context["form"].errors


@pytest.mark.parametrize("url", CASEWORK_URLS)
def test_content_editor_cannot_reach_case_data(client, editor, url):
    client.force_login(editor)
    response = client.get(url)
    if response.status_code in (301, 302):
        assert "/cases/" not in response["Location"].split("?", 1)[0], response["Location"]
    else:
        assert response.status_code in (403, 404), (url, response.status_code)
    assert not any(perm.startswith("casework.") for perm in editor.get_all_permissions())


def test_system_admin_manages_reference_lists_but_not_pages(client, knowledge, user_in_role, bn):
    admin = user_in_role("system_admin")
    client.force_login(admin)
    assert client.get("/cms/snippets/knowledge/casecategory/").status_code == 200
    guide = GuidePage.objects.get(locale=bn, slug="returning-home")
    assert client.get(f"/cms/pages/{guide.pk}/edit/").status_code in (302, 403)


def test_case_worker_has_no_cms_access(client, knowledge, user_in_role):
    coordinator = user_in_role("field_coordinator")
    client.force_login(coordinator)
    response = client.get("/cms/snippets/knowledge/casecategory/")
    assert response.status_code in (302, 403)


# --- rows that cases use cannot be deleted -----------------------------------------------------


@pytest.fixture
def case_using_a_category(knowledge, bn):
    from tests.factories import make_case

    category = CaseCategory.objects.get(locale=bn, code="overcharging")
    case = make_case(categories=[category])
    sub = category.sub_categories.first()
    remedy = category.remedies.first()
    case.sub_categories.add(sub)
    case.expected_remedies.add(remedy)
    return {"case": case, "category": category, "sub": sub, "remedy": remedy}


def test_content_editor_has_no_delete_permission_on_reference_lists(editor):
    for model in ("casecategory", "documenttype", "expectedremedy", "redresschannel"):
        assert not editor.has_perm(f"knowledge.delete_{model}"), model
        assert editor.has_perm(f"knowledge.change_{model}"), model
    assert editor.has_perm("knowledge.delete_focalpoint")  # focal points are not used by cases


def test_the_data_migration_removes_the_delete_permission_from_existing_installs(editor):
    import importlib

    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name="content_editor")
    group.permissions.add(Permission.objects.get(content_type__app_label="knowledge", codename="delete_casecategory"))
    migration = importlib.import_module("knowledge.migrations.0004_editors_keep_reference_rows")
    migration.forwards(django_apps, None)
    assert not group.permissions.filter(codename="delete_casecategory").exists()


def test_a_category_that_cases_use_cannot_be_deleted_at_all(case_using_a_category):
    from django.db.models import ProtectedError

    for obj in (case_using_a_category["category"], case_using_a_category["sub"], case_using_a_category["remedy"]):
        with pytest.raises(ProtectedError):
            obj.delete()
    case = case_using_a_category["case"]
    case.refresh_from_db()
    assert list(case.categories.all()) == [case_using_a_category["category"]]


@pytest.mark.parametrize("language, expected", [("en", ("cases use it", "retired")), ("bn", ("কেসে এটি ব্যবহার হয়", "বাদ দেওয়া"))])
def test_admin_delete_of_a_category_in_use_says_why_and_deletes_nothing(client, knowledge, user_in_role, case_using_a_category,
                                                                        language, expected):
    from wagtail.users.models import UserProfile

    admin = user_in_role("system_admin")  # may delete reference rows, but not ones cases use
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language  # the Wagtail admin speaks the editor's chosen language
    profile.save()
    client.force_login(admin)
    category = case_using_a_category["category"]
    url = f"/cms/snippets/knowledge/casecategory/delete/{category.pk}/"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert CaseCategory.objects.filter(pk=category.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any(all(word in m for word in expected) for m in messages), messages


def test_content_editor_cannot_reach_the_delete_page(client, editor, bn):
    client.force_login(editor)
    category = CaseCategory.objects.get(locale=bn, code="overcharging")
    response = client.get(f"/cms/snippets/knowledge/casecategory/delete/{category.pk}/")
    assert response.status_code in (302, 403)
    assert CaseCategory.objects.filter(pk=category.pk).exists()


def test_a_category_no_case_uses_can_still_be_deleted_by_the_system_admin(knowledge, bn):
    spare = CaseCategory.objects.create(locale=bn, code="spare", name="অতিরিক্ত", migration_stage="abroad")
    spare.delete()
    assert not CaseCategory.objects.filter(code="spare").exists()


def test_retired_category_leaves_public_pages_but_cases_keep_it(client, case_using_a_category, bn):
    category = case_using_a_category["category"]
    category.retired = True
    category.save()
    assert 'id="category-overcharging"' not in client.get("/bn/problems-and-papers/").content.decode()
    assert 'value="overcharging"' not in client.get("/bn/find-help/", {"stage": "before_departure"}).content.decode()
    assert category in case_using_a_category["case"].categories.all()
