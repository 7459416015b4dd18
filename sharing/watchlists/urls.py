"""Mounted at /a/<slug>/watchlist/."""

from django.urls import path

from sharing.watchlists import views

app_name = "watchlists"

urlpatterns = [
    path("", views.WatchListView.as_view(), name="list"),
    path("<int:watch_id>/remove/", views.WatchRemoveView.as_view(), name="remove"),
]
