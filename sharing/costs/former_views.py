"""The statements of the groups a company left, mounted at /a/<slug>/cost-statements/. A company that left a
defense group (or was removed) has no group pages any more, yet stays liable for the expenses dated up to its
withdrawal: its people read, download and print that statement here. Anyone else, and any group the company is
still in or never shared costs in, gets the 404 of a missing page."""

from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from sharing.costs import selectors
from sharing.costs.exports import statement_download
from sharing.costs.forms import StatementCurrencyForm
from sharing.costs.views import chosen_currency, statement_context
from tenancy.access import COMPANY_ROLES
from tenancy.mixins import AssociationMixin


class FormerGroupsView(AssociationMixin, TemplateView):
    """The groups whose costs the caller's company shared and that it left."""

    allowed_roles = COMPANY_ROLES
    template_name = "costs/former_groups.html"

    def get_context_data(self, **kwargs):
        groups = selectors.former_groups(self.access).select_related("plaintiff").order_by("name", "pk")
        return super().get_context_data(groups=groups, **kwargs)


class FormerStatementView(AssociationMixin, TemplateView):
    """The company's statement in a group it left, as in the group (lines, credits, another currency, print)."""

    allowed_roles = COMPANY_ROLES
    template_name = "costs/statement.html"

    def get_context_data(self, **kwargs):
        context = statement_context(
            self.request, lambda currency: selectors.former_statement(self.access, self.kwargs["group_id"], currency)
        )
        return super().get_context_data(
            **context,
            group=context["statement"].group,
            former=True,
            csv_url=reverse("former_costs:statement_csv", kwargs=self.kwargs),
            pdf_url=reverse("former_costs:statement_pdf", kwargs=self.kwargs),
            **kwargs,
        )


class FormerStatementExportView(AssociationMixin, View):
    """That statement to download: `export` ("csv" or "pdf") is set by the URL; ?currency= as on the page."""

    allowed_roles = COMPANY_ROLES
    http_method_names = ["get"]
    export = "csv"

    def get(self, request, slug, group_id):
        currency = chosen_currency(StatementCurrencyForm(request.GET))
        return statement_download(selectors.former_statement(self.access, group_id, currency), self.export)
