"""Mounted at /a/<slug>/notifications/."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:notification_id>/open/", views.OpenView.as_view(), name="open"),
    path("<int:notification_id>/read/", views.MarkReadView.as_view(), name="mark_read"),
    path("read/", views.MarkAllReadView.as_view(), name="mark_all_read"),
]
