"""The reference lists kept in the cache (portal.widgets.cached_rows: options of filters, names in
reports), the organisation options among them, and dropping them all at once.

A save or delete of one of these models drops its lists (casework.apps connects that); writes that
send no signal drop them themselves: the place and country loaders (casework.geography), a
migration (post_migrate, casework.apps) and a restore from a backup (casework.backup).
"""

from __future__ import annotations


def cached_models() -> tuple:
    from casework.models import Country, District, Division, Organization, ResultType, Upazila
    from knowledge.models import CaseCategory

    return (Division, District, Upazila, Country, Organization, ResultType, CaseCategory)


def forget_all() -> None:
    from portal.widgets import forget_choices

    forget_choices(*cached_models())


def cached_organisation_choices() -> tuple[tuple[int, str], ...]:
    """(pk, name in the reader's language) of every organisation, from the cache: the report and
    case-list filters offer them on every page."""
    from casework.models import Organization
    from portal.widgets import cached_rows, organisation_choices, reader_language

    return cached_rows(Organization, reader_language(), lambda: tuple(organisation_choices(Organization.objects.all())))
