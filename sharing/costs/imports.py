"""Importing LEDES 1998B invoices: checked whole (every error with its line and field, nothing written on any),
then the invoices, their lines and one expense each, and the ledger from their date. `invoice_import_run` is the
background form, for a large file's progress in the page."""

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from sharing.costs import ledes
from sharing.costs.bulk import insert_rows
from sharing.costs.ledger_store import recompute
from sharing.costs.models import Category, Expense, ImportStatus, Invoice, InvoiceImport, InvoiceLine
from sharing.counsel.models import Engagement

LINE_COLUMNS = ("invoice_id", "number", "kind", "units", "unit_cost", "adjustment_cents", "total_cents", "date",
                "task_code", "activity_code", "expense_code", "timekeeper_id", "timekeeper_name",
                "timekeeper_classification", "description")  # fmt: skip


class InvoiceRejected(ValidationError):
    """A LEDES file refused: every error of the file (`errors`, ledes.LedesError), each also a message of the
    field "file" naming its line and field."""

    def __init__(self, errors: Iterable[ledes.LedesError]) -> None:
        self.errors = tuple(errors)
        super().__init__({"file": [_describe(error) for error in self.errors]})


def _describe(error: ledes.LedesError) -> str:
    if error.field:
        return _("Line %(line)s, %(field)s: %(message)s") % {
            "line": error.line, "field": error.field, "message": error.message}  # fmt: skip
    return _("Line %(line)s: %(message)s") % {"line": error.line, "message": error.message}


def invoice_import_run(*, import_id: int) -> InvoiceImport:
    """Run a queued import (the task): its progress saved every few hundred lines, then its invoices or all its
    errors. Running it again after it ended does nothing."""
    job = InvoiceImport.objects.select_related("engagement__firm", "submitted_by").get(pk=import_id)
    if job.ended:
        return job
    InvoiceImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        InvoiceImport.objects.filter(pk=job.pk).update(lines_done=done, lines_total=total)

    with translation.override(job.language):
        try:
            created = store_invoices(job.engagement, job.file_name, bytes(job.content), job.currency, job.submitted_by,
                              progress=progress)  # fmt: skip
        except InvoiceRejected as rejected:
            job.status, job.errors = (
                ImportStatus.FAILED,
                [{"line": error.line, "field": error.field, "message": error.message} for error in rejected.errors],
            )
        else:
            job.status, job.invoices = ImportStatus.DONE, [invoice.pk for invoice in created]
    job.content, job.finished_at = b"", timezone.now()
    job.save(update_fields=["status", "errors", "invoices", "content", "finished_at"])
    return job


def store_invoices(
    engagement: Engagement, file_name: str, content: bytes, currency: str, user: User,
    progress: Callable[[int, int], None] | None = None,
) -> list[Invoice]:  # fmt: skip
    parsed = ledes.parse(content, progress=progress)
    if parsed.errors:
        raise InvoiceRejected(parsed.errors)
    numbers = [invoice.number for invoice in parsed.invoices]
    used = set(Invoice.objects.filter(firm_id=engagement.firm_id, number__in=numbers).values_list("number", flat=True))
    if used:
        raise InvoiceRejected(
            ledes.LedesError(invoice.lines[0].file_line, "INVOICE_NUMBER",
                             _("The firm already submitted invoice %(number)s.") % {"number": invoice.number})
            for invoice in parsed.invoices if invoice.number in used
        )  # fmt: skip
    group, firm = engagement.group, engagement.firm
    with transaction.atomic():  # three inserts, whatever the number of invoices and lines
        created = Invoice.objects.bulk_create(
            Invoice(
                group=group, engagement=engagement, firm=firm, number=parsed_invoice.number,
                issued_on=parsed_invoice.date, billing_start=parsed_invoice.billing_start,
                billing_end=parsed_invoice.billing_end, description=parsed_invoice.description, currency=currency,
                total_cents=_cents(parsed_invoice.total), file_name=file_name[:255], submitted_by=user,
            )
            for parsed_invoice in parsed.invoices
        )  # fmt: skip
        insert_rows(
            InvoiceLine, LINE_COLUMNS,
            (
                (invoice.pk, line.number, line.type, line.units, line.unit_cost, _cents(line.adjustment),
                 _cents(line.total), line.date, line.task_code or "", line.activity_code or "",
                 line.expense_code or "", line.timekeeper_id, line.timekeeper_name, line.timekeeper_classification,
                 line.description)
                for invoice, parsed_invoice in zip(created, parsed.invoices, strict=True)
                for line in parsed_invoice.lines
            ),
        )  # fmt: skip
        Expense.objects.bulk_create(
            Expense(
                group=group, engagement=engagement, invoice=invoice, payee=firm.name_en, incurred_on=invoice.issued_on,
                category=Category.FEES, cents=invoice.total_cents, currency=currency,
                description=invoice.description[:2000], created_by=user,
            )
            for invoice in created
        )  # fmt: skip
        audit_record(action="costs.invoices_imported", actor=user, target=group,
                     details={"invoices": [invoice.pk for invoice in created], "file": file_name[:255]})  # fmt: skip
        first = min(created, key=lambda invoice: (invoice.issued_on, invoice.pk))
        recompute(group, since=first.issued_on, from_id=first.expense.pk, cause="invoice", actor=user)
    return created


def _cents(amount: Decimal) -> int:
    """A LEDES amount (at most two decimals, once checked) in cents."""
    return int((amount * 100).quantize(Decimal(1), ROUND_HALF_UP))
