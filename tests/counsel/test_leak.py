"""No one but the reviewing company ties a review or a recommendation to it: every page and API response the
directory's readers (other members, moderators, association admins, the firm's counsel and another firm's) reach
by following links, and the association's audit log. The reviewer is made as recognisable as possible and writes
its names into the review."""

import pytest
from django.test import Client

from sharing.counsel import services
from sharing.counsel.models import Review
from tenancy.access import resolve_access
from tests.counsel.helpers import RATINGS, access_of, directory, published_review, reviewer
from tests.factories import published_report, recognisable_company
from tests.reports.test_leak import assert_clean, crawl

pytestmark = pytest.mark.django_db

TEXT = (
    "Zhejiang Quillfeather Outdoor Gear Co., Ltd. (浙江羽笔户外用品有限公司) hired them when the QuillPeak Outfitters "
    "store was frozen; Zhou Mingyu found them quick. 羽笔户外很满意。"
)


@pytest.fixture
def world(cast):
    firms = directory(cast)
    company, people = recognisable_company(cast.association)
    access = resolve_access(slug="alpha", user=people[0])
    report, _ = published_report(
        access, moderator=cast.users["moderator"], kind="schedule_a", forum="ilnd",
        store_names=["QuillPeak Outfitters"], docket_number="1:26-cv-04567",
    )  # fmt: skip
    services.recommend(access=access, firm=firms.firm, kind="schedule_a", forum="ilnd")
    services.recommend(access=access, firm=firms.other_firm, kind="schedule_a", forum="ilnd")
    review = services.review_submit(access=access, firm=firms.firm, data={"report": report.pk, **RATINGS, "text": TEXT})
    services.review_decide(access=access_of(cast.users["moderator"]), review=review, action="publish")
    for _ in range(4):  # past the threshold, so that every review, rating and outcome is shown
        other, other_report = reviewer(cast)
        published_review(cast, firms.firm, other, other_report)
    # One more in moderation, so that the moderators' queue has the recognisable company's review in it.
    second, _ = published_report(access, moderator=cast.users["moderator"], kind="schedule_a", forum="ilnd")
    services.review_submit(access=access, firm=firms.firm, data={"report": second.pk, **RATINGS, "text": TEXT})
    terms = [*company.identity_terms(), "Quillfeather", "羽笔户外", "1:26-cv-04567", "Zhou Mingyu"]
    terms += [person.email for person in people]
    return firms, terms


@pytest.mark.parametrize("reader", ["not_entitled", "entitled", "moderator", "admin", "firm_counsel", "other_counsel"])
def test_what_readers_reach_never_names_the_reviewer(cast, world, reader):
    firms, terms = world
    user = {"firm_counsel": firms.firm_counsel, "other_counsel": firms.other_counsel}.get(reader) or cast.users[reader]
    client = Client()
    client.force_login(user)
    firm = f"counsel/firms/{firms.firm.pk}/"
    start = [
        "/a/alpha/",
        "/api/v1/a/alpha/counsel/firms/",
        "/api/v1/a/alpha/counsel/firms/?sort=rating",
        f"/api/v1/a/alpha/{firm}",
        f"/api/v1/a/alpha/{firm}reviews/",
        "/api/v1/a/alpha/counsel/recommendations/",
        "/api/v1/a/alpha/counsel/reviews/",
        "/api/v1/a/alpha/moderation/counsel-reviews/",
        "/api/v1/a/alpha/audit/",
        "/a/alpha/manage/audit/",
        "/a/alpha/notifications/",
    ]
    seen = crawl(client, start, terms)
    assert seen > len(start)
    # The reviews are shown to this reader (the threshold is passed), anonymized.
    reviews = client.get(f"/api/v1/a/alpha/{firm}reviews/").json()["results"]
    assert len(reviews) == 5 and any("[MEMBER]" in review["text"] for review in reviews)


def test_the_reviewing_company_sees_its_own(cast, world):
    _firms, terms = world
    mine = Review.objects.filter(text__startswith="Zhejiang").first()
    client = Client()
    client.force_login(mine.created_by)
    own = client.get("/api/v1/a/alpha/counsel/reviews/").json()["results"]
    assert {row["text"] for row in own} == {TEXT}
    assert_clean(own[0]["shared_text"], terms, "the shared text")
