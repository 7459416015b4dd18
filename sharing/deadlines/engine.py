"""The deadline engine: pure functions, no database. Guidance, never legal advice.

A rule (`RULES`) turns a trigger date, a service method and options into a `Computation`: the due date, the rule
reference, and every counting step. Steps are stored as codes with parameters (`Step`) and rendered in the reader's
language when shown (`step_text`), the way notification kinds are.

Counting (FRCP 6(a)(1)): the trigger day is excluded, every day counts, and a last day falling on a Saturday,
Sunday or legal holiday moves to the next day that is none of those. "Legal holiday" (6(a)(6)) is read from the
`holidays` package: the US federal holidays with their observed days, plus the days the President declared
(executive-order closings, days of mourning: the package's "government" category). Two limits are said in every
result: a declaration newer than the package is missing, and a clerk's office closure (6(a)(3)) is not known.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import holidays
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEFAULT_CALENDAR = "US"
DISCLAIMER = _(
    "Guidance, not legal advice: computed from the rule text and the dates you entered. Court orders, local rules, "
    "stipulations and clerk's office closures can change a deadline. Confirm every deadline with your US counsel."
)


class ServiceMethod(models.TextChoices):
    # The summons and complaint: Rule 4. Rule 6(d) never adds time to these.
    PERSONAL = "personal", _("Personal delivery (Rule 4(e)(2)(A), 4(h)(1)(B))")
    ABODE = "abode", _("Left at the dwelling with a resident (Rule 4(e)(2)(B))")
    AGENT = "agent", _("Delivered to an agent or officer (Rule 4(e)(2)(C), 4(h)(1)(B))")
    STATE_LAW = "state_law", _("As state law allows (Rule 4(e)(1), 4(h)(1)(A))")
    HAGUE = "hague", _("Hague Service Convention (Rule 4(f)(1))")
    MAIL_BY_CLERK = "mail_by_clerk", _("Mail sent by the clerk abroad (Rule 4(f)(2)(C)(ii))")
    COURT_ORDERED = "court_ordered", _("Court-ordered means, such as e-mail (Rule 4(f)(3))")
    # A paper served after the complaint: Rule 5(b)(2).
    R5_HAND = "r5_hand", _("Handed to the person (Rule 5(b)(2)(A))")
    R5_OFFICE = "r5_office", _("Left at the office or dwelling (Rule 5(b)(2)(B))")
    R5_MAIL = "r5_mail", _("Mail (Rule 5(b)(2)(C))")
    R5_CLERK = "r5_clerk", _("Left with the court clerk (Rule 5(b)(2)(D))")
    R5_ELECTRONIC = "r5_electronic", _("Electronic means, such as the court's e-filing system (Rule 5(b)(2)(E))")
    R5_OTHER = "r5_other", _("Other means consented to in writing (Rule 5(b)(2)(F))")


RULE4_METHODS = frozenset(
    {
        ServiceMethod.PERSONAL,
        ServiceMethod.ABODE,
        ServiceMethod.AGENT,
        ServiceMethod.STATE_LAW,
        ServiceMethod.HAGUE,
        ServiceMethod.MAIL_BY_CLERK,
        ServiceMethod.COURT_ORDERED,
    }
)
RULE5_METHODS = frozenset(ServiceMethod) - RULE4_METHODS
# Rule 6(d): 3 days are added only after service under Rule 5(b)(2)(C) mail, (D) the clerk, (F) consented means.
RULE_6D_METHODS = frozenset({ServiceMethod.R5_MAIL, ServiceMethod.R5_CLERK, ServiceMethod.R5_OTHER})


# Every sentence a step can say; parameters ending in "_on" are ISO dates, shown with their weekday.
STEP_MESSAGES = {
    "trigger": _("Trigger: %(trigger)s on %(trigger_on)s."),
    "exclude_trigger": _("The day of the trigger, %(trigger_on)s, is not counted (FRCP 6(a)(1)(A))."),
    "count": _(
        "Counting %(days)s days from the next day, every day including Saturdays, Sundays and legal holidays "
        "(FRCP 6(a)(1)(B)), the period ends on %(end_on)s."
    ),
    "weekend": _("%(day_on)s is a %(weekday)s: the period continues to the next day (%(rule)s)."),
    "holiday": _("%(day_on)s is a legal holiday (%(holiday)s): the period continues to the next day (%(rule)s)."),
    "last_day": _("The last day is %(day_on)s: not a Saturday, Sunday or legal holiday."),
    "add_6d": _(
        "The paper was served by %(method)s: 3 days are added after the period would otherwise expire under Rule "
        "6(a) (FRCP 6(d)), giving %(end_on)s."
    ),
    "no_6d_rule4": _(
        "No 3 days are added: the summons and complaint were served under Rule 4 (%(method)s), and Rule 6(d) adds "
        "time only after service of a paper under Rule 5(b)(2)(C), (D) or (F)."
    ),
    "no_6d_rule5": _(
        "No 3 days are added: service by %(method)s is not mail, leaving with the clerk or other consented means, "
        "the only methods Rule 6(d) covers (electronic service lost the 3 days in 2016)."
    ),
    "no_6d_waiver": _(
        "No 3 days are added: the time runs from the day the waiver request was sent, not from service of a paper "
        "(FRCP 6(d) does not apply)."
    ),
    "waiver_domestic": _(
        "The waiver request was sent to an address in the United States: 60 days (FRCP 4(d)(3), 12(a)(1)(A)(ii))."
    ),
    "waiver_foreign": _(
        "The waiver request was sent outside any judicial district of the United States: 90 days (FRCP 4(d)(3), "
        "12(a)(1)(A)(ii))."
    ),
    "amended_later": _(
        "The answer to the original complaint was due on %(original_on)s, later than this date: the later date "
        "applies (FRCP 15(a)(3))."
    ),
    "amended_original_unknown": _(
        "If time remains to answer the original complaint, the later of the two dates applies (FRCP 15(a)(3)); no "
        "original deadline was given."
    ),
    "tro_cap": _(
        "A temporary restraining order expires at the time the order fixes, at most 14 days after entry (FRCP "
        "65(b)(2)): %(end_on)s at the latest."
    ),
    "tro_fixed": _("The order itself fixes an earlier expiry, %(fixed_on)s, which controls."),
    "tro_no_roll": _(
        "The expiry is not moved off a Saturday, Sunday or holiday: read the order's own expiry time and treat the "
        "earlier date as controlling."
    ),
    "tro_extension": _(
        "The court may extend the order once, for good cause, for a like period of 14 days (FRCP 65(b)(2)): at the "
        "latest %(end_on)s, unless the adverse party consents to a longer extension."
    ),
    "itc_days": _(
        "Respond within %(days)s days after service of the complaint and notice of investigation (%(rule)s)."
    ),
    "itc_mail": _(
        "Served by mail: 3 days are added to the prescribed period (19 CFR 201.16(d)), making %(days)s days."
    ),
    "itc_no_mail": _("Not served by mail: no days are added (19 CFR 201.16(d) applies only to service by mail)."),
    "itc_start": _(
        "Counting begins with the first business day after service (19 CFR 201.14(a)): %(day_on)s is day 1."
    ),
    "itc_count": _("Day %(days)s is %(end_on)s; the last day is included (19 CFR 201.14(a))."),
    "itc_closed": _(
        "If the Commission closes early or all day on the last day, the Secretary accepts the filing on the next "
        "full business day (19 CFR 201.14(a)); closings are not known in advance."
    ),
    "ipr_year": _(
        "An inter partes review petition is barred if filed more than 1 year after service of a complaint alleging "
        "infringement of the patent (35 USC 315(b)): the anniversary is %(end_on)s."
    ),
    "ipr_leap": _("Service on 29 February: the anniversary is taken as 28 February, the earlier reading."),
    "ipr_itc": _("Only service of a district court complaint starts this time; an ITC complaint does not."),
    "holiday_source": _(
        "Legal holidays: calendar %(calendar)s from the holidays package (federal holidays with their observed days "
        "and days declared by the President). A declaration newer than the package is not included."
    ),
    "due": _("Due: %(due_on)s."),
}


@dataclass(frozen=True)
class Step:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class Computation:
    rule: str
    reference: str
    trigger_on: date
    due_on: date
    steps: tuple[Step, ...]
    calendar: str

    def steps_json(self) -> list[dict[str, Any]]:
        return [step.as_json() for step in self.steps]


def _show_date(value: str) -> str:
    return date_format(date.fromisoformat(value), "l, Y-m-d")


def step_text(step: dict[str, Any]) -> str:
    """One stored step as a sentence in the active language."""
    template = STEP_MESSAGES.get(step.get("code", ""))
    if template is None:
        return ""
    params: dict[str, Any] = {}
    for name, value in (step.get("params") or {}).items():
        if name.endswith("_on"):
            value = _show_date(value)
        elif name == "method":
            value = str(ServiceMethod(value).label)
        elif name == "weekday":
            value = str(WEEKDAYS[value])
        elif name == "trigger":
            value = str(TRIGGERS[value])
        params[name] = value
    return str(template) % params


WEEKDAYS = {"saturday": _("Saturday"), "sunday": _("Sunday")}
TRIGGERS = {
    "complaint_served": _("service of the summons and complaint"),
    "waiver_sent": _("the waiver request was sent"),
    "amended_served": _("service of the amended complaint"),
    "tro_entered": _("entry of the temporary restraining order"),
    "itc_served": _("service of the ITC complaint and notice of investigation"),
}


# Holiday calendars ------------------------------------------------------------------------------------------


@functools.cache
def _calendar(code: str, year: int) -> holidays.HolidayBase:
    country, _sep, subdivision = code.partition("-")
    return holidays.country_holidays(
        country,
        subdiv=subdivision or None,
        years=year,
        observed=True,
        categories=(holidays.PUBLIC, holidays.GOVERNMENT),
    )


def check_calendar(code: str) -> str:
    """The calendar code (`US`, or `US-IL` to add a state's holidays, FRCP 6(a)(6)(C)), or a ValidationError."""
    code = (code or "").strip().upper()
    country, _sep, _subdivision = code.partition("-")
    try:
        if country != "US":
            raise NotImplementedError
        _calendar(code, 2000)
    except NotImplementedError:
        raise ValidationError(
            {
                "holiday_calendar": _(
                    "“%(code)s” is not a holiday calendar this platform knows: use US, or US and a state's two-letter "
                    "code, such as US-IL."
                )
                % {"code": code}
            },
            code="unknown_calendar",
        ) from None
    return code


def holiday_name(day: date, calendar: str) -> str | None:
    return _calendar(calendar, day.year).get(day)


def _roll(day: date, calendar: str, rule: str, steps: list[Step]) -> date:
    """Move `day` off Saturdays, Sundays and legal holidays, saying why for each day skipped."""
    while True:
        if day.weekday() >= 5:
            weekday = "saturday" if day.weekday() == 5 else "sunday"
            steps.append(Step("weekend", {"day_on": day.isoformat(), "weekday": weekday, "rule": rule}))
        elif (name := holiday_name(day, calendar)) is not None:
            steps.append(Step("holiday", {"day_on": day.isoformat(), "holiday": name, "rule": rule}))
        else:
            steps.append(Step("last_day", {"day_on": day.isoformat()}))
            return day
        day += timedelta(days=1)


def _is_business_day(day: date, calendar: str) -> bool:
    return day.weekday() < 5 and holiday_name(day, calendar) is None


# Rules ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    trigger_on: date
    method: str = ""
    calendar: str = DEFAULT_CALENDAR
    options: dict[str, Any] = field(default_factory=dict)


def _frcp_period(inputs: Inputs, days: int, trigger: str, steps: list[Step]) -> date:
    steps.append(Step("trigger", {"trigger": trigger, "trigger_on": inputs.trigger_on.isoformat()}))
    steps.append(Step("exclude_trigger", {"trigger_on": inputs.trigger_on.isoformat()}))
    end = inputs.trigger_on + timedelta(days=days)
    steps.append(Step("count", {"days": days, "end_on": end.isoformat()}))
    return _roll(end, inputs.calendar, "FRCP 6(a)(1)(C)", steps)


def _add_6d(inputs: Inputs, due: date, steps: list[Step]) -> date:
    """FRCP 6(d): 3 days added after the 6(a) period, then 6(a)(1)(C) again on the new last day."""
    if inputs.method not in RULE_6D_METHODS:
        steps.append(Step("no_6d_rule5", {"method": inputs.method}))
        return due
    end = due + timedelta(days=3)
    steps.append(Step("add_6d", {"method": inputs.method, "end_on": end.isoformat()}))
    return _roll(end, inputs.calendar, "FRCP 6(a)(1)(C)", steps)


def _require_method(inputs: Inputs, allowed: frozenset[str], message: "StrOrPromise") -> None:
    if inputs.method not in allowed:
        raise ValidationError({"service_method": message}, code="invalid_method")


def frcp12a_answer(inputs: Inputs, steps: list[Step]) -> date:
    _require_method(inputs, RULE4_METHODS, _("Choose how the summons and complaint were served (a Rule 4 method)."))
    due = _frcp_period(inputs, 21, "complaint_served", steps)
    steps.append(Step("no_6d_rule4", {"method": inputs.method}))
    return due


# How a rule computes its deadline: from the inputs, appending each counting step to the list.
Computer = Callable[[Inputs, list[Step]], date]


def _waiver(days: int, note: str) -> Computer:
    def compute(inputs: Inputs, steps: list[Step]) -> date:
        steps.append(Step(note))
        due = _frcp_period(inputs, days, "waiver_sent", steps)
        steps.append(Step("no_6d_waiver"))
        return due

    return compute


def frcp15a3_amended(inputs: Inputs, steps: list[Step]) -> date:
    _require_method(inputs, RULE5_METHODS, _("Choose how the amended complaint was served (a Rule 5(b)(2) method)."))
    due = _add_6d(inputs, _frcp_period(inputs, 14, "amended_served", steps), steps)
    original = inputs.options.get("original_due_on")
    if original is None:
        steps.append(Step("amended_original_unknown"))
    elif original > due:
        steps.append(Step("amended_later", {"original_on": original.isoformat()}))
        due = original
    return due


def _tro_expiry(inputs: Inputs, steps: list[Step]) -> date:
    steps.append(Step("trigger", {"trigger": "tro_entered", "trigger_on": inputs.trigger_on.isoformat()}))
    steps.append(Step("exclude_trigger", {"trigger_on": inputs.trigger_on.isoformat()}))
    cap = inputs.trigger_on + timedelta(days=14)
    steps.append(Step("tro_cap", {"end_on": cap.isoformat()}))
    fixed = inputs.options.get("fixed_expiry_on")
    if fixed is not None and fixed < cap:
        steps.append(Step("tro_fixed", {"fixed_on": fixed.isoformat()}))
        cap = fixed
    steps.append(Step("tro_no_roll"))
    return cap


def frcp65b2_tro(inputs: Inputs, steps: list[Step]) -> date:
    return _tro_expiry(inputs, steps)


def frcp65b2_tro_extended(inputs: Inputs, steps: list[Step]) -> date:
    extended = _tro_expiry(inputs, steps) + timedelta(days=14)
    steps.append(Step("tro_extension", {"end_on": extended.isoformat()}))
    return extended


def _itc(days: int, rule: str) -> Computer:
    def compute(inputs: Inputs, steps: list[Step]) -> date:
        steps.append(Step("trigger", {"trigger": "itc_served", "trigger_on": inputs.trigger_on.isoformat()}))
        steps.append(Step("itc_days", {"days": days, "rule": rule}))
        if inputs.options.get("by_mail"):
            days_total = days + 3
            steps.append(Step("itc_mail", {"days": days_total}))
        else:
            days_total = days
            steps.append(Step("itc_no_mail"))
        first = inputs.trigger_on + timedelta(days=1)
        while not _is_business_day(first, inputs.calendar):
            first += timedelta(days=1)
        steps.append(Step("itc_start", {"day_on": first.isoformat()}))
        end = first + timedelta(days=days_total - 1)
        steps.append(Step("itc_count", {"days": days_total, "end_on": end.isoformat()}))
        due = _roll(end, inputs.calendar, "19 CFR 201.14(a)", steps)
        steps.append(Step("itc_closed"))
        return due

    return compute


def ipr_315b_bar(inputs: Inputs, steps: list[Step]) -> date:
    steps.append(Step("trigger", {"trigger": "complaint_served", "trigger_on": inputs.trigger_on.isoformat()}))
    anniversary = inputs.trigger_on + relativedelta(years=1)
    steps.append(Step("ipr_year", {"end_on": anniversary.isoformat()}))
    if inputs.trigger_on.month == 2 and inputs.trigger_on.day == 29:
        steps.append(Step("ipr_leap"))
    steps.append(Step("ipr_itc"))
    return _roll(anniversary, inputs.calendar, "35 USC 21(b)", steps)


@dataclass(frozen=True)
class Rule:
    code: str
    label: "StrOrPromise"
    reference: str
    compute: Computer
    calendar: str | None = None  # a fixed calendar (the PTO's), else the case's
    rolls: bool = True  # False: the date is never moved off a holiday, so no calendar is involved


RULES = {
    rule.code: rule
    for rule in (
        Rule("frcp12a_answer", _("Answer to the complaint"), "FRCP 12(a)(1)(A)(i), 6(a)", frcp12a_answer),
        Rule(
            "frcp12a_waiver",
            _("Answer after waiving service"),
            "FRCP 12(a)(1)(A)(ii), 4(d)(3), 6(a)",
            _waiver(60, "waiver_domestic"),
        ),
        Rule(
            "frcp12a_waiver_foreign",
            _("Answer after waiving service (request sent abroad)"),
            "FRCP 12(a)(1)(A)(ii), 4(d)(3), 6(a)",
            _waiver(90, "waiver_foreign"),
        ),
        Rule(
            "frcp15a3_amended",
            _("Answer to the amended complaint"),
            "FRCP 15(a)(3), 6(a), 6(d)",
            frcp15a3_amended,
        ),
        Rule("frcp65b2_tro", _("Temporary restraining order expires"), "FRCP 65(b)(2)", frcp65b2_tro, rolls=False),
        Rule(
            "frcp65b2_tro_extended",
            _("Temporary restraining order expires if extended once"),
            "FRCP 65(b)(2)",
            frcp65b2_tro_extended,
            rolls=False,
        ),
        Rule(
            "itc_210_13",
            _("Response to the ITC complaint and notice of investigation"),
            "19 CFR 210.13(a), 201.14(a), 201.16(d)",
            _itc(20, "19 CFR 210.13(a)"),
        ),
        Rule(
            "itc_210_13_temporary_relief",
            _("Response to the ITC complaint with a motion for temporary relief"),
            "19 CFR 210.13(a), 210.59, 201.14(a), 201.16(d)",
            _itc(10, "19 CFR 210.13(a), 210.59"),
        ),
        Rule(
            "ipr_315b_bar",
            _("Last day to petition for inter partes review"),
            "35 USC 315(b), 21(b)",
            ipr_315b_bar,
            calendar=DEFAULT_CALENDAR,  # 35 USC 21(b): federal holidays in the District of Columbia
        ),
    )
}
RULE_CHOICES = [(rule.code, rule.label) for rule in RULES.values()]


def get_rule(code: str) -> Rule:
    rule = RULES.get(code)
    if rule is None:
        raise ValidationError(
            {"rule": _("“%(rule)s” is not a deadline rule this platform knows.") % {"rule": code}}, code="unknown_rule"
        )
    return rule


def compute(
    rule_code: str,
    *,
    trigger_on: date | None,
    method: str = "",
    calendar: str = DEFAULT_CALENDAR,
    **options: Any,
) -> Computation:
    """The deadline `rule_code` gives for a trigger on `trigger_on`, with every counting step."""
    rule = get_rule(rule_code)
    calendar = check_calendar(rule.calendar or calendar)
    if not isinstance(trigger_on, date):
        raise ValidationError({"trigger_on": _("Enter the date the time starts from.")}, code="required")
    inputs = Inputs(trigger_on=trigger_on, method=method or "", calendar=calendar, options=options)
    steps: list[Step] = []
    due = rule.compute(inputs, steps)
    if rule.rolls:
        steps.append(Step("holiday_source", {"calendar": calendar}))
    steps.append(Step("due", {"due_on": due.isoformat()}))
    return Computation(
        rule=rule.code, reference=rule.reference, trigger_on=trigger_on, due_on=due, steps=tuple(steps),
        calendar=calendar,
    )  # fmt: skip


def days_left_text(days: int) -> str:
    if days < 0:
        return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}
    if days == 0:
        return str(_("due today"))
    return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
