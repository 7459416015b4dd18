"""What each notification kind says, translated when it is shown, so each reader gets their own language."""

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
}


def render(kind: str, params: dict) -> str:
    """The notification's text in the active language."""
    from tenancy.models import AssociationRoleKind

    template = MESSAGES.get(kind)
    if template is None:
        return kind
    if params.get("role") in AssociationRoleKind.values:
        params = {**params, "role": str(AssociationRoleKind(params["role"]).label).lower()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
