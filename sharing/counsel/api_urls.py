"""Counsel endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns (namespace "api")."""

from django.urls import path

from sharing.counsel import api

urlpatterns = [
    path("counsel/firms/", api.FirmListView.as_view(), name="counsel-firms"),
    path("counsel/firms/<int:pk>/", api.FirmDetailView.as_view(), name="counsel-firm"),
    path("counsel/firms/<int:pk>/verify/", api.FirmVerifyView.as_view(), name="counsel-firm-verify"),
    path("counsel/firms/<int:pk>/retire/", api.FirmRetireView.as_view(), name="counsel-firm-retire"),
    path("counsel/firms/<int:pk>/proposals/", api.FirmProposalView.as_view(), name="counsel-firm-proposals"),
    path("counsel/firms/<int:pk>/reviews/", api.FirmReviewListView.as_view(), name="counsel-firm-reviews"),
    path("counsel/firms/<int:pk>/reviews/preview/", api.FirmReviewPreviewView.as_view(), name="counsel-review-preview"),
    path("counsel/firms/<int:pk>/recommend/", api.FirmRecommendView.as_view(), name="counsel-firm-recommend"),
    path("counsel/recommendations/", api.OwnRecommendationListView.as_view(), name="counsel-recommendations"),
    path(
        "counsel/recommendations/<int:pk>/",
        api.OwnRecommendationDetailView.as_view(),
        name="counsel-recommendation",
    ),
    path("counsel/reviews/", api.OwnReviewListView.as_view(), name="counsel-reviews"),
    path("counsel/reviews/<int:pk>/withdraw/", api.OwnReviewWithdrawView.as_view(), name="counsel-review-withdraw"),
    path("counsel/reviews/<int:pk>/reply/", api.ReviewReplyView.as_view(), name="counsel-review-reply"),
    path("moderation/counsel-reviews/", api.ModeratedReviewListView.as_view(), name="counsel-moderation"),
    path(
        "moderation/counsel-reviews/<int:pk>/<str:decision>/",
        api.ModeratedReviewDecisionView.as_view(),
        name="counsel-moderation-decision",
    ),
    path("groups/<int:group_id>/engagements/", api.EngagementListView.as_view(), name="group-engagements"),
]
