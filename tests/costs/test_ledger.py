"""The whole ledger: each expense split by the version in force on its date among the companies sharing costs on
it; joining and withdrawing never create or lose a cent; caps are cumulative; the same inputs in any order give
the same lines."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sharing.costs.allocation import Method, MethodKind
from sharing.costs.ledger import Expense, Period, Version, compute

START = date(2026, 1, 1)
EQUAL = Method(MethodKind.EQUAL)


def ledger(expenses, versions, periods):
    return compute(expenses, versions, periods, no_version="no version", no_company="no company")


def by_company(result, expense_id):
    return {line.company: line.cents for line in result.lines if line.expense == expense_id}


def test_a_late_joiner_and_a_withdrawal_to_the_cent():
    versions = [Version(1, START, EQUAL, "USD")]
    periods = [
        Period("a", START),
        Period("b", START, end=date(2026, 3, 31)),  # withdrew on 31 March: liable for what is dated up to then
        Period("c", date(2026, 2, 15)),  # joined mid-February, sharing no past costs
    ]
    expenses = [
        Expense(1, date(2026, 1, 10), 100_00, "USD"),
        Expense(2, date(2026, 3, 1), 100_01, "USD"),
        Expense(3, date(2026, 3, 31), 500, "USD"),
        Expense(4, date(2026, 4, 1), 999, "USD"),
    ]
    result = ledger(expenses, versions, periods)
    assert by_company(result, 1) == {"a": 50_00, "b": 50_00}
    assert sorted(by_company(result, 2).values()) == [33_33, 33_34, 33_34] and set(by_company(result, 2)) == set("abc")
    assert set(by_company(result, 3)) == set("abc")
    assert set(by_company(result, 4)) == {"a", "c"} and sum(by_company(result, 4).values()) == 999
    assert result.unsplit == ()


def test_sharing_past_costs_and_versions_in_date_order():
    weighted = Method(MethodKind.WEIGHTED, {"a": Decimal(3), "b": Decimal(1)})
    versions = [Version(1, START, EQUAL, "USD"), Version(2, date(2026, 6, 1), weighted, "USD")]
    periods = [Period("a", START), Period("b", date(2026, 1, 5))]  # b shares past costs from 5 January
    expenses = [
        Expense(1, date(2025, 12, 31), 100, "USD"),
        Expense(2, date(2026, 1, 5), 100, "USD"),
        Expense(3, date(2026, 6, 1), 100, "USD"),
    ]
    result = ledger(expenses, versions, periods)
    assert [unsplit.expense for unsplit in result.unsplit] == [1]  # before any version
    assert by_company(result, 2) == {"a": 50, "b": 50}
    assert by_company(result, 3) == {"a": 75, "b": 25}
    assert {line.version for line in result.lines if line.expense == 3} == {2}


def test_caps_are_cumulative_in_the_versions_currency():
    versions = [Version(1, START, EQUAL, "USD", caps={"a": 150})]
    periods = [Period("a", START), Period("b", START)]
    expenses = [Expense(1, START, 200, "USD"), Expense(2, START + timedelta(1), 200, "USD"),
                Expense(3, START + timedelta(2), 200, "CNY")]  # fmt: skip
    result = ledger(expenses, versions, periods)
    assert by_company(result, 1) == {"a": 100, "b": 100}
    assert by_company(result, 2) == {"a": 50, "b": 150}  # a's cap had 50 left
    assert [line.capped for line in result.lines if line.expense == 2 and line.company == "a"] == [True]
    assert by_company(result, 3) == {"a": 100, "b": 100}  # another currency: no cap


@st.composite
def worlds(draw):
    companies = draw(st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=10, unique=True))
    periods = []
    for company in companies:
        start = START + timedelta(draw(st.integers(0, 200)))
        end = draw(st.one_of(st.none(), st.integers(0, 200).map(lambda days, s=start: s + timedelta(days))))
        periods.append(Period(company, start, end))
    weights = {c: Decimal(draw(st.integers(1, 1000))) for c in companies}
    method = draw(st.sampled_from([EQUAL, Method(MethodKind.WEIGHTED, weights)]))
    caps = {c: draw(st.integers(0, 10**6)) for c in draw(st.lists(st.sampled_from(companies), unique=True))}
    versions = [Version(1, START, method, "USD", caps)]
    days = st.integers(-10, 420).map(lambda d: START + timedelta(d))
    amounts = st.integers(0, 10**7)
    expenses = [Expense(i, draw(days), draw(amounts), draw(st.sampled_from(["USD", "CNY"])))
                for i in range(draw(st.integers(0, 30)))]  # fmt: skip
    return expenses, versions, periods


@settings(max_examples=300, deadline=None)
@given(worlds(), st.randoms(use_true_random=False))
def test_no_cent_is_created_or_lost_and_order_does_not_matter(world, rng):
    expenses, versions, periods = world
    result = ledger(expenses, versions, periods)
    split = {line.expense for line in result.lines}
    assert split.isdisjoint({unsplit.expense for unsplit in result.unsplit})
    assert split | {unsplit.expense for unsplit in result.unsplit} == {expense.id for expense in expenses}
    for expense in expenses:
        if expense.id in split:
            shares = by_company(result, expense.id)
            assert sum(shares.values()) == expense.cents and min(shares.values()) >= 0
            for company in shares:  # only companies sharing costs on the expense's date
                assert any(p.company == company and p.start <= expense.incurred_on
                           and (p.end is None or expense.incurred_on <= p.end) for p in periods)  # fmt: skip
    for company, cap in versions[0].caps.items():
        carried = sum(line.cents for line in result.lines if line.company == company
                      and next(e for e in expenses if e.id == line.expense).currency == "USD")  # fmt: skip
        assert carried <= cap
    shuffled = (list(expenses), list(periods))
    rng.shuffle(shuffled[0])
    rng.shuffle(shuffled[1])
    assert ledger(shuffled[0], versions, shuffled[1]) == result
