"""The unread notification count for the header (asked only when a template shows it)."""

from casework.notifications import unread_count
from portal import roles


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not (roles.user_roles(user) & roles.CASE_ROLES):
        return {"unread_notifications": 0, "shows_notifications": False}
    # A callable: the template engine calls it when the header renders it, so pages (and JSON
    # responses) that never show the header cost no query.
    return {"unread_notifications": lambda: unread_count(user), "shows_notifications": True}
