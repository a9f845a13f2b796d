"""Proposals in the members' area, the dashboard summary and the public service standards page."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from members.grants.models import (
    IatiActivityStatus,
    Programme,
    Proposal,
    ProposalSponsor,
    ProposalStatusChange,
    ServiceStandard,
    SponsorRole,
)
from members.grants.views import standards_page_context
from members.models import MemberPage

LIST_URL = "members:grants:list"
DETAIL_URL = "members:grants:detail"


@pytest.fixture
def standards(db) -> list[ServiceStandard]:
    working, calendar = ServiceStandard.Counting.WORKING_DAYS, ServiceStandard.Counting.CALENDAR_DAYS
    rows = [
        ("received", "Acknowledge receipt", 5, working),
        ("eligibility_screening", "Screen for eligibility", 10, working),
        ("technical_review", "Review the proposal", 30, working),
        ("secretariat_decision", "Decide", 15, calendar),
        ("approved", "Sign the grant agreement", 30, working),
    ]
    return [
        ServiceStandard.objects.create(status=status, name=name, target_days=target, counting=counting)
        for status, name, target, counting in rows
    ]


def make_proposal(
    number: int,
    *,
    lead: MemberPage | None = None,
    co_sponsors: tuple[MemberPage, ...] = (),
    history: list[tuple[str, datetime]] | None = None,
    **fields,
) -> Proposal:
    history = history or [("received", timezone.now() - timedelta(days=1))]
    proposal = Proposal.objects.create(
        external_id=f"P-2026-{number:04d}",
        title=fields.pop("title", f"Upgrading plan number {number}"),
        programme=Programme.SLUM_UPGRADING,
        country="BJ",
        city="Cotonou",
        amount_requested=Decimal("450000.00"),
        currency_requested="USD",
        status=history[-1][0],
        remote_updated_at=history[-1][1],
        **fields,
    )
    sponsors = [(lead, SponsorRole.LEAD)] if lead else []
    sponsors += [(member, SponsorRole.CO_SPONSOR) for member in co_sponsors]
    ProposalSponsor.objects.bulk_create(
        ProposalSponsor(proposal=proposal, org_code=f"M{member.pk}", role=role, member=member)
        for member, role in sponsors
    )
    ProposalStatusChange.objects.bulk_create(
        ProposalStatusChange(proposal=proposal, status=status, at=at) for status, at in history
    )
    return proposal


def test_an_editor_sees_their_members_proposals_as_lead_and_co_sponsor_only(
    client, login_as, editor_a, member_a, member_b, standards
):
    led = make_proposal(1, lead=member_a, title="Lagos drainage")
    co_sponsored = make_proposal(2, lead=member_b, co_sponsors=(member_a,), title="Cotonou lagoon with Lagos")
    others = make_proposal(3, lead=member_b, title="Cotonou markets")
    login_as("member@demo.test")

    response = client.get(reverse(LIST_URL))

    html = response.content.decode()
    assert response.status_code == 200
    assert led.title in html and led.external_id in html
    assert co_sponsored.title in html
    assert others.title not in html and others.external_id not in html
    assert "Lead" in html and "Co-sponsor" in html
    assert "Lagos State" in html, "grouped under the member's name"
    assert "450,000.00 USD" in html


def test_another_members_proposal_is_not_found_by_its_address(client, login_as, editor_a, member_a, member_b):
    mine = make_proposal(1, co_sponsors=(member_a,), lead=member_b)
    theirs = make_proposal(2, lead=member_b)
    login_as("member@demo.test")

    assert client.get(reverse(DETAIL_URL, args=[mine.external_id])).status_code == 200
    assert client.get(reverse(DETAIL_URL, args=[theirs.external_id])).status_code == 404
    assert client.get(reverse(DETAIL_URL, args=["P-9999-0000"])).status_code == 404
    # Nor by filtering the list on the other member.
    html = client.get(reverse(LIST_URL), {"member": member_b.pk}).content.decode()
    assert theirs.external_id not in html


def test_sign_in_is_required(client, demo_site, member_a):
    proposal = make_proposal(1, lead=member_a)

    for url in (reverse(LIST_URL), reverse(DETAIL_URL, args=[proposal.external_id])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_proposal_deleted_in_the_grants_system_disappears(client, login_as, editor_a, member_a):
    kept = make_proposal(1, lead=member_a)
    deleted = make_proposal(2, lead=member_a, deleted=True)
    login_as("member@demo.test")

    html = client.get(reverse(LIST_URL)).content.decode()

    assert kept.external_id in html and deleted.external_id not in html
    assert client.get(reverse(DETAIL_URL, args=[deleted.external_id])).status_code == 404


def test_the_list_filters_by_status_and_member(client, login_as, editor_a, member_a, make_member, standards):
    second = make_member("Accra", acronym="ACC")
    editor_a.groups.add(second.team.editors)
    in_review = make_proposal(1, lead=member_a, history=[("technical_review", timezone.now())])
    received = make_proposal(2, lead=member_a)
    accra = make_proposal(3, lead=second)
    login_as("member@demo.test")

    by_status = client.get(reverse(LIST_URL), {"status": "technical_review"}).content.decode()
    by_member = client.get(reverse(LIST_URL), {"member": second.pk}).content.decode()

    assert in_review.external_id in by_status and received.external_id not in by_status
    assert accra.external_id in by_member and in_review.external_id not in by_member
    assert "Clear filters" in by_member


def test_the_list_shows_a_proposal_stuck_in_review_as_overdue(client, login_as, editor_a, member_a, standards):
    now = timezone.now()
    make_proposal(
        1,
        lead=member_a,
        history=[("received", now - timedelta(days=70)), ("technical_review", now - timedelta(days=60))],
    )
    make_proposal(2, lead=member_a, history=[("received", now - timedelta(days=3)), ("technical_review", now)])
    login_as("member@demo.test")

    html = client.get(reverse(LIST_URL)).content.decode()

    assert html.count("Overdue") == 1
    assert "On track" in html
    assert "status--error" in html, "coloured as well as written"


def test_the_list_runs_the_same_queries_for_5_and_60_proposals(
    client, login_as, editor_a, member_a, member_b, standards
):
    now = timezone.now()

    def add(numbers: range) -> None:
        for number in numbers:
            make_proposal(
                number,
                lead=member_a,
                co_sponsors=(member_b,),
                history=[
                    ("received", now - timedelta(days=40)),
                    ("eligibility_screening", now - timedelta(days=35)),
                    ("technical_review", now - timedelta(days=20)),
                ],
            )

    add(range(5))
    login_as("member@demo.test")
    client.get(reverse(LIST_URL))  # warm caches that do not depend on the proposals
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(LIST_URL)).status_code == 200
    add(range(5, 60))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(LIST_URL))

    assert len(many) == len(few), [query["sql"] for query in many]
    assert response.content.decode().count('scope="row"') == 50, "one page of 50"
    assert "Page 1 of 2" in response.content.decode()


def test_the_detail_shows_the_timeline_with_the_revision_paused(client, login_as, editor_a, member_a, standards):
    start = datetime(2026, 3, 2, 10, tzinfo=UTC)  # a Monday
    proposal = make_proposal(
        1,
        lead=member_a,
        history=[
            ("technical_review", start),
            ("returned_for_revision", start + timedelta(days=7)),  # 5 working days
            ("technical_review", start + timedelta(days=21)),  # 14 days with the applicant
            ("secretariat_decision", start + timedelta(days=28)),  # 5 more working days
        ],
        iati_identifier="XM-DAC-1-P1",
        iati_status=IatiActivityStatus.IMPLEMENTATION,
        iati_dates={"planned_start": "2026-06-01"},
    )
    login_as("member@demo.test")

    html = client.get(reverse(DETAIL_URL, args=[proposal.external_id])).content.decode()

    assert "Returned for revision" in html and "Paused for revision" in html
    assert "With the time before the revision: 10 working days" in html
    assert "Time returned for revision: 14 calendar days" in html
    assert "Within target" in html
    assert "Review the proposal: 30 working days" in html
    assert "Implementation" in html and "XM-DAC-1-P1" in html and "June 1, 2026" in html
    assert "Lagos State" in html


def test_the_dashboard_links_to_proposals_only_for_those_who_have_some(
    client, login_as, editor_a, editor_b, member_a, standards
):
    now = timezone.now()
    make_proposal(1, lead=member_a, history=[("technical_review", now - timedelta(days=90))])
    make_proposal(2, lead=member_a, history=[("technical_review", now)])

    login_as("member@demo.test")
    html = client.get(reverse("members:dashboard")).content.decode()
    assert reverse(LIST_URL) in html
    assert "1 overdue" in html and "1 on track" in html

    client.post("/en/accounts/logout/")
    login_as("member2@demo.test")
    assert reverse(LIST_URL) not in client.get(reverse("members:dashboard")).content.decode()


# The public page


def test_the_public_page_publishes_standards_and_performance_without_any_proposal(
    about_page, member_a, member_b, standards
):
    monday = datetime(2025, 1, 6, 10, tzinfo=UTC)
    make_proposal(
        1, lead=member_a, history=[("received", monday), ("eligibility_screening", monday + timedelta(days=2))]
    )
    make_proposal(
        2, lead=member_b, history=[("received", monday), ("eligibility_screening", monday + timedelta(days=14))]
    )
    make_proposal(
        3,
        lead=member_b,
        deleted=True,
        history=[("received", monday), ("eligibility_screening", monday + timedelta(days=1))],
    )
    request = RequestFactory().get("/en/about/")
    request.user = AnonymousUser()

    with CaptureQueriesContext(connection) as queries:
        context = standards_page_context(request)

    assert len(queries) == 4, "the standards, two fingerprints of the data and every history, once each"
    received = context["performance"][0]
    assert (received.finished, received.within_target, received.percent) == (2, 1, 50), "the deleted one left out"
    assert [(row["year"], row["quarter"]) for row in context["quarters"]] == [(2025, 1)]

    html = render_to_string("members/service_standards_page.html", {**context, "page": about_page}, request=request)
    assert "Acknowledge receipt" in html and "5 working days" in html and "15 calendar days" in html
    assert "Q1 2025" in html and "50%" in html and "1 of 2 steps" in html
    assert "P-2026-" not in html and "Upgrading plan" not in html


def test_the_public_page_says_so_when_nothing_is_published(about_page):
    request = RequestFactory().get("/en/about/")
    request.user = AnonymousUser()

    html = render_to_string(
        "members/service_standards_page.html", {**standards_page_context(request), "page": about_page}, request=request
    )

    assert "The service standards have not been published yet." in html


def test_the_public_figures_are_kept_until_the_data_or_the_standards_change(about_page, member_a, standards):
    monday = datetime(2025, 1, 6, 10, tzinfo=UTC)
    make_proposal(
        1, lead=member_a, history=[("received", monday), ("eligibility_screening", monday + timedelta(days=2))]
    )
    request = RequestFactory().get("/en/about/")

    assert standards_page_context(request)["performance"][0].finished == 1
    with CaptureQueriesContext(connection) as queries:
        assert standards_page_context(request)["performance"][0].finished == 1
    assert len(queries) == 3, "no history read again"

    make_proposal(
        2, lead=member_a, history=[("received", monday), ("eligibility_screening", monday + timedelta(days=9))]
    )
    assert standards_page_context(request)["performance"][0].within_target == 1
    assert standards_page_context(request)["performance"][0].finished == 2

    ServiceStandard.objects.filter(status="received").update(target_days=10, name="Acknowledge within 10 days")
    received = standards_page_context(request)["performance"][0]
    assert (received.within_target, received.standard.name) == (2, "Acknowledge within 10 days")


def test_dates_and_statuses_follow_the_visitors_language(client, login_as, editor_a, member_a, standards):
    start = datetime(2026, 3, 2, 10, tzinfo=UTC)
    proposal = make_proposal(1, lead=member_a, history=[("received", start), ("approved", start + timedelta(days=1))])
    login_as("member@demo.test")

    with translation.override("fr"):
        url = reverse(DETAIL_URL, args=[proposal.external_id])
    html = client.get(url).content.decode()

    assert url.startswith("/fr/")
    assert "2 mars 2026" in html
    assert 'lang="fr"' in html
