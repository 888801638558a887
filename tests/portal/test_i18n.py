import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_bare_root_redirects_to_bangla_by_default(client, home_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/bn/"


@pytest.mark.parametrize("accept", ["en-US", "en-GB,en;q=0.9", "en-US,en;q=0.9,bn;q=0.1", "fr"])
def test_bare_root_goes_to_bangla_whatever_the_browser_prefers(client, home_pages, accept):
    # SPEC §7: the bare / goes to Bangla (it used to follow Accept-Language to /en/).
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == "/bn/"


def test_bare_root_goes_to_bangla_even_with_an_english_cookie(client, home_pages, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/")["Location"] == "/bn/"
    # prefixed addresses still follow the reader's choice
    assert client.get("/en/").status_code == 200


def test_language_switcher_still_works_for_prefixed_urls(client, home_pages):
    html = client.get("/bn/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="bn"' in html
    assert 'href="/en/" lang="en" hreflang="en" data-lang="en"' in html


def test_bare_root_prefers_bangla_when_browser_lists_both(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="bn-BD,bn;q=0.9,en;q=0.8")
    assert response["Location"] == "/bn/"


@pytest.mark.parametrize(
    "lang,expected_title,expected_intro",
    [("bn", "প্রতিকার", "প্রতারণা"), ("en", "Protikar", "cheated")],
)
def test_home_renders_in_both_locales(client, home_pages, lang, expected_title, expected_intro):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in html
    assert expected_title in html
    assert expected_intro in html
    # hreflang alternates for both languages, and x-default: the Bangla page
    assert 'hreflang="bn" href="http://testserver/bn/"' in html
    assert 'hreflang="en" href="http://testserver/en/"' in html
    assert 'hreflang="x-default" href="http://testserver/bn/"' in html
    # the home page's title is the site's name once, not "প্রতিকার · প্রতিকার"
    title = html.split("<title>", 1)[1].split("</title>", 1)[0].strip()
    assert title == expected_title


def test_switcher_links_to_the_translated_page(client, home_pages):
    bn_html = client.get("/bn/").content.decode()
    assert 'href="/en/" lang="en" hreflang="en" data-lang="en"' in bn_html
    en_html = client.get("/en/").content.decode()
    assert 'href="/bn/" lang="bn" hreflang="bn" data-lang="bn"' in en_html


def test_switcher_on_a_django_view_keeps_the_same_view(client, home_pages):
    html = client.get("/bn/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/"' in html


def test_interface_strings_are_bangla_under_bn(client, home_pages):
    html = client.get("/bn/accounts/login/").content.decode()
    assert "স্টাফ সাইন ইন" in html or "কর্মী" in html
    assert "Staff sign in" not in html


def test_bangla_font_is_self_hosted(client, home_pages):
    from django.contrib.staticfiles import finders

    assert finders.find("fonts/noto-sans-bengali-bengali-400-normal.woff2")
    assert finders.find("fonts/OFL-NotoSansBengali.txt")
    from pathlib import Path

    css = Path(finders.find("css/protikar.css")).read_text(encoding="utf-8")
    assert "noto-sans-bengali-bengali-400-normal.woff2" in css
    assert "http" not in css  # no remote asset


def test_search_finds_home_page_by_bangla_and_english_words(client, home_pages):
    response = client.get("/bn/search/", {"query": "দালাল"})
    assert response.status_code == 200
    assert home_pages.title in response.content.decode()
    response = client.get("/en/search/", {"query": "middleman"})
    assert "Protikar: a path to justice" in response.content.decode()
    # the English search does not return the Bangla page
    assert home_pages.title not in response.content.decode()


def test_search_with_empty_or_odd_query_never_fails(client, home_pages):
    # '"', 'a"b' and NUL gave 500s (SQLite: unterminated string); PostgreSQL refuses NUL in text.
    for query in ["", " ", "%%%", "a" * 5000, "<script>", "০১২", '"', 'a"b', '"দালাল', "\x00", "a\x00b",
                  "'", "a'b", "\\", "*", "a*", "NEAR(a b)", "a OR", "AND", "-", "(", ")", "{", "title:x", "^x",
                  "\u202e", "\ufffe", "🙂"]:
        for lang in ("bn", "en"):
            response = client.get(f"/{lang}/search/", {"query": query})
            assert response.status_code == 200, (lang, query)
            assert "\x00" not in response.content.decode()
    assert client.get("/bn/search/", {"query": "x", "page": "zzz"}).status_code == 200


def test_unknown_page_is_404_in_both_languages(client, home_pages):
    assert client.get("/bn/no-such-page/").status_code == 404
    assert client.get("/en/no-such-page/").status_code == 404


def test_wagtail_admin_is_under_cms(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]
