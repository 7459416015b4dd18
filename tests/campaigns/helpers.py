"""Building campaigns in tests: member companies of the cast's association publishing reports."""

from sharing.campaigns.models import Campaign, CampaignBasis
from tests.defense.helpers import Side, side
from tests.factories import published_report

__all__ = ["Side", "plaintiff_campaign", "publish", "side"]


def publish(reporter: Side, moderator, **overrides):
    """`reporter`'s company reports and a moderator publishes: (report, published version)."""
    return published_report(reporter.access(), moderator=moderator, **overrides)


def plaintiff_campaign(report) -> Campaign:
    return Campaign.objects.get(basis=CampaignBasis.PLAINTIFF, plaintiff=report.plaintiff)
