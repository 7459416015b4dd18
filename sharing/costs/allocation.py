"""Splitting one expense among a group's companies, exactly, in integer cents.

The method gives each company its ideal share as an exact fraction of the amount:
- equal: the same for everyone;
- weighted: in proportion to a declared figure (US revenue, accused listings, units sold...), each above zero;
- percent: fixed percentages (an agreement's sum to exactly 100: check_percentages; among the companies of one
  expense, when some have not joined or have withdrawn, they are shares of the percentages present);
- base_weighted: `base_percent` of the amount equally, the rest by weight.

Caps: a company may carry at most `capacity` cents (what its cap leaves after earlier expenses). A company whose
share exceeds it carries exactly its capacity, and the rest is split among the others by the same method, again and
again until no one is over; if every company is capped before the amount is covered, the expense cannot be
allocated and the error says by how much.

Cents: each share is rounded down to a cent, and the cents left over (fewer than the number of companies) go one
each to the largest fractional remainders (Hamilton's largest-remainder method). Ties are broken by a hash of the
company's key and the expense's `tie_seed` (its id), not by list order: the same inputs in any order give the same
shares, and over many expenses the odd cent does not always land on the same company. The shares always sum to
the amount exactly, and none is negative. A negative amount (a credit) is split as its opposite would be, caps
aside, and every share negated.
"""

import hashlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import cast

from django.utils.translation import gettext as _

from sharing.costs.amounts import units


class MethodKind(StrEnum):
    EQUAL = "equal"
    WEIGHTED = "weighted"
    PERCENT = "percent"
    BASE_WEIGHTED = "base_weighted"


class AllocationError(ValueError):
    """Inputs that cannot be split: the message says why, in the active language."""


@dataclass(frozen=True)
class Method:
    kind: MethodKind
    # weighted and base_weighted: each company's declared figure; percent: each company's percentage.
    figures: Mapping[Hashable, Decimal] = field(default_factory=dict)
    base_percent: Decimal = Decimal(0)  # base_weighted: the part split equally


@dataclass(frozen=True)
class Allocation:
    shares: dict[Hashable, int]  # company -> cents, summing to the amount
    capped: frozenset[Hashable]  # companies that carried their whole capacity
    uncapped: dict[Hashable, int]  # the shares the method alone would give (what the statement compares with)


def check_method(method: Method, companies: frozenset[Hashable]) -> None:
    """Refuse a method that cannot split among `companies`: a figure missing, a weight not above zero, a negative
    percentage or only zeros, a base outside 0-100."""
    if not companies:
        raise AllocationError(_("No company takes part in the split."))
    if method.kind == MethodKind.EQUAL:
        return
    missing = [company for company in companies if company not in method.figures]
    if missing:
        raise AllocationError(_("Every participating company needs a figure (%(count)s missing).") % {
            "count": len(missing)})  # fmt: skip
    figures = [Decimal(method.figures[company]) for company in companies]
    if not all(figure.is_finite() for figure in figures):
        raise AllocationError(_("Every figure must be a number."))
    if method.kind == MethodKind.PERCENT:
        if any(figure < 0 for figure in figures):
            raise AllocationError(_("A percentage cannot be negative."))
        if sum(figures, Decimal(0)) == 0:
            raise AllocationError(_("The companies of this expense all have 0 percent: nobody would pay it."))
        return
    if any(figure <= 0 for figure in figures):
        raise AllocationError(_("Every weight must be above zero."))
    if method.kind == MethodKind.BASE_WEIGHTED and not 0 <= method.base_percent <= 100:
        raise AllocationError(_("The base share is a percentage from 0 to 100."))


def check_percentages(percentages: Mapping[Hashable, Decimal]) -> None:
    """An agreement's fixed percentages: none negative, summing to exactly 100."""
    if any(Decimal(value) < 0 for value in percentages.values()):
        raise AllocationError(_("A percentage cannot be negative."))
    total = sum((Decimal(value) for value in percentages.values()), Decimal(0))
    if total != 100:
        raise AllocationError(_("The percentages sum to %(total)s, not 100.") % {"total": total})


def _scaled(values: Mapping[Hashable, Decimal]) -> dict[Hashable, int]:
    """Decimals as integers over one power of ten (exact)."""
    places = max((-cast(int, Decimal(v).as_tuple().exponent) for v in values.values()), default=0)
    scale = 10 ** max(int(places), 0)
    return {key: int(Decimal(value) * scale) for key, value in values.items()}


def _numerators(amount: int, companies: frozenset[Hashable], method: Method) -> tuple[dict[Hashable, int], int]:
    """Each company's exact share of `amount` as a numerator over one common denominator, in integers (Fractions
    of 200 companies cost milliseconds an expense; integers, tenths of one)."""
    count = len(companies)
    if method.kind == MethodKind.EQUAL:
        return dict.fromkeys(companies, amount), count
    weights = _scaled({company: method.figures[company] for company in companies})
    total = sum(weights.values())
    if method.kind == MethodKind.BASE_WEIGHTED:
        base = int(Decimal(method.base_percent) * 100)  # in ten-thousandths of the amount
        whole = 10_000
        return (
            {c: amount * (base * total + (whole - base) * count * weights[c]) for c in companies},
            whole * count * total,
        )
    if total == 0:  # only 0 percent companies are left under their caps: they share what remains equally
        return dict.fromkeys(companies, amount), count
    return {company: amount * weights[company] for company in companies}, total


def ideal_shares(amount: int, companies: frozenset[Hashable], method: Method) -> dict[Hashable, Fraction]:
    """Each company's exact share of `amount` cents under `method` (which check_method accepted)."""
    numerators, denominator = _numerators(amount, companies, method)
    return {company: Fraction(numerator, denominator) for company, numerator in numerators.items()}


def _tie_key(company: Hashable, tie_seed: str) -> bytes:
    return hashlib.sha256(f"{tie_seed}\x00{company!r}".encode()).digest()


def _to_cents(numerators: Mapping[Hashable, int], denominator: int, amount: int, tie_seed: str) -> dict[Hashable, int]:
    """Shares numerator/denominator summing to `amount`, as integer cents summing to it: each rounded down, and the
    cents left one each to the largest remainders, ties by _tie_key."""
    floors = {company: numerator // denominator for company, numerator in numerators.items()}
    left = amount - sum(floors.values())
    if left:
        remainders = {company: numerator % denominator for company, numerator in numerators.items()}
        order = sorted(numerators, key=lambda c: (-remainders[c], _tie_key(c, tie_seed)))
        for company in order[:left]:
            floors[company] += 1
    return floors


def allocate(
    amount: int,
    method: Method,
    companies: frozenset[Hashable],
    *,
    capacity: Mapping[Hashable, int] | None = None,
    tie_seed: str = "",
) -> Allocation:
    """Split `amount` cents among `companies` by `method`, within each company's `capacity` (cents; absent: no
    cap). Raises AllocationError when the method does not fit or the caps cannot hold the amount."""
    check_method(method, companies)
    if amount < 0:
        credit = allocate(-amount, method, companies, tie_seed=tie_seed)
        negated = {company: -share for company, share in credit.shares.items()}
        return Allocation(negated, frozenset(), negated)
    capacity = capacity or {}
    uncapped, uncapped_denominator = _numerators(amount, companies, method)
    numerators, denominator, fixed, free = uncapped, uncapped_denominator, dict[Hashable, int](), companies
    while over := {
        c for c in free if c in capacity and numerators[c] > max(capacity[c], 0) * denominator
    }:  # fmt: skip
        fixed.update({company: max(capacity[company], 0) for company in over})
        free = free - over
        remaining = amount - sum(fixed.values())
        if not free:
            raise AllocationError(
                _("The caps leave %(left)s of this expense that no company can carry.") % {"left": units(remaining)}
            )
        numerators, denominator = _numerators(remaining, free, method)
    exact = {**{company: cents * denominator for company, cents in fixed.items()}, **numerators}
    return Allocation(
        _to_cents(exact, denominator, amount, tie_seed),
        frozenset(fixed),
        _to_cents(uncapped, uncapped_denominator, amount, tie_seed),
    )
