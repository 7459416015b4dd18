"""REST endpoints for campaigns (every person of the association; opting in and a group in one step for an
affected company's admins) and for the moderators' plaintiff merges and splits."""

from types import SimpleNamespace

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.scopes import ApiScope
from sharing.campaigns import merging, selectors, services
from sharing.campaigns.models import Campaign
from sharing.campaigns.serializers import (
    CampaignDetailSerializer,
    CampaignGroupSerializer,
    CampaignSerializer,
    MergeSerializer,
    ModeratedPlaintiffSerializer,
    SplitSerializer,
)
from sharing.defense.selectors import groups_for
from sharing.defense.serializers import GroupSerializer
from sharing.plaintiffs.models import PlaintiffEntity
from sharing.reports.models import SharedVersion
from sharing.reports.rights import parse_patent
from sharing.reports.serializers import PublishedReportSerializer
from tenancy.access import PERSON_ROLES, STAFF_ROLES, NoAccess, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView
from tenancy.kept_lists import KeptListMixin

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})


class CampaignListView(KeptListMixin, AssociationListAPIView):
    """Campaigns of the association (two member companies or more), most recently active first: what is faced
    and by how many companies, never which. Partner keys read it too (the scope campaigns:read)."""

    role_map = {"GET": PERSON_ROLES | {Role.PARTNER}}
    partner_scope = ApiScope.CAMPAIGNS_READ
    serializer_class = CampaignSerializer
    cursor_ordering = ("-updated_at", "-id")

    def list_audience(self) -> str:
        """Each row says whether the caller's company is in the campaign and has opted in."""
        company = self.access.company
        return f"company:{company.pk}" if company is not None else "no company"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        return selectors.campaigns_for(self.access)

    @extend_schema(
        examples=[
            OpenApiExample(
                "Two members facing one design patent",
                response_only=True,
                value={
                    "id": 3, "basis": "patent", "basis_label": "Same patent", "subject": "US D765,432",
                    "plaintiff": None, "patent": "US D765,432", "law_firm": "", "forum": "", "forum_label": "",
                    "company_count": 2, "report_count": 2, "first_filed": "2026-03", "last_filed": "2026-03",
                    "created_at": "2026-04-02T08:15:00Z", "updated_at": "2026-04-09T10:02:00Z",
                    "affected": False, "opted_in": False,
                },
            )
        ]
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CampaignDetailView(AssociationGenericAPIView):
    """One campaign with its forums, outcomes so far, patents and listed groups; the opted-in companies' names
    for a company that opted in."""

    role_map = {"GET": PERSON_ROLES}
    serializer_class = CampaignDetailSerializer

    def get(self, request, slug, pk):
        campaign = selectors.get_campaign(self.access, pk)
        versions = selectors.campaign_versions(self.access, campaign)
        campaign.detail = SimpleNamespace(
            forums=selectors.campaign_counts(versions, "forum"),
            outcomes=selectors.campaign_counts(versions, "outcome"),
            patents=[parse_patent(key).display for key in selectors.campaign_patents(versions)],
            groups=[group.name for group in selectors.campaign_groups(self.access, campaign)],
            companies=selectors.opted_in_companies(self.access, campaign),
        )
        return Response(self.get_serializer(campaign).data)


class CampaignReportListView(AssociationListAPIView):
    """The published reports behind a campaign, oldest filing first (those the published list shows for its
    plaintiff, patent, or law firm and forum)."""

    role_map = {"GET": PERSON_ROLES}
    serializer_class = PublishedReportSerializer
    cursor_ordering = ("filed_month", "published_at", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SharedVersion.objects.none()
        campaign = selectors.get_campaign(self.access, self.kwargs["pk"])
        return selectors.campaign_versions(self.access, campaign)


class _AffectedCampaign(AssociationGenericAPIView):
    """For an affected company's admins; anyone else gets the 404 of a missing campaign."""

    role_map = {"POST": COMPANY_ADMIN}
    serializer_class: type[serializers.BaseSerializer] = CampaignSerializer
    needs_opt_in = False

    def campaign(self, pk) -> Campaign:
        campaign = selectors.get_campaign(self.access, pk)
        if not campaign.affected or (self.needs_opt_in and not campaign.opted_in):
            raise NoAccess
        return campaign


class CampaignOptInView(_AffectedCampaign):
    """Opt your company in: the other companies that opted in see its name, and it sees theirs."""

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        services.campaign_opt_in(access=self.access, campaign=self.campaign(pk))
        return Response(self.get_serializer(selectors.get_campaign(self.access, pk)).data)


class CampaignOptOutView(_AffectedCampaign):
    """Opt your company out: the others no longer see its name."""

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        services.campaign_opt_out(access=self.access, campaign=self.campaign(pk))
        return Response(self.get_serializer(selectors.get_campaign(self.access, pk)).data)


class CampaignGroupCreateView(_AffectedCampaign):
    """Create a defense group around the campaign (your company leads it), inviting every other opted-in
    company at once. Your company must have opted in."""

    needs_opt_in = True
    serializer_class = GroupSerializer

    @extend_schema(request=CampaignGroupSerializer, responses={201: GroupSerializer})
    def post(self, request, slug, pk):
        campaign = self.campaign(pk)
        group = services.campaign_group_create(
            access=self.access, campaign=campaign, **self.body(CampaignGroupSerializer)
        )
        group = groups_for(self.access).get(pk=group.pk)
        return Response(self.get_serializer(group).data, status=status.HTTP_201_CREATED)


# Plaintiff entities: moderators and association admins -----------------------------------------------------


class ModeratedPlaintiffListView(AssociationListAPIView):
    """Plaintiffs of reports that reached moderation, with every name they go by."""

    role_map = {"GET": STAFF_ROLES}
    serializer_class = ModeratedPlaintiffSerializer
    cursor_ordering = ("name", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlaintiffEntity.objects.none()
        return selectors.moderated_plaintiffs(self.access)


class PlaintiffMergeView(AssociationGenericAPIView):
    """Merge this plaintiff into `target`: names, reports, groups and campaigns move there; this one is deleted.
    Audited."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = ModeratedPlaintiffSerializer

    @extend_schema(request=MergeSerializer)
    def post(self, request, slug, pk):
        source = selectors.get_moderated_plaintiff(self.access, pk)
        target = merging.plaintiff_merge(
            association=self.access.association,
            actor=request.user,
            source_id=source.pk,
            target_id=self.body(MergeSerializer)["target"],
        )
        return Response(self.get_serializer(target).data)


class PlaintiffSplitView(AssociationGenericAPIView):
    """Split the chosen names (`aliases`) and the reports written under them off into a new plaintiff. At least
    one name stays. Audited."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = ModeratedPlaintiffSerializer

    @extend_schema(request=SplitSerializer, responses={201: ModeratedPlaintiffSerializer})
    def post(self, request, slug, pk):
        entity = selectors.get_moderated_plaintiff(self.access, pk)
        new = merging.plaintiff_split(
            association=self.access.association,
            actor=request.user,
            entity_id=entity.pk,
            alias_ids=self.body(SplitSerializer)["aliases"],
        )
        return Response(self.get_serializer(new).data, status=status.HTTP_201_CREATED)
