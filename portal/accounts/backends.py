"""Django's ModelBackend, loading a signed-in user with what every staff page asks of them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef


class StaffModelBackend(ModelBackend):
    """Loads the user of a session with their staff profile (select_related) and role names (an
    array subquery) in one query: every staff page reads both, which were two more queries on each
    request. The roles are kept on the user object as portal.roles.user_roles keeps them, so they
    are read again on the next request: a role taken away counts at once."""

    def get_user(self, user_id):
        model = get_user_model()
        roles = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).order_by().values("name"))
        try:
            user = model._default_manager.select_related("profile").annotate(_role_names=roles).get(pk=user_id)
        except model.DoesNotExist:
            return None
        user._protikar_roles = frozenset(user._role_names)
        return user if self.user_can_authenticate(user) else None
