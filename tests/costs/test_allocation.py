"""The split of one expense: exact integer cents summing to the amount, within caps, the same whatever the order
of the inputs, within a cent of the exact share; bad methods refused with the reason."""

import random
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharing.costs.allocation import (
    Allocation,
    AllocationError,
    Method,
    MethodKind,
    allocate,
    check_percentages,
    ideal_shares,
)

COMPANIES = st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=40, unique=True)
AMOUNTS = st.integers(min_value=0, max_value=10**11)  # up to a billion dollars, in cents
WEIGHTS = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**9), places=3)


@st.composite
def methods(draw, companies):
    kind = draw(st.sampled_from(list(MethodKind)))
    if kind == MethodKind.EQUAL:
        return Method(kind)
    if kind == MethodKind.PERCENT:  # whole-hundredth percentages summing to exactly 100
        cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=len(companies) - 1, max_size=len(companies) - 1)))
        bounds = [0, *cuts, 10_000]
        figures = {c: Decimal(bounds[i + 1] - bounds[i]) / 100 for i, c in enumerate(companies)}
        return Method(kind, figures)
    figures = {c: draw(WEIGHTS) for c in companies}
    base = draw(st.decimals(min_value=0, max_value=100, places=2)) if kind == MethodKind.BASE_WEIGHTED else Decimal(0)
    return Method(kind, figures, base)


@st.composite
def splits(draw):
    companies = draw(COMPANIES)
    method = draw(methods(companies))
    capped = draw(st.lists(st.sampled_from(companies), unique=True, max_size=len(companies)))
    capacity = {c: draw(st.integers(0, 10**10)) for c in capped}
    return draw(AMOUNTS), method, companies, capacity, draw(st.text(max_size=8))


@settings(max_examples=400, deadline=None)
@given(splits())
def test_shares_are_whole_cents_within_caps_summing_to_the_amount(split):
    amount, method, companies, capacity, seed = split
    room = sum(capacity.get(c, amount) for c in companies)
    if room < amount:
        with pytest.raises(AllocationError):
            allocate(amount, method, frozenset(companies), capacity=capacity, tie_seed=seed)
        return
    allocation = allocate(amount, method, frozenset(companies), capacity=capacity, tie_seed=seed)
    assert set(allocation.shares) == set(companies)
    assert all(isinstance(share, int) and share >= 0 for share in allocation.shares.values())
    assert sum(allocation.shares.values()) == amount
    assert all(allocation.shares[c] <= capacity[c] for c in capacity)
    assert allocation.capped <= set(capacity)
    assert sum(allocation.uncapped.values()) == amount


@settings(max_examples=200, deadline=None)
@given(splits(), st.randoms(use_true_random=False))
def test_the_same_inputs_in_any_order_give_the_same_shares(split, rng):
    amount, method, companies, capacity, seed = split
    shuffled = list(companies)
    rng.shuffle(shuffled)
    figures = list(method.figures.items())
    rng.shuffle(figures)
    again = Method(method.kind, dict(figures), method.base_percent)
    cap_items = list(capacity.items())
    rng.shuffle(cap_items)
    try:
        first = allocate(amount, method, frozenset(companies), capacity=capacity, tie_seed=seed)
    except AllocationError:
        with pytest.raises(AllocationError):
            allocate(amount, again, frozenset(shuffled), capacity=dict(cap_items), tie_seed=seed)
        return
    second = allocate(amount, again, frozenset(shuffled), capacity=dict(cap_items), tie_seed=seed)
    assert first.shares == second.shares


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_without_caps_each_share_is_within_a_cent_of_its_exact_share(data):
    companies = data.draw(COMPANIES)
    method = data.draw(methods(companies))
    amount = data.draw(AMOUNTS)
    exact = ideal_shares(amount, frozenset(companies), method)
    allocation = allocate(amount, method, frozenset(companies))
    assert all(abs(allocation.shares[c] - exact[c]) < 1 for c in companies)


def test_a_cap_moves_the_rest_to_the_others_by_the_same_method():
    method = Method(MethodKind.WEIGHTED, {"a": Decimal(1), "b": Decimal(2), "c": Decimal(7)})
    allocation = allocate(100_000, method, frozenset("abc"), capacity={"c": 50_000})
    assert allocation == Allocation(
        {"a": 16_667, "b": 33_333, "c": 50_000}, frozenset("c"), {"a": 10_000, "b": 20_000, "c": 70_000}
    )


def test_a_credit_is_split_as_its_opposite():
    method = Method(MethodKind.EQUAL)
    assert allocate(-100, method, frozenset("abc"), tie_seed="x").shares == {
        c: -share for c, share in allocate(100, method, frozenset("abc"), tie_seed="x").shares.items()
    }


def test_the_odd_cent_does_not_always_land_on_the_same_company():
    winners = {
        max(shares.items(), key=lambda item: item[1])[0]
        for shares in (
            allocate(100, Method(MethodKind.EQUAL), frozenset("abc"), tie_seed=str(n)).shares for n in range(30)
        )
    }
    assert winners == {"a", "b", "c"}


def test_base_plus_weighted_remainder():
    method = Method(MethodKind.BASE_WEIGHTED, {"a": Decimal(1), "b": Decimal(3)}, Decimal(50))
    exact = ideal_shares(1000, frozenset("ab"), method)
    assert exact == {"a": Fraction(250) + Fraction(125), "b": Fraction(250) + Fraction(375)}


@pytest.mark.parametrize(
    ("method", "message"),
    [
        (Method(MethodKind.PERCENT, {"a": Decimal(110), "b": Decimal(-10)}), "A percentage cannot be negative."),
        (Method(MethodKind.PERCENT, {"a": Decimal(0), "b": Decimal(0)}), "nobody would pay it"),
        (Method(MethodKind.WEIGHTED, {"a": Decimal(1), "b": Decimal(0)}), "Every weight must be above zero."),
        (Method(MethodKind.WEIGHTED, {"a": Decimal(1), "b": Decimal(-2)}), "Every weight must be above zero."),
        (Method(MethodKind.WEIGHTED, {"a": Decimal(1)}), "Every participating company needs a figure (1 missing)."),
        (
            Method(MethodKind.BASE_WEIGHTED, {"a": Decimal(1), "b": Decimal(1)}, Decimal(120)),
            "The base share is a percentage from 0 to 100.",
        ),
    ],
)
def test_bad_methods_say_why(method, message):
    with pytest.raises(AllocationError, match=re.escape(message)):
        allocate(1000, method, frozenset("ab"))


def test_an_agreements_percentages_sum_to_100_and_an_expense_shares_those_present():
    check_percentages({"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")})
    with pytest.raises(AllocationError, match=re.escape("The percentages sum to 90, not 100.")):
        check_percentages({"a": Decimal(60), "b": Decimal(30)})
    method = Method(MethodKind.PERCENT, {"a": Decimal(50), "b": Decimal(30), "c": Decimal(20)})
    assert allocate(1000, method, frozenset("ab")).shares == {"a": 625, "b": 375}  # c had not joined yet


def test_caps_that_cannot_hold_the_expense_say_by_how_much():
    with pytest.raises(AllocationError, match=re.escape("The caps leave 7.00 of this expense")):
        allocate(1000, Method(MethodKind.EQUAL), frozenset("ab"), capacity={"a": 100, "b": 200})


def test_two_hundred_companies_of_random_weights():
    rng = random.Random(7)
    companies = frozenset(range(200))
    method = Method(MethodKind.WEIGHTED, {c: Decimal(rng.randint(1, 10**6)) for c in companies})
    allocation = allocate(123_456_789, method, companies, capacity=dict.fromkeys(range(50), 700000))
    assert sum(allocation.shares.values()) == 123_456_789
