"""Building defense groups in tests: companies of the cast's association with an admin each."""

from dataclasses import dataclass

from sharing.defense import services
from sharing.defense.access import get_group_access
from tenancy.access import resolve_access
from tests.factories import association_role, company_user, member_company

AGREEMENT = "The parties share a common legal interest in defending against the plaintiff's claims."


@dataclass
class Side:
    company: object
    admin: object
    member: object

    def access(self, slug: str = "alpha"):
        return resolve_access(slug=slug, user=self.admin)

    def gaccess(self, group, user=None, slug: str = "alpha"):
        return get_group_access(resolve_access(slug=slug, user=user or self.admin), group.pk)


def side(association, **company) -> Side:
    company = member_company(association, **company)
    return Side(company, company_user(company, role="admin"), company_user(company))


def counsel(association):
    return association_role(association, "counsel")


def joined_group(association, lead: Side, *others: Side, agreement: str = AGREEMENT, accept: bool = True):
    """A group led by `lead` with `others` invited, joined and (if `accept`) bound by the agreement."""
    group = services.group_create(access=lead.access(), name="Common defense", agreement_text=agreement)
    for other in others:
        services.invite_company(gaccess=lead.gaccess(group), company=other.company)
        services.invitation_answer(gaccess=other.gaccess(group), accept=True)
        if accept:
            services.agreement_accept(gaccess=other.gaccess(group), version=1)
    return group
