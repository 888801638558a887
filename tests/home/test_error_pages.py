"""404 and 500 pages: plain, in the reader's language by URL prefix, a link home and the helpline.

Test settings run with DEBUG = False, as production does (Django's own bare pages show otherwise).
"""

import pytest
from django.test import RequestFactory
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_search(monkeypatch):
    """Make the search view fail inside, as any bug would."""
    import home.views

    class Broken:
        def __init__(self, *args, **kwargs):
            raise RuntimeError("simulated failure")

    monkeypatch.setattr(home.views, "Paginator", Broken)


def _in(lang, text):
    """The interface string in `lang` (its Bangla once the catalogue has it; these tests then hold)."""
    with translation.override(lang):
        return translation.gettext(text)


@pytest.mark.parametrize("lang,helpline", [("bn", "১৬১৩৫"), ("en", "16135")])
def test_404_is_our_page_in_the_readers_language(client, home_pages, settings, lang, helpline):
    assert settings.DEBUG is False
    heading = _in(lang, "Page not found")
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html
    assert f'href="/{lang}/"' in html  # home
    assert f'<a href="tel:16135">{helpline}</a>' in html
    assert "Not Found</h1>" not in html  # not Django's bare page


@pytest.mark.parametrize("lang,helpline", [("bn", "১৬১৩৫"), ("en", "16135")])
def test_500_is_our_page_in_the_readers_language(client, home_pages, failing_search, lang, helpline):
    heading = _in(lang, "Something went wrong")
    client.raise_request_exception = False
    response = client.get(f"/{lang}/search/", {"query": "x"})
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html
    assert f'href="/{lang}/"' in html
    assert f'<a href="tel:16135">{helpline}</a>' in html
    assert "Server Error (500)" not in html


def test_500_page_needs_no_database_or_context_processors(django_assert_num_queries, monkeypatch):
    from django.template import context_processors

    from home.views import server_error

    def boom(request):  # pragma: no cover - must not be called
        raise AssertionError("the 500 page ran a context processor")

    monkeypatch.setattr(context_processors, "request", boom)
    request = RequestFactory().get("/en/anything/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert '<html lang="en"' in response.content.decode()
    # an address without a language prefix gets Bangla, the site's first language
    assert '<html lang="bn"' in server_error(RequestFactory().get("/static/x.css")).content.decode()


def test_portal_uses_our_500_handler():
    import portal.urls
    from home.views import server_error

    assert portal.urls.handler500 is server_error
