"""Deadline endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns (namespace "api")."""

from django.urls import path

from sharing.deadlines import api

urlpatterns = [
    path("deadlines/", api.DeadlineListView.as_view(), name="deadlines"),
    path("deadlines/<int:pk>/", api.DeadlineDetailView.as_view(), name="deadline"),
    path("deadlines/<int:pk>/override/", api.OverrideView.as_view(), name="deadline-override"),
    path("deadlines/<int:pk>/done/", api.DoneView.as_view(), name="deadline-done"),
    path("deadlines/reports/<int:pk>/facts/", api.CaseFactsView.as_view(), name="deadline-facts"),
    path("deadlines/feed/", api.FeedView.as_view(), name="deadline-feed"),
]
