"""Every defense group page (GET) as every actor, and what the pages show at each level: the invitation, the
summary with the agreement to accept, the full group; escaping; the privilege label; navigation; the CSP."""

import re
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from sharing.chat import selectors as chat_selectors
from sharing.chat import services as chat_services
from sharing.defense import document_services, services
from sharing.reports import services as report_services
from tests.defense.helpers import side
from tests.defense.page_helpers import (
    FULL_OK,
    LEAD_OK,
    PARTICIPANTS_OK,
    check,
    expect,
    pdf,
    signed_in,
    use_private_storage,
    world,
)
from tests.factories import report_data
from tests.web.helpers import page_text
from tests.web.test_templates import problems

pytestmark = pytest.mark.django_db

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "sharing/defense/templates").glob("**/*.html"))
BANNER = "Privileged and confidential — common interest"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


@pytest.fixture
def w(cast):
    return world(cast)


def a_document(w, **kwargs):
    return document_services.document_upload(
        gaccess=w.gaccess(w.lead.admin), title="Claim chart", audience="group", upload=pdf(), **kwargs
    )


# Lists and creation ----------------------------------------------------------------------------------------


def test_the_list_for_company_people_and_counsel(cast, w):
    responses = check(
        cast, w, lambda c: c.get("/a/alpha/groups/"), expect(**dict.fromkeys(
            ("outsider", "invited", "member", "lead", "counsel", "moderator"), 200))
    )  # fmt: skip
    assert "Common defense" not in page_text(responses["outsider"])
    assert "Common defense" not in page_text(responses["moderator"])
    invited = page_text(responses["invited"])
    assert "Invitations" in invited and f'href="/a/alpha/groups/{w.group.pk}/"' in invited
    for actor in ("member", "lead", "counsel"):
        page = page_text(responses[actor])
        assert "Common defense" in page and "Invitations" not in page
    assert "New group" in page_text(responses["lead"]) and "New group" not in page_text(responses["counsel"])


def test_the_creation_form_for_company_admins(cast, w):
    responses = check(
        cast, w, lambda c: c.get("/a/alpha/groups/new/"), expect(outsider=200, invited=200, member=200, lead=200)
    )
    page = page_text(responses["lead"])
    assert 'list="plaintiff-suggestions"' in page and 'data-suggest-url="/a/alpha/reports/plaintiffs/"' in page
    assert '<script src="/static/js/report-form.js" defer></script>' in page


def test_listed_groups_for_moderators_and_association_admins_name_plaintiff_and_size_only(cast, w):
    group = services.group_create(
        access=w.lead.access(), name="Listed against Lumen", plaintiff_name="Lumen Holdings, LLC", listed=True
    )
    services.invite_company(gaccess=w.lead.gaccess(group), company=w.member.company)
    responses = check(cast, w, lambda c: c.get("/a/alpha/groups/listed/"), expect(moderator=200, admin=200))
    page = page_text(responses["moderator"])
    assert "Listed against Lumen" in page and "Lumen Holdings, LLC" in page
    assert re.search(r"<td>Listed against Lumen</td>\s*<td>Lumen Holdings, LLC</td>\s*<td>1</td>", page)
    assert "Common defense" not in page  # not listed
    for hidden in (w.lead.company.legal_name_en, w.member.company.legal_name_en, f"/groups/{group.pk}/"):
        assert hidden not in page


# One group --------------------------------------------------------------------------------------------------


def test_the_group_page_for_its_participants_only(cast, w):
    responses = check(cast, w, lambda c: c.get(w.url), PARTICIPANTS_OK)
    for actor in ("invited", "member", "lead", "counsel"):
        assert BANNER in page_text(responses[actor])


def test_a_missing_group_is_the_same_404(cast, w):
    check(cast, w, lambda c: c.get("/a/alpha/groups/999999/"), expect())
    other = services.group_create(access=side(cast.other_association).access("bravo"), name="Elsewhere")
    check(cast, w, lambda c: c.get(f"/a/alpha/groups/{other.pk}/"), expect())


def test_the_invitation_shows_the_group_and_the_answer_buttons_not_who_is_in_it(cast, w):
    page = page_text(signed_in(w.invited.admin).get(w.url))
    assert "Invitation" in page and "Accept the invitation" in page and "Decline" in page
    assert w.lead.company.legal_name_en in page  # who invites
    assert w.member.company.legal_name_en not in page and w.lawyer.display_name not in page
    assert "The parties share a common legal interest" not in page
    colleague = page_text(signed_in(w.invited.member).get(w.url))
    assert "Accept the invitation" not in colleague and "Your company's admins answer the invitation." in colleague


def test_the_summary_level_shows_the_agreement_to_accept(cast, w):
    services.agreement_publish(gaccess=w.gaccess(w.lead.admin), text="Version two of the agreement.")
    page = page_text(signed_in(w.member.admin).get(w.url))
    assert "Version two of the agreement." in page
    assert '<input type="hidden" name="version" value="2">' in page and "Accept version 2" in page
    assert "open once your company (or you, as counsel) accepts this version" in page
    assert f"/groups/{w.group.pk}/documents/" not in page and f"/groups/{w.group.pk}/chat/" not in page
    assert w.member.company.legal_name_en in page and w.lawyer.display_name in page  # participants
    colleague = page_text(signed_in(w.member.member).get(w.url))
    assert "Accept version 2" not in colleague and "Your company's admins accept the agreement" in colleague


def test_the_full_level_shows_links_unread_counts_and_the_participants(cast, w):
    room = chat_selectors.rooms(w.gaccess(w.lead.admin)).get(topic="")
    chat_services.message_post(gaccess=w.gaccess(w.lead.admin), room=room, client_msg_id=uuid.uuid4(), body="Hello")
    page = page_text(signed_in(w.member.admin).get(w.url))
    for link in ("documents/", "reports/", "chat/"):
        assert f'href="/a/alpha/groups/{w.group.pk}/{link}"' in page
    assert re.search(r'<span class="badge badge--count">1</span>', page)
    assert (
        "Withdraw from the agreement" in page
        and "access to the documents, the shared reports and the chat at once" in page
    )
    assert "Leave group" in page
    assert "Manage the group" not in page and "/remove/" not in page
    for name in (w.lead.company.legal_name_en, w.member.company.legal_name_en, w.lawyer.display_name):
        assert name in page
    assert w.invited.company.legal_name_en in page  # invited, shown as such
    assert re.search(r"<td>1</td>\s*<td>" + re.escape(w.member.admin.display_name), page)  # who accepted v1
    lead = page_text(signed_in(w.lead.admin).get(w.url))
    assert "Manage the group" in lead and "Leave group" not in lead and lead.count("/remove/") == 3


def test_manager_pages_for_the_lead_admins_only(cast, w):
    for path in ("settings/", "invite/", "agreement/"):
        check(cast, w, lambda c, path=path: c.get(w.url + path), LEAD_OK)
    assert signed_in(w.lead.member).get(w.url + "settings/").status_code == 404


def test_the_invite_form_offers_companies_and_counsel_not_yet_in(cast, w):
    newcomer = side(cast.association)
    page = page_text(signed_in(w.lead.admin).get(w.url + "invite/"))
    assert newcomer.company.legal_name_en in page
    for taken in (w.lead.company, w.member.company, w.invited.company):
        assert f'value="{taken.pk}"' not in re.search(r'<select name="company".*?</select>', page, re.S).group(0)
    assert side(cast.other_association).company.legal_name_en not in page
    counsel_select = re.search(r'<select name="counsel".*?</select>', page, re.S).group(0)
    assert w.lawyer.email not in counsel_select


@pytest.mark.parametrize("path", ["documents/", "reports/", "chat/"])
def test_content_pages_for_participants_with_full_access(cast, w, path):
    responses = check(cast, w, lambda c: c.get(w.url + path), FULL_OK)
    assert BANNER in page_text(responses["counsel"])


def test_content_pages_close_at_the_summary_level(cast, w):
    services.agreement_withdraw(gaccess=w.gaccess(w.member.admin))
    client = signed_in(w.member.admin)
    for path in ("documents/", "reports/", "chat/"):
        assert client.get(w.url + path).status_code == 404
    assert client.get(w.url).status_code == 200


def test_a_document_page_for_participants_with_full_access(cast, w):
    document = a_document(w)
    responses = check(cast, w, lambda c: c.get(f"{w.url}documents/{document.pk}/"), FULL_OK)
    page = page_text(responses["member"])
    assert "brief.pdf" in page and f"documents/{document.pk}/versions/1/download/" in page


def test_the_document_list_shows_title_audience_version_size_uploader(cast, w):
    a_document(w)
    page = page_text(signed_in(w.member.admin).get(w.url + "documents/"))
    row = re.search(r"<tbody>.*?</tbody>", page, re.S).group(0)
    for shown in ("Claim chart", "The whole group", "Version 1", w.lead.admin.display_name):
        assert shown in row
    assert re.search(r"\d+\s*bytes", row)
    assert 'enctype="multipart/form-data"' in page


def test_the_chat_page(cast, w):
    a_document(w)
    topic = chat_services.topic_create(gaccess=w.gaccess(w.lead.admin), topic="Claim construction")
    page = page_text(signed_in(w.member.admin).get(w.url + "chat/"))
    general = re.search(r'data-room-id="(\d+)"', page).group(1)
    assert f'data-chat-socket="/ws/a/alpha/groups/{w.group.pk}/rooms/{general}/"' in page
    assert '<script src="/static/js/chat.js" defer></script>' in page
    assert f"?room={topic.pk}" in page and "Claim construction" in page
    assert 'name="attachments"' in page and "Claim chart" in page
    assert f'value="{w.lead.admin.pk}"' in page and f'value="{w.member.admin.pk}" data-chat-mention' not in page
    assert 'data-text-access-lost="You no longer have access to this chat.' in page
    topic_page = page_text(signed_in(w.member.admin).get(f"{w.url}chat/?room={topic.pk}"))
    assert f"/rooms/{topic.pk}/" in topic_page
    client = signed_in(w.member.admin)
    assert client.get(f"{w.url}chat/?room=999999").status_code == 404
    assert client.get(f"{w.url}chat/?room=abc").status_code == 404
    other = services.group_create(access=w.lead.access(), name="Other", agreement_text="We agree.")
    other_room = chat_services.topic_create(gaccess=w.lead.gaccess(other), topic="Elsewhere")
    assert client.get(f"{w.url}chat/?room={other_room.pk}").status_code == 404


def test_the_chat_page_speaks_the_users_language(cast, w):
    page = page_text(signed_in(w.member.admin, "zh-hans").get(w.url + "chat/"))
    assert '<html lang="zh-hans">' in page
    with translation.override("zh-hans"):
        for name, sentence in (
            ("send", "Send"),
            ("access-lost", "You no longer have access to this chat. Reload the page to check."),
        ):
            assert f'data-text-{name}="{escape(gettext(sentence))}"' in page
        assert gettext(BANNER) in page


def test_observers_and_archived_groups_have_no_composer(cast, w):
    observer = side(cast.association)
    services.invite_company(gaccess=w.lead.gaccess(w.group), company=observer.company, role="observer")
    services.invitation_answer(gaccess=observer.gaccess(w.group), accept=True)
    services.agreement_accept(gaccess=observer.gaccess(w.group), version=1)
    page = page_text(signed_in(observer.admin).get(w.url + "chat/"))
    assert "data-chat-composer" not in page and "As an observer you read the chat" in page
    assert "Upload a document" not in page_text(signed_in(observer.admin).get(w.url + "documents/"))
    services.group_archive(gaccess=w.gaccess(w.lead.admin))
    archived = page_text(signed_in(w.member.admin).get(w.url + "chat/"))
    assert "data-chat-composer" not in archived and "archived" in archived


def test_shared_reports_name_the_company_that_chose_to_reveal_itself(cast, w):
    report, _created = report_services.report_create(access=w.member.access(), data=report_data())
    services.report_share(gaccess=w.gaccess(w.member.admin), report=report)
    lead_page = page_text(signed_in(w.lead.admin).get(w.url + "reports/"))
    assert w.member.company.legal_name_en in lead_page and "2:26-cv-00123-JRG" in lead_page
    assert "Stop sharing" not in lead_page
    member_page = page_text(signed_in(w.member.admin).get(w.url + "reports/"))
    assert "Stop sharing" in member_page and f"/reports/{report.pk}/unshare/" in member_page
    assert "Your company has no other report to share." in member_page


# Escaping, the CSP, navigation ------------------------------------------------------------------------------


def test_html_in_names_descriptions_titles_and_topics_is_escaped(cast, w):
    evil = "<script>alert(1)</script><b>x</b>"
    services.group_update(gaccess=w.gaccess(w.lead.admin), name=evil, description=evil, listed=True)
    w.lead.company.legal_name_en = evil
    w.lead.company.save()
    w.lawyer.display_name = evil
    w.lawyer.save()
    document_services.document_upload(gaccess=w.gaccess(w.lead.admin), title=evil, audience="group", upload=pdf())
    chat_services.topic_create(gaccess=w.gaccess(w.lead.admin), topic=evil)
    client = signed_in(w.member.admin)
    for path in ("", "documents/", "chat/"):
        page = page_text(client.get(w.url + path))
        assert "<script>alert(1)" not in page and "<b>x</b>" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
    for user, url in ((cast.users["moderator"], "/a/alpha/groups/listed/"), (w.member.admin, "/a/alpha/groups/")):
        page = page_text(signed_in(user).get(url))
        assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("name", ["chat.js", "live-socket.js", "live-notifications.js"])
def test_the_live_scripts_never_render_text_as_html(name):
    script = (Path(__file__).resolve().parents[2] / "templates/static/js" / name).read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_the_chat_client_has_no_english_of_its_own():
    """Every sentence chat.js shows comes from the page's data-text-* attributes, rendered in the user's language."""
    script = (Path(__file__).resolve().parents[2] / "templates/static/js/chat.js").read_text()
    code = re.sub(r"^\s*//.*$", "", script, flags=re.M)
    strings = re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', code)
    words = [s for s in strings if re.fullmatch(r"[A-Za-z]+(?: [a-z]+)+[.!?…:]?", s) or s[:1].isupper()]
    assert sorted(words) == ["A", "Enter", "WebSocket", "use strict"]  # a tag name, a key, an API, a directive
    used = set(re.findall(r'text\("([a-z-]+)"\)', code))
    template = (Path(__file__).resolve().parents[2] / "sharing/chat/templates/chat/room.html").read_text()
    assert used <= set(re.findall(r"data-text-([a-z-]+)=", template))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_fit_the_content_security_policy(path):
    assert problems(path.read_text()) == []


def test_rendered_group_pages_fit_the_content_security_policy(cast, w):
    document = a_document(w)
    client = signed_in(w.lead.admin)
    for path in (
        "",
        "settings/",
        "invite/",
        "agreement/",
        "documents/",
        f"documents/{document.pk}/",
        "reports/",
        "chat/",
    ):
        assert problems(page_text(client.get(w.url + path))) == [], path
    for url in ("/a/alpha/groups/", "/a/alpha/groups/new/"):
        assert problems(page_text(client.get(url))) == [], url


def nav(user) -> str:
    page = signed_in(user).get("/a/alpha/").content.decode()
    return re.search(r'<nav class="association-nav".*?</nav>', page, re.S).group(0)


def test_navigation_links(cast, w):
    for user in (w.member.admin, w.member.member, w.lawyer):
        menu = nav(user)
        assert 'href="/a/alpha/groups/"' in menu and "/a/alpha/groups/listed/" not in menu
    moderator = nav(cast.users["moderator"])
    assert 'href="/a/alpha/groups/"' in moderator and 'href="/a/alpha/groups/listed/"' in moderator
    admin = nav(cast.users["admin"])
    assert 'href="/a/alpha/groups/"' not in admin and 'href="/a/alpha/groups/listed/"' in admin
    page = page_text(signed_in(w.member.admin).get(w.url + "documents/"))
    assert re.search(r'href="/a/alpha/groups/"\s*aria-current="page"', page)


def test_anonymous_visitors_go_to_the_login_page(w):
    response = Client().get(w.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
