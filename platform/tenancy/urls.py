"""Pages of one association, mounted at /a/<slug>/. Views live beside the data they show."""

from django.urls import path

from accounts import views as accounts_views
from audit.views import AuditEventListView
from tenancy import views

app_name = "association"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    # Association admins.
    path("manage/members/", views.MembershipListView.as_view(), name="members"),
    path(
        "manage/members/<int:membership_id>/<slug:decision>/",
        views.MembershipDecisionView.as_view(),
        name="membership_decide",
    ),
    path("manage/invitations/", accounts_views.InvitationListView.as_view(), name="invitations"),
    path(
        "manage/invitations/<int:invitation_id>/revoke/",
        accounts_views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path("manage/moderators/", views.ModeratorListView.as_view(), name="moderators"),
    path("manage/moderators/<int:assignment_id>/remove/", views.ModeratorRemoveView.as_view(), name="moderator_remove"),
    path("manage/partners/", accounts_views.PartnerListView.as_view(), name="partners"),
    path(
        "manage/partners/<int:partner_id>/keys/new/", accounts_views.ApiKeyCreateView.as_view(), name="api_key_create"
    ),
    path("manage/partners/keys/<int:key_id>/", accounts_views.ApiKeyCreatedView.as_view(), name="api_key_created"),
    path("manage/partners/keys/<int:key_id>/revoke/", accounts_views.ApiKeyRevokeView.as_view(), name="api_key_revoke"),
    path("manage/audit/", AuditEventListView.as_view(), name="audit"),
    # The caller's own company.
    path("company/", views.CompanyProfileView.as_view(), name="company"),
    path("company/colleagues/", accounts_views.ColleagueListView.as_view(), name="colleagues"),
    path(
        "company/colleagues/<int:user_id>/deactivate/",
        accounts_views.ColleagueDeactivateView.as_view(),
        name="colleague_deactivate",
    ),
    path(
        "company/colleagues/invitations/<int:invitation_id>/revoke/",
        accounts_views.ColleagueInvitationRevokeView.as_view(),
        name="colleague_invitation_revoke",
    ),
]
