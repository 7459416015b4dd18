"""A company's case facts for one of its raw reports, the deadlines computed from them, the reminders sent, and
the company's calendar feed. Everything here belongs to the reporting company alone: no other company, moderator
or partner ever reads it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sharing.deadlines.engine import DEFAULT_CALENDAR, RULE_CHOICES, ServiceMethod


class CaseFacts(models.Model):
    """What happened in the case, as the company tells it: the triggers of its deadlines."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="case_facts")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    holiday_calendar = models.CharField(_("holiday calendar"), max_length=10, default=DEFAULT_CALENDAR)
    complaint_served_on = models.DateField(_("summons and complaint served"), null=True, blank=True)
    complaint_service_method = models.CharField(
        _("how the complaint was served"), max_length=20, choices=ServiceMethod.choices, blank=True
    )
    waiver_requested = models.BooleanField(_("a waiver of service was requested"), default=False)
    waiver_sent_on = models.DateField(_("waiver request sent"), null=True, blank=True)
    waiver_sent_abroad = models.BooleanField(_("waiver request sent outside the United States"), default=False)
    amended_served_on = models.DateField(_("amended complaint served"), null=True, blank=True)
    amended_service_method = models.CharField(
        _("how the amended complaint was served"), max_length=20, choices=ServiceMethod.choices, blank=True
    )
    tro_entered_on = models.DateField(_("TRO entered"), null=True, blank=True)
    tro_fixed_expiry_on = models.DateField(_("expiry fixed in the TRO"), null=True, blank=True)
    tro_extended = models.BooleanField(_("the TRO was extended"), default=False)
    itc_served_on = models.DateField(_("ITC complaint and notice served"), null=True, blank=True)
    itc_served_by_mail = models.BooleanField(_("ITC complaint served by mail"), default=False)
    itc_temporary_relief = models.BooleanField(_("a motion for temporary relief was filed"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case facts")
        verbose_name_plural = _("case facts")

    def __str__(self) -> str:
        return f"case facts #{self.report_id}"


class Deadline(models.Model):
    """One computed deadline. `effective_on` is the date everything uses: the override if any, else `due_on`."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="deadlines")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("rule"), max_length=40, choices=RULE_CHOICES)
    reference = models.CharField(_("rule reference"), max_length=120)
    trigger_on = models.DateField(_("trigger date"))
    due_on = models.DateField(_("computed due date"))
    steps = models.JSONField(_("counting steps"), default=list)
    calendar = models.CharField(_("holiday calendar"), max_length=10)
    computed_at = models.DateTimeField(_("computed"))
    override_on = models.DateField(_("overriding due date"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(_("overridden"), null=True, blank=True)
    effective_on = models.DateField(_("due"), db_index=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["effective_on", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "rule"], name="deadline_unique_rule")]
        indexes = [models.Index(fields=["company", "association", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.rule} {self.effective_on}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Reminder")
    OVERDUE = "overdue", _("Overdue escalation")


class ReminderSent(models.Model):
    """One reminder to one person. The unique constraint is what makes the job send each exactly once, even when
    two runs overlap: the second insert waits for the first transaction and then fails."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    offset = models.SmallIntegerField()  # days before the due date; -1 for the overdue escalation
    due_on = models.DateField()  # the effective date reminded of: a new date gets its own reminders
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "kind", "offset", "due_on"], name="reminder_sent_exactly_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.offset} {self.due_on}"


class ReminderSettings(models.Model):
    """A company's own reminder offsets, instead of settings.DEADLINE_REMINDER_OFFSETS."""

    company = models.OneToOneField("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    offsets = models.JSONField(_("reminder days before the due date"), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reminders of company #{self.company_id}"


class CalendarFeed(models.Model):
    """A company's iCalendar feed. Only the token's SHA-256 is stored; rotating revokes the old token."""

    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=models.Q(revoked_at__isnull=True), name="calendar_feed_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"calendar feed #{self.pk}"
