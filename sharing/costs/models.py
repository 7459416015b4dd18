"""Cost sharing inside a defense group: agreement versions and their acceptances, who shares costs when, the
expenses and invoices (LEDES or by hand), the ledger's lines computed from them, payments and reimbursements.
Money is integer cents in its own currency, never a float. See docs/ARCHITECTURE.md, "Costs"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.costs.allocation import MethodKind
from sharing.reports.choices import Currency

CENTS = _("In cents of the currency.")


class Method(models.TextChoices):
    EQUAL = MethodKind.EQUAL.value, _("Equal shares")
    WEIGHTED = MethodKind.WEIGHTED.value, _("Weighted by a declared figure")
    PERCENT = MethodKind.PERCENT.value, _("Fixed percentages")
    BASE_WEIGHTED = MethodKind.BASE_WEIGHTED.value, _("A base share plus a weighted remainder")


class Treasurer(models.Model):
    """The person the lead appoints to manage the group's costs (one per group)."""

    group = models.OneToOneField("defense.DefenseGroup", on_delete=models.CASCADE, related_name="treasurer")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        verbose_name = _("treasurer")
        verbose_name_plural = _("treasurers")

    def __str__(self) -> str:
        return f"{self.user} ({self.group})"


class CostVersion(models.Model):
    """One version of the group's cost-sharing agreement. It takes effect (`in_force_at`) once every company sharing
    costs has accepted it; it is never edited after."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="cost_versions")
    number = models.PositiveIntegerField(_("version"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    measure = models.CharField(_("what the weights measure"), max_length=100, blank=True)  # "US revenue"...
    base_percent = models.DecimalField(_("base share (percent)"), max_digits=5, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    effective_on = models.DateField(_("effective from"))
    past_costs_from = models.DateField(_("late joiners share costs from"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("cost-sharing version")
        verbose_name_plural = _("cost-sharing versions")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="cost_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.group} v{self.number}"


class CostTerm(models.Model):
    """A company's terms under a version: its figure (a weight, visible only to the treasurer and the company that
    declared it, or a fixed percentage) and its optional cap."""

    version = models.ForeignKey(CostVersion, on_delete=models.CASCADE, related_name="terms")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    figure = models.DecimalField(_("figure"), max_digits=18, decimal_places=4, null=True, blank=True)
    cap_cents = models.BigIntegerField(_("cap"), null=True, blank=True, help_text=CENTS)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)

    class Meta:
        verbose_name = _("cost-sharing term")
        verbose_name_plural = _("cost-sharing terms")
        constraints = [models.UniqueConstraint(fields=["version", "company"], name="cost_term_unique_company")]

    def __str__(self) -> str:
        return f"{self.version}: {self.company_id}"


class CostAcceptance(models.Model):
    version = models.ForeignKey(CostVersion, on_delete=models.CASCADE, related_name="acceptances")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost-sharing acceptance")
        verbose_name_plural = _("cost-sharing acceptances")
        constraints = [models.UniqueConstraint(fields=["version", "company"], name="cost_acceptance_once")]

    def __str__(self) -> str:
        return f"{self.version}: {self.company_id}"


class CostPeriod(models.Model):
    """A company shares the group's costs from `start` to `end` (both included; `end` is the day it withdrew)."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="cost_periods")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    joined_under = models.ForeignKey(CostVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("cost-sharing period")
        verbose_name_plural = _("cost-sharing periods")
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "company"], condition=models.Q(end__isnull=True), name="cost_period_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id}: {self.start} - {self.end or ''}"


class Category(models.TextChoices):
    FEES = "fees", _("Attorney fees")
    EXPERTS = "experts", _("Experts")
    COURT = "court", _("Court and filing fees")
    TRANSLATION = "translation", _("Translation")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class Invoice(models.Model):
    """A firm's invoice to the group, imported from a LEDES 1998B file (with its lines) or entered by hand."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="invoices")
    engagement = models.ForeignKey("counsel.Engagement", on_delete=models.PROTECT, related_name="invoices")
    firm = models.ForeignKey("counsel.LawFirm", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("invoice number"), max_length=100)
    issued_on = models.DateField(_("invoice date"))
    billing_start = models.DateField(_("billing from"), null=True, blank=True)
    billing_end = models.DateField(_("billing to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    total_cents = models.BigIntegerField(_("total"), help_text=CENTS)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    # The treasurer marks the invoice paid once the group paid the firm: what its counsel see of its status.
    paid_on = models.DateField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["firm", "number"], name="invoice_unique_number_per_firm")]

    def __str__(self) -> str:
        return self.number


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Checking the file")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused")


class InvoiceImport(models.Model):
    """A LEDES file being imported in the background, so that a large one shows its progress in the page. Its bytes
    are dropped once it is done; its errors (line, field, message, in the submitter's language) stay."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="invoice_imports")
    engagement = models.ForeignKey("counsel.Engagement", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    language = models.CharField(max_length=10)
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    lines_done = models.PositiveIntegerField(default=0)
    lines_total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"line", "field", "message"}]
    invoices = models.JSONField(default=list)  # ids of the invoices created
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice import")
        verbose_name_plural = _("invoice imports")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def ended(self) -> bool:
        """Imported, or refused: running it again does nothing, and its page stops reloading."""
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    number = models.CharField(_("line"), max_length=20)
    kind = models.CharField(_("type"), max_length=2)  # F, E, IF, IE
    units = models.DecimalField(_("units"), max_digits=14, decimal_places=4, null=True, blank=True)
    unit_cost = models.DecimalField(_("unit cost"), max_digits=16, decimal_places=4, null=True, blank=True)
    adjustment_cents = models.BigIntegerField(_("adjustment"), default=0, help_text=CENTS)
    total_cents = models.BigIntegerField(_("line total"), help_text=CENTS)
    date = models.DateField(_("date"))
    task_code = models.CharField(_("task"), max_length=10, blank=True)
    activity_code = models.CharField(_("activity"), max_length=10, blank=True)
    expense_code = models.CharField(_("expense"), max_length=10, blank=True)
    timekeeper_id = models.CharField(_("timekeeper"), max_length=100, blank=True)
    timekeeper_name = models.CharField(_("timekeeper name"), max_length=200, blank=True)
    timekeeper_classification = models.CharField(_("classification"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "id"]

    def __str__(self) -> str:
        return f"{self.invoice} #{self.number}"


class Expense(models.Model):
    """What the group owes someone: an invoice's total, or an expense entered by hand. Split by the ledger."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="expenses")
    engagement = models.ForeignKey(
        "counsel.Engagement", on_delete=models.PROTECT, null=True, blank=True, related_name="expenses"
    )
    invoice = models.OneToOneField(Invoice, on_delete=models.CASCADE, null=True, blank=True, related_name="expense")
    payee = models.CharField(_("payee"), max_length=200)
    incurred_on = models.DateField(_("date"))
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    cents = models.BigIntegerField(_("amount"), help_text=CENTS)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["incurred_on", "id"]
        indexes = [models.Index(fields=["group", "incurred_on"])]

    def __str__(self) -> str:
        return f"{self.payee} {self.cents} {self.currency}"


class ExpenseRate(models.Model):
    """The rate of an expense's currency into another, for statements in that currency: who entered it, its date
    and its source (never fetched from the network)."""

    expense = models.ForeignKey(Expense, on_delete=models.CASCADE, related_name="rates")
    currency = models.CharField(_("into"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    rate_date = models.DateField(_("rate date"))
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["expense", "currency"], name="expense_rate_once")]

    def __str__(self) -> str:
        return f"{self.expense_id}: {self.rate} {self.currency}"


class Share(models.Model):
    """A line of the ledger: one company's share of one expense, as the last computation made it. The group and the
    currency are the expense's, kept here too so that every statement's totals are read from one index."""

    expense = models.ForeignKey(Expense, on_delete=models.CASCADE, related_name="shares")
    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    cents = models.BigIntegerField(_("share"), help_text=CENTS)
    version = models.PositiveIntegerField(_("version"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    capped = models.BooleanField(_("capped"), default=False)
    uncapped_cents = models.BigIntegerField(_("share without caps"), help_text=CENTS)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [models.UniqueConstraint(fields=["expense", "company"], name="share_once_per_company")]
        # cents as the last key column, not INCLUDE: the same index-only scan on PostgreSQL, and SQLite accepts it
        indexes = [models.Index(fields=["group", "company", "currency", "cents"], name="share_totals")]

    def __str__(self) -> str:
        return f"{self.expense_id}: {self.company_id} {self.cents}"


class Settlement(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    SUBSIDY = "subsidy", _("Government subsidy")
    INSURANCE = "insurance", _("Insurance reimbursement")


class Credit(models.Model):
    """Money that reduces one company's outstanding amount: a payment it made (recorded by the treasurer), a
    subsidy or an insurance reimbursement it received. Never the others'."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="cost_credits")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Settlement.choices)
    cents = models.BigIntegerField(_("amount"), help_text=CENTS)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    received_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["received_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(cents__gt=0), name="credit_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cents} {self.currency}"


class LedgerChange(models.Model):
    """Why the statements changed: the cause and, per company and currency, the allocated total before and after."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="ledger_changes")
    cause = models.CharField(_("cause"), max_length=40)
    details = models.JSONField(_("details"), default=dict)  # {"company id": {"USD": [before, after]}}
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger change")
        verbose_name_plural = _("ledger changes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.cause}"
