from django.contrib import admin

from audit.models import AuditEvent
from web.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The trail is append-only: the admin only reads it."""

    list_display = ("created_at", "association", "actor_label", "action", "target_type", "target_id", "ip_address")
    list_filter = ("action", "association", "target_type", "created_at")
    search_fields = ("actor_label", "action", "target_id")
    date_hierarchy = "created_at"
    list_select_related = ("association",)
    show_full_result_count = False
