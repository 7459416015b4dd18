"""The reporter's identity appears nowhere another member, a moderator, an association admin or a partner can
look: every page they can reach by following links, every API response, every notification (in both languages),
e-mail and websocket event. The reporter's company is made as recognisable as possible: names in two languages,
aliases, marks, stores, domains, people, a docket number, seller and listing IDs, all written into the narrative.
"""

import html
import json
import re
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from notifications.kinds import render
from notifications.models import Notification
from sharing.reports import services
from sharing.reports.models import SharedVersion
from tenancy.access import resolve_access
from tests.factories import PartnerFactory, api_key_for, recognisable_company, report_data

pytestmark = pytest.mark.django_db

NARRATIVE = (
    "Zhejiang Quillfeather Outdoor Gear Co., Ltd. (浙江羽笔户外用品有限公司, trading as QuillPeak) was sued in "
    "1:26-cv-04567 over our QUILL-PEAK tents. Zhou Mingyu (zhou.mingyu@quillfeather.cn, +86 571 8888 1234) "
    "saw the TRO freeze the QuillPeak Outfitters store, seller A3QUILLSELLER9, listing B0QUILL1234, and the "
    "model QF-2000X; see https://quillfeather.cn/recall. 羽笔户外的李晓红负责应诉。"
)


def identity_terms(company, users) -> list[str]:
    terms = [*company.identity_terms(), "Quillfeather", "羽笔户外", "1:26-cv-04567", "04567", "A3QUILLSELLER9"]
    terms += ["B0QUILL1234", "QF-2000X"]
    for user in users:
        terms += [user.display_name, user.email]
    return terms


@pytest.fixture
def world(cast):
    company, people = recognisable_company(cast.association)
    access = resolve_access(slug="alpha", user=people[0])
    data = {
        "narrative": NARRATIVE,
        "docket_number": "1:26-cv-04567",
        "forum": "ilnd",
        "kind": "schedule_a",
        "store_names": ["QuillPeak Outfitters"],
        "seller_ids": ["A3QUILLSELLER9"],
        "listing_ids": ["B0QUILL1234"],
        "product_models": ["QF-2000X"],
        "frozen_funds": 18_250,
        "filed_on": date(2026, 2, 9),
        "served_on": date(2026, 2, 12),
        "response_due_on": date(2026, 3, 5),
    }
    moderator = cast.users["moderator"]
    published, _ = services.report_create(access=access, data=report_data(**data))
    services.report_submit(report=published, actor=people[0])
    services.version_approve(version=published.versions.get(), actor=moderator)
    # A revision in moderation, a returned report and a draft: the moderator sees their shared versions.
    services.report_update(report=published, actor=people[1], data=report_data(**data, stage="discovery"))
    returned, _ = services.report_create(access=access, data=report_data(**data, plaintiff_name="Other Co"))
    services.report_submit(report=returned, actor=people[0])
    services.version_return(version=returned.versions.get(), actor=moderator, note="Too specific.")
    services.report_create(access=access, data=report_data(**data, plaintiff_name="Draft Plaintiff Inc"))
    return company, people


def assert_clean(text: str, terms: list[str], where: str) -> None:
    readable = html.unescape(text).casefold()
    for term in terms:
        assert term.casefold() not in readable, f"{where} contains {term!r}"


# Member management names every member company by design (an admin admits them); it says nothing of reports.
MEMBER_MANAGEMENT = ("/a/alpha/manage/members/", "/a/alpha/manage/moderators/", "/a/alpha/manage/invitations/",
                     "/a/alpha/manage/partners/", "/api/v1/a/alpha/memberships/", "/api/v1/a/alpha/roles/")  # fmt: skip


def crawl(client: Client, start: list[str], terms, *, limit: int = 300) -> int:
    """GET every page reachable from `start` inside the association (links and forms' GET targets), and every
    API URL a JSON body points to; check each. Returns how many were seen."""
    seen, queue = set(), list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302, 404), f"{url}: {response.status_code}"
        if response.status_code != 200:
            continue
        body = response.content.decode()
        assert_clean(body, terms, url)
        if response["Content-Type"].startswith("application/json"):
            links = re.findall(r'"(https?://testserver/[^"]+|/api/v1/[^"]+)"', body)
            links = [json.loads(f'"{link}"') for link in links]
        else:
            links = [html.unescape(link) for link in re.findall(r'href="([^"#]+)"', body)]
        for link in links:
            target = urlsplit(urljoin(url, link))
            path = target.path + (f"?{target.query}" if target.query else "")
            inside = target.path.startswith(("/a/alpha/", "/api/v1/a/alpha/"))
            if inside and not target.path.startswith(MEMBER_MANAGEMENT) and path not in seen:
                queue.append(path)
    return len(seen)


READERS = ("not_entitled", "entitled", "moderator", "admin")


@pytest.mark.parametrize("reader", READERS)
def test_pages_and_api_another_member_a_moderator_or_an_admin_can_reach(cast, world, reader):
    company, people = world
    terms = identity_terms(company, people)
    client = Client()
    client.force_login(cast.users[reader])
    start = [
        "/a/alpha/",
        "/a/alpha/reports/",
        "/a/alpha/reports/?q=tents",
        "/a/alpha/reports/moderation/",
        "/a/alpha/reports/plaintiffs/?q=Lumen",
        "/a/alpha/notifications/",
        "/api/v1/a/alpha/reports/",
        "/api/v1/a/alpha/reports/?q=tents",
        "/api/v1/a/alpha/moderation/",
        "/api/v1/a/alpha/plaintiffs/?q=lumen",
        "/api/v1/a/alpha/notifications/",
        "/api/v1/a/alpha/audit/",
    ]
    for version in SharedVersion.objects.all():
        start += [f"/a/alpha/reports/{version.pk}/", f"/api/v1/a/alpha/reports/{version.pk}/"]
        start += [f"/a/alpha/reports/moderation/{version.pk}/", f"/api/v1/a/alpha/moderation/{version.pk}/"]
    seen = crawl(client, start, terms)
    assert seen > len(start)


def test_the_association_audit_log_does_not_tie_the_company_to_its_reports(cast, world):
    """Admins read the audit log, actors' e-mails included: the reporter's own report events are not in it."""
    company, people = world
    client = Client()
    client.force_login(cast.users["admin"])
    for url in ("/a/alpha/manage/audit/", "/api/v1/a/alpha/audit/"):
        assert_clean(client.get(url).content.decode(), identity_terms(company, people), url)


def test_searching_for_the_reporter_finds_nothing(cast, world):
    client = Client()
    client.force_login(cast.users["not_entitled"])
    for text in ("QuillPeak", "Quillfeather", "羽笔户外", "04567", "A3QUILLSELLER9", "Zhou Mingyu"):
        assert client.get("/api/v1/a/alpha/reports/", {"q": text}).json()["results"] == [], text


def test_partner_api(cast, world):
    company, people = world
    terms = identity_terms(company, people)
    _, key = api_key_for(PartnerFactory(association=cast.association))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    start = ["/api/v1/a/alpha/reports/", "/api/v1/a/alpha/reports/?q=tents", "/api/v1/a/alpha/plaintiffs/?q=lumen"]
    start += [f"/api/v1/a/alpha/reports/{pk}/" for pk in SharedVersion.objects.values_list("pk", flat=True)]
    assert crawl(client, start, terms) == len(start)


def test_notifications_and_emails_of_everyone_else(cast, world):
    company, people = world
    terms = identity_terms(company, people)
    others = Notification.objects.exclude(recipient__company=company)
    assert others.exists()
    for notification in others:
        for language in ("en", "zh-hans"):
            with translation.override(language):
                assert_clean(render(notification.kind, notification.params) + notification.url, terms, "notification")
    for message in mail.outbox:
        if not any(person.email in message.to for person in people):
            assert_clean(message.subject + message.body, terms, f"e-mail to {message.to}")


def test_websocket_events_to_moderators(cast, world, django_capture_on_commit_callbacks):
    """What the notifications socket would push to a moderator when the reporter submits (read off the channel
    layer the socket listens to)."""
    from realtime.events import user_group
    from tests.channel_events import events_to_groups

    company, people = world
    access = resolve_access(slug="alpha", user=people[0])

    def submit():
        with django_capture_on_commit_callbacks(execute=True):
            report, _ = services.report_create(access=access, data=report_data(narrative=NARRATIVE))
            services.report_submit(report=report, actor=people[0])

    group = user_group(cast.users["moderator"].pk)
    _, received = events_to_groups([group], submit)
    (event,) = received[group]
    assert event["type"] == "notification.created"
    assert_clean(json.dumps(event, ensure_ascii=False), identity_terms(company, people), "socket event")
