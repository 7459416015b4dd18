"""The association's audit trail, read-only, for its admins."""

from urllib.parse import urlencode

from django.views.generic import ListView

from audit.selectors import audit_actions_for, audit_events_for
from tenancy.access import Role
from tenancy.mixins import AssociationMixin


class AuditEventListView(AssociationMixin, ListView):
    allowed_roles = frozenset({Role.ASSOCIATION_ADMIN})
    template_name = "audit/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.actions = audit_actions_for(self.access)
        action = self.request.GET.get("action", "")
        self.action = action if action in self.actions else ""
        return audit_events_for(self.access, self.action or None)

    def get_context_data(self, **kwargs):
        # The filter survives paging.
        extra_query = urlencode({"action": self.action}) if self.action else ""
        return super().get_context_data(actions=self.actions, action=self.action, extra_query=extra_query, **kwargs)
