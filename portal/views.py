from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from portal import roles


class StaffHomeView(LoginRequiredMixin, TemplateView):
    """The page after sign-in: who you are, your roles, and the parts of the system you may use."""

    template_name = "portal/staff_home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["profile"] = getattr(user, "profile", None)
        ctx["role_labels"] = [roles.ROLE_LABELS[r] for r in roles.ALL_ROLES if r in roles.user_roles(user)]
        ctx["widgets"] = []  # later pieces (my tasks, overdue, dashboard figures) add here
        from casework.timeliness import staff_home_widget

        tasks_widget = staff_home_widget(user)  # None for roles without identified cases
        if tasks_widget:
            ctx["widgets"].append(tasks_widget)
        return ctx
