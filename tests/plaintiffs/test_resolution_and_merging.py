"""Plaintiff resolution that survives real spellings: suggestions ranked by rapidfuzz over database candidates
(trigram index on PostgreSQL, prefixes and substrings elsewhere), and moderators' merges and splits."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from sharing.campaigns import merging
from sharing.campaigns.models import Campaign, CampaignBasis
from sharing.plaintiffs.models import PlaintiffAlias, PlaintiffEntity
from sharing.plaintiffs.selectors import plaintiff_near_names, plaintiff_suggestions
from sharing.plaintiffs.services import plaintiff_for_name
from sharing.reports import search
from sharing.reports.models import Report, SharedVersion
from sharing.watchlists.models import Watch
from tests.campaigns.helpers import publish, side
from tests.factories import AssociationFactory
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db

NAMES = [
    "Lumen Holdings, LLC",
    "Lumenar Technologies Inc.",
    "Luminous Patents Ltd",
    "Blue Sky Licensing Corp",
    "Acme Widgets Co., Ltd.",
    "深圳市光明科技有限公司",
    "Nimbus IP Holdings LLC d/b/a Nimbus Lighting",
]


@pytest.fixture
def names(db):
    association = AssociationFactory(slug="alpha")
    for name in NAMES:
        plaintiff_for_name(association=association, name=name)
    return PlaintiffEntity.objects.filter(association=association)


def suggested(entities, text):
    return [entity.name for entity in plaintiff_suggestions(entities=entities, text=text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lumen", "Lumen Holdings, LLC"),  # a prefix, as typed so far
        ("LUMEN HOLDINGS L.L.C.", "Lumen Holdings, LLC"),  # case, punctuation, suffix
        ("Lumne Holdings", "Lumen Holdings, LLC"),  # a typo
        ("holdings lumen", "Lumen Holdings, LLC"),  # words in another order
        ("blue sky licensng", "Blue Sky Licensing Corp"),
        ("深圳市光明科技", "深圳市光明科技有限公司"),  # a Chinese corporate suffix left out
        ("nimbus lighting", "Nimbus IP Holdings LLC d/b/a Nimbus Lighting"),  # the d/b/a name
    ],
)
def test_the_intended_plaintiff_comes_first(names, typed, expected):
    assert suggested(names, typed)[0] == expected


def test_suggestions_are_scoped_bounded_and_empty_for_nothing_typed(names):
    other = AssociationFactory(slug="bravo")
    plaintiff_for_name(association=other, name="Lumen Holdings Bravo")
    assert "Lumen Holdings Bravo" not in suggested(names, "lumen")
    assert suggested(names, "   ") == suggested(names, "...") == []
    assert len(plaintiff_suggestions(entities=names, text="lu", limit=2)) <= 2
    assert suggested(names.none(), "lumen") == []


# Merge and split --------------------------------------------------------------------------------------------


@pytest.fixture
def moderator(cast):
    return cast.users["moderator"]


def test_merging_two_spellings_forms_the_campaign_and_moves_everything(
    cast, moderator, django_capture_on_commit_callbacks
):
    first, second = side(cast.association), side(cast.association)
    report_a, _ = publish(first, moderator, plaintiff_name="Lumen Holdings", patents=[])
    report_b, _ = publish(second, moderator, plaintiff_name="Lumen Holdngs Group", patents=[])
    assert report_a.plaintiff_id != report_b.plaintiff_id and not Campaign.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        merging.plaintiff_merge(
            association=cast.association,
            actor=moderator,
            source_id=report_b.plaintiff_id,
            target_id=report_a.plaintiff_id,
        )
    target = report_a.plaintiff
    assert not PlaintiffEntity.objects.filter(pk=report_b.plaintiff_id).exists()
    assert set(PlaintiffAlias.objects.filter(entity=target).values_list("name", flat=True)) == {
        "Lumen Holdings",
        "Lumen Holdngs Group",
    }
    assert set(Report.objects.values_list("plaintiff_id", flat=True)) == {target.pk}
    assert set(SharedVersion.objects.values_list("plaintiff_id", flat=True)) == {target.pk}
    campaign = Campaign.objects.get(basis=CampaignBasis.PLAINTIFF)
    assert (campaign.plaintiff_id, campaign.company_count) == (target.pk, 2)
    event = AuditEvent.objects.get(action="plaintiff.merge")
    assert event.details["source"]["name"] == "Lumen Holdngs Group"
    from notifications.models import Notification

    assert Notification.objects.filter(kind="campaign.formed").exists()


def test_merging_folds_the_two_campaigns_into_one(cast, moderator):
    sides = [side(cast.association) for _ in range(4)]
    a, _ = publish(sides[0], moderator, plaintiff_name="Alpha Tech", patents=[])
    publish(sides[1], moderator, plaintiff_name="Alpha Tech", patents=[])
    b, _ = publish(sides[2], moderator, plaintiff_name="Alpha Technologies Group", patents=[])
    publish(sides[3], moderator, plaintiff_name="Alpha Technologies Group", patents=[])
    assert Campaign.objects.count() == 2
    merging.plaintiff_merge(
        association=cast.association, actor=moderator, source_id=b.plaintiff_id, target_id=a.plaintiff_id
    )
    campaign = Campaign.objects.get()
    assert (campaign.plaintiff_id, campaign.company_count, campaign.report_count) == (a.plaintiff_id, 4, 4)


def test_a_search_finds_published_reports_under_the_merged_name(cast, moderator, settings):
    first, second = side(cast.association), side(cast.association)
    report_a, _ = publish(first, moderator, plaintiff_name="Quasar Licensing", patents=[])
    report_b, _ = publish(second, moderator, plaintiff_name="Zeta Holdings", patents=[])
    merging.plaintiff_merge(
        association=cast.association, actor=moderator, source_id=report_b.plaintiff_id, target_id=report_a.plaintiff_id
    )
    found = search.search(SharedVersion.objects.filter(status="published"), "Quasar")
    assert found.count() == 2


def test_splitting_moves_names_and_their_reports(cast, moderator):
    first, second = side(cast.association), side(cast.association)
    report_a, _ = publish(first, moderator, plaintiff_name="Orion Systems", patents=[])
    report_b, _ = publish(second, moderator, plaintiff_name="Orion Sys", patents=[])
    merging.plaintiff_merge(
        association=cast.association, actor=moderator, source_id=report_b.plaintiff_id, target_id=report_a.plaintiff_id
    )
    assert Campaign.objects.get().company_count == 2
    alias = PlaintiffAlias.objects.get(name="Orion Sys")
    new = merging.plaintiff_split(
        association=cast.association, actor=moderator, entity_id=report_a.plaintiff_id, alias_ids=[alias.pk]
    )
    report_b.refresh_from_db()
    report_a.refresh_from_db()
    assert (new.name, report_b.plaintiff_id, report_a.plaintiff_id) == ("Orion Sys", new.pk, report_a.plaintiff_id)
    assert report_b.versions.get().plaintiff_id == new.pk
    assert Campaign.objects.get().company_count == 1  # the campaign is gone from every list
    assert AuditEvent.objects.filter(action="plaintiff.split").exists()


@pytest.fixture
def two(cast):
    one = plaintiff_for_name(association=cast.association, name="Vega Ltd")
    other = plaintiff_for_name(association=cast.association, name="Vega Group")
    foreign = plaintiff_for_name(association=cast.other_association, name="Vega Abroad")
    return one, other, foreign


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda c, one, other, foreign: merging.plaintiff_merge(
                association=c.association, actor=None, source_id=one.pk, target_id=one.pk
            ),
            "target",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_merge(
                association=c.association, actor=None, source_id=one.pk, target_id=foreign.pk
            ),
            "target",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_merge(
                association=c.association, actor=None, source_id=foreign.pk, target_id=one.pk
            ),
            "source",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_merge(
                association=c.association, actor=None, source_id=999999, target_id=one.pk
            ),
            "source",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_split(
                association=c.association, actor=None, entity_id=one.pk, alias_ids=[a.pk for a in one.aliases.all()]
            ),
            "aliases",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_split(
                association=c.association, actor=None, entity_id=one.pk, alias_ids=[]
            ),
            "aliases",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_split(
                association=c.association, actor=None, entity_id=one.pk, alias_ids=[other.aliases.get().pk]
            ),
            "aliases",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_split(
                association=c.association, actor=None, entity_id=one.pk, alias_ids=["x"]
            ),
            "aliases",
        ),
        (
            lambda c, one, other, foreign: merging.plaintiff_split(
                association=c.association, actor=None, entity_id=foreign.pk, alias_ids=[foreign.aliases.get().pk]
            ),
            "entity",
        ),
    ],
    ids=[
        "into itself",
        "into another association",
        "from another association",
        "unknown id",
        "all aliases",
        "no alias",
        "another entity's alias",
        "not an id",
        "entity of another association",
    ],
)
def test_bad_merges_and_splits_are_refused_and_write_nothing(cast, two, call, field):
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        call(cast, *two)
    assert field in caught.value.message_dict
    assert database_fingerprint() == before


def test_did_you_mean_only_for_a_new_spelling_close_to_a_known_one(names):
    assert [e.name for e in plaintiff_near_names(entities=names, name="Lumen Holdngs LLC")] == ["Lumen Holdings, LLC"]
    assert plaintiff_near_names(entities=names, name="LUMEN HOLDINGS") == []  # a known spelling: nothing to ask
    assert plaintiff_near_names(entities=names, name="Entirely Different Party") == []


def test_merging_keeps_watches_and_drops_a_duplicate_one(cast, two):
    one, other, _foreign = two
    reader = cast.users["not_entitled"]
    both = [Watch.objects.create(user=reader, association=cast.association, criterion="plaintiff", plaintiff=p,
                                 label=p.name) for p in (one, other)]  # fmt: skip
    single = Watch.objects.create(
        user=cast.users["entitled"], association=cast.association, criterion="plaintiff", plaintiff=other, label="x"
    )
    merging.plaintiff_merge(association=cast.association, actor=None, source_id=other.pk, target_id=one.pk)
    assert set(Watch.objects.values_list("pk", "plaintiff_id")) == {(both[0].pk, one.pk), (single.pk, one.pk)}
