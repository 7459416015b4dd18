"""The counsel pages as every actor of the matrix (the cast's six, a firm's counsel and another firm's counsel):
the directory and a firm's page for every person of the association, recommendations and reviews for company
admins, proposals and replies for a firm's counsel, upkeep and moderation for staff, engagement for a group's
lead. What each sees: counts over companies, reviews only past the threshold, never the reviewing company."""

from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sharing.counsel import services
from sharing.counsel.models import (
    Attorney,
    Engagement,
    FeeArrangement,
    LawFirm,
    Office,
    Proposal,
    Recommendation,
    Reply,
    Review,
)
from sharing.defense.models import Participant
from tests.counsel.helpers import (
    RATINGS,
    access_of,
    cast_side,
    directory,
    published_review,
    recognisable_reviewer,
    reviewer,
)
from tests.defense.helpers import joined_group, side
from tests.factories import cast_published_report, reporter_access
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import matrix, page_text, signed_in
from tests.web.test_templates import problems

pytestmark = pytest.mark.django_db

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "sharing/counsel/templates").glob("**/*.html"))
PEOPLE = ("not_entitled", "entitled", "moderator", "admin", "firm_counsel", "other_counsel")


def expect(**statuses) -> dict[str, int]:
    """Signed-out visitors go to sign in; everyone else gets the 404 of a missing page unless named."""
    base = dict.fromkeys(("other_association", *PEOPLE), 404)
    return {"anonymous": 302, **base, **statuses}


EVERYONE = expect(**dict.fromkeys(PEOPLE, 200))
STAFF = expect(moderator=200, admin=200)
STAFF_DONE = expect(moderator=302, admin=302)


@pytest.fixture
def world(cast):
    return directory(cast)


def check(cast, world, request, expected, **kwargs):
    """The matrix with the directory's two counsel as extra actors."""
    extra = {"firm_counsel": world.firm_counsel, "other_counsel": world.other_counsel}
    responses = matrix(cast, request, expected, extra_actors=extra, **kwargs)
    if responses["anonymous"].status_code == 302:
        assert responses["anonymous"].url.startswith("/accounts/login/")
    return responses


def firm_url(firm, tail: str = "") -> str:
    return f"/a/alpha/counsel/firms/{firm.pk}/{tail}"


def client_of(cast, actor_or_user):
    return signed_in(cast.users[actor_or_user] if isinstance(actor_or_user, str) else actor_or_user)


def unchanged(call):
    """`call()` answers 200 (the form again, with errors) and writes nothing; its page text."""
    before = database_fingerprint()
    response = call()
    assert response.status_code == 200
    assert database_fingerprint() == before
    return page_text(response)


def first_pk(model, **lookups) -> int:
    """The first row's id: each staff actor of a matrix removes or decides one; 0 once none is left."""
    found = model.objects.filter(**lookups).order_by("pk").first()
    return found.pk if found is not None else 0


def five_reviews(cast, world, count: int = 5):
    reviews = []
    for _ in range(count):
        company, report = reviewer(cast)
        reviews.append(published_review(cast, world.firm, company, report))
    world.firm.refresh_from_db()
    return reviews


def test_templates_fit_the_content_security_policy():
    assert TEMPLATES
    for path in TEMPLATES:
        assert problems(path.read_text()) == [], path


# The directory and a firm's page ------------------------------------------------------------------------


def test_the_directory_for_every_person_of_the_association(cast, world):
    responses = check(cast, world, lambda c: c.get("/a/alpha/counsel/"), EVERYONE)
    text = page_text(responses["not_entitled"])
    assert "Harbor &amp; Pine LLP" in text and "港松律师事务所" in text and "Lakeview IP Group" in text
    assert "Recommended by 0 member companies" in text and "Fewer than 5 reviews" in text
    assert "Northern District of Illinois" in text  # forums by label
    assert "Add a firm" not in text and "Add a firm" in page_text(responses["moderator"])
    assert 'href="/a/alpha/counsel/"' in text  # the navigation links it


def test_directory_filters_and_retired_firms(cast, world):
    client = client_of(cast, "not_entitled")
    text = page_text(client.get("/a/alpha/counsel/?forum=txed"))
    assert "Harbor &amp; Pine" in text and "Lakeview" not in text
    text = page_text(client.get("/a/alpha/counsel/?q=Ortega"))
    assert "Lakeview" in text and "Harbor &amp; Pine" not in text
    text = page_text(client.get("/a/alpha/counsel/?forum=nowhere"))
    assert "Select a valid choice" in text and "Lakeview" not in text
    services.firm_verify(access=world.staff(cast), firm=world.firm)
    text = page_text(client.get("/a/alpha/counsel/?verified=yes"))
    assert "Harbor &amp; Pine" in text and "Lakeview" not in text
    services.firm_retire(access=world.staff(cast), firm=world.other_firm)
    assert "Lakeview" not in page_text(client.get("/a/alpha/counsel/"))
    check(cast, world, lambda c: c.get(firm_url(world.other_firm)), STAFF)
    text = page_text(client_of(cast, "moderator").get("/a/alpha/counsel/"))
    assert "Lakeview" in text and "Retired" in text


def test_the_directory_costs_the_same_queries_whatever_the_page_size(cast, world):
    client = client_of(cast, "not_entitled")
    client.get("/a/alpha/counsel/")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/a/alpha/counsel/?sort=recommendations").status_code == 200
        return len(captured)

    few = queries()
    staff = world.staff(cast)
    for number in range(8):
        firm = services.firm_save(access=staff, data={"name_en": f"Firm {number}", "forums": ["ilnd"]})
        services.fee_add(access=staff, firm=firm, data={"kind": "flat", "minimum": "1000"})
        services.firm_verify(access=staff, firm=firm)
    assert queries() == few


def test_the_firm_page_and_what_each_role_may_do_there(cast, world):
    services.fee_add(access=world.staff(cast), firm=world.firm, data={"kind": "hourly", "seniority": "partner",
                                                                    "minimum": "450", "maximum": "900"})  # fmt: skip
    services.office_add(access=world.staff(cast), firm=world.firm, city="Chicago", country="United States")
    services.attorney_save(access=world.staff(cast), firm=world.firm, data={
        "name_en": "Lee Park", "seniority": "associate", "languages": ["ko"], "bar_admissions": ["bar-il", "uspto"],
        "uspto_number": "71234"})  # fmt: skip
    services.firm_verify(access=world.staff(cast), firm=world.firm)
    responses = check(cast, world, lambda c: c.get(firm_url(world.firm)), EVERYONE)
    text = page_text(responses["not_entitled"])
    for shown in ("Dana Whitfield", "Chicago, United States", "State Bar of Illinois", "71234", "Korean",
                  "USD 450.00 \u2013 900.00", "Verified by the association", "Schedule A"):  # fmt: skip
        assert shown in text, shown
    moderator_name = cast.users["moderator"].display_name
    assert moderator_name not in text and moderator_name in page_text(responses["admin"])  # who verified: staff
    for actor in ("not_entitled", "firm_counsel", "other_counsel", "moderator"):
        assert "Review this firm" not in page_text(responses[actor])
    assert "Review this firm" in page_text(responses["entitled"]) and "Recommend" in page_text(responses["entitled"])
    assert "Propose changes" in page_text(responses["firm_counsel"])
    assert "Propose changes" not in page_text(responses["other_counsel"])
    for actor in ("moderator", "admin"):
        assert "Take back the verification" in page_text(responses[actor]) and "Retire" in page_text(responses[actor])
    assert "Retire" not in page_text(responses["entitled"])


def test_the_threshold_on_the_pages(cast, world):
    five_reviews(cast, world, count=4)
    for url in (firm_url(world.firm), "/a/alpha/counsel/"):
        text = page_text(client_of(cast, "not_entitled").get(url))
        assert "Fewer than 5 reviews" in text and "Quick work." not in text and "Rated" not in text
    assert "Quick work." not in page_text(client_of(cast, world.firm_counsel).get(firm_url(world.firm)))
    company, report = reviewer(cast)
    published_review(cast, world.firm, company, report)
    text = page_text(client_of(cast, "not_entitled").get(firm_url(world.firm)))
    assert "Fewer than 5" not in text and text.count("Quick work.") == 5
    assert "5.0 / 5" in text and "4.0 / 5" in text and "3.0 / 5" in text  # the ratings, over companies
    assert "Rated 4.0 of 5 by 5 member companies" in page_text(client_of(cast, "not_entitled").get("/a/alpha/counsel/"))
    services.review_withdraw(access=company.access(), review=Review.objects.get(company=company.company))
    assert "Fewer than 5 reviews" in page_text(client_of(cast, "not_entitled").get(firm_url(world.firm)))


# Recommendations -------------------------------------------------------------------------------------------


def test_company_admins_recommend_and_withdraw_their_recommendation(cast, world):
    url = firm_url(world.firm, "recommend/")
    data = {"recommend-kind": "schedule_a", "recommend-forum": "ilnd"}
    responses = check(cast, world, lambda c: c.post(url, data), expect(entitled=302), write=True)
    assert responses["entitled"].url == firm_url(world.firm)
    text = page_text(client_of(cast, "not_entitled").get(firm_url(world.firm)))
    assert "Recommended by 1 member company for Schedule A" in text
    assert cast.users["entitled"].company.legal_name_en not in text
    text = unchanged(lambda: client_of(cast, "entitled").post(url, {"recommend-kind": "divorce"}))
    assert "Select a valid choice" in text
    remove = firm_url(world.firm, f"recommendations/{Recommendation.objects.get().pk}/remove/")
    assert remove in page_text(client_of(cast, "entitled").get(firm_url(world.firm)))  # its own, with a button
    assert remove not in page_text(client_of(cast, "moderator").get(firm_url(world.firm)))
    check(cast, world, lambda c: c.post(remove), expect(entitled=302), write=True)
    assert not Recommendation.objects.exists()


# Reviews ---------------------------------------------------------------------------------------------------


def review_data(report, **given):
    return {"report": report.pk, **{name: str(value) for name, value in RATINGS.items()}, "text": "", **given}


def test_the_review_form_for_company_admins(cast, world):
    report, _version = cast_published_report(cast, kind="schedule_a", forum="ilnd")
    url = firm_url(world.firm, "review/")
    responses = check(cast, world, lambda c: c.get(url), expect(entitled=200))
    text = page_text(responses["entitled"])
    assert "Schedule A" in text and "Lumen Holdings, LLC" in text and "March 2026" in text
    assert report.docket_number not in text  # a report is named by kind, plaintiff and month only
    responses = check(cast, world, lambda c: c.post(url, review_data(report, submit="1")), expect(entitled=302),
                      write=True)  # fmt: skip
    assert responses["entitled"].url == "/a/alpha/counsel/reviews/"
    review = Review.objects.get()
    assert review.status == "pending" and review.company == cast.users["entitled"].company


def test_the_preview_shows_the_redactions_and_saves_nothing(cast, world):
    company, report = recognisable_reviewer(cast)
    client = signed_in(company.admin)
    text = f"{company.company.legal_name_en} hired them; our store QuillPeak Outfitters was freed in a week."
    page = unchanged(lambda: client.post(firm_url(world.firm, "review/"), review_data(report, text=text, preview="1")))
    assert "Preview of the shared review" in page
    assert '<del class="redacted-source">QuillPeak Outfitters</del>' in page
    assert '<mark class="placeholder">[MEMBER]</mark>' in page
    assert not Review.objects.exists()


def test_bad_review_input_is_a_field_error_and_writes_nothing(cast, world):
    report, _version = cast_published_report(cast, kind="schedule_a", forum="ilnd")
    client = client_of(cast, "entitled")
    url = firm_url(world.firm, "review/")
    data = review_data(report, submit="1")
    del data["expertise"]
    text = unchanged(lambda: client.post(url, data))
    assert "Rate from 1 to 5." in text and "field--invalid" in text
    text = unchanged(lambda: client.post(url, {**data, "expertise": "9"}))
    assert "Select a valid choice" in text
    text = unchanged(lambda: client.post(url, {**review_data(report, preview="1"), "report": ""}))
    assert "Choose one of your company" in text
    assert not Review.objects.exists()


def test_own_reviews_and_withdrawal(cast, world):
    report, _version = cast_published_report(cast, kind="schedule_a", forum="ilnd")
    review = services.review_submit(access=reporter_access(cast), firm=world.firm, data={"report": report.pk, **RATINGS,
                                    "text": "Good."})  # fmt: skip
    services.review_decide(access=access_of(cast.users["moderator"]), review=review, action="return",
                           note="Say more about the fees.")  # fmt: skip
    responses = check(
        cast, world, lambda c: c.get("/a/alpha/counsel/reviews/"), expect(not_entitled=200, entitled=200, moderator=200)
    )
    text = page_text(responses["entitled"])
    assert "Harbor &amp; Pine" in text and "Returned for changes" in text and "Say more about the fees." in text
    assert "Harbor &amp; Pine" not in page_text(responses["not_entitled"])  # another company's people
    assert "Withdraw" in text
    url = f"/a/alpha/counsel/reviews/{review.pk}/withdraw/"
    check(cast, world, lambda c: c.post(url), expect(entitled=302), write=True)
    review.refresh_from_db()
    assert review.status == "withdrawn"


def test_no_page_but_the_reviewers_own_names_the_reviewing_company(cast, world):
    company, report = recognisable_reviewer(cast)
    names = [company.company.legal_name_en, company.company.legal_name_zh, "QuillPeak Outfitters", "Zhou Mingyu"]
    text = f"{names[0]} ({names[1]}) hired them; our store QuillPeak Outfitters, Zhou Mingyu."
    client = signed_in(company.admin)
    client.post(firm_url(world.firm, "review/"), review_data(report, text=text, submit="1"))
    review = Review.objects.get()
    staff = client_of(cast, "moderator")
    pages = {
        "review queue": staff.get("/a/alpha/counsel/moderation/reviews/"),
        "moderation": staff.get(f"/a/alpha/counsel/moderation/reviews/{review.pk}/"),
    }
    staff.post(f"/a/alpha/counsel/moderation/reviews/{review.pk}/", {"action": "publish"})
    five_reviews(cast, world, count=4)
    services.recommend(access=company.access(), firm=world.firm, kind="schedule_a", forum="ilnd")
    reply = services.reply_submit(access=access_of(world.firm_counsel), review=review, text="Thank you.")
    assert reply.status == "pending"
    for actor in ("not_entitled", "entitled", "moderator", "admin"):
        pages[f"firm, {actor}"] = client_of(cast, actor).get(firm_url(world.firm))
        pages[f"directory, {actor}"] = client_of(cast, actor).get("/a/alpha/counsel/")
    pages["firm, counsel"] = client_of(cast, world.firm_counsel).get(firm_url(world.firm))
    pages["replies"] = staff.get("/a/alpha/counsel/moderation/replies/")
    version = report.versions.get()
    pages["published report"] = client_of(cast, "not_entitled").get(f"/a/alpha/reports/{version.pk}/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        shown = page_text(response)
        for secret in names:
            assert secret not in shown, (name, secret)
    assert "[MEMBER]" in page_text(pages["firm, not_entitled"])
    assert Review.objects.get(pk=review.pk).text == text  # the company's own text is kept, for it alone


# A firm's counsel: proposals and replies ------------------------------------------------------------------


def test_counsel_propose_changes_and_staff_decide(cast, world):
    url = firm_url(world.firm, "propose/")
    responses = check(cast, world, lambda c: c.get(url), expect(firm_counsel=200))
    assert 'value="Harbor &amp; Pine LLP"' in page_text(responses["firm_counsel"])  # prefilled
    form = {"name_en": "Harbor & Pine LLP", "name_zh": "港松律师事务所", "practice_en": world.firm.practice_en,
            "forums": ["ilnd", "txed"], "kinds": ["schedule_a", "district_patent"], "rights": ["design", "trademark"],
            "languages": ["en", "zh"]}  # fmt: skip
    text = unchanged(lambda: client_of(cast, world.firm_counsel).post(url, form))
    assert "Nothing would change." in text
    text = unchanged(lambda: client_of(cast, world.firm_counsel).post(url, {**form, "website": "not a site"}))
    assert "Enter a valid URL." in text
    changed = {**form, "phone": "+1 312 555 0100", "languages": ["en", "zh", "es"]}
    check(cast, world, lambda c: c.post(url, changed), expect(firm_counsel=302), write=True)
    proposal = Proposal.objects.get()
    assert proposal.changes == {"phone": "+1 312 555 0100", "languages": ["en", "zh", "es"]}
    responses = check(cast, world, lambda c: c.get("/a/alpha/counsel/moderation/proposals/"), STAFF)
    text = page_text(responses["moderator"])
    assert "+1 312 555 0100" in text and "English, Mandarin Chinese, Spanish" in text
    services.proposal_submit(access=access_of(world.firm_counsel), firm=world.firm, data={"phone": "1"})

    def decide(client):
        return client.post(f"/a/alpha/counsel/moderation/proposals/{first_pk(Proposal, status='pending')}/approve/")

    check(cast, world, decide, STAFF_DONE, write=True)
    assert LawFirm.objects.get(pk=world.firm.pk).phone == "1"
    assert not Proposal.objects.filter(status="pending").exists()
    proposal = services.proposal_submit(access=access_of(world.firm_counsel), firm=world.firm, data={"phone": "2"})
    client_of(cast, "admin").post(f"/a/alpha/counsel/moderation/proposals/{proposal.pk}/reject/")
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and LawFirm.objects.get(pk=world.firm.pk).phone == "1"


def test_the_firms_counsel_reply_to_a_published_review(cast, world):
    reviews = five_reviews(cast, world)
    text = page_text(client_of(cast, world.firm_counsel).get(firm_url(world.firm)))
    assert text.count("Send the reply to the moderators") == 5
    assert "Send the reply" not in page_text(client_of(cast, world.other_counsel).get(firm_url(world.firm)))
    url = f"/a/alpha/counsel/reviews/{reviews[0].pk}/reply/"
    responses = check(cast, world, lambda c: c.get(url), expect(firm_counsel=200))
    assert "Quick work." in page_text(responses["firm_counsel"])
    text = unchanged(lambda: client_of(cast, world.firm_counsel).post(url, {"text": " "}))
    assert "Write the reply." in text
    check(cast, world, lambda c: c.post(url, {"text": "Thank you for the kind words."}), expect(firm_counsel=302),
          write=True)  # fmt: skip
    assert "awaits a moderator" in page_text(client_of(cast, world.firm_counsel).get(firm_url(world.firm)))
    services.reply_submit(access=access_of(world.firm_counsel), review=reviews[1], text="Another reply.")
    responses = check(cast, world, lambda c: c.get("/a/alpha/counsel/moderation/replies/"), STAFF)
    assert "Thank you for the kind words." in page_text(responses["admin"])

    def decide(client):
        return client.post(f"/a/alpha/counsel/moderation/replies/{first_pk(Reply, status='pending')}/publish/")

    check(cast, world, decide, STAFF_DONE, write=True)
    text = page_text(client_of(cast, "not_entitled").get(firm_url(world.firm)))
    assert "Thank you for the kind words." in text and "The firm's reply" in text


# Moderation of reviews -------------------------------------------------------------------------------------


def test_moderators_publish_return_or_reject_reviews(cast, world):
    pending = []
    for _ in range(3):
        company, report = reviewer(cast)
        pending.append(services.review_submit(access=company.access(), firm=world.firm, data={
            "report": report.pk, **RATINGS, "text": "Our lawyer Dana was quick; call Jordan Blake."}))  # fmt: skip
    responses = check(cast, world, lambda c: c.get("/a/alpha/counsel/moderation/reviews/"), STAFF)
    assert "Harbor &amp; Pine" in page_text(responses["moderator"])
    url = f"/a/alpha/counsel/moderation/reviews/{pending[0].pk}/"
    responses = check(cast, world, lambda c: c.get(url), STAFF)
    assert "Our lawyer Dana was quick" in page_text(responses["moderator"])

    def decide(client):
        return client.post(f"/a/alpha/counsel/moderation/reviews/{first_pk(Review, status='pending')}/",
                           {"action": "publish", "redactions": "Jordan Blake"})  # fmt: skip

    check(cast, world, decide, STAFF_DONE, write=True)
    published = Review.objects.filter(status="published").order_by("pk")
    assert published.count() == 2 and all("Jordan Blake" not in review.shared_text for review in published)
    last = Review.objects.get(status="pending")
    text = unchanged(lambda: client_of(cast, "moderator").post(f"/a/alpha/counsel/moderation/reviews/{last.pk}/",
                                                               {"action": "shrug"}))  # fmt: skip
    assert "Unknown decision." in text
    client_of(cast, "moderator").post(f"/a/alpha/counsel/moderation/reviews/{last.pk}/",
                                      {"action": "return", "note": "Name no one, please."})  # fmt: skip
    last.refresh_from_db()
    assert last.status == "returned" and last.decision_note == "Name no one, please."


# The directory's upkeep ------------------------------------------------------------------------------------


FIRM_FORM = {"name_en": "Crane Ridge IP", "forums": ["ilnd"], "kinds": ["schedule_a"], "languages": ["zh"]}


def test_staff_create_and_edit_firms(cast, world):
    check(cast, world, lambda c: c.get("/a/alpha/counsel/firms/new/"), STAFF)
    check(cast, world, lambda c: c.post("/a/alpha/counsel/firms/new/", FIRM_FORM), STAFF_DONE, write=True)
    created = LawFirm.objects.filter(name_en="Crane Ridge IP")
    assert created.count() == 2 and created.first().languages == ["zh"]
    text = unchanged(
        lambda: client_of(cast, "moderator").post("/a/alpha/counsel/firms/new/", {**FIRM_FORM, "name_en": ""})
    )
    assert "field--invalid" in text and "This field cannot be blank." in text
    edit = firm_url(world.firm, "edit/")
    responses = check(cast, world, lambda c: c.get(edit), STAFF)
    assert 'value="Harbor &amp; Pine LLP"' in page_text(responses["admin"])
    check(cast, world, lambda c: c.post(edit, {**FIRM_FORM, "name_en": "Harbor and Pine"}), STAFF_DONE, write=True)
    assert LawFirm.objects.get(pk=world.firm.pk).name_en == "Harbor and Pine"


def test_staff_verify_and_retire_firms(cast, world):
    for action, field, value in (("verify", "verified_at", True), ("unverify", "verified_at", False),
                                 ("retire", "retired_at", True), ("restore", "retired_at", False)):  # fmt: skip
        check(cast, world, lambda c, action=action: c.post(firm_url(world.firm, f"{action}/")), STAFF_DONE, write=True)
        assert (getattr(LawFirm.objects.get(pk=world.firm.pk), field) is not None) is value, action


def first_url(firm, model, tail: str, **lookups) -> str:
    return firm_url(firm, tail.format(first_pk(model, **lookups)))


def test_staff_keep_attorneys_offices_and_fees(cast, world):
    responses = check(cast, world, lambda c: c.get(firm_url(world.firm, "manage/")), STAFF)
    assert "Dana Whitfield" in page_text(responses["moderator"])
    add = firm_url(world.firm, "attorneys/new/")
    responses = check(cast, world, lambda c: c.get(add), STAFF)
    assert world.firm_counsel.email in page_text(responses["admin"])  # a counsel user to choose
    attorney = {"name_en": "Ana Ruiz", "seniority": "associate", "languages": ["es"], "bar_admissions": ["bar-tx"],
                "uspto_number": "71234"}  # fmt: skip
    check(cast, world, lambda c: c.post(add, attorney), STAFF_DONE, write=True)
    assert Attorney.objects.filter(name_en="Ana Ruiz").count() == 2
    text = unchanged(lambda: client_of(cast, "moderator").post(add, {**attorney, "uspto_number": "RN-71"}))
    assert "A USPTO registration number is five or six digits" in text and "field--invalid" in text
    dana = Attorney.objects.get(name_en="Dana Whitfield")
    edit = firm_url(world.firm, f"attorneys/{dana.pk}/")
    responses = check(cast, world, lambda c: c.get(edit), STAFF)
    assert 'value="Dana Whitfield"' in page_text(responses["moderator"])
    check(cast, world, lambda c: c.post(edit, {"name_en": "Dana Whitfield", "seniority": "of_counsel",
                                               "user": world.firm_counsel.pk}), STAFF_DONE, write=True)  # fmt: skip
    dana.refresh_from_db()
    assert dana.seniority == "of_counsel" and dana.user == world.firm_counsel
    remove = lambda c: c.post(first_url(world.firm, Attorney, "attorneys/{}/remove/", name_en="Ana Ruiz"))  # noqa: E731
    check(cast, world, remove, STAFF_DONE, write=True)
    assert not Attorney.objects.filter(name_en="Ana Ruiz").exists()
    # Offices.
    office = {"office-city": "Chicago", "office-country": "United States"}
    check(cast, world, lambda c: c.post(firm_url(world.firm, "offices/new/"), office), STAFF_DONE, write=True)
    assert Office.objects.filter(firm=world.firm).count() == 2
    no_city = {"office-city": "", "office-country": "US"}
    text = unchanged(lambda: client_of(cast, "moderator").post(firm_url(world.firm, "offices/new/"), no_city))
    assert "field--invalid" in text
    remove = lambda c: c.post(first_url(world.firm, Office, "offices/{}/remove/"))  # noqa: E731
    check(cast, world, remove, STAFF_DONE, write=True)
    assert not Office.objects.exists()
    # Fees.
    fee = {"fee-kind": "hourly", "fee-seniority": "partner", "fee-minimum": "450", "fee-maximum": "900",
           "fee-currency": "USD"}  # fmt: skip
    check(cast, world, lambda c: c.post(firm_url(world.firm, "fees/new/"), fee), STAFF_DONE, write=True)
    assert FeeArrangement.objects.count() == 2
    text = unchanged(
        lambda: client_of(cast, "admin").post(
            firm_url(world.firm, "fees/new/"), {**fee, "fee-minimum": "900", "fee-maximum": "450"}
        )
    )
    assert "The lower end of the range exceeds its upper end." in text and "field--invalid" in text
    remove = lambda c: c.post(first_url(world.firm, FeeArrangement, "fees/{}/remove/"))  # noqa: E731
    check(cast, world, remove, STAFF_DONE, write=True)
    assert not FeeArrangement.objects.exists()
    # Another firm's attorney through this firm's URL: a 404.
    other = Attorney.objects.get(firm=world.other_firm)
    assert client_of(cast, "moderator").get(firm_url(world.firm, f"attorneys/{other.pk}/")).status_code == 404


# A defense group engages a firm ------------------------------------------------------------------------------


def test_a_groups_lead_engages_a_firm_and_its_counsel_see_the_group(cast, world):
    lead, member = cast_side(cast), side(cast.association)
    group = joined_group(cast.association, lead, member)
    url = f"/a/alpha/counsel/groups/{group.pk}/engage/"
    check(cast, world, lambda c: c.get(url), expect(entitled=200))
    step = page_text(client_of(cast, "entitled").get(f"{url}?firm={world.firm.pk}"))
    assert world.firm_counsel.email in step and world.other_counsel.email not in step
    group_page = f"/a/alpha/groups/{group.pk}/"
    assert client_of(cast, world.firm_counsel).get(group_page).status_code == 404
    data = {"firm": world.firm.pk, "scope": "Schedule A defense", "fee_arrangement": "Flat $3,000 per defendant",
            "started_on": "2026-12-01", "counsel": [world.firm_counsel.pk]}  # fmt: skip
    text = unchanged(lambda: client_of(cast, "entitled").post(url, {**data, "counsel": [world.other_counsel.pk]}))
    assert "Select a valid choice" in text
    text = unchanged(lambda: client_of(cast, "entitled").post(url, {**data, "scope": "", "started_on": ""}))
    assert "Describe what the firm is engaged for." in text and "Give the start date." in text
    services.firm_retire(access=world.staff(cast), firm=world.other_firm)
    text = unchanged(lambda: client_of(cast, "entitled").post(url, {**data, "firm": world.other_firm.pk}))
    assert "Select a valid choice" in text  # a firm retired meanwhile: said at the top of the form
    responses = check(cast, world, lambda c: c.post(url, data), expect(entitled=302), write=True)
    assert responses["entitled"].url == group_page
    engagement = Engagement.objects.get()
    assert engagement.started_on == date(2026, 12, 1) and engagement.firm == world.firm
    assert Participant.objects.get(group=group, user=world.firm_counsel).status == "invited"
    assert client_of(cast, world.firm_counsel).get(group_page).status_code == 200
    text = page_text(signed_in(member.admin).get(group_page))
    assert "Engaged firms" in text and "Schedule A defense" in text and "Flat $3,000 per defendant" in text
    assert "Engage a firm" not in text and "Engage a firm" in page_text(client_of(cast, "entitled").get(group_page))


# Firms that handled cases like this ---------------------------------------------------------------------------


def test_firms_that_handled_cases_like_this_on_the_report_pages(cast, world):
    report, version = cast_published_report(cast, kind="schedule_a", forum="ilnd")
    recommender, _report = reviewer(cast)
    services.recommend(access=recommender.access(), firm=world.other_firm, kind="schedule_a", forum="ilnd")
    five_reviews(cast, world)
    own = page_text(client_of(cast, "entitled").get(f"/a/alpha/reports/mine/{report.pk}/"))
    published = page_text(client_of(cast, "not_entitled").get(f"/a/alpha/reports/{version.pk}/"))
    for text in (own, published):
        assert "Firms that handled cases like this" in text
        assert firm_url(world.other_firm) in text and "recommended by 1 member company" in text
        assert firm_url(world.firm) in text and "Pending: 5 cases" in text
        assert recommender.company.legal_name_en not in text
    _unrelated, unrelated_version = cast_published_report(cast, kind="district_patent", forum="cacd")
    text = page_text(client_of(cast, "not_entitled").get(f"/a/alpha/reports/{unrelated_version.pk}/"))
    assert "No member company has recommended or reviewed a firm for cases like this yet." in text
