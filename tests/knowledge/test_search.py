"""Portal search finds knowledge pages by Bangla and English words (Wagtail's database backend).

Runs on SQLite locally and on PostgreSQL when DATABASE_URL is set (CI). Bangla is indexed as
normalised text (home/search.py): SQLite's tokenizer used to cut Bangla words at every vowel sign,
so "লাশ" matched pages about "সালিশ".
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _indexed_module(seeded_knowledge, django_db_blocker):
    """The seeded pages indexed once for the module, inside its transaction (rolled back at its end)."""
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)
    return seeded_knowledge


@pytest.fixture
def indexed(_indexed_module, knowledge):
    return knowledge


def _results(client, lang, query) -> list[str]:
    response = client.get(f"/{lang}/search/", {"query": query})
    assert response.status_code == 200
    html = response.content.decode()
    part = html.split('class="search-results"', 1)[1].split("</ul>", 1)[0] if 'class="search-results"' in html else ""
    return re.findall(r'<li><a href="([^"]+)"', part)


@pytest.mark.parametrize("query,expected_path", [
    ("পাসপোর্ট", "/bn/guides/keep-your-documents/"),  # a word with a vowel sign and a conjunct
    ("দালাল", "/bn/guides/cheated-by-a-middleman/"),
    ("ওয়েজ আর্নার্স", "/bn/redress-channels/wage-earners-welfare-board/"),
    ("কাকরাইল", "/bn/redress-channels/bmet/"),  # only in the channel snippet shown on the page
    ("হেল্পলাইন", "/bn/helplines/"),
])
def test_bangla_query_finds_the_bangla_page(client, indexed, query, expected_path):
    results = _results(client, "bn", query)
    assert expected_path in results, (query, results)
    assert not any(r.startswith("/en/") for r in results)  # only the reader's language


@pytest.mark.parametrize("query,first", [
    ("হেল্পলাইন", "/bn/helplines/"),
    ("হেলপলাইন", "/bn/helplines/"),  # typed without the hasanta
    ("BMET", "/bn/redress-channels/bmet/"),  # Latin letters for বিএমইটি
    ("বিএমইটি", "/bn/redress-channels/bmet/"),
    ("GMC", "/bn/redress-channels/local-mediation/"),
    ("জিএমসি", "/bn/redress-channels/local-mediation/"),
    ("WEWB", "/bn/redress-channels/wage-earners-welfare-board/"),
    ("ওয়েজ আর্নার্স", "/bn/redress-channels/wage-earners-welfare-board/"),
    ("কাকরাইল", "/bn/redress-channels/bmet/"),
    ("দালাল ঠকালে", "/bn/guides/cheated-by-a-middleman/"),
])
def test_the_right_page_ranks_first(client, indexed, query, first):
    results = _results(client, "bn", query)
    assert results and results[0] == first, (query, results)


@pytest.mark.parametrize("typed,written", [("হেলপলাইন", "হেল্পলাইন"), ("রশিদ", "রসিদ"), ("16135", "১৬১৩৫"),
                                           ("৩৫০০০", "৩৫,০০০"), ("BMET", "বিএমইটি"), ("gmc", "জিএমসি")])
def test_spellings_and_scripts_a_reader_mixes_find_the_same_pages(client, indexed, typed, written):
    assert _results(client, "bn", typed) == _results(client, "bn", written) != []


def test_digits_typed_on_a_latin_keypad_find_bangla_pages(client, indexed):
    assert "/bn/helplines/" in _results(client, "bn", "16135")[:1]
    assert "/bn/guides/death-or-injury-abroad/" in _results(client, "bn", "৩৫০০০")  # written ৩৫,০০০
    assert "/bn/guides/keep-your-documents/" in _results(client, "bn", "রশিদ")  # written রসিদ


def test_a_word_does_not_match_other_words_that_share_its_letters(client, indexed, bn):
    from knowledge.models import GuideIndexPage, GuidePage

    index = GuideIndexPage.objects.get(locale=bn)
    shalish = GuidePage(title="গ্রামের সালিশ কেমন হয়", slug="shalish", locale=bn, intro="সালিশে দুই পক্ষ বসে।",
                        body=[("text", "সালিশ গ্রামে হয়।")])
    index.add_child(instance=shalish)
    shalish.save_revision().publish()
    results = _results(client, "bn", "লাশ")
    assert "/bn/guides/shalish/" not in results  # SQLite's tokens ল, শ matched সালিশ
    assert "/bn/guides/death-or-injury-abroad/" in results  # লাশ: the body (মরদেহ)
    assert _results(client, "bn", "সালিশ")[0] == "/bn/guides/shalish/"
    assert "/bn/guides/shalish/" not in _results(client, "bn", "কপি")


def test_a_page_published_later_is_found_at_once(client, indexed, bn):
    from knowledge.models import GuideIndexPage, GuidePage

    index = GuideIndexPage.objects.get(locale=bn)
    guide = GuidePage(title="ভিসা যাচাই", slug="check-the-visa", locale=bn, intro="ভিসা আসল কি না দেখুন।")
    index.add_child(instance=guide)
    guide.save_revision().publish()
    assert _results(client, "bn", "ভিসা যাচাই")[0] == "/bn/guides/check-the-visa/"


@pytest.mark.parametrize("query,expected_path", [
    ("passport", "/en/guides/keep-your-documents/"),
    ("middleman", "/en/guides/cheated-by-a-middleman/"),
    ("Kakrail", "/en/redress-channels/bmet/"),
    ("wages", "/en/guides/wage-theft-abroad/"),
    ("বিএমইটি", "/en/redress-channels/bmet/"),  # Bangla letters for BMET on the English site
])
def test_english_query_finds_the_english_page(client, indexed, query, expected_path):
    results = _results(client, "en", query)
    assert expected_path in results, (query, results)
    assert not any(r.startswith("/bn/") for r in results)


@pytest.mark.parametrize("query", ['"', 'a"b', '"দালাল"', "\x00", "দালাল\x00", "'", "*", "NEAR(a b)", "a OR", "{title}: x",
                                   "-", "^", "(", "\u202e", "🙂"])
@pytest.mark.parametrize("lang", ["bn", "en"])
def test_odd_queries_never_fail(client, indexed, lang, query):
    response = client.get(f"/{lang}/search/", {"query": query})
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_quoted_word_still_finds_it(client, indexed):
    assert _results(client, "bn", '"দালাল"') == _results(client, "bn", "দালাল") != []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (run with DATABASE_URL)")
def test_postgresql_parser_keeps_bangla_words_whole(db):
    # docs/content.md: with LC_CTYPE C.UTF-8 PostgreSQL's parser keeps Bangla words whole (SQLite
    # did not); it does not unify spellings, digits or scripts, which home/search.py does for both.
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple', %s)::text", ["পাসপোর্টের কপি রাখুন ১৬১৩৫"])
        vector = cursor.fetchone()[0]
    assert "'পাসপোর্টের':1" in vector and "'কপি':2" in vector and "'রাখুন':3" in vector and "'১৬১৩৫':4" in vector
