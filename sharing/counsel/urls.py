"""Counsel pages, mounted at /a/<slug>/counsel/."""

from django.urls import path

from sharing.counsel import views

app_name = "counsel"

firm = "firms/<int:firm_id>/"

urlpatterns = [
    # Every person of the association.
    path("", views.DirectoryView.as_view(), name="directory"),
    path(firm, views.FirmView.as_view(), name="firm"),
    # Company admins (the company's people read its reviews).
    path(f"{firm}recommend/", views.RecommendView.as_view(), name="recommend"),
    path(
        f"{firm}recommendations/<int:recommendation_id>/remove/",
        views.UnrecommendView.as_view(),
        name="unrecommend",
    ),
    path(f"{firm}review/", views.ReviewView.as_view(), name="review"),
    path("reviews/", views.OwnReviewsView.as_view(), name="own_reviews"),
    path("reviews/<int:review_id>/withdraw/", views.ReviewWithdrawView.as_view(), name="review_withdraw"),
    # The firm's counsel.
    path(f"{firm}propose/", views.ProposeView.as_view(), name="propose"),
    path("reviews/<int:review_id>/reply/", views.ReplyView.as_view(), name="reply"),
    # Moderators and association admins: the directory's upkeep.
    path("firms/new/", views.FirmCreateView.as_view(), name="firm_create"),
    path(f"{firm}edit/", views.FirmEditView.as_view(), name="firm_edit"),
    path(f"{firm}verify/", views.FirmVerifyView.as_view(), name="firm_verify"),
    path(f"{firm}unverify/", views.FirmVerifyView.as_view(verified=False), name="firm_unverify"),
    path(f"{firm}retire/", views.FirmRetireView.as_view(), name="firm_retire"),
    path(f"{firm}restore/", views.FirmRetireView.as_view(retired=False), name="firm_restore"),
    path(f"{firm}manage/", views.FirmManageView.as_view(), name="manage"),
    path(f"{firm}attorneys/new/", views.AttorneyAddView.as_view(), name="attorney_add"),
    path(f"{firm}attorneys/<int:attorney_id>/", views.AttorneyEditView.as_view(), name="attorney_edit"),
    path(f"{firm}attorneys/<int:attorney_id>/remove/", views.AttorneyRemoveView.as_view(), name="attorney_remove"),
    path(f"{firm}offices/new/", views.OfficeAddView.as_view(), name="office_add"),
    path(f"{firm}offices/<int:office_id>/remove/", views.OfficeRemoveView.as_view(), name="office_remove"),
    path(f"{firm}fees/new/", views.FeeAddView.as_view(), name="fee_add"),
    path(f"{firm}fees/<int:fee_id>/remove/", views.FeeRemoveView.as_view(), name="fee_remove"),
    # Moderators and association admins: moderation.
    path("moderation/proposals/", views.ProposalQueueView.as_view(), name="proposals"),
    path(
        "moderation/proposals/<int:proposal_id>/<slug:decision>/",
        views.ProposalDecideView.as_view(),
        name="proposal_decide",
    ),
    path("moderation/reviews/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("moderation/reviews/<int:review_id>/", views.ReviewModerateView.as_view(), name="review_moderate"),
    path("moderation/replies/", views.ReplyQueueView.as_view(), name="reply_queue"),
    path("moderation/replies/<int:reply_id>/<slug:decision>/", views.ReplyDecideView.as_view(), name="reply_decide"),
    # A defense group's lead.
    path("groups/<int:group_id>/engage/", views.EngageView.as_view(), name="engage"),
]
