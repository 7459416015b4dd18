"""Websocket routes. Every socket is authenticated and origin-checked in config.asgi."""

from django.urls import path

from notifications.consumers import NotificationsConsumer

websocket_urlpatterns = [
    path("ws/a/<slug:slug>/notifications/", NotificationsConsumer.as_asgi()),
]
