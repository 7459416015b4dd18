"""What an event's `data` holds: exactly what the partner API shows of a published report (its serializer), a
withdrawn report's public id, a campaign's subject and counts. Never anything naming a reporting company.
Labels are rendered in English; the codes beside them are stable."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from sharing.campaigns.models import Campaign
from sharing.campaigns.serializers import CampaignSerializer
from sharing.reports.models import SharedVersion
from sharing.reports.serializers import PublishedReportSerializer

PAYLOAD_LANGUAGE = "en"


def _plain(data: Any) -> dict[str, Any]:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def report_data(version: SharedVersion, *, replaces: int | None = None) -> dict[str, Any]:
    """The published version as GET /reports/<id>/ lists it (`id` is that URL's id); `replaces`: the id of the
    revision it supersedes, for report.updated."""
    with translation.override(PAYLOAD_LANGUAGE):
        data = _plain(PublishedReportSerializer(version).data)
    if replaces is not None:
        data["replaces"] = replaces
    return data


def withdrawn_data(version_id: int) -> dict[str, Any]:
    """A withdrawn report is announced by the id of its last published revision, and nothing else."""
    return {"id": version_id}


class WebhookCampaignSerializer(CampaignSerializer):
    """A campaign as every member sees it in the list, without the reader's own involvement."""

    class Meta(CampaignSerializer.Meta):
        fields = [name for name in CampaignSerializer.Meta.fields if name not in {"affected", "opted_in"}]
        read_only_fields = fields


def campaign_data(campaign: Campaign) -> dict[str, Any]:
    with translation.override(PAYLOAD_LANGUAGE):
        return _plain(WebhookCampaignSerializer(campaign).data)
