"""A group's whole cost ledger, computed from scratch: every expense split among the companies sharing costs on its
date, by the agreement version in force on that date. Pure: the services load the rows, call `compute`, and store
its lines; a change of version, member or expense recomputes it all, so that the statements never disagree with
their inputs and a change can be explained as a before/after of the lines.

- The version in force on a date: the latest version that took effect (every participating company accepted it)
  with `effective_on` on or before that date. An expense dated earlier than any is not split yet.
- The companies of an expense: those whose cost-sharing period covers its date (`start` to `end`, both included):
  a late joiner's period starts when it joined, or at the date from which its version makes it share past costs;
  a withdrawing company's ends on the day it withdrew, so it stays liable for what is dated up to then.
- Caps are cumulative: a company's cap, in the version's currency, limits the sum of its shares of the expenses in
  that currency, taken in date order (then by id). Expenses in another currency are split without caps.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sharing.costs.allocation import AllocationError, Method, allocate


@dataclass(frozen=True)
class Version:
    number: int
    effective_on: date
    method: Method
    currency: str
    caps: Mapping[Hashable, int] = field(default_factory=dict)  # company -> cents, in `currency`


@dataclass(frozen=True)
class Period:
    company: Hashable
    start: date
    end: date | None = None  # the day it withdrew; None while it takes part


@dataclass(frozen=True)
class Expense:
    id: int
    incurred_on: date
    cents: int
    currency: str


@dataclass(frozen=True)
class Line:
    """One company's share of one expense, and what produced it: "why do I owe this?"."""

    expense: int
    company: Hashable
    cents: int
    currency: str  # the expense's
    version: int
    capped: bool  # the company carried the rest of its cap
    uncapped_cents: int  # its share had no company been capped


@dataclass(frozen=True)
class Unsplit:
    expense: int
    reason: str  # translated: why the expense is not split (yet)


@dataclass(frozen=True)
class Ledger:
    lines: tuple[Line, ...]
    unsplit: tuple[Unsplit, ...]


def version_on(versions: Iterable[Version], day: date) -> Version | None:
    """The version in force on `day` (the caller passes only versions that took effect)."""
    in_force = [version for version in versions if version.effective_on <= day]
    return max(in_force, key=lambda version: (version.effective_on, version.number), default=None)


def companies_on(periods: Iterable[Period], day: date) -> frozenset[Hashable]:
    return frozenset(p.company for p in periods if p.start <= day and (p.end is None or day <= p.end))


def compute(
    expenses: Iterable[Expense], versions: Iterable[Version], periods: Iterable[Period], *, no_version: str,
    no_company: str, carried: Mapping[tuple[Hashable, str], int] | None = None,
) -> Ledger:  # fmt: skip
    """Split every expense. `no_version` and `no_company` are the (translated) reasons an expense stays unsplit
    when no version is in force on its date, or no company shares costs on it. `carried`: what each company
    carried in each currency before the first of `expenses` (its caps count it), when only the later part of the
    ledger is computed again."""
    versions, periods = list(versions), list(periods)
    so_far: dict[tuple[Hashable, str], int] = defaultdict(int, carried or {})  # (company, currency) -> cents
    lines: list[Line] = []
    unsplit: list[Unsplit] = []
    for expense in sorted(expenses, key=lambda e: (e.incurred_on, e.id)):
        version = version_on(versions, expense.incurred_on)
        if version is None:
            unsplit.append(Unsplit(expense.id, no_version))
            continue
        companies = companies_on(periods, expense.incurred_on)
        if not companies:
            unsplit.append(Unsplit(expense.id, no_company))
            continue
        capacity = {}
        if expense.currency == version.currency:
            capacity = {c: cap - so_far[c, expense.currency] for c, cap in version.caps.items() if c in companies}
        try:
            allocation = allocate(expense.cents, version.method, companies, capacity=capacity, tie_seed=str(expense.id))
        except AllocationError as error:
            unsplit.append(Unsplit(expense.id, str(error)))
            continue
        for company in sorted(companies, key=repr):
            cents = allocation.shares[company]
            so_far[company, expense.currency] += cents
            lines.append(
                Line(expense.id, company, cents, expense.currency, version.number, company in allocation.capped,
                     allocation.uncapped[company])
            )  # fmt: skip
    return Ledger(tuple(lines), tuple(unsplit))
