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


# Bangla month names as people write them (with the spelling variants), and English ones.
BANGLA_MONTHS = {
    1: ["জানুয়ারি", "জানুয়ারী"], 2: ["ফেব্রুয়ারি", "ফেব্রুয়ারী"], 3: ["মার্চ"], 4: ["এপ্রিল"], 5: ["মে"], 6: ["জুন"],
    7: ["জুলাই"], 8: ["আগস্ট", "আগষ্ট"], 9: ["সেপ্টেম্বর"], 10: ["অক্টোবর"], 11: ["নভেম্বর"], 12: ["ডিসেম্বর"],
}


@given(dates, st.data(), st.booleans(), st.sampled_from(["{d} {m} {y}", "{d}-{m}-{y}", "{d} {m}, {y}", "{d}/{m}/{y}"]))
def test_dates_with_bangla_month_names(day, data, bangla, pattern):
    month = data.draw(st.sampled_from(BANGLA_MONTHS[day.month]))
    written = pattern.format(d=day.day, m=month, y=day.year)
    assert n.parse_date(maybe_bangla(written, bangla), today=TODAY) == day


@given(dates, st.sampled_from(["%B %d, %Y", "%b %d %Y", "%d %B %Y", "%d-%b-%Y"]))
def test_dates_with_english_month_names(day, fmt):
    assert n.parse_date(day.strftime(fmt), today=TODAY) == day


@pytest.mark.parametrize("text", ["১২ মার্চ ২০২৪", "12 মার্চ 2024", "2024-03-12 00:00:00", "12/03/2024 10:30", "12-03-2024 10:30 AM"])
def test_dates_the_audit_found_refused(text):
    assert n.parse_date(text, today=TODAY) == dt.date(2024, 3, 12)


def test_a_made_up_month_is_still_an_error():
    for text in ["5 মেঘ 2024", "5 Smarch 2024"]:
        with pytest.raises(n.NormaliseError):
            n.parse_date(text, today=TODAY)


@pytest.mark.parametrize("text, value", [
    ("999999999999.4", Decimal("999999999999")), ("1,50,000.50", Decimal("150001")), ("150000.49", Decimal("150000")),
    (150000.5, Decimal("150001")), ("৳ ১,৫০,০০০", Decimal("150000")),
])
def test_money_is_whole_taka_rounded_half_up(text, value):
    assert n.parse_money(text) == value and n.parse_money(text).as_tuple().exponent == 0


@pytest.mark.parametrize("text", ["999999999999.5", "999999999999.9", "1000000000000", "1" * 40, 1e300])
def test_money_too_large_once_rounded_is_an_error(text):
    with pytest.raises(n.NormaliseError):
        n.parse_money(text)


@given(st.decimals(min_value=0, max_value=10**13, allow_nan=False, allow_infinity=False, places=2))
def test_money_is_never_more_than_the_column_holds(value):
    try:
        result = n.parse_money(str(value))
    except n.NormaliseError:
        return
    assert result < 10**12 and result == result.to_integral_value()


@pytest.mark.parametrize("text, value", [("৩২ বছর", 32), ("32 yrs", 32), ("32 years", 32), ("32 Yrs.", 32), (32.0, 32), ("৩২", 32)])
def test_ages_with_their_unit(text, value):
    assert n.parse_age(text) == value


@pytest.mark.parametrize("text, value", [("২ জন", 2), ("3 persons", 3), ("5 members", 5), ("৫", 5)])
def test_counts_with_their_unit(text, value):
    assert n.parse_count(text) == value


@pytest.mark.parametrize("text", ["বছর", "thirty", "৩২ বছর ৫ মাস", "2.5 জন"])
def test_ages_and_counts_that_are_not_numbers(text):
    with pytest.raises(n.NormaliseError):
        n.parse_count(text)


@pytest.mark.parametrize("text, value", [("+971 50 123 4567", "+971501234567"), ("00971501234567", "+971501234567"),
                                         ("01712-345678", "+8801712345678")])
def test_numbers_abroad_where_the_case_form_allows_them(text, value):
    assert n.parse_phone(text, international=True) == value


def test_the_workers_own_number_is_bangladeshi():
    with pytest.raises(n.NormaliseError):
        n.parse_phone("+971501234567")


@pytest.mark.parametrize("text, stored", [
    ("eb 0123456", "EB0123456"), ("A0123-4567", "A01234567"), ("ইবি ০১২৩৪৫৬".replace("ইবি", "EB"), "EB0123456"),
])
def test_passport_written_any_way_is_stored_as_the_case_form_stores_it(text, stored):
    from casework.fields import PassportField

    assert n.parse_passport(text) == stored == PassportField().clean(text)


@pytest.mark.parametrize("text", ["123456789", "ABC1234567", "EB012345", "EB012345678", "EB01234X6"])
def test_passport_the_case_form_would_refuse_is_an_import_error(text):
    from django import forms

    from casework.fields import PassportField

    with pytest.raises(n.NormaliseError):
        n.parse_passport(text)
    with pytest.raises(forms.ValidationError):
        PassportField().clean(text)
