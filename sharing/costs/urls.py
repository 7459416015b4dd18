"""Cost-sharing pages of a defense group, mounted at /a/<slug>/groups/<group_id>/costs/."""

from django.urls import path

from sharing.costs import views

app_name = "costs"

urlpatterns = [
    # Participants past the invitation.
    path("", views.OverviewView.as_view(), name="overview"),
    path("versions/<int:number>/", views.VersionView.as_view(), name="version"),
    path("invoices/", views.InvoiceListView.as_view(), name="invoices"),
    path("invoices/<int:invoice_id>/", views.InvoiceView.as_view(), name="invoice"),
    path("invoices/imports/<int:import_id>/", views.InvoiceImportView.as_view(), name="invoice_import"),
    # The lead's admins.
    path("treasurer/", views.TreasurerView.as_view(), name="treasurer"),
    # The treasurer.
    path("versions/new/", views.VersionProposeView.as_view(), name="version_propose"),
    path("expenses/<int:expense_id>/remove/", views.ExpenseRemoveView.as_view(), name="expense_remove"),
    path("credits/", views.CreditView.as_view(), name="credit"),
    # A company's admins.
    path("versions/<int:number>/accept/", views.VersionAcceptView.as_view(), name="version_accept"),
    path("withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    # The treasurer and the companies.
    path("expenses/", views.ExpenseListView.as_view(), name="expenses"),
    path("expenses/<int:expense_id>/rate/", views.ExpenseRateView.as_view(), name="expense_rate"),
    path("statements/<int:company_id>/", views.StatementView.as_view(), name="statement"),
    path("statements/<int:company_id>/csv/", views.StatementExportView.as_view(export="csv"), name="statement_csv"),
    path("statements/<int:company_id>/pdf/", views.StatementExportView.as_view(export="pdf"), name="statement_pdf"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
]
