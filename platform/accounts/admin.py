from django.contrib import admin

from accounts.models import ApiKey, Invitation, PartnerOrganization, User
from web.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """People sign up through invitations and manage themselves in the site; the admin shows them."""

    list_display = ("email", "display_name", "company", "company_role", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "company_role", "preferred_language")
    search_fields = ("email", "display_name")
    list_select_related = ("company",)
    exclude = ("password", "user_permissions")


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("email", "kind", "association", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("kind", "association")
    search_fields = ("email",)
    list_select_related = ("association",)
    exclude = ("token_hash",)


@admin.register(PartnerOrganization)
class PartnerOrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "association", "contact_email", "created_at")
    list_filter = ("association",)
    search_fields = ("name",)


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdmin):
    list_display = ("name", "prefix", "partner", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("partner__association",)
    search_fields = ("name", "prefix", "partner__name")
    list_select_related = ("partner",)
    exclude = ("key_hash",)
