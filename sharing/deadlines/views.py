"""Deadline pages, mounted at /a/<slug>/deadlines/: the company's deadlines soonest first, one deadline with
every counting step, the case facts of a report, overrides, reminders and the calendar feed.

Company people only, and only their own company's cases: anyone else gets the 404 of a missing page."""

from typing import Any

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sharing.deadlines import engine, selectors, services
from sharing.deadlines.forms import CaseFactsForm, OverrideForm, ReminderOffsetsForm
from sharing.deadlines.models import Deadline
from tenancy.access import COMPANY_ROLES, Role
from tenancy.mixins import AssociationMixin
from web.service_views import ServiceActionView, ServiceFormView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})


def annotate(deadline, today):
    """What the pages show beside the stored row: the rule's name, days left, overdue."""
    deadline.rule_label = engine.RULES[deadline.rule].label
    deadline.days_left = (deadline.effective_on - today).days
    deadline.days_left_text = engine.days_left_text(deadline.days_left)
    deadline.overdue = deadline.days_left < 0 and deadline.done_at is None
    return deadline


def step_texts(deadline) -> list[str]:
    return [engine.step_text(step) for step in deadline.steps]


def feed_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("calendar:feed", kwargs={"token": token}))


class DeadlineListView(AssociationMixin, TemplateView):
    allowed_roles = COMPANY_ROLES
    template_name = "deadlines/list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        deadlines = [annotate(d, today) for d in selectors.company_deadlines(self.access)]
        return super().get_context_data(
            deadlines=deadlines,
            feed=selectors.active_feed(self.access),
            disclaimer=engine.DISCLAIMER,
            **kwargs,
        )


class DeadlineDetailView(AssociationMixin, TemplateView):
    allowed_roles = COMPANY_ROLES
    template_name = "deadlines/detail.html"

    @cached_property
    def deadline(self):
        return selectors.get_deadline(self.access, self.kwargs["deadline_id"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("override_form", OverrideForm(initial={"due_on": self.deadline.effective_on}))
        return super().get_context_data(
            deadline=annotate(self.deadline, timezone.localdate()),
            steps=step_texts(self.deadline),
            disclaimer=engine.DISCLAIMER,
            **kwargs,
        )


class DeadlineFormMixin:
    """After a write, back to the deadline's page."""

    kwargs: Any  # the URL's keyword arguments (View.setup sets them)

    def get_success_url(self) -> str:
        return reverse(
            "deadlines:detail", kwargs={"slug": self.kwargs["slug"], "deadline_id": self.kwargs["deadline_id"]}
        )


class OverrideView(DeadlineFormMixin, DeadlineDetailView, ServiceFormView):
    """POST an overriding date and its reason; errors are shown on the deadline's page."""

    http_method_names = ["post"]
    form_class = OverrideForm

    def get_context_data(self, **kwargs):
        kwargs["override_form"] = kwargs.pop("form", None) or OverrideForm()
        return super().get_context_data(**kwargs)

    def perform(self, form):
        services.deadline_override(access=self.access, deadline=self.deadline, **form.cleaned_data)
        return _("The date is overridden. Reminders follow the new date.")


class DeadlineActionView(DeadlineFormMixin, AssociationMixin, ServiceActionView):
    allowed_roles = COMPANY_ROLES

    def perform(self):
        return self.act(selectors.get_deadline(self.access, self.kwargs["deadline_id"]))

    def act(self, deadline: Deadline) -> str:
        raise NotImplementedError


class OverrideClearView(DeadlineActionView):
    def act(self, deadline):
        services.deadline_override_clear(access=self.access, deadline=deadline)
        return _("The override is removed: the computed date applies again.")


class DoneView(DeadlineActionView):
    def act(self, deadline):
        services.deadline_set_done(access=self.access, deadline=deadline, done=True)
        return _("Marked done: no more reminders for this deadline.")


class ReopenView(DeadlineActionView):
    def act(self, deadline):
        services.deadline_set_done(access=self.access, deadline=deadline, done=False)
        return _("The deadline is open again.")


class CaseFactsView(AssociationMixin, ServiceFormView):
    """The facts of one of the company's reports, and the deadlines they give."""

    allowed_roles = COMPANY_ROLES
    form_class = CaseFactsForm
    template_name = "deadlines/case.html"

    @cached_property
    def report(self):
        return selectors.get_case_report(self.access, self.kwargs["report_id"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": selectors.case_facts(self.report)}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        deadlines = [annotate(d, today) for d in selectors.report_deadlines(self.report)]
        for deadline in deadlines:
            deadline.step_texts = step_texts(deadline)
        return super().get_context_data(report=self.report, deadlines=deadlines, disclaimer=engine.DISCLAIMER, **kwargs)

    def perform(self, form):
        report = selectors.get_case_report(self.access, self.kwargs["report_id"], perm="change_report")
        services.case_facts_set(access=self.access, report=report, data=form.cleaned_data)
        return _("The case facts are saved and the deadlines computed again.")

    def get_success_url(self) -> str:
        return reverse("deadlines:case", kwargs={"slug": self.kwargs["slug"], "report_id": self.kwargs["report_id"]})


class SettingsView(AssociationMixin, ServiceFormView):
    """Company admins: the company's reminder days."""

    allowed_roles = COMPANY_ADMIN
    form_class = ReminderOffsetsForm
    template_name = "deadlines/settings.html"
    success_url_name = "deadlines:list"

    def get_initial(self):
        assert self.access.company is not None  # a company admin's
        return {"offsets": ", ".join(str(day) for day in selectors.reminder_offsets(self.access.company.pk))}

    def perform(self, form):
        services.reminder_offsets_set(access=self.access, offsets=form.cleaned_data["offsets"])
        return _("The reminder days are saved.")


class FeedRotateView(AssociationMixin, ServiceActionView):
    """Company admins: a new feed address (the old one stops working), shown once in the success message."""

    allowed_roles = COMPANY_ADMIN
    success_url_name = "deadlines:list"

    def perform(self):
        _feed, token = services.feed_rotate(access=self.access)
        messages.info(
            self.request,
            _("Your calendar address (shown only now; keep it secret): %(url)s")
            % {"url": feed_url(self.request, token)},
        )
        return _("A new calendar address is ready; any previous one no longer works.")


class FeedRevokeView(AssociationMixin, ServiceActionView):
    allowed_roles = COMPANY_ADMIN
    success_url_name = "deadlines:list"

    def perform(self):
        services.feed_revoke(access=self.access)
        return _("The calendar address no longer works.")
