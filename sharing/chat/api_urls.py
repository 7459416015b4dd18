"""Chat endpoints of a defense group under /api/v1/a/<slug>/, included in the API's association patterns
(namespace "api", config.api_urls)."""

from django.urls import path

from sharing.chat import api

GROUP = "groups/<int:group_id>/"
ROOM = f"{GROUP}rooms/<int:room_id>/"

urlpatterns = [
    path(f"{GROUP}rooms/", api.RoomListView.as_view(), name="group-rooms"),
    path(f"{ROOM}messages/", api.MessageListView.as_view(), name="group-messages"),
    path(f"{ROOM}messages/<int:seq>/", api.MessageDetailView.as_view(), name="group-message"),
    path(f"{ROOM}read/", api.ReadView.as_view(), name="group-room-read"),
]
