"""Writes for webhooks: subscriptions (create, change, delete, rotate the secret, enable again, send a test
event), announcing events to the subscribers entitled to them, and delivering what is due.

Delivery: `announce` writes the event and one pending attempt per subscriber inside the caller's transaction
and, on commit, queues `tasks.deliver_webhooks` for them. `deliver` sends attempts whose time has come and
records each outcome; a failed attempt schedules the next one (`delivery.RETRY_DELAYS`, with jitter), which a
deferring task backend runs at its time (`run_after`) and `deliver_due` (the `deliver_webhooks` management
command, run every minute) sends in any case: with the immediate backend no retry waits in a request (the
first attempts are sent on the request's commit, hence the database backend in production).
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import ApiKey, User
from api.scopes import ApiScope
from audit.services import audit_record
from notifications.services import email_on_commit
from sharing.webhooks import delivery as sending
from sharing.webhooks import signing, targets
from sharing.webhooks.models import (
    SUBSCRIBABLE,
    Delivery,
    DeliveryStatus,
    DisabledReason,
    Event,
    EventType,
    Subscription,
)
from sharing.webhooks.selectors import get_delivery_for, get_subscription_for, owner_of, subscriptions_for
from sharing.webhooks.tasks import deliver_webhooks
from tenancy.access import Access
from tenancy.models import Association

logger = logging.getLogger(__name__)

MAX_SUBSCRIPTIONS = 10  # per partner organization or company, in one association
DESCRIPTION_MAX_LENGTH = 200
PREVIOUS_SECRET_VALID_FOR = timedelta(hours=24)  # after a rotation, deliveries are signed with both secrets
DISABLE_AFTER_FAILURES = 5  # failed attempts in a row, and...
DISABLE_AFTER_FAILING_FOR = timedelta(hours=24)  # ...no success for this long: the subscription is disabled
STALE_SENDING = timedelta(minutes=10)  # an attempt claimed this long ago by a worker that died is sent again
DUE_BATCH = 200


# Subscriptions ---------------------------------------------------------------------------------------------


def _url(url: str) -> str:
    try:
        targets.check_url(url)
    except targets.TargetRefused as refused:
        raise ValidationError({"url": refused.message}, code="invalid") from None
    return url.strip()


def _events(access: Access, events: list[str]) -> list[str]:
    if not isinstance(events, list) or not events:
        raise ValidationError({"events": _("Choose at least one event.")}, code="required")
    chosen = list(dict.fromkeys(str(event).strip() for event in events))
    for event in chosen:
        if event not in SUBSCRIBABLE:
            raise ValidationError(
                {
                    "events": _("Unknown event “%(event)s”: choose from %(choices)s.")
                    % {"event": event[:50], "choices": ", ".join(SUBSCRIBABLE)}
                },
                code="invalid_choice",
            )
    if access.api_key is not None:
        # An event carries what the partner API shows: a key subscribes only to what it may read there.
        needed = {ApiScope.REPORTS_READ} | (
            {ApiScope.CAMPAIGNS_READ} if any(e.startswith("campaign.") for e in chosen) else set()
        )
        missing = sorted(scope for scope in needed if scope not in access.api_key.scopes)
        if missing:
            raise ValidationError(
                {
                    "events": _("These events need the scopes %(scopes)s on this API key.")
                    % {"scopes": ", ".join(missing)}
                },
                code="scope",
            )
    return chosen


def _description(description: str) -> str:
    description = " ".join(str(description or "").split())
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {"description": _("Enter at most %(count)d characters.") % {"count": DESCRIPTION_MAX_LENGTH}},
            code="max_length",
        )
    return description


def _audit(access: Access, action: str, subscription: Subscription, **details: Any) -> None:
    if isinstance(access.api_key, ApiKey):  # a partner key acts: no user, the key's prefix says which
        details["api_key"] = access.api_key.prefix
    audit_record(action=action, actor=access.user, association=access.association, target=subscription, details=details)


def subscription_create(
    *, access: Access, url: str, events: list[str], description: str = ""
) -> tuple[Subscription, str]:
    """Subscribe the caller's partner organization (a partner key) or company (a company admin) to `events`
    at `url`. Returns the subscription and its secret, shown this once."""
    owner = owner_of(access)
    url, chosen, description = _url(url), _events(access, events), _description(description)
    secret = signing.new_secret()
    with transaction.atomic():
        if subscriptions_for(access).count() >= MAX_SUBSCRIPTIONS:
            raise ValidationError(
                _("You can have at most %(count)d webhook subscriptions here; delete one first.")
                % {"count": MAX_SUBSCRIPTIONS},
                code="too_many",
            )
        subscription = Subscription.objects.create(
            association=access.association,
            url=url,
            events=chosen,
            description=description,
            secret=secret,
            created_by=access.user,
            created_by_key=access.api_key if isinstance(access.api_key, ApiKey) else None,
            **owner,
        )
        _audit(access, "webhook.create", subscription, events=chosen, host=targets.parse(url).host)
    return subscription, secret


def subscription_update(
    *,
    access: Access,
    subscription_id: int | str,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
) -> Subscription:
    """Change what is given of the URL, the events and the description."""
    changes: dict[str, Any] = {}
    if url is not None:
        changes["url"] = _url(url)
    if events is not None:
        changes["events"] = _events(access, events)
    if description is not None:
        changes["description"] = _description(description)
    with transaction.atomic():
        subscription = get_subscription_for(access, subscription_id)
        for name, value in changes.items():
            setattr(subscription, name, value)
        subscription.save()
        _audit(access, "webhook.update", subscription, changed=sorted(changes))
    return subscription


def subscription_delete(*, access: Access, subscription_id: int | str) -> None:
    with transaction.atomic():
        subscription = get_subscription_for(access, subscription_id)
        _audit(access, "webhook.delete", subscription, host=targets.parse(subscription.url).host)
        subscription.delete()


def subscription_rotate_secret(*, access: Access, subscription_id: int | str) -> tuple[Subscription, str]:
    """A new secret, shown this once; the current one stays valid for PREVIOUS_SECRET_VALID_FOR (deliveries are
    signed with both meanwhile), so the receiver can switch without losing a message."""
    secret = signing.new_secret()
    with transaction.atomic():
        subscription = get_subscription_for(access, subscription_id)
        subscription.previous_secret = subscription.secret
        subscription.previous_secret_expires_at = timezone.now() + PREVIOUS_SECRET_VALID_FOR
        subscription.secret = secret
        subscription.save()
        _audit(access, "webhook.rotate_secret", subscription)
    return subscription, secret


def subscription_enable(*, access: Access, subscription_id: int | str) -> Subscription:
    """Enable a subscription again (after failures or a 410): its failure count starts again from zero.
    Attempts cancelled when it was disabled are not resent; redeliver the ones that matter."""
    with transaction.atomic():
        subscription = get_subscription_for(access, subscription_id)
        subscription.enabled = True
        subscription.disabled_reason = DisabledReason.NONE
        subscription.disabled_at = None
        subscription.consecutive_failures = 0
        subscription.failing_since = None
        subscription.save()
        _audit(access, "webhook.enable", subscription)
    return subscription


def _require_enabled(subscription: Subscription) -> None:
    if not subscription.enabled:
        raise ValidationError(_("This subscription is disabled: enable it first."), code="disabled")


def subscription_send_test(*, access: Access, subscription_id: int | str) -> Delivery:
    """Send a `webhook.test` event to this subscription only (retried like any other)."""
    with transaction.atomic():
        subscription = get_subscription_for(access, subscription_id)
        _require_enabled(subscription)
        event = _event(access.association, EventType.TEST, {"subscription": subscription.pk})
        attempt = Delivery.objects.create(subscription=subscription, event=event, scheduled_at=event.created_at)
        _audit(access, "webhook.test", subscription, event=event.msg_id)
        _deliver_on_commit([attempt.pk])
    return attempt


def delivery_redeliver(*, access: Access, subscription_id: int | str, delivery_id: int | str) -> Delivery:
    """Send the event of this logged attempt once more, now (one manual attempt, not retried)."""
    with transaction.atomic():
        previous = get_delivery_for(access, subscription_id, delivery_id)
        subscription = Subscription.objects.select_for_update().get(pk=previous.subscription_id)
        _require_enabled(subscription)
        last = Delivery.objects.filter(subscription=subscription, event=previous.event).aggregate(n=Max("attempt"))
        attempt = Delivery.objects.create(
            subscription=subscription,
            event=previous.event,
            attempt=(last["n"] or 0) + 1,
            manual=True,
            scheduled_at=timezone.now(),
        )
        _audit(access, "webhook.redeliver", subscription, event=previous.event.msg_id)
        _deliver_on_commit([attempt.pk])
    return attempt


# Announcing ------------------------------------------------------------------------------------------------


def _event(association: Association, type: str, data: dict[str, Any]) -> Event:
    now = timezone.now()
    payload = {"type": type, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": data}
    return Event.objects.create(
        association=association, msg_id=signing.new_msg_id(), type=type, payload=payload, created_at=now
    )


def announce(
    *,
    association: Association,
    type: str,
    data: Callable[[], dict[str, Any]],
    companies: Callable[[], set[int]],
) -> Event | None:
    """Announce an event of the association to the enabled subscriptions entitled to it: partner organizations'
    (published data only: `data()` must be what the partner API shows) and those of `companies()` (the company
    whose report it is, or the companies in the campaign). Both are computed only when someone subscribed to
    `type`. Call inside the transaction making the change; sending follows its commit. None when nobody
    subscribed."""
    if type not in SUBSCRIBABLE:
        raise ValueError(f"Unknown webhook event: {type}")
    candidates = Subscription.objects.filter(association=association, enabled=True).only(
        "id", "events", "partner_id", "company_id"
    )
    interested = [subscription for subscription in candidates if type in subscription.events]
    if not interested:
        return None
    involved = companies() if any(s.company_id is not None for s in interested) else set()
    entitled = [s for s in interested if s.partner_id is not None or s.company_id in involved]
    if not entitled:
        return None
    event = _event(association, type, data())
    attempts = Delivery.objects.bulk_create(
        [Delivery(subscription=subscription, event=event, scheduled_at=event.created_at) for subscription in entitled]
    )
    _deliver_on_commit([attempt.pk for attempt in attempts])
    return event


def _deliver_on_commit(delivery_ids: list[int], run_after: datetime | None = None) -> None:
    def enqueue() -> None:
        task = deliver_webhooks
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # deliver_due sends it when its time comes
            task = task.using(run_after=run_after)
        task.enqueue(delivery_ids=delivery_ids)

    transaction.on_commit(enqueue, robust=True)


# Delivering ------------------------------------------------------------------------------------------------


def deliver_due(*, now: datetime | None = None, limit: int = DUE_BATCH) -> int:
    """Send every pending attempt whose time has come (of enabled subscriptions); how many were sent. Run by
    the `deliver_webhooks` management command every minute, and by tests with the time they need."""
    now = now or timezone.now()
    Delivery.objects.filter(status=DeliveryStatus.SENDING, sent_at__lt=now - STALE_SENDING).update(
        status=DeliveryStatus.PENDING
    )
    due = Delivery.objects.filter(
        status=DeliveryStatus.PENDING, scheduled_at__lte=now, subscription__enabled=True
    ).order_by("scheduled_at", "id")
    return deliver(delivery_ids=list(due.values_list("id", flat=True)[:limit]), now=now)


def deliver(*, delivery_ids: list[int], now: datetime | None = None) -> int:
    """Send those of `delivery_ids` that are still pending and due; how many were sent. Each attempt is claimed
    first, so two workers never send the same one."""
    sent = 0
    for delivery_id in delivery_ids:
        moment = now or timezone.now()
        claimed = Delivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.PENDING, scheduled_at__lte=moment, subscription__enabled=True
        ).update(status=DeliveryStatus.SENDING, sent_at=moment)
        if not claimed:
            continue
        attempt = Delivery.objects.select_related("subscription", "event").get(pk=delivery_id)
        subscription = attempt.subscription
        outcome = sending.send(
            url=subscription.url,
            secrets_in_use=_secrets(subscription, moment),
            msg_id=attempt.event.msg_id,
            payload=attempt.event.payload,
            now=moment,
        )
        _record(attempt, outcome, moment)
        sent += 1
    return sent


def _secrets(subscription: Subscription, now: datetime) -> list[str]:
    valid = [subscription.secret]
    expires = subscription.previous_secret_expires_at
    if subscription.previous_secret and expires is not None and expires > now:
        valid.append(subscription.previous_secret)
    return valid


def _record(attempt: Delivery, outcome: sending.Outcome, now: datetime) -> None:
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=attempt.subscription_id)
        attempt.status = DeliveryStatus.SUCCEEDED if outcome.succeeded else DeliveryStatus.FAILED
        attempt.response_code = outcome.response_code
        attempt.duration_ms = outcome.duration_ms
        attempt.error = outcome.error
        if outcome.succeeded:
            subscription.consecutive_failures = 0
            subscription.failing_since = None
        else:
            subscription.consecutive_failures += 1
            subscription.failing_since = subscription.failing_since or now
            if outcome.gone:
                _disable(subscription, DisabledReason.GONE, now)
            elif (
                subscription.consecutive_failures >= DISABLE_AFTER_FAILURES
                and now - subscription.failing_since >= DISABLE_AFTER_FAILING_FOR
            ):
                _disable(subscription, DisabledReason.FAILURES, now)
            elif not attempt.manual:
                delay = sending.retry_delay(attempt.attempt)
                if delay is not None:
                    retry = Delivery.objects.create(
                        subscription=subscription,
                        event=attempt.event,
                        attempt=attempt.attempt + 1,
                        scheduled_at=now + delay,
                    )
                    attempt.next_attempt_at = retry.scheduled_at
                    _deliver_on_commit([retry.pk], run_after=retry.scheduled_at)
        attempt.save()
        subscription.save(update_fields=["consecutive_failures", "failing_since", "enabled", "disabled_reason",
                                         "disabled_at", "updated_at"])  # fmt: skip


def _disable(subscription: Subscription, reason: str, now: datetime) -> None:
    """Disable after repeated failures or a 410: its pending attempts are cancelled and its owner told."""
    subscription.enabled = False
    subscription.disabled_reason = reason
    subscription.disabled_at = now
    Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED
    )
    audit_record(
        action="webhook.disable", association=subscription.association, target=subscription,
        details={"reason": reason, "failures": subscription.consecutive_failures},
    )  # fmt: skip
    _email_owner(subscription, reason)


def _email_owner(subscription: Subscription, reason: str) -> None:
    """The partner's contact address (in the association's language), or the company's admins (each in their
    own language)."""
    association = subscription.association
    recipients: list[tuple[str, str]] = []
    if subscription.partner is not None:
        if subscription.partner.contact_email:
            recipients.append((subscription.partner.contact_email, association.default_language))
    else:
        admins = User.objects.filter(company=subscription.company, company_role="admin", is_active=True)
        recipients += [(user.email, user.preferred_language) for user in admins]
    for address, language in recipients:
        with translation.override(language):
            subject = _("Webhook disabled: %(url)s") % {"url": subscription.url[:100]}
            body = render_to_string(
                "webhooks/email/disabled.txt",
                {"subscription": subscription, "association": association, "gone": reason == DisabledReason.GONE,
                 "failures": subscription.consecutive_failures},
            )  # fmt: skip
        email_on_commit(recipient=address, subject=subject, body=body)
    if not recipients:
        logger.warning("Webhook subscription %s disabled; its owner has no e-mail address.", subscription.pk)
