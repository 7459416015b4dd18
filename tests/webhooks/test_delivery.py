"""Events reach the receiver signed (Standard Webhooks), are logged, retried with backoff, and disable a
subscription that keeps failing or answers 410; only entitled subscribers get them."""

import json
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks import Webhook, WebhookVerificationError

from audit.models import AuditEvent
from sharing.reports import services as report_services
from sharing.webhooks import delivery, services
from sharing.webhooks.models import Delivery, DeliveryStatus, DisabledReason, Event
from tests.campaigns.helpers import publish, side
from tests.factories import cast_published_report
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_jitter(monkeypatch):
    """Retries exactly on the schedule (the draw in the middle of the jitter range)."""
    monkeypatch.setattr(delivery.random, "random", lambda: 0.5)


def publish_committed(cast, capture):
    with capture(execute=True):
        return cast_published_report(cast)


DOCS = Path(__file__).resolve().parents[2] / "docs" / "WEBHOOKS.md"


def openssl_recipe() -> str:
    """The openssl recipe of docs/WEBHOOKS.md, as written there (the fenced block marked `# recipe: openssl`)."""
    blocks = re.findall(r"```sh\n(.*?)```", DOCS.read_text(), flags=re.DOTALL)
    (recipe,) = [block for block in blocks if block.startswith("# recipe: openssl")]
    return recipe


def openssl_signature(secret: str, msg_id: str, timestamp: str, body: bytes) -> str:
    result = subprocess.run(
        ["sh", "-c", openssl_recipe()],
        env={"SECRET": secret, "ID": msg_id, "TS": timestamp, "BODY": body.decode(), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
        text=True,
    )
    return "v1," + result.stdout.strip()


def test_a_publication_reaches_the_partner_signed_and_verifiable(
    cast, receiver, partner_access, django_capture_on_commit_callbacks
):
    access, _key = partner_access
    subscription, secret = subscribe(access, receiver.url)
    _report, version = publish_committed(cast, django_capture_on_commit_callbacks)

    (request,) = receiver.requests
    assert request.path == "/hooks"
    assert request.headers["content-type"] == "application/json"
    payload = Webhook(secret).verify(request.body, request.headers)
    assert payload["type"] == "report.published"
    assert payload["data"]["id"] == version.pk
    assert payload["data"]["plaintiff"]["name"] == "Lumen Holdings, LLC"
    event = Event.objects.get()
    assert request.headers["webhook-id"] == event.msg_id and event.msg_id.startswith("msg_")
    # The openssl recipe of docs/WEBHOOKS.md gives the very signature sent.
    expected = openssl_signature(secret, request.headers["webhook-id"], request.headers["webhook-timestamp"],
                                 request.body)  # fmt: skip
    assert request.headers["webhook-signature"] == expected
    # The delivery log shows the attempt.
    (logged,) = Delivery.objects.filter(subscription=subscription)
    assert (logged.status, logged.attempt, logged.response_code) == (DeliveryStatus.SUCCEEDED, 1, 204)
    assert logged.sent_at is not None and logged.duration_ms is not None


def test_a_modified_replayed_late_or_foreign_message_is_rejected_by_the_verifier(
    cast, receiver, partner_access, django_capture_on_commit_callbacks
):
    _subscription, secret = subscribe(partner_access[0], receiver.url)
    publish_committed(cast, django_capture_on_commit_callbacks)
    (request,) = receiver.requests
    webhook = Webhook(secret)
    webhook.verify(request.body, request.headers)  # as sent: accepted
    with pytest.raises(WebhookVerificationError):  # a changed body
        webhook.verify(request.body.replace(b"Lumen", b"Lumex"), request.headers)
    stale = str(int(request.headers["webhook-timestamp"]) - 6 * 60)  # outside the 5-minute tolerance
    with pytest.raises(WebhookVerificationError, match="too old"):
        webhook.verify(request.body, {**request.headers, "webhook-timestamp": stale})
    # Re-signed with the stale time (a replay captured long ago): still too old.
    body = request.body
    old = timezone.now() - timedelta(minutes=10)
    replay = {**request.headers, "webhook-timestamp": str(int(old.timestamp())),
              "webhook-signature": webhook.sign(request.headers["webhook-id"], old, body)}  # fmt: skip
    with pytest.raises(WebhookVerificationError, match="too old"):
        webhook.verify(body, replay)
    with pytest.raises(WebhookVerificationError):  # another subscription's secret
        Webhook(subscribe(partner_access[0], receiver.url)[1]).verify(request.body, request.headers)


def test_retries_follow_the_backoff_then_the_subscription_is_disabled_and_its_owner_emailed(
    cast, receiver, partner_access, no_jitter, django_capture_on_commit_callbacks
):
    subscription, _secret = subscribe(partner_access[0], receiver.url)
    receiver.answer(*[500] * 20)
    publish_committed(cast, django_capture_on_commit_callbacks)
    first = Delivery.objects.get(attempt=1)
    assert (first.status, first.response_code) == (DeliveryStatus.FAILED, 500)
    assert "HTTP 500" in first.error
    start = first.sent_at
    assert first.next_attempt_at == start + timedelta(seconds=5)
    # Nothing is sent before its time.
    assert services.deliver_due(now=start + timedelta(seconds=3)) == 0
    now = start
    for attempt, wait in enumerate(delivery.RETRY_DELAYS, start=2):
        now += wait
        with django_capture_on_commit_callbacks(execute=True):
            assert services.deliver_due(now=now) == 1, attempt
        assert len(receiver.requests) == attempt
    subscription.refresh_from_db()
    assert not subscription.enabled
    assert subscription.disabled_reason == DisabledReason.FAILURES
    attempts = list(Delivery.objects.order_by("attempt").values_list("attempt", "status"))
    assert attempts == [(n, DeliveryStatus.FAILED) for n in range(1, 9)]
    assert Delivery.objects.get(attempt=8).next_attempt_at is None
    (email,) = [message for message in mail.outbox if "Webhook" in message.subject]
    assert email.to == ["ops@partner.test"]
    assert receiver.url in email.subject and "disabled" in email.body
    assert AuditEvent.objects.filter(action="webhook.disable", target_id=str(subscription.pk)).exists()
    # Disabled: new events are not sent to it.
    with django_capture_on_commit_callbacks(execute=True):
        cast_published_report(cast, docket_number="2:26-cv-00999", plaintiff_name="Another Plaintiff Inc")
    assert len(receiver.requests) == 8
    # Enabled again, the count starts from zero and the next event goes out.
    services.subscription_enable(access=partner_access[0], subscription_id=subscription.pk)
    subscription.refresh_from_db()
    assert (subscription.enabled, subscription.consecutive_failures, subscription.failing_since) == (True, 0, None)


def test_the_jitter_stays_within_twenty_percent():
    assert delivery.retry_delay(1, draw=lambda: 0.0) == timedelta(seconds=4)
    assert delivery.retry_delay(1, draw=lambda: 0.999999) < timedelta(seconds=6)
    assert delivery.retry_delay(7, draw=lambda: 0.5) == timedelta(hours=14)
    assert delivery.retry_delay(8) is None
    assert sum(delivery.RETRY_DELAYS, timedelta()) > timedelta(hours=24)


def test_a_410_disables_at_once(cast, receiver, company_admin_access, django_capture_on_commit_callbacks):
    subscription, _ = subscribe(company_admin_access, receiver.url)
    receiver.answer(410)
    publish_committed(cast, django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert (subscription.enabled, subscription.disabled_reason) == (False, DisabledReason.GONE)
    assert not Delivery.objects.filter(status=DeliveryStatus.PENDING).exists()  # no retry scheduled
    (email,) = [m for m in mail.outbox if "Webhook" in m.subject]  # to the company's admin: the cast's "entitled"
    assert email.to == [cast.users["entitled"].email]
    assert "410" in email.body


def test_a_redirect_is_not_followed(cast, receiver, partner_access, django_capture_on_commit_callbacks):
    subscribe(partner_access[0], receiver.url)
    receiver.answer(302, Location=receiver.url.replace("/hooks", "/elsewhere"))
    publish_committed(cast, django_capture_on_commit_callbacks)
    assert [r.path for r in receiver.requests] == ["/hooks"]
    first = Delivery.objects.get(attempt=1)
    assert (first.status, first.response_code) == (DeliveryStatus.FAILED, 302)
    assert "Redirects are not followed" in first.error


def test_redelivery_and_test_event(cast, receiver, partner_access, django_capture_on_commit_callbacks):
    access, _ = partner_access
    subscription, secret = subscribe(access, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        test_attempt = services.subscription_send_test(access=access, subscription_id=subscription.pk)
    payload = Webhook(secret).verify(receiver.requests[0].body, receiver.requests[0].headers)
    assert payload["type"] == "webhook.test" and payload["data"] == {"subscription": subscription.pk}
    with django_capture_on_commit_callbacks(execute=True):
        again = services.delivery_redeliver(access=access, subscription_id=subscription.pk, delivery_id=test_attempt.pk)
    again.refresh_from_db()
    assert (again.attempt, again.manual, again.status) == (2, True, DeliveryStatus.SUCCEEDED)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"]  # the same message: receivers dedupe
    assert json.loads(first.body) == json.loads(second.body)


def test_during_a_rotation_both_secrets_sign(cast, receiver, partner_access, django_capture_on_commit_callbacks):
    access, _ = partner_access
    subscription, old_secret = subscribe(access, receiver.url)
    _, new_secret = services.subscription_rotate_secret(access=access, subscription_id=subscription.pk)
    publish_committed(cast, django_capture_on_commit_callbacks)
    (request,) = receiver.requests
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(old_secret).verify(request.body, request.headers)
    Webhook(new_secret).verify(request.body, request.headers)
    # Once the previous secret expired, only the new one signs.
    subscription.refresh_from_db()
    later = subscription.previous_secret_expires_at + timedelta(seconds=1)
    assert services._secrets(subscription, later) == [new_secret]


def test_update_and_withdrawal_are_announced_the_withdrawal_by_id_only(
    cast, receiver, partner_access, django_capture_on_commit_callbacks
):
    subscribe(partner_access[0], receiver.url)
    report, first = publish_committed(cast, django_capture_on_commit_callbacks)
    user, moderator = cast.users["entitled"], cast.users["moderator"]
    from tests.factories import report_data

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_update(report=report, actor=user, data=report_data(stage="discovery"))
        report_services.report_submit(report=report, actor=user)
        second = report_services.version_approve(version=report.versions.get(status="pending"), actor=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_withdraw(report=report, actor=user)
    bodies = [json.loads(r.body) for r in receiver.requests]
    assert [b["type"] for b in bodies] == ["report.published", "report.updated", "report.withdrawn"]
    assert bodies[1]["data"]["id"] == second.pk and bodies[1]["data"]["replaces"] == first.pk
    assert bodies[2]["data"] == {"id": second.pk}


def test_a_company_subscriber_gets_only_its_own_reports_and_its_campaigns(
    cast, receiver, company_admin_access, partner_access, django_capture_on_commit_callbacks
):
    mine, _ = subscribe(company_admin_access, receiver.url,
                        events=["report.published", "campaign.formed", "campaign.grown"])  # fmt: skip
    moderator = cast.users["moderator"]
    others = [side(cast.association) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        publish(others[0], moderator, patents=[])  # another company's report: not mine
    assert receiver.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        publish(others[1], moderator, patents=[])  # a campaign forms, without my company
    assert receiver.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        cast_published_report(cast, patents=[])  # my report joins the campaign: it grew
    types = sorted(json.loads(r.body)["type"] for r in receiver.requests)
    assert types == ["campaign.grown", "report.published"]
    grown = next(json.loads(r.body) for r in receiver.requests if json.loads(r.body)["type"] == "campaign.grown")
    assert grown["data"]["company_count"] == 3 and "affected" not in grown["data"]
    assert set(Delivery.objects.values_list("subscription_id", flat=True)) == {mine.pk}


def test_the_management_command_sends_what_is_due(cast, receiver, partner_access, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    subscription, _ = subscribe(partner_access[0], receiver.url)
    services.subscription_send_test(access=partner_access[0], subscription_id=subscription.pk)  # not committed
    assert receiver.requests == []
    call_command("deliver_webhooks", verbosity=0)
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_a_subscription_belongs_to_a_partner_or_a_company_never_both(cast, partner_access):
    from django.db import IntegrityError, transaction

    from sharing.webhooks.models import Subscription

    partner = partner_access[0].api_key.partner
    for owner in ({"partner": partner, "company": cast.users["entitled"].company}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Subscription.objects.create(association=cast.association, url="https://x.example/", secret="s", **owner)
