"""Case facts, recomputation, overrides and their audit; bad input refused with nothing written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from sharing.deadlines import selectors, services
from sharing.deadlines.models import CaseFacts, Deadline
from tenancy.access import NoAccess, resolve_access
from tests.deadlines.conftest import ANSWER_DUE, IPR_BAR, SERVED_ON
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def rules(report) -> dict[str, date]:
    return dict(report.deadlines.values_list("rule", "effective_on"))


def test_served_defendant_gets_the_answer_and_ipr_deadlines(served):
    assert rules(served) == {"frcp12a_answer": ANSWER_DUE, "ipr_315b_bar": IPR_BAR}
    answer = served.deadlines.get(rule="frcp12a_answer")
    assert answer.trigger_on == SERVED_ON
    assert answer.reference == "FRCP 12(a)(1)(A)(i), 6(a)"
    assert answer.calendar == "US"
    assert answer.steps[-1] == {"code": "due", "params": {"due_on": "2026-07-06"}}
    assert {"code": "no_6d_rule4", "params": {"method": "personal"}} in answer.steps


def test_facts_are_audited_without_the_association(served):
    event = AuditEvent.objects.get(action="deadline.facts")
    assert event.association is None  # the association's admins never see which member has which case
    assert event.details == {"deadlines": {"frcp12a_answer": "created", "ipr_315b_bar": "created"}}


def test_every_kind_of_fact_gives_its_deadline(reporter, report):
    services.case_facts_set(
        access=reporter,
        report=report,
        data={
            "holiday_calendar": "us-il",
            "complaint_served_on": date(2026, 6, 12),
            "complaint_service_method": "hague",
            "waiver_requested": True,
            "waiver_sent_on": date(2026, 6, 2),
            "waiver_sent_abroad": True,
            "amended_served_on": date(2026, 6, 16),
            "amended_service_method": "r5_mail",
            "tro_entered_on": date(2026, 6, 3),
            "tro_extended": True,
            "itc_served_on": date(2026, 6, 5),
            "itc_temporary_relief": True,
        },
    )
    assert rules(report) == {
        "frcp12a_answer": date(2026, 7, 6),
        "ipr_315b_bar": date(2027, 6, 14),
        "frcp12a_waiver_foreign": date(2026, 8, 31),
        # 14 days + 3 (6(d)) = Monday 6 July; the waiver's later date (31 August) applies (15(a)(3)).
        "frcp15a3_amended": date(2026, 8, 31),
        "frcp65b2_tro": date(2026, 6, 17),
        "frcp65b2_tro_extended": date(2026, 7, 1),
        "itc_210_13_temporary_relief": date(2026, 6, 17),
    }
    assert CaseFacts.objects.get(report=report).holiday_calendar == "US-IL"


def test_a_trademark_case_has_no_ipr_deadline(reporter, cast):
    from tests.factories import draft_report

    report = draft_report(cast, kind="schedule_a", forum="ilnd", patents=[], trademarks=["5,123,456"])
    services.case_facts_set(
        access=reporter,
        report=report,
        data={"complaint_served_on": SERVED_ON, "complaint_service_method": "court_ordered"},
    )
    assert rules(report) == {"frcp12a_answer": ANSWER_DUE}


def test_changing_the_facts_recomputes_and_removing_them_deletes(reporter, served):
    services.case_facts_set(
        access=reporter,
        report=served,
        data={"complaint_served_on": date(2026, 6, 15), "complaint_service_method": "agent"},
    )
    assert rules(served)["frcp12a_answer"] == date(2026, 7, 6)
    services.case_facts_set(
        access=reporter, report=served, data={"complaint_served_on": None, "complaint_service_method": ""}
    )
    assert rules(served) == {}


def test_override_needs_a_reason_is_audited_and_can_be_cleared(reporter, answer):
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.deadline_override(access=reporter, deadline=answer, due_on=date(2026, 8, 5), reason="  ")
    assert list(caught.value.message_dict) == ["reason"]
    assert database_fingerprint() == before

    services.deadline_override(
        access=reporter, deadline=answer, due_on=date(2026, 8, 5), reason="Stipulated extension, order of 1 July."
    )
    answer.refresh_from_db()
    assert answer.effective_on == date(2026, 8, 5)
    assert answer.due_on == ANSWER_DUE
    assert answer.overridden_by == reporter.user
    event = AuditEvent.objects.get(action="deadline.override")
    assert event.details == {
        "rule": "frcp12a_answer",
        "from": "2026-07-06",
        "to": "2026-08-05",
        "reason": "Stipulated extension, order of 1 July.",
    }

    services.deadline_override_clear(access=reporter, deadline=answer)
    answer.refresh_from_db()
    assert (answer.override_on, answer.override_reason, answer.effective_on) == (None, "", ANSWER_DUE)
    assert AuditEvent.objects.filter(action="deadline.override_clear").count() == 1


def test_an_override_survives_recomputation_only_while_the_computed_date_stands(reporter, served, answer):
    services.deadline_override(access=reporter, deadline=answer, due_on=date(2026, 8, 5), reason="Court order.")
    same = {"complaint_served_on": SERVED_ON, "complaint_service_method": "abode", "holiday_calendar": "US"}
    services.case_facts_set(access=reporter, report=served, data=same)
    assert Deadline.objects.get(pk=answer.pk).effective_on == date(2026, 8, 5)
    moved = {**same, "complaint_served_on": date(2026, 6, 22)}
    services.case_facts_set(access=reporter, report=served, data=moved)
    answer.refresh_from_db()
    assert (answer.override_on, answer.effective_on) == (None, date(2026, 7, 13))


def test_done_and_reopen(reporter, answer):
    services.deadline_set_done(access=reporter, deadline=answer, done=True)
    answer.refresh_from_db()
    assert answer.done_at is not None and answer.done_by == reporter.user
    services.deadline_set_done(access=reporter, deadline=answer, done=False)
    answer.refresh_from_db()
    assert answer.done_at is None


BAD_FACTS = [
    ({"complaint_served_on": date(2026, 5, 30), "complaint_service_method": "personal"}, "complaint_served_on"),
    ({"waiver_requested": True}, "waiver_sent_on"),
    ({"waiver_sent_abroad": True}, "waiver_requested"),
    ({"holiday_calendar": "XX"}, "holiday_calendar"),
    ({"holiday_calendar": "US-ZZ"}, "holiday_calendar"),
    ({"complaint_served_on": date(2099, 1, 5), "complaint_service_method": "personal"}, "complaint_served_on"),
    ({"complaint_served_on": SERVED_ON, "complaint_service_method": ""}, "complaint_service_method"),
    ({"complaint_served_on": None, "complaint_service_method": "personal"}, "complaint_served_on"),
    ({"complaint_served_on": SERVED_ON, "complaint_service_method": "r5_electronic"}, "complaint_service_method"),
    ({"amended_served_on": SERVED_ON, "amended_service_method": "personal"}, "amended_service_method"),
    (
        {
            "complaint_served_on": SERVED_ON,
            "complaint_service_method": "personal",
            "amended_served_on": date(2026, 6, 5),
            "amended_service_method": "r5_mail",
        },
        "amended_served_on",
    ),
    ({"tro_extended": True}, "tro_entered_on"),
    ({"tro_entered_on": date(2026, 6, 3), "tro_fixed_expiry_on": date(2026, 6, 30)}, "tro_fixed_expiry_on"),
    ({"tro_entered_on": date(2026, 6, 3), "tro_fixed_expiry_on": date(2026, 6, 2)}, "tro_fixed_expiry_on"),
    ({"itc_temporary_relief": True}, "itc_served_on"),
]


@pytest.mark.parametrize(("data", "field"), BAD_FACTS)
def test_bad_facts_are_refused_and_nothing_is_written(reporter, served, data, field):
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.case_facts_set(access=reporter, report=served, data=data)
    assert field in caught.value.message_dict
    assert database_fingerprint() == before


def test_only_the_owning_company_can_write(cast, answer, served):
    other = resolve_access(slug="alpha", user=cast.users["not_entitled"])
    before = database_fingerprint()
    for call in (
        lambda: services.case_facts_set(access=other, report=served, data={}),
        lambda: services.deadline_override(access=other, deadline=answer, due_on=date(2026, 9, 1), reason="x"),
        lambda: services.deadline_set_done(access=other, deadline=answer, done=True),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.code == "forbidden"
    assert database_fingerprint() == before


@pytest.mark.parametrize("actor", ["not_entitled", "moderator", "admin", "other_association"])
def test_nobody_else_reads_the_deadlines(cast, answer, actor):
    slug = "bravo" if actor == "other_association" else "alpha"
    access = resolve_access(slug=slug, user=cast.users[actor])
    with pytest.raises(NoAccess):
        selectors.get_deadline(access, answer.pk)
    with pytest.raises(NoAccess):
        selectors.get_case_report(access, answer.report_id)
    if access.company is not None:
        assert not selectors.company_deadlines(access).exists()


def test_a_colleague_reads_the_deadlines(cast, colleague, answer):
    access = resolve_access(slug="alpha", user=colleague)
    assert selectors.get_deadline(access, answer.pk) == answer


def test_reminder_offsets_company_admins_only(reporter, colleague):
    assert services.reminder_offsets_set(access=reporter, offsets=[1, 14, 14, 0]) == [14, 1, 0]
    assert selectors.reminder_offsets(reporter.company.pk) == (14, 1, 0)
    with pytest.raises(ValidationError):
        services.reminder_offsets_set(access=reporter, offsets=[61])
    with pytest.raises(ValidationError):
        services.reminder_offsets_set(access=resolve_access(slug="alpha", user=colleague), offsets=[2])
    services.reminder_offsets_set(access=reporter, offsets=[])
    assert selectors.reminder_offsets(reporter.company.pk) == (7, 3, 1, 0)
