"""/api/v1/a/<slug>/webhooks/...: a partner key (webhooks:manage) or a company admin manages its own
subscriptions; everyone else, and anyone else's subscription, gets the 404 of an unknown association. Bad input
is a clear field error that writes nothing."""

import socket

import pytest
from django.test import Client

from sharing.webhooks import services
from sharing.webhooks.models import Delivery, Subscription
from tests.api.calls import a, bearer, error, patch, post, unknown_association
from tests.factories import PartnerFactory, api_key_for, company_user
from tests.permission_matrix import assert_matrix, database_fingerprint
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db

HOOKS = a("alpha", "webhooks/")
# Only the company admin of the subscribing company ("entitled"); colleagues who are members, moderators and
# association admins see nothing.
OWNER = {"anonymous": 401, "other_association": 404, "not_entitled": 404, "entitled": 200, "moderator": 404,
         "admin": 404}  # fmt: skip


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


def hook(pk, path=""):
    return a("alpha", f"webhooks/{pk}/{path}")


@pytest.fixture
def owned(cast, receiver, company_admin_access):
    """A subscription of the cast's entitled company, with one logged test delivery."""
    subscription, _secret = subscribe(company_admin_access, receiver.url)
    attempt = services.subscription_send_test(access=company_admin_access, subscription_id=subscription.pk)
    return subscription, attempt


def test_list(cast, owned, partner_access):
    subscribe(partner_access[0], owned[0].url)  # a partner's: never in a company's list
    responses = matrix(cast, lambda c: c.get(HOOKS), OWNER)
    (item,) = responses["entitled"].json()["results"]
    assert item["id"] == owned[0].pk and item["owner"] == "company"
    assert "secret" not in item and item["secret_hint"].endswith("…")


def test_create_shows_the_secret_once(cast, receiver):
    body = {"url": receiver.url, "events": ["report.published", "campaign.formed"]}
    responses = matrix(cast, lambda c: post(c, HOOKS, body), {**OWNER, "entitled": 201}, write=True)
    created = responses["entitled"].json()
    assert created["secret"].startswith("whsec_") and created["events"] == body["events"]
    subscription = Subscription.objects.get()
    assert subscription.company == cast.users["entitled"].company and subscription.partner is None
    client = Client()
    client.force_login(cast.users["entitled"])
    assert "secret" not in client.get(hook(subscription.pk)).json()


def test_detail(cast, owned):
    responses = matrix(cast, lambda c: c.get(hook(owned[0].pk)), OWNER)
    assert responses["entitled"].json()["url"] == owned[0].url


def test_update(cast, owned):
    matrix(cast, lambda c: patch(c, hook(owned[0].pk), {"events": ["report.withdrawn"]}), OWNER, write=True)
    owned[0].refresh_from_db()
    assert owned[0].events == ["report.withdrawn"]


def test_delete(cast, owned):
    matrix(cast, lambda c: c.delete(hook(owned[0].pk)), {**OWNER, "entitled": 204}, write=True)
    assert not Subscription.objects.exists()


def test_rotate_secret(cast, owned):
    before = owned[0].secret
    responses = matrix(cast, lambda c: post(c, hook(owned[0].pk, "rotate-secret/")), OWNER, write=True)
    owned[0].refresh_from_db()
    assert responses["entitled"].json()["secret"] == owned[0].secret != before
    assert owned[0].previous_secret == before


def test_enable(cast, owned):
    Subscription.objects.filter(pk=owned[0].pk).update(enabled=False, disabled_reason="gone", consecutive_failures=3)
    responses = matrix(cast, lambda c: post(c, hook(owned[0].pk, "enable/")), OWNER, write=True)
    assert responses["entitled"].json()["enabled"] is True
    owned[0].refresh_from_db()
    assert (owned[0].disabled_reason, owned[0].consecutive_failures) == ("", 0)


def test_send_test_event(cast, owned, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        responses = matrix(cast, lambda c: post(c, hook(owned[0].pk, "test/")), {**OWNER, "entitled": 202},
                           write=True)  # fmt: skip
    assert responses["entitled"].json()["event_type"] == "webhook.test"
    assert Delivery.objects.filter(event__type="webhook.test").count() == 2


def test_delivery_log(cast, owned, django_capture_on_commit_callbacks):
    services.deliver(delivery_ids=[owned[1].pk])
    responses = matrix(cast, lambda c: c.get(hook(owned[0].pk, "deliveries/")), OWNER)
    body = responses["entitled"].json()
    assert "next" in body  # a cursor page
    (row,) = body["results"]
    assert (row["id"], row["status"], row["attempt"], row["response_code"]) == (owned[1].pk, "succeeded", 1, 204)
    assert row["event_type"] == "webhook.test" and row["sent_at"]


def test_redeliver(cast, owned):
    url = hook(owned[0].pk, f"deliveries/{owned[1].pk}/redeliver/")
    responses = matrix(cast, lambda c: post(c, url), {**OWNER, "entitled": 202}, write=True)
    assert responses["entitled"].json()["manual"] is True


def test_another_companys_subscription_is_a_404_for_its_own_admin(cast, owned):
    other_admin = company_user(cast.users["not_entitled"].company, role="admin")
    client = Client()
    client.force_login(other_admin)
    assert client.get(HOOKS).json()["results"] == []
    for url in (hook(owned[0].pk), hook(owned[0].pk, "deliveries/")):
        assert client.get(url).content == unknown_association(client).content
    before = database_fingerprint()
    assert post(client, hook(owned[0].pk, f"deliveries/{owned[1].pk}/redeliver/")).status_code == 404
    assert client.delete(hook(owned[0].pk)).status_code == 404
    assert database_fingerprint() == before


# Partner keys ----------------------------------------------------------------------------------------------


def test_a_partner_subscribes_with_its_key_and_reads_its_log(cast, receiver, partner_access):
    _access, key = partner_access
    client = Client()
    created = post(client, HOOKS, {"url": receiver.url, "events": ["report.published"]}, **bearer(key))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["owner"] == "partner"
    assert [s["id"] for s in client.get(HOOKS, **bearer(key)).json()["results"]] == [pk]
    assert post(client, hook(pk, "test/"), **bearer(key)).status_code == 202
    assert client.get(hook(pk, "deliveries/"), **bearer(key)).json()["results"][0]["event_type"] == "webhook.test"
    # Another partner of the association sees none of it.
    _, other = api_key_for(PartnerFactory(association=cast.association))
    assert client.get(HOOKS, **bearer(other)).json()["results"] == []
    assert client.get(hook(pk), **bearer(other)).status_code == 404
    # A key of another association: the unknown association's 404.
    _, foreign = api_key_for(PartnerFactory(association=cast.other_association))
    assert client.get(HOOKS, **bearer(foreign)).status_code == 404


def test_a_key_without_the_webhooks_scope_is_refused(cast, receiver):
    _, key = api_key_for(PartnerFactory(association=cast.association), scopes=["reports:read"])
    before = database_fingerprint()
    response = post(Client(), HOOKS, {"url": receiver.url, "events": ["report.published"]}, **bearer(key))
    assert response.status_code == 403
    assert "webhooks:manage" in error(response)["message"]
    assert database_fingerprint() == before


def test_a_key_without_reports_read_cannot_subscribe(cast, receiver):
    _, key = api_key_for(PartnerFactory(association=cast.association), scopes=["webhooks:manage"])
    before = database_fingerprint()
    response = post(Client(), HOOKS, {"url": receiver.url, "events": ["report.published"]}, **bearer(key))
    assert response.status_code == 400
    assert "reports:read" in error(response)["fields"]["events"][0]
    assert database_fingerprint() == before


def test_campaign_events_need_the_campaign_scope(cast, receiver):
    """A key subscribes only to what the partner API lets it read: campaign events need campaigns:read."""
    _, key = api_key_for(PartnerFactory(association=cast.association), scopes=["webhooks:manage", "reports:read"])
    before = database_fingerprint()
    response = post(Client(), HOOKS, {"url": receiver.url, "events": ["campaign.formed"]}, **bearer(key))
    assert response.status_code == 400
    assert "campaigns:read" in error(response)["fields"]["events"][0]
    assert database_fingerprint() == before
    accepted = post(Client(), HOOKS, {"url": receiver.url, "events": ["report.published"]}, **bearer(key))
    assert accepted.status_code == 201


# Bad input -------------------------------------------------------------------------------------------------


@pytest.fixture
def production(settings):
    """Production's rules: https only, no private targets."""
    settings.WEBHOOKS_ALLOW_HTTP = False
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"url": "https://hooks.example.com/x", "events": ["report.deleted"]}, "events", "“report.deleted”"),
        ({"url": "https://hooks.example.com/x", "events": []}, "events", "Choose at least one event."),
        ({"url": "https://hooks.example.com/x", "events": ["webhook.test"]}, "events", "Unknown event"),
        ({"url": "not a url", "events": ["report.published"]}, "url", "spaces and control characters"),
        ({"url": "ftp://hooks.example.com/", "events": ["report.published"]}, "url", "Enter an https:// URL."),
        ({"url": "http://hooks.example.com/", "events": ["report.published"]}, "url", "Enter an https:// URL."),
        ({"url": "https://user:pw@hooks.example.com/", "events": ["report.published"]}, "url", "user name"),
        ({"url": "https:///path", "events": ["report.published"]}, "url", "host name"),
        ({"url": "https://hooks.example.com:99999/", "events": ["report.published"]}, "url", "Enter a valid URL."),
        ({"url": "https://127.0.0.1/hook", "events": ["report.published"]}, "url", "private network (127.0.0.1)"),
        ({"url": "https://10.1.2.3/hook", "events": ["report.published"]}, "url", "private network (10.1.2.3)"),
        ({"url": "https://169.254.169.254/latest", "events": ["report.published"]}, "url", "169.254.169.254"),
        ({"url": "https://[::1]/hook", "events": ["report.published"]}, "url", "private network (::1)"),
        ({"url": "https://[::ffff:10.0.0.1]/", "events": ["report.published"]}, "url", "private network"),
        ({"url": "https://0.0.0.0/", "events": ["report.published"]}, "url", "private network"),
        ({"url": "https://localhost/hook", "events": ["report.published"]}, "url", "private network"),
        ({"url": "https://100.64.0.1/", "events": ["report.published"]}, "url", "private network"),
    ],
)
def test_bad_input_is_a_field_error_and_writes_nothing(cast, production, public_dns, body, field, message):
    client = Client()
    client.force_login(cast.users["entitled"])
    before = database_fingerprint()
    response = post(client, HOOKS, body)
    assert response.status_code == 400, response.content
    assert message in " ".join(error(response)["fields"][field])
    assert database_fingerprint() == before


@pytest.fixture
def public_dns(monkeypatch):
    """hooks.example.com resolves to a public address (no network in tests); other names resolve as usual."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "hooks.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_public_https_target_is_accepted_in_production(cast, production, public_dns):
    client = Client()
    client.force_login(cast.users["entitled"])
    response = post(client, HOOKS, {"url": "https://hooks.example.com/jdp", "events": ["report.published"]})
    assert response.status_code == 201, response.content


def test_a_bad_url_in_an_update_writes_nothing(cast, owned, production):
    client = Client()
    client.force_login(cast.users["entitled"])
    before = database_fingerprint()
    response = patch(client, hook(owned[0].pk), {"url": "https://192.168.1.1/"})
    assert response.status_code == 400
    assert "private network" in error(response)["fields"]["url"][0]
    assert database_fingerprint() == before


def test_done_when_a_partner_subscribes_receives_verifies_and_reads_its_log(
    cast, receiver, partner_access, django_capture_on_commit_callbacks
):
    """The issue's "done when", through the API only: subscribe with the key, a report is published, the POST
    verifies with the secret from the answer (standardwebhooks and the documented openssl recipe), the log shows
    the attempt."""
    from standardwebhooks import Webhook

    from tests.factories import cast_published_report
    from tests.webhooks.test_delivery import openssl_signature

    _access, key = partner_access
    client = Client()
    created = post(client, HOOKS, {"url": receiver.url, "events": ["report.published"]}, **bearer(key)).json()
    with django_capture_on_commit_callbacks(execute=True):
        _report, version = cast_published_report(cast)
    (request,) = receiver.requests
    event = Webhook(created["secret"]).verify(request.body, request.headers)
    assert (event["type"], event["data"]["id"]) == ("report.published", version.pk)
    headers = request.headers
    signature = openssl_signature(created["secret"], headers["webhook-id"], headers["webhook-timestamp"], request.body)
    assert signature == headers["webhook-signature"]
    # What the webhook carries is what the partner API shows of the report.
    shown = client.get(a("alpha", f"reports/{version.pk}/"), **bearer(key)).json()
    assert {k: v for k, v in shown.items() if k != "similar"} == event["data"]
    (row,) = client.get(hook(created["id"], "deliveries/"), **bearer(key)).json()["results"]
    assert (row["event_id"], row["status"], row["attempt"], row["response_code"]) == (
        headers["webhook-id"], "succeeded", 1, 204,
    )  # fmt: skip
