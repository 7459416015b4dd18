"""Mounted at /a/<slug>/webhooks/."""

from django.urls import path

from sharing.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.SubscriptionListView.as_view(), name="list"),
    path("<int:pk>/", views.SubscriptionDetailView.as_view(), name="detail"),
    path("<int:pk>/test/", views.SubscriptionTestView.as_view(), name="test"),
    path("<int:pk>/rotate-secret/", views.SubscriptionRotateView.as_view(), name="rotate"),
    path("<int:pk>/enable/", views.SubscriptionEnableView.as_view(), name="enable"),
    path("<int:pk>/delete/", views.SubscriptionDeleteView.as_view(), name="delete"),
    path("<int:pk>/deliveries/<int:delivery_pk>/redeliver/", views.DeliveryRedeliverView.as_view(), name="redeliver"),
]
