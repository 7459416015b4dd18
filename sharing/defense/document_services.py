"""Writes for group documents: upload (a new document or a new version), audience, and the audited download."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from sharing.defense.access import GroupAccess
from sharing.defense.models import Document, DocumentAudience, DocumentVersion, Participant, ParticipantStatus
from sharing.defense.uploads import CheckedUpload, check_upload
from tenancy import grants
from tenancy.models import Company

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from accounts.models import User


def _require_writer(gaccess: GroupAccess) -> None:
    if not gaccess.can_write:
        raise ValidationError(_("You can read this group but not add to it."), code="forbidden")


def _clean_audience(gaccess: GroupAccess, audience: str, companies: Iterable[Company] | None) -> list[Company]:
    if audience not in DocumentAudience.values:
        raise ValidationError({"audience": _("Choose who may read the document.")})
    companies = list(companies or [])
    if audience != DocumentAudience.COMPANIES:
        return []
    if not companies:
        raise ValidationError({"companies": _("Choose at least one company.")})
    in_group = set(
        Participant.objects.filter(
            group=gaccess.group, status=ParticipantStatus.ACTIVE, company__isnull=False
        ).values_list("company_id", flat=True)
    )
    if any(company.pk not in in_group for company in companies):
        raise ValidationError({"companies": _("Choose companies of this group.")})
    return companies


def document_upload(
    *,
    gaccess: GroupAccess,
    title: str,
    audience: str,
    upload: "UploadedFile[bytes] | None",
    companies: Iterable[Company] | None = (),
) -> Document:
    """A new document with its first version. Chosen companies get a grant to their company group."""
    _require_writer(gaccess)
    title = (title or "").strip() or ((upload.name or "") if upload is not None else "")
    errors: dict[str, list[str]] = {}
    if len(title) > 200:
        errors["title"] = [_("Enter at most %(limit)d characters.") % {"limit": 200}]
    chosen: list[Company] = []
    try:
        chosen = _clean_audience(gaccess, audience, companies)
    except ValidationError as error:
        errors.update(error.message_dict)
    checked = check_upload(upload)  # raises its own field error
    assert upload is not None  # check_upload refuses a missing file
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = Document.objects.create(group=gaccess.group, title=title, audience=audience, created_by=gaccess.user)
        for company in chosen:
            grants.grant(perm="view_document", group=company.group, obj=document, actor=gaccess.user, association=None)
        _store(document, 1, upload, checked, gaccess.user)
        audit_record(action="defense.document_upload", actor=gaccess.user, target=document)
    return document


def document_add_version(*, gaccess: GroupAccess, document: Document, upload: "UploadedFile[bytes]") -> DocumentVersion:
    _require_writer(gaccess)
    checked = check_upload(upload)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = _store(document, number, upload, checked, gaccess.user)
        audit_record(
            action="defense.document_version", actor=gaccess.user, target=document, details={"version": number}
        )
    return version


def _store(
    document: Document, number: int, upload: "UploadedFile[bytes]", checked: CheckedUpload, actor: "User"
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # The stored name is not the user's: that is only ever sent back in the download's header.
    version.file.save(f"{checked.sha256[:16]}.bin", upload, save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)  # no file without its row
        raise
    return version


def download_recorded(*, gaccess: GroupAccess, version: DocumentVersion) -> None:
    """Every download is audited. Not in the association's log: who is in a group is confidential."""
    audit_record(
        action="defense.document_download",
        actor=gaccess.user,
        target=version.document,
        details={"version": version.number},
    )
