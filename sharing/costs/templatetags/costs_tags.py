"""Cost-sharing pieces for templates: amounts in cents shown in their currency's units, the UTBMS codes' names,
and the panel a defense group's page shows (the defense app sits below costs: its template asks for the panel,
its views know nothing of costs; docs/ARCHITECTURE.md, "Apps and the direction of their dependencies")."""

from decimal import Decimal
from typing import Any

from django import template

from sharing.costs import selectors, utbms
from sharing.costs.amounts import grouped
from sharing.defense.access import Level

register = template.Library()

UTBMS = {"task": utbms.task_name, "activity": utbms.activity_name, "expense": utbms.expense_name}


register.filter("money", grouped)


@register.filter
def plain(value: Decimal | None) -> str:
    """A decimal without its trailing zeros, never in exponent form: Decimal("1200000.0000") -> "1200000"."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


@register.filter
def utbms_name(code: str | None, kind: str) -> str:
    """The name of a UTBMS task, activity or expense code ("L110"|utbms_name:"task"); empty when unknown."""
    if not code:
        return ""
    return str(UTBMS[kind](code) or "")


@register.inclusion_tag("costs/_group_costs.html")
def group_costs(gaccess) -> dict[str, Any]:
    """The link to the group's cost sharing, with its treasurer and the version in force, for participants past
    the invitation."""
    shown = gaccess.level >= Level.SUMMARY
    treasurer = getattr(gaccess.group, "treasurer", None) if shown else None
    return {
        "shown": shown,
        "slug": gaccess.access.association.slug,
        "group": gaccess.group,
        "treasurer": treasurer,
        "you_are_treasurer": treasurer is not None and treasurer.user_id == gaccess.access.user.pk,
        "in_force": selectors.version_in_force(gaccess.group.pk) if shown else None,
        "manages": gaccess.manages,
    }


@register.inclusion_tag("costs/_former_groups_link.html")
def former_groups_link(access) -> dict[str, Any]:
    """On the list of groups: the link to the statements of the groups the caller's company left, if any."""
    return {"slug": access.association.slug, "shown": selectors.former_groups(access).exists()}
