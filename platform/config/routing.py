"""Websocket routes. Every socket is authenticated and origin-checked in config.asgi."""

from django.urls import path

from notifications.consumers import NotificationsConsumer
from sharing.chat.consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/a/<slug:slug>/notifications/", NotificationsConsumer.as_asgi()),
    path("ws/a/<slug:slug>/groups/<int:group_id>/rooms/<int:room_id>/", ChatConsumer.as_asgi()),
]
