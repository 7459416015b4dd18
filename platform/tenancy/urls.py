"""Tenancy's pages of one association, mounted at /a/<slug>/ by config.urls in the namespace "association" (with
accounts' pages of an association, accounts.association_urls). Views live beside the data they show."""

from django.urls import path

from tenancy import views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    # Association admins.
    path("manage/members/", views.MembershipListView.as_view(), name="members"),
    path(
        "manage/members/<int:membership_id>/<slug:decision>/",
        views.MembershipDecisionView.as_view(),
        name="membership_decide",
    ),
    path("manage/moderators/", views.ModeratorListView.as_view(), name="moderators"),
    path("manage/moderators/<int:assignment_id>/remove/", views.ModeratorRemoveView.as_view(), name="moderator_remove"),
    path("manage/audit/", views.AuditEventListView.as_view(), name="audit"),
    path("manage/settings/", views.AssociationSettingsView.as_view(), name="settings"),
    # The caller's own company.
    path("company/", views.CompanyProfileView.as_view(), name="company"),
]
