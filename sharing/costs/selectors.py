"""Scoped reads of a group's costs. Everyone in the group past the invitation reads the agreement versions and the
group's totals; a company reads its own statement and its own declared figures; the treasurer (appointed by the
lead) reads and manages everything; counsel read the invoices they submitted and whether they are paid. Anyone
else, moderators and the association's other companies included, gets NoAccess (404)."""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from sharing.costs import ledger
from sharing.costs.allocation import Method as AllocationMethod
from sharing.costs.allocation import MethodKind
from sharing.costs.models import (
    CostAcceptance,
    CostPeriod,
    CostTerm,
    CostVersion,
    Credit,
    Expense,
    ExpenseRate,
    Invoice,
    InvoiceImport,
    LedgerChange,
    Settlement,
    Share,
    Treasurer,
)
from sharing.defense.access import GroupAccess, Level
from sharing.defense.models import DefenseGroup, Participant, ParticipantStatus
from sharing.defense.selectors import require
from tenancy.access import COMPANY_ROLES, Access, NoAccess
from tenancy.models import Company


def is_treasurer(gaccess: GroupAccess) -> bool:
    return Treasurer.objects.filter(group=gaccess.group, user=gaccess.access.user).exists()


def require_treasurer(gaccess: GroupAccess) -> None:
    if not is_treasurer(gaccess):
        raise NoAccess


def own_company(gaccess: GroupAccess) -> Company | None:
    """The caller's company, when it takes part in the group (not counsel)."""
    if gaccess.participant.company_id is None:
        return None
    return gaccess.access.company


def active_companies(group_id: int) -> QuerySet[Company]:
    participants = Participant.objects.filter(
        group_id=group_id, status=ParticipantStatus.ACTIVE, company__isnull=False
    ).values("company_id")
    return Company.objects.filter(pk__in=participants)


def sharing_companies(group_id: int) -> set[int]:
    """The companies sharing the group's costs now (an open period); before any version took effect, every company
    active in the group: whom a new version waits for."""
    sharing = set(CostPeriod.objects.filter(group_id=group_id, end__isnull=True).values_list("company_id", flat=True))
    return sharing or set(active_companies(group_id).values_list("pk", flat=True))


def versions(gaccess: GroupAccess) -> QuerySet[CostVersion]:
    require(gaccess, Level.SUMMARY)
    return CostVersion.objects.filter(group=gaccess.group).order_by("number")


def get_version(gaccess: GroupAccess, number: int | str) -> CostVersion:
    version = versions(gaccess).filter(number=number).first()
    if version is None:
        raise NoAccess
    return version


def version_in_force(group_id: int) -> CostVersion | None:
    return CostVersion.objects.filter(group_id=group_id, in_force_at__isnull=False).order_by("-number").first()


def visible_terms(gaccess: GroupAccess, version: CostVersion) -> QuerySet[CostTerm]:
    """A version's terms the caller may read: all of them for the treasurer, and for everyone under fixed
    percentages (part of the agreement all accept); otherwise only the company's own (a declared weight, and even
    a cap, stays with its company and the treasurer)."""
    terms = version.terms.select_related("company")
    if is_treasurer(gaccess) or version.method == MethodKind.PERCENT:
        return terms
    company = own_company(gaccess)
    return terms.filter(company=company) if company is not None else terms.none()


def acceptances(version: CostVersion) -> QuerySet[CostAcceptance]:
    return version.acceptances.select_related("company", "accepted_by")


def expenses(gaccess: GroupAccess) -> QuerySet[Expense]:
    """The group's expenses: the treasurer and the companies sharing costs (their statements point at them)."""
    require(gaccess, Level.SUMMARY)
    if not is_treasurer(gaccess) and own_company(gaccess) is None:
        raise NoAccess
    return Expense.objects.filter(group=gaccess.group).select_related("invoice", "engagement__firm")


def invoices(gaccess: GroupAccess) -> QuerySet[Invoice]:
    """The treasurer and the companies read every invoice of the group; counsel the ones they submitted."""
    require(gaccess, Level.SUMMARY)
    found = Invoice.objects.filter(group=gaccess.group).select_related("firm", "expense")
    if is_treasurer(gaccess) or own_company(gaccess) is not None:
        return found
    return found.filter(submitted_by=gaccess.access.user)


def get_invoice(gaccess: GroupAccess, invoice_id: int | str) -> Invoice:
    invoice = invoices(gaccess).filter(pk=invoice_id).first()
    if invoice is None:
        raise NoAccess
    return invoice


def get_import(gaccess: GroupAccess, import_id: int | str) -> InvoiceImport:
    """A LEDES import of the group, for its progress page: the person who submitted it, and the treasurer."""
    require(gaccess, Level.SUMMARY)
    found = InvoiceImport.objects.filter(group=gaccess.group, pk=import_id).defer("content")
    if not is_treasurer(gaccess):
        found = found.filter(submitted_by=gaccess.access.user)
    job = found.first()
    if job is None:
        raise NoAccess
    return job


@dataclass
class Totals:
    allocated: int = 0
    paid: int = 0
    reimbursed: int = 0

    @property
    def outstanding(self) -> int:
        return self.allocated - self.paid - self.reimbursed


@dataclass
class Statement:
    """A company's statement: per currency, what was allocated to it, paid, reimbursed, outstanding; its lines
    (each share with the expense, the version and the method behind it); and, in `converted`, the totals in the
    currency it asked for, where every line has a rate (`missing_rates` counts the lines without one)."""

    group: DefenseGroup
    company: Company
    totals: dict[str, Totals]
    lines: list[Share]
    credits: list[Credit]
    currency: str | None = None
    converted: Totals | None = None
    missing_rates: int = 0
    periods: list[CostPeriod] = field(default_factory=list)


def statement(gaccess: GroupAccess, company: Company, currency: str | None = None) -> Statement:
    """`company`'s statement: for its own people and the treasurer, of a company of the group's statements only."""
    require(gaccess, Level.SUMMARY)
    if not is_treasurer(gaccess) and own_company(gaccess) != company:
        raise NoAccess
    if not statement_companies(gaccess.group.pk).filter(pk=company.pk).exists():
        raise NoAccess
    return _statement(gaccess.group, company, currency)


def former_groups(access: Access) -> QuerySet[DefenseGroup]:
    """The groups of the association whose costs the caller's company shared and that it is no longer in (it left,
    or was removed): it stays liable for what was allocated to it there, so its people still read that statement."""
    if access.company is None or not access.has_any(COMPANY_ROLES):
        return DefenseGroup.objects.none()
    shared = CostPeriod.objects.filter(company=access.company).values("group_id")
    still_in = Participant.objects.filter(
        company=access.company, status__in=[ParticipantStatus.INVITED, ParticipantStatus.ACTIVE]
    ).values("group_id")
    return DefenseGroup.objects.filter(association=access.association, pk__in=shared).exclude(pk__in=still_in)


def former_statement(access: Access, group_id: int | str, currency: str | None = None) -> Statement:
    """The caller's company's statement in a group it left; any other group is NoAccess (in a group it is still
    in, the group's own statement page serves it)."""
    group = former_groups(access).filter(pk=group_id).first()
    if group is None:
        raise NoAccess
    assert access.company is not None
    return _statement(group, access.company, currency)


def _statement(group: DefenseGroup, company: Company, currency: str | None) -> Statement:
    lines = list(
        Share.objects.filter(group=group, company=company)
        .select_related("expense__invoice", "expense__engagement__firm")
        .order_by("expense__incurred_on", "expense_id")
    )
    credits = list(Credit.objects.filter(group=group, company=company))
    totals: dict[str, Totals] = defaultdict(Totals)
    for line in lines:
        totals[line.expense.currency].allocated += line.cents
    for credit in credits:
        bucket = totals[credit.currency]
        if credit.kind == Settlement.PAYMENT:
            bucket.paid += credit.cents
        else:
            bucket.reimbursed += credit.cents
    result = Statement(group, company, dict(totals), lines, credits, currency=currency)
    result.periods = list(CostPeriod.objects.filter(group=group, company=company))
    if currency:
        result.converted, result.missing_rates = _converted(lines, credits, currency)
    return result


def _converted(lines: list[Share], credits: list[Credit], currency: str) -> tuple[Totals, int]:
    """The statement in `currency`: each share at its expense's recorded rate (to the cent, half up); credits
    count only in that currency."""
    rates = {
        rate.expense_id: rate.rate
        for rate in ExpenseRate.objects.filter(expense_id__in=[line.expense_id for line in lines], currency=currency)
    }
    converted, missing = Totals(), 0
    for line in lines:
        if line.expense.currency == currency:
            converted.allocated += line.cents
        elif line.expense_id in rates:
            converted.allocated += int(
                (Decimal(line.cents) * rates[line.expense_id]).quantize(Decimal(1), "ROUND_HALF_UP")
            )
        else:
            missing += 1
    for credit in credits:
        if credit.currency == currency:
            if credit.kind == Settlement.PAYMENT:
                converted.paid += credit.cents
            else:
                converted.reimbursed += credit.cents
    return converted, missing


def outstanding(group_id: int, company_id: int, currency: str) -> int:
    """Cents `company` still owes the group in `currency` (negative when it paid ahead)."""
    allocated = (
        Share.objects.filter(group_id=group_id, company_id=company_id, currency=currency).aggregate(total=Sum("cents"))[
            "total"
        ]
        or 0
    )
    credited = (
        Credit.objects.filter(group_id=group_id, company_id=company_id, currency=currency).aggregate(
            total=Sum("cents")
        )["total"]
        or 0
    )
    return allocated - credited


def group_totals(gaccess: GroupAccess) -> dict[str, dict[str, int]]:
    """Per currency: the group's expenses, what was allocated, and what is still unsplit (no identities)."""
    require(gaccess, Level.SUMMARY)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: {"expenses": 0, "allocated": 0, "paid": 0})
    for row in Expense.objects.filter(group=gaccess.group).values("currency").annotate(total=Sum("cents")):
        totals[row["currency"]]["expenses"] = row["total"]
    shares = Share.objects.filter(group=gaccess.group).values("currency").annotate(total=Sum("cents"))
    for share in shares:
        totals[share["currency"]]["allocated"] = share["total"]
    paid = Credit.objects.filter(group=gaccess.group).values("currency").annotate(total=Sum("cents"))
    for row in paid:
        totals[row["currency"]]["paid"] = row["total"]
    return dict(totals)


def _versions_in_force(group_id: int) -> list[ledger.Version]:
    in_force = CostVersion.objects.filter(group_id=group_id, in_force_at__isnull=False).prefetch_related("terms")
    return [
        ledger.Version(
            version.number,
            version.effective_on,
            AllocationMethod(
                MethodKind(version.method),
                {term.company_id: term.figure for term in version.terms.all() if term.figure is not None},
                version.base_percent,
            ),
            version.currency,
            {term.company_id: term.cap_cents for term in version.terms.all() if term.cap_cents is not None},
        )
        for version in in_force
    ]


def ledger_window(since: date, from_id: int | None = None, prefix: str = "") -> Q:
    """The expenses from `since` on in the ledger's order (date, then id): from expense `from_id` on that day."""
    if from_id is None:
        return Q(**{f"{prefix}incurred_on__gte": since})
    return Q(**{f"{prefix}incurred_on__gt": since}) | Q(**{f"{prefix}incurred_on": since, f"{prefix}id__gte": from_id})


def carried_before(group_id: int, since: date, from_id: int | None = None) -> dict[tuple[Hashable, str], int]:
    """(company, currency) -> cents of the company's shares of the expenses before the window from `since` on."""
    rows = (
        Share.objects.filter(group_id=group_id)
        .exclude(ledger_window(since, from_id, "expense__"))
        .values("company_id", "currency")
        .annotate(total=Sum("cents"))
    )
    return {(row["company_id"], row["currency"]): row["total"] for row in rows}


def computed_ledger(
    group_id: int, *, since: date | None = None, from_id: int | None = None, expenses: QuerySet[Expense] | None = None
) -> ledger.Ledger:
    """The ledger from `since` on (everything when None), or of `expenses`, with what the companies carried
    before for their caps, and the reasons (in the active language) an expense is not split."""
    rows = Expense.objects.filter(group_id=group_id) if expenses is None else expenses
    if since is not None:
        rows = rows.filter(ledger_window(since, from_id))
    found = [ledger.Expense(r["id"], r["incurred_on"], r["cents"], r["currency"])
             for r in rows.values("id", "incurred_on", "cents", "currency")]  # fmt: skip
    start = since or min((expense.incurred_on for expense in found), default=None)
    periods = [
        ledger.Period(row["company_id"], row["start"], row["end"])
        for row in CostPeriod.objects.filter(group_id=group_id).values("company_id", "start", "end")
    ]
    return ledger.compute(
        found, _versions_in_force(group_id), periods,
        no_version=_("No cost-sharing version is in force on the expense's date."),
        no_company=_("No company shares costs on the expense's date."),
        carried=carried_before(group_id, start, from_id if since else None) if start else None,
    )  # fmt: skip


def unsplit(group_id: int) -> list[tuple[Expense, str]]:
    """The expenses not split (yet), each with the reason."""
    pending = Expense.objects.filter(group_id=group_id, shares__isnull=True)
    reasons = {item.expense: item.reason for item in computed_ledger(group_id, expenses=pending).unsplit}
    return [(expense, reasons.get(expense.pk, "")) for expense in pending.order_by("incurred_on", "id")]


def ledger_changes(gaccess: GroupAccess) -> list[LedgerChange]:
    """Why the statements changed, newest first: the treasurer sees every company's before and after; a company
    only its own (another's totals would tell its declared figure)."""
    require(gaccess, Level.SUMMARY)
    changes = list(LedgerChange.objects.filter(group=gaccess.group)[:200])
    if is_treasurer(gaccess):
        return changes
    company = own_company(gaccess)
    if company is None:
        raise NoAccess
    mine = str(company.pk)
    for change in changes:
        change.details = {mine: change.details[mine]} if mine in change.details else {}
    return [change for change in changes if change.details]


def statement_companies(group_id: int) -> QuerySet[Company]:
    """The companies a statement of the group can be of: those active in the group, and those that share or
    shared its costs (a company that left stays liable for what is dated up to then). A statement page of any
    other company, of the association or not, is a 404, so that its name never shows."""
    periods = CostPeriod.objects.filter(group_id=group_id).values("company_id")
    active = active_companies(group_id).values("pk")
    return (Company.objects.filter(pk__in=active) | Company.objects.filter(pk__in=periods)).order_by(
        "legal_name_en", "pk"
    )


def company_totals(gaccess: GroupAccess) -> dict[int, dict[str, Totals]]:
    """Every company's statement totals, per currency, in two queries: the treasurer's overview."""
    require_treasurer(gaccess)
    totals: dict[int, dict[str, Totals]] = defaultdict(lambda: defaultdict(Totals))
    shares = Share.objects.filter(group=gaccess.group).values("company_id", "currency").annotate(total=Sum("cents"))
    for share in shares:
        totals[share["company_id"]][share["currency"]].allocated = share["total"]
    credits = (
        Credit.objects.filter(group=gaccess.group).values("company_id", "currency", "kind").annotate(total=Sum("cents"))
    )
    for credit in credits:
        bucket = totals[credit["company_id"]][credit["currency"]]
        if credit["kind"] == Settlement.PAYMENT:
            bucket.paid += credit["total"]
        else:
            bucket.reimbursed += credit["total"]
    return {company: dict(by_currency) for company, by_currency in totals.items()}
