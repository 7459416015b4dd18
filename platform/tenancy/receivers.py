"""The kept accesses (tenancy.access) go out of date with any change to an association, a role, a company or a
membership; connected in TenancyConfig.ready() (accounts.receivers covers the users)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenancy.access import access_changed
from tenancy.models import Association, AssociationRole, Company, Membership


@receiver(post_save, sender=Association, dispatch_uid="tenancy.kept_access.association_saved")
@receiver(post_delete, sender=Association, dispatch_uid="tenancy.kept_access.association_deleted")
@receiver(post_save, sender=AssociationRole, dispatch_uid="tenancy.kept_access.role_saved")
@receiver(post_delete, sender=AssociationRole, dispatch_uid="tenancy.kept_access.role_deleted")
@receiver(post_save, sender=Company, dispatch_uid="tenancy.kept_access.company_saved")
@receiver(post_delete, sender=Company, dispatch_uid="tenancy.kept_access.company_deleted")
@receiver(post_save, sender=Membership, dispatch_uid="tenancy.kept_access.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="tenancy.kept_access.membership_deleted")
def access_row_changed(sender, **kwargs) -> None:
    access_changed()
