"""Cost-sharing endpoints under /api/v1/a/<slug>/groups/<group_id>/costs/, and the statements of the groups a
company left under /api/v1/a/<slug>/cost-statements/; included in config.api_urls' association patterns
(namespace "api")."""

from django.urls import path

from sharing.costs import api

costs = "groups/<int:group_id>/costs/"

urlpatterns = [
    path(costs, api.CostSummaryView.as_view(), name="costs"),
    path(f"{costs}treasurer/", api.TreasurerView.as_view(), name="costs-treasurer"),
    path(f"{costs}versions/", api.VersionListView.as_view(), name="costs-versions"),
    path(f"{costs}versions/<int:number>/figure/", api.FigureView.as_view(), name="costs-figure"),
    path(f"{costs}versions/<int:number>/accept/", api.AcceptView.as_view(), name="costs-accept"),
    path(f"{costs}withdraw/", api.WithdrawView.as_view(), name="costs-withdraw"),
    path(f"{costs}expenses/", api.ExpenseListView.as_view(), name="costs-expenses"),
    path(f"{costs}expenses/<int:pk>/", api.ExpenseDetailView.as_view(), name="costs-expense"),
    path(f"{costs}expenses/<int:pk>/rates/", api.RateView.as_view(), name="costs-expense-rates"),
    path(f"{costs}invoices/", api.InvoiceListView.as_view(), name="costs-invoices"),
    path(f"{costs}invoices/<int:pk>/", api.InvoiceDetailView.as_view(), name="costs-invoice"),
    path(f"{costs}invoices/<int:pk>/paid/", api.InvoicePaidView.as_view(), name="costs-invoice-paid"),
    path(f"{costs}credits/", api.CreditListView.as_view(), name="costs-credits"),
    path(f"{costs}statements/<int:company_id>/", api.StatementView.as_view(), name="costs-statement"),
    path(f"{costs}statements/<int:company_id>/csv/", api.StatementCsvView.as_view(), name="costs-statement-csv"),
    path(f"{costs}statements/<int:company_id>/pdf/", api.StatementPdfView.as_view(), name="costs-statement-pdf"),
    path(f"{costs}changes/", api.LedgerChangeListView.as_view(), name="costs-changes"),
    path("cost-statements/", api.FormerGroupListView.as_view(), name="former-cost-groups"),
    path("cost-statements/<int:group_id>/", api.FormerStatementView.as_view(), name="former-cost-statement"),
    path("cost-statements/<int:group_id>/csv/", api.FormerStatementCsvView.as_view(), name="former-cost-statement-csv"),
    path("cost-statements/<int:group_id>/pdf/", api.FormerStatementPdfView.as_view(), name="former-cost-statement-pdf"),
]
