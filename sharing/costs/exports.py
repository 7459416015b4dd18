"""A company's statement as CSV, for the API's export and the statement page's: one row per share (the expense,
the version and the method behind it), then one per credit, amounts as decimal strings of their currency."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _

from sharing.costs.selectors import Statement


def units(cents: int) -> str:
    """Cents as a decimal string of the currency's units ("1250.00")."""
    return f"{Decimal(cents) / 100:.2f}"


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


def statement_csv_response(statement: Statement, group_id: int, company_id: int) -> HttpResponse:
    """The statement as a CSV attachment, never cached."""
    response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statement-{group_id}-{company_id}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
