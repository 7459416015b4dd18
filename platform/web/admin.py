"""Conventions for every app's admin.py. The admin is the platform operators' window: writes go through the
services (audited, validated), so most models are shown read-only and only a few additions are offered."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Joint Defense Platform administration")
admin.site.site_title = _("Joint Defense Platform")
admin.site.index_title = _("Platform operations")


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: no add, change or delete, whatever the operator's model permissions say."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
