"""Accounts' pages of one association (invitations, partners and their keys, a company's colleagues), mounted at
/a/<slug>/ by config.urls in the namespace "association", beside tenancy.urls."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("manage/invitations/", views.InvitationListView.as_view(), name="invitations"),
    path(
        "manage/invitations/<int:invitation_id>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path("manage/partners/", views.PartnerListView.as_view(), name="partners"),
    path("manage/partners/<int:partner_id>/keys/new/", views.ApiKeyCreateView.as_view(), name="api_key_create"),
    path("manage/partners/keys/<int:key_id>/", views.ApiKeyCreatedView.as_view(), name="api_key_created"),
    path("manage/partners/keys/<int:key_id>/revoke/", views.ApiKeyRevokeView.as_view(), name="api_key_revoke"),
    path("company/colleagues/", views.ColleagueListView.as_view(), name="colleagues"),
    path(
        "company/colleagues/<int:user_id>/deactivate/",
        views.ColleagueDeactivateView.as_view(),
        name="colleague_deactivate",
    ),
    path(
        "company/colleagues/invitations/<int:invitation_id>/revoke/",
        views.ColleagueInvitationRevokeView.as_view(),
        name="colleague_invitation_revoke",
    ),
]
