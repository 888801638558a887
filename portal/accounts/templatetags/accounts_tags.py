from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def session_timeout_settings():
    """The idle timeout and the warning lead, in seconds, for the warning script."""
    timeout = int(getattr(settings, "SESSION_IDLE_TIMEOUT_MINUTES", 30)) * 60
    warning = min(int(getattr(settings, "SESSION_TIMEOUT_WARNING_SECONDS", 120)), max(timeout // 2, 1))
    return {"timeout": timeout, "warning": warning}
