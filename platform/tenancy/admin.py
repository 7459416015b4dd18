from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model

from tenancy import services
from tenancy.models import Association, AssociationRole, AssociationRoleKind, Company, Membership
from web.admin import ReadOnlyAdmin
from web.forms import choices_from


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    """Operators create associations (through the audited service); nothing else is edited here."""

    list_display = ("name", "slug", "default_language", "created_at")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "default_language")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = services.association_create(
            name=obj.name, slug=obj.slug, default_language=obj.default_language, actor=request.user
        )
        obj.pk, obj.created_at = created.pk, created.created_at


class AssociationRoleForm(forms.ModelForm):
    """Operators appoint an association's admins and counsel; its admins appoint moderators in the site."""

    role = forms.ChoiceField(
        choices=[(k, AssociationRoleKind(k).label) for k in (AssociationRoleKind.ADMIN, AssociationRoleKind.COUNSEL)]
    )

    class Meta:
        model = AssociationRole
        fields = ("association", "user", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from(self, "user", get_user_model().objects.filter(is_active=True))


@admin.register(AssociationRole)
class AssociationRoleAdmin(admin.ModelAdmin):
    form = AssociationRoleForm
    list_display = ("association", "user", "role", "created_at")
    list_filter = ("role", "association")
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("association", "user")
    raw_id_fields = ("user",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = services.role_appoint(association=obj.association, user=obj.user, role=obj.role, actor=request.user)
        obj.pk, obj.created_at = created.pk, created.created_at


@admin.register(Company)
class CompanyAdmin(ReadOnlyAdmin):
    list_display = ("legal_name_en", "legal_name_zh", "industry", "size", "created_at")
    list_filter = ("industry", "size")
    search_fields = ("legal_name_en", "legal_name_zh")
    exclude = ("group",)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("company", "association", "status", "created_at", "decided_at", "decided_by")
    list_filter = ("status", "association")
    search_fields = ("company__legal_name_en", "company__legal_name_zh")
    list_select_related = ("company", "association", "decided_by")
