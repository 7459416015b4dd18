"""Counsel pages, mounted at /a/<slug>/counsel/: the directory and a firm's page (every person of the association),
recommendations and reviews (company admins), proposals and replies (a firm's counsel), the directory's upkeep and
moderation (moderators and association admins), and a defense group's engagement of a firm (the group's lead).

Reads go through sharing.counsel.selectors, writes through sharing.counsel.services, one call each. What readers
see of recommendations and reviews is counted over companies and never names one; reviews only past the threshold.
A moderator sees a review's shared text, never the text as written (it would name the reviewing company).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sharing.counsel import selectors, services
from sharing.counsel.choices import RATING_FIELDS, ReviewStatus
from sharing.counsel.forms import (
    AttorneyForm,
    DirectoryForm,
    EngageForm,
    FeeForm,
    FirmChoiceForm,
    FirmForm,
    OfficeForm,
    RecommendForm,
    ReplyForm,
    ReviewDecisionForm,
    ReviewForm,
)
from sharing.counsel.models import Attorney, LawFirm, Proposal, Reply, Review
from sharing.counsel.templatetags.counsel_tags import code_labels
from sharing.defense.views import GroupMixin
from sharing.reports.anonymizer import marked_shared, marked_source
from tenancy.access import COMPANY_ROLES, PERSON_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.mixins import AssociationMixin
from web.forms import add_service_errors
from web.pagination import page_of
from web.service_views import ServiceActionView, ServiceFormView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})
COUNSEL = frozenset({Role.COUNSEL})

if TYPE_CHECKING:
    from django.views.generic.base import ContextMixin

    class _MixedInto(ContextMixin, View):
        """What the mixins below are mixed into (their super() calls are checked against it)."""

        access: Access  # AssociationMixin's
else:
    _MixedInto = object


def counsel_url(name: str, slug: str, **kwargs: Any) -> str:
    return reverse(f"counsel:{name}", kwargs={"slug": slug, **kwargs})


# The directory and a firm's page: every person of the association ------------------------------------------


class DirectoryView(AssociationMixin, TemplateView):
    """Filters, search and sort over the kept counts: one query for the page, whatever its size."""

    allowed_roles = PERSON_ROLES
    template_name = "counsel/directory.html"

    def get_context_data(self, **kwargs):
        form = DirectoryForm(self.request.GET)
        firms = selectors.directory(self.access, form.filters()) if form.is_valid() else LawFirm.objects.none()
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            page_obj=page_of(self.request, firms),
            threshold=selectors.review_threshold(),
            is_staff=self.access.has_any(STAFF_ROLES),
            extra_query=query.urlencode(),
            **kwargs,
        )


@dataclass
class ShownReview:
    review: Review
    reply: Reply | None  # the firm's reply, whatever its status (only a published one is shown to readers)
    reply_form: ReplyForm | None = None  # for the firm's counsel, while the review has no reply


def _reply_of(review: Review) -> Reply | None:
    try:
        return review.reply  # selected with the review (selectors.published_reviews)
    except ObjectDoesNotExist:
        return None


class _Firm(_MixedInto):
    """Resolves `self.firm` for the caller (a retired firm only for staff; NoAccess otherwise)."""

    @cached_property
    def firm(self) -> LawFirm:
        return selectors.get_firm(self.access, self.kwargs["firm_id"])

    def firm_url(self, name: str = "firm") -> str:
        return counsel_url(name, self.access.association.slug, firm_id=self.firm.pk)

    def get_success_url(self) -> str:
        return self.firm_url()


class _FirmPage(_Firm):
    """A firm's page; the views that post a form of it (recommend) render it again with the bound form."""

    template_name: str | None = "counsel/firm.html"

    def get_context_data(self, **kwargs):
        access, firm = self.access, self.firm
        threshold = selectors.review_threshold()
        is_counsel = selectors.is_firm_counsel(access, firm)
        reviews = [ShownReview(review, _reply_of(review)) for review in selectors.published_reviews(firm)]
        for item in reviews:
            if is_counsel and item.reply is None:  # one form a review, each with ids of its own
                item.reply_form = ReplyForm(auto_id=f"reply-{item.review.pk}-%s")
        context: dict[str, Any] = {
            "firm": firm,
            "attorneys": firm.attorneys.all(),
            "offices": firm.offices.all(),
            "fees": firm.fees.all(),
            "recommendations": selectors.recommendation_counts(firm),
            "threshold": threshold,
            "past_threshold": firm.reviewing_companies >= threshold,
            "ratings": selectors.rating_breakdown(firm),
            "reviews": reviews,
            "is_staff": access.has_any(STAFF_ROLES),
            "is_counsel": is_counsel,
            "can_recommend": access.is_company_admin and firm.retired_at is None,
        }
        if context["can_recommend"]:
            context["own_recommendations"] = selectors.own_recommendations(access).filter(firm=firm)
            context.setdefault("recommend_form", RecommendForm(prefix="recommend"))
        context.update(kwargs)
        return super().get_context_data(**context)


class FirmView(AssociationMixin, _FirmPage, TemplateView):
    allowed_roles = PERSON_ROLES


class RecommendView(AssociationMixin, _FirmPage, ServiceFormView):
    """A company admin recommends the firm for a kind of case in a forum; errors on the firm's page."""

    allowed_roles = COMPANY_ADMIN
    http_method_names = ["post"]
    form_class = RecommendForm
    prefix = "recommend"

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommend_form=kwargs.pop("form"), **kwargs)

    def perform(self, form):
        services.recommend(access=self.access, firm=self.firm, **form.cleaned_data)
        return _("Your company's recommendation is counted. Nobody learns which company made it.")


class UnrecommendView(AssociationMixin, _Firm, ServiceActionView):
    allowed_roles = COMPANY_ADMIN

    def perform(self):
        mine = selectors.own_recommendations(self.access).filter(firm=self.firm, pk=self.kwargs["recommendation_id"])
        if not mine.exists():
            raise NoAccess
        services.unrecommend(access=self.access, recommendation_id=self.kwargs["recommendation_id"])
        return _("Your company's recommendation is removed.")


# The directory's upkeep: moderators and association admins ------------------------------------------------


class FirmCreateView(AssociationMixin, ServiceFormView):
    allowed_roles = STAFF_ROLES
    form_class = FirmForm
    template_name = "counsel/firm_form.html"
    saved: LawFirm

    @property
    def edited(self) -> LawFirm | None:
        """The firm being edited (FirmEditView); None for a new one."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(firm=self.edited, **kwargs)

    def perform(self, form):
        self.saved = services.firm_save(access=self.access, data=form.cleaned_data, firm=self.edited)
        return _("The firm is saved.")

    def get_success_url(self) -> str:
        return counsel_url("firm", self.access.association.slug, firm_id=self.saved.pk)


class FirmEditView(FirmCreateView):
    @cached_property
    def edited(self) -> LawFirm:
        return selectors.get_firm(self.access, self.kwargs["firm_id"])

    def get_initial(self):
        return FirmForm.initial_for(self.edited)


class FirmVerifyView(AssociationMixin, _Firm, ServiceActionView):
    allowed_roles = STAFF_ROLES
    verified = True

    def perform(self):
        services.firm_verify(access=self.access, firm=self.firm, verified=self.verified)
        if self.verified:
            return _("The firm is marked verified by the association.")
        return _("The firm is no longer marked verified.")


class FirmRetireView(AssociationMixin, _Firm, ServiceActionView):
    allowed_roles = STAFF_ROLES
    retired = True

    def perform(self):
        services.firm_retire(access=self.access, firm=self.firm, retired=self.retired)
        if self.retired:
            return _("The firm is retired: members no longer see it in the directory.")
        return _("The firm is back in the directory.")


class _Manage(_Firm):
    """The firm's attorneys, offices and fee models, with the forms adding an office and a fee model."""

    template_name: str | None = "counsel/manage.html"

    def get_success_url(self) -> str:
        return self.firm_url("manage")

    def get_context_data(self, **kwargs):
        firm = self.firm
        context = {
            "firm": firm,
            "attorneys": firm.attorneys.select_related("user"),
            "offices": firm.offices.all(),
            "fees": firm.fees.all(),
            "office_form": OfficeForm(prefix="office"),
            "fee_form": FeeForm(prefix="fee"),
        }
        return super().get_context_data(**{**context, **kwargs})


class FirmManageView(AssociationMixin, _Manage, TemplateView):
    allowed_roles = STAFF_ROLES


class OfficeAddView(AssociationMixin, _Manage, ServiceFormView):
    allowed_roles = STAFF_ROLES
    http_method_names = ["post"]
    form_class = OfficeForm
    prefix = "office"

    def get_context_data(self, **kwargs):
        return super().get_context_data(office_form=kwargs.pop("form"), **kwargs)

    def perform(self, form):
        services.office_add(access=self.access, firm=self.firm, **form.cleaned_data)
        return _("The office is added.")


class FeeAddView(AssociationMixin, _Manage, ServiceFormView):
    allowed_roles = STAFF_ROLES
    http_method_names = ["post"]
    form_class = FeeForm
    prefix = "fee"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fee_form=kwargs.pop("form"), **kwargs)

    def perform(self, form):
        services.fee_add(access=self.access, firm=self.firm, data=form.cleaned_data)
        return _("The fee model is added.")


def _one_of(items: "QuerySet[Any]", pk: Any) -> Any:
    """The firm's attorney, office or fee model of that id (the firm resolved for the caller), or NoAccess."""
    found = items.filter(pk=pk).first()
    if found is None:
        raise NoAccess
    return found


class OfficeRemoveView(AssociationMixin, _Manage, ServiceActionView):
    allowed_roles = STAFF_ROLES

    def perform(self):
        services.office_remove(access=self.access, office=_one_of(self.firm.offices.all(), self.kwargs["office_id"]))
        return _("The office is removed.")


class FeeRemoveView(AssociationMixin, _Manage, ServiceActionView):
    allowed_roles = STAFF_ROLES

    def perform(self):
        services.fee_remove(access=self.access, fee=_one_of(self.firm.fees.all(), self.kwargs["fee_id"]))
        return _("The fee model is removed.")


class AttorneyAddView(AssociationMixin, _Manage, ServiceFormView):
    allowed_roles = STAFF_ROLES
    form_class = AttorneyForm
    template_name = "counsel/attorney_form.html"

    @property
    def attorney(self) -> Attorney | None:
        """The attorney being edited (AttorneyEditView); None for a new one."""
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "users": selectors.counsel_users(self.access.association.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(attorney=self.attorney, **kwargs)

    def perform(self, form):
        services.attorney_save(access=self.access, firm=self.firm, data=form.cleaned_data, attorney=self.attorney)
        return _("The attorney is saved.")


class AttorneyEditView(AttorneyAddView):
    @cached_property
    def attorney(self) -> Attorney:
        return _one_of(self.firm.attorneys.all(), self.kwargs["attorney_id"])

    def get_initial(self):
        return AttorneyForm.initial_for(self.attorney)


class AttorneyRemoveView(AssociationMixin, _Manage, ServiceActionView):
    allowed_roles = STAFF_ROLES

    def perform(self):
        attorney = _one_of(self.firm.attorneys.all(), self.kwargs["attorney_id"])
        services.attorney_remove(access=self.access, attorney=attorney)
        return _("The attorney is removed.")


# Reviews: a company admin writes them, the company's people follow them ------------------------------------


class ReviewView(AssociationMixin, _Firm, ServiceFormView):
    """ "Preview" shows the review as others would read it, its redactions marked, and saves nothing;
    "Submit for moderation" sends it to the moderators."""

    allowed_roles = COMPANY_ADMIN
    form_class = ReviewForm
    template_name = "counsel/review_form.html"

    def get_form_kwargs(self):
        reports = selectors.reviewable_reports(self.access).filter(status__in=services.REVIEWABLE)
        return {**super().get_form_kwargs(), "reports": reports}

    def get_context_data(self, **kwargs):
        return super().get_context_data(firm=self.firm, **kwargs)

    def form_valid(self, form):
        if "preview" not in self.request.POST:
            return super().form_valid(form)
        try:
            redaction = services.review_preview(access=self.access, firm=self.firm, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, marked=marked_source(redaction)))

    def perform(self, form):
        services.review_submit(access=self.access, firm=self.firm, data=form.service_data())
        return _("Your review is sent to the moderators. The firm never learns which company wrote it.")

    def get_success_url(self) -> str:
        return counsel_url("own_reviews", self.access.association.slug)


class OwnReviewsView(AssociationMixin, TemplateView):
    allowed_roles = COMPANY_ROLES
    template_name = "counsel/own_reviews.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_obj=page_of(self.request, selectors.own_reviews(self.access)),
            can_withdraw=self.access.is_company_admin,
            ended=(ReviewStatus.WITHDRAWN, ReviewStatus.REJECTED),
            **kwargs,
        )


class ReviewWithdrawView(AssociationMixin, ServiceActionView):
    allowed_roles = COMPANY_ADMIN
    success_url_name = "counsel:own_reviews"

    def perform(self):
        review = selectors.get_own_review(self.access, self.kwargs["review_id"])
        services.review_withdraw(access=self.access, review=review)
        return _("Your review is withdrawn.")


# A firm's counsel: proposals and replies ------------------------------------------------------------------


class _CounselOfFirm(_Firm):
    """Runs after AssociationMixin: anyone but one of the firm's counsel gets the 404 of a missing firm."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.is_firm_counsel(self.access, self.firm):
            raise NoAccess
        return super().dispatch(request, *args, **kwargs)


class ProposeView(AssociationMixin, _CounselOfFirm, ServiceFormView):
    """The firm's counsel propose changes to its entry, the form filled with the entry as it is."""

    allowed_roles = COUNSEL
    form_class = FirmForm
    template_name = "counsel/propose.html"

    def get_initial(self):
        return FirmForm.initial_for(self.firm)

    def get_context_data(self, **kwargs):
        return super().get_context_data(firm=self.firm, **kwargs)

    def perform(self, form):
        services.proposal_submit(access=self.access, firm=self.firm, data=form.cleaned_data)
        return _("Your proposal is sent to the association's moderators.")


class ReplyView(AssociationMixin, ServiceFormView):
    """The reviewed firm's counsel answer a published review, once; a moderator decides the reply."""

    allowed_roles = COUNSEL
    form_class = ReplyForm
    template_name = "counsel/reply.html"

    @cached_property
    def review(self) -> Review:
        review = selectors.get_published_review(self.access, self.kwargs["review_id"])
        if not selectors.is_firm_counsel(self.access, review.firm):
            raise NoAccess
        return review

    def get_context_data(self, **kwargs):
        review = self.review
        return super().get_context_data(
            review=review, firm=review.firm, shared=marked_shared(review.shared_text), **kwargs
        )

    def perform(self, form):
        services.reply_submit(access=self.access, review=self.review, text=form.cleaned_data["text"])
        return _("Your reply is sent to the moderators.")

    def get_success_url(self) -> str:
        return counsel_url("firm", self.access.association.slug, firm_id=self.review.firm_id)


# Moderation: moderators and association admins -------------------------------------------------------------


@dataclass
class ProposedChange:
    label: Any
    old: Any
    new: Any


def _shown(name: str, value: Any) -> Any:
    if name in services.FIRM_LISTS:
        return code_labels(value, name) or "—"
    return value or "—"


def proposed_changes(proposal: Proposal) -> list[ProposedChange]:
    """Each proposed field, as the firm has it and as proposed, in the firm form's order."""
    firm, changes = proposal.firm, proposal.changes
    return [
        ProposedChange(FirmForm.base_fields[name].label, _shown(name, getattr(firm, name)), _shown(name, changes[name]))
        for name in FirmForm.base_fields
        if name in changes
    ]


class ProposalQueueView(AssociationMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "counsel/proposals.html"

    def get_context_data(self, **kwargs):
        page = page_of(self.request, selectors.proposal_queue(self.access))
        items = [(proposal, proposed_changes(proposal)) for proposal in page.object_list]
        return super().get_context_data(page_obj=page, items=items, **kwargs)


class ProposalDecideView(AssociationMixin, ServiceActionView):
    allowed_roles = STAFF_ROLES
    success_url_name = "counsel:proposals"

    def perform(self):
        decision = self.kwargs["decision"]
        if decision not in {"approve", "reject"}:
            raise NoAccess
        proposal = selectors.get_proposal(self.access, self.kwargs["proposal_id"])
        services.proposal_decide(access=self.access, proposal=proposal, approve=decision == "approve")
        return _("The changes are applied to the firm.") if decision == "approve" else _("The proposal is rejected.")


class ReviewQueueView(AssociationMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "counsel/review_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_obj=page_of(self.request, selectors.review_queue(self.access)), **kwargs)


class ReviewModerateView(AssociationMixin, ServiceFormView):
    """A pending review as moderators see it (its shared text, never who wrote it nor the text as written) and
    the decision: publish (with more words redacted if needed), return or reject, with a note."""

    allowed_roles = STAFF_ROLES
    form_class = ReviewDecisionForm
    template_name = "counsel/review_moderate.html"
    success_url_name = "counsel:review_queue"

    @cached_property
    def review(self) -> Review:
        return selectors.get_review_for_moderation(self.access, self.kwargs["review_id"])

    def get_context_data(self, **kwargs):
        review = self.review
        ratings = [(ReviewForm.base_fields[name].label, getattr(review, name)) for name in RATING_FIELDS]
        return super().get_context_data(
            review=review, shared=marked_shared(review.shared_text), ratings=ratings, **kwargs
        )

    def perform(self, form):
        action = self.request.POST.get("action", "")
        data = form.cleaned_data
        services.review_decide(
            access=self.access, review=self.review, action=action, note=data["note"], redactions=data["redactions"]
        )
        if action == "publish":
            return _("The review is published.")
        if action == "return":
            return _("The review is returned to its company with your note.")
        return _("The review is rejected.")


class ReplyQueueView(AssociationMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "counsel/reply_queue.html"

    def get_context_data(self, **kwargs):
        page = page_of(self.request, selectors.reply_queue(self.access))
        items = [(reply, marked_shared(reply.review.shared_text)) for reply in page.object_list]
        return super().get_context_data(page_obj=page, items=items, **kwargs)


class ReplyDecideView(AssociationMixin, ServiceActionView):
    allowed_roles = STAFF_ROLES
    success_url_name = "counsel:reply_queue"

    def perform(self):
        decision = self.kwargs["decision"]
        if decision not in {"publish", "reject"}:
            raise NoAccess
        reply = selectors.get_reply_for_moderation(self.access, self.kwargs["reply_id"])
        services.reply_decide(access=self.access, reply=reply, publish=decision == "publish")
        return _("The reply is published.") if decision == "publish" else _("The reply is rejected.")


# A defense group engages a firm: the group's lead -------------------------------------------------------------


class EngageView(GroupMixin, ServiceFormView):
    """Two steps: choose a current firm of the directory (GET ?firm=), then the engagement's terms and which of
    the firm's counsel users to invite into the group."""

    managers_only = True
    form_class = EngageForm
    template_name = "counsel/engage.html"

    @cached_property
    def firms(self) -> QuerySet[LawFirm]:
        return selectors.firms(self.access).filter(retired_at__isnull=True)

    @cached_property
    def chosen(self) -> LawFirm | None:
        raw = (self.request.POST if self.request.method == "POST" else self.request.GET).get("firm", "")
        return self.firms.filter(pk=raw).first() if raw.isdigit() else None

    def get_form_kwargs(self):
        users = get_user_model().objects.none()
        if self.chosen is not None:
            users = get_user_model().objects.filter(pk__in=selectors.engageable_counsel(self.chosen).values("user_id"))
        return {**super().get_form_kwargs(), "firms": self.firms, "counsel": users}

    def get_initial(self):
        return {"firm": self.chosen}

    def get_context_data(self, **kwargs):
        chooser = FirmChoiceForm(initial={"firm": self.chosen}, firms=self.firms)
        return super().get_context_data(
            chooser=chooser,
            chosen=self.chosen,
            engagements=selectors.engagements(self.gaccess),
            **kwargs,
        )

    def perform(self, form):
        services.engage(gaccess=self.gaccess, **form.cleaned_data)
        return _("The engagement is recorded and the firm's chosen counsel are invited into the group.")

    def get_success_url(self) -> str:
        return self.group_url()
