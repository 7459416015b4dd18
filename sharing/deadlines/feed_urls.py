"""The calendar feed, mounted at /cal/: no session, the token in the path is the credential."""

from django.urls import path

from sharing.deadlines import feed

app_name = "calendar"

urlpatterns = [path("<str:token>.ics", feed.CalendarFeedView.as_view(), name="feed")]
