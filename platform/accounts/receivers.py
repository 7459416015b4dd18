"""The kept partner keys (accounts.api_keys) go out of date with any change to a key, its partner or its
association, and the kept accesses (tenancy.access) with any change to a user but a sign-in's; connected in
AccountsConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.api_keys import keys_changed
from accounts.models import ApiKey, PartnerOrganization, User
from tenancy.access import access_changed
from tenancy.models import Association


@receiver(post_save, sender=ApiKey, dispatch_uid="accounts.kept_keys.key_saved")
@receiver(post_delete, sender=ApiKey, dispatch_uid="accounts.kept_keys.key_deleted")
@receiver(post_save, sender=PartnerOrganization, dispatch_uid="accounts.kept_keys.partner_saved")
@receiver(post_delete, sender=PartnerOrganization, dispatch_uid="accounts.kept_keys.partner_deleted")
@receiver(post_save, sender=Association, dispatch_uid="accounts.kept_keys.association_saved")
@receiver(post_delete, sender=Association, dispatch_uid="accounts.kept_keys.association_deleted")
def key_row_changed(sender, **kwargs) -> None:
    keys_changed()


@receiver(post_save, sender=User, dispatch_uid="accounts.kept_access.user_saved")
@receiver(post_delete, sender=User, dispatch_uid="accounts.kept_access.user_deleted")
def user_changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) == {"last_login"}:  # a sign-in changes no role
        return
    access_changed()
