"""The reference lists portal.widgets keeps in the cache (options of filters, names in reports), and
dropping them all at once.

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
