"""Cost-sharing pages of a defense group, mounted at /a/<slug>/groups/<group_id>/costs/.

They resolve the caller's participation as every group page does (sharing.defense.views.GroupMixin): anyone who is
not past the invitation gets the 404 of a missing group, and so does a participant on a page its role does not
open (the treasurer's forms, a company admin's buttons, another company's statement). The rules themselves are the
services' and selectors' (sharing.costs.services, .selectors): these views read with one selector and write with
one service call, and show a service's refusal on the form. The REST endpoints (sharing.costs.api) do the same.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from sharing.costs import selectors, services
from sharing.costs.amounts import units
from sharing.costs.exports import statement_download
from sharing.costs.forms import (
    CreditForm,
    ExpenseForm,
    FigureForm,
    InvoiceUploadForm,
    PaidForm,
    RateForm,
    StatementCurrencyForm,
    TreasurerForm,
    VersionForm,
)
from sharing.costs.models import CostVersion, ImportStatus, Method
from sharing.counsel import selectors as counsel_selectors
from sharing.defense.access import Level
from sharing.defense.views import GroupMixin
from tenancy.access import NoAccess
from tenancy.models import Company
from web.pagination import page_of
from web.service_views import ServiceActionView, ServiceFormView

if TYPE_CHECKING:
    from django.views.generic.base import ContextMixin

    from sharing.defense.access import GroupAccess

    class _MixedInto(ContextMixin, View):
        """What _Gate is mixed into (after GroupMixin, which sets `gaccess`)."""

        gaccess: GroupAccess
else:
    _MixedInto = object

WEIGHTED = (Method.WEIGHTED, Method.BASE_WEIGHTED)

# Why the statements changed (LedgerChange.cause).
CAUSES = {
    "version": gettext_lazy("An agreement version took effect, or a company joined the cost sharing"),
    "withdrawal": gettext_lazy("A company withdrew from the cost sharing"),
    "expense": gettext_lazy("An expense was added or removed"),
    "invoice": gettext_lazy("Invoices were imported"),
}


def costs_url(name: str, slug: str, group_id: int, **kwargs: Any) -> str:
    return reverse(f"costs:{name}", kwargs={"slug": slug, "group_id": group_id, **kwargs})


@dataclass(frozen=True)
class CostRole:
    """What the caller is in the group's cost sharing."""

    treasurer: bool
    company: Company | None  # the caller's company, when it takes part in the group (not counsel)
    company_admin: bool  # an admin of that company: declares, accepts, withdraws

    @property
    def reads_ledger(self) -> bool:
        """Reads the expenses, its company's statement and the ledger's changes: the treasurer and the companies."""
        return self.treasurer or self.company is not None


class _Gate(_MixedInto):
    """Runs once GroupMixin resolved `self.gaccess`: a caller `permitted` refuses gets the 404 of a missing group,
    before any form is read."""

    def permitted(self) -> bool:
        return True

    @cached_property
    def role(self) -> CostRole:
        company = selectors.own_company(self.gaccess)
        return CostRole(
            treasurer=selectors.is_treasurer(self.gaccess),
            company=company,
            company_admin=company is not None and self.gaccess.access.is_company_admin,
        )

    def dispatch(self, request, *args, **kwargs):
        if not self.permitted():
            raise NoAccess
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(role=self.role, **kwargs)

    def costs_url(self, name: str = "overview", **kwargs: Any) -> str:
        return costs_url(name, self.gaccess.access.association.slug, self.gaccess.group.pk, **kwargs)


class CostsMixin(GroupMixin, _Gate):
    """A cost-sharing page: for participants past the invitation, and those `permitted` lets in."""

    minimum = Level.SUMMARY


class CostsAction(CostsMixin, ServiceActionView):
    """A POST button: one service call, back to `success` (a costs URL name) with a message."""

    success = "overview"

    def get_success_url(self) -> str:
        return self.costs_url(self.success)


class _OnlyTreasurerPosts(_MixedInto):
    """A page every reader in `permitted` opens, whose form only the treasurer submits."""

    role: CostRole

    def post(self, request, *args, **kwargs):
        if not self.role.treasurer:
            raise NoAccess
        return super().post(request, *args, **kwargs)  # type: ignore[misc]


# The overview ------------------------------------------------------------------------------------------------


@dataclass
class VersionRow:
    version: CostVersion
    accepted: int  # companies (of those it waits for) that accepted it
    waiting_for: int


class OverviewView(CostsMixin, TemplateView):
    """The treasurer, the agreement's versions, the group's totals, the caller's company's statement, what is not
    split yet and why, and the actions the caller's role allows."""

    template_name = "costs/overview.html"

    def get_context_data(self, **kwargs):
        gaccess, role = self.gaccess, self.role
        group = gaccess.group
        waiting = selectors.sharing_companies(group.pk)
        rows = []
        for version in selectors.versions(gaccess).prefetch_related("acceptances"):
            accepted = {acceptance.company_id for acceptance in version.acceptances.all()}
            rows.append(VersionRow(version, len(accepted & waiting), len(waiting)))
        context: dict[str, Any] = {
            "treasurer": getattr(group, "treasurer", None),
            "versions": rows,
            "totals": [
                (currency, sums, sums["expenses"] - sums["allocated"])
                for currency, sums in sorted(selectors.group_totals(gaccess).items())
            ],
            "statement": None,
            "sharing_now": False,
            "unsplit": [],
        }
        if role.company is not None:
            statement = selectors.statement(gaccess, role.company)
            context["statement"] = statement
            context["sharing_now"] = any(period.end is None for period in statement.periods)
        if role.reads_ledger:
            context["unsplit"] = selectors.unsplit(group.pk)
        if role.treasurer:
            totals = selectors.company_totals(gaccess)
            context["companies"] = [
                (company, sorted(totals.get(company.pk, {}).items()))
                for company in selectors.statement_companies(group.pk)
            ]
        return super().get_context_data(**context, **kwargs)


# The treasurer -----------------------------------------------------------------------------------------------


class TreasurerView(CostsMixin, ServiceFormView):
    """The lead's admins choose the treasurer among the people of the group's active companies."""

    form_class = TreasurerForm
    template_name = "costs/treasurer.html"

    def permitted(self) -> bool:
        return self.gaccess.manages

    def get_form_kwargs(self):
        people = (
            get_user_model()
            .objects.filter(is_active=True, company__in=selectors.active_companies(self.gaccess.group.pk))
            .select_related("company")
            .order_by("company__legal_name_en", "display_name", "pk")
        )
        return {**super().get_form_kwargs(), "people": people}

    def get_initial(self):
        treasurer = getattr(self.gaccess.group, "treasurer", None)
        return {"user": treasurer.user_id if treasurer else None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(treasurer=getattr(self.gaccess.group, "treasurer", None), **kwargs)

    def perform(self, form):
        treasurer = services.treasurer_appoint(gaccess=self.gaccess, user=form.cleaned_data["user"])
        return _("%(name)s is the group's treasurer.") % {"name": treasurer.user.display_name}

    def get_success_url(self) -> str:
        return self.costs_url()


# Agreement versions ------------------------------------------------------------------------------------------


class VersionProposeView(CostsMixin, ServiceFormView):
    """The treasurer proposes a new version: its method, currency and dates, and per company its percentage
    (percent method) and its cap."""

    form_class = VersionForm
    template_name = "costs/version_propose.html"

    def permitted(self) -> bool:
        return self.role.treasurer

    def get_form_kwargs(self):
        companies = selectors.active_companies(self.gaccess.group.pk).order_by("legal_name_en", "pk")
        return {**super().get_form_kwargs(), "companies": companies}

    def get_initial(self):
        return {"method": Method.EQUAL, "effective_on": timezone.localdate()}

    def perform(self, form):
        try:
            self.version = services.version_propose(gaccess=self.gaccess, data=form.service_data())
        except ValidationError as error:
            raise form.on_rows(error) from None
        return _("Version %(number)d is proposed. It takes effect once every company sharing costs accepts it.") % {
            "number": self.version.number
        }

    def get_success_url(self) -> str:
        return self.costs_url("version", number=self.version.number)


class VersionView(CostsMixin, ServiceFormView):
    """One version: its terms as the caller may read them, who accepted it, and for a company's admin the
    figure to declare (weighted methods) and the button to accept. POST declares the figure."""

    form_class = FigureForm
    template_name = "costs/version.html"

    @cached_property
    def version(self) -> CostVersion:
        return selectors.get_version(self.gaccess, self.kwargs["number"])

    def post(self, request, *args, **kwargs):
        self.version  # noqa: B018 (a missing version is a 404 first)
        if not self.role.company_admin or self.version.method not in WEIGHTED:
            raise NoAccess
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        version, role = self.version, self.role
        terms = list(selectors.visible_terms(self.gaccess, version))
        acceptances = list(selectors.acceptances(version))
        own_term = next((term for term in terms if role.company and term.company_id == role.company.pk), None)
        own_accepted = role.company is not None and any(a.company_id == role.company.pk for a in acceptances)
        waiting = selectors.sharing_companies(self.gaccess.group.pk)
        return super().get_context_data(
            version=version,
            weighted=version.method in WEIGHTED,
            terms=terms,
            acceptances=acceptances,
            accepted_count=len({a.company_id for a in acceptances} & waiting),
            waiting_count=len(waiting),
            own_term=own_term,
            own_accepted=own_accepted,
            can_declare=role.company_admin and version.method in WEIGHTED
            and not (version.in_force_at and own_accepted),
            can_accept=role.company_admin and not own_accepted,
            **kwargs,
        )  # fmt: skip

    def perform(self, form):
        services.figure_declare(gaccess=self.gaccess, version=self.version, figure=form.cleaned_data["figure"])
        return _("Your company's figure is saved. Only your company and the treasurer see it.")

    def get_success_url(self) -> str:
        return self.costs_url("version", number=self.version.number)


class VersionAcceptView(CostsAction):
    def permitted(self) -> bool:
        return self.role.company_admin

    def perform(self):
        version = selectors.get_version(self.gaccess, self.kwargs["number"])
        services.version_accept(gaccess=self.gaccess, version=version)
        version = selectors.get_version(self.gaccess, version.number)
        if version.in_force_at is not None:
            return _("Your company accepted version %(number)d; it is in force.") % {"number": version.number}
        return _("Your company accepted version %(number)d; it takes effect once every company accepts it.") % {
            "number": version.number
        }

    def get_success_url(self) -> str:
        return self.costs_url("version", number=self.kwargs["number"])


class WithdrawView(CostsAction):
    """A company's admin takes the company out of the cost sharing (liable for what is dated up to today)."""

    def permitted(self) -> bool:
        return self.role.company_admin

    def perform(self):
        services.cost_withdraw(gaccess=self.gaccess)
        return _("Your company no longer shares this group's costs: it stays liable for what is dated up to today.")


# Expenses ----------------------------------------------------------------------------------------------------


class ExpenseListView(_OnlyTreasurerPosts, CostsMixin, ServiceFormView):
    """The group's expenses (the treasurer and the companies); the treasurer adds one by hand."""

    form_class = ExpenseForm
    template_name = "costs/expenses.html"

    def permitted(self) -> bool:
        return self.role.reads_ledger

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "engagements": counsel_selectors.engagements(self.gaccess)}

    def get_initial(self):
        return {"incurred_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        listed = selectors.expenses(self.gaccess).prefetch_related("rates").order_by("-incurred_on", "-id")
        return super().get_context_data(page_obj=page_of(self.request, listed), **kwargs)

    def perform(self, form):
        expense = services.expense_add(gaccess=self.gaccess, data=form.service_data())
        return _("The expense of %(currency)s %(amount)s is added.") % {
            "currency": expense.currency, "amount": units(expense.cents)}  # fmt: skip

    def get_success_url(self) -> str:
        return self.costs_url("expenses")


class _Expense(_MixedInto):
    role: CostRole

    @cached_property
    def expense(self):
        found = selectors.expenses(self.gaccess).filter(pk=self.kwargs["expense_id"]).first()
        if found is None:
            raise NoAccess
        return found


class ExpenseRemoveView(_Expense, CostsAction):
    success = "expenses"

    def permitted(self) -> bool:
        return self.role.treasurer

    def perform(self):
        services.expense_remove(gaccess=self.gaccess, expense=self.expense)
        return _("The expense is removed and the ledger computed again.")


class ExpenseRateView(_Expense, CostsMixin, ServiceFormView):
    """The rate of the expense's currency into another, for statements in that currency (the treasurer, or a
    company's admin)."""

    form_class = RateForm
    template_name = "costs/rate.html"

    def permitted(self) -> bool:
        return self.role.treasurer or self.role.company_admin

    def get_initial(self):
        return {"rate_date": self.expense.incurred_on}

    def get_context_data(self, **kwargs):
        rates = self.expense.rates.select_related("entered_by").order_by("currency")
        return super().get_context_data(expense=self.expense, rates=rates, **kwargs)

    def perform(self, form):
        rate = services.rate_set(gaccess=self.gaccess, expense=self.expense, data=form.cleaned_data)
        return _("The rate into %(currency)s is recorded.") % {"currency": rate.currency}

    def get_success_url(self) -> str:
        return self.costs_url("expense_rate", expense_id=self.expense.pk)


# Invoices ----------------------------------------------------------------------------------------------------


class InvoiceListView(CostsMixin, ServiceFormView):
    """The invoices the caller may read (counsel: the ones they submitted, with whether they are paid), and the
    LEDES upload for the treasurer and the engaged firms' counsel: queued, checked and written in the background
    (InvoiceImportView shows how it goes), so that a file of 10,000 lines shows its progress."""

    form_class = InvoiceUploadForm
    template_name = "costs/invoices.html"

    @cached_property
    def submittable(self):
        """The group's engagements the caller may submit invoices for."""
        engagements = counsel_selectors.engagements(self.gaccess)
        allowed = [e.pk for e in engagements if services.may_submit_invoices(self.gaccess, e)]
        return engagements.filter(pk__in=allowed)

    def post(self, request, *args, **kwargs):
        if not self.submittable.exists():
            raise NoAccess
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "engagements": self.submittable}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_obj=page_of(self.request, selectors.invoices(self.gaccess)),
            can_submit=self.submittable.exists(),
            **kwargs,
        )

    def perform(self, form):
        upload = form.cleaned_data["file"]
        self.job = services.invoice_import_queue(
            gaccess=self.gaccess, engagement=form.cleaned_data["engagement"], file_name=upload.name,
            content=upload.read(), currency=form.cleaned_data["currency"],
        )  # fmt: skip
        return None  # the import's page says how it goes

    def get_success_url(self) -> str:
        return self.costs_url("invoice_import", import_id=self.job.pk)


class InvoiceImportView(CostsMixin, TemplateView):
    """A LEDES import's progress (lines checked of the file's lines), reloading itself every few seconds until it
    ends; then the invoices it created, or every error of the file with its line and field (nothing imported)."""

    template_name = "costs/invoice_import.html"
    REFRESH_SECONDS = 2

    def get_context_data(self, **kwargs):
        job = selectors.get_import(self.gaccess, self.kwargs["import_id"])
        return super().get_context_data(
            job=job,
            refresh=None if job.ended else self.REFRESH_SECONDS,
            writing=job.status == ImportStatus.RUNNING and job.lines_total and job.lines_done >= job.lines_total,
            created=selectors.invoices(self.gaccess).filter(pk__in=job.invoices) if job.invoices else [],
            **kwargs,
        )


class InvoiceView(_OnlyTreasurerPosts, CostsMixin, ServiceFormView):
    """One invoice with its lines and their UTBMS codes' names; the treasurer marks it paid."""

    form_class = PaidForm
    template_name = "costs/invoice.html"

    @cached_property
    def invoice(self):
        return selectors.get_invoice(self.gaccess, self.kwargs["invoice_id"])

    def get_initial(self):
        return {"paid_on": self.invoice.paid_on or timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(invoice=self.invoice, lines=self.invoice.lines.all(), **kwargs)

    def post(self, request, *args, **kwargs):
        self.invoice  # noqa: B018 (a missing invoice is a 404 first)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        invoice = services.invoice_mark_paid(gaccess=self.gaccess, invoice=self.invoice, **form.cleaned_data)
        return _("Invoice %(number)s is marked paid.") % {"number": invoice.number}

    def get_success_url(self) -> str:
        return self.costs_url("invoice", invoice_id=self.invoice.pk)


# Credits -----------------------------------------------------------------------------------------------------


class CreditView(CostsMixin, ServiceFormView):
    """The treasurer records a company's payment, or a subsidy or insurance reimbursement it received."""

    form_class = CreditForm
    template_name = "costs/credit.html"

    def permitted(self) -> bool:
        return self.role.treasurer

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "companies": selectors.statement_companies(self.gaccess.group.pk)}

    def get_initial(self):
        return {"received_on": timezone.localdate(), "company": self.request.GET.get("company")}

    def perform(self, form):
        data = dict(form.cleaned_data)
        self.company = data.pop("company")
        credit = services.credit_record(gaccess=self.gaccess, company=self.company, data=data)
        return _("Recorded for %(company)s: %(kind)s, %(currency)s %(amount)s.") % {
            "company": self.company.legal_name_en, "kind": credit.get_kind_display(), "currency": credit.currency,
            "amount": units(credit.cents)}  # fmt: skip

    def get_success_url(self) -> str:
        return self.costs_url("statement", company_id=self.company.pk)


# Statements and the ledger's changes ------------------------------------------------------------------------


class _Statement(_MixedInto):
    """The statement of the company in the URL: its own people and the treasurer; a company that has no statement
    in this group is a 404 like any other."""

    def statement(self, currency: str | None = None) -> selectors.Statement:
        company = selectors.statement_companies(self.gaccess.group.pk).filter(pk=self.kwargs["company_id"]).first()
        if company is None:
            raise NoAccess
        return selectors.statement(self.gaccess, company, currency=currency)


def chosen_currency(chooser: StatementCurrencyForm) -> str | None:
    """The currency ?currency= asks the statement in; none for an unknown one (the form then says why)."""
    return (chooser.cleaned_data["currency"] or None) if chooser.is_valid() else None


def statement_context(request, statement: Callable[[str | None], selectors.Statement]) -> dict[str, Any]:
    """What costs/statement.html shows of the statement `statement(currency)` gives: ?currency= converts it at the
    rates recorded per expense; ?print=1 is the printable layout."""
    chooser = StatementCurrencyForm(request.GET)
    found = statement(chosen_currency(chooser))
    return {
        "statement": found, "company": found.company, "totals": sorted(found.totals.items()), "chooser": chooser,
        "converted_totals": [(found.currency, found.converted)] if found.converted else [],
        "printable": request.GET.get("print") == "1",
    }  # fmt: skip


class StatementView(_Statement, CostsMixin, TemplateView):
    """Per currency allocated, paid, reimbursed and outstanding; each line with the expense, version and method
    behind it ("why do I owe this?"); the credits."""

    template_name = "costs/statement.html"

    def get_context_data(self, **kwargs):
        context = statement_context(self.request, self.statement)
        company_id = context["company"].pk
        return super().get_context_data(
            **context,
            csv_url=self.costs_url("statement_csv", company_id=company_id),
            pdf_url=self.costs_url("statement_pdf", company_id=company_id),
            **kwargs,
        )


class StatementExportView(_Statement, CostsMixin, View):
    """The statement to download: `export` ("csv" or "pdf") is set by the URL; ?currency= as on the page."""

    http_method_names = ["get"]
    export = "csv"

    def get(self, request, *args, **kwargs):
        currency = chosen_currency(StatementCurrencyForm(request.GET))
        return statement_download(self.statement(currency), self.export)


@dataclass
class ChangeRow:
    cause: str
    created_at: Any
    entries: list[tuple[str, str, int, int]]  # company's name, currency, before, after


class ChangesView(CostsMixin, TemplateView):
    """Why the statements changed, newest first: per company and currency, the allocated total before and after
    (a company sees only its own)."""

    template_name = "costs/changes.html"

    def get_context_data(self, **kwargs):
        changes = selectors.ledger_changes(self.gaccess)
        names = {str(c.pk): c.legal_name_en for c in selectors.statement_companies(self.gaccess.group.pk)}
        rows = [
            ChangeRow(
                str(CAUSES.get(change.cause, change.cause)),
                change.created_at,
                [
                    (names.get(company, "—"), currency, before, after)
                    for company, currencies in sorted(change.details.items(), key=lambda i: names.get(i[0], ""))
                    for currency, (before, after) in sorted(currencies.items())
                ],
            )
            for change in changes
        ]
        return super().get_context_data(page_obj=page_of(self.request, rows), **kwargs)
