"""The ledger's stored lines (Share) and the record of each change of the statements (LedgerChange)."""

from collections import defaultdict
from datetime import date
from typing import cast

from django.db.models import Sum

from accounts.models import User
from sharing.costs.bulk import insert_rows
from sharing.costs.models import CostVersion, LedgerChange, Share
from sharing.costs.selectors import computed_ledger, ledger_window
from sharing.defense.models import DefenseGroup

SHARE_COLUMNS = ("expense_id", "group_id", "company_id", "currency", "cents", "version", "method", "capped",
                 "uncapped_cents")  # fmt: skip


def _totals(group: DefenseGroup, since: date | None, from_id: int | None) -> dict[str, dict[str, int]]:
    shares = Share.objects.filter(group=group)
    if since is not None:
        shares = shares.filter(ledger_window(since, from_id, "expense__"))
    rows = shares.values("company_id", "currency").annotate(total=Sum("cents"))
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        totals[str(row["company_id"])][row["currency"]] = row["total"]
    return totals


def recompute(
    group: DefenseGroup, *, since: date | None, from_id: int | None = None, cause: str, actor: User | None
) -> LedgerChange | None:
    """Compute the ledger again from `since` on (every expense when None: what changed cannot move earlier
    shares, since caps only look back) and store its lines, inside the caller's transaction; keep what changed in
    each company's allocated totals, per currency, as a LedgerChange. None when nothing changed."""
    before = _totals(group, since, from_id)
    result = computed_ledger(group.pk, since=since, from_id=from_id)
    methods = dict(CostVersion.objects.filter(group=group).values_list("number", "method"))
    stale = Share.objects.filter(group=group)
    if since is not None:
        stale = stale.filter(ledger_window(since, from_id, "expense__"))
    stale.delete()
    insert_rows(
        Share, SHARE_COLUMNS,
        ((line.expense, group.pk, cast(int, line.company), line.currency, line.cents, line.version,
          methods[line.version], line.capped, line.uncapped_cents) for line in result.lines),
    )  # fmt: skip
    after = _totals(group, since, from_id)
    details = {
        company: {
            currency: [before.get(company, {}).get(currency, 0), after.get(company, {}).get(currency, 0)]
            for currency in set(before.get(company, {})) | set(after.get(company, {}))
        }
        for company in set(before) | set(after)
    }
    changed = {c: d for c, d in details.items() if any(old != new for old, new in d.values())}
    if not changed:
        return None
    return LedgerChange.objects.create(group=group, cause=cause, details=changed, actor=actor)
