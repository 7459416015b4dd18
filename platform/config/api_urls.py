"""/api/v1/, composed from every app's endpoints: every path under a/<slug>/ is scoped to one association
(tenancy.api_base)."""

from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from accounts import api as accounts_api
from api.docs import ApiDocsView
from api.views import UnknownEndpointView
from notifications import api as notifications_api
from tenancy import api as tenancy_api

app_name = "api"

association_patterns: list[URLPattern | URLResolver] = [
    path("", tenancy_api.AssociationDetailView.as_view(), name="association"),
    path("memberships/", tenancy_api.MembershipListView.as_view(), name="memberships"),
    path(
        "memberships/<int:pk>/decision/",
        tenancy_api.MembershipDecisionView.as_view(),
        name="membership-decision",
    ),
    path("company/", tenancy_api.CompanyView.as_view(), name="company"),
    path("company/users/", accounts_api.ColleagueListView.as_view(), name="colleagues"),
    path(
        "company/users/<int:pk>/deactivate/",
        accounts_api.ColleagueDeactivateView.as_view(),
        name="colleague-deactivate",
    ),
    path("invitations/", accounts_api.InvitationListView.as_view(), name="invitations"),
    path("invitations/<int:pk>/revoke/", accounts_api.InvitationRevokeView.as_view(), name="invitation-revoke"),
    path("roles/", tenancy_api.RoleListView.as_view(), name="roles"),
    path("roles/<int:pk>/", tenancy_api.RoleDetailView.as_view(), name="role"),
    path("partners/", accounts_api.PartnerListView.as_view(), name="partners"),
    path("partners/<int:pk>/keys/", accounts_api.PartnerKeyListView.as_view(), name="partner-keys"),
    path("keys/<int:pk>/revoke/", accounts_api.ApiKeyRevokeView.as_view(), name="key-revoke"),
    path("audit/", tenancy_api.AuditEventListView.as_view(), name="audit"),
    path("notifications/", notifications_api.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", notifications_api.NotificationReadView.as_view(), name="notifications-read"),
    path("notifications/unread/", notifications_api.UnreadCountView.as_view(), name="notifications-unread"),
    path("partner/whoami/", accounts_api.PartnerWhoAmIView.as_view(), name="partner-whoami"),
    path("", include("sharing.reports.api_urls")),
    path("", include("sharing.defense.api_urls")),
    path("", include("sharing.chat.api_urls")),
    path("", include("sharing.campaigns.api_urls")),
    path("", include("sharing.deadlines.api_urls")),
    path("", include("sharing.watchlists.api_urls")),
    path("", include("sharing.counsel.api_urls")),
    path("", include("sharing.costs.api_urls")),
    path("", include("sharing.webhooks.api_urls")),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("invitations/accept/", accounts_api.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("a/<slug:slug>/", include(association_patterns)),
    # Anything else under /api/v1/ ending in a slash: the API's own 404 body, not the site's HTML page.
    # (Paths without the slash still get CommonMiddleware's APPEND_SLASH redirect first.)
    re_path(r"^(?:.*/)?$", UnknownEndpointView.as_view()),
]
