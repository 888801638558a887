"""Property tests for the normalisers: every way partners write a value reads back the same,
and no input makes a parser fail with anything but a NormaliseError (so never a 500)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.imports import normalise as n
from casework.imports.headers import auto_mapping, find_header_row, recognise

subscriber = st.from_regex(r"1[3-9][0-9]{8}", fullmatch=True)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31))
TODAY = dt.date(2026, 6, 1)


def maybe_bangla(text: str, flag: bool) -> str:
    return n.bangla_digits(text) if flag else text


@given(subscriber, st.sampled_from(["0{s}", "+880{s}", "880{s}", "00880{s}", "{s}", "+880 {a}-{b}", "0{a} {b}", "(0{a}) {b}"]),
       st.booleans())
def test_phone_any_writing_gives_one_form(s, pattern, bangla):
    written = maybe_bangla(pattern.format(s=s, a=s[:4], b=s[4:]), bangla)
    assert n.parse_phone(written) == "+880" + s


@given(subscriber)
def test_phone_from_an_excel_number_without_its_zero(s):
    assert n.parse_phone(float(s)) == n.parse_phone(int(s)) == "+880" + s


@given(st.text(max_size=30))
def test_phone_never_fails_other_than_cleanly(text):
    try:
        result = n.parse_phone(text)
    except n.NormaliseError:
        return
    assert result == "" or (result.startswith("+8801") and len(result) == 14)


@given(dates, st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d %b %Y"]), st.booleans())
def test_dates_in_every_format_and_script(day, fmt, bangla):
    assert n.parse_date(maybe_bangla(day.strftime(fmt), bangla), today=TODAY) == day


@given(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2027, 12, 31)), st.booleans())
def test_two_digit_years_are_this_century_unless_in_the_future(day, bangla):
    parsed = n.parse_date(maybe_bangla(day.strftime("%d-%m-%y"), bangla), today=TODAY)
    assert (parsed.month, parsed.day) == (day.month, day.day)
    assert parsed.year % 100 == day.year % 100
    assert parsed.year <= TODAY.year + 1 and parsed.year > TODAY.year + 1 - 100


@given(dates)
def test_excel_dates_and_serials(day):
    assert n.parse_date(dt.datetime.combine(day, dt.time(9, 30))) == day
    serial = (day - n.EXCEL_EPOCH).days
    assert n.parse_date(serial) == day
    assert n.parse_date(float(serial)) == day
    assert n.parse_date(str(serial)) == day  # a serial that came through CSV


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True), st.none()))
def test_date_parser_never_fails_other_than_cleanly(value):
    try:
        n.parse_date(value)
    except n.NormaliseError:
        pass


def test_impossible_dates_are_errors_not_guesses():
    for value in ["31/02/2024", "13/13/2024", "2024-02-30", "00/01/2024", "tomorrow"]:
        with pytest.raises(n.NormaliseError):
            n.parse_date(value)


@given(st.sampled_from(["F", "f", "Female", " FEMALE ", "female.", "Woman", "মহিলা", "নারী"]))
def test_gender_female_words(word):
    assert n.parse_gender(word) == "female"


@given(st.sampled_from(["M", "m.", "Male", "MALE", "man", "পুরুষ", "ছেলে"]))
def test_gender_male_words(word):
    assert n.parse_gender(word) == "male"


@given(st.sampled_from(["Other", "O", "third gender", "Third-Gender", "তৃতীয় লিঙ্গ", "হিজড়া"]))
def test_gender_other_words(word):
    assert n.parse_gender(word) == "other"


@given(st.text(max_size=10))
def test_gender_unknown_is_an_error(text):
    try:
        value = n.parse_gender(text)
    except n.NormaliseError:
        return
    assert value in (None, "female", "male", "other")


@given(st.integers(min_value=0, max_value=10**11), st.booleans(), st.sampled_from(["{v}", "৳ {v}", "{v} Tk", "Tk. {v}/-", "{v} টাকা"]))
def test_amounts_with_indian_grouping_and_currency(value, bangla, pattern):
    # Indian grouping: 1,50,000 (lakh) as well as 150,000.
    digits = str(value)
    head, tail = digits[:-3], digits[-3:]
    grouped = (",".join([head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]) + "," + tail) if head else tail
    assert n.parse_decimal(maybe_bangla(pattern.format(v=grouped), bangla)) == Decimal(value)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=30))
def test_match_key_ignores_case_spacing_and_punctuation(text):
    assert n.match_key(text.upper()) == n.match_key(f"  {text} ") == n.match_key(text.replace(" ", " - "))


@given(st.lists(st.sampled_from(["Visa fraud", "Wage theft", "Death or injury"]), min_size=1, max_size=3, unique=True),
       st.sampled_from(["; ", ", ", "\n", " | "]))
def test_several_categories_in_one_cell(items, separator):
    lookup = {n.match_key(x): x for x in ["Visa fraud", "Wage theft", "Death or injury"]}
    found, unknown = n.match_items(separator.join(i.upper() for i in items), lookup)
    assert found == items and unknown == []


def test_item_with_a_comma_in_its_name_matches_whole():
    lookup = {n.match_key("Fraud, cheating"): "fc"}
    assert n.match_items("fraud,  Cheating", lookup) == (["fc"], [])


def test_headers_recognised_in_either_language_and_any_writing():
    assert recognise("GENDER") == recognise("লিঙ্গ") == recognise(" 3. Gender : ") == "gender"
    assert recognise("Description of Case (5W1H)") == recognise("description of case 5w1h") == "description"
    assert recognise("Pre-departure Cost/ Migration Cost") == recognise("অভিবাসন খরচ") == "migration_cost"
    assert recognise("Shoe size") is None


def test_header_row_found_below_title_and_blank_rows():
    rows = [["Case register 2024"], [], [None, None], ["SL", "Name", "Gender", "District"], [1, "Rahima", "F", "Dhaka"]]
    assert find_header_row(rows) == 3
    assert auto_mapping(rows[3]) == {0: "__ignore__", 1: "name", 2: "gender", 3: "district"}


def test_saved_mapping_wins_and_a_field_maps_once():
    headers = ["Name", "Name", "Mobile of worker"]
    assert auto_mapping(headers, {n.match_key("Mobile of worker"): "phone"}) == {0: "name", 2: "phone"}
