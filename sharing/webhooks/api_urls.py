"""Webhook endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns (namespace "api")."""

from django.urls import path

from sharing.webhooks import api

urlpatterns = [
    path("webhooks/", api.SubscriptionListView.as_view(), name="webhooks"),
    path("webhooks/<int:pk>/", api.SubscriptionDetailView.as_view(), name="webhook"),
    path("webhooks/<int:pk>/rotate-secret/", api.SubscriptionRotateSecretView.as_view(), name="webhook-rotate"),
    path("webhooks/<int:pk>/enable/", api.SubscriptionEnableView.as_view(), name="webhook-enable"),
    path("webhooks/<int:pk>/test/", api.SubscriptionTestView.as_view(), name="webhook-test"),
    path("webhooks/<int:pk>/deliveries/", api.DeliveryListView.as_view(), name="webhook-deliveries"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_pk>/redeliver/",
        api.DeliveryRedeliverView.as_view(),
        name="webhook-redeliver",
    ),
]
