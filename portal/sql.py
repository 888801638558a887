"""Queries over a list of ids whose SQL Django builds and compiles once per process."""

from __future__ import annotations

import threading

from django.db import connections
from django.db.models.expressions import RawSQL


class IdQuery:
    """A values_list query over the rows of some ids, compiled to SQL once per process.

    `build(ids)` returns the queryset, filtered with `pk__in=ids` (or `case_id__in=ids`, …), where
    `ids` is a subquery over one array parameter: the SQL text is then the same for any list, and
    Django need not build and compile it again on every page. For a query of about 30 fields over
    four joins that took longer than PostgreSQL takes to plan and run it (report text items,
    docs/performance.md). The queryset is still written with the ORM, so a renamed field is renamed
    here too. Rows come straight from the cursor, as tuples in the order of values_list: for plain
    columns and arrays only, which need no from_db_value converter.
    """

    _marker = object()

    def __init__(self, build, using: str = "default"):
        self.build, self.using = build, using
        self._compiled: tuple[str, tuple, list[int]] | None = None
        self._lock = threading.Lock()

    def sql(self) -> tuple[str, tuple, list[int]]:
        """The SQL, its parameters and the positions of the id list among them."""
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    ids = RawSQL("SELECT unnest(%s::bigint[])", (self._marker,))
                    sql, params = self.build(ids).query.sql_with_params()
                    positions = [i for i, p in enumerate(params) if p is self._marker]
                    if not positions:
                        raise ValueError("IdQuery: build() must filter by the ids it is given")
                    self._compiled = (sql, tuple(params), positions)
        return self._compiled

    def rows(self, ids) -> list[tuple]:
        ids = [int(i) for i in ids]
        if not ids:
            return []
        sql, params, positions = self.sql()
        params = list(params)
        for i in positions:
            params[i] = ids
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
