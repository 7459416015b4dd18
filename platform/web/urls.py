from django.urls import path

from accounts.views import InvitationAcceptView
from web.views import HomeView, language_switch

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("language/", language_switch, name="language"),
    # Invitation links are sent by e-mail as SITE_URL/invite/<token>/ (accounts.services.invitation_url).
    path("invite/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
]
