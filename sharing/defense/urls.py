"""Defense group pages, mounted at /a/<slug>/groups/."""

from django.urls import path

from sharing.defense import views

app_name = "defense"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="list"),
    path("new/", views.GroupCreateView.as_view(), name="create"),
    path("listed/", views.ListedGroupsView.as_view(), name="listed"),
    path("<int:group_id>/", views.GroupDetailView.as_view(), name="detail"),
    path("<int:group_id>/settings/", views.GroupSettingsView.as_view(), name="settings"),
    path("<int:group_id>/archive/", views.GroupArchiveView.as_view(), name="archive"),
    path("<int:group_id>/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:group_id>/answer/<slug:answer>/", views.AnswerView.as_view(), name="answer"),
    path("<int:group_id>/participants/<int:participant_id>/remove/", views.RemoveView.as_view(), name="remove"),
    path("<int:group_id>/leave/", views.LeaveView.as_view(), name="leave"),
    path("<int:group_id>/agreement/", views.AgreementView.as_view(), name="agreement"),
    path("<int:group_id>/agreement/accept/", views.AgreementAcceptView.as_view(), name="agreement_accept"),
    path("<int:group_id>/agreement/withdraw/", views.AgreementWithdrawView.as_view(), name="agreement_withdraw"),
    path("<int:group_id>/documents/", views.DocumentListView.as_view(), name="documents"),
    path("<int:group_id>/documents/<int:document_id>/", views.DocumentDetailView.as_view(), name="document"),
    path(
        "<int:group_id>/documents/<int:document_id>/versions/<int:number>/download/",
        views.DocumentDownloadView.as_view(),
        name="download",
    ),
    path("<int:group_id>/reports/", views.SharedReportsView.as_view(), name="reports"),
    path("<int:group_id>/reports/<int:report_id>/unshare/", views.ReportUnshareView.as_view(), name="report_unshare"),
]
