"""Campaign panels for the pages of apps below campaigns (a report's own page): their views do not know campaigns,
the template asks for them (docs/ARCHITECTURE.md, "Dependencies")."""

from django import template

from sharing.campaigns.selectors import report_campaigns

register = template.Library()


@register.inclusion_tag("campaigns/_report_campaigns.html", takes_context=True)
def report_campaigns_panel(context, report):
    """The campaigns (two companies or more) the caller's own report is in, for its reporter's page."""
    return {"slug": context["slug"], "campaigns": report_campaigns(report)}
