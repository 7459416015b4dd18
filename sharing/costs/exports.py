"""A company's statement to download, from the statement pages and the API: as CSV, one row per share (the expense,
the version and the method behind it), then one per credit, amounts as decimal strings of their currency; or as
PDF (sharing.costs.statement_pdf)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from sharing.costs.amounts import units
from sharing.costs.selectors import Statement
from sharing.costs.statement_pdf import statement_pdf


def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Date"), _("Payee"), _("Invoice"), _("Currency"), _("Expense"), _("Share"), _("Version"),
                     _("Method"), _("Capped")])  # fmt: skip
    for line in statement.lines:
        expense = line.expense
        writer.writerow([expense.incurred_on, expense.payee, expense.invoice.number if expense.invoice else "",
                         expense.currency, units(expense.cents), units(line.cents), line.version,
                         line.get_method_display(), _("yes") if line.capped else ""])  # fmt: skip
    for credit in statement.credits:
        writer.writerow([credit.received_on, credit.get_kind_display(), credit.reference, credit.currency, "",
                         units(-credit.cents), "", "", ""])  # fmt: skip
    return out.getvalue()


EXPORTS = {"csv": (statement_csv, "text/csv; charset=utf-8"), "pdf": (statement_pdf, "application/pdf")}


def statement_download(statement: Statement, export: str) -> HttpResponse:
    """The statement as an attachment ("csv" or "pdf"), in the active language, never cached."""
    render, content_type = EXPORTS[export]
    response = HttpResponse(render(statement), content_type=content_type)
    name = f"statement-{statement.group.pk}-{statement.company.pk}.{export}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
