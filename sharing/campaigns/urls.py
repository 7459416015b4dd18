"""Campaign pages and the moderators' plaintiff pages, mounted at /a/<slug>/campaigns/."""

from django.urls import path

from sharing.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="list"),
    path("<int:campaign_id>/", views.CampaignDetailView.as_view(), name="detail"),
    path("<int:campaign_id>/opt-in/", views.OptInView.as_view(), name="opt_in"),
    path("<int:campaign_id>/opt-out/", views.OptOutView.as_view(), name="opt_out"),
    path("<int:campaign_id>/group/", views.CampaignGroupView.as_view(), name="group"),
    # Moderators and association admins.
    path("plaintiffs/", views.PlaintiffListView.as_view(), name="plaintiffs"),
    path("plaintiffs/<int:entity_id>/", views.PlaintiffDetailView.as_view(), name="plaintiff"),
    path("plaintiffs/<int:entity_id>/merge/", views.PlaintiffMergeView.as_view(), name="merge"),
    path("plaintiffs/<int:entity_id>/split/", views.PlaintiffSplitView.as_view(), name="split"),
]
