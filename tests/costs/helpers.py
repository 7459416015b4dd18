"""A defense group sharing costs in tests: the lead and two members joined and bound by the agreement, the lead's
admin appointed treasurer."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sharing.costs import services
from sharing.counsel import services as counsel_services
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from tenancy.access import resolve_access
from tests.counsel.helpers import directory
from tests.defense.helpers import Side, joined_group, side

START = date(2026, 1, 1)
LEDES = Path(__file__).parent / "ledes"  # LEDES 1998B files


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


def engage_firm(cast, world: Costs):
    """The group engages a firm of the directory whose counsel then works in the group: (engagement, directory)."""
    firms = directory(cast)
    engagement = counsel_services.engage(
        gaccess=world.lead.gaccess(world.group), firm=firms.firm, scope="Defense", fee_arrangement="Hourly",
        started_on=START, counsel=[firms.firm_counsel],
    )  # fmt: skip
    lawyer = get_group_access(resolve_access(slug="alpha", user=firms.firm_counsel), world.group.pk)
    defense_services.invitation_answer(gaccess=lawyer, accept=True)
    defense_services.agreement_accept(
        gaccess=get_group_access(resolve_access(slug="alpha", user=firms.firm_counsel), world.group.pk), version=1
    )
    return engagement, firms
