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

from django.utils.translation import gettext as _


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


def ideal_shares(amount: int, companies: frozenset[Hashable], method: Method) -> dict[Hashable, Fraction]:
    """Each company's exact share of `amount` cents under `method` (which check_method accepted)."""
    count = len(companies)
    if method.kind == MethodKind.EQUAL:
        return {company: Fraction(amount, count) for company in companies}
    figures = {company: Fraction(Decimal(method.figures[company])) for company in companies}
    total = sum(figures.values(), Fraction(0))
    if method.kind == MethodKind.BASE_WEIGHTED:
        base = Fraction(Decimal(method.base_percent)) / 100
        return {c: amount * (base / count + (1 - base) * figures[c] / total) for c in companies}
    if total == 0:  # only 0 percent companies are left under their caps: they share what remains equally
        return {company: Fraction(amount, count) for company in companies}
    return {company: amount * figures[company] / total for company in companies}


def _tie_key(company: Hashable, tie_seed: str) -> bytes:
    return hashlib.sha256(f"{tie_seed}\x00{company!r}".encode()).digest()


def to_cents(exact: Mapping[Hashable, Fraction], amount: int, tie_seed: str = "") -> dict[Hashable, int]:
    """Exact shares summing to `amount` as integer cents summing to it: largest remainder, ties by _tie_key."""
    floors = {company: share.numerator // share.denominator for company, share in exact.items()}
    left = amount - sum(floors.values())
    order = sorted(exact, key=lambda c: (-(exact[c] - floors[c]), _tie_key(c, tie_seed)))
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
    uncapped = ideal_shares(amount, companies, method)
    shares, fixed, free = uncapped, dict[Hashable, int](), companies
    while over := {c for c in free if c in capacity and shares[c] > max(capacity[c], 0)}:
        fixed.update({company: max(capacity[company], 0) for company in over})
        free = free - over
        remaining = amount - sum(fixed.values())
        if not free:
            raise AllocationError(
                _("The caps leave %(left)s of this expense that no company can carry.") % {"left": _money(remaining)}
            )
        shares = ideal_shares(remaining, free, method)
    exact = {**{company: Fraction(cents) for company, cents in fixed.items()}, **shares}
    return Allocation(to_cents(exact, amount, tie_seed), frozenset(fixed), to_cents(uncapped, amount, tie_seed))


def _money(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"
