"""The grants sync, against a real HTTP server on this machine that serves the contract and fails on demand."""

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.grants.client import backoff_seconds, retry_after_seconds
from members.grants.models import (
    GrantsSyncCheckpoint,
    GrantsSyncRun,
    Proposal,
    ProposalSponsor,
    ProposalStatusChange,
    RejectedProposalRecord,
    SponsorCode,
)
from members.grants.selectors import proposals_visible_to
from members.grants.sync import store_page, sync_proposals

from .server import EPOCH, GrantsServer, proposal, timestamp


def parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment).astimezone(UTC)


def server_state(server: GrantsServer, *, excluding: set[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """What the server holds, projected onto what the portal keeps."""
    return {
        record["id"]: {
            "status": record["status"],
            "programme": record["programme"],
            "country": record["country"] or "",
            "sponsors": sorted((sponsor["org"], sponsor["role"]) for sponsor in record["sponsors"]),
            "history": sorted((change["status"], parse(change["at"])) for change in record["status_history"]),
            "deleted": record["deleted"],
        }
        for record in server.records()
        if isinstance(record, dict) and record.get("id") not in excluding
    }


def stored_state() -> dict[str, dict[str, Any]]:
    proposals = Proposal.objects.prefetch_related("sponsors", "history")
    return {
        proposal.external_id: {
            "status": proposal.status,
            "programme": proposal.programme,
            "country": proposal.country.code or "",
            "sponsors": sorted((sponsor.org_code, sponsor.role) for sponsor in proposal.sponsors.all()),
            "history": sorted((change.status, change.at) for change in proposal.history.all()),
            "deleted": proposal.deleted,
        }
        for proposal in proposals
    }


def assert_in_step(server: GrantsServer, *, excluding: set[str] = frozenset()) -> None:
    """The portal holds exactly what the server does, nothing twice; and syncing again changes nothing."""
    expected = server_state(server, excluding=excluding)
    assert stored_state() == expected
    assert Proposal.objects.count() == len(expected)
    assert ProposalStatusChange.objects.count() == sum(len(state["history"]) for state in expected.values())
    assert ProposalSponsor.objects.count() == sum(len(state["sponsors"]) for state in expected.values())
    again = sync_proposals(page_size=3)
    assert again.succeeded, again.error
    assert (again.created, again.updated) == (0, 0)
    assert stored_state() == expected


def successful_sync(**kwargs: Any) -> GrantsSyncRun:
    run = sync_proposals(page_size=kwargs.pop("page_size", 3), **kwargs)
    assert run.succeeded, run.error
    return run


# Reading the API


def test_a_full_sync_stores_what_the_server_holds(grants_api, sponsor_codes):
    grants_api.put(*(proposal(number) for number in range(1, 11)))

    run = successful_sync()

    assert (run.pages, run.created, run.updated, run.rejected, run.unknown_sponsor_codes) == (4, 10, 0, 0, [])
    assert run.finished_at is not None
    assert [request.page_size for request in grants_api.requests] == [3, 3, 3, 3]
    assert {request.authorization for request in grants_api.requests} == {"Bearer test-grants-token"}
    stored = Proposal.objects.get(external_id="P-00001")
    assert (stored.title, stored.city, str(stored.amount_requested), stored.currency_requested) == (
        "Proposal 1",
        "Cotonou",
        "1001.50",
        "USD",
    )
    assert {(s.org_code, s.member_id) for s in stored.sponsors.all()} == set(sponsor_codes.items())
    checkpoint = GrantsSyncCheckpoint.objects.get(source=grants_api.url)
    assert checkpoint.cursor == ""
    assert checkpoint.updated_since == EPOCH + timedelta(hours=10)
    assert_in_step(grants_api)
    assert grants_api.requests[-1].updated_since == timestamp(EPOCH + timedelta(hours=10))


@pytest.mark.parametrize(
    ("kind", "status"), [("status", 500), ("status", 503), ("drop", 0), ("wrong_shape", 0), ("not_json", 0)]
)
def test_a_failure_in_the_middle_of_the_pages_is_retried(grants_api, kind, status):
    grants_api.put(*(proposal(number) for number in range(1, 8)))
    grants_api.inject(kind, status=status, on_request=2)

    run = successful_sync()

    assert run.pages == 3
    assert len(grants_api.requests) == 4
    assert grants_api.requests[2].cursor == grants_api.requests[1].cursor  # the same page again
    assert_in_step(grants_api)


def test_a_page_that_keeps_failing_stops_the_run_and_the_next_run_resumes(grants_api, sponsor_codes):
    grants_api.put(*(proposal(number) for number in range(1, 11)))
    grants_api.inject("status", status=500, when=lambda request: request.number >= 3, times=None)

    failed = sync_proposals(page_size=3)

    assert not failed.succeeded
    assert "500" in failed.error and "3 attempts" in failed.error
    assert (failed.pages, failed.created) == (2, 6)
    assert failed.finished_at is not None
    assert Proposal.objects.count() == 6  # the pages stored before the failure stay stored
    checkpoint = GrantsSyncCheckpoint.objects.get()
    assert checkpoint.cursor == grants_api.requests[2].cursor
    assert checkpoint.updated_since is None  # the cursor belongs to the query that had none

    # Meanwhile a stored proposal moves on and a new one arrives.
    later = EPOCH + timedelta(days=30)
    grants_api.put(proposal(2, status="secretariat_decision", updated_at=later), proposal(11, updated_at=later))
    grants_api.clear_faults()
    resumed_at = len(grants_api.requests)

    resumed = successful_sync()

    assert grants_api.requests[resumed_at].cursor == checkpoint.cursor
    assert (resumed.created, resumed.updated) == (5, 1)
    assert GrantsSyncCheckpoint.objects.get().cursor == ""
    assert_in_step(grants_api)


def test_429_waits_for_retry_after(grants_api):
    grants_api.put(*(proposal(number) for number in range(1, 5)))
    grants_api.inject("status", status=429, headers={"Retry-After": "1"}, on_request=2)

    started = time.monotonic()
    successful_sync()

    assert time.monotonic() - started >= 0.95
    assert len(grants_api.requests) == 3
    assert_in_step(grants_api)


def test_a_hanging_response_times_out_and_is_retried(grants_api, settings):
    settings.GRANTS_API_TIMEOUT_SECONDS = 0.5
    grants_api.put(*(proposal(number) for number in range(1, 5)))
    grants_api.inject("hang", on_request=1)

    started = time.monotonic()
    successful_sync()

    assert 0.5 <= time.monotonic() - started < 5
    assert_in_step(grants_api)


def test_a_response_that_always_hangs_fails_the_run(grants_api, settings):
    settings.GRANTS_API_TIMEOUT_SECONDS = 0.3
    settings.GRANTS_API_MAX_RETRIES = 1
    grants_api.put(proposal(1))
    grants_api.inject("hang", times=None)

    started = time.monotonic()
    run = sync_proposals()

    assert time.monotonic() - started < 3
    assert not run.succeeded
    assert "ReadTimeout" in run.error and "2 attempts" in run.error
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("kind", "message"), [("not_json", "not JSON"), ("wrong_shape", '"data"')])
def test_a_malformed_page_is_retried_then_fails(grants_api, kind, message):
    grants_api.put(*(proposal(number) for number in range(1, 5)))
    grants_api.inject(kind, when=lambda request: request.cursor is not None, times=None)

    run = sync_proposals(page_size=3)

    assert not run.succeeded
    assert message in run.error
    assert len(grants_api.requests) == 1 + 3  # the first page, then the second one three times
    assert (run.pages, Proposal.objects.count()) == (1, 3)


def test_401_fails_at_once(grants_api, settings):
    settings.GRANTS_API_TOKEN = "expired"
    grants_api.put(proposal(1))

    run = sync_proposals()

    assert not run.succeeded
    assert "401" in run.error and "GRANTS_API_TOKEN" in run.error
    assert len(grants_api.requests) == 1
    assert GrantsSyncRun.objects.get() == run


def test_retry_after_is_read_as_seconds_or_a_date_and_capped():
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert retry_after_seconds("3", now=now, cap=60) == 3
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=20), usegmt=True), now=now, cap=60) == 20
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=20), usegmt=True), now=now, cap=60) == 0
    assert retry_after_seconds("86400", now=now, cap=60) == 60
    assert retry_after_seconds("soon", now=now, cap=60) is None
    assert retry_after_seconds(None, now=now, cap=60) is None


def test_backoff_grows_with_jitter_and_stays_capped():
    delays = [backoff_seconds(attempt=attempt, base=1, cap=8) for attempt in range(6)]
    for attempt, delay in enumerate(delays):
        ceiling = min(8, 2**attempt)
        assert ceiling / 2 <= delay <= ceiling


# What the records say


def test_invalid_records_are_kept_aside_and_the_others_stored(grants_api):
    bad = {
        "P-00002": proposal(2, status="lost_in_the_post"),
        "P-00003": proposal(3, country="XX"),
        "P-00005": proposal(5, amount_requested={"amount": "lots", "currency": "USD"}),
    }
    no_id = proposal(4)
    del no_id["id"]
    grants_api.put(proposal(1), *bad.values(), no_id, proposal(6), proposal(7))

    run = successful_sync()

    assert (run.created, run.rejected) == (3, 4)
    reasons = {record.external_id: record.reason for record in RejectedProposalRecord.objects.filter(run=run)}
    assert reasons == {
        "P-00002": "unknown status 'lost_in_the_post'",
        "P-00003": "country 'XX' is not an ISO 3166-1 alpha-2 code",
        "": "id is missing",
        "P-00005": "amount_requested.amount 'lots' is not a decimal number",
    }
    assert RejectedProposalRecord.objects.get(external_id="").payload == no_id
    assert_in_step(grants_api, excluding={*bad, None})


def test_history_out_of_order_is_merged(grants_api):
    history = [
        {"status": "received", "at": "2008-03-02T10:00:00Z"},
        {"status": "eligibility_screening", "at": "2008-03-05T09:12:00Z"},
        {"status": "technical_review", "at": "2008-03-20T14:00:00Z"},
        {"status": "returned_for_revision", "at": "2008-04-01T08:00:00+02:00"},
    ]
    grants_api.put(proposal(1, status="technical_review", status_history=[history[2], history[0]]))
    successful_sync()
    grants_api.put(
        proposal(
            1,
            status="returned_for_revision",
            status_history=[history[3], history[1], history[2], history[0]],
            updated_at=EPOCH + timedelta(days=100),
        )
    )

    run = successful_sync()

    assert run.updated == 1
    assert list(ProposalStatusChange.objects.values_list("status", flat=True)) == [
        "received",
        "eligibility_screening",
        "technical_review",
        "returned_for_revision",
    ]
    assert_in_step(grants_api)


def test_a_proposal_that_changes_between_runs_is_updated(grants_api, sponsor_codes):
    grants_api.put(*(proposal(number) for number in range(1, 6)))
    successful_sync()
    grants_api.put(
        proposal(
            3,
            status="approved",
            title="Citywide slum upgrading strategy",
            country="TG",
            sponsors=[("AFD", "lead")],
            amount_approved={"amount": "400000.00", "currency": "EUR"},
            updated_at=EPOCH + timedelta(days=60),
        )
    )

    run = successful_sync()

    assert (run.created, run.updated) == (0, 1)
    changed = Proposal.objects.get(external_id="P-00003")
    assert (changed.status, changed.title, changed.country) == ("approved", "Citywide slum upgrading strategy", "TG")
    assert (str(changed.amount_approved), changed.currency_approved) == ("400000.00", "EUR")
    assert list(changed.history.values_list("status", flat=True))[-1] == "approved"
    assert list(changed.sponsors.values_list("org_code", "role", "member_id")) == [
        ("AFD", "lead", sponsor_codes["AFD"])
    ]
    assert_in_step(grants_api)


def test_an_older_version_of_a_record_does_not_overwrite_a_newer_one(grants_api):
    grants_api.put(proposal(1, status="approved", updated_at=EPOCH + timedelta(days=10)))
    successful_sync()
    stale = proposal(1, status="technical_review", updated_at=EPOCH + timedelta(days=1))

    outcome = store_page([stale], run=GrantsSyncRun.objects.create(source="replay"))

    assert (outcome.updated, outcome.unchanged) == (0, 1)  # its history is already ours
    assert Proposal.objects.get().status == "approved"
    assert_in_step(grants_api)


def test_a_deleted_proposal_is_hidden_from_members_but_keeps_its_history(grants_api, sponsor_codes, editor_a):
    grants_api.put(*(proposal(number, sponsors=[("WB", "lead")]) for number in range(1, 4)))
    successful_sync()
    assert set(proposals_visible_to(user=editor_a).values_list("external_id", flat=True)) == {
        "P-00001",
        "P-00002",
        "P-00003",
    }
    history = list(Proposal.objects.get(external_id="P-00002").history.values_list("status", "at"))
    later = EPOCH + timedelta(days=90)
    grants_api.put(
        proposal(2, sponsors=[("WB", "lead")], deleted=True, updated_at=later),
        # A bare tombstone: not a valid proposal, but enough to hide one.
        {"id": "P-00003", "updated_at": timestamp(later), "deleted": True},
    )

    run = successful_sync()

    assert (run.updated, run.rejected) == (2, 0)
    assert list(proposals_visible_to(user=editor_a).values_list("external_id", flat=True)) == ["P-00001"]
    deleted = Proposal.objects.get(external_id="P-00002")
    assert deleted.deleted
    assert list(deleted.history.values_list("status", "at")) == history
    assert Proposal.objects.get(external_id="P-00003").deleted
    assert ProposalStatusChange.objects.filter(proposal__external_id="P-00003").count() == 3
    again = successful_sync()
    assert (again.created, again.updated) == (0, 0)


def test_an_unknown_sponsor_code_is_kept_and_reported(grants_api, sponsor_codes, make_member, editor_b):
    grants_api.put(proposal(1, sponsors=[("WB", "lead"), ("UNH", "co-sponsor")]), proposal(2))

    run = successful_sync()

    assert run.unknown_sponsor_codes == ["UNH"]
    assert ProposalSponsor.objects.get(org_code="UNH").member is None
    assert_in_step(grants_api)
    assert GrantsSyncRun.objects.filter(unknown_sponsor_codes=["UNH"]).exists()

    # Once the code is set, the next run links the proposal, though the record did not change.
    SponsorCode.objects.create(code="UNH", member_id=sponsor_codes["AFD"])
    successful_sync()
    assert ProposalSponsor.objects.get(org_code="UNH").member_id == sponsor_codes["AFD"]
    assert set(proposals_visible_to(user=editor_b).values_list("external_id", flat=True)) == {"P-00001", "P-00002"}

    # And a code moved to another member stops showing its proposals to the first one.
    SponsorCode.objects.filter(code="AFD").update(member_id=sponsor_codes["WB"])
    SponsorCode.objects.filter(code="UNH").delete()
    successful_sync()
    assert not proposals_visible_to(user=editor_b).exists()


def test_a_page_is_stored_in_a_fixed_number_of_queries(db):
    """Reads and writes are in bulk: 5 records or 50 cost the same (until a bulk write needs a second batch)."""
    run = GrantsSyncRun.objects.create(source="bench")

    def queries(records: list[dict[str, Any]]) -> int:
        with CaptureQueriesContext(connection) as captured:
            store_page(records, run=run)
        return len(captured)

    later = EPOCH + timedelta(days=400)
    small, large = range(1, 6), range(100, 150)
    for numbers in (small, large):
        assert queries([proposal(n) for n in numbers]) == 5  # 2 reads, 3 inserts
        assert queries([proposal(n) for n in numbers]) == 4  # unchanged: reads only
        changed = [proposal(n, status="approved", sponsors=[("AFD", "lead")], updated_at=later) for n in numbers]
        assert queries(changed) == 8  # 4 reads, update, replace sponsors, add history
    assert Proposal.objects.count() == 55


# A folder of pages, the demo's default


def write_pages(folder, pages: list[list[dict[str, Any]]]) -> None:
    for number, records in enumerate(pages, start=1):
        next_cursor = f"page-{number + 1:04d}.json" if number < len(pages) else None
        (folder / f"page-{number:04d}.json").write_text(json.dumps({"data": records, "next_cursor": next_cursor}))


def test_a_folder_of_pages(tmp_path, settings, sponsor_codes):
    write_pages(tmp_path, [[proposal(1), proposal(2)], [proposal(3, status="lost")], [proposal(4)]])
    settings.GRANTS_API_URL = tmp_path.as_uri()

    run = successful_sync()

    assert (run.pages, run.created, run.rejected) == (3, 3, 1)
    assert GrantsSyncCheckpoint.objects.get().source == str(tmp_path.resolve())
    again = successful_sync(source=str(tmp_path))  # the same folder, named as a path: the same checkpoint
    assert (again.created, again.updated) == (0, 0)
    assert GrantsSyncCheckpoint.objects.count() == 1

    write_pages(tmp_path, [[proposal(1), proposal(2)], [proposal(3)], [proposal(4, status="approved")]])
    (tmp_path / "page-0003.json").write_text(
        json.dumps(
            {"data": [proposal(4, status="approved", updated_at=EPOCH + timedelta(days=5))], "next_cursor": None}
        )
    )
    changed = successful_sync()
    # Only what changed since the last run is read: the records before it are filtered out.
    assert (changed.created, changed.updated, changed.unchanged, changed.rejected) == (0, 1, 0, 0)
    assert Proposal.objects.get(external_id="P-00004").status == "approved"


def test_a_folder_cursor_cannot_leave_the_folder(db, tmp_path, settings):
    (tmp_path / "page-0001.json").write_text(json.dumps({"data": [proposal(1)], "next_cursor": "../secrets.json"}))
    settings.GRANTS_API_URL = str(tmp_path)

    run = sync_proposals()

    assert not run.succeeded
    assert "not the name of a page file" in run.error
    assert Proposal.objects.count() == 1


# The command


def test_the_command_exits_0_and_prints_one_line(grants_api, capsys):
    grants_api.put(proposal(1), proposal(2, status="lost"))

    call_command("sync_grants")

    output = capsys.readouterr().out
    assert output.count("\n") == 1
    assert "done: 1 pages, 1 created, 0 updated, 0 unchanged, 1 rejected" in output


def test_the_command_exits_1_when_the_sync_fails(grants_api, settings, capsys):
    settings.GRANTS_API_TOKEN = "wrong"

    with pytest.raises(CommandError) as failure:
        call_command("sync_grants")

    assert failure.value.returncode == 1
    assert "401" in str(failure.value)
    assert "FAILED" in capsys.readouterr().out
