"""A LEDES file imported in the background (django-tasks-db and its worker, as in production): its progress and
its outcome are kept on the import, its bytes are not."""

import pytest

from sharing.costs import services
from sharing.costs.models import Invoice
from sharing.defense.access import get_group_access
from tenancy.access import resolve_access
from tests.costs.helpers import LEDES, costs_group, engage_firm, in_force

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def test_a_queued_import_shows_its_progress_then_its_invoices_or_its_errors(cast, run_worker):
    world = costs_group(cast)
    engagement, firms = engage_firm(cast, world)
    in_force(world)
    lawyer = get_group_access(resolve_access(slug="alpha", user=firms.firm_counsel), world.group.pk)
    content = (LEDES / "two_invoices.txt").read_bytes()
    job = services.invoice_import_queue(gaccess=lawyer, engagement=engagement, file_name="two.txt", content=content,
                                        currency="USD")  # fmt: skip
    assert job.status == "queued" and not Invoice.objects.exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and len(job.invoices) == 2 and job.lines_done == job.lines_total > 0
    assert bytes(job.content) == b""  # the bytes are not kept
    again = services.invoice_import_queue(gaccess=lawyer, engagement=engagement, file_name="two.txt",
                                          content=content, currency="USD")  # fmt: skip
    run_worker()
    again.refresh_from_db()
    assert again.status == "failed" and {error["field"] for error in again.errors} == {"INVOICE_NUMBER"}
    assert Invoice.objects.count() == 2
