"""Deadline pages, mounted at /a/<slug>/deadlines/."""

from django.urls import path

from sharing.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.DeadlineListView.as_view(), name="list"),
    path("<int:deadline_id>/", views.DeadlineDetailView.as_view(), name="detail"),
    path("<int:deadline_id>/override/", views.OverrideView.as_view(), name="override"),
    path("<int:deadline_id>/override/clear/", views.OverrideClearView.as_view(), name="override_clear"),
    path("<int:deadline_id>/done/", views.DoneView.as_view(), name="done"),
    path("<int:deadline_id>/reopen/", views.ReopenView.as_view(), name="reopen"),
    path("reports/<int:report_id>/", views.CaseFactsView.as_view(), name="case"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("feed/rotate/", views.FeedRotateView.as_view(), name="feed_rotate"),
    path("feed/revoke/", views.FeedRevokeView.as_view(), name="feed_revoke"),
]
