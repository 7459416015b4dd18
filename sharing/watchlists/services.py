"""Writes for watchlists: add and remove a watch, and tell watchers about published reports and campaigns.

Notifications carry shared data only (plaintiff, forum, kind, counts): never anything naming a reporting
company, and the reporting company's own people are not told about their own report.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import audit_record
from notifications.kinds import per_language
from notifications.services import notify
from sharing.plaintiffs.names import normalize_party_name
from sharing.plaintiffs.services import plaintiff_for_name
from sharing.reports.choices import ReportKind, VersionStatus
from sharing.reports.models import SharedVersion
from sharing.reports.rights import parse_patent
from sharing.watchlists.labels import CHOICE_LABELS, FORUM_LABELS, campaign_subject
from sharing.watchlists.matching import WatchedCampaign, campaign_watchers, version_watchers
from sharing.watchlists.models import Criterion, VersionAlert, Watch
from sharing.watchlists.selectors import get_watch_for, watches_for
from tenancy.access import Access

MAX_WATCHES = 100  # per person and association: more would be a feed, not a watchlist
VALUE_MAX_LENGTH = 255
CAMPAIGN_CHANGES = {"formed": "watch.campaign_formed", "grew": "watch.campaign_grew"}


def watch_add(*, access: Access, criterion: str, value: str) -> Watch:
    """Watch one plaintiff, patent, law firm, product category, forum or kind of case in the association."""
    if criterion not in Criterion.values:
        raise ValidationError({"criterion": _("Choose what to watch from the list.")}, code="invalid_choice")
    value = " ".join(str(value or "").split())
    if not value:
        raise ValidationError({"value": _("Enter what to watch.")}, code="required")
    if len(value) > VALUE_MAX_LENGTH:
        raise ValidationError(
            {"value": _("Enter at most %(count)d characters.") % {"count": VALUE_MAX_LENGTH}}, code="max_length"
        )
    if watches_for(access).count() >= MAX_WATCHES:
        raise ValidationError(
            {"value": _("You can watch at most %(count)d things here; remove one first.") % {"count": MAX_WATCHES}},
            code="too_many",
        )
    watch = Watch(
        user=access.user, association=access.association, criterion=criterion, **_normalized(criterion, value)
    )
    try:
        with transaction.atomic():
            if criterion == Criterion.PLAINTIFF:
                # A plaintiff nobody reported yet can be watched too: the entity is created, and stays unseen
                # by others until a report naming it is published.
                watch.plaintiff = plaintiff_for_name(association=access.association, name=value, reported=False)
            if _duplicate(watch).exists():
                raise ValidationError({"value": _("You already watch this.")}, code="duplicate")
            watch.save()
            audit_record(
                action="watch.add", actor=access.user, association=access.association, target=watch,
                details={"criterion": criterion},
            )  # fmt: skip
    except IntegrityError:  # the same watch added twice at once
        raise ValidationError({"value": _("You already watch this.")}, code="duplicate") from None
    return watch


def _normalized(criterion: str, value: str) -> dict[str, str]:
    """The stored `value` (the comparison key) and `label` (as shown) of a typed value, or a field error."""
    if criterion == Criterion.PLAINTIFF:
        return {"value": "", "label": value}
    if criterion == Criterion.PATENT:
        try:
            right = parse_patent(value)
        except ValidationError as error:
            raise ValidationError({"value": error.messages}, code="invalid") from None
        return {"value": right.key, "label": right.display}
    if criterion == Criterion.LAW_FIRM:
        key = normalize_party_name(value)
        if not key:
            raise ValidationError({"value": _("Enter the name of a law firm.")}, code="invalid")
        return {"value": key, "label": value}
    if value not in CHOICE_LABELS[criterion]:
        messages: dict[str, str] = {
            Criterion.FORUM: _("Unknown forum: choose one from the list."),
            Criterion.KIND: _("Unknown kind of case: choose one from the list."),
            Criterion.PRODUCT_CATEGORY: _("Unknown product category: choose one from the list."),
        }
        raise ValidationError({"value": messages[criterion]}, code="invalid_choice")
    return {"value": value, "label": value}


def _duplicate(watch: Watch) -> QuerySet[Watch]:
    same = Watch.objects.filter(user=watch.user, association=watch.association, criterion=watch.criterion)
    if watch.criterion == Criterion.PLAINTIFF:
        return same.filter(plaintiff=watch.plaintiff)
    return same.filter(value=watch.value)


def watch_remove(*, access: Access, watch_id: int | str) -> None:
    """Stop watching. Another person's watch is NoAccess (404), the same as a missing one."""
    with transaction.atomic():
        watch = get_watch_for(access, watch_id)
        audit_record(
            action="watch.remove", actor=access.user, association=access.association, target=watch,
            details={"criterion": watch.criterion},
        )  # fmt: skip
        watch.delete()


# Telling watchers ------------------------------------------------------------------------------------------


def watchers_alert(*, version_id: int) -> int:
    """Notify once each person watching anything the published version carries; how many were told.
    Running it again for the same version does nothing (a retried task)."""
    with transaction.atomic():
        version = (
            SharedVersion.objects.select_related("plaintiff", "association", "report")
            .filter(pk=version_id, status=VersionStatus.PUBLISHED)
            .first()
        )
        if version is None:  # withdrawn or superseded before the task ran
            return 0
        try:
            with transaction.atomic():
                alert = VersionAlert.objects.create(version=version)
        except IntegrityError:
            return 0
        recipients = list(version_watchers(version))
        association = version.association
        notify(
            recipients=recipients,
            association=association,
            kind="watch.report_published",
            params={
                "kind": per_language(ReportKind(version.kind).label),
                "plaintiff": version.plaintiff.name,
                "forum": per_language(FORUM_LABELS.get(version.forum, version.forum)),
            },
            url=reverse("reports:detail", kwargs={"slug": association.slug, "version_id": version.pk}),
        )
        alert.recipients = len(recipients)
        alert.save(update_fields=["recipients"])
    return len(recipients)


def watch_notify_campaign(*, campaign: WatchedCampaign, change: str) -> int:
    """Tell the watchers of a campaign's plaintiff, patent, law firm or forum that it formed or grew: its subject
    and counts only. Call it inside the transaction that changes the campaign; delivery follows its commit."""
    if change not in CAMPAIGN_CHANGES:
        raise ValueError(f"Unknown campaign change: {change}")
    association = campaign.association
    with transaction.atomic():
        recipients = list(campaign_watchers(campaign))
        notify(
            recipients=recipients,
            association=association,
            kind=CAMPAIGN_CHANGES[change],
            params={
                "subject": per_language(_LazySubject(campaign)),
                "companies": campaign.company_count,
                "reports": campaign.report_count,
            },
            url=reverse("campaigns:detail", args=[association.slug, campaign.pk]),
        )
    return len(recipients)


class _LazySubject:
    """The campaign's subject, rendered again in each language per_language() asks for."""

    def __init__(self, campaign: WatchedCampaign) -> None:
        self.campaign = campaign

    def __str__(self) -> str:
        return campaign_subject(self.campaign)
