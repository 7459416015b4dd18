"""The caller's notifications in one association: the list, marking one or all read."""

from django.views.generic import ListView

from notifications.selectors import get_notification_for, notifications_for
from notifications.services import mark_read
from tenancy.mixins import AssociationMixin
from web.service_views import ServiceActionView


class NotificationListView(AssociationMixin, ListView):
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return notifications_for(self.access)


class MarkReadView(AssociationMixin, ServiceActionView):
    success_url_name = "notifications:list"

    def perform(self):
        notification = get_notification_for(self.access, self.kwargs["notification_id"])
        mark_read(user=self.request.user, association=self.access.association, notification_ids=[notification.pk])


class MarkAllReadView(AssociationMixin, ServiceActionView):
    success_url_name = "notifications:list"

    def perform(self):
        mark_read(user=self.request.user, association=self.access.association)
