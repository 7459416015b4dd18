"""The site's URLs, composed from every app's (config is the only module that sees them all)."""

from django.contrib import admin
from django.urls import include, path

from accounts import association_urls as accounts_association_urls
from accounts.views import InvitationAcceptView, language_switch
from tenancy import urls as tenancy_urls
from tenancy.views import HomeView

# /a/<slug>/: the pages of one association, in one namespace whichever app serves them.
association_pages = [*tenancy_urls.urlpatterns, *accounts_association_urls.urlpatterns]

urlpatterns = [
    path("", include("health.urls")),
    path("", HomeView.as_view(), name="home"),
    path("language/", language_switch, name="language"),
    # Invitation links are sent by e-mail as SITE_URL/invite/<token>/ (accounts.services.invitation_url).
    path("invite/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
    path("accounts/", include("accounts.urls")),
    path("a/<slug:slug>/", include((association_pages, "association"))),
    path("a/<slug:slug>/notifications/", include("notifications.urls")),
    path("a/<slug:slug>/reports/", include("sharing.reports.urls")),
    path("a/<slug:slug>/groups/", include("sharing.defense.urls")),
    path("a/<slug:slug>/groups/", include("sharing.chat.urls")),
    path("a/<slug:slug>/groups/<int:group_id>/costs/", include("sharing.costs.urls")),
    path("a/<slug:slug>/cost-statements/", include("sharing.costs.former_urls")),
    path("a/<slug:slug>/campaigns/", include("sharing.campaigns.urls")),
    path("a/<slug:slug>/counsel/", include("sharing.counsel.urls")),
    path("a/<slug:slug>/watchlist/", include("sharing.watchlists.urls")),
    path("a/<slug:slug>/deadlines/", include("sharing.deadlines.urls")),
    path("a/<slug:slug>/webhooks/", include("sharing.webhooks.urls")),
    path("cal/", include("sharing.deadlines.feed_urls")),
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

handler500 = "api.errors.server_error"
