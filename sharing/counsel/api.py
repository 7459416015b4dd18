"""REST endpoints of the counsel network: the directory for every person of the association (kept by moderators
and association admins), recommendations and reviews by a company's admins, replies by the reviewed firm's
counsel, review moderation, and a defense group's engagements. Partner keys (scope counsel:read) read the
directory's current firms where the association opens it to partners (Association.counsel_open_to_partners), and
get a 404 everywhere else."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.scopes import ApiScope
from sharing.counsel import selectors, services
from sharing.counsel.models import LawFirm, Office, Recommendation, Review
from sharing.counsel.serializers import (
    DirectoryQuerySerializer,
    EngagementInputSerializer,
    EngagementSerializer,
    FirmDetailSerializer,
    FirmInputSerializer,
    FirmSerializer,
    FlagSerializer,
    ModeratedReviewSerializer,
    OwnRecommendationSerializer,
    OwnReviewSerializer,
    PublishedReviewSerializer,
    RecommendationInputSerializer,
    ReplyInputSerializer,
    ReviewDecisionSerializer,
    ReviewInputSerializer,
    ReviewPreviewSerializer,
)
from sharing.defense.access import Level
from sharing.defense.api import GroupAPIView
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, NoAccess, Role
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})


def firm_detail(view: AssociationGenericAPIView, firm: LawFirm, status_code: int = status.HTTP_200_OK) -> Response:
    firm = selectors.firms(view.access).prefetch_related("offices", "attorneys", "fees").get(pk=firm.pk)
    context = {
        **view.get_serializer_context(),
        "recommendations": selectors.recommendation_counts(firm),
        "ratings": selectors.rating_breakdown(firm),
    }
    return Response(FirmDetailSerializer(firm, context=context).data, status=status_code)


LIST_COLUMNS = ("id", "association_id", "name_en", "name_zh", "forums", "kinds", "rights", "industries", "languages",
                "verified_at", "retired_at", "recommending_companies", "reviewing_companies", "rating")  # fmt: skip


class FirmListView(AssociationListAPIView):
    """The directory: filter by forum, kind, right, language, fee model (`fee_kind`), verified; `q` searches the
    names, the practice, the attorneys and the offices; sort by name, recommendations or rating (firms below the
    review threshold have none and come last). POST: a new firm (moderators and association admins)."""

    role_map = {"GET": PERSON_ROLES | {Role.PARTNER}, "POST": STAFF_ROLES}
    partner_scope = ApiScope.COUNSEL_READ
    serializer_class = FirmSerializer
    query_serializer_class = DirectoryQuerySerializer

    @property
    def cursor_ordering(self) -> tuple[str, ...]:
        return selectors.SORTS[self.filters.sort]

    @cached_property
    def filters(self) -> selectors.DirectoryFilters:
        query = self.query()
        return selectors.DirectoryFilters(
            text=query.get("q", ""), sort=query["sort"], verified=query["verified"],
            **{name: query.get(name, "") for name in ("forum", "kind", "right", "language", "fee_kind")},
        )  # fmt: skip

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LawFirm.objects.none()
        # Only the columns the list shows (not the practice texts, contacts, search text), and the offices' three:
        # model instances are most of this endpoint's time (pyinstrument, 5,000 firms).
        return (
            selectors.directory(self.access, self.filters)
            .only(*LIST_COLUMNS)
            .prefetch_related(Prefetch("offices", queryset=Office.objects.only("firm_id", "city", "country")))
        )

    @extend_schema(request=FirmInputSerializer, responses={201: FirmDetailSerializer})
    def post(self, request, slug):
        firm = services.firm_save(access=self.access, data=self.body(FirmInputSerializer))
        return firm_detail(self, firm, status.HTTP_201_CREATED)


class FirmDetailView(AssociationGenericAPIView):
    """One firm's entry: attorneys, offices, fees, how many member companies recommend it for each kind of case
    and forum, and its ratings averaged over companies once enough companies reviewed it. PATCH: change the
    entry (moderators and association admins)."""

    role_map = {"GET": PERSON_ROLES | {Role.PARTNER}, "PATCH": STAFF_ROLES}
    partner_scope = ApiScope.COUNSEL_READ
    serializer_class = FirmDetailSerializer

    def get(self, request, slug, pk):
        return firm_detail(self, selectors.get_firm(self.access, pk))

    @extend_schema(request=FirmInputSerializer, responses=FirmDetailSerializer)
    def patch(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        services.firm_save(access=self.access, firm=firm, data=self.body(FirmInputSerializer))
        return firm_detail(self, firm)


class FirmVerifyView(AssociationGenericAPIView):
    """Mark the firm verified by the association (`value`: false takes the mark back). Moderators and
    association admins; audited."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = FirmDetailSerializer

    @extend_schema(request=FlagSerializer, responses=FirmDetailSerializer)
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        services.firm_verify(access=self.access, firm=firm, verified=self.body(FlagSerializer)["value"])
        return firm_detail(self, firm)


class FirmRetireView(AssociationGenericAPIView):
    """Take the firm out of the directory (`value`: false brings it back); its reviews and engagements stay.
    Moderators and association admins; audited."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = FirmDetailSerializer

    @extend_schema(request=FlagSerializer, responses=FirmDetailSerializer)
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        services.firm_retire(access=self.access, firm=firm, retired=self.body(FlagSerializer)["value"])
        return firm_detail(self, firm)


class FirmProposalView(AssociationGenericAPIView):
    """The firm's counsel propose changes to its entry (the fields that differ are kept); a moderator applies
    them or not."""

    role_map = {"POST": frozenset({Role.COUNSEL})}
    serializer_class = FirmInputSerializer

    @extend_schema(request=FirmInputSerializer, responses={201: None})
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        services.proposal_submit(access=self.access, firm=firm, data=self.body(FirmInputSerializer))
        return Response(status=status.HTTP_201_CREATED)


class FirmReviewListView(AssociationListAPIView):
    """A firm's published reviews, newest first: none until enough companies reviewed it. POST: your company
    reviews the firm for one of its reports (a company admin); it waits for a moderator."""

    role_map = {"GET": PERSON_ROLES, "POST": COMPANY_ADMIN}
    serializer_class = PublishedReviewSerializer
    cursor_ordering = ("-published_month", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return selectors.published_reviews(selectors.get_firm(self.access, self.kwargs["pk"]))

    @extend_schema(request=ReviewInputSerializer, responses={201: OwnReviewSerializer})
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        review = services.review_submit(access=self.access, firm=firm, data=self.body(ReviewInputSerializer))
        return Response(OwnReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class FirmReviewPreviewView(AssociationGenericAPIView):
    """What your review would show to others, with every redaction marked. Nothing is saved."""

    role_map = {"POST": COMPANY_ADMIN}
    serializer_class = ReviewPreviewSerializer

    @extend_schema(request=ReviewInputSerializer, responses=ReviewPreviewSerializer)
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        redaction = services.review_preview(access=self.access, firm=firm, data=self.body(ReviewInputSerializer))
        spans = [
            {"start": s.start, "end": s.end, "placeholder": s.placeholder, "text": redaction.source[s.start : s.end]}
            for s in redaction.spans
        ]
        return Response(
            self.get_serializer({"text": redaction.text, "source": redaction.source, "redactions": spans}).data
        )


class FirmRecommendView(AssociationGenericAPIView):
    """Your company recommends the firm for a kind of case in a forum (a company admin). Others only ever see how
    many companies recommend it."""

    role_map = {"POST": COMPANY_ADMIN}
    serializer_class = OwnRecommendationSerializer

    @extend_schema(request=RecommendationInputSerializer, responses={201: OwnRecommendationSerializer})
    def post(self, request, slug, pk):
        firm = selectors.get_firm(self.access, pk)
        recommendation = services.recommend(access=self.access, firm=firm, **self.body(RecommendationInputSerializer))
        return Response(self.get_serializer(recommendation).data, status=status.HTTP_201_CREATED)


class OwnRecommendationListView(AssociationListAPIView):
    """Your company's recommendations (its people see them; nobody else does)."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = OwnRecommendationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Recommendation.objects.none()
        return selectors.own_recommendations(self.access)


class OwnRecommendationDetailView(AssociationGenericAPIView):
    """DELETE: take your company's recommendation back (a company admin)."""

    role_map = {"DELETE": COMPANY_ADMIN}
    serializer_class = OwnRecommendationSerializer

    def delete(self, request, slug, pk):
        services.unrecommend(access=self.access, recommendation_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OwnReviewListView(AssociationListAPIView):
    """Your company's reviews, every status, with the moderator's note."""

    role_map = {"GET": COMPANY_ROLES}
    serializer_class = OwnReviewSerializer
    cursor_ordering = ("-submitted_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return selectors.own_reviews(self.access)


class OwnReviewWithdrawView(AssociationGenericAPIView):
    """Withdraw your company's review: it is no longer shown, and the firm's counts and rating change at once."""

    role_map = {"POST": COMPANY_ADMIN}
    serializer_class = OwnReviewSerializer

    @extend_schema(request=None)
    def post(self, request, slug, pk):
        review = services.review_withdraw(access=self.access, review=selectors.get_own_review(self.access, pk))
        return Response(self.get_serializer(review).data)


class ReviewReplyView(AssociationGenericAPIView):
    """The reviewed firm's counsel answer a published review, once; a moderator publishes the answer."""

    role_map = {"POST": frozenset({Role.COUNSEL})}
    serializer_class = PublishedReviewSerializer

    @extend_schema(request=ReplyInputSerializer, responses={201: None})
    def post(self, request, slug, pk):
        review = selectors.get_published_review(self.access, pk)
        services.reply_submit(access=self.access, review=review, **self.body(ReplyInputSerializer))
        return Response(status=status.HTTP_201_CREATED)


# Moderation --------------------------------------------------------------------------------------------------


class ModeratedReviewListView(AssociationListAPIView):
    """Reviews awaiting a moderator, oldest first."""

    role_map = {"GET": STAFF_ROLES}
    serializer_class = ModeratedReviewSerializer
    cursor_ordering = ("submitted_at", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return selectors.review_queue(self.access)


class ModeratedReviewDecisionView(AssociationGenericAPIView):
    """Publish a review (`redactions`: more words to redact first), return it for changes or reject it; `note`
    reaches the reviewing company."""

    role_map = {"POST": STAFF_ROLES}
    serializer_class = ModeratedReviewSerializer

    @extend_schema(request=ReviewDecisionSerializer)
    def post(self, request, slug, pk, decision):
        review = selectors.get_review_for_moderation(self.access, pk)
        if decision not in ("publish", "return", "reject"):
            raise NoAccess
        body = self.body(ReviewDecisionSerializer)
        review = services.review_decide(access=self.access, review=review, action=decision, **body)
        return Response(self.get_serializer(review).data)


# A defense group's engagements -------------------------------------------------------------------------------


class EngagementListView(GroupAPIView):
    """The firms the group engaged (its participants see them). POST: the lead's admins record an engagement and
    invite the firm's chosen counsel users, who join once they accept the group's agreement."""

    levels = {"GET": Level.SUMMARY}
    hide_below_level = True
    serializer_class = EngagementSerializer
    pagination_class = None  # a group's few engagements come whole

    @extend_schema(responses=EngagementSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.engagements(self.gaccess), many=True).data)

    @extend_schema(request=EngagementInputSerializer, responses={201: EngagementSerializer})
    def post(self, request, slug, group_id):
        self.require_manager()
        body = self.body(EngagementInputSerializer)
        firm = selectors.firms(self.access).filter(pk=body["firm"]).first()
        wanted = set(body.get("counsel", []))
        counsel = list(get_user_model().objects.filter(pk__in=wanted))
        errors = {}
        if firm is None:
            errors["firm"] = [_("Choose a firm of the directory.")]
        if len(counsel) != len(wanted):
            errors["counsel"] = [_("Choose among the firm's attorneys who are the association's counsel.")]
        if errors or firm is None:
            raise ValidationError(errors)
        engagement = services.engage(
            gaccess=self.gaccess, firm=firm, scope=body["scope"], fee_arrangement=body["fee_arrangement"],
            started_on=body["started_on"], counsel=counsel,
        )  # fmt: skip
        return Response(self.get_serializer(engagement).data, status=status.HTTP_201_CREATED)
