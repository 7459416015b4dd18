from django.contrib import admin

from notifications.models import Notification
from web.admin import ReadOnlyAdmin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "association", "recipient", "kind", "read_at")
    list_filter = ("kind", "association", "created_at")
    search_fields = ("recipient__email",)
    list_select_related = ("association", "recipient")
    raw_id_fields = ("recipient",)
