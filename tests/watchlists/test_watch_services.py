"""Adding and removing watches: values are normalized so one thing is one watch; bad input is refused field by
field, in the user's language, and writes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sharing.plaintiffs.models import PlaintiffEntity
from sharing.watchlists import services
from sharing.watchlists.models import Watch
from tenancy.access import NoAccess, resolve_access
from tests.factories import cast_published_report
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def access(cast):
    return resolve_access(slug="alpha", user=cast.users["not_entitled"])


def refused(access, criterion, value) -> dict:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.watch_add(access=access, criterion=criterion, value=value)
    assert database_fingerprint() == before
    return caught.value.message_dict


def test_patent_spellings_are_one_watch(access):
    watch = services.watch_add(access=access, criterion="patent", value="U.S. Pat. No. 10,123,456 B2")
    assert (watch.value, watch.label) == ("10123456", "US 10,123,456")
    assert "You already watch this." in refused(access, "patent", "10123456")["value"]
    design = services.watch_add(access=access, criterion="patent", value="Des. 765,432")
    assert design.value == "D765432"


def test_law_firm_is_normalized_like_shared_versions(cast, access):
    _report, version = cast_published_report(cast, law_firm="Rabicoff Law LLC")
    watch = services.watch_add(access=access, criterion="law_firm", value="  RABICOFF  law, L.L.C. ")
    assert watch.value == version.law_firm_key == "rabicoff law"
    assert watch.label == "RABICOFF law, L.L.C."


def test_a_plaintiff_is_watched_under_any_of_its_names(cast, access):
    _report, version = cast_published_report(cast, plaintiff_name="Lumen Holdings, LLC")
    watch = services.watch_add(access=access, criterion="plaintiff", value="LUMEN HOLDINGS INC.")
    assert watch.plaintiff == version.plaintiff and watch.value == ""
    assert "You already watch this." in refused(access, "plaintiff", "Lumen Holdings")["value"]


def test_a_plaintiff_nobody_reported_yet_can_be_watched(access):
    watch = services.watch_add(access=access, criterion="plaintiff", value="Brand New Assertions LLC")
    assert watch.plaintiff.name == "Brand New Assertions LLC"
    assert PlaintiffEntity.objects.filter(association=access.association).count() == 1


def test_choices_are_stored_as_codes(access):
    assert services.watch_add(access=access, criterion="forum", value="ilnd").value == "ilnd"
    assert services.watch_add(access=access, criterion="kind", value="schedule_a").value == "schedule_a"
    assert services.watch_add(access=access, criterion="product_category", value="toys").value == "toys"


@pytest.mark.parametrize(
    ("criterion", "value", "field", "message"),
    [
        ("color", "red", "criterion", "Choose what to watch from the list."),
        ("", "x", "criterion", "Choose what to watch from the list."),
        ("patent", "99,999,999", "value", "outside the range of numbers the USPTO has issued"),
        ("patent", "ABC-12", "value", "is not a US patent number"),
        ("forum", "moon", "value", "Unknown forum: choose one from the list."),
        ("kind", "lawsuit", "value", "Unknown kind of case: choose one from the list."),
        ("product_category", "rockets", "value", "Unknown product category: choose one from the list."),
        ("law_firm", "—!?", "value", "Enter the name of a law firm."),
        ("plaintiff", "   ", "value", "Enter what to watch."),
        ("law_firm", "x" * 256, "value", "Enter at most 255 characters."),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(access, criterion, value, field, message):
    errors = refused(access, criterion, value)
    assert any(message in text for text in errors[field]), errors


def test_errors_speak_the_users_language(access):
    english = refused(access, "patent", "ABC-12")["value"]
    with translation.override("zh-hans"):
        chinese = refused(access, "patent", "ABC-12")["value"]
    assert "ABC-12" in chinese[0] and chinese != english


def test_duplicates_are_per_person(cast, access):
    services.watch_add(access=access, criterion="forum", value="txed")
    colleague = resolve_access(slug="alpha", user=cast.users["entitled"])
    services.watch_add(access=colleague, criterion="forum", value="txed")
    assert "You already watch this." in refused(access, "forum", "txed")["value"]
    assert Watch.objects.count() == 2


def test_a_watchlist_has_a_limit(access, monkeypatch):
    monkeypatch.setattr(services, "MAX_WATCHES", 2)
    services.watch_add(access=access, criterion="forum", value="txed")
    services.watch_add(access=access, criterion="forum", value="ilnd")
    assert "at most 2" in refused(access, "forum", "cand")["value"][0]


def test_another_persons_watch_cannot_be_removed(cast, access):
    other = resolve_access(slug="alpha", user=cast.users["entitled"])
    watch = services.watch_add(access=other, criterion="forum", value="txed")
    before = database_fingerprint()
    with pytest.raises(NoAccess):
        services.watch_remove(access=access, watch_id=watch.pk)
    with pytest.raises(NoAccess):
        services.watch_remove(access=access, watch_id=watch.pk + 1000)
    assert database_fingerprint() == before
    services.watch_remove(access=other, watch_id=watch.pk)
    assert not Watch.objects.exists()


def test_a_watch_belongs_to_one_association(cast):
    admin_of_bravo = resolve_access(slug="bravo", user=cast.users["other_association"])
    services.watch_add(access=admin_of_bravo, criterion="forum", value="txed")
    mine = resolve_access(slug="alpha", user=cast.users["not_entitled"])
    services.watch_add(access=mine, criterion="forum", value="txed")
    assert Watch.objects.filter(association=cast.association).count() == 1
