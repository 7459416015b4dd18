"""The caller's notifications in one association: the list (all or unread), opening one, marking one or all read."""

from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from notifications.selectors import get_notification_for, notifications_for
from notifications.services import mark_read
from notifications.templatetags.notification_tags import notification_href
from tenancy.mixins import AssociationMixin
from web.service_views import ServiceActionView


class NotificationListView(AssociationMixin, ListView):
    """?unread=1 lists only the unread ones."""

    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        notifications = notifications_for(self.access)
        if self.unread_only:
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @property
    def unread_only(self) -> bool:
        return self.request.GET.get("unread") == "1"

    def get_context_data(self, **kwargs):
        page_query = "unread=1" if self.unread_only else ""
        return super().get_context_data(unread_only=self.unread_only, page_query=page_query, **kwargs)


class OpenView(AssociationMixin, View):
    """Follow a notification's link (from the list or an e-mail): it is marked read, then what it is about opens.
    A GET, so that e-mailed links work; marking one's own notification read is all it may change."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        notification = get_notification_for(self.access, kwargs["notification_id"])
        mark_read(user=request.user, association=self.access.association, notification_ids=[notification.pk])
        return redirect(
            notification_href(notification) or reverse("notifications:list", kwargs={"slug": kwargs["slug"]})
        )


class MarkReadView(AssociationMixin, ServiceActionView):
    success_url_name = "notifications:list"

    def perform(self):
        notification = get_notification_for(self.access, self.kwargs["notification_id"])
        mark_read(user=self.user, association=self.access.association, notification_ids=[notification.pk])


class MarkAllReadView(AssociationMixin, ServiceActionView):
    success_url_name = "notifications:list"

    def perform(self):
        mark_read(user=self.user, association=self.access.association)
