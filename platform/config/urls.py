from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("health.urls")),
    path("", include("web.urls")),
    path("accounts/", include("accounts.urls")),
    path("a/<slug:slug>/", include("tenancy.urls")),
    path("a/<slug:slug>/notifications/", include("notifications.urls")),
    path("a/<slug:slug>/reports/", include("sharing.reports.urls")),
    path("a/<slug:slug>/groups/", include("sharing.defense.urls")),
    path("a/<slug:slug>/groups/", include("sharing.chat.urls")),
    path("a/<slug:slug>/campaigns/", include("sharing.campaigns.urls")),
    path("a/<slug:slug>/watchlist/", include("sharing.watchlists.urls")),
    path("a/<slug:slug>/deadlines/", include("sharing.deadlines.urls")),
    path("cal/", include("sharing.deadlines.feed_urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "api.errors.server_error"
