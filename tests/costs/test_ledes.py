"""LEDES 1998B parsing and validation (sharing.costs.ledes) and the UTBMS codes (sharing.costs.utbms)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharing.costs import utbms
from sharing.costs.ledes import (
    FIELD_NAMES_LINE,
    FIELDS,
    HEADER,
    REQUIRED_FIELDS,
    Invoice,
    LedesError,
    LineItem,
    Options,
    parse,
)

FILES = Path(__file__).parent / "ledes"
D = Decimal

# A valid single-line invoice: 2 x 450.00 = 900.00.
BASE = {
    "INVOICE_DATE": "20260131",
    "INVOICE_NUMBER": "INV-1",
    "CLIENT_ID": "C-1",
    "LAW_FIRM_MATTER_ID": "M-1",
    "INVOICE_TOTAL": "900.00",
    "BILLING_START_DATE": "20260101",
    "BILLING_END_DATE": "20260131",
    "INVOICE_DESCRIPTION": "January",
    "LINE_ITEM_NUMBER": "1",
    "EXP/FEE/INV_ADJ_TYPE": "F",
    "LINE_ITEM_NUMBER_OF_UNITS": "2.00",
    "LINE_ITEM_ADJUSTMENT_AMOUNT": "0",
    "LINE_ITEM_TOTAL": "900.00",
    "LINE_ITEM_DATE": "20260110",
    "LINE_ITEM_TASK_CODE": "L120",
    "LINE_ITEM_EXPENSE_CODE": "",
    "LINE_ITEM_ACTIVITY_CODE": "A104",
    "TIMEKEEPER_ID": "TK1",
    "LINE_ITEM_DESCRIPTION": "Review the complaint",
    "LAW_FIRM_ID": "36-1234567",
    "LINE_ITEM_UNIT_COST": "450.00",
    "TIMEKEEPER_NAME": "Jane Partner",
    "TIMEKEEPER_CLASSIFICATION": "PT",
    "CLIENT_MATTER_ID": "CM-9",
}
EXPENSE = {
    "EXP/FEE/INV_ADJ_TYPE": "E",
    "LINE_ITEM_TASK_CODE": "",
    "LINE_ITEM_ACTIVITY_CODE": "",
    "LINE_ITEM_EXPENSE_CODE": "E101",
    "TIMEKEEPER_ID": "",
    "TIMEKEEPER_NAME": "",
    "TIMEKEEPER_CLASSIFICATION": "",
}
TYPE = "EXP/FEE/INV_ADJ_TYPE"


def row(overrides: dict[str, str] | None = None, /, **fields: str) -> str:
    """One line item: BASE with `overrides` (LEDES names) and `fields` (the same, as keywords; TYPE= for the type)."""
    values = {**BASE, **(overrides or {})}
    for name, value in fields.items():
        values[TYPE if name == "TYPE" else name] = value
    assert set(values) == set(FIELDS)
    return "|".join(values[name] for name in FIELDS) + "[]"


def ledes(*rows: str, header: str = HEADER, names: str = FIELD_NAMES_LINE) -> str:
    return "\n".join([header, names, *rows]) + "\n"


def where(result) -> list[tuple[int, str | None]]:
    return [(error.line, error.field) for error in result.errors]


def only_error(text: str | bytes, **options) -> LedesError:
    result = parse(text, options=Options(**options))
    assert result.invoices == ()
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# Valid files.

ONE_INVOICE = Invoice(
    number="INV-1001",
    date=dt.date(2026, 1, 31),
    client_id="ACME-01",
    law_firm_id="36-1234567",
    law_firm_matter_id="M-2026-007",
    client_matter_id="CLM-42",
    description="January 2026: Smith v. Acme (E.D. Tex.)",
    billing_start=dt.date(2026, 1, 1),
    billing_end=dt.date(2026, 1, 31),
    total=D("2215.38"),
    lines=(
        LineItem(
            file_line=3,
            number="1",
            type="F",
            units=D("2.50"),
            unit_cost=D("450.00"),
            adjustment=D("0"),
            total=D("1125.00"),
            date=dt.date(2026, 1, 5),
            task_code="L120",
            activity_code="A104",
            expense_code=None,
            timekeeper_id="TK01",
            timekeeper_name="Jane Partner",
            timekeeper_classification="PT",
            description="Analyze complaint and plan defense strategy",
        ),
        LineItem(
            file_line=4,
            number="2",
            type="F",
            units=D("3.25"),
            unit_cost=D("325.50"),
            adjustment=D("-50.00"),  # a discount: 3.25 x 325.50 = 1057.875, 1057.88 half up, - 50.00
            total=D("1007.88"),
            date=dt.date(2026, 1, 12),
            task_code="L210",
            activity_code="A103",
            expense_code=None,
            timekeeper_id="TK02",
            timekeeper_name="John Associate",
            timekeeper_classification="AS",
            description="Draft answer and affirmative defenses",
        ),
        LineItem(
            file_line=5,
            number="3",
            type="E",
            units=D("1"),
            unit_cost=D("82.50"),
            adjustment=D("0"),  # blank
            total=D("82.50"),
            date=dt.date(2026, 1, 15),
            task_code=None,
            activity_code=None,
            expense_code="E112",
            timekeeper_id="",
            timekeeper_name="",
            timekeeper_classification="",
            description="Filing fee, pro hac vice",
        ),
    ),
)


def test_one_invoice():
    result = parse((FILES / "one_invoice.txt").read_bytes())
    assert result.errors == ()
    assert result.ok
    assert result.encoding == "utf-8"
    assert result.invoices == (ONE_INVOICE,)
    # Exact amounts: the decimals as written.
    assert str(result.invoices[0].lines[1].total) == "1007.88"


def test_crlf_and_bom():
    data = (FILES / "crlf_bom.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert parse(data).invoices == (ONE_INVOICE,)


def test_text_input_with_bom_and_trailing_whitespace():
    text = (FILES / "one_invoice.txt").read_text()
    text = "\ufeff" + text.replace("[]\n", "[]  \t\n")
    result = parse(text)
    assert result.invoices == (ONE_INVOICE,)
    assert result.encoding is None


def test_old_mac_line_endings():
    text = (FILES / "one_invoice.txt").read_text().replace("\n", "\r")
    assert parse(text).invoices == (ONE_INVOICE,)


def test_blank_lines_are_skipped_and_numbering_kept():
    lines = (FILES / "one_invoice.txt").read_text().splitlines()
    text = "\n".join([*lines[:3], "", "   ", *lines[3:], "", ""])
    (invoice,) = parse(text).invoices
    assert [line.file_line for line in invoice.lines] == [3, 6, 7]


def test_windows_1252_fallback():
    data = (FILES / "cp1252.txt").read_bytes()
    result = parse(data)
    assert result.errors == ()
    assert result.encoding == "cp1252"
    assert result.invoices[0].lines[2].description == "Filing fee, pro hac vice \u2019Caf\u00e9\u2019"


def test_two_invoices_with_adjustment_lines():
    result = parse((FILES / "two_invoices.txt").read_bytes())
    assert result.errors == ()
    fees, expenses = result.invoices
    assert (fees.number, fees.total, fees.law_firm_matter_id, fees.client_matter_id) == (
        "INV-2001",
        D("4100.00"),
        "M-2026-007",
        "CLM-42",
    )
    assert (expenses.number, expenses.total, expenses.law_firm_matter_id, expenses.client_matter_id) == (
        "INV-2002",
        D("1175.00"),
        "M-2026-008",
        "CLM-43",
    )
    assert [(item.file_line, item.type, item.total) for item in fees.lines] == [
        (3, "F", D("4000.00")),
        (4, "IF", D("-400.00")),
        (5, "IF", D("500.00")),
    ]
    discount, flat_fee = fees.lines[1:]
    # The specification's form: the amount in LINE_ITEM_ADJUSTMENT_AMOUNT, no units, no unit cost.
    assert (discount.units, discount.unit_cost, discount.adjustment) == (None, None, D("-400.00"))
    assert discount.description == "Volume discount 10% on fees"
    # A flat fee: 1 x 500.00.
    assert (flat_fee.units, flat_fee.unit_cost, flat_fee.adjustment) == (D(1), D("500.00"), D(0))
    assert [(item.type, item.expense_code, item.total) for item in expenses.lines] == [
        ("E", "E115", D("1200.00")),
        ("E", "E101", D("18.00")),
        ("IE", None, D("-43.00")),
    ]
    credit = expenses.lines[2]
    # Units without a unit cost: ignored, the amount is the adjustment.
    assert (credit.units, credit.unit_cost, credit.adjustment) == (D(1), None, D("-43.00"))


def test_invoice_lines_need_not_be_adjacent():
    text = ledes(
        row(),
        row(INVOICE_NUMBER="INV-2", INVOICE_TOTAL="100.00", LINE_ITEM_TOTAL="100.00", LINE_ITEM_UNIT_COST="50.00"),
        row(LINE_ITEM_NUMBER="2", LINE_ITEM_ADJUSTMENT_AMOUNT="-900.00", LINE_ITEM_TOTAL="0.00"),
    )
    result = parse(text)
    assert result.errors == ()
    first, second = result.invoices
    assert first.number == "INV-1"
    assert [line.file_line for line in first.lines] == [3, 5]
    assert second.number == "INV-2"


def test_invoice_totals_compared_as_numbers():
    text = ledes(
        row(INVOICE_TOTAL="900.00", LINE_ITEM_TOTAL="450.00", LINE_ITEM_NUMBER_OF_UNITS="1"),
        row(INVOICE_TOTAL="900", LINE_ITEM_TOTAL="450.00", LINE_ITEM_NUMBER_OF_UNITS="1", LINE_ITEM_NUMBER="2"),
    )
    result = parse(text)
    assert result.errors == ()
    assert result.invoices[0].total == D("900.00")


def test_text_fields_are_stripped():
    text = ledes(row(INVOICE_NUMBER=" INV-1 ", LINE_ITEM_DESCRIPTION="  Review  ", TIMEKEEPER_NAME=" Jane "))
    (invoice,) = parse(text).invoices
    assert invoice.number == "INV-1"
    assert (invoice.lines[0].description, invoice.lines[0].timekeeper_name) == ("Review", "Jane")


@pytest.mark.parametrize(
    ("units", "cost", "total"),
    [
        ("0.1", "333.33", "33.33"),  # 33.333
        ("0.5", "0.05", "0.03"),  # 0.025: half up
        ("-1", "100", "-100.00"),  # a credit line
        ("1.3333", "300.0000", "399.99"),  # 399.99
        ("0", "450.00", "0.00"),  # a no-charge entry
        (".5", "200", "100.00"),
    ],
)
def test_rounding_half_up_to_the_cent(units, cost, total):
    text = ledes(
        row(LINE_ITEM_NUMBER_OF_UNITS=units, LINE_ITEM_UNIT_COST=cost, LINE_ITEM_TOTAL=total, INVOICE_TOTAL=total)
    )
    result = parse(text)
    assert result.errors == ()
    assert result.invoices[0].lines[0].total == D(total)


def test_progress_is_reported():
    rows = [row(LINE_ITEM_NUMBER=str(k), INVOICE_TOTAL="1350000.00", LINE_ITEM_TOTAL="900.00") for k in range(1, 1501)]
    calls: list[tuple[int, int]] = []
    result = parse(ledes(*rows), progress=lambda done, total: calls.append((done, total)))
    assert result.errors == ()
    assert calls == [(500, 1502), (1000, 1502), (1500, 1502), (1502, 1502)]


def test_codes_required_by_option():
    text = ledes(
        row(LINE_ITEM_TASK_CODE="", LINE_ITEM_ACTIVITY_CODE="", TIMEKEEPER_ID=""),
        row(
            EXPENSE,
            LINE_ITEM_NUMBER="2",
            LINE_ITEM_EXPENSE_CODE="",
            LINE_ITEM_TOTAL="0.00",
            LINE_ITEM_NUMBER_OF_UNITS="0",
        ),
    )
    assert parse(text).errors == ()  # by default a code is checked only when given
    result = parse(text, options=Options(require_fee_codes=True, require_expense_codes=True, require_timekeeper=True))
    assert where(result) == [
        (3, "LINE_ITEM_TASK_CODE"),
        (3, "LINE_ITEM_ACTIVITY_CODE"),
        (3, "TIMEKEEPER_ID"),
        (4, "LINE_ITEM_EXPENSE_CODE"),
    ]
    assert result.invoices == ()


# One broken file per kind of error: its line, its field, and no invoice.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("INVOICE_DATE", "20260230"),  # no such day
        ("INVOICE_DATE", "2026-01-31"),
        ("LINE_ITEM_DATE", "01/10/2026"),
        ("LINE_ITEM_DATE", "2026011"),
        ("LINE_ITEM_DATE", "20261301"),
        ("LINE_ITEM_DATE", " 20260110"),
        ("LINE_ITEM_DATE", "\uff12\uff10\uff12\uff16\uff10\uff11\uff11\uff10"),  # full-width digits
    ],
)
def test_bad_date(field, value):
    error = only_error(ledes(row({field: value})))
    assert (error.line, error.field) == (3, field)
    assert value in error.message


def test_billing_dates_checked():
    error = only_error(ledes(row(BILLING_END_DATE="20260132")))
    assert (error.line, error.field) == (3, "BILLING_END_DATE")


@pytest.mark.parametrize(
    "value",
    [
        "1 125.00",
        "1,125.00",
        "$900.00",
        "900.00 ",
        "USD900",
        "9e2",
        "+900.00",
        "900.",
        "-",
        ".",
        "nine",
        "900.0.0",
        "\u0669\u0660\u0660.00",  # Arabic-Indic digits: Decimal() would read them
        "NaN",
        "Infinity",
        "(900.00)",
        "900.00-",
    ],
)
def test_not_a_plain_number(value):
    error = only_error(ledes(row(LINE_ITEM_TOTAL=value)))
    assert (error.line, error.field) == (3, "LINE_ITEM_TOTAL")
    assert value in error.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("LINE_ITEM_TOTAL", "900.001"),
        ("INVOICE_TOTAL", "900.000"),
        ("LINE_ITEM_ADJUSTMENT_AMOUNT", "0.001"),
        ("LINE_ITEM_UNIT_COST", "450.00001"),
        ("LINE_ITEM_NUMBER_OF_UNITS", "2.00001"),
        ("LINE_ITEM_UNIT_COST", "1234567890123"),
    ],
)
def test_too_many_digits(field, value):
    error = only_error(ledes(row({field: value})))
    assert (error.line, error.field) == (3, field)


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_required_field_blank(field):
    assert field not in ("LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_UNIT_COST")
    error = only_error(ledes(row({field: ""})))
    assert (error.line, error.field) == (3, field)
    assert field in error.message
    # Spaces are blank too.
    error = only_error(ledes(row({field: "   "})))
    assert (error.line, error.field) == (3, field)


def test_required_fields_include_the_briefs_minimum():
    assert {
        "INVOICE_DATE",
        "INVOICE_NUMBER",
        "LAW_FIRM_ID",
        "INVOICE_TOTAL",
        "LINE_ITEM_NUMBER",
        "EXP/FEE/INV_ADJ_TYPE",
        "LINE_ITEM_TOTAL",
        "LINE_ITEM_DATE",
    } <= set(REQUIRED_FIELDS)


@pytest.mark.parametrize("line_type", ["F", "E"])
@pytest.mark.parametrize("field", ["LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_UNIT_COST"])
def test_units_and_cost_required_on_fees_and_expenses(line_type, field):
    error = only_error(ledes(row({field: "", TYPE: line_type})))
    assert (error.line, error.field) == (3, field)
    assert line_type in error.message


def test_adjustment_line_needs_its_amount():
    error = only_error(
        ledes(
            row(
                TYPE="IF",
                LINE_ITEM_NUMBER_OF_UNITS="",
                LINE_ITEM_UNIT_COST="",
                LINE_ITEM_ADJUSTMENT_AMOUNT="",
                LINE_ITEM_TOTAL="-100.00",
                INVOICE_TOTAL="-100.00",
            )
        )
    )
    assert (error.line, error.field) == (3, "LINE_ITEM_ADJUSTMENT_AMOUNT")


@pytest.mark.parametrize(
    "fields",
    [
        {"LINE_ITEM_TOTAL": "900.01", "INVOICE_TOTAL": "900.01"},
        {"LINE_ITEM_NUMBER_OF_UNITS": "2.01"},
        {"LINE_ITEM_ADJUSTMENT_AMOUNT": "-10.00"},  # the total does not show the discount
        {"LINE_ITEM_ADJUSTMENT_AMOUNT": "10.00", "LINE_ITEM_TOTAL": "890.00", "INVOICE_TOTAL": "890.00"},  # signed
        # 0.5 x 0.05 = 0.025: rounded half up, 0.03, not 0.02 (half even).
        {
            "LINE_ITEM_NUMBER_OF_UNITS": "0.5",
            "LINE_ITEM_UNIT_COST": "0.05",
            "LINE_ITEM_TOTAL": "0.02",
            "INVOICE_TOTAL": "0.02",
        },
        # An invoice adjustment: its total is its adjustment.
        {TYPE: "IE", "LINE_ITEM_NUMBER_OF_UNITS": "", "LINE_ITEM_ADJUSTMENT_AMOUNT": "-900.00"},
        # A flat fee (units and cost both given): units x cost + adjustment.
        {TYPE: "IF", "LINE_ITEM_NUMBER_OF_UNITS": "1", "LINE_ITEM_ADJUSTMENT_AMOUNT": "-900.00"},
    ],
)
def test_line_arithmetic(fields):
    error = only_error(ledes(row(fields)))
    assert (error.line, error.field) == (3, "LINE_ITEM_TOTAL")


def test_arithmetic_message_shows_the_sum():
    error = only_error(ledes(row(LINE_ITEM_TOTAL="900.10", INVOICE_TOTAL="900.10")))
    assert error.message == (
        "LINE_ITEM_TOTAL 900.10 is not units x unit cost + adjustment: 2.00 x 450.00 + 0 = 900.00."
    )


def test_invoice_total_differs_between_lines():
    text = ledes(
        row(LINE_ITEM_TOTAL="450.00", LINE_ITEM_NUMBER_OF_UNITS="1"),
        row(LINE_ITEM_TOTAL="450.00", LINE_ITEM_NUMBER_OF_UNITS="1", LINE_ITEM_NUMBER="2", INVOICE_TOTAL="900.01"),
    )
    error = only_error(text)
    assert (error.line, error.field) == (4, "INVOICE_TOTAL")
    assert "900.01" in error.message
    assert "line 3" in error.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("INVOICE_DATE", "20260130"),
        ("CLIENT_ID", "C-2"),
        ("LAW_FIRM_MATTER_ID", "M-2"),
        ("BILLING_START_DATE", "20260102"),
        ("BILLING_END_DATE", "20260130"),
        ("INVOICE_DESCRIPTION", "February"),
        ("LAW_FIRM_ID", "36-7654321"),
        ("CLIENT_MATTER_ID", "CM-10"),
    ],
)
def test_invoice_fields_differ_between_lines(field, value):
    text = ledes(
        row(INVOICE_TOTAL="1800.00"),
        row({field: value}, INVOICE_TOTAL="1800.00", LINE_ITEM_NUMBER="2"),
    )
    error = only_error(text)
    assert (error.line, error.field) == (4, field)


def test_invoice_total_is_not_the_sum_of_its_lines():
    text = ledes(
        row(INVOICE_TOTAL="1000.00"),
        row(INVOICE_TOTAL="1000.00", LINE_ITEM_NUMBER="2", LINE_ITEM_NUMBER_OF_UNITS="0.25", LINE_ITEM_TOTAL="112.50"),
    )
    error = only_error(text)
    assert (error.line, error.field) == (3, "INVOICE_TOTAL")  # the invoice's first line
    assert "1012.50" in error.message


@pytest.mark.parametrize("value", ["X", "f", "FE", "I", "F ", "EXP"])
def test_unknown_type(value):
    error = only_error(ledes(row(TYPE=value)))
    assert (error.line, error.field) == (3, TYPE)


@pytest.mark.parametrize("count", [23, 25])
def test_field_count(count):
    fields = row().removesuffix("[]").split("|")
    line = "|".join(fields[:count] if count < 24 else [*fields, "extra"]) + "[]"
    error = only_error(ledes(line))
    assert (error.line, error.field) == (3, None)
    assert str(count) in error.message


def test_missing_terminator():
    error = only_error(ledes(row().removesuffix("[]")))
    assert (error.line, error.field) == (3, None)


def test_wrong_header():
    error = only_error(ledes(row(), header="LEDES98BI V2[]"))
    assert (error.line, error.field) == (1, None)
    assert "LEDES98BI V2[]" in error.message


def test_header_without_terminator():
    error = only_error(ledes(row(), header="LEDES1998B"))
    assert (error.line, error.field) == (1, None)


@pytest.mark.parametrize(
    "names",
    [
        FIELD_NAMES_LINE.replace("LINE_ITEM_TOTAL", "LINE_TOTAL"),
        FIELD_NAMES_LINE.replace("INVOICE_DATE|INVOICE_NUMBER", "INVOICE_NUMBER|INVOICE_DATE"),
        FIELD_NAMES_LINE.removesuffix("|CLIENT_MATTER_ID[]") + "[]",
        FIELD_NAMES_LINE.removesuffix("[]"),
    ],
)
def test_wrong_field_names(names):
    error = only_error(ledes(row(), names=names))
    assert (error.line, error.field) == (2, None)


def test_not_a_ledes_file():
    result = parse(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" * 50)
    assert result.invoices == ()
    # The two header lines, then one error for the file: its other lines are not read.
    assert where(result) == [(1, None), (1, None), (2, None)]


def test_duplicate_line_item_number():
    text = ledes(
        row(INVOICE_TOTAL="1800.00"),
        row(INVOICE_TOTAL="1800.00"),
    )
    error = only_error(text)
    assert (error.line, error.field) == (4, "LINE_ITEM_NUMBER")
    assert "line 3" in error.message


def test_same_line_number_in_another_invoice_is_fine():
    text = ledes(row(), row(INVOICE_NUMBER="INV-2"))
    assert len(parse(text).invoices) == 2


def test_billing_period_reversed():
    error = only_error(ledes(row(BILLING_START_DATE="20260201", BILLING_END_DATE="20260131")))
    assert (error.line, error.field) == (3, "BILLING_START_DATE")
    assert "20260201" in error.message


@pytest.mark.parametrize("data", [b"", b"\n\n", "   \r\n", "\ufeff", b"\xef\xbb\xbf"])
def test_empty_file(data):
    error = only_error(data)
    assert (error.line, error.field) == (1, None)
    assert error.message == "The file is empty."


def test_no_line_items():
    error = only_error(ledes())
    assert (error.line, error.field) == (2, None)
    assert error.message == "The file holds no line items."


def test_not_utf8_and_no_fallback():
    data = ledes(row(LINE_ITEM_DESCRIPTION="Caf\u00e9")).encode("cp1252")
    error = only_error(data, fallback_encoding=None)
    assert (error.line, error.field) == (3, None)
    assert "E9" in error.message


def test_neither_utf8_nor_cp1252():
    data = ledes(row()).encode().replace(b"Review", b"Rev\x81ew")  # 0x81: no character in Windows-1252
    error = only_error(data)
    assert (error.line, error.field) == (3, None)
    assert "81" in error.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("LINE_ITEM_TASK_CODE", "L999"),
        ("LINE_ITEM_TASK_CODE", "l120"),
        ("LINE_ITEM_TASK_CODE", "L300"),  # a phase
        ("LINE_ITEM_TASK_CODE", "L120 "),
        ("LINE_ITEM_ACTIVITY_CODE", "A112"),
        ("LINE_ITEM_ACTIVITY_CODE", "A100"),
        ("LINE_ITEM_EXPENSE_CODE", "E125"),
        ("LINE_ITEM_EXPENSE_CODE", "E100"),
    ],
)
def test_unknown_code(field, value):
    error = only_error(ledes(row({field: value})))
    assert (error.line, error.field) == (3, field)
    assert value in error.message


def test_phase_code_message():
    error = only_error(ledes(row(LINE_ITEM_TASK_CODE="L300")))
    assert "phase" in error.message


def test_several_errors_all_reported():
    text = ledes(
        row(LINE_ITEM_DATE="20260230", LINE_ITEM_TOTAL="$900.00"),  # 2 errors
        row(LINE_ITEM_NUMBER="2", TYPE="X", LINE_ITEM_TASK_CODE="L999"),  # 2 errors
        row(LINE_ITEM_NUMBER="2").removesuffix("[]"),  # no terminator, duplicate number
        "20260131|INV-1|too|few[]",
        row(LINE_ITEM_NUMBER="4", LINE_ITEM_TOTAL="901.00", LINE_ITEM_DATE=""),
        row(INVOICE_NUMBER="INV-2", BILLING_START_DATE="20260301", INVOICE_TOTAL="1.00"),
    )
    result = parse(text)
    assert result.invoices == ()
    assert where(result) == [
        (3, "LINE_ITEM_TOTAL"),
        (3, "LINE_ITEM_DATE"),
        (4, TYPE),
        (4, "LINE_ITEM_TASK_CODE"),
        (5, None),
        (5, "LINE_ITEM_NUMBER"),
        (6, None),
        (7, "LINE_ITEM_DATE"),  # the fields' errors first, then the arithmetic's
        (7, "LINE_ITEM_TOTAL"),
        (8, "BILLING_START_DATE"),
        (8, "INVOICE_TOTAL"),  # INV-2's sum (INV-1's is not checked: a line was unreadable)
    ]


def test_errors_are_capped():
    rows = [row(LINE_ITEM_NUMBER=str(k), LINE_ITEM_DATE="2026", INVOICE_TOTAL="540000.00") for k in range(1, 601)]
    result = parse(ledes(*rows), options=Options(max_errors=500))
    assert len(result.errors) == 501
    assert result.errors[499] == LedesError(502, "LINE_ITEM_DATE", 'Not a date of the form YYYYMMDD: "2026".')
    assert result.errors[-1].message == "And 100 more errors."
    assert (result.errors[-1].line, result.errors[-1].field) == (503, None)
    assert result.invoices == ()


def test_cap_keeps_invoice_errors_in_line_order():
    # 3 line errors, a cap of 2: the invoice total's error on line 3 sorts before line 4's.
    rows = [
        row(INVOICE_TOTAL="1.00", LINE_ITEM_NUMBER=str(k), LINE_ITEM_DATE="bad" if k > 1 else "20260110")
        for k in range(1, 5)
    ]
    result = parse(ledes(*rows), options=Options(max_errors=2))
    assert where(result) == [(3, "INVOICE_TOTAL"), (4, "LINE_ITEM_DATE"), (5, None)]
    assert result.errors[-1].message == "And 2 more errors."


def test_long_values_are_shortened_in_messages():
    error = only_error(ledes(row(LINE_ITEM_TOTAL="9" * 500)))
    assert len(error.message) < 200


# UTBMS.


def test_utbms_lookups():
    assert utbms.task_name("L110") == "Fact Investigation/Development"
    assert utbms.task_name("L530") == "Oral Argument"
    assert utbms.task_name("L100") is None  # a phase
    assert utbms.phase_name("L400") == "Trial Preparation and Trial"
    assert utbms.phase_of("L460") == "L400"
    assert utbms.phase_of("L999") is None
    assert utbms.activity_name("A101") == "Plan and prepare for"
    assert utbms.activity_name("A111") == "Other"
    assert utbms.activity_name("A112") is None
    assert utbms.expense_name("E107") == "Delivery services/messengers"
    assert utbms.expense_name("E124") == "Other"
    assert utbms.expense_name("E125") is None
    assert utbms.task_name("") is None


def test_utbms_code_sets():
    assert set(utbms.PHASES) == {"L100", "L200", "L300", "L400", "L500"}
    assert len(utbms.ACTIVITIES) == 11
    assert list(utbms.EXPENSES) == [f"E{n}" for n in range(101, 125)]
    for start, stop in [(110, 160), (210, 250), (310, 350), (410, 470), (510, 530)]:
        assert {f"L{n}" for n in range(start, stop + 1, 10)} <= set(utbms.TASKS)
    assert all(utbms.phase_of(task) in utbms.PHASES for task in utbms.TASKS)


# Properties: any valid invoice written out parses back to itself; one cent off is exactly its errors.

CENT = D("0.01")
TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="|"), max_size=20).map(str.strip)


def decimals(places: int, low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda n: D(n).scaleb(-places))


def amount_text(value: Decimal) -> str:
    return format(value, "f")


@st.composite
def line_items(draw, line_type: str) -> dict:
    item: dict = {"type": line_type}
    if line_type in ("F", "E") or draw(st.booleans()):  # IF/IE: the adjustment alone, or units x cost
        item["units"] = draw(decimals(draw(st.integers(0, 4)), -100, 100_000))
        item["unit_cost"] = draw(decimals(draw(st.integers(0, 4)), -10_000, 1_000_000))
        item["adjustment"] = draw(st.none() | decimals(2, -100_000, 100_000))
        product = (item["units"] * item["unit_cost"]).quantize(CENT, rounding=ROUND_HALF_UP)
        item["total"] = product + (item["adjustment"] or 0)
    else:
        item["units"] = draw(st.none() | st.just(D(1)))
        item["unit_cost"] = None
        item["adjustment"] = draw(decimals(2, -1_000_000, 1_000_000))
        item["total"] = item["adjustment"]
    item["date"] = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
    fee = line_type == "F"
    item["task"] = draw(st.none() | st.sampled_from(sorted(utbms.TASKS))) if line_type != "E" else None
    item["activity"] = draw(st.none() | st.sampled_from(sorted(utbms.ACTIVITIES))) if fee else None
    item["expense"] = draw(st.none() | st.sampled_from(sorted(utbms.EXPENSES))) if line_type == "E" else None
    item["timekeeper"] = (draw(TEXT), draw(TEXT), draw(st.sampled_from(["PT", "AS", "OC", "LA", "OT", ""])))
    item["description"] = draw(TEXT)
    return item


@st.composite
def invoices(draw) -> list[dict]:
    count = draw(st.integers(1, 3))
    result = []
    for k in range(count):
        items = draw(st.lists(st.sampled_from(["F", "E", "IF", "IE"]).flatmap(line_items), min_size=1, max_size=8))
        start, end = sorted(
            draw(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), min_size=2, max_size=2))
        )
        result.append(
            {
                "number": f"INV-{k}-{draw(st.integers(0, 99999))}",
                "date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
                "client_id": draw(TEXT.filter(bool)),
                "matter": draw(TEXT.filter(bool)),
                "law_firm_id": draw(TEXT.filter(bool)),
                "client_matter_id": draw(TEXT),
                "description": draw(TEXT),
                "start": start,
                "end": end,
                "items": items,
                "total": sum((item["total"] for item in items), D(0)),
            }
        )
    return result


def write(generated: list[dict], order: list[tuple[int, int]]) -> tuple[str, list[Invoice]]:
    """The LEDES text of the invoices, their lines in `order` ((invoice, item) pairs), and the invoices expected."""
    lines = [HEADER, FIELD_NAMES_LINE]
    expected_lines: dict[int, list[LineItem]] = {k: [] for k in range(len(generated))}
    numbers = dict.fromkeys(range(len(generated)), 0)
    for k, i in order:
        invoice, item = generated[k], generated[k]["items"][i]
        numbers[k] += 1
        values = {
            "INVOICE_DATE": invoice["date"].strftime("%Y%m%d"),
            "INVOICE_NUMBER": invoice["number"],
            "CLIENT_ID": invoice["client_id"],
            "LAW_FIRM_MATTER_ID": invoice["matter"],
            "INVOICE_TOTAL": amount_text(invoice["total"]),
            "BILLING_START_DATE": invoice["start"].strftime("%Y%m%d"),
            "BILLING_END_DATE": invoice["end"].strftime("%Y%m%d"),
            "INVOICE_DESCRIPTION": invoice["description"],
            "LINE_ITEM_NUMBER": str(numbers[k]),
            TYPE: item["type"],
            "LINE_ITEM_NUMBER_OF_UNITS": "" if item["units"] is None else amount_text(item["units"]),
            "LINE_ITEM_ADJUSTMENT_AMOUNT": "" if item["adjustment"] is None else amount_text(item["adjustment"]),
            "LINE_ITEM_TOTAL": amount_text(item["total"]),
            "LINE_ITEM_DATE": item["date"].strftime("%Y%m%d"),
            "LINE_ITEM_TASK_CODE": item["task"] or "",
            "LINE_ITEM_EXPENSE_CODE": item["expense"] or "",
            "LINE_ITEM_ACTIVITY_CODE": item["activity"] or "",
            "TIMEKEEPER_ID": item["timekeeper"][0],
            "LINE_ITEM_DESCRIPTION": item["description"],
            "LAW_FIRM_ID": invoice["law_firm_id"],
            "LINE_ITEM_UNIT_COST": "" if item["unit_cost"] is None else amount_text(item["unit_cost"]),
            "TIMEKEEPER_NAME": item["timekeeper"][1],
            "TIMEKEEPER_CLASSIFICATION": item["timekeeper"][2],
            "CLIENT_MATTER_ID": invoice["client_matter_id"],
        }
        lines.append("|".join(values[name] for name in FIELDS) + "[]")
        expected_lines[k].append(
            LineItem(
                file_line=len(lines),
                number=str(numbers[k]),
                type=item["type"],
                units=item["units"],
                unit_cost=item["unit_cost"],
                adjustment=item["adjustment"] if item["adjustment"] is not None else D(0),
                total=item["total"],
                date=item["date"],
                task_code=item["task"],
                activity_code=item["activity"],
                expense_code=item["expense"],
                timekeeper_id=item["timekeeper"][0],
                timekeeper_name=item["timekeeper"][1],
                timekeeper_classification=item["timekeeper"][2],
                description=item["description"],
            )
        )
    first_seen = list(dict.fromkeys(k for k, _ in order))
    expected = [
        Invoice(
            number=generated[k]["number"],
            date=generated[k]["date"],
            client_id=generated[k]["client_id"],
            law_firm_id=generated[k]["law_firm_id"],
            law_firm_matter_id=generated[k]["matter"],
            client_matter_id=generated[k]["client_matter_id"],
            description=generated[k]["description"],
            billing_start=generated[k]["start"],
            billing_end=generated[k]["end"],
            total=generated[k]["total"],
            lines=tuple(expected_lines[k]),
        )
        for k in first_seen
    ]
    return "\r\n".join(lines) + "\r\n", expected


@st.composite
def files(draw) -> tuple[list[dict], list[tuple[int, int]]]:
    generated = draw(invoices())
    pairs = [(k, i) for k, invoice in enumerate(generated) for i in range(len(invoice["items"]))]
    return generated, draw(st.permutations(pairs))


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_valid_invoices_parse_back(file):
    generated, order = file
    text, expected = write(generated, order)
    result = parse(text.encode())
    assert result.errors == ()
    assert list(result.invoices) == expected
    for invoice in result.invoices:
        assert invoice.total == sum((line.total for line in invoice.lines), D(0))


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(files(), st.data())
def test_one_cent_off_is_exactly_its_errors(file, data):
    generated, order = file
    text, expected = write(generated, order)
    lines = text.split("\r\n")
    target = data.draw(st.integers(3, len(order) + 2), label="file line")
    fields = lines[target - 1].removesuffix("[]").split("|")
    changed = D(fields[FIELDS.index("LINE_ITEM_TOTAL")]) + data.draw(st.sampled_from([CENT, -CENT]), label="delta")
    fields[FIELDS.index("LINE_ITEM_TOTAL")] = amount_text(changed)
    lines[target - 1] = "|".join(fields) + "[]"
    result = parse("\r\n".join(lines))
    invoice = next(invoice for invoice in expected if any(line.file_line == target for line in invoice.lines))
    assert result.invoices == ()
    assert sorted(where(result)) == sorted([(target, "LINE_ITEM_TOTAL"), (invoice.lines[0].file_line, "INVOICE_TOTAL")])
