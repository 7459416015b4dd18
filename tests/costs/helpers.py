"""A defense group sharing costs in tests: the lead and two members joined and bound by the agreement, the lead's
admin appointed treasurer."""

from dataclasses import dataclass
from datetime import date

from sharing.costs import services
from tests.defense.helpers import Side, joined_group, side

START = date(2026, 1, 1)


@dataclass
class Costs:
    group: object
    lead: Side
    first: Side
    second: Side

    @property
    def sides(self) -> tuple[Side, Side, Side]:
        return self.lead, self.first, self.second

    def treasurer(self):
        return self.lead.gaccess(self.group)


def costs_group(cast) -> Costs:
    lead, first, second = side(cast.association), side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, first, second)
    services.treasurer_appoint(gaccess=lead.gaccess(group), user=lead.admin)
    return Costs(group, lead, first, second)


def in_force(world: Costs, **data):
    """A version proposed by the treasurer and accepted by every company: in force."""
    version = services.version_propose(
        gaccess=world.treasurer(), data={"method": "equal", "currency": "USD", "effective_on": START, **data}
    )
    for company in world.sides:
        services.version_accept(gaccess=company.gaccess(world.group), version=version)
    version.refresh_from_db()
    return version


def expense(world: Costs, amount: str, day=START, currency: str = "USD", **data):
    return services.expense_add(
        gaccess=world.treasurer(),
        data={"payee": "Harbor & Pine LLP", "incurred_on": day, "category": "fees", "amount": amount,
              "currency": currency, **data},
    )  # fmt: skip
