"""Writes for campaigns: an affected company opts in (to be named to the other companies that opted in) or out,
and an opted-in company creates a defense group around the campaign inviting the others in one step.

Opting in is a company admin's decision, as answering a group invitation is: it reveals the company. These
events are audited without an association, so the association's audit log (read by its admins) never ties a
member company to a campaign.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.kinds import per_language
from notifications.services import notify
from sharing.campaigns.detection import LIVE, campaign_url
from sharing.campaigns.models import Campaign, CampaignOptIn, CampaignReport
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from sharing.defense.models import DefenseGroup
from tenancy.access import Access
from tenancy.models import Company


def _require_affected_admin(access: Access, campaign: Campaign) -> tuple[Company, User]:
    """The caller's company and the caller, if an admin of a company in the campaign; else a refusal."""
    company, user = access.company, access.user
    if (
        campaign.association_id != access.association.pk
        or company is None
        or user is None
        or not access.is_company_admin
    ):
        raise ValidationError(_("Only a company admin can decide this for the company."), code="forbidden")
    affected = CampaignReport.objects.filter(
        campaign=campaign, report__company=access.company, report__status__in=LIVE
    ).exists()
    if not affected:
        raise ValidationError(_("Only a company that reported this can opt in."), code="forbidden")
    return company, user


def campaign_opt_in(*, access: Access, campaign: Campaign) -> CampaignOptIn:
    """Opt the caller's company in; opting in twice changes nothing. The companies that opted in before are told
    (without the name: they read it on the campaign page)."""
    _company, user = _require_affected_admin(access, campaign)
    with transaction.atomic():
        opt_in, created = CampaignOptIn.objects.get_or_create(
            campaign=campaign, company=access.company, defaults={"opted_by": user}
        )
        if created:
            audit_record(action="campaign.opt_in", actor=access.user, target=campaign)
            others = CampaignOptIn.objects.filter(campaign=campaign).exclude(company=access.company)
            notify(
                recipients=User.objects.filter(company_id__in=others.values("company_id"), is_active=True),
                association=campaign.association,
                kind="campaign.opted_in",
                params={"subject": per_language(lazy(lambda: campaign.subject, str)())},
                url=campaign_url(campaign),
            )
    return opt_in


def campaign_opt_out(*, access: Access, campaign: Campaign) -> None:
    """Take the company's name back from the other opted-in companies (groups it joined are left as they are)."""
    _require_affected_admin(access, campaign)
    with transaction.atomic():
        deleted, _rows = CampaignOptIn.objects.filter(campaign=campaign, company=access.company).delete()
        if deleted:
            audit_record(action="campaign.opt_out", actor=access.user, target=campaign)


def opted_in_others(campaign: Campaign, company: Company) -> QuerySet[Company]:
    """The other affected companies that opted in."""
    affected = CampaignReport.objects.filter(campaign=campaign, report__status__in=LIVE).values("report__company_id")
    opted = CampaignOptIn.objects.filter(campaign=campaign).exclude(company=company).values("company_id")
    return Company.objects.filter(id__in=opted).filter(id__in=affected).order_by("pk")


def campaign_group_create(
    *, access: Access, campaign: Campaign, name: str, description: str = "", listed: bool = False,
    agreement_text: str = "",
) -> DefenseGroup:  # fmt: skip
    """An opted-in company's admin creates a defense group around the campaign (the company leads it) and
    invites every other opted-in company at once."""
    company, _user = _require_affected_admin(access, campaign)
    if not CampaignOptIn.objects.filter(campaign=campaign, company=access.company).exists():
        raise ValidationError(_("Opt in first: the group is for the companies that opted in."), code="invalid_state")
    with transaction.atomic():
        group = defense_services.group_create(
            access=access,
            name=name,
            description=description,
            campaign=campaign,
            listed=listed,
            agreement_text=agreement_text,
        )
        gaccess = get_group_access(access, group.pk)
        for other in opted_in_others(campaign, company):
            defense_services.invite_company(gaccess=gaccess, company=other)
    return group
