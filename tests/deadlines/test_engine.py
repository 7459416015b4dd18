"""Worked examples of the deadline engine, each checked by hand against the rule text and a 2024-2028 calendar."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sharing.deadlines import engine
from sharing.deadlines.engine import RULE4_METHODS, RULE5_METHODS, RULE_6D_METHODS, ServiceMethod, compute


def codes(result) -> list[str]:
    return [step.code for step in result.steps]


def texts(result) -> list[str]:
    with translation.override("en"):
        return [engine.step_text(step) for step in result.steps_json()]


def answer(trigger: date, method: str = ServiceMethod.PERSONAL, **kwargs):
    return compute("frcp12a_answer", trigger_on=trigger, method=method, **kwargs)


# FRCP 12(a)(1)(A)(i) with 6(a) counting ----------------------------------------------------------------------


def test_answer_on_a_weekday_is_21_days_after_service():
    result = answer(date(2026, 4, 14))  # Tuesday
    assert result.due_on == date(2026, 5, 5)  # Tuesday
    assert result.reference == "FRCP 12(a)(1)(A)(i), 6(a)"
    assert codes(result)[:4] == ["trigger", "exclude_trigger", "count", "last_day"]
    assert codes(result)[-1] == "due"


def test_last_day_on_a_saturday_moves_to_monday():
    result = answer(date(2026, 4, 11))  # 21 days later: Saturday 2 May 2026
    assert result.due_on == date(2026, 5, 4)
    assert "Saturday, 2026-05-02 is a Saturday: the period continues to the next day (FRCP 6(a)(1)(C))." in texts(
        result
    )


def test_last_day_on_a_sunday_moves_to_monday():
    assert answer(date(2026, 4, 12)).due_on == date(2026, 5, 4)  # Sunday 3 May 2026


def test_last_day_on_a_federal_holiday_moves_to_the_next_day():
    result = answer(date(2026, 11, 5))  # Thanksgiving, Thursday 26 November 2026
    assert result.due_on == date(2026, 11, 27)  # the Friday after is not a legal holiday
    assert any("legal holiday (Thanksgiving Day)" in text for text in texts(result))


def test_weekend_then_holiday_are_both_skipped():
    result = answer(date(2026, 5, 2))  # Saturday 23 May, Sunday, Memorial Day Monday 25 May 2026
    assert result.due_on == date(2026, 5, 26)
    assert codes(result)[3:7] == ["weekend", "weekend", "holiday", "last_day"]


def test_observed_independence_day_is_a_legal_holiday():
    # 4 July 2026 is a Saturday: Friday 3 July is the day set aside for observing it (FRCP 6(a)(6)(A)).
    result = answer(date(2026, 6, 12))
    assert result.due_on == date(2026, 7, 6)
    assert any("2026-07-03 is a legal holiday (Independence Day (observed))" in text for text in texts(result))


def test_observed_christmas_2027():
    # 25 December 2027 is a Saturday: observed Friday 24 December.
    assert answer(date(2027, 12, 3)).due_on == date(2027, 12, 27)


def test_observed_new_year_across_the_year_end():
    # 1 January 2028 is a Saturday: observed Friday 31 December 2027; then the weekend; Monday 3 January 2028.
    result = answer(date(2027, 12, 10))
    assert result.due_on == date(2028, 1, 3)
    assert any("2027-12-31 is a legal holiday (New Year's Day (observed))" in text for text in texts(result))


def test_a_day_declared_by_the_president_is_a_legal_holiday():
    # Executive order of 19 December 2024 closed federal agencies on Tuesday 24 December 2024 (FRCP 6(a)(6)(B)).
    assert answer(date(2024, 12, 3)).due_on == date(2024, 12, 26)


def test_state_calendar_adds_the_state_holidays():
    # FRCP 6(a)(6)(C): Cesar Chavez Day, Tuesday 31 March 2026, is a holiday in California only.
    assert answer(date(2026, 3, 10)).due_on == date(2026, 3, 31)
    assert answer(date(2026, 3, 10), calendar="US-CA").due_on == date(2026, 4, 1)
    assert answer(date(2026, 3, 10), calendar="us-ca").calendar == "US-CA"


@pytest.mark.parametrize("method", sorted(RULE4_METHODS))
def test_no_rule_6d_days_for_a_complaint_served_under_rule_4(method):
    result = answer(date(2026, 4, 14), method)
    assert result.due_on == date(2026, 5, 5)
    assert "no_6d_rule4" in codes(result)
    assert "add_6d" not in codes(result)


@pytest.mark.parametrize("method", sorted(RULE5_METHODS))
def test_a_rule_5_method_is_refused_for_the_complaint(method):
    with pytest.raises(ValidationError) as caught:
        answer(date(2026, 4, 14), method)
    assert "service_method" in caught.value.message_dict


# FRCP 12(a)(1)(A)(ii): waiver ------------------------------------------------------------------------------


def test_waiver_request_sent_in_the_us_gives_60_days():
    result = compute("frcp12a_waiver", trigger_on=date(2026, 3, 2))
    assert result.due_on == date(2026, 5, 1)  # Friday
    assert codes(result)[0] == "waiver_domestic"
    assert "no_6d_waiver" in codes(result)


def test_waiver_request_sent_abroad_gives_90_days_and_rolls():
    result = compute("frcp12a_waiver_foreign", trigger_on=date(2026, 3, 2))
    assert result.due_on == date(2026, 6, 1)  # 31 May 2026 is a Sunday
    assert codes(result)[0] == "waiver_foreign"


# FRCP 15(a)(3) with 6(d): a paper served under Rule 5 --------------------------------------------------------


def amended(trigger: date, method: str, **options):
    return compute("frcp15a3_amended", trigger_on=trigger, method=method, **options)


@pytest.mark.parametrize("method", sorted(RULE_6D_METHODS))
def test_rule_6d_adds_3_days_for_mail_clerk_and_consented_means(method):
    result = amended(date(2026, 3, 2), method)  # 14 days: Monday 16 March; + 3: Thursday 19 March
    assert result.due_on == date(2026, 3, 19)
    assert "add_6d" in codes(result)


@pytest.mark.parametrize("method", sorted(RULE5_METHODS - RULE_6D_METHODS))
def test_rule_6d_adds_nothing_for_hand_office_or_electronic_service(method):
    result = amended(date(2026, 3, 2), method)
    assert result.due_on == date(2026, 3, 16)
    assert "no_6d_rule5" in codes(result)


def test_rule_6d_days_are_added_after_the_rule_6a_roll():
    # 14 days after Saturday 7 March 2026 is Saturday 21 March: 6(a) gives Monday 23 March, then + 3 = Thursday 26.
    # (Adding the 3 days before rolling would wrongly give Tuesday 24 March.)
    result = amended(date(2026, 3, 7), ServiceMethod.R5_MAIL)
    assert result.due_on == date(2026, 3, 26)


def test_rule_6d_third_day_on_a_weekend_rolls_again():
    # 14 days: Wednesday 18 March 2026; + 3: Saturday 21 March; rolls to Monday 23 March.
    assert amended(date(2026, 3, 4), ServiceMethod.R5_MAIL).due_on == date(2026, 3, 23)


def test_rule_6d_third_day_on_an_observed_holiday():
    # 14 days after 16 June 2026: 30 June; + 3: Friday 3 July (Independence Day observed): Monday 6 July.
    assert amended(date(2026, 6, 16), ServiceMethod.R5_CLERK).due_on == date(2026, 7, 6)


def test_amended_answer_keeps_the_later_original_deadline():
    result = amended(date(2026, 3, 2), ServiceMethod.R5_ELECTRONIC, original_due_on=date(2026, 3, 20))
    assert result.due_on == date(2026, 3, 20)
    assert "amended_later" in codes(result)
    earlier = amended(date(2026, 3, 2), ServiceMethod.R5_ELECTRONIC, original_due_on=date(2026, 3, 10))
    assert earlier.due_on == date(2026, 3, 16)


def test_a_rule_4_method_is_refused_for_an_amended_complaint():
    with pytest.raises(ValidationError):
        amended(date(2026, 3, 2), ServiceMethod.PERSONAL)


# FRCP 65(b)(2): TRO ---------------------------------------------------------------------------------------


def test_tro_expires_14_days_after_entry_and_once_extended_14_more():
    assert compute("frcp65b2_tro", trigger_on=date(2026, 3, 2)).due_on == date(2026, 3, 16)
    extended = compute("frcp65b2_tro_extended", trigger_on=date(2026, 3, 2))
    assert extended.due_on == date(2026, 3, 30)
    assert codes(extended)[-2] == "tro_extension"


def test_tro_expiry_on_a_saturday_is_not_moved():
    assert compute("frcp65b2_tro", trigger_on=date(2026, 3, 7)).due_on == date(2026, 3, 21)


def test_tro_order_fixing_an_earlier_expiry_controls():
    result = compute("frcp65b2_tro", trigger_on=date(2026, 3, 2), fixed_expiry_on=date(2026, 3, 12))
    assert result.due_on == date(2026, 3, 12)
    assert "tro_fixed" in codes(result)
    extended = compute("frcp65b2_tro_extended", trigger_on=date(2026, 3, 2), fixed_expiry_on=date(2026, 3, 12))
    assert extended.due_on == date(2026, 3, 26)


# ITC: 19 CFR 210.13(a) counted under 201.14(a) ---------------------------------------------------------------


def test_itc_response_counts_from_the_first_business_day_after_service():
    # Served Friday 2 January 2026: day 1 is Monday 5 January; day 20 is Saturday 24 January: Monday 26 January.
    result = compute("itc_210_13", trigger_on=date(2026, 1, 2))
    assert result.due_on == date(2026, 1, 26)
    assert codes(result)[:4] == ["trigger", "itc_days", "itc_no_mail", "itc_start"]


def test_itc_first_business_day_skips_a_holiday():
    # Served Friday 16 January 2026: the weekend and Martin Luther King Jr. Day pass; day 1 is Tuesday 20 January;
    # day 20 is Sunday 8 February: Monday 9 February.
    assert compute("itc_210_13", trigger_on=date(2026, 1, 16)).due_on == date(2026, 2, 9)


def test_itc_served_by_mail_adds_3_days_to_the_period():
    # 23 days from Monday 5 January 2026: Tuesday 27 January.
    result = compute("itc_210_13", trigger_on=date(2026, 1, 2), by_mail=True)
    assert result.due_on == date(2026, 1, 27)
    assert "itc_mail" in codes(result)


def test_itc_temporary_relief_gives_10_days():
    result = compute("itc_210_13_temporary_relief", trigger_on=date(2026, 1, 2))
    assert result.due_on == date(2026, 1, 14)
    assert "210.59" in result.reference


# IPR: 35 USC 315(b) ---------------------------------------------------------------------------------------


def test_ipr_bar_is_the_anniversary_of_service():
    assert compute("ipr_315b_bar", trigger_on=date(2025, 3, 10)).due_on == date(2026, 3, 10)


def test_ipr_bar_on_a_saturday_moves_to_the_next_business_day():
    # 4 July 2026 is a Saturday (3 July, before it, is the observed holiday): Monday 6 July.
    assert compute("ipr_315b_bar", trigger_on=date(2025, 7, 4)).due_on == date(2026, 7, 6)


def test_ipr_bar_on_thanksgiving_moves_to_friday():
    assert compute("ipr_315b_bar", trigger_on=date(2025, 11, 26)).due_on == date(2026, 11, 27)


def test_ipr_bar_after_service_on_29_february():
    result = compute("ipr_315b_bar", trigger_on=date(2024, 2, 29))
    assert result.due_on == date(2025, 2, 28)
    assert "ipr_leap" in codes(result)


def test_ipr_bar_uses_the_federal_calendar_whatever_the_case_says():
    # 35 USC 21(b) names federal holidays in the District of Columbia, not a state's: Cesar Chavez Day is ignored.
    result = compute("ipr_315b_bar", trigger_on=date(2025, 3, 31), calendar="US-CA")
    assert result.due_on == date(2026, 3, 31)
    assert result.calendar == "US"


# Every result explains itself; bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("rule", sorted(engine.RULES))
def test_every_step_of_every_rule_renders_in_both_languages(rule):
    method = {"frcp12a_answer": ServiceMethod.HAGUE, "frcp15a3_amended": ServiceMethod.R5_MAIL}.get(rule, "")
    result = compute(rule, trigger_on=date(2027, 12, 10), method=method)
    for language in ("en", "zh-hans"):
        with translation.override(language):
            sentences = [engine.step_text(step) for step in result.steps_json()]
        assert all(sentences), sentences
        assert all("%(" not in sentence for sentence in sentences), sentences
    assert result.steps_json()[-1] == {"code": "due", "params": {"due_on": result.due_on.isoformat()}}


def test_unknown_rule_is_refused():
    with pytest.raises(ValidationError) as caught:
        compute("frcp99_answer", trigger_on=date(2026, 1, 5))
    assert caught.value.message_dict == {"rule": ["“frcp99_answer” is not a deadline rule this platform knows."]}


@pytest.mark.parametrize("calendar", ["XX", "US-ZZ", "FR", ""])
def test_unknown_holiday_calendar_is_refused(calendar):
    with pytest.raises(ValidationError) as caught:
        answer(date(2026, 1, 5), calendar=calendar)
    assert list(caught.value.message_dict) == ["holiday_calendar"]


def test_missing_trigger_date_is_refused():
    with pytest.raises(ValidationError) as caught:
        compute("frcp12a_waiver", trigger_on=None)
    assert list(caught.value.message_dict) == ["trigger_on"]


def test_days_left_wording():
    with translation.override("en"):
        assert engine.days_left_text(3) == "3 days left"
        assert engine.days_left_text(1) == "1 day left"
        assert engine.days_left_text(0) == "due today"
        assert engine.days_left_text(-2) == "2 days overdue"
