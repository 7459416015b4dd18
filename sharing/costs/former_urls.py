"""The statements of the groups a company left, mounted at /a/<slug>/cost-statements/."""

from django.urls import path

from sharing.costs import former_views

app_name = "former_costs"

urlpatterns = [
    path("", former_views.FormerGroupsView.as_view(), name="list"),
    path("<int:group_id>/", former_views.FormerStatementView.as_view(), name="statement"),
    path("<int:group_id>/csv/", former_views.FormerStatementExportView.as_view(export="csv"), name="statement_csv"),
    path("<int:group_id>/pdf/", former_views.FormerStatementExportView.as_view(export="pdf"), name="statement_pdf"),
]
