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
