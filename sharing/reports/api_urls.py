"""Report endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns (namespace "api")."""

from django.urls import path

from sharing.reports import api

urlpatterns = [
    path("reports/", api.PublishedReportListView.as_view(), name="reports"),
    path("reports/<int:pk>/", api.PublishedReportDetailView.as_view(), name="report"),
    path("reports/own/", api.OwnReportListView.as_view(), name="own-reports"),
    path("reports/own/<int:pk>/", api.OwnReportDetailView.as_view(), name="own-report"),
    path("reports/own/<int:pk>/submit/", api.OwnReportSubmitView.as_view(), name="own-report-submit"),
    path("reports/own/<int:pk>/withdraw/", api.OwnReportWithdrawView.as_view(), name="own-report-withdraw"),
    path("reports/own/<int:pk>/archive/", api.OwnReportArchiveView.as_view(), name="own-report-archive"),
    path("reports/preview/", api.ReportPreviewView.as_view(), name="report-preview"),
    path("plaintiffs/", api.PlaintiffSuggestView.as_view(), name="plaintiffs"),
    path("moderation/", api.ModerationQueueView.as_view(), name="moderation"),
    path("moderation/reasons/", api.ReturnReasonListView.as_view(), name="return-reasons"),
    path("moderation/reasons/<int:pk>/", api.ReturnReasonDetailView.as_view(), name="return-reason"),
    path("moderation/<int:pk>/", api.ModerationVersionView.as_view(), name="moderation-version"),
    path("moderation/<int:pk>/<str:decision>/", api.ModerationDecisionView.as_view(), name="moderation-decision"),
]
