"""A company's statement as a PDF, what the printable page shows (the totals per currency and converted, each line
with the expense, version and method behind it, the credits), set by reportlab without a browser.

Every text is set in STSong-Light, one of the CID fonts every PDF reader knows (Adobe's standard Chinese font
set): payees and companies are often Chinese whatever the reader's language, and no font file has to ship with
the platform. The streams are left uncompressed (a statement is a few kilobytes) so that the text can be read
back (tests/costs/pdf_text.py)."""

import io
from datetime import date

from django.utils import formats
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from sharing.costs.amounts import grouped as money
from sharing.costs.selectors import Statement, Totals

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=10)
NOTE = ParagraphStyle("note", parent=CELL, textColor=colors.HexColor("#555555"))
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=16, leading=20, spaceAfter=4)
SUBHEADING = ParagraphStyle("subheading", parent=BODY, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4)
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def text(value: object, style: ParagraphStyle = CELL) -> Paragraph:
    """A paragraph of plain text (reportlab reads its markup: what users typed is escaped)."""
    escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, style)


def day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def cell(value: object) -> Paragraph | list[Paragraph]:
    """A cell's text; a tuple of texts is one paragraph each (an amount and the note that explains it)."""
    return [text(part) for part in value] if isinstance(value, tuple) else text(value)


def table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    cells: list[list[Paragraph | list[Paragraph]]] = [[text(label) for label in header]]
    cells += [[cell(value) for value in row] for row in rows]
    return Table(cells, colWidths=[width * mm for width in widths], style=GRID, repeatRows=1)


def totals_table(totals: list[tuple[str, Totals]]) -> Table:
    header = [_("Currency"), _("Allocated"), _("Paid"), _("Reimbursed"), _("Outstanding")]
    rows: list[list[object]] = [
        [currency, money(sums.allocated), money(sums.paid), money(sums.reimbursed), money(sums.outstanding)]
        for currency, sums in totals
    ]
    return table(header, rows, [30, 40, 40, 40, 40])


def line_note(line) -> str:
    currency, amount = line.expense.currency, money(line.uncapped_cents)
    if line.capped:
        return _("Capped: without the caps it would have been %(currency)s %(amount)s.") % {
            "currency": currency, "amount": amount
        }  # fmt: skip
    if line.cents != line.uncapped_cents:
        return _(
            "Another company's cap moved part of this expense here: without the caps it would have been "
            "%(currency)s %(amount)s."
        ) % {"currency": currency, "amount": amount}
    return ""


def periods_text(statement: Statement) -> str:
    sentences = [_("As the ledger stands now.")]
    for period in statement.periods:
        if period.end:
            sentences.append(
                _("Shared the costs dated from %(start)s to %(end)s.")
                % {"start": formats.date_format(period.start), "end": formats.date_format(period.end)}
            )
        else:
            sentences.append(_("Shares the costs dated from %(start)s.") % {"start": formats.date_format(period.start)})
    return " ".join(sentences)


def story(statement: Statement) -> list[Flowable]:
    company = statement.company.legal_name_en
    parts: list[Flowable] = [
        text(_("Privileged and confidential — common interest"), NOTE),
        text(statement.group.name, HEADING),
        text(_("Statement of %(company)s") % {"company": company}, SUBHEADING),
        text(periods_text(statement), BODY),
        text(formats.date_format(localdate()), NOTE),
        text(_("Totals per currency"), SUBHEADING),
    ]
    if statement.totals:
        parts.append(totals_table(sorted(statement.totals.items())))
    else:
        parts.append(text(_("Nothing is allocated to this company yet."), BODY))
    if statement.converted and statement.currency:
        currency = statement.currency
        parts += [
            text(_("In %(currency)s") % {"currency": currency}, SUBHEADING),
            totals_table([(currency, statement.converted)]),
            Spacer(0, 2 * mm),
        ]
        if statement.missing_rates:
            note = ngettext(
                "%(count)s line has no rate into %(currency)s and is left out of these totals.",
                "%(count)s lines have no rate into %(currency)s and are left out of these totals.",
                statement.missing_rates,
            ) % {"count": statement.missing_rates, "currency": currency}
        else:
            note = _(
                "Every line is converted at the rate recorded for its expense; only credits in %(currency)s count."
            ) % {"currency": currency}
        parts.append(text(note, NOTE))
    parts.append(text(_("Lines: why this company owes what it owes"), SUBHEADING))
    if statement.lines:
        header = [_("Date"), _("Payee"), _("Invoice number"), _("Expense"), _("Share"), _("Version"), _("Method")]
        rows: list[list[object]] = []
        for line in statement.lines:
            expense = line.expense
            share = f"{expense.currency} {money(line.cents)}"
            note = line_note(line)
            rows.append([
                day(expense.incurred_on), expense.payee, expense.invoice.number if expense.invoice else "—",
                f"{expense.currency} {money(expense.cents)}", (share, note) if note else share, line.version,
                line.get_method_display(),
            ])  # fmt: skip
        parts.append(table(header, rows, [22, 55, 30, 35, 60, 15, 40]))
    else:
        parts.append(text(_("No line yet."), BODY))
    parts.append(text(_("Payments and reimbursements"), SUBHEADING))
    if statement.credits:
        header = [_("Date"), _("Kind"), _("Amount"), _("Reference")]
        rows = [
            [day(credit.received_on), credit.get_kind_display(), f"{credit.currency} {money(credit.cents)}",
             credit.reference or "—"]
            for credit in statement.credits
        ]  # fmt: skip
        parts.append(table(header, rows, [22, 50, 40, 80]))
    else:
        parts.append(text(_("None recorded yet."), BODY))
    return parts


def statement_pdf(statement: Statement) -> bytes:
    """The statement as PDF bytes, in the active language (landscape A4: the lines table has seven columns)."""
    out = io.BytesIO()
    title = _("Statement of %(company)s") % {"company": statement.company.legal_name_en}
    document = SimpleDocTemplate(
        out, pagesize=landscape(A4), pageCompression=0, title=f"{title} · {statement.group.name}",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip
    document.build(story(statement))
    return out.getvalue()
