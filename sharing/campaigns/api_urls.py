"""Campaign and plaintiff endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns
(namespace "api")."""

from django.urls import path

from sharing.campaigns import api

urlpatterns = [
    path("campaigns/", api.CampaignListView.as_view(), name="campaigns"),
    path("campaigns/<int:pk>/", api.CampaignDetailView.as_view(), name="campaign"),
    path("campaigns/<int:pk>/reports/", api.CampaignReportListView.as_view(), name="campaign-reports"),
    path("campaigns/<int:pk>/opt-in/", api.CampaignOptInView.as_view(), name="campaign-opt-in"),
    path("campaigns/<int:pk>/opt-out/", api.CampaignOptOutView.as_view(), name="campaign-opt-out"),
    path("campaigns/<int:pk>/group/", api.CampaignGroupCreateView.as_view(), name="campaign-group"),
    path("moderation/plaintiffs/", api.ModeratedPlaintiffListView.as_view(), name="moderated-plaintiffs"),
    path("moderation/plaintiffs/<int:pk>/merge/", api.PlaintiffMergeView.as_view(), name="plaintiff-merge"),
    path("moderation/plaintiffs/<int:pk>/split/", api.PlaintiffSplitView.as_view(), name="plaintiff-split"),
]
