"""/a/<slug>/webhooks/: a company admin manages the company's subscriptions on the web; everyone else gets the
404 of an unknown association; the secret is shown once; bad input is shown on the form and writes nothing."""

import pytest

from sharing.webhooks import services
from sharing.webhooks.models import Delivery, Subscription
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import expect, matrix, page_text, signed_in
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db

URL = "/a/alpha/webhooks/"
OWNER_OK = expect(entitled=200)
OWNER_ACTS = expect(entitled=302)


@pytest.fixture
def owned(cast, receiver, company_admin_access):
    subscription, _secret = subscribe(company_admin_access, receiver.url)
    attempt = services.subscription_send_test(access=company_admin_access, subscription_id=subscription.pk)
    return subscription, attempt


def test_the_list(cast, owned):
    responses = matrix(cast, lambda c: c.get(URL), OWNER_OK)
    assert owned[0].url in page_text(responses["entitled"])


def test_subscribing_shows_the_secret_once(cast, receiver):
    body = {"url": receiver.url, "events": ["report.published", "campaign.grown"], "description": "ERP"}
    responses = matrix(cast, lambda c: c.post(URL, body), OWNER_ACTS, write=True)
    subscription = Subscription.objects.get()
    assert responses["entitled"]["Location"] == f"{URL}{subscription.pk}/"
    client = signed_in(cast.users["entitled"])
    client.post(URL, {**body, "description": "second"})
    second = Subscription.objects.get(description="second")
    first_view = page_text(client.get(f"{URL}{second.pk}/"))
    assert second.secret in first_view
    assert second.secret not in page_text(client.get(f"{URL}{second.pk}/"))  # only once


def test_a_private_target_is_refused_on_the_form(cast, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(URL, {"url": "https://169.254.169.254/latest", "events": ["report.published"]})
    assert response.status_code == 200
    assert "private network (169.254.169.254)" in page_text(response)
    assert database_fingerprint() == before


def test_the_detail_and_its_log(cast, owned):
    services.deliver(delivery_ids=[owned[1].pk])
    responses = matrix(cast, lambda c: c.get(f"{URL}{owned[0].pk}/"), OWNER_OK)
    text = page_text(responses["entitled"])
    assert "webhook.test" in text and owned[1].event.msg_id in text
    assert owned[0].secret not in text


@pytest.mark.parametrize("action", ["test", "rotate-secret", "enable", "delete"])
def test_actions(cast, owned, action):
    matrix(cast, lambda c: c.post(f"{URL}{owned[0].pk}/{action}/"), OWNER_ACTS, write=True)
    if action == "delete":
        assert not Subscription.objects.exists()
    elif action == "test":
        assert Delivery.objects.count() == 2


def test_redeliver(cast, owned):
    services.deliver(delivery_ids=[owned[1].pk])
    matrix(cast, lambda c: c.post(f"{URL}{owned[0].pk}/deliveries/{owned[1].pk}/redeliver/"), OWNER_ACTS,
           write=True)  # fmt: skip
    assert Delivery.objects.filter(manual=True).count() == 1


def test_the_navigation_links_the_page_for_company_admins_only(cast):
    assert 'href="/a/alpha/webhooks/"' in page_text(signed_in(cast.users["entitled"]).get("/a/alpha/"))
    for actor in ("not_entitled", "moderator", "admin"):
        assert 'href="/a/alpha/webhooks/"' not in page_text(signed_in(cast.users[actor]).get("/a/alpha/")), actor
