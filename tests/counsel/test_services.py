"""The counsel services: the directory kept by staff, recommendations and reviews by company admins, the
threshold, averages over companies, replies, proposals, engagements; each bad input a field error, nothing
written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from notifications.models import Notification
from sharing.counsel import selectors, services
from sharing.counsel.models import FeeArrangement, LawFirm, Recommendation, Review
from sharing.defense import services as defense_services
from sharing.defense.access import Level, get_group_access
from sharing.defense.models import Participant
from tenancy.access import NoAccess
from tests.counsel.helpers import FIRM, RATINGS, access_of, directory, published_review, reviewer
from tests.defense.helpers import joined_group, side
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def refused(call, *fields):
    """`call` raises a ValidationError naming `fields` and writes nothing."""
    before = database_fingerprint()
    with pytest.raises(ValidationError) as raised:
        call()
    assert database_fingerprint() == before
    if fields:
        assert set(fields) <= set(raised.value.message_dict), raised.value.message_dict
    return raised.value


def test_staff_keep_the_directory_and_everything_is_audited(cast):
    world = directory(cast)
    firm = world.firm
    assert firm.forums == ["ilnd", "txed"] and firm.languages == ["en", "zh"]
    staff = access_of(cast.users["admin"])
    services.firm_verify(access=staff, firm=firm)
    firm.refresh_from_db()
    assert firm.verified_by == cast.users["admin"] and firm.verified_at is not None
    services.firm_retire(access=staff, firm=firm)
    assert selectors.firms(access_of(cast.users["not_entitled"])).filter(pk=firm.pk).count() == 0
    assert selectors.firms(staff).filter(pk=firm.pk).count() == 1
    actions = set(AuditEvent.objects.filter(association=cast.association).values_list("action", flat=True))
    assert {
        "counsel.firm_created",
        "counsel.attorney_saved",
        "counsel.firm_verified",
        "counsel.firm_retired",
    } <= actions
    for actor in ("not_entitled", "entitled", "anonymous"):
        user = cast.users[actor]
        if user is None:
            continue
        with pytest.raises(NoAccess):
            services.firm_save(access=access_of(user), data={"name_en": "Mine"})


def test_bad_directory_input_is_a_field_error_and_writes_nothing(cast):
    world = directory(cast)
    staff = world.staff(cast)
    refused(lambda: services.firm_save(access=staff, data={**FIRM, "forums": ["xxnd"]}), "forums")
    refused(lambda: services.firm_save(access=staff, data={**FIRM, "kinds": ["divorce"]}), "kinds")
    refused(lambda: services.firm_save(access=staff, data={**FIRM, "name_en": ""}), "name_en")
    for number in ("1234", "1234567", "RN-71234", "\uff17\uff11\uff12\uff13\uff14"):  # the last in fullwidth digits
        refused(
            lambda number=number: services.attorney_save(
                access=staff, firm=world.firm, data={"name_en": "A", "seniority": "partner", "uspto_number": number}
            ),
            "uspto_number",
        )
    attorney = services.attorney_save(
        access=staff, firm=world.firm, data={"name_en": "B", "seniority": "associate", "uspto_number": "71234"}
    )
    assert attorney.uspto_number == "71234"
    refused(
        lambda: services.attorney_save(
            access=staff, firm=world.firm, data={"name_en": "C", "seniority": "partner", "bar_admissions": ["bar-zz"]}
        ),
        "bar_admissions",
    )
    fee = {"kind": "hourly", "seniority": "partner", "minimum": "900", "maximum": "450"}
    error = refused(lambda: services.fee_add(access=staff, firm=world.firm, data=fee), "minimum")
    assert "exceeds" in str(error)
    refused(lambda: services.fee_add(access=staff, firm=world.firm, data={**fee, "seniority": ""}), "seniority")
    refused(lambda: services.fee_add(access=staff, firm=world.firm, data={"kind": "contingency", "maximum": "140"}))
    refused(lambda: services.fee_add(access=staff, firm=world.firm, data={**fee, "kind": "barter"}), "kind")
    services.fee_add(access=staff, firm=world.firm, data={**fee, "minimum": "450", "maximum": "900"})
    assert FeeArrangement.objects.get().maximum == 900


def test_directory_filters_search_and_sorts(cast):
    world = directory(cast)
    reader = access_of(cast.users["not_entitled"])
    find = lambda **given: list(selectors.directory(reader, selectors.DirectoryFilters(**given)))  # noqa: E731
    assert find() == [world.firm, world.other_firm]  # by name
    assert find(forum="txed") == [world.firm]
    assert find(right="design") == [world.firm]
    assert find(language="zh") == [world.firm]
    assert find(verified=True) == []
    assert find(text="counterfeiting") == [world.firm]
    assert find(text="Ortega") == [world.other_firm]  # an attorney's name
    assert find(text="港松") == [world.firm]
    company, _report = reviewer(cast)
    services.recommend(access=company.access(), firm=world.other_firm, kind="schedule_a", forum="ilnd")
    assert find(sort="recommendations") == [world.other_firm, world.firm]


def test_recommendations_are_counted_over_companies(cast):
    world = directory(cast)
    first, _ = reviewer(cast)
    second, _ = reviewer(cast)
    for company in (first, second):
        services.recommend(access=company.access(), firm=world.firm, kind="schedule_a", forum="ilnd")
    services.recommend(access=first.access(), firm=world.firm, kind="schedule_a", forum="ilnd")  # again: once
    services.recommend(access=first.access(), firm=world.firm, kind="district_patent", forum="txed")
    assert selectors.recommendation_counts(world.firm) == [
        {"kind": "schedule_a", "forum": "ilnd", "companies": 2},
        {"kind": "district_patent", "forum": "txed", "companies": 1},
    ]
    world.firm.refresh_from_db()
    assert world.firm.recommending_companies == 2
    refused(lambda: services.recommend(access=first.access(), firm=world.firm, kind="x", forum="zz"), "kind", "forum")
    with pytest.raises(NoAccess):  # a member who is not the company's admin
        services.recommend(access=access_of(first.member), firm=world.firm, kind="schedule_a", forum="ilnd")
    mine = Recommendation.objects.filter(company=first.company).first()
    with pytest.raises(NoAccess):
        services.unrecommend(access=second.access(), recommendation_id=mine.pk)
    services.unrecommend(access=first.access(), recommendation_id=mine.pk)
    # No audit event of the association names the recommending company.
    assert not AuditEvent.objects.filter(association=cast.association, action__startswith="counsel.recommend").exists()


def test_the_threshold_holds_at_four_opens_at_five_and_closes_on_withdrawal(cast):
    world = directory(cast)
    reviews = []
    for number in range(5):
        company, report = reviewer(cast)
        reviews.append((company, published_review(cast, world.firm, company, report, expertise=1 + number % 5)))
        world.firm.refresh_from_db()
        shown = selectors.published_reviews(world.firm).count()
        if number < 4:
            assert shown == 0 and selectors.rating_breakdown(world.firm) is None and world.firm.rating is None
            assert selectors.outcome_counts(world.firm, "ilnd") == []
    assert shown == 5 and world.firm.reviewing_companies == 5
    assert selectors.rating_breakdown(world.firm)["expertise"] == 3.0
    assert selectors.outcome_counts(world.firm, "ilnd") == [{"outcome": "pending", "cases": 5}]
    company, review = reviews[0]
    services.review_withdraw(access=company.access(), review=review)
    world.firm.refresh_from_db()
    assert world.firm.reviewing_companies == 4 and world.firm.rating is None
    assert selectors.published_reviews(world.firm).count() == 0


def test_averages_are_over_companies_not_reviews(cast, settings):
    world = directory(cast)
    heavy, first_report = reviewer(cast)
    for number in range(3):  # one company, three reports, all rated 1
        _report = first_report if number == 0 else reviewer_report(cast, heavy)
        published_review(cast, world.firm, heavy, _report, **dict.fromkeys(RATINGS, 1))
    for _ in range(4):  # four companies rating 5
        company, report = reviewer(cast)
        published_review(cast, world.firm, company, report, **dict.fromkeys(RATINGS, 5))
    world.firm.refresh_from_db()
    # Over companies: (1 + 5 * 4) / 5 = 4.2; over reviews it would be (3 + 20) / 7 = 3.29.
    assert world.firm.reviewing_companies == 5 and float(world.firm.rating) == 4.2
    assert selectors.rating_breakdown(world.firm) == dict.fromkeys(RATINGS, 4.2)


def reviewer_report(cast, company):
    from tests.factories import published_report

    return published_report(company.access(), moderator=cast.users["moderator"], kind="schedule_a", forum="ilnd")[0]


def test_bad_review_input_is_a_field_error_and_writes_nothing(cast):
    world = directory(cast)
    company, report = reviewer(cast)
    _stranger, strangers_report = reviewer(cast)
    submit = lambda **data: services.review_submit(  # noqa: E731
        access=company.access(), firm=world.firm, data={"report": report.pk, **RATINGS, **data}
    )
    for bad in (0, 6, "5", 4.5, None, True):
        refused(lambda bad=bad: submit(expertise=bad), "expertise")
    refused(lambda: submit(report=strangers_report.pk), "report")  # not the company's own
    refused(lambda: submit(cost_band="huge"), "cost_band")
    submit(text="Fast and clear.")
    refused(lambda: submit(text="Again."), "report")  # a second review of the firm for the report
    assert Review.objects.count() == 1


def test_the_preview_shows_what_a_review_would_reveal(cast):
    world = directory(cast)
    company, report = reviewer(cast, store_names=["SunnyNest Direct"])
    name = company.company.legal_name_en
    text = f"{name} hired them; our store SunnyNest Direct was freed. Docket {report.docket_number}."
    redaction = services.review_preview(
        access=company.access(), firm=world.firm, data={"report": report.pk, **RATINGS, "text": text}
    )
    assert name not in redaction.text and "SunnyNest Direct" not in redaction.text
    assert report.docket_number not in redaction.text
    assert len(redaction.spans) >= 3  # the preview marks each redacted piece
    assert Review.objects.count() == 0
    review = services.review_submit(
        access=company.access(), firm=world.firm, data={"report": report.pk, **RATINGS, "text": text}
    )
    assert review.text == text and name not in review.shared_text


def test_counsel_reply_once_and_never_see_the_reviewer(cast):
    world = directory(cast)
    reviews = []
    for _ in range(5):
        company, report = reviewer(cast)
        reviews.append(published_review(cast, world.firm, company, report))
    review = selectors.get_published_review(access_of(world.firm_counsel), reviews[0].pk)
    world.firm.refresh_from_db()
    with pytest.raises(NoAccess):
        services.reply_submit(access=access_of(world.other_counsel), review=review, text="Not ours.")
    refused(lambda: services.reply_submit(access=access_of(world.firm_counsel), review=review, text=" "), "text")
    reply = services.reply_submit(access=access_of(world.firm_counsel), review=review, text="Thank you.")
    refused(lambda: services.reply_submit(access=access_of(world.firm_counsel), review=review, text="Again"), "text")
    assert selectors.published_reviews(world.firm).get(pk=review.pk).reply.status == "pending"
    services.reply_decide(access=access_of(cast.users["moderator"]), reply=reply, publish=True)
    assert selectors.published_reviews(world.firm).get(pk=review.pk).reply.text == "Thank you."


def test_counsel_propose_edits_and_a_moderator_applies_them(cast):
    world = directory(cast)
    with pytest.raises(NoAccess):
        services.proposal_submit(access=access_of(world.other_counsel), firm=world.firm, data={"phone": "1"})
    refused(lambda: services.proposal_submit(access=access_of(world.firm_counsel), firm=world.firm,
                                             data={"languages": ["klingon"]}), "languages")  # fmt: skip
    proposal = services.proposal_submit(
        access=access_of(world.firm_counsel), firm=world.firm, data={"phone": "+1 312 555 0100", "languages": ["es"]}
    )
    assert proposal.changes == {"phone": "+1 312 555 0100", "languages": ["es"]}
    assert LawFirm.objects.get(pk=world.firm.pk).phone == ""
    services.proposal_decide(access=access_of(cast.users["moderator"]), proposal=proposal, approve=True)
    firm = LawFirm.objects.get(pk=world.firm.pk)
    assert firm.phone == "+1 312 555 0100" and firm.languages == ["es"]
    refused(lambda: services.proposal_decide(access=access_of(cast.users["moderator"]), proposal=proposal,
                                             approve=False))  # fmt: skip


def test_a_group_engages_a_firm_and_its_counsel_are_invited(cast):
    world = directory(cast)
    lead, member = side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member)
    gaccess = lead.gaccess(group)
    engage = lambda **given: services.engage(  # noqa: E731
        gaccess=gaccess, **{"firm": world.firm, "scope": "Schedule A defense", "fee_arrangement": "Flat $3,000 per "
                            "defendant", "started_on": date(2026, 12, 1), "counsel": [world.firm_counsel], **given}
    )  # fmt: skip
    refused(lambda: engage(counsel=[world.other_counsel]), "counsel")
    refused(lambda: engage(scope="", started_on=None), "scope", "started_on")
    with pytest.raises(NoAccess):
        services.engage(gaccess=member.gaccess(group), firm=world.firm, scope="x", fee_arrangement="y",
                        started_on=date(2026, 12, 1))  # fmt: skip
    engagement = engage()
    assert engagement.firm == world.firm
    assert Participant.objects.get(group=group, user=world.firm_counsel).status == "invited"
    # The engaged counsel join under the group's agreement and then work in it: its documents and chat.
    lawyer = get_group_access(access_of(world.firm_counsel), group.pk)
    defense_services.invitation_answer(gaccess=lawyer, accept=True)
    defense_services.agreement_accept(gaccess=get_group_access(access_of(world.firm_counsel), group.pk), version=1)
    assert get_group_access(access_of(world.firm_counsel), group.pk).level == Level.FULL
    with pytest.raises(NoAccess):  # the other firm's counsel were not engaged
        get_group_access(access_of(world.other_counsel), group.pk)


def test_moderators_and_the_reviewing_company_are_told_and_nobody_else(cast):
    world = directory(cast)
    company, report = reviewer(cast)
    published_review(cast, world.firm, company, report)
    awaiting = Notification.objects.filter(kind="counsel.review_awaiting")
    assert set(awaiting.values_list("recipient", flat=True)) == {cast.users["moderator"].pk}
    assert company.company.legal_name_en not in str(awaiting.get().params)
    told = Notification.objects.filter(kind="counsel.review_published")
    assert set(told.values_list("recipient", flat=True)) == {company.admin.pk, company.member.pk}
