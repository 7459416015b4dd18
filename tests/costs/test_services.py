"""Cost sharing through its services: versions take effect when every company accepted; expenses split to the
cent; a late joiner and a withdrawal to the cent, explained; payments, subsidies, rates; bad input refused with
nothing written; nobody outside the group, and no company but the declaring one, sees a declared figure."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from sharing.costs import selectors, services
from sharing.costs.imports import InvoiceRejected
from sharing.costs.ledger_store import recompute
from sharing.costs.models import CostPeriod, LedgerChange, Share
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from tenancy.access import NoAccess, resolve_access
from tests.costs.helpers import LEDES, START, costs_group, engage_firm, expense, in_force
from tests.defense.helpers import side
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def refused(call, *fields):
    before = database_fingerprint()
    with pytest.raises(ValidationError) as raised:
        call()
    assert database_fingerprint() == before
    if fields:
        assert set(fields) <= set(raised.value.message_dict), raised.value.message_dict
    return raised.value


def shares(expense_row):
    return {share.company_id: share.cents for share in Share.objects.filter(expense=expense_row)}


@pytest.fixture
def world(cast):
    return costs_group(cast)


def test_a_version_takes_effect_when_every_company_accepted(world):
    version = services.version_propose(
        gaccess=world.treasurer(), data={"method": "equal", "currency": "USD", "effective_on": START}
    )
    for company in world.sides[:2]:
        services.version_accept(gaccess=company.gaccess(world.group), version=version)
        version.refresh_from_db()
        assert version.in_force_at is None
    row = expense(world, "100.00")
    assert shares(row) == {}  # no version in force: not split yet
    assert [
        (expense.pk, "No cost-sharing version" in reason) for expense, reason in selectors.unsplit(world.group.pk)
    ] == [(row.pk, True)]
    services.version_accept(gaccess=world.second.gaccess(world.group), version=version)
    version.refresh_from_db()
    assert version.in_force_at is not None
    assert sorted(shares(row).values()) == [3333, 3333, 3334]
    with pytest.raises(ValidationError):
        services.version_accept(gaccess=world.second.gaccess(world.group), version=version)


def test_a_late_joiner_shares_past_costs_and_a_withdrawal_stops_at_its_day(cast, world):
    in_force(world, past_costs_from=START)
    january = expense(world, "300.00", START + timedelta(days=9))
    joiner = side(cast.association)
    defense_services.invite_company(gaccess=world.lead.gaccess(world.group), company=joiner.company)
    defense_services.invitation_answer(gaccess=joiner.gaccess(world.group), accept=True)
    defense_services.agreement_accept(gaccess=joiner.gaccess(world.group), version=1)
    version = selectors.version_in_force(world.group.pk)
    services.version_accept(gaccess=joiner.gaccess(world.group), version=version)
    assert shares(january) == {company.company.pk: 7500 for company in (*world.sides, joiner)}
    change = LedgerChange.objects.filter(cause="version").first()
    assert change.details[str(world.first.company.pk)]["USD"] == [10000, 7500]
    # The second company leaves the group: liable for what is dated up to today, not after.
    defense_services.group_leave(gaccess=world.second.gaccess(world.group))
    period = CostPeriod.objects.get(company=world.second.company)
    assert period.end == date.today()
    later = expense(world, "90.00", date.today() + timedelta(days=1))
    assert world.second.company.pk not in shares(later) and sum(shares(later).values()) == 9000
    assert sum(shares(january).values()) == 30000 and world.second.company.pk in shares(january)
    # Each change recomputed only the part of the ledger it could move: the same as computing it all again.
    stored = sorted(Share.objects.values_list("expense_id", "company_id", "cents", "version", "capped"))
    assert recompute(world.group, since=None, cause="check", actor=None) is None
    assert sorted(Share.objects.values_list("expense_id", "company_id", "cents", "version", "capped")) == stored


def test_percentages_caps_and_figures(world):
    percent = {"method": "percent", "currency": "USD", "effective_on": START}
    terms = [{"company": c.company.pk, "percent": p} for c, p in zip(world.sides, ("50", "30", "10"), strict=True)]
    error = refused(lambda: services.version_propose(gaccess=world.treasurer(), data={**percent, "terms": terms}),
                    "terms")  # fmt: skip
    assert "sum to 90" in str(error)
    refused(lambda: services.version_propose(gaccess=world.treasurer(), data={**percent, "terms": terms[:2]}),
            "terms")  # fmt: skip
    refused(lambda: services.version_propose(gaccess=world.treasurer(), data={**percent, "method": "lottery"}),
            "method")  # fmt: skip
    weighted = services.version_propose(
        gaccess=world.treasurer(),
        data={"method": "weighted", "measure": "US revenue", "currency": "USD", "effective_on": START,
              "terms": [{"company": world.first.company.pk, "cap": "40.00"}]},
    )  # fmt: skip
    refused(lambda: services.version_accept(gaccess=world.first.gaccess(world.group), version=weighted), "figure")
    for bad in ("0", "-3", "abc", "1.23456"):
        refused(lambda bad=bad: services.figure_declare(gaccess=world.first.gaccess(world.group), version=weighted,
                                                        figure=bad), "figure")  # fmt: skip
    for company, figure in zip(world.sides, ("1", "1", "2"), strict=True):
        services.figure_declare(gaccess=company.gaccess(world.group), version=weighted, figure=figure)
        services.version_accept(gaccess=company.gaccess(world.group), version=weighted)
    row = expense(world, "200.00")
    assert shares(row) == {world.lead.company.pk: 5333, world.first.company.pk: 4000, world.second.company.pk: 10667}
    # Declared figures: the treasurer sees all; a company only its own.
    assert selectors.visible_terms(world.treasurer(), weighted).count() == 3
    own = selectors.visible_terms(world.second.gaccess(world.group), weighted)
    assert [term.company_id for term in own] == [world.second.company.pk]


def test_payments_subsidies_rates_and_statements(world):
    in_force(world)
    row = expense(world, "300.00")
    treasurer = world.treasurer()
    first = world.first.company
    pay = lambda amount, kind="payment": services.credit_record(  # noqa: E731
        gaccess=treasurer, company=first, data={"kind": kind, "amount": amount, "currency": "USD", "received_on": START}
    )
    error = refused(lambda: pay("100.01"), "amount")
    assert "more than the company owes" in str(error)
    refused(lambda: pay("12,50"), "amount")
    refused(lambda: pay("-5"), "amount")
    refused(lambda: pay("1.005"), "amount")
    pay("30.00", "subsidy")
    pay("70.00")
    refused(lambda: pay("0.01"), "amount")
    statement = selectors.statement(world.first.gaccess(world.group), first)
    usd = statement.totals["USD"]
    assert (usd.allocated, usd.paid, usd.reimbursed, usd.outstanding) == (10000, 7000, 3000, 0)
    assert selectors.outstanding(world.group.pk, world.second.company.pk, "USD") == 10000  # not the others'
    rate = {"currency": "CNY", "rate": "7.1234", "rate_date": START, "source": "Bank of China"}
    services.rate_set(gaccess=world.first.gaccess(world.group), expense=row, data=rate)
    in_cny = selectors.statement(world.first.gaccess(world.group), first, currency="CNY")
    assert in_cny.converted.allocated == 71234 and in_cny.missing_rates == 0
    refused(lambda: services.rate_set(gaccess=treasurer, expense=row, data={"currency": "XYZ", "rate": "1",
                                                                           "rate_date": START, "source": "x"}),
            "currency")  # fmt: skip
    refused(lambda: services.rate_set(gaccess=treasurer, expense=row, data={"currency": "CNY", "rate": "0",
                                                                           "rate_date": START, "source": ""}),
            "rate", "source")  # fmt: skip


def test_bad_expenses_write_nothing(world):
    in_force(world)
    bad = {"payee": "", "incurred_on": "2026-02-30", "category": "bribes", "amount": "$12", "currency": "ZZZ"}
    refused(lambda: services.expense_add(gaccess=world.treasurer(), data=bad),
            "payee", "incurred_on", "category", "amount", "currency")  # fmt: skip


def test_who_may_do_what(cast, world):
    in_force(world)
    member = world.first.gaccess(world.group)
    with pytest.raises(NoAccess):
        services.expense_add(gaccess=member, data={})
    with pytest.raises(NoAccess):
        selectors.statement(member, world.second.company)
    with pytest.raises(NoAccess):
        services.treasurer_appoint(gaccess=member, user=world.first.admin)
    refused(lambda: services.treasurer_appoint(gaccess=world.lead.gaccess(world.group), user=cast.users["admin"]),
            "user")  # fmt: skip
    assert selectors.statement(world.treasurer(), world.second.company).company == world.second.company
    with pytest.raises(NoAccess):  # a moderator is not in the group
        get_group_access(resolve_access(slug="alpha", user=cast.users["moderator"]), world.group.pk)


@pytest.fixture
def engaged(cast, world):
    return engage_firm(cast, world)


def test_counsel_import_a_ledes_invoice_and_each_company_owes_its_share(world, engaged):
    engagement, firms = engaged
    in_force(world)
    lawyer = get_group_access(resolve_access(slug="alpha", user=firms.firm_counsel), world.group.pk)
    content = (LEDES / "two_invoices.txt").read_bytes()
    imported = services.invoice_import(gaccess=lawyer, engagement=engagement, file_name="two.txt", content=content,
                                       currency="USD")  # fmt: skip
    assert len(imported) == 2
    for invoice in imported:
        assert invoice.lines.count() >= 1
        assert sum(shares(invoice.expense).values()) == invoice.total_cents
    assert set(selectors.invoices(lawyer)) == set(imported)
    before = database_fingerprint()
    with pytest.raises(InvoiceRejected) as raised:  # the same invoice numbers again
        services.invoice_import(gaccess=lawyer, engagement=engagement, file_name="two.txt", content=content,
                                currency="USD")  # fmt: skip
    assert all(error.field == "INVOICE_NUMBER" for error in raised.value.errors)
    assert database_fingerprint() == before
    member = world.first.gaccess(world.group)
    with pytest.raises(NoAccess):
        services.invoice_import(gaccess=member, engagement=engagement, file_name="x", content=content, currency="USD")


def test_a_broken_ledes_file_imports_nothing_and_names_every_error(world, engaged):
    engagement, _firms = engaged
    in_force(world)
    broken = (LEDES / "one_invoice.txt").read_text().replace("20260115", "20260230", 1).replace(".00|", ".00 |", 1)
    before = database_fingerprint()
    with pytest.raises(InvoiceRejected) as raised:
        services.invoice_import(gaccess=world.treasurer(), engagement=engagement, file_name="bad.txt",
                                content=broken.encode(), currency="USD")  # fmt: skip
    assert database_fingerprint() == before
    assert len(raised.value.errors) >= 2 and all(error.line >= 1 for error in raised.value.errors)
    assert all(message.startswith("Line ") for message in raised.value.message_dict["file"])
