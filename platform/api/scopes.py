"""What a partner API key may read: each key holds some of these scopes, and an endpoint open to partner keys
names the one it needs (tenancy.api_base.AssociationScopedMixin.partner_scope)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    ASSOCIATION_READ = "association:read", _("Read the association profile")
    REPORTS_READ = "reports:read", _("Read published reports")
    CAMPAIGNS_READ = "campaigns:read", _("Read campaigns (counts, never companies)")
    STATS_READ = "stats:read", _("Read statistics")
    COUNSEL_READ = "counsel:read", _("Read the counsel directory (where the association opens it to partners)")
    WEBHOOKS_MANAGE = "webhooks:manage", _("Manage webhook subscriptions")
