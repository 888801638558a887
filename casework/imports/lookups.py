"""In-memory lookups for an import: places, reference lists, categories, organisations.

Loaded once per import (a few thousand rows of reference data) so that a 10,000-row register
costs no query per cell; each distinct cell value is resolved once and remembered.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from casework.geography import normalise_place

from .normalise import NormaliseError, clean_text, is_blank, match_items, match_key

# A fuzzy place match is accepted only at this score (0-100) and only when the runner-up is
# clearly worse: "Comila" → Cumilla, but "Barura"/"Baruka"-style near-ties are errors.
FUZZY_MIN_SCORE = 88
FUZZY_MIN_MARGIN = 6


# Spellings of one Bangla name that people use interchangeably: ড়/ঢ় and র (বগুড়া, বগুরা), য় and য,
# long and short i and u, the three s and the two n, chandrabindu. Compared only when the exact
# spelling finds nothing; names that fold together are then ambiguous, never a guess.
_FOLD_PAIRS = (("ড\u09bc", "র"), ("ঢ\u09bc", "র"), ("\u09dc", "র"), ("\u09dd", "র"), ("\u09bc", ""), ("ী", "ি"), ("ূ", "ু"),
               ("ণ", "ন"), ("ষ", "স"), ("শ", "স"), ("ঁ", ""), ("ৎ", "ত"))


def fold_bangla(key: str) -> str:
    for old, new in _FOLD_PAIRS:
        key = key.replace(old, new)
    return key


_SADAR = ("sadar", "সদর")


class _NoPlace(Exception):
    """Why a name found no single place: "not_found", "several" or "close"."""


def _place_error(reason: str, value) -> NormaliseError:
    messages = {
        "not_found": _("“%(value)s” not found"),
        "several": _("“%(value)s” fits more than one place: give the district too"),
        "close": _("“%(value)s” is close to more than one place: check the spelling"),
    }
    return NormaliseError(messages[reason] % {"value": value})


class PlaceIndex:
    """Names and aliases of one level of places (district, upazila or union) → ids."""

    def __init__(self, rows: list[tuple[int, str, str, int | None]], aliases: list[tuple[str, int]] = (),
                 parent_keys: dict[int, set[str]] | None = None):
        # key → set of (id, parent id)
        self.by_key: dict[str, set[tuple[int, int | None]]] = defaultdict(set)
        self.parent = {}
        self.keys_of: dict[int, set[str]] = defaultdict(set)
        self.children: dict[int | None, set[int]] = defaultdict(set)
        for pk, name_en, name_bn, parent in rows:
            self.parent[pk] = parent
            self.children[parent].add(pk)
            for name in (name_en, name_bn):
                key = normalise_place(name)
                if key:
                    self.by_key[key].add((pk, parent))
                    self.keys_of[pk].add(key)
        for alias_key, pk in aliases:
            self.by_key[alias_key].add((pk, self.parent.get(pk)))
            self.keys_of[pk].add(alias_key)
        self.folded: dict[str, set[tuple[int, int | None]]] = defaultdict(set)
        for key, places in self.by_key.items():
            self.folded[fold_bangla(key)] |= places
        self.keys = list(self.by_key)
        # Upazilas only: the names of their district, for "Sadar", "Bogura Sadar" and "Brahmanbaria".
        self.parent_keys = parent_keys
        self._cache: dict[tuple[str, int | None], int | str] = {}  # an id, or why none
        self._raw_cache: dict[tuple[object, int | None], int | str | None] = {}

    def find(self, value, *, parent: int | None = None) -> int | None:
        """The id for a name (exact, alias, folded spelling, "Sadar", then fuzzy above the
        threshold); None when blank. Raises NormaliseError when unknown or when it fits more than
        one place. Each distinct (name, parent) is resolved once per import."""
        if is_blank(value):
            return None
        found = self._raw_cache.get((value, parent))  # the cell as written: not normalised again
        if found is None:
            key = normalise_place(value)
            found = self._cache.get((key, parent))
            if found is None:
                try:
                    found = self._find(key, parent)
                except _NoPlace as exc:
                    found = exc.args[0]
                self._cache[(key, parent)] = found
            self._raw_cache[(value, parent)] = found
        if isinstance(found, str):
            raise _place_error(found, value)
        return found

    def find_exact(self, value, *, parent: int | None = None) -> int | None:
        """The one place a name is, by its spelling, an alias or a folded spelling; else None.
        For parts of an address cell, where a fuzzy match would be a guess."""
        key = normalise_place(value)
        for places in (self.by_key.get(key, ()), self.folded.get(fold_bangla(key), ())):
            found = {pk for pk, par in places if parent is None or par == parent}
            if found:
                return next(iter(found)) if len(found) == 1 else None
        return None

    def _candidates(self, key: str, parent: int | None, index=None) -> set[int]:
        return {pk for pk, par in (index or self.by_key).get(key, ()) if parent is None or par == parent}

    @staticmethod
    def _one(found: set[int]) -> int | None:
        if len(found) > 1:
            raise _NoPlace("several")
        return next(iter(found)) if found else None

    def _sadar(self, key: str, parent: int | None) -> set[int]:
        """Upazilas a district's Sadar may be written as: "Sadar", "<district> Sadar", or the
        district's own name (whichever spelling of the district): the district's upazilas whose
        name ends in Sadar. Empty when the name is not one of those."""
        if self.parent_keys is None or parent is None:
            return set()
        district = self.parent_keys.get(parent, set())
        if key not in _SADAR and key not in district and not any(key == d + s for d in district for s in _SADAR):
            return set()
        return {pk for pk in self.children.get(parent, ()) if any(k.endswith(_SADAR) for k in self.keys_of[pk])}

    def _find(self, key: str, parent: int | None) -> int:
        if not key:
            raise _NoPlace("not_found")
        for tier in (self._candidates(key, parent), self._candidates(fold_bangla(key), parent, self.folded),
                     self._sadar(key, parent)):
            if (found := self._one(tier)) is not None:
                return found
        # Fuzzy: only keys whose places fit the parent, best two distinct places compared.
        choices = [k for k in self.keys if self._candidates(k, parent)]
        scored = process.extract(key, choices, scorer=fuzz.ratio, limit=6, score_cutoff=60)
        best: dict[int, float] = {}
        for choice, score, _idx in scored:
            for pk in self._candidates(choice, parent):
                best[pk] = max(best.get(pk, 0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if ranked and ranked[0][1] >= FUZZY_MIN_SCORE:
            if len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= FUZZY_MIN_MARGIN:
                return ranked[0][0]
            raise _NoPlace("close")
        raise _NoPlace("not_found")


def _list_lookup(rows) -> dict[str, object]:
    """code, English and Bangla names → item, by match_key."""
    lookup = {}
    for item in rows:
        for name in (getattr(item, "code", ""), item.name_en, item.name_bn):
            if name:
                lookup.setdefault(match_key(name), item)
    return lookup


class Lookups:
    """Everything a row needs resolved against the database, loaded once."""

    def __init__(self):
        from casework import models as cm

        self.districts = PlaceIndex(
            list(cm.District.objects.values_list("id", "name_en", "name_bn", "division_id")),
            list(cm.PlaceAlias.objects.filter(level="district").values_list("key", "district_id")),
        )
        self.district_division = {pk: par for pk, par in self.districts.parent.items()}
        self.upazilas = PlaceIndex(list(cm.Upazila.objects.values_list("id", "name_en", "name_bn", "district_id")),
                                   parent_keys=self.districts.keys_of)
        self.unions = PlaceIndex(list(cm.Union.objects.values_list("id", "name_en", "name_bn", "upazila_id")))
        self.countries = _list_lookup(cm.Country.objects.all())
        for country in cm.Country.objects.all():
            self.countries.setdefault(match_key(country.code), country)
        # Common English short forms on registers.
        for short, code in {"ksa": "SA", "uae": "AE", "dubai": "AE", "saudi": "SA", "uk": "GB"}.items():
            country = next((c for c in self.countries.values() if c.code == code), None)
            if country:
                self.countries.setdefault(short, country)
        self.sources = _list_lookup(cm.CaseSource.objects.all())
        self.processes = _list_lookup(cm.RecruitmentProcess.objects.all())
        self.routes = _list_lookup(cm.DepartureRoute.objects.all())
        self.education = _list_lookup(cm.EducationLevel.objects.all())
        self.religions = _list_lookup(cm.Religion.objects.all())
        self.marital = _list_lookup(cm.MaritalStatus.objects.all())
        self.agencies = {}
        for agency in cm.RecruitingAgency.objects.all():
            self.agencies.setdefault(match_key(agency.name), agency)
            self.agencies.setdefault(match_key(agency.licence_number), agency)
            self.agencies.setdefault(match_key(str(agency)), agency)
        self.organisations = {}
        for org in cm.Organization.objects.all():
            for name in (org.name, org.name_bn, org.short_name):
                if name:
                    self.organisations.setdefault(match_key(name), org)
        self.categories = self._snippets("CaseCategory")
        self.category_names = self._names("CaseCategory")
        self.sub_categories = self._snippets("SubCategory")
        self.remedies = self._snippets("ExpectedRemedy")

    @staticmethod
    def _snippets(model_name: str) -> dict[str, int]:
        """Translatable snippets: any locale's name or the code → the default-locale row's id.

        The case system stores the default-locale (Bangla) row, so an English name on a register
        resolves to its Bangla twin through the shared translation_key.
        """
        from django.apps import apps
        from wagtail.models import Locale

        model = apps.get_model("knowledge", model_name)
        default_locale = Locale.get_default()
        rows = list(model.objects.values_list("id", "code", "name", "translation_key", "locale_id"))
        canonical = {tk: pk for pk, _code, _name, tk, loc in rows if loc == default_locale.pk}
        lookup: dict[str, int] = {}
        for pk, code, name, tk, _loc in rows:
            target = canonical.get(tk, pk)
            for text in (code, name):
                if text:
                    lookup.setdefault(match_key(text), target)
        return lookup

    @staticmethod
    def _names(model_name: str) -> dict[int, str]:
        """Default-locale row id → name (what the audit log names a category by)."""
        from django.apps import apps
        from wagtail.models import Locale

        model = apps.get_model("knowledge", model_name)
        return dict(model.objects.filter(locale=Locale.get_default()).values_list("id", "name"))

    # The messages below never name the column: the pipeline puts the column's name before them.
    def choose(self, value, lookup: dict):
        """One item from a reference list; None when blank; NormaliseError when unknown."""
        if is_blank(value):
            return None
        item = lookup.get(match_key(value))
        if item is None:
            raise NormaliseError(_("“%(value)s” is not in the list") % {"value": value})
        return item

    def choose_many(self, value, lookup: dict) -> list:
        found, unknown = match_items(value, lookup)
        if unknown:
            raise NormaliseError(_("not in the list: %(values)s") % {"values": ", ".join(unknown)})
        return found


# Words that do not tell two people apart: honorifics and their short forms.
_NAME_FILLER = {match_key(w) for w in [
    "md", "mohammad", "mohammed", "muhammad", "mohd", "mst", "mosammat", "mosammet", "most", "sk", "sheikh", "mr", "mrs",
    "মোঃ", "মো", "মোহাম্মদ", "মুহাম্মদ", "মোছাঃ", "মোসাম্মৎ", "মোসাঃ", "শেখ",
]}


def name_tokens(name) -> list[str]:
    # match_key remembers text: names share their words (Begum, Akter, Islam, Uddin…), so loading a
    # district's 30,000 names keys a few thousand distinct words instead of 100,000.
    return [t for t in (match_key(word) for word in clean_text(name).split()) if len(t) >= 2 and t not in _NAME_FILLER]


class ExistingPeople:
    """The people already in the system, for the duplicate warning of SPEC §2.1 (same passport,
    same phone, or a similar name in the same district, as casework.services.find_duplicates).

    Passports and phones are looked up a chunk of rows at a time (one query each, never one per
    row); names once per district, and compared only with names that share a word, at most
    MAX_CANDIDATES of them (find_duplicates also looks at 200), so a row costs the same whatever
    the size of the database. Answers are system case numbers, in every organisation: the
    importer is a programme lead, who sees every case.
    """

    MAX_CANDIDATES = 200
    SIMILAR = 85  # rapidfuzz token_sort_ratio, as find_duplicates (see similar_names)

    def __init__(self):
        self._names: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        self._districts: set[int] = set()

    @staticmethod
    def by_passport(passports: set[str]) -> dict[str, set[str]]:
        from casework.models import JusticeSeeker

        found = defaultdict(set)
        if passports:
            for passport, number in JusticeSeeker.objects.filter(passport_number__any_of=passports).values_list(
                "passport_number", "case__case_number"
            ):
                found[passport].add(number)
        return found

    @staticmethod
    def by_phone(phones: set[str]) -> dict[str, set[str]]:
        from django.db.models import Q

        from casework.models import JusticeSeeker

        found = defaultdict(set)
        if phones:
            # "<> ''" lets PostgreSQL use the partial indexes on the other two numbers (it cannot
            # prove that from an IN list of more than 100 values).
            q = (Q(phone__any_of=phones) | (Q(last_used_phone__any_of=phones) & ~Q(last_used_phone=""))
                 | (Q(family_phone__any_of=phones) & ~Q(family_phone="")))
            for *numbers, case_number in JusticeSeeker.objects.filter(q).values_list(
                "phone", "last_used_phone", "family_phone", "case__case_number"
            ):
                for phone in set(numbers) & phones:
                    found[phone].add(case_number)
        return found

    def load_districts(self, district_ids: set[int]) -> None:
        from casework.models import JusticeSeeker

        new = set(district_ids) - self._districts
        if not new:
            return
        self._districts |= new
        keyed: dict[str, tuple[str, set[str]]] = {}  # many people share a name: key each name once
        rows = JusticeSeeker.objects.filter(case__district_id__in=new).values_list("case__district_id", "name", "case__case_number")
        for district_id, name, number in rows.iterator(chunk_size=5000):
            key = keyed.get(name)
            if key is None:
                tokens = name_tokens(name)
                key = keyed[name] = (_sorted_name(tokens), set(tokens))
            sorted_name, tokens = key
            for token in tokens:
                self._names[(district_id, token)].append((sorted_name, number))

    def similar_names(self, district_id: int, name: str) -> set[str]:
        tokens = name_tokens(name)
        if not tokens:
            return set()
        # The first MAX_CANDIDATES distinct names that share a word, in the order of the words.
        found: dict[tuple[str, str], None] = {}
        for token in tokens:
            found.update(dict.fromkeys(self._names.get((district_id, token), ())[: self.MAX_CANDIDATES]))
            if len(found) >= self.MAX_CANDIDATES:
                break
        if not found:
            return set()
        candidates = list(found)[: self.MAX_CANDIDATES]
        # Names are stored with their words sorted, so plain ratio gives token_sort_ratio (as
        # find_duplicates scores) without sorting every candidate again for every row.
        matches = process.extract(_sorted_name(tokens), [c[0] for c in candidates], scorer=fuzz.ratio,
                                  score_cutoff=self.SIMILAR, limit=None)
        return {candidates[index][1] for _choice, _score, index in matches}


def _sorted_name(tokens: list[str]) -> str:
    return " ".join(sorted(tokens))
