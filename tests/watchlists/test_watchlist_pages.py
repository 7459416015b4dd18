"""The watchlist page: every person of the association manages their own watches; bad input is shown beside the
form that was sent and writes nothing; another person's watch is a 404."""

import pytest

from sharing.watchlists import services
from sharing.watchlists.models import Watch
from tenancy.access import resolve_access
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import MEMBERS_OK, expect, matrix, page_text, signed_in
from tests.web.test_bad_input import field_errors

pytestmark = pytest.mark.django_db

URL = "/a/alpha/watchlist/"
EVERYONE_ADDS = expect(not_entitled=302, entitled=302, moderator=302, admin=302)


def own_watch(cast, actor="entitled", **criterion):
    access = resolve_access(slug="alpha", user=cast.users[actor])
    criterion = criterion or {"criterion": "forum", "value": "txed"}
    return services.watch_add(access=access, **criterion)


def test_the_page_is_for_every_person_of_the_association(cast):
    own_watch(cast, criterion="patent", value="9876543")
    responses = matrix(cast, lambda c: c.get(URL), MEMBERS_OK)
    assert "US 9,876,543" in page_text(responses["entitled"])
    assert "US 9,876,543" not in page_text(responses["not_entitled"])  # watches are personal


def test_anyone_adds_a_watch_of_their_own(cast):
    responses = matrix(cast, lambda c: c.post(URL, {"criterion": "forum", "forum-value": "ilnd"}), EVERYONE_ADDS,
                       write=True)  # fmt: skip
    assert responses["entitled"]["Location"] == URL
    assert sorted(Watch.objects.values_list("user_id", flat=True)) == sorted(
        cast.users[actor].pk for actor in ("not_entitled", "entitled", "moderator", "admin")
    )


def test_only_its_owner_removes_a_watch(cast):
    watch = own_watch(cast)
    matrix(cast, lambda c: c.post(f"{URL}{watch.pk}/remove/"), expect(entitled=302), write=True)
    assert not Watch.objects.exists()


def test_each_criterion_has_its_form_and_choices_are_shown_translated(cast):
    client = signed_in(cast.users["entitled"], "zh-hans")
    html = page_text(client.get(URL))
    for criterion in ("plaintiff", "patent", "law_firm", "product_category", "forum", "kind"):
        assert f'name="{criterion}-value"' in html
    assert 'list="plaintiff-suggestions"' in html and 'data-suggest-url="/a/alpha/reports/plaintiffs/"' in html
    assert "Northern District of Illinois" not in html  # forum names in the reader's language


def test_a_plaintiff_is_added_by_name(cast):
    client = signed_in(cast.users["entitled"])
    response = client.post(URL, {"criterion": "plaintiff", "plaintiff-value": "Lumen Holdings, LLC"}, follow=True)
    assert "Added to your watchlist." in page_text(response)
    assert Watch.objects.get().plaintiff.name == "Lumen Holdings, LLC"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"criterion": "patent", "patent-value": "99,999,999"}, "patent-value", "outside the range"),
        ({"criterion": "forum", "forum-value": "moon"}, "forum-value", "Unknown forum: choose one from the list."),
        ({"criterion": "kind", "kind-value": "lawsuit"}, "kind-value", "Unknown kind of case"),
        ({"criterion": "law_firm", "law_firm-value": ""}, "law_firm-value", "This field is required."),
        ({"criterion": "forum", "forum-value": "txed"}, "forum-value", "You already watch this."),
    ],
)
def test_bad_input_is_shown_beside_its_form_and_writes_nothing(cast, data, field, message):
    own_watch(cast)  # forum txed, for the duplicate
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(URL, data)
    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, field)), field_errors(response, field)
    assert database_fingerprint() == before


def test_an_unknown_kind_of_watch_is_refused_at_the_top(cast):
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(URL, {"criterion": "color", "color-value": "red"})
    assert response.status_code == 200
    assert "Choose what to watch from the list." in page_text(response)
    assert database_fingerprint() == before


def test_the_navigation_links_to_the_watchlist(cast):
    assert f'href="{URL}"' in page_text(signed_in(cast.users["not_entitled"]).get("/a/alpha/notifications/"))
