"""Reference rows that cases use cannot be deleted, by anyone, from anywhere.

Cases point at categories, sub-categories and remedies through many-to-many fields, which Django
cannot PROTECT: deleting a category used to remove it from its cases silently (two cases lost their
only category). Document types are protected by their foreign keys already. An editor who wants a
category to go away ticks "retired" instead: it leaves the public pages and new cases, and the old
cases keep it.
"""

from django.db.models import ProtectedError
from django.utils.translation import gettext as _


def cases_using(obj):
    """The cases that use this row (the case system stores the Bangla rows)."""
    related = getattr(obj, "cases", None)
    return related.all() if related is not None else None


def in_use_message(obj, count: int) -> str:
    return _(
        "“%(name)s” cannot be deleted because cases use it (number of cases: %(count)s). Tick “retired” "
        "instead, so that it is no longer offered while the old cases keep it."
    ) % {"name": obj, "count": count}


def refuse_delete_in_use(sender, instance, **kwargs):
    cases = cases_using(instance)
    if cases is not None:
        count = cases.count()
        if count:
            raise ProtectedError(in_use_message(instance, count), set(cases[:10]))


class ProtectedWhileInUse:
    """Model mixin: `delete()` refuses before Django opens its delete transaction, so a refused delete
    leaves the caller's transaction usable (the pre_delete signal above still guards bulk deletes)."""

    def delete(self, *args, **kwargs):
        refuse_delete_in_use(type(self), self)
        return super().delete(*args, **kwargs)
