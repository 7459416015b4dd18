"""API shapes of deadlines. Input serializers check types only; the services do the rest."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sharing.deadlines import engine
from sharing.deadlines.models import CaseFacts, Deadline
from sharing.deadlines.services import FACT_FIELDS


class StepSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(help_text=_("The step as a sentence in the caller's language."))
    params = serializers.DictField(help_text=_("The dates (ISO 8601) and numbers the sentence uses."))


class DeadlineSerializer(serializers.ModelSerializer):
    rule_label = serializers.SerializerMethodField()
    report = serializers.IntegerField(source="report_id", read_only=True)
    plaintiff = serializers.CharField(source="report.plaintiff_name", read_only=True)
    done = serializers.SerializerMethodField()
    disclaimer = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields: tuple[str, ...] = (
            "id", "report", "plaintiff", "rule", "rule_label", "reference", "trigger_on", "due_on", "override_on",
            "override_reason", "overridden_at", "effective_on", "calendar", "computed_at", "done", "disclaimer",
        )  # fmt: skip

    def get_rule_label(self, deadline) -> str:
        return str(engine.RULES[deadline.rule].label)

    def get_done(self, deadline) -> bool:
        return deadline.done_at is not None

    def get_disclaimer(self, deadline) -> str:
        return str(engine.DISCLAIMER)


class DeadlineDetailSerializer(DeadlineSerializer):
    steps = serializers.SerializerMethodField()

    class Meta(DeadlineSerializer.Meta):
        fields = (*DeadlineSerializer.Meta.fields, "steps")

    @staticmethod
    def _step(step: dict) -> dict:
        return {"code": step["code"], "text": engine.step_text(step), "params": step.get("params", {})}

    def get_steps(self, deadline) -> list[dict]:  # the schema reads this annotation
        # many=True makes a ListSerializer, whose data is a list; djangorestframework-stubs type it as the
        # single serializer's ReturnDict.
        return StepSerializer([self._step(step) for step in deadline.steps], many=True).data  # type: ignore[return-value]


class CaseFactsSerializer(serializers.ModelSerializer):
    """The facts of one case. PUT takes every field; a missing one keeps its value."""

    deadlines = DeadlineDetailSerializer(source="report.deadlines", many=True, read_only=True)

    class Meta:
        model = CaseFacts
        fields = (*FACT_FIELDS, "updated_at", "deadlines")
        read_only_fields = ("updated_at",)
        extra_kwargs = {
            "holiday_calendar": {"validators": []},
            "complaint_service_method": {"allow_blank": True},
            "amended_service_method": {"allow_blank": True},
        }


class OverrideSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class DoneSerializer(serializers.Serializer):
    done = serializers.BooleanField()


class FeedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("The secret calendar address: shown only in this response."))
