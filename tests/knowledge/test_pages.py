import re
from urllib.parse import urljoin, urlparse

import pytest
from wagtail.models import Page

from knowledge.models import (
    ChannelIndexPage,
    ChannelPage,
    FindHelpPage,
    GuideIndexPage,
    GuidePage,
    HelplinesPage,
    MatrixPage,
)

pytestmark = pytest.mark.django_db

# (page type, text in the Bangla page, text in the English page)
PAGE_TYPES = [
    (ChannelIndexPage, "প্রতিকারের পথ", "Ways to a remedy"),
    (ChannelPage, "মাঠকর্মী বিনা খরচে", "field worker of the partner organisation"),
    (GuideIndexPage, "নির্দেশিকা", "simple guides"),
    (GuidePage, "প্রশ্ন ও উত্তর", "Questions and answers"),
    (MatrixPage, "বিএমইটি", "BMET"),
    (FindHelpPage, "কোথায় সাহায্য পাবেন", "Find help"),
    (HelplinesPage, '<a class="tel-button" href="tel:16135">১৬১৩৫</a>', '<a class="tel-button" href="tel:16135">16135</a>'),
]


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("model,bn_text,en_text", PAGE_TYPES, ids=[m.__name__ for m, _b, _e in PAGE_TYPES])
def test_each_page_type_renders_in_both_languages(client, knowledge, bn, en, model, bn_text, en_text):
    for locale, text, lang in ((bn, bn_text, "bn"), (en, en_text, "en")):
        page = model.objects.live().filter(locale=locale).first()
        assert page is not None, (model, lang)
        url = page.url
        assert url.startswith(f"/{lang}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        main = _main(html)  # not the header or the footer (the footer names 16135 on every page)
        assert text in main, (url, text)
        assert page.title in main


def test_channel_page_shows_the_channel_facts(client, knowledge):
    html = client.get("/bn/redress-channels/bmet/").content.decode()
    assert "৮৯/২ কাকরাইল" in html  # where to file
    assert '<ol class="steps">' in html  # how to file as numbered steps
    html_en = client.get("/en/redress-channels/bmet/").content.decode()
    assert "89/2 Kakrail" in html_en
    assert "কাকরাইল" not in html_en


def test_guide_renders_checklist_faq_and_steps(client, knowledge):
    html = client.get("/bn/guides/keep-your-documents/").content.decode()
    assert 'class="checklist"' in html and "<details>" in html and 'class="steps"' in html
    assert "পাসপোর্টের কপি" in html


def test_helplines_lists_focal_points_by_district_and_marks_women(client, knowledge):
    html = client.get("/bn/helplines/").content.decode()
    assert "কুমিল্লা" in html
    assert "শিরিন বেগম" in html
    assert 'class="tag woman"' in html
    html_en = client.get("/en/helplines/").content.decode()
    assert "Shirin Begum" in html_en and "Woman helper" in html_en and "Man helper" in html_en


def test_helplines_district_filter_and_bad_input(client, knowledge):
    from casework.geography import find_district

    tangail = find_district("Tangail")
    html = client.get(f"/en/helplines/?district={tangail.pk}").content.decode()
    assert "Abdul Karim" in html and "Shirin Begum" not in html
    assert f'<option value="{tangail.pk}" selected>' in html
    everyone = client.get("/en/helplines/").content.decode()
    for bad in ("abc", "999999", "1 OR 1=1"):
        response = client.get("/en/helplines/", {"district": bad})
        assert response.status_code == 200
        html = response.content.decode()
        # a bad choice shows every district's helpers, as with no choice, and no error page
        assert html.count('class="focal-point"') == everyone.count('class="focal-point"') >= 8
        assert "Shirin Begum" in html and "Abdul Karim" in html


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_national_helplines_are_tel_links(client, knowledge, lang):
    main = _main(client.get(f"/{lang}/helplines/").content.decode())
    shown = {"999": "৯৯৯", "16135": "১৬১৩৫", "109": "১০৯", "16430": "১৬৪৩০", "+8809654333333": "+৮৮০৯৬৫৪৩৩৩৩৩৩"}
    for number, bangla in shown.items():
        # Bangla digits on the Bangla page, ASCII digits in what the phone dials
        assert f'href="tel:{number}">{bangla if lang == "bn" else number}</a>' in main, number
    assert "☐" not in main.split('id="focal-points"', 1)[0]  # no empty checkboxes for phone numbers
    # only the numbers known to be free are called free
    phones = main.split('class="phone-list"', 1)[1].split("</section>", 1)[0]
    free = [item for item in phones.split("<li>")[1:] if 'class="tag"' in item]
    assert sorted(item.split('href="tel:', 1)[1].split('"', 1)[0] for item in free) == ["109", "16430", "999"]


def test_phone_numbers_are_tel_links_wherever_they_appear(client, knowledge):
    html = client.get("/bn/redress-channels/bmet/").content.decode()
    main = _main(html)
    assert '<a class="tel" href="tel:16135">১৬১৩৫</a>' in main  # in the contacts text
    assert "ফোন: 16135" not in main and '>16135<' not in main  # Bangla digits on Bangla pages
    footer = html.split('class="site-footer"', 1)[1]
    assert 'href="tel:999"' in footer and 'href="tel:16135"' in footer
    focal = _main(client.get("/bn/helplines/").content.decode())
    assert 'href="tel:01000000101">০১০০০-০০০১০১</a>' in focal


def test_labour_wing_page_does_not_call_the_probashi_helpline_its_phone(client, knowledge):
    main = _main(client.get("/en/redress-channels/embassy-labour-wing/").content.decode())
    assert "<p>Phone: <a" not in main  # +8809654333333 is not the labour wing's number
    assert "Probashi helpline (from abroad)" in main  # it is there, named for what it is


def test_districts_are_sorted_in_the_readers_language(client, knowledge):
    import re

    for lang in ("bn", "en"):
        html = client.get(f"/{lang}/helplines/").content.decode()
        select = html.split('name="district"', 1)[1].split("</select>", 1)[0]
        names = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
        assert len(names) >= 60
        assert names == sorted(names), lang
    bn_html = client.get("/bn/helplines/").content.decode()
    groups = re.findall(r'<h3 id="district-\d+">([^<]+)</h3>', bn_html)
    assert groups == sorted(groups) and len(groups) >= 4  # the focal point list too


def test_unknown_knowledge_url_is_404_not_500(client, knowledge):
    assert client.get("/bn/guides/no-such-guide/").status_code == 404
    assert client.get("/bn/redress-channels/no-such/deeper/").status_code == 404


# --- missing translations ----------------------------------------------------------------------


def _english_only_guide(en):
    index_en = GuideIndexPage.objects.get(locale=en)
    guide = GuidePage(title="Only in English: safe remittance", slug="safe-remittance", intro="Send money home safely.",
                      locale=en, body=[("text", "Use a bank or a licensed mobile wallet.")])
    index_en.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def test_english_only_guide_under_bn_shows_english_with_bangla_notice(client, knowledge, en):
    _english_only_guide(en)
    response = client.get("/bn/guides/safe-remittance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="bn"' in html
    assert 'class="callout warning translation-missing"' in html
    assert "Use a bank or a licensed mobile wallet." in html
    assert '<article lang="en">' in html  # the English text is marked as English for screen readers
    # the Bangla guide index lists it, marked as not yet translated, with a working link
    index = client.get("/bn/guides/").content.decode()
    assert 'href="/bn/guides/safe-remittance/"' in index
    # and the English site serves it normally, without the notice
    html_en = client.get("/en/guides/safe-remittance/").content.decode()
    assert "translation-missing" not in html_en


def _bangla_only_guide(bn):
    index_bn = GuideIndexPage.objects.get(locale=bn)
    guide = GuidePage(title="শুধু বাংলায়: নিরাপদে টাকা পাঠানো", slug="send-money-safely", intro="ব্যাংকে টাকা পাঠান।",
                      locale=bn, body=[("text", "ব্যাংক বা বিকাশে টাকা পাঠান।")])
    index_bn.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def _article(html):
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_bangla_only_guide_under_en_names_its_real_language_and_marks_it(client, knowledge, bn):
    _bangla_only_guide(bn)
    response = client.get("/en/guides/send-money-safely/")
    assert response.status_code == 200
    html = response.content.decode()
    main = _main(html)
    assert '<html lang="en"' in html
    notice = main.split('translation-missing', 1)[1].split("</div>", 1)[0]
    assert "Bangla" in notice and "English below" not in notice  # it used to say "shown in English"
    # the notice and the link to the guides are the reader's language, outside the Bangla article
    assert '<article lang="bn">' in main
    assert "translation-missing" not in _article(html) and "All guides" not in _article(html)
    assert main.index("translation-missing") < main.index("<article")
    assert '<a href="/en/guides/">All guides</a>' in main  # the English index, not /bn/guides/
    # hreflang names only the page's real language (and x-default), not /en/ (the home page)
    head = html.split("</head>", 1)[0]
    assert 'hreflang="bn" href="http://testserver/bn/guides/send-money-safely/"' in head
    assert 'hreflang="x-default" href="http://testserver/bn/guides/send-money-safely/"' in head
    assert 'hreflang="en"' not in head


def test_top_level_page_missing_in_english_is_shown_with_a_notice_not_a_404(client, knowledge, en):
    helplines_en = HelplinesPage.objects.get(locale=en)
    helplines_en.unpublish()
    response = client.get("/en/helplines/")
    assert response.status_code == 200
    html = response.content.decode()
    main = _main(html)
    assert '<html lang="en"' in html and "translation-missing" in main
    assert '<div lang="bn">' in main and "হেল্পলাইন ও সাহায্যকারী" in main
    # the English home card and menu lead there (where the notice is), not to a missing page
    home = client.get("/en/").content.decode()
    assert '<a href="/en/helplines/">Helpline numbers</a>' in home
    assert 'href="/en/helplines/"' in home.split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/bn/helplines/"' not in _main(home)


def test_card_to_a_page_missing_in_every_language_has_no_link(client, knowledge, bn, en):
    for page in HelplinesPage.objects.all():
        page.unpublish()
    home = _main(client.get("/en/").content.decode())
    assert "helplines/" not in home
    assert "<h3>Helpline numbers</h3>" in home


def test_translated_but_untranslated_page_is_marked_bangla_with_a_notice(client, knowledge, bn, en,
                                                                         django_capture_on_commit_callbacks):
    from wagtail_localize.models import Translation, TranslationSource

    guide = _bangla_only_guide(bn)
    # What an editor's "Translate" does: the English page goes live with no string translated yet
    # (wagtail-localize publishes a new page's revision when the transaction commits).
    source, _created = TranslationSource.get_or_create_from_instance(guide)
    translation = Translation.objects.create(source=source, target_locale=en)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english = guide.get_translation(en)
    assert english.live and english.title == guide.title  # Bangla text under /en/
    html = client.get(english.url).content.decode()
    main = _main(html)
    assert '<html lang="en"' in html
    assert "translation-missing" in main and "Bangla" in main.split("translation-missing", 1)[1].split("</div>", 1)[0]
    assert '<article lang="bn">' in main


def test_partly_translated_page_marks_its_bangla_parts(client, knowledge, bn, en):
    from wagtail_localize.models import Translation, TranslationSource

    guide = GuidePage.objects.get(locale=bn, slug="returning-home")
    guide.intro = "নতুন ভূমিকা: দেশে ফিরে কী করবেন।"
    guide.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(guide)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=en).save_target(publish=True)
    main = _main(client.get("/en/guides/returning-home/").content.decode())
    assert "translation-missing" in main  # "parts of this page are not translated yet"
    assert '<p class="lead" lang="bn">নতুন ভূমিকা' in main
    assert '<h1>After you come home</h1>' in main  # the translated title stays English, unmarked


def test_bangla_page_with_translation_has_no_notice(client, knowledge):
    html = client.get("/bn/guides/returning-home/").content.decode()
    assert "translation-missing" not in html


# --- navigation, links and crawl ---------------------------------------------------------------

HREF = re.compile(r'href="([^"#]+)')


def _crawl(client, start):
    lang = start.strip("/").split("/")[0]
    seen, queue, broken = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urlparse(urljoin(url, href))
            if target.netloc and target.netloc != "testserver":
                continue
            path = target.path
            if not path.startswith(f"/{lang}/") or "/accounts/" in path or "/staff/" in path or "/cases/" in path:
                continue
            if target.query and not path.endswith("/find-help/"):
                continue
            queue.append(path + (f"?{target.query}" if target.query else ""))
    return seen, broken


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_home_links_reach_every_knowledge_page_with_no_broken_link(client, knowledge, bn, en, lang):
    locale = bn if lang == "bn" else en
    seen, broken = _crawl(client, f"/{lang}/")
    assert broken == []
    expected = {
        page.url
        for model in (ChannelIndexPage, ChannelPage, GuideIndexPage, GuidePage, MatrixPage, FindHelpPage, HelplinesPage)
        for page in model.objects.live().filter(locale=locale)
    }
    assert len(expected) >= 7 + 5 + 5
    assert expected <= {urlparse(u).path for u in seen}


def test_public_nav_links_to_knowledge_pages_only_for_the_public(client, knowledge, django_user_model):
    html = client.get("/bn/").content.decode()
    nav = html.split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    for path in ("/bn/find-help/", "/bn/redress-channels/", "/bn/guides/", "/bn/problems-and-papers/", "/bn/helplines/"):
        assert f'href="{path}"' in nav
    assert re.search(r'href="/bn/find-help/">[^<]+</a>', nav)
    nav_en = client.get("/en/").content.decode().split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/find-help/">Find help<' in nav_en


def test_home_cards_link_to_knowledge_pages(client, knowledge):
    for lang, papers in (("bn", "কোন কাগজ রাখবেন"), ("en", "Which papers to keep")):
        cards = _main(client.get(f"/{lang}/").content.decode()).split('class="cards"', 1)[1].split("</ul>", 1)[0]
        links = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', cards)
        assert [href for href, _title in links] == [
            f"/{lang}/find-help/", f"/{lang}/redress-channels/", f"/{lang}/guides/keep-your-documents/", f"/{lang}/helplines/",
        ]
        # "which papers to keep" leads to the guide about keeping papers, not to the matrix
        assert (f"/{lang}/guides/keep-your-documents/", papers) in links


HEADING = re.compile(r"<h([1-6])[\s>]")


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_headings_never_skip_a_level_on_public_pages(client, knowledge, bn, en, lang):
    locale = bn if lang == "bn" else en
    urls = [page.url for page in Page.objects.live().filter(locale=locale, depth__gt=1)]
    urls += [f"/{lang}/find-help/?stage=abroad", f"/{lang}/find-help/?problem=wage_theft&problem=abuse_confinement",
             f"/{lang}/search/?query=bmet", f"/{lang}/no-such-page/"]
    assert len(urls) >= 20
    for url in urls:
        main = _main(client.get(url).content.decode())
        levels = [int(level) for level in HEADING.findall(main)]
        assert levels and levels[0] == 1, (url, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (url, levels)  # h1 → h3 was on every guide and channel page


@pytest.mark.parametrize("path", ["/bn/", "/bn/guides/returning-home/", "/bn/redress-channels/bmet/", "/bn/find-help/?problem=trafficking",
                                  "/en/helplines/"])
def test_no_unlabelled_aside_landmarks(client, knowledge, path):
    html = client.get(path).content.decode()
    for tag in re.findall(r"<aside[^>]*>", html):
        assert "aria-label" in tag or 'role="note"' in tag, (path, tag)


def test_bangla_font_preloaded_on_bangla_pages_only(client, knowledge):
    bn_head = client.get("/bn/").content.decode().split("</head>", 1)[0]
    assert 'rel="preload" href="/static/fonts/noto-sans-bengali-bengali-400-normal.woff2" as="font"' in bn_head
    assert bn_head.count('rel="preload"') == 1
    en_head = client.get("/en/").content.decode().split("</head>", 1)[0]
    assert 'rel="preload"' not in en_head


# --- SQL query budget --------------------------------------------------------------------------

# Fixed whatever the number of rows; 30 since pages also say whether they are fully translated
# (wagtail-localize's progress: two queries on English pages) and list only real hreflang alternates.
MAX_QUERIES = 30


@pytest.mark.parametrize("path", [
    "/bn/", "/bn/redress-channels/", "/bn/redress-channels/bmet/", "/bn/guides/", "/bn/guides/returning-home/",
    "/bn/problems-and-papers/", "/bn/find-help/", "/bn/find-help/?stage=abroad",
    "/bn/find-help/?stage=abroad&problem=wage_theft&problem=abuse_confinement&district=1", "/bn/helplines/",
    "/en/problems-and-papers/", "/en/find-help/?problem=death_abroad", "/en/helplines/",
])
def test_public_pages_issue_a_fixed_number_of_queries(client, knowledge, django_assert_max_num_queries, path):
    client.get(path)  # warm per-process caches (content types, locales, site root paths)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
