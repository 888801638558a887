"""portal.sql.IdQuery: a values_list query over some ids, compiled once, gives what the ORM gives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Case, Perpetrator
from portal.sql import IdQuery
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _by_orm(ids):
    return sorted(Perpetrator.objects.filter(case_id__in=ids, kind="individual").values_list("case_id", "name"))


def test_rows_are_those_of_the_orm_query_for_any_list_and_the_sql_is_built_once():
    cases = [make_case(perpetrators=n) for n in (1, 2, 3)]
    built = []

    def build(ids):
        built.append(ids)
        return Perpetrator.objects.filter(case_id__in=ids, kind="individual").order_by().values_list("case_id", "name")

    query = IdQuery(build)
    for ids in ([cases[0].pk], [c.pk for c in cases], [cases[2].pk, cases[1].pk], [cases[1].pk, 10**9]):
        assert sorted(query.rows(ids)) == _by_orm(ids), ids
    assert len(built) == 1  # compiled once; the other parameter ("individual") kept
    assert "individual" in query.sql()[1]


def test_no_ids_no_query_and_ids_arrive_as_numbers_only():
    query = IdQuery(lambda ids: Case.objects.filter(pk__in=ids).values_list("pk"))
    with CaptureQueriesContext(connection) as captured:
        assert query.rows([]) == []
    assert not captured.captured_queries
    case = make_case()
    assert query.rows([str(case.pk)]) == [(case.pk,)]
    with pytest.raises(ValueError):
        query.rows(["1); DROP TABLE casework_case; --"])


def test_a_build_that_ignores_the_ids_is_refused():
    with pytest.raises(ValueError, match="must filter by the ids"):
        IdQuery(lambda ids: Case.objects.values_list("pk")).sql()
