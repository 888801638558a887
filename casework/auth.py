"""Django's ModelBackend, loading a signed-in staff user with what every staff page asks of them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from casework.models import Notification


def _unread(user_ref) -> Subquery:
    unread = (Notification.objects.filter(user=user_ref, read_at__isnull=True).order_by()
              .values("user").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


class StaffModelBackend(ModelBackend):
    """Loads the user of a session with their staff profile (select_related), role names (an array
    subquery) and unread notification count (the header shows it) in one query: every staff page
    read them with three more. All are read again on the next request, so a role taken away counts
    at once. Every view that marks notifications read redirects, so no page shows a count from
    before its own change."""

    def get_user(self, user_id):
        model = get_user_model()
        roles = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).order_by().values("name"))
        try:
            user = (model._default_manager.select_related("profile")
                    .annotate(_role_names=roles, _unread_notifications=_unread(OuterRef("pk"))).get(pk=user_id))
        except model.DoesNotExist:
            return None
        user._protikar_roles = frozenset(user._role_names)
        return user if self.user_can_authenticate(user) else None
