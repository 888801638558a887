"""Fixtures of the case record tests (add, change, documents, access log). Nothing here is autouse."""

import pytest


@pytest.fixture
def case_world(demo_people):
    """The demo people, three categories (two with suggested documents) and two sub-categories."""
    from tests.casework.case_helpers import make_world

    return make_world()


@pytest.fixture
def pending_bangla():
    """The Bangla of locale/pending/case-record* in the active catalogue for the test, as it will be
    once merged into locale/bn (where the merged catalogue already has an entry, it is left alone)."""
    from django.utils.translation import trans_real

    from tests.casework.case_helpers import pending_catalogue

    top = trans_real.translation("bn")._catalog._catalogs[0]  # LOCALE_PATHS: merged last, asked first
    added = [key for key in pending_catalogue() if key not in top]
    entries = pending_catalogue()
    for key in added:
        top[key] = entries[key]
    yield
    for key in added:
        top.pop(key, None)
