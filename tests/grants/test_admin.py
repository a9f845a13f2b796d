"""The communications team sees every proposal and every sync run in the admin; members don't."""

import io

from django.core.management import call_command

from members.grants.demo import SAMPLE, ensure_service_standards


def test_communications_team_reads_proposals_and_sync_runs(client, login_as, demo_site):
    call_command("sync_grants", "--source", str(SAMPLE), stdout=io.StringIO())
    login_as("comms@demo.test")

    proposals = client.get("/admin/proposal/").content.decode()
    runs = client.get("/admin/grantssyncrun/")

    assert "P-2026-0056" in proposals
    assert runs.status_code == 200
    assert client.get("/admin/proposal/new/").status_code in {302, 403}, "synced, never written here"


def test_communications_team_edits_the_service_standards(client, login_as, demo_site):
    ensure_service_standards()
    login_as("comms@demo.test")

    html = client.get("/admin/servicestandard/").content.decode()

    assert "Technical review" in html


def test_member_editors_have_no_grants_admin(client, login_as, editor_a):
    login_as("member@demo.test")

    for url in ["/admin/proposal/", "/admin/grantssyncrun/", "/admin/servicestandard/", "/admin/sponsorcode/"]:
        assert client.get(url).status_code in {302, 403}, url
