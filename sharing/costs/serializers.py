"""What the cost-sharing endpoints read and write. Amounts go out as decimal strings in their currency ("1250.00")
and as integer cents; they come in as decimal strings, parsed to cents by the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField
from sharing.costs import utbms
from sharing.costs.amounts import units
from sharing.costs.models import (
    CostAcceptance,
    CostTerm,
    CostVersion,
    Credit,
    Expense,
    Invoice,
    InvoiceLine,
    LedgerChange,
    Share,
)
from sharing.defense.models import DefenseGroup
from sharing.reports.choices import Currency


@extend_schema_field({"type": "string", "example": "1250.00"})
class MoneyField(serializers.Field):
    """Cents shown as a decimal string of the currency's units."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return units(value)


class CostTermSerializer(serializers.ModelSerializer):
    cap = MoneyField(source="cap_cents", allow_null=True)

    class Meta:
        model = CostTerm
        fields = ["company", "figure", "cap", "declared_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.cap_cents is None:
            data["cap"] = None
        return data


class CostAcceptanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostAcceptance
        fields = ["company", "accepted_at"]
        read_only_fields = fields


class CostVersionSerializer(serializers.ModelSerializer):
    """A version of the cost-sharing agreement; `terms` as the caller may read them (declared weights only for the
    treasurer and the declaring company)."""

    terms = serializers.SerializerMethodField()
    acceptances = CostAcceptanceSerializer(many=True, read_only=True)

    class Meta:
        model = CostVersion
        fields = ["number", "method", "measure", "base_percent", "currency", "effective_on", "past_costs_from", "note",
                  "created_at", "in_force_at", "terms", "acceptances"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(CostTermSerializer(many=True))
    def get_terms(self, version):
        return CostTermSerializer(self.context["terms"].get(version.pk, []), many=True).data


class TermInputSerializer(serializers.Serializer):
    company = IdField()
    percent = serializers.CharField(required=False, allow_blank=True, help_text=_("Percent method: its percentage."))
    cap = serializers.CharField(required=False, allow_blank=True, help_text=_("The most it carries in all."))


class VersionInputSerializer(serializers.Serializer):
    method = serializers.CharField()
    measure = serializers.CharField(required=False, allow_blank=True)
    base_percent = serializers.CharField(required=False, allow_blank=True)
    currency = serializers.CharField(required=False)
    effective_on = serializers.CharField()
    past_costs_from = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)
    terms = TermInputSerializer(many=True, required=False)


class FigureInputSerializer(serializers.Serializer):
    figure = serializers.CharField()


class TreasurerInputSerializer(serializers.Serializer):
    user = IdField()


class ExpenseSerializer(serializers.ModelSerializer):
    amount = MoneyField(source="cents")
    invoice_number = serializers.CharField(source="invoice.number", read_only=True, default=None)

    class Meta:
        model = Expense
        fields = ["id", "payee", "incurred_on", "category", "amount", "cents", "currency", "description", "engagement",
                  "invoice", "invoice_number", "created_at"]  # fmt: skip
        read_only_fields = fields


class ExpenseInputSerializer(serializers.Serializer):
    payee = serializers.CharField(allow_blank=True)
    incurred_on = serializers.CharField()
    category = serializers.CharField()
    amount = serializers.CharField(help_text=_("A decimal amount, such as 1250.00."))
    currency = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True)
    engagement = IdField(required=False, allow_null=True)


class RateInputSerializer(serializers.Serializer):
    currency = serializers.CharField()
    rate = serializers.CharField()
    rate_date = serializers.CharField()
    # A declared field named "source" (as the reports' preview): Field.source, the attribute the stubs see, is
    # untouched.
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]


class CreditInputSerializer(serializers.Serializer):
    company = IdField()
    kind = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()
    received_on = serializers.CharField()
    reference = serializers.CharField(required=False, allow_blank=True)


class CreditSerializer(serializers.ModelSerializer):
    amount = MoneyField(source="cents")

    class Meta:
        model = Credit
        fields = ["id", "company", "kind", "amount", "cents", "currency", "received_on", "reference"]
        read_only_fields = fields


class InvoiceLineSerializer(serializers.ModelSerializer):
    total = MoneyField(source="total_cents")
    task_name = serializers.SerializerMethodField()
    activity_name = serializers.SerializerMethodField()
    expense_name = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceLine
        fields = ["number", "kind", "units", "total", "date", "task_code", "task_name", "activity_code",
                  "activity_name", "expense_code", "expense_name", "timekeeper_name", "description"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_task_name(self, line):
        return utbms.task_name(line.task_code) if line.task_code else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_activity_name(self, line):
        return utbms.activity_name(line.activity_code) if line.activity_code else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_expense_name(self, line):
        return utbms.expense_name(line.expense_code) if line.expense_code else None


class InvoiceSerializer(serializers.ModelSerializer):
    total = MoneyField(source="total_cents")
    firm_name = serializers.CharField(source="firm.name_en", read_only=True)

    class Meta:
        model = Invoice
        fields = ["id", "number", "firm", "firm_name", "engagement", "issued_on", "billing_start", "billing_end",
                  "currency", "total", "total_cents", "description", "file_name", "submitted_at",
                  "paid_on"]  # fmt: skip
        read_only_fields = fields


class InvoiceDetailSerializer(InvoiceSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)

    class Meta(InvoiceSerializer.Meta):
        fields = [*InvoiceSerializer.Meta.fields, "lines"]
        read_only_fields = fields


class InvoiceUploadSerializer(serializers.Serializer):
    engagement = IdField()
    currency = serializers.CharField(default="USD")
    file = serializers.FileField(help_text=_("A LEDES 1998B file."))


class PaidInputSerializer(serializers.Serializer):
    paid_on = serializers.CharField()


class ShareSerializer(serializers.ModelSerializer):
    """One line of a statement: the share, and the expense, version and method that produced it."""

    amount = MoneyField(source="cents")
    without_caps = MoneyField(source="uncapped_cents")
    expense = ExpenseSerializer(read_only=True)

    class Meta:
        model = Share
        fields = ["amount", "cents", "version", "method", "capped", "without_caps", "expense"]
        read_only_fields = fields


class CostTotalsSerializer(serializers.Serializer):
    allocated = MoneyField()
    paid = MoneyField()
    reimbursed = MoneyField()
    outstanding = MoneyField()


class StatementSerializer(serializers.Serializer):
    group = serializers.IntegerField(source="group.pk")
    company = serializers.IntegerField(source="company.pk")
    totals = serializers.SerializerMethodField(help_text=_("Per currency."))
    currency = serializers.CharField(allow_null=True)
    converted = CostTotalsSerializer(allow_null=True)
    missing_rates = serializers.IntegerField(help_text=_("Lines without a rate into `currency`: not converted."))
    lines = ShareSerializer(many=True)
    credits = CreditSerializer(many=True)

    @extend_schema_field({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/CostTotals"}})
    def get_totals(self, statement):
        return {currency: CostTotalsSerializer(totals).data for currency, totals in statement.totals.items()}


class FormerGroupSerializer(serializers.ModelSerializer):
    """A group the company left whose costs it shared (its statement there stays readable)."""

    class Meta:
        model = DefenseGroup
        fields = ["id", "name"]
        read_only_fields = fields


class GroupCurrencyTotalsSerializer(serializers.Serializer):
    """A group's sums in one currency, in cents: its expenses, what was allocated, what was paid."""

    expenses = serializers.IntegerField()
    allocated = serializers.IntegerField()
    paid = serializers.IntegerField()


class CostSummarySerializer(serializers.Serializer):
    """The group's cost sharing at a glance (what CostSummaryView answers)."""

    treasurer = serializers.CharField(allow_null=True, help_text=_("The treasurer's name, if one is appointed."))
    you_are_treasurer = serializers.BooleanField()
    versions = CostVersionSerializer(many=True)
    totals = serializers.DictField(child=GroupCurrencyTotalsSerializer(), help_text=_("Per currency, in cents."))


class StatementQuerySerializer(serializers.Serializer):
    currency = serializers.ChoiceField(
        choices=Currency.choices, required=False, help_text=_("Convert the totals at the rates recorded per expense.")
    )


class LedgerChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LedgerChange
        fields = ["id", "cause", "details", "created_at"]
        read_only_fields = fields
