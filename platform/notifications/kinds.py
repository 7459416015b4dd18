"""What each notification kind says, translated when it is shown, so each reader gets their own language."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "membership.approved": _("Your company's membership of %(association)s was approved."),
    "membership.rejected": _("Your company's membership application to %(association)s was not accepted."),
    "membership.suspended": _("Your company's membership of %(association)s is suspended."),
    "membership.reinstated": _("Your company's membership of %(association)s is active again."),
    "membership.applied": _("%(company)s applied to join %(association)s."),
    "role.appointed": _("You were appointed %(role)s of %(association)s."),
    "role.removed": _("You are no longer %(role)s of %(association)s."),
    "invitation.accepted": _("%(email)s accepted your invitation."),
    "report.awaiting_moderation": _("A report awaits moderation in %(association)s."),
    "report.published": _("Your report on %(plaintiff)s was published."),
    "report.returned": _("Your report on %(plaintiff)s was returned for changes."),
    "report.rejected": _("Your report on %(plaintiff)s was not accepted."),
    "defense.invited": _("You are invited to the defense group “%(group)s”."),
    "defense.agreement": _("Version %(version)s of the agreement of “%(group)s” awaits your acceptance."),
    "chat.mention": _("%(author)s mentioned you in “%(group)s”."),
    "deadline.reminder": _("%(rule)s in the case against %(plaintiff)s is due on %(due)s: %(left)s."),
    "deadline.today": _("%(rule)s in the case against %(plaintiff)s is due today, %(due)s."),
    "deadline.overdue": _("Overdue: %(rule)s in the case against %(plaintiff)s was due on %(due)s."),
    "campaign.formed": _(
        "%(count)s member companies, yours included, face %(subject)s. Who they are stays hidden unless you all opt in."
    ),
    "campaign.grew": _("One more member company faces %(subject)s: %(count)s in all."),
    "campaign.opted_in": _("Another member company facing %(subject)s opted in: see who on the campaign page."),
    "counsel.review_awaiting": _("A review of %(firm)s awaits moderation in %(association)s."),
    "counsel.review_published": _("Your company's review of %(firm)s was published."),
    "counsel.review_returned": _("Your company's review of %(firm)s was returned for changes."),
    "counsel.review_rejected": _("Your company's review of %(firm)s was not accepted."),
    "counsel.reply_awaiting": _("A reply of %(firm)s to a review awaits moderation in %(association)s."),
    "counsel.reply_published": _("Your reply to a review of %(firm)s was published."),
    "counsel.reply_rejected": _("Your reply to a review of %(firm)s was not accepted."),
    "counsel.proposal_awaiting": _("Changes to the directory entry of %(firm)s await a moderator in %(association)s."),
    "counsel.proposal_approved": _("Your proposed changes to the entry of %(firm)s were applied."),
    "counsel.proposal_rejected": _("Your proposed changes to the entry of %(firm)s were not accepted."),
    "watch.report_published": _("New report on your watchlist: %(kind)s, %(plaintiff)s, %(forum)s."),
    "watch.campaign_formed": _(
        "A campaign formed on your watchlist: %(subject)s, %(companies)s member companies, %(reports)s reports."
    ),
    "watch.campaign_grew": _(
        "A campaign on your watchlist grew: %(subject)s, now %(companies)s member companies, %(reports)s reports."
    ),
}


def per_language(text: object) -> dict[str, str]:
    """A translatable parameter (a choice label...) stored in every language, so it reads in the reader's."""
    rendered = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            rendered[code] = str(text)
    return rendered


def in_active_language(value: object) -> object:
    """A per_language() parameter in the active language (English when it lacks that one); others as they are."""
    if not isinstance(value, dict):
        return value
    return value.get(translation.get_language() or "", value.get(settings.LANGUAGE_CODE, ""))


def render(kind: str, params: dict[str, Any]) -> str:
    """The notification's text in the active language."""
    from tenancy.models import AssociationRoleKind

    template = MESSAGES.get(kind)
    if template is None:
        return kind
    if params.get("role") in AssociationRoleKind.values:
        params = {**params, "role": str(AssociationRoleKind(params["role"]).label).lower()}
    params = {name: in_active_language(value) for name, value in params.items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
