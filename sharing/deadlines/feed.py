"""The iCalendar feed of a company's open deadlines, at /cal/<token>.ics, for Outlook, Google Calendar and the like.

No session: the token is the credential, looked up by its hash. A revoked, rotated or guessed token gets the same
404. Events are all-day, with UIDs that stay the same across fetches (so a moved date moves the event), the rule and
the disclaimer in the description, and an alarm the day before."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Alarm, Calendar, Event

from sharing.deadlines import engine, selectors

PRODUCT_ID = "-//Joint Defense Platform//Deadlines//EN"


def _event(deadline, stamp) -> Event:
    rule = engine.RULES[deadline.rule]
    url = settings.SITE_URL + reverse(
        "deadlines:detail", kwargs={"slug": deadline.association.slug, "deadline_id": deadline.pk}
    )
    event = Event()
    event.add("uid", f"deadline-{deadline.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.effective_on)
    event.add("dtend", deadline.effective_on + timedelta(days=1))
    event.add(
        "summary", _("%(rule)s: %(plaintiff)s") % {"rule": rule.label, "plaintiff": deadline.report.plaintiff_name}
    )
    lines = [
        _("Rule: %(reference)s") % {"reference": deadline.reference},
        *(engine.step_text(step) for step in deadline.steps),
    ]
    if deadline.override_on is not None:
        lines.append(_("Overridden: %(reason)s") % {"reason": deadline.override_reason})
    lines += [str(engine.DISCLAIMER), url]
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Deadline tomorrow: %(rule)s") % {"rule": rule.label})
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event


class CalendarFeedView(View):
    http_method_names = ["get", "head"]

    def get(self, request, token: str):
        feed = selectors.feed_for_token(token)
        if feed is None:
            raise Http404
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Response deadlines"))
        stamp = timezone.now()
        # In the language of the admin who made the address (the calendar app sends no useful Accept-Language).
        creator = feed.created_by
        with translation.override(creator.preferred_language if creator else settings.LANGUAGE_CODE):
            for deadline in selectors.feed_deadlines(feed):
                calendar.add_component(_event(deadline, stamp))
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
