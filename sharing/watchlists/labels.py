"""How a watched value or a campaign's subject reads, in the active language."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sharing.reports.choices import ReportKind
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.products import ProductCategory
from sharing.reports.rights import parse_patent, parse_trademark_registration
from sharing.watchlists.models import Criterion, Watch

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from sharing.watchlists.matching import WatchedCampaign

FORUM_LABELS = dict(FORUM_CHOICES)
# The criteria whose value is a code from a fixed list, with that list's labels (lazy: translated when read).
CHOICE_LABELS: Mapping[str, Mapping[str, "StrOrPromise"]] = {
    Criterion.PRODUCT_CATEGORY: dict(ProductCategory.choices),
    Criterion.FORUM: FORUM_LABELS,
    Criterion.KIND: dict(ReportKind.choices),
}


def watch_label(watch: Watch) -> str:
    labels = CHOICE_LABELS.get(watch.criterion)
    return str(labels.get(watch.value, watch.value)) if labels else watch.label


def right_display(key: str) -> str:
    """A stored right key as a US document prints it (`D123456` reads `US D123,456`)."""
    try:
        if key.startswith("TM"):
            return parse_trademark_registration(key[2:]).display
        return parse_patent(key).display
    except ValidationError:
        return key


def campaign_subject(campaign: "WatchedCampaign") -> str:
    """What the campaign is about: its plaintiff, its patent, or its plaintiff's law firm in a forum."""
    if campaign.basis == "patent":
        return right_display(campaign.right_key or "")
    if campaign.basis == "law_firm_forum":
        forum = FORUM_LABELS.get(campaign.forum, campaign.forum)
        law_firm = getattr(campaign, "law_firm", "") or campaign.law_firm_key  # as written, when the model keeps it
        return _("%(law_firm)s in %(forum)s") % {"law_firm": law_firm, "forum": forum}
    return str(campaign.plaintiff)
