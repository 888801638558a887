from portal.navigation import staff_navigation


def navigation(request):
    """The staff navigation for the signed-in user, by role (empty for the public)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_nav": []}
    return {"staff_nav": staff_navigation(user)}
