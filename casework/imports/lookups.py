"""In-memory lookups for an import: places, reference lists, categories, organisations.

Loaded once per import (a few thousand rows of reference data) so that a 10,000-row register
costs no query per cell; each distinct cell value is resolved once and remembered.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from casework.geography import normalise_place

from .normalise import NormaliseError, is_blank, match_items, match_key

# A fuzzy place match is accepted only at this score (0-100) and only when the runner-up is
# clearly worse: "Comila" → Cumilla, but "Barura"/"Baruka"-style near-ties are errors.
FUZZY_MIN_SCORE = 88
FUZZY_MIN_MARGIN = 6


class PlaceIndex:
    """Names and aliases of one level of places (district or upazila) → ids."""

    def __init__(self, rows: list[tuple[int, str, str, int | None]], aliases: list[tuple[str, int]] = ()):
        # key → set of (id, parent id)
        self.by_key: dict[str, set[tuple[int, int | None]]] = defaultdict(set)
        self.parent = {}
        for pk, name_en, name_bn, parent in rows:
            self.parent[pk] = parent
            for name in (name_en, name_bn):
                key = normalise_place(name)
                if key:
                    self.by_key[key].add((pk, parent))
        for alias_key, pk in aliases:
            self.by_key[alias_key].add((pk, self.parent.get(pk)))
        self.keys = list(self.by_key)
        self._cache: dict[tuple[str, int | None], int | None] = {}

    def find(self, value, *, parent: int | None = None, label: str) -> int | None:
        """The id for a name (exact, alias, then fuzzy above the threshold); None when blank.

        Raises NormaliseError when unknown or when it fits more than one place.
        """
        if is_blank(value):
            return None
        key = normalise_place(value)
        cache_key = (key, parent)
        if cache_key in self._cache:
            found = self._cache[cache_key]
            if found is None:
                raise NormaliseError(_("%(label)s “%(value)s” not found") % {"label": label, "value": value})
            return found
        found = self._find(key, parent, value, label)
        self._cache[cache_key] = found
        return found

    def _candidates(self, key: str, parent: int | None) -> set[int]:
        return {pk for pk, par in self.by_key.get(key, ()) if parent is None or par == parent}

    def _find(self, key: str, parent: int | None, value, label: str) -> int:
        if not key:
            self._cache[(key, parent)] = None
            raise NormaliseError(_("%(label)s “%(value)s” not found") % {"label": label, "value": value})
        exact = self._candidates(key, parent)
        if len(exact) == 1:
            return next(iter(exact))
        if len(exact) > 1:
            raise NormaliseError(
                _("%(label)s “%(value)s” fits more than one place: give the district too") % {"label": label, "value": value}
            )
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
            raise NormaliseError(
                _("%(label)s “%(value)s” is close to more than one place: check the spelling") % {"label": label, "value": value}
            )
        self._cache[(key, parent)] = None
        raise NormaliseError(_("%(label)s “%(value)s” not found") % {"label": label, "value": value})


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
        self.upazilas = PlaceIndex(list(cm.Upazila.objects.values_list("id", "name_en", "name_bn", "district_id")))
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

    def choose(self, value, lookup: dict, label: str):
        """One item from a reference list; None when blank; NormaliseError when unknown."""
        if is_blank(value):
            return None
        item = lookup.get(match_key(value))
        if item is None:
            raise NormaliseError(_("%(label)s “%(value)s” is not in the list") % {"label": label, "value": value})
        return item

    def choose_many(self, value, lookup: dict, label: str) -> list:
        found, unknown = match_items(value, lookup)
        if unknown:
            raise NormaliseError(
                _("%(label)s not in the list: %(values)s") % {"label": label, "values": ", ".join(unknown)}
            )
        return found
