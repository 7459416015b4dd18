"""Showing a notification: its text in the reader's language, and its link when it points inside the site."""

from django import template
from django.utils.http import url_has_allowed_host_and_scheme

from notifications.kinds import render
from notifications.selectors import notifications_for

register = template.Library()


@register.filter
def notification_text(notification) -> str:
    return render(notification.kind, notification.params)


@register.filter
def notification_href(notification) -> str:
    """The notification's link if it is a path on this site, else nothing (links are stored by services)."""
    url = notification.url or ""
    return url if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None) else ""


@register.simple_tag
def recent_notifications(access, count: int = 5):
    """The caller's latest notifications in the association of `access` (the dashboard's list)."""
    return notifications_for(access)[:count]
