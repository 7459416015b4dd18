"""/api/v1/a/<slug>/watches/: every person lists, adds and removes their own watches; partner keys and other
associations get the 404 of an unknown association; bad input is a field error that writes nothing."""

import pytest
from django.test import Client

from sharing.watchlists import services
from sharing.watchlists.models import Watch
from tenancy.access import resolve_access
from tests.api.calls import a, bearer, error, post, unknown_association
from tests.factories import PartnerFactory, api_key_for
from tests.permission_matrix import assert_matrix, database_fingerprint
from tests.reports.api_helpers import signed_in

pytestmark = pytest.mark.django_db

WATCHES = a("alpha", "watches/")
PEOPLE = {"anonymous": 401, "other_association": 404, "not_entitled": 200, "entitled": 200, "moderator": 200,
          "admin": 200}  # fmt: skip


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


def own_watch(cast, actor="entitled", criterion="forum", value="txed"):
    access = resolve_access(slug="alpha", user=cast.users[actor])
    return services.watch_add(access=access, criterion=criterion, value=value)


def test_list_shows_only_your_own(cast):
    mine = own_watch(cast, criterion="patent", value="US 10,123,456 B2")
    own_watch(cast, actor="not_entitled")
    responses = matrix(cast, lambda c: c.get(WATCHES), PEOPLE)
    (item,) = responses["entitled"].json()["results"]
    assert item == {
        "id": mine.pk, "criterion": "patent", "value": "10123456", "plaintiff": None, "label": "US 10,123,456",
        "created_at": item["created_at"],
    }  # fmt: skip
    assert [w["criterion"] for w in responses["admin"].json()["results"]] == []


def test_choice_labels_are_in_the_readers_language(cast):
    own_watch(cast, criterion="forum", value="ilnd")
    user = cast.users["entitled"]
    assert "Northern District of Illinois" in signed_in(user).get(WATCHES).json()["results"][0]["label"]
    user.preferred_language = "zh-hans"
    user.save()
    assert "Northern District of Illinois" not in signed_in(user).get(WATCHES).json()["results"][0]["label"]


def test_every_person_adds_their_own(cast):
    responses = matrix(
        cast, lambda c: post(c, WATCHES, {"criterion": "kind", "value": "schedule_a"}),
        {**PEOPLE, **dict.fromkeys(("not_entitled", "entitled", "moderator", "admin"), 201)}, write=True,
    )  # fmt: skip
    assert responses["entitled"].json()["value"] == "schedule_a"
    assert Watch.objects.count() == 4


def test_only_the_owner_deletes(cast):
    watch = own_watch(cast)
    expected = {**PEOPLE, **dict.fromkeys(("not_entitled", "moderator", "admin"), 404), "entitled": 204}
    matrix(cast, lambda c: c.delete(a("alpha", f"watches/{watch.pk}/")), expected, write=True)
    assert not Watch.objects.exists()


def test_partner_keys_get_the_404_of_an_unknown_association(cast):
    _, key = api_key_for(PartnerFactory(association=cast.association))
    client = Client()
    assert post(client, WATCHES, {"criterion": "forum", "value": "txed"}, **bearer(key)).status_code == 404
    assert client.get(WATCHES, **bearer(key)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"criterion": "color", "value": "red"}, "criterion", "is not a valid choice"),
        ({"criterion": "forum", "value": "moon"}, "value", "Unknown forum: choose one from the list."),
        ({"criterion": "patent", "value": "12-ABC"}, "value", "is not a US patent number"),
        ({"criterion": "forum", "value": "txed"}, "value", "You already watch this."),
        ({"criterion": "forum", "value": 42}, "value", "Not a valid string."),
        ({"criterion": "forum"}, "value", "This field is required."),
    ],
)
def test_bad_input_is_a_field_error_and_writes_nothing(cast, body, field, message):
    own_watch(cast)
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = post(client, WATCHES, body)
    assert response.status_code == 400
    fields = error(response)["fields"]
    assert any(message in text for text in fields[field]), fields
    assert database_fingerprint() == before


def test_another_persons_watch_is_a_404_and_stays(cast):
    watch = own_watch(cast, actor="not_entitled")
    response = signed_in(cast.users["entitled"]).delete(a("alpha", f"watches/{watch.pk}/"))
    assert response.status_code == 404
    assert response.content == unknown_association(signed_in(cast.users["entitled"])).content
    assert Watch.objects.filter(pk=watch.pk).exists()
