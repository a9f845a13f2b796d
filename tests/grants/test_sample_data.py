"""The demo's sample grants data: pages in the contract's shape, consistent with itself and the demo members."""

import json
import re
from collections import Counter
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django_countries import countries

from members.demo import MEMBERS
from members.grants.iati import parse_iati_activities
from members.grants.models import Programme, ProposalStatus, SponsorRole

SAMPLE = Path(__file__).resolve().parents[2] / "members" / "grants" / "sample"
PAGE_SIZE = 25
UNKNOWN_CODE = "EIB"  # deliberately maps to no member: the sync must report it
FIELDS = {
    "id",
    "title",
    "language",
    "programme",
    "country",
    "city",
    "sponsors",
    "amount_requested",
    "amount_approved",
    "status",
    "status_history",
    "iati_identifier",
    "updated_at",
    "deleted",
}
LANGUAGES = {"en", "fr", "es", "pt"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
AMOUNT = re.compile(r"^[0-9]{1,14}\.[0-9]{2}$")
ENDS = {ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN, ProposalStatus.CANCELLED}
FORWARD = [
    ProposalStatus.RECEIVED,
    ProposalStatus.ELIGIBILITY_SCREENING,
    ProposalStatus.TECHNICAL_REVIEW,
    ProposalStatus.SECRETARIAT_DECISION,
    ProposalStatus.APPROVED,
    ProposalStatus.GRANT_AGREEMENT_SIGNED,
    ProposalStatus.IN_IMPLEMENTATION,
    ProposalStatus.COMPLETED,
]
REVIEW_STEPS = {ProposalStatus.ELIGIBILITY_SCREENING, ProposalStatus.TECHNICAL_REVIEW}
FUNDED = set(FORWARD[FORWARD.index(ProposalStatus.APPROVED) :])


def pages() -> list[tuple[str, dict]]:
    """The pages as a client reads them: from the first, following next_cursor."""
    read, name = [], "page-0001.json"
    while name:
        assert name not in dict(read), f"{name} is visited twice"
        body = json.loads((SAMPLE / name).read_text(encoding="utf-8"))
        read.append((name, body))
        name = body["next_cursor"]
    return read


RECORDS = [record for _name, body in pages() for record in body["data"]]
SPONSOR_CODES = json.loads((SAMPLE / "sponsor-codes.json").read_text(encoding="utf-8"))


def moment(value: str) -> datetime:
    assert TIMESTAMP.match(value), value
    return datetime.fromisoformat(value)


def test_pages_are_in_the_contract_shape_and_chain_through_every_file():
    read = pages()

    assert [name for name, _body in read] == sorted(path.name for path in SAMPLE.glob("page-*.json"))
    for index, (_name, body) in enumerate(read):
        assert set(body) == {"data", "next_cursor"}
        last = index == len(read) - 1
        assert (body["next_cursor"] is None) == last
        assert len(body["data"]) == PAGE_SIZE or (last and 0 < len(body["data"]) <= PAGE_SIZE)
    assert 50 <= len(RECORDS) <= 70


def test_ids_are_unique_and_records_ordered_by_updated_at():
    ids = [record["id"] for record in RECORDS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"P-20(25|26)-\d{4}", record_id) for record_id in ids)
    updated = [(moment(record["updated_at"]), record["id"]) for record in RECORDS]
    assert updated == sorted(updated)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record["id"])
def test_each_record_is_valid(record):
    assert set(record) == FIELDS
    assert record["title"].strip() and len(record["title"]) <= 500
    assert record["language"] in LANGUAGES
    assert record["programme"] in Programme.values
    assert record["status"] in ProposalStatus.values
    assert record["country"] in countries
    assert isinstance(record["city"], str)
    assert isinstance(record["deleted"], bool)
    for money in (record["amount_requested"], record["amount_approved"]):
        assert money is None or (set(money) == {"amount", "currency"} and AMOUNT.match(money["amount"]))
        assert money is None or money["currency"] == "USD"
    if record["amount_approved"]:
        assert Decimal(record["amount_approved"]["amount"]) <= Decimal(record["amount_requested"]["amount"])

    roles = [sponsor["role"] for sponsor in record["sponsors"]]
    assert set(roles) <= set(SponsorRole.values)
    assert roles[0] == SponsorRole.LEAD and roles.count(SponsorRole.LEAD) == 1
    assert 1 <= len(roles) <= 3
    codes = [sponsor["org"] for sponsor in record["sponsors"]]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record["id"])
def test_each_history_follows_the_status_order_in_time(record):
    history = record["status_history"]
    times = [moment(change["at"]) for change in history]
    statuses = [change["status"] for change in history]

    assert times == sorted(times) and len(set(times)) == len(times)
    assert moment(record["updated_at"]) >= times[-1]
    assert statuses[0] == ProposalStatus.RECEIVED
    assert statuses[-1] == record["status"]
    for index in range(1, len(statuses)):
        previous, current = statuses[index - 1], statuses[index]
        assert previous not in ENDS and previous != ProposalStatus.COMPLETED
        if current in ENDS:
            continue
        if current == ProposalStatus.RETURNED_FOR_REVISION:
            assert previous in REVIEW_STEPS
        elif previous == ProposalStatus.RETURNED_FOR_REVISION:
            assert current == statuses[index - 2], "back to the step that returned it"
        else:
            assert FORWARD.index(current) == FORWARD.index(previous) + 1, (previous, current)

    reached_funding = bool(set(statuses) & FUNDED)
    assert (record["amount_approved"] is not None) == (reached_funding and record["amount_requested"] is not None)
    if record["iati_identifier"] is not None:
        assert reached_funding
        assert record["iati_identifier"] == f"XM-DAC-47066-{record['id']}"


def test_the_set_shows_every_case_the_demo_needs():
    statuses = Counter(record["status"] for record in RECORDS)
    assert set(statuses) == set(ProposalStatus.values)
    assert sum(record["deleted"] for record in RECORDS) == 1
    assert any(
        ProposalStatus.RETURNED_FOR_REVISION in [change["status"] for change in record["status_history"][:-1]]
        for record in RECORDS
    ), "a proposal returned for revision and back"
    assert {record["language"] for record in RECORDS} == LANGUAGES
    assert set(Programme.values) == {record["programme"] for record in RECORDS}
    big = [r for r in RECORDS if r["amount_requested"] and Decimal(r["amount_requested"]["amount"]) > 250_000]
    assert 0 < len(big) < len(RECORDS)  # both sides of the Strategic Environmental Assessment threshold
    assert any(record["iati_identifier"] for record in RECORDS)

    live = [record for record in RECORDS if not record["deleted"]]
    leads = Counter(record["sponsors"][0]["org"] for record in live)
    co_sponsors = Counter(sponsor["org"] for record in live for sponsor in record["sponsors"][1:])
    # The two demo member accounts: World Bank (member@demo.test) and UN-Habitat (member2@demo.test).
    assert leads["WB"] >= 6 and co_sponsors["WB"] >= 3
    assert leads["UNH"] >= 5


def test_sponsor_codes_map_to_demo_members():
    slugs = {member["slug"] for member in MEMBERS}

    assert set(SPONSOR_CODES.values()) <= slugs
    assert len(set(SPONSOR_CODES.values())) == len(SPONSOR_CODES), "one code per member"
    assert set(SPONSOR_CODES.values()) == slugs, "every demo member has a code"
    assert UNKNOWN_CODE not in SPONSOR_CODES


def test_every_sponsor_code_is_known_except_the_deliberate_one():
    used = {sponsor["org"] for record in RECORDS for sponsor in record["sponsors"]}

    assert used - set(SPONSOR_CODES) == {UNKNOWN_CODE}


def test_the_iati_sample_names_the_sample_proposals_but_one():
    _total, activities, invalid = parse_iati_activities(xml_bytes=(SAMPLE / "iati-activities.xml").read_bytes())
    identifiers = {record["iati_identifier"] for record in RECORDS if record["iati_identifier"]}

    assert invalid == []
    assert len([item for item in activities if item.identifier not in identifiers]) == 1
