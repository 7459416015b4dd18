"""LEDES 1998B invoices: the pipe-delimited file law firms upload to e-billing systems (Legal Tracker, Tymetrix,
CounselLink), read and checked the way those systems check it. Pure Python: bytes or text in, invoices or errors out.

    result = parse(uploaded_bytes)
    if result.errors:      # every error of the file, each with its line (1-based) and field
        ...
    else:
        result.invoices    # frozen Invoice and LineItem dataclasses, amounts as exact Decimals

The format. Line 1 is ``LEDES1998B[]``; line 2 names the 24 fields (FIELDS, in that order) joined by ``|`` and
ending ``[]``; every further line is one line item: 24 fields, ``|`` between them, ``[]`` at the end. A file may hold
several invoices: its lines are grouped by INVOICE_NUMBER (in the order each invoice first appears; its lines need
not be adjacent), and the invoice-level fields (INVOICE_FIELDS) must be the same on every line of one invoice.

What is tolerated. A UTF-8 byte order mark; CR LF, LF or CR line endings; whitespace after ``[]``; blank lines
among the line items (they carry nothing and are skipped). Text fields (numbers of invoice and line, ids, names,
descriptions) are stripped of surrounding spaces. Bytes that are not UTF-8 are read as Windows-1252 (the "ANSI" of
the Windows billing programs firms export from, where "é" or a curly quote is one byte): Options.fallback_encoding,
None to refuse them. A file that is neither is one error, and nothing else is checked.

What is checked, every error collected (Options.max_errors of them, 500 by default, then one "and N more"):
- the header line and the field-names line (both wrong: not a LEDES 1998B file, the line items are not read);
- each line's ``[]`` terminator and its count of fields (a wrong count: one whole-line error, the line is not read);
- required fields (REQUIRED_FIELDS on every line; LINE_ITEM_NUMBER_OF_UNITS and LINE_ITEM_UNIT_COST on F and E
  lines; LINE_ITEM_ADJUSTMENT_AMOUNT on an IF or IE line that gives no units and unit cost). A field of blanks
  is blank. Options can also require the UTBMS codes (task and activity on F lines, expense on E lines) and the
  timekeeper (id, name, classification on F lines); by default a code is only checked when it is there;
- dates: YYYYMMDD and a real day (20260230 is not);
- numbers: an optional leading minus, ASCII digits, an optional decimal point with digits after it; no spaces, plus
  signs, commas, currency signs or exponents. Amounts (INVOICE_TOTAL, LINE_ITEM_TOTAL, LINE_ITEM_ADJUSTMENT_AMOUNT)
  have at most 2 decimal places, units and unit costs at most 4; at most 12 digits before the point;
- EXP/FEE/INV_ADJ_TYPE: F (fee), E (expense), IF (invoice-level fee adjustment), IE (invoice-level expense
  adjustment), upper case;
- UTBMS codes (sharing.costs.utbms): a task code is one of the Litigation Code Set's tasks (a phase such as L300
  is refused: lines are billed to tasks), an activity code one of A101-A111, an expense code one of E101-E124.
  A code is checked wherever it is given, whatever the line's type;
- the line's arithmetic, to the cent (an amount is exact: no tolerance):
  F and E lines: LINE_ITEM_TOTAL = round(units x unit cost) + adjustment, where round() is to 0.01, ROUND_HALF_UP,
  and the adjustment is signed (negative for a discount) and 0 when blank;
  IF and IE lines (the specification puts the adjustment in LINE_ITEM_ADJUSTMENT_AMOUNT, e.g. -4000 with a line
  total of -4000): when both units and unit cost are given (a flat fee written as 1 x 5000.00), the same rule as
  F and E; otherwise units and unit cost are ignored, the adjustment is required and LINE_ITEM_TOTAL = adjustment;
- within each invoice: the invoice-level fields identical on every line (INVOICE_TOTAL compared as a number;
  they are checked on the invoice's first line, and again on a later line only where they differ from it),
  LINE_ITEM_NUMBER unique, BILLING_START_DATE not after BILLING_END_DATE, INVOICE_TOTAL = the sum of the line
  totals of all its lines (F, E, IF and IE); an error of an invoice as a whole is reported on its first line;
- a file that is empty or holds no line items.

An error is a LedesError: the line (1-based, in the file), the field (its LEDES name, None for the whole line or
file) and a message in the language active when parse() runs (a background task: translation.override), with the
offending value. A check that depends on a field in error is skipped (a line whose units are not a number gets no
arithmetic error; an invoice with such a line gets no INVOICE_TOTAL sum error). A file with any error yields no
invoices.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

from django.utils.translation import gettext, gettext_noop, ngettext

from sharing.costs import utbms

HEADER = "LEDES1998B[]"

FIELDS: tuple[str, ...] = (
    "INVOICE_DATE",
    "INVOICE_NUMBER",
    "CLIENT_ID",
    "LAW_FIRM_MATTER_ID",
    "INVOICE_TOTAL",
    "BILLING_START_DATE",
    "BILLING_END_DATE",
    "INVOICE_DESCRIPTION",
    "LINE_ITEM_NUMBER",
    "EXP/FEE/INV_ADJ_TYPE",
    "LINE_ITEM_NUMBER_OF_UNITS",
    "LINE_ITEM_ADJUSTMENT_AMOUNT",
    "LINE_ITEM_TOTAL",
    "LINE_ITEM_DATE",
    "LINE_ITEM_TASK_CODE",
    "LINE_ITEM_EXPENSE_CODE",
    "LINE_ITEM_ACTIVITY_CODE",
    "TIMEKEEPER_ID",
    "LINE_ITEM_DESCRIPTION",
    "LAW_FIRM_ID",
    "LINE_ITEM_UNIT_COST",
    "TIMEKEEPER_NAME",
    "TIMEKEEPER_CLASSIFICATION",
    "CLIENT_MATTER_ID",
)
FIELD_NAMES_LINE = "|".join(FIELDS) + "[]"

# The fields' positions in a line.
(
    INVOICE_DATE,
    INVOICE_NUMBER,
    CLIENT_ID,
    LAW_FIRM_MATTER_ID,
    INVOICE_TOTAL,
    BILLING_START_DATE,
    BILLING_END_DATE,
    INVOICE_DESCRIPTION,
    LINE_ITEM_NUMBER,
    TYPE,
    UNITS,
    ADJUSTMENT,
    LINE_ITEM_TOTAL,
    LINE_ITEM_DATE,
    TASK_CODE,
    EXPENSE_CODE,
    ACTIVITY_CODE,
    TIMEKEEPER_ID,
    LINE_ITEM_DESCRIPTION,
    LAW_FIRM_ID,
    UNIT_COST,
    TIMEKEEPER_NAME,
    TIMEKEEPER_CLASSIFICATION,
    CLIENT_MATTER_ID,
) = range(24)

# Blank on no line.
REQUIRED_FIELDS: tuple[str, ...] = tuple(
    FIELDS[i]
    for i in (
        INVOICE_DATE,
        INVOICE_NUMBER,
        CLIENT_ID,
        LAW_FIRM_MATTER_ID,
        INVOICE_TOTAL,
        BILLING_START_DATE,
        BILLING_END_DATE,
        LINE_ITEM_NUMBER,
        TYPE,
        LINE_ITEM_TOTAL,
        LINE_ITEM_DATE,
        LAW_FIRM_ID,
    )
)

# The same on every line of one invoice.
INVOICE_FIELDS: tuple[int, ...] = (
    INVOICE_DATE,
    CLIENT_ID,
    LAW_FIRM_MATTER_ID,
    INVOICE_TOTAL,
    BILLING_START_DATE,
    BILLING_END_DATE,
    INVOICE_DESCRIPTION,
    LAW_FIRM_ID,
    CLIENT_MATTER_ID,
)

LineType = Literal["F", "E", "IF", "IE"]
LINE_TYPES: dict[str, LineType] = {"F": "F", "E": "E", "IF": "IF", "IE": "IE"}

CENT = Decimal("0.01")
PROGRESS_EVERY = 500
# Exact arithmetic for the largest products the number formats allow (12 + 4 digits, times two).
_CONTEXT = Context(prec=64, rounding=ROUND_HALF_UP)
# ASCII digits only (\d, int() and Decimal() would take any script's digits).
_NUMBER = re.compile(r"-?([0-9]*)(?:\.([0-9]+))?")
_DATE = re.compile(r"[0-9]{8}")
_MAX_INTEGER_DIGITS = 12
_AMOUNT_PLACES = 2
_QUANTITY_PLACES = 4
_SHOWN = 60  # characters of an offending value a message shows

# Messages (gettext_noop: extracted by makemessages, translated when an error is kept).
_NOT_UTF8 = gettext_noop("The file is not UTF-8 text: byte 0x%(byte)s cannot be read.")
_NOT_UTF8_NOR = gettext_noop("The file is neither UTF-8 nor %(encoding)s text: byte 0x%(byte)s cannot be read.")
_EMPTY = gettext_noop("The file is empty.")
_NO_ITEMS = gettext_noop("The file holds no line items.")
_HEADER = gettext_noop('The first line must be "LEDES1998B[]", not "%(value)s".')
_NOT_LEDES = gettext_noop("This is not a LEDES 1998B file: its first two lines are not the LEDES 1998B header.")
_NAMES_COUNT = gettext_noop("The second line must name the 24 LEDES 1998B fields; it names %(count)d.")
_NAMES = gettext_noop(
    'The second line must name the 24 LEDES 1998B fields in order: field %(position)d is "%(value)s", '
    'expected "%(expected)s".'
)
_NO_TERMINATOR = gettext_noop('The line does not end with "[]".')
_FIELD_COUNT = gettext_noop("The line has %(count)d fields; a LEDES 1998B line has 24.")
_REQUIRED = gettext_noop("%(field)s is blank; it is required.")
_REQUIRED_ON = gettext_noop("%(field)s is blank; it is required on a line of type %(type)s.")
_REQUIRED_ADJUSTMENT = gettext_noop(
    "LINE_ITEM_ADJUSTMENT_AMOUNT is blank; an invoice adjustment line (%(type)s) without units and unit cost "
    "gives its amount there."
)
_DATE_INVALID = gettext_noop('Not a date of the form YYYYMMDD: "%(value)s".')
_NUMBER_INVALID = gettext_noop(
    "Not a plain decimal number (digits, an optional leading minus sign and decimal point; no spaces, commas "
    'or currency signs): "%(value)s".'
)
_TOO_MANY_PLACES = gettext_noop('More than %(places)d decimal places: "%(value)s".')
_TOO_LARGE = gettext_noop('More than %(digits)d digits before the decimal point: "%(value)s".')
_TYPE_INVALID = gettext_noop('EXP/FEE/INV_ADJ_TYPE must be F, E, IF or IE, not "%(value)s".')
_TASK_UNKNOWN = gettext_noop('Not a UTBMS litigation task code: "%(value)s".')
_TASK_IS_PHASE = gettext_noop('"%(value)s" is a UTBMS phase, not a task: a line names one of its tasks.')
_ACTIVITY_UNKNOWN = gettext_noop('Not a UTBMS activity code (A101 to A111): "%(value)s".')
_EXPENSE_UNKNOWN = gettext_noop('Not a UTBMS expense code (E101 to E124): "%(value)s".')
_ARITHMETIC = gettext_noop(
    "LINE_ITEM_TOTAL %(total)s is not units x unit cost + adjustment: %(units)s x %(cost)s + %(adjustment)s "
    "= %(expected)s."
)
_ARITHMETIC_ADJUSTMENT = gettext_noop(
    "LINE_ITEM_TOTAL %(total)s of an invoice adjustment line (%(type)s) is not its "
    "LINE_ITEM_ADJUSTMENT_AMOUNT %(adjustment)s."
)
_MISMATCH = gettext_noop(
    '%(field)s "%(value)s" differs from "%(first)s" on line %(first_line)d of invoice %(invoice)s.'
)
_DUPLICATE = gettext_noop('LINE_ITEM_NUMBER "%(value)s" is already used on line %(first_line)d of invoice %(invoice)s.')
_PERIOD = gettext_noop("BILLING_START_DATE %(start)s is after BILLING_END_DATE %(end)s.")
_TOTAL_SUM = gettext_noop("INVOICE_TOTAL %(total)s of invoice %(invoice)s is not the sum of its line totals, %(sum)s.")


_Invalid = tuple[str, tuple[tuple[str, object], ...]]  # a number's error: its message and values


@dataclass(frozen=True, slots=True)
class LedesError:
    line: int  # 1-based, in the file
    field: str | None  # a name of FIELDS; None: the whole line, or the file
    message: str


@dataclass(frozen=True, slots=True)
class LineItem:
    file_line: int
    number: str
    type: LineType
    units: Decimal | None  # None when blank (IF and IE lines)
    unit_cost: Decimal | None
    adjustment: Decimal  # signed; 0 when blank
    total: Decimal
    date: dt.date
    task_code: str | None  # None when blank
    activity_code: str | None
    expense_code: str | None
    timekeeper_id: str
    timekeeper_name: str
    timekeeper_classification: str
    description: str


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    date: dt.date
    client_id: str
    law_firm_id: str
    law_firm_matter_id: str
    client_matter_id: str
    description: str
    billing_start: dt.date
    billing_end: dt.date
    total: Decimal
    lines: tuple[LineItem, ...]


@dataclass(frozen=True, slots=True)
class Options:
    """The checks some e-billing clients add to the format's own. The defaults check a code only when given."""

    require_fee_codes: bool = False  # F lines: LINE_ITEM_TASK_CODE and LINE_ITEM_ACTIVITY_CODE
    require_expense_codes: bool = False  # E lines: LINE_ITEM_EXPENSE_CODE
    require_timekeeper: bool = False  # F lines: TIMEKEEPER_ID, TIMEKEEPER_NAME, TIMEKEEPER_CLASSIFICATION
    fallback_encoding: str | None = "cp1252"  # for bytes that are not UTF-8; None: an error
    max_errors: int = 500


@dataclass(frozen=True, slots=True)
class ParseResult:
    invoices: tuple[Invoice, ...]  # empty when there is any error
    errors: tuple[LedesError, ...]
    encoding: str | None = None  # what the bytes were read as ("utf-8", "cp1252"); None for text or unreadable

    @property
    def ok(self) -> bool:
        return not self.errors


class _Errors:
    """The errors found so far, kept raw (message id and values) and translated only when kept at the end."""

    def __init__(self, cap: int) -> None:
        self.cap = max(cap, 1)
        self.items: list[tuple[int, int, str | None, str, dict[str, object]]] = []
        self.dropped = 0
        self.first_dropped_line: int | None = None
        self.capping = True

    def add(self, line: int, field: str | None, message: str, /, **values: object) -> None:
        if self.capping and len(self.items) >= self.cap:
            self.dropped += 1
            if self.first_dropped_line is None:
                self.first_dropped_line = line
            return
        self.items.append((line, len(self.items), field, message, values))

    def result(self) -> tuple[LedesError, ...]:
        items = sorted(self.items)
        dropped, first_dropped = self.dropped, self.first_dropped_line
        if len(items) > self.cap:
            dropped += len(items) - self.cap
            first_dropped = items[self.cap][0] if first_dropped is None else min(first_dropped, items[self.cap][0])
            items = items[: self.cap]
        errors = [LedesError(line, field, gettext(message) % values) for line, _, field, message, values in items]
        if dropped:
            errors.append(
                LedesError(
                    first_dropped or errors[-1].line,
                    None,
                    ngettext("And %(count)d more error.", "And %(count)d more errors.", dropped) % {"count": dropped},
                )
            )
        return tuple(errors)


@dataclass(slots=True)
class _Draft:
    """An invoice being read: its first line's fields, its line numbers, its items."""

    number: str
    first_line: int
    raw: list[str]  # the invoice-level fields (INVOICE_FIELDS) as on the first line
    fields: list[str]  # the same, stripped
    total: Decimal | None
    dates: tuple[dt.date | None, dt.date | None, dt.date | None]  # INVOICE_DATE, BILLING_START_DATE, _END_DATE
    line_numbers: dict[str, int] = field(default_factory=dict)
    items: list[LineItem] = field(default_factory=list)
    line_sum: Decimal = Decimal(0)
    sum_complete: bool = True


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def parse(
    data: bytes | str,
    *,
    options: Options | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ParseResult:
    """Read and check a LEDES 1998B file (the module's docstring says what is checked). `progress`, if given, is
    called with (lines done, lines in the file) every PROGRESS_EVERY lines and once at the end."""
    options = options or Options()
    errors = _Errors(options.max_errors)
    encoding: str | None = None
    if isinstance(data, bytes):
        text, encoding = _decode(data, options.fallback_encoding, errors)
        if text is None:
            return ParseResult((), errors.result(), None)
    else:
        text = data.removeprefix("\ufeff")
    invoices = _Reader(options, errors, progress).read(text)
    found = errors.result()
    return ParseResult(() if found else invoices, found, encoding)


def _decode(data: bytes, fallback: str | None, errors: _Errors) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        failure = exc
    if fallback:
        try:
            return data.removeprefix(b"\xef\xbb\xbf").decode(fallback), fallback
        except UnicodeDecodeError as exc:
            failure = exc
    line = data.count(b"\n", 0, failure.start) + 1
    byte = f"{data[failure.start]:02X}"
    if fallback:
        errors.add(line, None, _NOT_UTF8_NOR, byte=byte, encoding=fallback)
    else:
        errors.add(line, None, _NOT_UTF8, byte=byte)
    return None, None


class _Reader:
    def __init__(self, options: Options, errors: _Errors, progress: Callable[[int, int], None] | None) -> None:
        self.options = options
        self.errors = errors
        self.progress = progress
        self.drafts: dict[str, _Draft] = {}
        self.unread: set[str] = set()  # invoice numbers of lines with a wrong count of fields
        # What a field's text reads as (dates, rates, units and totals repeat in a file): a date or None; a number
        # or an error's message and values.
        self.dates: dict[str, dt.date | None] = {}
        self.amounts: dict[str, Decimal | _Invalid] = {}
        self.quantities: dict[str, Decimal | _Invalid] = {}

    def read(self, text: str) -> tuple[Invoice, ...]:
        if not text.strip():
            self.errors.add(1, None, _EMPTY)
            return ()
        lines = text.split("\n") if "\n" in text else text.split("\r")
        while lines and not lines[-1].strip():
            lines.pop()
        total = len(lines)
        header_ok = self._header(lines[0].rstrip())
        names_ok = self._names(lines[1].rstrip()) if total > 1 else False
        if not header_ok and not names_ok:
            self.errors.add(1, None, _NOT_LEDES)
            return ()
        items = 0
        for index in range(2, total):
            if self.progress is not None and index % PROGRESS_EVERY == 0:
                self.progress(index, total)
            line = lines[index].rstrip()
            if line:
                items += 1
                self._line(index + 1, line)
        if self.progress is not None:
            self.progress(total, total)
        if not items:
            self.errors.add(total, None, _NO_ITEMS)
            return ()
        self.errors.capping = False  # the invoices' own errors sort among the lines' before the cap
        for draft in self.drafts.values():
            self._check_total(draft)
        if self.errors.items or self.errors.dropped:
            return ()
        return tuple(_invoice(draft) for draft in self.drafts.values())

    def _header(self, line: str) -> bool:
        if line == HEADER:
            return True
        self.errors.add(1, None, _HEADER, value=_shown(line))
        return False

    def _names(self, line: str) -> bool:
        """Line 2: one error at most (the count of names, the first name out of place, or the terminator)."""
        if line == FIELD_NAMES_LINE:
            return True
        names = [name.strip() for name in line.removesuffix("[]").split("|")]
        if len(names) != len(FIELDS):
            self.errors.add(2, None, _NAMES_COUNT, count=len(names))
            return False
        for position, (name, expected) in enumerate(zip(names, FIELDS, strict=True), 1):
            if name != expected:
                self.errors.add(2, None, _NAMES, position=position, value=_shown(name), expected=expected)
                return False
        if not line.endswith("[]"):
            self.errors.add(2, None, _NO_TERMINATOR)
            return False
        return True  # names with spaces around them

    def _line(self, n: int, line: str) -> None:
        add = self.errors.add
        if line.endswith("[]"):
            line = line[:-2]
        else:
            add(n, None, _NO_TERMINATOR)
        raw = line.split("|")
        if len(raw) != len(FIELDS):
            add(n, None, _FIELD_COUNT, count=len(raw))
            if len(raw) > INVOICE_NUMBER:  # its invoice, likely: its total is not checked against a missing line
                self.unread.add(raw[INVOICE_NUMBER].strip())
            return
        options = self.options
        dates, amounts, quantities = self.dates, self.amounts, self.quantities
        bad: set[int] = set()  # the fields in error

        def error(i: int, message: str, **values: object) -> None:
            add(n, FIELDS[i], message, **values)
            bad.add(i)

        def blank(i: int, needed: bool, line_type: str = "") -> None:
            if needed:
                if line_type:
                    error(i, _REQUIRED_ON, field=FIELDS[i], type=line_type)
                else:
                    error(i, _REQUIRED, field=FIELDS[i])

        def text(i: int, needed: bool = False, line_type: str = "") -> str:
            value = raw[i].strip()
            if not value:
                blank(i, needed, line_type)
            return value

        def day(i: int) -> dt.date | None:
            value = raw[i]
            if value in dates:
                found = dates[value]
            else:
                if not value or value.isspace():
                    blank(i, True)
                    return None
                found = dates[value] = _read_date(value)
            if found is None:
                error(i, _DATE_INVALID, value=_shown(value))
            return found

        def number(i: int, places: int, needed: bool, line_type: str = "") -> Decimal | None:
            """None: blank, or in error (then `i in bad`)."""
            value = raw[i]
            cache = amounts if places == _AMOUNT_PLACES else quantities
            found = cache.get(value)
            if found is None:
                if not value or value.isspace():
                    blank(i, needed, line_type)
                    return None
                found = cache[value] = _read_number(value, places)
            if type(found) is Decimal:
                return found
            assert isinstance(found, tuple)
            error(i, found[0], **dict(found[1]))
            return None

        def code(i: int, known: Mapping[str, object], unknown: str, needed: bool, line_type: str) -> str | None:
            value = raw[i]
            if not value or value.isspace():
                blank(i, needed, line_type)
                return None
            if value in known:
                return value
            if i == TASK_CODE and value in utbms.PHASES:
                error(i, _TASK_IS_PHASE, value=value)
            else:
                error(i, unknown, value=_shown(value))
            return None

        # Invoice-level fields: checked on an invoice's first line, and on a later line only when they are not
        # the same as there (and then they are an error: a mismatch). Read back from the first line at the end.
        invoice_number = text(INVOICE_NUMBER, needed=True)
        draft = self.drafts.get(invoice_number) if invoice_number else None
        invoice_raw = [raw[i] for i in INVOICE_FIELDS]
        if draft is None or invoice_raw != draft.raw:
            invoice_date = day(INVOICE_DATE)
            text(CLIENT_ID, needed=True)
            text(LAW_FIRM_MATTER_ID, needed=True)
            invoice_total = number(INVOICE_TOTAL, _AMOUNT_PLACES, needed=True)
            billing_start = day(BILLING_START_DATE)
            billing_end = day(BILLING_END_DATE)
            text(LAW_FIRM_ID, needed=True)
            if draft is not None:
                self._same_invoice(n, draft, raw, invoice_total)
            elif invoice_number:
                stripped = [value.strip() for value in invoice_raw]
                dates_read = (invoice_date, billing_start, billing_end)
                draft = _Draft(invoice_number, n, invoice_raw, stripped, invoice_total, dates_read)
                self.drafts[invoice_number] = draft
                if billing_start is not None and billing_end is not None and billing_start > billing_end:
                    start, end = raw[BILLING_START_DATE], raw[BILLING_END_DATE]
                    add(n, FIELDS[BILLING_START_DATE], _PERIOD, start=start, end=end)

        # The line's own.
        item_number = text(LINE_ITEM_NUMBER, needed=True)
        line_type: LineType | None = None
        type_value = raw[TYPE]
        if not type_value or type_value.isspace():
            blank(TYPE, True)
        else:
            line_type = LINE_TYPES.get(type_value)
            if line_type is None:
                error(TYPE, _TYPE_INVALID, value=_shown(type_value))
        type_name = line_type or ""
        is_fee = line_type == "F"
        is_item = line_type in ("F", "E")  # not an invoice-level adjustment (nor of no known type)
        units = number(UNITS, _QUANTITY_PLACES, needed=is_item, line_type=type_name)
        unit_cost = number(UNIT_COST, _QUANTITY_PLACES, needed=is_item, line_type=type_name)
        adjustment = number(ADJUSTMENT, _AMOUNT_PLACES, needed=False)
        line_total = number(LINE_ITEM_TOTAL, _AMOUNT_PLACES, needed=True)
        item_date = day(LINE_ITEM_DATE)
        fee_codes = options.require_fee_codes and is_fee
        task = code(TASK_CODE, utbms.TASKS, _TASK_UNKNOWN, fee_codes, type_name)
        activity = code(ACTIVITY_CODE, utbms.ACTIVITIES, _ACTIVITY_UNKNOWN, fee_codes, type_name)
        expense_codes = options.require_expense_codes and line_type == "E"
        expense = code(EXPENSE_CODE, utbms.EXPENSES, _EXPENSE_UNKNOWN, expense_codes, type_name)
        timekeeper = options.require_timekeeper and is_fee
        timekeeper_id = text(TIMEKEEPER_ID, timekeeper, type_name)
        timekeeper_name = text(TIMEKEEPER_NAME, timekeeper, type_name)
        classification = text(TIMEKEEPER_CLASSIFICATION, timekeeper, type_name)

        # The arithmetic, when its parts are all readable.
        if line_type is not None and line_total is not None and not bad.intersection((UNITS, UNIT_COST, ADJUSTMENT)):
            self._arithmetic(n, line_type, units, unit_cost, adjustment, line_total)

        # The invoice.
        if draft is None:
            return
        if item_number:
            first = draft.line_numbers.get(item_number)
            if first is None:
                draft.line_numbers[item_number] = n
            else:
                add(
                    n,
                    FIELDS[LINE_ITEM_NUMBER],
                    _DUPLICATE,
                    value=_shown(item_number),
                    first_line=first,
                    invoice=_shown(invoice_number),
                )
        if line_total is None:
            draft.sum_complete = False
        else:
            draft.line_sum += line_total
        if bad or line_type is None or line_total is None or item_date is None:
            return  # an error: no invoice will be returned
        draft.items.append(
            LineItem(
                file_line=n,
                number=item_number,
                type=line_type,
                units=units,
                unit_cost=unit_cost,
                adjustment=adjustment if adjustment is not None else Decimal(0),
                total=line_total,
                date=item_date,
                task_code=task,
                activity_code=activity,
                expense_code=expense,
                timekeeper_id=timekeeper_id,
                timekeeper_name=timekeeper_name,
                timekeeper_classification=classification,
                description=raw[LINE_ITEM_DESCRIPTION].strip(),
            )
        )

    def _arithmetic(
        self,
        n: int,
        line_type: LineType,
        units: Decimal | None,
        unit_cost: Decimal | None,
        adjustment: Decimal | None,
        line_total: Decimal,
    ) -> None:
        if units is None or unit_cost is None:
            # Only an IF or IE line gets here (F and E lines require both): its amount is its adjustment.
            if adjustment is None:
                self.errors.add(n, FIELDS[ADJUSTMENT], _REQUIRED_ADJUSTMENT, type=line_type)
            elif line_total != adjustment:
                self.errors.add(
                    n,
                    FIELDS[LINE_ITEM_TOTAL],
                    _ARITHMETIC_ADJUSTMENT,
                    total=line_total,
                    type=line_type,
                    adjustment=adjustment,
                )
            return
        signed = adjustment if adjustment is not None else Decimal(0)
        product = _CONTEXT.multiply(units, unit_cost).quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
        expected = _CONTEXT.add(product, signed)
        if line_total != expected:
            self.errors.add(
                n,
                FIELDS[LINE_ITEM_TOTAL],
                _ARITHMETIC,
                total=line_total,
                units=units,
                cost=unit_cost,
                adjustment=signed,
                expected=expected,
            )

    def _same_invoice(self, n: int, draft: _Draft, raw: list[str], invoice_total: Decimal | None) -> None:
        for position, i in enumerate(INVOICE_FIELDS):
            value, first = raw[i].strip(), draft.fields[position]
            if value == first:
                continue
            if i == INVOICE_TOTAL and invoice_total is not None and invoice_total == draft.total:
                continue  # 1000.0 and 1000.00: the same total
            self.errors.add(
                n,
                FIELDS[i],
                _MISMATCH,
                field=FIELDS[i],
                value=_shown(value),
                first=_shown(first),
                first_line=draft.first_line,
                invoice=_shown(draft.number),
            )

    def _check_total(self, draft: _Draft) -> None:
        if (
            draft.sum_complete
            and draft.number not in self.unread
            and draft.total is not None
            and draft.line_sum != draft.total
        ):
            self.errors.add(
                draft.first_line,
                FIELDS[INVOICE_TOTAL],
                _TOTAL_SUM,
                total=draft.total,
                invoice=_shown(draft.number),
                sum=draft.line_sum,
            )


def _invoice(draft: _Draft) -> Invoice:
    """The invoice of a file without error: every field of its first line is read and valid."""
    values = dict(zip(INVOICE_FIELDS, draft.fields, strict=True))
    invoice_date, billing_start, billing_end = draft.dates
    assert draft.total is not None and invoice_date is not None and billing_start is not None
    assert billing_end is not None
    return Invoice(
        number=draft.number,
        date=invoice_date,
        client_id=values[CLIENT_ID],
        law_firm_id=values[LAW_FIRM_ID],
        law_firm_matter_id=values[LAW_FIRM_MATTER_ID],
        client_matter_id=values[CLIENT_MATTER_ID],
        description=values[INVOICE_DESCRIPTION],
        billing_start=billing_start,
        billing_end=billing_end,
        total=draft.total,
        lines=tuple(draft.items),
    )


def _read_date(value: str) -> dt.date | None:
    """The day of YYYYMMDD, None if it is not one."""
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _read_number(value: str, places: int) -> Decimal | _Invalid:
    """The number, or the error's message and values."""
    match = _NUMBER.fullmatch(value)
    if match is None or not (match[1] or match[2]):
        return _NUMBER_INVALID, (("value", _shown(value)),)
    if len(match[1]) > _MAX_INTEGER_DIGITS:
        return _TOO_LARGE, (("digits", _MAX_INTEGER_DIGITS), ("value", _shown(value)))
    if match[2] and len(match[2]) > places:
        return _TOO_MANY_PLACES, (("places", places), ("value", _shown(value)))
    return Decimal(value)
