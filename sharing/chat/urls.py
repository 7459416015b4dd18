"""The chat page of a group, mounted at /a/<slug>/groups/ beside sharing.defense.urls."""

from django.urls import path

from sharing.chat import views

app_name = "chat"

urlpatterns = [
    path("<int:group_id>/chat/", views.ChatView.as_view(), name="room"),
]
