"""Watchlist endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns (namespace "api")."""

from django.urls import path

from sharing.watchlists import api

urlpatterns = [
    path("watches/", api.WatchListView.as_view(), name="watches"),
    path("watches/<int:pk>/", api.WatchDetailView.as_view(), name="watch"),
]
