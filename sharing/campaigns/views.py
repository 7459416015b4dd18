"""Campaign pages (every person of the association: counts and published reports; affected companies: opting
in, the other opted-in companies' names, a group in one step) and the moderators' plaintiff pages (merge,
split). Reads through sharing.campaigns.selectors, writes through .services and .merging, one call each."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sharing.campaigns import merging, selectors, services
from sharing.campaigns.forms import CampaignGroupForm, MergeForm, PlaintiffSearchForm, SplitForm
from sharing.plaintiffs.models import PlaintiffEntity
from sharing.plaintiffs.selectors import plaintiff_suggestions
from sharing.reports.rights import parse_patent, with_right_labels
from tenancy.access import PERSON_ROLES, STAFF_ROLES, Access, NoAccess, Role
from tenancy.mixins import AssociationMixin
from web.forms import add_service_errors
from web.pagination import page_of
from web.service_views import ServiceActionView, ServiceFormView

COMPANY_ADMIN = frozenset({Role.COMPANY_ADMIN})


def campaign_url(slug: str, campaign_id: int) -> str:
    return reverse("campaigns:detail", kwargs={"slug": slug, "campaign_id": campaign_id})


class CampaignListView(AssociationMixin, TemplateView):
    allowed_roles = PERSON_ROLES
    template_name = "campaigns/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_obj=page_of(self.request, selectors.campaigns_for(self.access)), **kwargs)


class CampaignDetailView(AssociationMixin, TemplateView):
    """What is faced, by how many companies, the published reports behind it (month precision), forums,
    patents, outcomes so far, listed groups; for an affected company, opting in and who else opted in."""

    allowed_roles = PERSON_ROLES
    template_name = "campaigns/detail.html"

    def get_context_data(self, **kwargs):
        campaign = selectors.get_campaign(self.access, self.kwargs["campaign_id"])
        versions = selectors.campaign_versions(self.access, campaign)
        page = page_of(self.request, versions)
        for version in page.object_list:
            with_right_labels(version)
        return super().get_context_data(
            campaign=campaign,
            page_obj=page,
            forums=selectors.campaign_counts(versions, "forum"),
            outcomes=selectors.campaign_counts(versions, "outcome"),
            patents=[parse_patent(key).display for key in selectors.campaign_patents(versions)],
            groups=selectors.campaign_groups(self.access, campaign),
            companies=selectors.opted_in_companies(self.access, campaign),
            can_decide=campaign.affected and self.access.is_company_admin,
            **kwargs,
        )


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from sharing.campaigns.models import Campaign
    from sharing.campaigns.selectors import Involvement

    class _MixedInto(View):
        """What _AffectedCampaign is mixed into (its super() calls are checked against it)."""

        access: Access  # AssociationMixin's
else:
    _MixedInto = object


class _AffectedCampaign(_MixedInto):
    """Resolves the campaign for an affected company's admin; anyone else gets the 404 of a missing one."""

    campaign: "WithAnnotations[Campaign, Involvement]"
    allowed_roles = COMPANY_ADMIN
    needs_opt_in = False

    def dispatch(self, request, *args, **kwargs):
        self.campaign = selectors.get_campaign(self.access, kwargs["campaign_id"])
        if not self.campaign.affected or (self.needs_opt_in and not self.campaign.opted_in):
            raise NoAccess
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return campaign_url(self.kwargs["slug"], self.kwargs["campaign_id"])


class OptInView(AssociationMixin, _AffectedCampaign, ServiceActionView):
    def perform(self):
        services.campaign_opt_in(access=self.access, campaign=self.campaign)
        return _("Your company opted in: the other companies that opt in see its name, and you see theirs.")


class OptOutView(AssociationMixin, _AffectedCampaign, ServiceActionView):
    def perform(self):
        services.campaign_opt_out(access=self.access, campaign=self.campaign)
        return _("Your company opted out: the other companies no longer see its name here.")


class CampaignGroupView(AssociationMixin, _AffectedCampaign, ServiceFormView):
    """An opted-in company's admin creates a group inviting every other opted-in company."""

    form_class = CampaignGroupForm
    template_name = "campaigns/group.html"
    needs_opt_in = True

    def get_initial(self):
        return {"name": self.campaign.subject[:200]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)

    def perform(self, form):
        self.group = services.campaign_group_create(access=self.access, campaign=self.campaign, **form.cleaned_data)
        return _("The group is created and the other companies that opted in are invited.")

    def get_success_url(self) -> str:
        return reverse("defense:detail", kwargs={"slug": self.kwargs["slug"], "group_id": self.group.pk})


# Plaintiff entities: moderators and association admins -----------------------------------------------------


class PlaintiffListView(AssociationMixin, TemplateView):
    """Plaintiffs of reports that reached moderation, with the names they go by; search finds near spellings."""

    allowed_roles = STAFF_ROLES
    template_name = "campaigns/plaintiffs.html"

    def get_context_data(self, **kwargs):
        form = PlaintiffSearchForm(self.request.GET)
        entities = selectors.moderated_plaintiffs(self.access)
        text = form.cleaned_data["q"] if form.is_valid() else ""
        shown: QuerySet[PlaintiffEntity] | list[PlaintiffEntity] = entities
        if text:
            shown = plaintiff_suggestions(entities=entities, text=text, limit=50)
        return super().get_context_data(form=form, page_obj=page_of(self.request, shown), **kwargs)


class PlaintiffDetailView(AssociationMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "campaigns/plaintiff.html"

    @cached_property
    def entity(self):
        return selectors.get_moderated_plaintiff(self.access, self.kwargs["entity_id"])

    def get_context_data(self, **kwargs):
        forms = {"merge": MergeForm(prefix="merge"), "split": SplitForm(prefix="split", entity=self.entity)}
        forms.update(kwargs.pop("bound", {}))
        similar = plaintiff_suggestions(
            entities=selectors.moderated_plaintiffs(self.access).exclude(pk=self.entity.pk), text=self.entity.name
        )
        return super().get_context_data(entity=self.entity, similar=similar, forms=forms, **kwargs)


class _PlaintiffChange(PlaintiffDetailView):
    """POST a merge or a split: errors are shown on the plaintiff's page, success goes to the resulting one."""

    http_method_names = ["post"]
    name: str  # the change's form prefix: "merge" or "split"

    def bound_form(self) -> forms.Form:
        raise NotImplementedError

    def change(self, data: dict[str, Any]) -> tuple[PlaintiffEntity, str]:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.bound_form()
        if form.is_valid():
            try:
                entity, message = self.change(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("campaigns:plaintiff", slug=self.access.association.slug, entity_id=entity.pk)
        return self.render_to_response(self.get_context_data(bound={self.name: form}))


class PlaintiffMergeView(_PlaintiffChange):
    name = "merge"

    def bound_form(self):
        return MergeForm(self.request.POST, prefix="merge")

    def change(self, data):
        entity = merging.plaintiff_merge(
            association=self.access.association,
            actor=self.user,
            source_id=self.entity.pk,
            target_id=data["target"],
        )
        return entity, _("The plaintiffs are merged.")


class PlaintiffSplitView(_PlaintiffChange):
    name = "split"

    def bound_form(self):
        return SplitForm(self.request.POST, prefix="split", entity=self.entity)

    def change(self, data):
        entity = merging.plaintiff_split(
            association=self.access.association,
            actor=self.user,
            entity_id=self.entity.pk,
            alias_ids=data["aliases"],
        )
        return entity, _("The names are split off into a new plaintiff.")
