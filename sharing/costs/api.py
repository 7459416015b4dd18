"""REST endpoints of a group's cost sharing, under /api/v1/a/<slug>/groups/<group_id>/costs/. Participants past
the invitation read the versions and the group's totals; a company its own statement; the treasurer manages;
counsel import their invoices and read them. Outsiders, moderators included, get the 404 of a missing group."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from accounts.models import User
from sharing.costs import selectors, services
from sharing.costs.exports import statement_download
from sharing.costs.serializers import (
    CostSummarySerializer,
    CostVersionSerializer,
    CreditInputSerializer,
    CreditSerializer,
    ExpenseInputSerializer,
    ExpenseSerializer,
    FigureInputSerializer,
    FormerGroupSerializer,
    InvoiceDetailSerializer,
    InvoiceSerializer,
    InvoiceUploadSerializer,
    LedgerChangeSerializer,
    PaidInputSerializer,
    RateInputSerializer,
    StatementQuerySerializer,
    StatementSerializer,
    TreasurerInputSerializer,
    VersionInputSerializer,
)
from sharing.counsel.models import Engagement
from sharing.defense.access import Level
from sharing.defense.api import GroupAPIView, UploadGroupView, for_participants
from sharing.defense.models import DefenseGroup
from tenancy.access import COMPANY_ROLES, NoAccess
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView
from tenancy.models import Company

MAX_LEDES_BYTES = 20 * 1024 * 1024


class CostsView(GroupAPIView):
    """A cost-sharing endpoint of a group: past the invitation, else the 404 of a missing group."""

    levels = {"GET": Level.SUMMARY, "POST": Level.SUMMARY, "DELETE": Level.SUMMARY}
    hide_below_level = True
    role_map = for_participants("GET", "POST", "DELETE")
    pagination_class = None  # a group's versions, expenses, invoices and changes come whole

    def version_data(self, versions) -> Any:
        terms = {version.pk: list(selectors.visible_terms(self.gaccess, version)) for version in versions}
        context = {**self.get_serializer_context(), "terms": terms}
        return CostVersionSerializer(versions, many=True, context=context).data


class CostSummaryView(CostsView):
    """The group's cost sharing at a glance: the treasurer, the versions, the group's totals per currency, and
    whether you are the treasurer."""

    serializer_class = CostVersionSerializer

    @extend_schema(responses=CostSummarySerializer)
    def get(self, request, slug, group_id):
        treasurer = getattr(self.gaccess.group, "treasurer", None)
        versions = list(selectors.versions(self.gaccess).prefetch_related("acceptances"))
        return Response({
            "treasurer": treasurer.user.display_name if treasurer else None,
            "you_are_treasurer": selectors.is_treasurer(self.gaccess),
            "versions": self.version_data(versions),
            "totals": selectors.group_totals(self.gaccess),
        })  # fmt: skip


class TreasurerView(CostsView):
    """The lead's admins appoint the treasurer (one of a participating company's people)."""

    serializer_class = TreasurerInputSerializer

    @extend_schema(request=TreasurerInputSerializer, responses={200: None})
    def post(self, request, slug, group_id):
        user = User.objects.filter(pk=self.body(TreasurerInputSerializer)["user"]).first()
        if user is None:
            raise ValidationError({"user": _("Choose a person of a company in the group.")})
        services.treasurer_appoint(gaccess=self.gaccess, user=user)
        return Response(status=status.HTTP_200_OK)


class VersionListView(CostsView):
    """The agreement's versions, oldest first. POST (the treasurer): propose a new one; it takes effect once every
    company sharing costs accepted it."""

    serializer_class = CostVersionSerializer

    @extend_schema(responses=CostVersionSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.version_data(list(selectors.versions(self.gaccess).prefetch_related("acceptances"))))

    @extend_schema(request=VersionInputSerializer, responses={201: CostVersionSerializer})
    def post(self, request, slug, group_id):
        version = services.version_propose(gaccess=self.gaccess, data=self.body(VersionInputSerializer))
        return Response(self.version_data([version])[0], status=status.HTTP_201_CREATED)


class FigureView(CostsView):
    """Your company declares its figure for a weighted version (seen by the treasurer and your company only)."""

    serializer_class = FigureInputSerializer

    @extend_schema(request=FigureInputSerializer, responses={200: CostVersionSerializer})
    def post(self, request, slug, group_id, number):
        version = selectors.get_version(self.gaccess, number)
        services.figure_declare(gaccess=self.gaccess, version=version, **self.body(FigureInputSerializer))
        return Response(self.version_data([version])[0])


class AcceptView(CostsView):
    """Your company accepts the version (a company admin); accepting the version in force joins the cost sharing."""

    serializer_class = CostVersionSerializer

    @extend_schema(request=None, responses={200: CostVersionSerializer})
    def post(self, request, slug, group_id, number):
        version = selectors.get_version(self.gaccess, number)
        services.version_accept(gaccess=self.gaccess, version=version)
        return Response(self.version_data([selectors.get_version(self.gaccess, number)])[0])


class WithdrawView(CostsView):
    """Take your company out of the cost sharing: liable for the expenses dated up to today, none after."""

    serializer_class = CostVersionSerializer

    @extend_schema(request=None, responses={204: None})
    def post(self, request, slug, group_id):
        services.cost_withdraw(gaccess=self.gaccess)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExpenseListView(CostsView):
    """The group's expenses (the treasurer and the companies). POST (the treasurer): one by hand."""

    serializer_class = ExpenseSerializer

    @extend_schema(responses=ExpenseSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.expenses(self.gaccess), many=True).data)

    @extend_schema(request=ExpenseInputSerializer, responses={201: ExpenseSerializer})
    def post(self, request, slug, group_id):
        expense = services.expense_add(gaccess=self.gaccess, data=self.body(ExpenseInputSerializer))
        return Response(self.get_serializer(expense).data, status=status.HTTP_201_CREATED)


class ExpenseDetailView(CostsView):
    """DELETE (the treasurer): remove an expense entered by mistake."""

    serializer_class = ExpenseSerializer

    def delete(self, request, slug, group_id, pk):
        expense = selectors.expenses(self.gaccess).filter(pk=pk).first()
        if expense is None:
            raise NoAccess
        services.expense_remove(gaccess=self.gaccess, expense=expense)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RateView(CostsView):
    """Record the rate of the expense's currency into another, for statements in that currency."""

    serializer_class = RateInputSerializer

    @extend_schema(request=RateInputSerializer, responses={200: None})
    def post(self, request, slug, group_id, pk):
        expense = selectors.expenses(self.gaccess).filter(pk=pk).first()
        if expense is None:
            raise NoAccess
        services.rate_set(gaccess=self.gaccess, expense=expense, data=self.body(RateInputSerializer))
        return Response(status=status.HTTP_200_OK)


class InvoiceListView(UploadGroupView, CostsView):
    """The group's invoices (counsel: the ones they submitted, with whether they are paid). POST: import a LEDES
    1998B file for one of the group's engagements (the treasurer, or the engaged firm's counsel); a file with any
    error imports nothing and the error lists each one with its line and field."""

    serializer_class = InvoiceSerializer

    @extend_schema(responses=InvoiceSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.invoices(self.gaccess), many=True).data)

    @extend_schema(request=InvoiceUploadSerializer, responses={201: InvoiceSerializer(many=True)})
    def post(self, request, slug, group_id):
        data = self.upload(InvoiceUploadSerializer)
        engagement = Engagement.objects.filter(group=self.gaccess.group, pk=data["engagement"]).first()
        if engagement is None:
            raise ValidationError({"engagement": _("Choose one of the group's engagements.")})
        upload = data["file"]
        if upload.size > MAX_LEDES_BYTES:
            raise ValidationError({"file": _("A LEDES file is at most 20 MB.")})
        imported = services.invoice_import(
            gaccess=self.gaccess, engagement=engagement, file_name=upload.name, content=upload.read(),
            currency=data["currency"],
        )  # fmt: skip
        return Response(self.get_serializer(imported, many=True).data, status=status.HTTP_201_CREATED)


class InvoiceDetailView(CostsView):
    """One invoice with its lines and their UTBMS codes' names."""

    serializer_class = InvoiceDetailSerializer

    def get(self, request, slug, group_id, pk):
        invoice = selectors.get_invoice(self.gaccess, pk)
        return Response(self.get_serializer(invoice).data)


class InvoicePaidView(CostsView):
    """The treasurer records that the group paid the invoice."""

    serializer_class = InvoiceSerializer

    @extend_schema(request=PaidInputSerializer, responses={200: InvoiceSerializer})
    def post(self, request, slug, group_id, pk):
        invoice = selectors.get_invoice(self.gaccess, pk)
        invoice = services.invoice_mark_paid(gaccess=self.gaccess, invoice=invoice, **self.body(PaidInputSerializer))
        return Response(self.get_serializer(invoice).data)


class CreditListView(CostsView):
    """POST (the treasurer): a company's payment, or a subsidy or insurance reimbursement it received."""

    serializer_class = CreditSerializer

    @extend_schema(request=CreditInputSerializer, responses={201: CreditSerializer})
    def post(self, request, slug, group_id):
        body = self.body(CreditInputSerializer)
        company = Company.objects.filter(pk=body.pop("company")).first()
        if company is None:
            raise ValidationError({"company": _("Choose a company that shares this group's costs.")})
        credit = services.credit_record(gaccess=self.gaccess, company=company, data=body)
        return Response(self.get_serializer(credit).data, status=status.HTTP_201_CREATED)


def statement_currency(request) -> str | None:
    """The `currency` to convert a statement into, if asked for; an unknown one is a 400."""
    query = StatementQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("currency")


def _statement(view: CostsView, company_id):
    company = selectors.statement_companies(view.gaccess.group.pk).filter(pk=company_id).first()
    if company is None:
        raise NoAccess
    return selectors.statement(view.gaccess, company, currency=statement_currency(view.request))


class StatementView(CostsView):
    """A company's statement (its own people and the treasurer): per currency allocated, paid, reimbursed and
    outstanding; each line with the expense, version and method behind it; `?currency=CNY` converts it at the
    rates recorded per expense."""

    serializer_class = StatementSerializer

    @extend_schema(parameters=[StatementQuerySerializer])
    def get(self, request, slug, group_id, company_id):
        return Response(self.get_serializer(_statement(self, company_id)).data)


class StatementCsvView(CostsView):
    """The statement as CSV: one row per share, then the credits."""

    serializer_class = StatementSerializer

    @extend_schema(responses={(200, "text/csv"): bytes})
    def get(self, request, slug, group_id, company_id):
        return statement_download(_statement(self, company_id), "csv")


class StatementPdfView(CostsView):
    """The statement as PDF, as its printable page reads (`?currency=` adds the converted totals)."""

    serializer_class = StatementSerializer

    @extend_schema(parameters=[StatementQuerySerializer], responses={(200, "application/pdf"): bytes})
    def get(self, request, slug, group_id, company_id):
        return statement_download(_statement(self, company_id), "pdf")


class LedgerChangeListView(CostsView):
    """Why the statements changed, newest first, with each company's allocated totals before and after (a company
    sees only its own)."""

    serializer_class = LedgerChangeSerializer

    @extend_schema(responses=LedgerChangeSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.ledger_changes(self.gaccess), many=True).data)


# The groups a company left --------------------------------------------------------------------------------------


class FormerGroupListView(AssociationListAPIView):
    """The groups whose costs your company shared and that it left (or was removed from): it stays liable for the
    expenses dated up to its withdrawal, so its statement there stays readable."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = FormerGroupSerializer
    cursor_ordering = ("name", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DefenseGroup.objects.none()
        return selectors.former_groups(self.access)


class FormerStatementView(AssociationGenericAPIView):
    """Your company's statement in a group it left, as its statement in the group reads."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = StatementSerializer

    @extend_schema(parameters=[StatementQuerySerializer])
    def get(self, request, slug, group_id):
        statement = selectors.former_statement(self.access, group_id, currency=statement_currency(request))
        return Response(self.get_serializer(statement).data)


class FormerStatementCsvView(AssociationGenericAPIView):
    """That statement as CSV: one row per share, then the credits."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = StatementSerializer

    @extend_schema(responses={(200, "text/csv"): bytes})
    def get(self, request, slug, group_id):
        return statement_download(selectors.former_statement(self.access, group_id), "csv")


class FormerStatementPdfView(AssociationGenericAPIView):
    """That statement as PDF (`?currency=` adds the converted totals)."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = StatementSerializer

    @extend_schema(parameters=[StatementQuerySerializer], responses={(200, "application/pdf"): bytes})
    def get(self, request, slug, group_id):
        statement = selectors.former_statement(self.access, group_id, currency=statement_currency(request))
        return statement_download(statement, "pdf")
