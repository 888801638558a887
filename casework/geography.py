"""Loading and looking up places: names in either script, and the other spellings people use."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"

# Spellings seen in registers and on signboards, mapped to the name in the vendored data.
# Keys are (level, canonical English name in the data); values are the other spellings.
ALIASES: dict[tuple[str, str], list[str]] = {
    ("division", "Chattagram"): ["Chittagong", "Chattogram", "Chottogram", "চট্টগ্রাম বিভাগ"],
    ("division", "Barisal"): ["Barishal", "Bakerganj", "বরিশাল বিভাগ"],
    ("division", "Dhaka"): ["Dacca"],
    ("district", "Cumilla"): ["Comilla", "Kumilla", "Cumila", "কুমিল্লা জেলা"],
    ("district", "Chattogram"): ["Chittagong", "Chattagram", "Chottogram", "Ctg"],
    ("district", "Bogura"): ["Bogra", "Bagura"],
    ("district", "Jashore"): ["Jessore", "Josore", "Jassore"],
    ("district", "Barisal"): ["Barishal", "Borishal"],
    ("district", "Coxsbazar"): ["Cox's Bazar", "Coxs Bazar", "Cox Bazar", "Coxbazar"],
    ("district", "Chapainawabganj"): ["Chapai Nawabganj", "Nawabganj", "Chapai", "চাঁপাই নবাবগঞ্জ"],
    ("district", "Khagrachhari"): ["Khagrachari", "Khagrachori"],
    ("district", "Jhalakathi"): ["Jhalokati", "Jhalokathi", "Jhalakati", "ঝালকাঠী"],
    ("district", "Jhenaidah"): ["Jhenaida", "Jhenidah", "Jhinaidah"],
    ("district", "Netrokona"): ["Netrakona", "Netrakonā", "নেত্রকোনা"],
    ("district", "Moulvibazar"): ["Maulvibazar", "Moulvi Bazar", "Moulovibazar", "মৌলভী বাজার"],
    ("district", "Brahmanbaria"): ["B.Baria", "B. Baria", "বি-বাড়িয়া"],
    ("district", "Lakshmipur"): ["Laxmipur", "Lakhsmipur", "লক্ষীপুর"],
    ("district", "Kishoreganj"): ["Kishorganj", "Kishorgonj", "Kishoregonj"],
    ("district", "Narsingdi"): ["Narshingdi", "Norsingdi", "নরসিংদি"],
    ("district", "Sirajganj"): ["Serajganj", "Sirajgonj"],
    ("district", "Munshiganj"): ["Munshigonj", "Bikrampur"],
    ("district", "Sunamganj"): ["Sunamgonj"],
    ("district", "Habiganj"): ["Hobiganj", "Habigonj"],
    ("district", "Gopalganj"): ["Gopalgonj"],
    ("district", "Manikganj"): ["Manikgonj"],
    ("district", "Narayanganj"): ["Narayangonj", "Narayangang"],
    ("district", "Joypurhat"): ["Jaipurhat", "Joypurhaat"],
    ("district", "Panchagarh"): ["Panchagar", "Ponchogor"],
    ("district", "Rangamati"): ["Rangamati Hill", "Rangmati"],
    ("district", "Patuakhali"): ["Potuakhali"],
    ("district", "Shariatpur"): ["Shariyatpur", "Sariatpur"],
    ("district", "Mymensingh"): ["Mymensing", "Maimansingh", "ময়মনসিংহ জেলা"],
    ("district", "Chuadanga"): ["Chuadonga"],
    ("district", "Kushtia"): ["Kustia", "Kushtiya"],
    ("district", "Gaibandha"): ["Gaibanda"],
    ("district", "Thakurgaon"): ["Thakurgoan", "Thakurgao"],
    ("district", "Naogaon"): ["Nowgaon"],
    ("district", "Dhaka"): ["Dacca"],
}

_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# Words people add to a place name that do not change which place it is.
_NOISE = re.compile(r"\b(district|zila|zilla|division|bibhag)\b|জেলা|বিভাগ", re.IGNORECASE)


def normalise_place(value: str) -> str:
    """The comparison key for a place name: case, spacing, punctuation and filler words ignored."""
    value = unicodedata.normalize("NFC", str(value or "")).translate(_BANGLA_DIGITS).casefold()
    value = _NOISE.sub(" ", value)
    # Keep letters and digits of any script (Bangla vowel signs are category M, so keep those too).
    return "".join(ch for ch in value if ch.isalnum() or unicodedata.category(ch).startswith("M"))


class AmbiguousPlace(ValueError):
    """The name fits more than one place; the caller must not guess."""


def _read(name: str) -> list[list[str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh) if row]


@transaction.atomic
def load_geography(apps=None) -> dict[str, int]:
    """Create or update every division, district, upazila and union and the aliases. Idempotent.

    `apps` is the migration state's registry when a data migration calls this.
    """
    from django.apps import apps as global_apps

    get = (apps or global_apps).get_model
    Division, District, Upazila, Union, PlaceAlias = (
        get("casework", name) for name in ("Division", "District", "Upazila", "Union", "PlaceAlias")
    )

    def sync(model, rows, parent_field=None):
        existing = set(model.objects.values_list("id", flat=True))
        new, changed = [], []
        for row in rows:
            obj = model(id=int(row[0]), name_en=row["en"], name_bn=row["bn"])
            if parent_field:
                setattr(obj, f"{parent_field}_id", int(row["parent"]))
            (changed if obj.id in existing else new).append(obj)
        model.objects.bulk_create(new, batch_size=1000)
        fields = ["name_en", "name_bn"] + ([f"{parent_field}"] if parent_field else [])
        if changed:
            model.objects.bulk_update(changed, fields, batch_size=1000)
        return model.objects.count()

    def rows(name, with_parent):
        out = []
        for r in _read(name):
            d = {0: r[0], "en": r[2 if with_parent else 1].strip(), "bn": r[3 if with_parent else 2].strip()}
            if with_parent:
                d["parent"] = r[1]
            out.append(d)
        return out

    counts = {
        "divisions": sync(Division, rows("divisions.csv", False)),
        "districts": sync(District, rows("districts.csv", True), "division"),
        "upazilas": sync(Upazila, rows("upazilas.csv", True), "district"),
        "unions": sync(Union, rows("unions.csv", True), "upazila"),
    }
    models = {"division": Division, "district": District}
    for (level, canonical), spellings in ALIASES.items():
        place = models[level].objects.get(name_en=canonical)
        for spelling in spellings:
            key = normalise_place(spelling)
            if key in (normalise_place(place.name_en), normalise_place(place.name_bn)):
                continue
            PlaceAlias.objects.update_or_create(level=level, key=key, defaults={"alias": spelling, level: place})
    counts["aliases"] = PlaceAlias.objects.count()
    _forget_cached_choices(Division, District, Upazila)
    return counts


def _forget_cached_choices(*models) -> None:
    """Drop the cached option lists (portal.widgets) once the loaded lists are committed: bulk writes
    send no signals."""
    from portal.widgets import forget_choices

    transaction.on_commit(lambda: forget_choices(*models))


def _lookup(model, level: str, value: str, queryset=None):
    key = normalise_place(value)
    if not key:
        return None
    qs = queryset if queryset is not None else model.objects.all()
    # Names are compared on the normalised key; the tables are small (≤ 494 rows after scoping),
    # and a lookup is cached per process by callers that do many (the importer).
    hits = {obj.pk: obj for obj in qs if key in (normalise_place(obj.name_en), normalise_place(obj.name_bn))}
    if not hits and level in ("division", "district"):
        from casework.models import PlaceAlias

        for alias in PlaceAlias.objects.filter(level=level, key=key).select_related(level):
            place = getattr(alias, level)
            if queryset is None or qs.filter(pk=place.pk).exists():
                hits[place.pk] = place
    if len(hits) > 1:
        raise AmbiguousPlace(value)
    return next(iter(hits.values()), None)


def find_division(value: str):
    from casework.models import Division

    return _lookup(Division, "division", value)


def find_district(value: str):
    """The district for a name in English or Bangla or any known alias; None when unknown."""
    from casework.models import District

    return _lookup(District, "district", value)


def find_upazila(value: str, district=None):
    """The upazila by name, within a district when given (many upazila names repeat across districts)."""
    from casework.models import Upazila

    qs = Upazila.objects.filter(district=district) if district is not None else Upazila.objects.all()
    return _lookup(Upazila, "upazila", value, qs)


# Bangladeshi workers' most common destinations (BMET overseas employment statistics), in order.
COMMON_DESTINATIONS = ["SA", "AE", "MY", "OM", "QA", "KW", "SG", "JO", "LB", "BH", "IT", "MV", "IQ", "LY", "BN", "MU", "GB", "JP", "KR", "RO", "HR", "PL", "GR", "CY"]


@transaction.atomic
def load_countries(apps=None) -> int:
    """Every country with its English and Bangla name from Babel's CLDR data. Idempotent."""
    from babel import Locale
    from django.apps import apps as global_apps

    Country = (apps or global_apps).get_model("casework", "Country")

    en, bn = Locale("en").territories, Locale("bn").territories
    count = 0
    for code, name_en in en.items():
        # Two-letter codes are countries; numeric codes are regions, and a few are not places.
        if len(code) != 2 or not code.isalpha() or code in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}:
            continue
        priority = COMMON_DESTINATIONS.index(code) if code in COMMON_DESTINATIONS else 1000
        Country.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_bn": bn.get(code, name_en), "priority": priority}
        )
        count += 1
    _forget_cached_choices(Country)
    return count
