"""Writes of a group's cost sharing. The lead's admins appoint the treasurer; the treasurer proposes agreement
versions, enters expenses, imports invoices, records payments and reimbursements; a company's admins declare their
figure, accept versions and withdraw; engaged counsel import their invoices. Each validates everything first and
writes in one transaction, then recomputes the ledger in it, so that no statement disagrees with its inputs; every
change is audited, and a change of the statements is kept with its before and after (LedgerChange).
"""

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from sharing.costs.allocation import AllocationError, MethodKind, check_percentages
from sharing.costs.amounts import units
from sharing.costs.imports import store_invoices
from sharing.costs.ledger_store import recompute
from sharing.costs.models import (
    Category,
    CostAcceptance,
    CostPeriod,
    CostTerm,
    CostVersion,
    Credit,
    Expense,
    ExpenseRate,
    Invoice,
    InvoiceImport,
    Settlement,
    Treasurer,
)
from sharing.costs.selectors import (
    active_companies,
    is_treasurer,
    outstanding,
    own_company,
    require_treasurer,
    sharing_companies,
    version_in_force,
)
from sharing.costs.tasks import import_invoices
from sharing.counsel.models import Attorney, Engagement
from sharing.defense.access import GroupAccess, Level
from sharing.defense.models import DefenseGroup, Participant, ParticipantStatus
from sharing.reports.choices import Currency
from tenancy.access import NoAccess
from tenancy.models import Company

MAX_CENTS = 10**15  # ten trillion in any currency: beyond it an amount is a typing error


def _refuse(message: str, field: str | None = None) -> NoReturn:
    raise ValidationError({field: message} if field else message)


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def parse_cents(value: Any, field: str, errors: dict[str, list[str]], *, allow_zero: bool = False) -> int:
    """An amount as whole cents: a decimal number with at most two decimals, above zero (or zero if allowed)."""
    try:
        amount = Decimal(str(value).strip()) if value not in (None, "") else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        errors.setdefault(field, []).append(_("Give an amount, such as 1250.00."))
        return 0
    if amount != amount.quantize(Decimal("0.01")):
        errors.setdefault(field, []).append(_("At most two decimals."))
        return 0
    cents = int(amount * 100)
    if cents < 0 or (cents == 0 and not allow_zero) or cents > MAX_CENTS:
        errors.setdefault(field, []).append(_("The amount must be above zero."))
        return 0
    return cents


def _currency(value: Any, field: str, errors: dict[str, list[str]]) -> str:
    if value not in Currency.values:
        errors.setdefault(field, []).append(_("Choose one of the currencies."))
        return ""
    return str(value)


def _day(value: Any, field: str, errors: dict[str, list[str]], *, required: bool = True) -> date | None:
    if isinstance(value, date):
        return value
    if value in (None, "") and not required:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(field, []).append(_("Give a date, such as 2026-03-14."))
        return None


def _require_company_admin(gaccess: GroupAccess) -> Company:
    company = own_company(gaccess)
    if company is None or not gaccess.access.is_company_admin or gaccess.level < Level.SUMMARY:
        raise NoAccess
    return company


# The treasurer ---------------------------------------------------------------------------------------------------


def treasurer_appoint(*, gaccess: GroupAccess, user: User) -> Treasurer:
    """The lead's admins appoint the person who manages the group's costs: one of a participating company's
    people."""
    if not gaccess.manages:
        raise NoAccess
    companies = Participant.objects.filter(
        group=gaccess.group, status=ParticipantStatus.ACTIVE, company__isnull=False
    ).values("company_id")
    if not user.is_active or user.company_id is None or not companies.filter(company_id=user.company_id).exists():
        _refuse(_("Choose a person of a company in the group."), "user")
    with transaction.atomic():
        treasurer, _created = Treasurer.objects.update_or_create(
            group=gaccess.group, defaults={"user": user, "appointed_by": gaccess.user}
        )
        audit_record(action="costs.treasurer_appointed", actor=gaccess.user, target=gaccess.group,
                     details={"user": user.pk})  # fmt: skip
    return treasurer


# Agreement versions ----------------------------------------------------------------------------------------------


def version_propose(*, gaccess: GroupAccess, data: Mapping[str, Any]) -> CostVersion:
    """A new version of the cost-sharing agreement (the treasurer): the method, the currency, the effective date,
    the date from which late joiners share past costs (optional), and per company its fixed percentage (percent
    method) and its optional cap. Weights are declared by each company afterwards (figure_declare)."""
    require_treasurer(gaccess)
    group = gaccess.group
    errors: dict[str, list[str]] = {}
    method = data.get("method")
    if method not in MethodKind.__members__.values():
        errors["method"] = [_("Choose one of the allocation methods.")]
    currency = _currency(data.get("currency") or Currency.USD, "currency", errors)
    effective_on = _day(data.get("effective_on"), "effective_on", errors)
    past_costs_from = _day(data.get("past_costs_from"), "past_costs_from", errors, required=False)
    base = Decimal(0)
    if method == MethodKind.BASE_WEIGHTED:
        try:
            base = Decimal(str(data.get("base_percent")))
        except InvalidOperation:
            base = Decimal(-1)
        if not base.is_finite() or not 0 <= base <= 100:
            errors["base_percent"] = [_("The base share is a percentage from 0 to 100.")]
    current = version_in_force(group.pk)
    if effective_on and current is not None and effective_on < current.effective_on:
        errors["effective_on"] = [_("A new version cannot take effect before the version in force.")]
    members = set(active_companies(group.pk).values_list("pk", flat=True))
    terms: dict[int, dict[str, Any]] = {}
    for index, row in enumerate(data.get("terms") or []):
        company = row.get("company")
        if company not in members or company in terms:
            errors.setdefault(f"terms.{index}.company", []).append(_("Choose a company in the group, once."))
            continue
        term: dict[str, Any] = {"figure": None, "cap_cents": None}
        if row.get("cap") not in (None, ""):
            term["cap_cents"] = parse_cents(row["cap"], f"terms.{index}.cap", errors, allow_zero=True)
        if method == MethodKind.PERCENT:
            try:
                term["figure"] = Decimal(str(row.get("percent")))
            except InvalidOperation:
                errors.setdefault(f"terms.{index}.percent", []).append(_("Give a percentage."))
        terms[company] = term
    if method == MethodKind.PERCENT and not errors:
        missing = members - set(terms)
        if missing:
            errors["terms"] = [_("Give every company in the group its percentage.")]
        else:
            try:
                check_percentages({company: term["figure"] for company, term in terms.items()})
            except AllocationError as error:
                errors["terms"] = [str(error)]
    _raise(errors)
    assert isinstance(method, str) and effective_on is not None
    with transaction.atomic():
        number = (CostVersion.objects.filter(group=group).order_by("-number").values_list("number", flat=True)
                  .first() or 0) + 1  # fmt: skip
        version = CostVersion.objects.create(
            group=group, number=number, method=method, measure=(data.get("measure") or "").strip()[:100],
            base_percent=base, currency=currency, effective_on=effective_on, past_costs_from=past_costs_from,
            note=(data.get("note") or "").strip()[:2000], created_by=gaccess.user,
        )  # fmt: skip
        CostTerm.objects.bulk_create(CostTerm(version=version, company_id=c, **term) for c, term in terms.items())
        audit_record(action="costs.version_proposed", actor=gaccess.user, target=group, details={"version": number})
    return version


def figure_declare(*, gaccess: GroupAccess, version: CostVersion, figure: Any) -> CostTerm:
    """A company's admin declares its figure (the measure the version weighs by): seen by the treasurer and the
    company only."""
    company = _require_company_admin(gaccess)
    if version.group_id != gaccess.group.pk or version.method not in (MethodKind.WEIGHTED, MethodKind.BASE_WEIGHTED):
        _refuse(_("This version takes no declared figures."), "figure")
    try:
        value = Decimal(str(figure))
    except InvalidOperation:
        value = Decimal(0)
    if not value.is_finite() or value <= 0:
        _refuse(_("Every weight must be above zero."), "figure")
    if value != value.quantize(Decimal("0.0001")) or value >= Decimal(10) ** 14:
        _refuse(_("At most four decimals and fourteen digits."), "figure")
    if version.in_force_at is not None and CostAcceptance.objects.filter(version=version, company=company).exists():
        _refuse(_("Your company accepted this version with its figure; a new version is needed to change it."))
    with transaction.atomic():
        term, _created = CostTerm.objects.update_or_create(
            version=version, company=company,
            defaults={"figure": value, "declared_by": gaccess.user, "declared_at": timezone.now()},
        )  # fmt: skip
        audit_record(action="costs.figure_declared", actor=gaccess.user, target=gaccess.group,
                     details={"version": version.number})  # fmt: skip
    return term


def version_accept(*, gaccess: GroupAccess, version: CostVersion) -> CostAcceptance:
    """A company's admin accepts a version for the company. Once every company sharing costs accepted it, it takes
    effect. A company that accepts the version in force joins the cost sharing: from the day it accepts, or from
    the date the version names for late joiners to share past costs."""
    company = _require_company_admin(gaccess)
    if version.group_id != gaccess.group.pk:
        raise NoAccess
    needs_figure = version.method in (MethodKind.WEIGHTED, MethodKind.BASE_WEIGHTED)
    term = CostTerm.objects.filter(version=version, company=company).first()
    if needs_figure and (term is None or term.figure is None):
        _refuse(_("Declare your company's figure before accepting this version."), "figure")
    if version.method == MethodKind.PERCENT and term is None:
        _refuse(_("This version gives your company no percentage: the treasurer must propose one that does."))
    newer = CostVersion.objects.filter(group=version.group, number__gt=version.number, in_force_at__isnull=False)
    if newer.exists():
        _refuse(_("A newer version is in force."))
    with transaction.atomic():
        acceptance, created = CostAcceptance.objects.get_or_create(
            version=version, company=company, defaults={"accepted_by": gaccess.user}
        )
        if not created:
            _refuse(_("Your company already accepted this version."))
        today = timezone.localdate()
        since: date | None = None  # nothing to split again unless a period opens or the version takes effect
        if version.in_force_at is not None:  # a late joiner comes in under the version in force
            since = version.past_costs_from or today
            _open_period(version, company, since)
        else:
            accepted = set(version.acceptances.values_list("company_id", flat=True))
            if sharing_companies(version.group_id) <= accepted:
                version.in_force_at = timezone.now()
                version.save(update_fields=["in_force_at"])
                for company_id in accepted:
                    _open_period(version, Company(pk=company_id), version.effective_on)
                since = version.effective_on
        audit_record(action="costs.version_accepted", actor=gaccess.user, target=gaccess.group,
                     details={"version": version.number})  # fmt: skip
        if since is not None:
            recompute(version.group, since=since, cause="version", actor=gaccess.user)
    return acceptance


def _open_period(version: CostVersion, company: Company, start: date) -> None:
    if not CostPeriod.objects.filter(group_id=version.group_id, company=company, end__isnull=True).exists():
        CostPeriod.objects.create(group_id=version.group_id, company=company, start=start, joined_under=version)


def cost_withdraw(*, gaccess: GroupAccess) -> CostPeriod:
    """A company's admin takes the company out of the cost sharing: it stays liable for the expenses dated up to
    today, and for nothing after."""
    company = _require_company_admin(gaccess)
    with transaction.atomic():
        period = end_period(gaccess.group, company, timezone.localdate(), actor=gaccess.user)
        if period is None:
            _refuse(_("Your company does not share this group's costs."))
    return period


def end_period(group: DefenseGroup, company: Company, on: date, *, actor: User | None) -> CostPeriod | None:
    """End the company's open period on `on` (it withdrew, or left the group) and recompute; None if it had none."""
    period = CostPeriod.objects.select_for_update().filter(group=group, company=company, end__isnull=True).first()
    if period is None:
        return None
    period.end = max(on, period.start)
    period.save(update_fields=["end"])
    audit_record(action="costs.withdrawn", actor=actor, target=group, details={"company": company.pk})
    recompute(group, since=period.end + timedelta(days=1), cause="withdrawal", actor=actor)
    return period


# Expenses, rates, credits ----------------------------------------------------------------------------------------


def expense_add(*, gaccess: GroupAccess, data: Mapping[str, Any]) -> Expense:
    """The treasurer enters an expense by hand: payee, date, category, amount, currency, and the engagement it
    belongs to (optional)."""
    require_treasurer(gaccess)
    errors: dict[str, list[str]] = {}
    payee = (data.get("payee") or "").strip()
    if not payee or len(payee) > 200:
        errors["payee"] = [_("Name the payee (200 characters at most).")]
    incurred_on = _day(data.get("incurred_on"), "incurred_on", errors)
    if data.get("category") not in Category.values:
        errors["category"] = [_("Choose one of the categories.")]
    cents = parse_cents(data.get("amount"), "amount", errors)
    currency = _currency(data.get("currency"), "currency", errors)
    engagement = None
    if data.get("engagement") not in (None, ""):
        engagement = Engagement.objects.filter(group=gaccess.group, pk=data["engagement"]).first()
        if engagement is None:
            errors["engagement"] = [_("Choose one of the group's engagements.")]
    _raise(errors)
    assert incurred_on is not None
    with transaction.atomic():
        expense = Expense.objects.create(
            group=gaccess.group, engagement=engagement, payee=payee, incurred_on=incurred_on,
            category=data["category"], cents=cents, currency=currency,
            description=(data.get("description") or "").strip()[:2000], created_by=gaccess.user,
        )  # fmt: skip
        audit_record(action="costs.expense_added", actor=gaccess.user, target=gaccess.group,
                     details={"expense": expense.pk, "cents": cents, "currency": currency})  # fmt: skip
        recompute(gaccess.group, since=incurred_on, from_id=expense.pk, cause="expense", actor=gaccess.user)
    return expense


def expense_remove(*, gaccess: GroupAccess, expense: Expense) -> None:
    """The treasurer removes an expense entered by mistake (an invoice's goes with the invoice)."""
    require_treasurer(gaccess)
    if expense.group_id != gaccess.group.pk:
        raise NoAccess
    expense_id = expense.pk
    with transaction.atomic():
        audit_record(action="costs.expense_removed", actor=gaccess.user, target=gaccess.group,
                     details={"expense": expense.pk, "cents": expense.cents, "currency": expense.currency})  # fmt: skip
        if expense.invoice is not None:
            expense.invoice.delete()
        else:
            expense.delete()
        recompute(gaccess.group, since=expense.incurred_on, from_id=expense_id, cause="expense", actor=gaccess.user)


def rate_set(*, gaccess: GroupAccess, expense: Expense, data: Mapping[str, Any]) -> ExpenseRate:
    """Record the rate of an expense's currency into another (the treasurer, or a company admin for its
    statement): its date and its source, never fetched from the network."""
    if not is_treasurer(gaccess):
        _require_company_admin(gaccess)
    if expense.group_id != gaccess.group.pk:
        raise NoAccess
    errors: dict[str, list[str]] = {}
    currency = _currency(data.get("currency"), "currency", errors)
    if currency == expense.currency:
        errors["currency"] = [_("The expense is already in this currency.")]
    try:
        rate = Decimal(str(data.get("rate")))
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0 or rate != rate.quantize(Decimal("0.00000001")) or rate >= 10**10:
        errors["rate"] = [_("Give a rate above zero, with at most eight decimals.")]
    rate_date = _day(data.get("rate_date"), "rate_date", errors)
    source = (data.get("source") or "").strip()
    if not source:
        errors["source"] = [_("Say where the rate comes from (for example the bank's daily rate).")]
    _raise(errors)
    assert rate_date is not None
    with transaction.atomic():
        recorded, _created = ExpenseRate.objects.update_or_create(
            expense=expense, currency=currency,
            defaults={"rate": rate, "rate_date": rate_date, "source": source[:200], "entered_by": gaccess.user},
        )  # fmt: skip
        audit_record(action="costs.rate_set", actor=gaccess.user, target=gaccess.group,
                     details={"expense": expense.pk, "currency": currency, "rate": str(rate)})  # fmt: skip
    return recorded


def credit_record(*, gaccess: GroupAccess, company: Company, data: Mapping[str, Any]) -> Credit:
    """The treasurer records a company's payment, or a subsidy or insurance reimbursement it received: each
    reduces that company's outstanding amount only. A payment above what it owes in that currency is refused."""
    require_treasurer(gaccess)
    errors: dict[str, list[str]] = {}
    if not CostPeriod.objects.filter(group=gaccess.group, company=company).exists():
        errors["company"] = [_("Choose a company that shares this group's costs.")]
    kind = data.get("kind")
    if kind not in Settlement.values:
        errors["kind"] = [_("Choose payment, subsidy or insurance.")]
    cents = parse_cents(data.get("amount"), "amount", errors)
    currency = _currency(data.get("currency"), "currency", errors)
    received_on = _day(data.get("received_on"), "received_on", errors)
    _raise(errors)
    assert isinstance(kind, str) and received_on is not None
    with transaction.atomic():
        owed = outstanding(gaccess.group.pk, company.pk, currency)
        if cents > owed:
            _refuse(
                _("This is more than the company owes in %(currency)s (%(owed)s).")
                % {"currency": currency, "owed": units(max(owed, 0))},
                "amount",
            )
        credit = Credit.objects.create(
            group=gaccess.group, company=company, kind=kind, cents=cents, currency=currency, received_on=received_on,
            reference=(data.get("reference") or "").strip()[:200], recorded_by=gaccess.user,
        )  # fmt: skip
        audit_record(action=f"costs.{kind}_recorded", actor=gaccess.user, target=gaccess.group,
                     details={"company": company.pk, "cents": cents, "currency": currency})  # fmt: skip
    return credit


# Invoices --------------------------------------------------------------------------------------------------------


def may_submit_invoices(gaccess: GroupAccess, engagement: Engagement) -> bool:
    """The treasurer, or the engaged firm's counsel working in the group."""
    if is_treasurer(gaccess):
        return True
    return (
        gaccess.is_counsel
        and gaccess.level == Level.FULL
        and Attorney.objects.filter(firm_id=engagement.firm_id, user=gaccess.access.user).exists()
    )


def _check_submission(gaccess: GroupAccess, engagement: Engagement, currency: str) -> str:
    if engagement.group_id != gaccess.group.pk or not may_submit_invoices(gaccess, engagement):
        raise NoAccess
    errors: dict[str, list[str]] = {}
    currency = _currency(currency, "currency", errors)
    _raise(errors)
    return currency


def invoice_import(
    *, gaccess: GroupAccess, engagement: Engagement, file_name: str, content: bytes, currency: str,
) -> list[Invoice]:  # fmt: skip
    """Import a LEDES 1998B file of the engaged firm's invoices (several may be in one file), each becoming an
    expense of the group; a file with any error, or an invoice number the firm already used, imports nothing."""
    currency = _check_submission(gaccess, engagement, currency)
    return store_invoices(engagement, file_name, content, currency, gaccess.user)


def invoice_import_queue(
    *, gaccess: GroupAccess, engagement: Engagement, file_name: str, content: bytes, currency: str,
) -> InvoiceImport:  # fmt: skip
    """The same in the background, for the page to show its progress (large files): checked and written by the
    `import_invoices` task once this transaction commits."""
    currency = _check_submission(gaccess, engagement, currency)
    if not content:
        _refuse(_("The file is empty."), "file")
    with transaction.atomic():
        job = InvoiceImport.objects.create(
            group=gaccess.group, engagement=engagement, currency=currency, file_name=file_name[:255],
            content=content, language=translation.get_language() or settings.LANGUAGE_CODE,
            submitted_by=gaccess.user,
        )  # fmt: skip
        transaction.on_commit(partial(import_invoices.enqueue, import_id=job.pk), robust=True)
    return job


def invoice_mark_paid(*, gaccess: GroupAccess, invoice: Invoice, paid_on: Any) -> Invoice:
    """The treasurer records that the group paid the firm's invoice: what its counsel see."""
    require_treasurer(gaccess)
    if invoice.group_id != gaccess.group.pk:
        raise NoAccess
    errors: dict[str, list[str]] = {}
    day = _day(paid_on, "paid_on", errors)
    _raise(errors)
    with transaction.atomic():
        invoice.paid_on = day
        invoice.save(update_fields=["paid_on"])
        audit_record(action="costs.invoice_paid", actor=gaccess.user, target=gaccess.group,
                     details={"invoice": invoice.pk})  # fmt: skip
    return invoice
