"""The text the search index holds and the words a query looks up (home/search.py). No database."""

import pytest

from home.search import build_query, clean_query, index_text, query_words


def _matches(query: str, text: str) -> bool:
    """Does every query word have a form among the indexed words? (What the backends do.)"""
    indexed = set(index_text(text).split())
    return all(set(forms) & indexed for forms in query_words(query))


def test_bangla_words_stay_whole():
    # SQLite's tokenizer cut this into প, সপ, র, ট, কপ, খ, ন; the index holds whole words.
    assert index_text("পাসপোর্টের কপি রাখুন").split()[:2] == ["pasporter", "pasport"]
    assert "kpi" in index_text("পাসপোর্টের কপি রাখুন").split()


@pytest.mark.parametrize("query,text", [
    ("হেলপলাইন", "প্রবাসী হেল্পলাইন"),  # without and with hasanta
    ("হেল্পলাইন", "হেলপলাইন নম্বর"),
    ("রশিদ", "টাকা দেওয়ার রসিদ"),  # শ and স
    ("রসিদ", "রশিদ রাখুন"),
    ("দালাল", "দালালের নাম"),  # a case ending
    ("পাসপোর্ট", "পাসপোর্টের কপি"),
    ("র্যাব", "র\u200d্যাব"),  # a zero-width joiner typed or not
])
def test_spelling_variants_a_reader_would_expect_to_match(query, text):
    assert _matches(query, text)


@pytest.mark.parametrize("query,text", [
    ("লাশ", "গ্রামের সালিশ"),  # the SQLite bug: লাশ matched সালিশ
    ("কপি", "কাপড়"),
    ("বেতন", "বাতিল"),
])
def test_different_words_do_not_match(query, text):
    assert not _matches(query, text)


@pytest.mark.parametrize("query,text", [
    ("16135", "প্রবাসী হেল্পলাইন ১৬১৩৫"),  # Latin digits typed, Bangla digits written
    ("১৬১৩৫", "Probashi helpline 16135"),
    ("৩৫০০০", "দাফনের জন্য ৩৫,০০০ টাকা"),  # no thousands separator typed
    ("35000", "Tk 35,000 for the burial"),
    ("01000000101", "01000-000101"),
    ("BMET", "বিএমইটির প্রধান অফিস"),
    ("বিএমইটি", "Complaint to BMET"),
    ("gmc", "এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি)"),
    ("WEWB", "ওয়েজ আর্নার্স কল্যাণ বোর্ড"),
    ("ওয়েজ আর্নার্স", "Wage Earners' Welfare Board"),
    ("লাশ", "মরদেহ দেশে আনা"),
])
def test_digits_and_names_match_across_scripts(query, text):
    assert _matches(query, text)


@pytest.mark.parametrize("raw", ['"', 'a"b', "\x00", "a\x00b", "'; DROP TABLE x; --", "NEAR(a b)", "a* OR b", "{title}: x",
                                 "\u202e\u200b", "%%%", "^$"])
def test_odd_input_leaves_only_letters_and_digits(raw):
    for forms in query_words(raw):
        for form in forms:
            assert form.isascii() and form.isalnum(), (raw, form)
    assert "\x00" not in clean_query(raw)


def test_nothing_to_look_up_gives_no_query():
    assert build_query('"') is None
    assert build_query("   ") is None
    assert build_query("দালাল") is not None
