"""Report pages, mounted at /a/<slug>/reports/."""

from django.urls import path

from sharing.reports import views

app_name = "reports"

urlpatterns = [
    # Published (shared) reports: every person of the association.
    path("", views.PublishedListView.as_view(), name="list"),
    path("<int:version_id>/", views.PublishedDetailView.as_view(), name="detail"),
    path("plaintiffs/", views.PlaintiffSuggestView.as_view(), name="plaintiff_suggest"),
    # The caller's company's own (raw) reports.
    path("mine/", views.OwnListView.as_view(), name="own_list"),
    path("mine/new/", views.ReportCreateView.as_view(), name="create"),
    path("mine/<int:report_id>/", views.OwnDetailView.as_view(), name="own_detail"),
    path("mine/<int:report_id>/edit/", views.ReportEditView.as_view(), name="edit"),
    path("mine/<int:report_id>/submit/", views.ReportSubmitView.as_view(), name="submit"),
    path("mine/<int:report_id>/withdraw/", views.ReportWithdrawView.as_view(), name="withdraw"),
    path("mine/<int:report_id>/archive/", views.ReportArchiveView.as_view(), name="archive"),
    # Moderators and association admins.
    path("moderation/", views.ModerationQueueView.as_view(), name="moderation"),
    path("moderation/<int:version_id>/", views.ModerationDetailView.as_view(), name="moderation_detail"),
    path(
        "moderation/<int:version_id>/<slug:decision>/",
        views.ModerationDecisionView.as_view(),
        name="moderation_decide",
    ),
    path("moderation/reasons/", views.ReasonListView.as_view(), name="reasons"),
    path("moderation/reasons/<int:reason_id>/", views.ReasonEditView.as_view(), name="reason_edit"),
    path("moderation/reasons/<int:reason_id>/delete/", views.ReasonDeleteView.as_view(), name="reason_delete"),
]
