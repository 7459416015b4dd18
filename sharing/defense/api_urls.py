"""Defense group endpoints under /api/v1/a/<slug>/, included in config.api_urls' association patterns
(namespace "api")."""

from django.urls import path

from sharing.defense import api

GROUP = "groups/<int:group_id>/"

urlpatterns = [
    path("groups/", api.GroupListView.as_view(), name="groups"),
    path("listed-groups/", api.ListedGroupListView.as_view(), name="listed-groups"),
    path(GROUP, api.GroupDetailView.as_view(), name="group"),
    path(f"{GROUP}archive/", api.GroupArchiveView.as_view(), name="group-archive"),
    path(f"{GROUP}participants/", api.ParticipantListView.as_view(), name="group-participants"),
    path(
        f"{GROUP}participants/<int:participant_id>/",
        api.ParticipantDetailView.as_view(),
        name="group-participant",
    ),
    path(f"{GROUP}answer/", api.AnswerView.as_view(), name="group-answer"),
    path(f"{GROUP}leave/", api.LeaveView.as_view(), name="group-leave"),
    path(f"{GROUP}agreement/", api.AgreementView.as_view(), name="group-agreement"),
    path(f"{GROUP}agreement/accept/", api.AgreementAcceptView.as_view(), name="group-agreement-accept"),
    path(f"{GROUP}agreement/withdraw/", api.AgreementWithdrawView.as_view(), name="group-agreement-withdraw"),
    path(f"{GROUP}documents/", api.DocumentListView.as_view(), name="group-documents"),
    path(f"{GROUP}documents/<int:document_id>/", api.DocumentDetailView.as_view(), name="group-document"),
    path(
        f"{GROUP}documents/<int:document_id>/versions/",
        api.DocumentVersionListView.as_view(),
        name="group-document-versions",
    ),
    path(
        f"{GROUP}documents/<int:document_id>/versions/<int:number>/download/",
        api.DocumentDownloadView.as_view(),
        name="group-document-download",
    ),
    path(f"{GROUP}reports/", api.SharedReportListView.as_view(), name="group-reports"),
    path(f"{GROUP}reports/<int:report_id>/", api.SharedReportDetailView.as_view(), name="group-report"),
]
