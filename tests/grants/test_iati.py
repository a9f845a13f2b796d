"""IATI activity files as a second source: parsed safely, matched by identifier, fetched with care."""

import json
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from members.grants import iati
from members.grants.iati import IatiImportError, fetch_iati_xml, import_iati_activities, parse_iati_activities
from members.grants.models import IatiActivityStatus, Proposal
from tests.local_server import LocalServer

SAMPLE = Path(iati.__file__).parent / "sample"
SAMPLE_XML = (SAMPLE / "iati-activities.xml").read_bytes()
UNMATCHED = "XM-DAC-47066-P-2024-0031"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03">
 <iati-activity>
  <iati-identifier>&lol9;</iati-identifier>
  <activity-status code="2"/>
 </iati-activity>
</iati-activities>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03">
 <iati-activity><iati-identifier>&secret;</iati-identifier><activity-status code="2"/></iati-activity>
</iati-activities>
"""


def activities_xml(*activities: str, version: str = "2.03") -> bytes:
    body = "".join(activities)
    return f'<?xml version="1.0"?>\n<iati-activities version="{version}">{body}</iati-activities>'.encode()


def activity(
    identifier: str | None, *, status: str | None = "2", dates: dict[str, str] | None = None, extra: str = ""
) -> str:
    parts = []
    if identifier is not None:
        parts.append(f"<iati-identifier>{identifier}</iati-identifier>")
    if status is not None:
        parts.append(f'<activity-status code="{status}"/>')
    parts += [f'<activity-date type="{kind}" iso-date="{day}"/>' for kind, day in (dates or {}).items()]
    return f"<iati-activity>{''.join(parts)}{extra}</iati-activity>"


def sample_records() -> list[dict]:
    records, page = [], "page-0001.json"
    while page:
        body = json.loads((SAMPLE / page).read_text(encoding="utf-8"))
        records += body["data"]
        page = body["next_cursor"]
    return records


def make_proposal(external_id: str, *, iati_identifier: str = "") -> Proposal:
    return Proposal.objects.create(
        external_id=external_id,
        title=f"Proposal {external_id}",
        programme="slum_upgrading",
        status="in_implementation",
        iati_identifier=iati_identifier,
        remote_updated_at=datetime(2026, 1, 5, tzinfo=UTC),
    )


@pytest.fixture
def proposals(db) -> dict[str, Proposal]:
    """The sample's proposals that carry an IATI identifier, by identifier, and one that carries none."""
    made = {
        record["iati_identifier"]: make_proposal(record["id"], iati_identifier=record["iati_identifier"])
        for record in sample_records()
        if record["iati_identifier"]
    }
    make_proposal("P-2026-9999")
    return made


def iati_state() -> list[tuple]:
    return list(Proposal.objects.order_by("pk").values_list("external_id", "iati_status", "iati_dates"))


# Parsing


def test_the_sample_file_parses_whole():
    total, activities, invalid = parse_iati_activities(xml_bytes=SAMPLE_XML)

    assert total == len(activities) == 8
    assert invalid == []
    assert {item.status for item in activities} == set(IatiActivityStatus.values)  # every status, 1 to 6
    implementing = next(item for item in activities if item.status == IatiActivityStatus.IMPLEMENTATION)
    assert set(implementing.dates) == {"planned_start", "actual_start", "planned_end"}
    for item in activities:
        assert item.identifier.startswith("XM-DAC-47066-P-")
        assert all(datetime.strptime(day, "%Y-%m-%d") for day in item.dates.values())


def test_dates_are_named_by_type_and_time_zones_dropped():
    xml = activities_xml(
        activity("XM-1", dates={"1": "2025-02-01", "2": "2025-02-03Z", "3": "2026-01-31+02:00", "4": "2026-02-27"})
    )

    _total, [item], _invalid = parse_iati_activities(xml_bytes=xml)

    assert item.dates == {
        "planned_start": "2025-02-01",
        "actual_start": "2025-02-03",
        "planned_end": "2026-01-31",
        "actual_end": "2026-02-27",
    }


# Importing


def test_statuses_and_dates_land_on_matched_proposals(proposals):
    result = import_iati_activities(xml_bytes=SAMPLE_XML)

    _total, activities, _invalid = parse_iati_activities(xml_bytes=SAMPLE_XML)
    expected = {item.identifier: item for item in activities if item.identifier != UNMATCHED}
    assert (result.activities, result.matched, result.updated) == (8, 7, 7)
    assert result.unmatched == (UNMATCHED,)
    assert result.invalid == ()
    for identifier, item in expected.items():
        proposal = Proposal.objects.get(pk=proposals[identifier].pk)
        assert (proposal.iati_status, proposal.iati_dates) == (item.status, item.dates)
    # Sample proposals the file does not mention, and the one without an identifier, are untouched.
    untouched = Proposal.objects.exclude(iati_identifier__in=expected)
    assert untouched.count() == Proposal.objects.count() - 7
    assert set(untouched.values_list("iati_status", flat=True)) == {None}
    assert all(dates == {} for dates in untouched.values_list("iati_dates", flat=True))


def test_a_second_import_writes_nothing_and_a_change_writes_only_that(proposals):
    import_iati_activities(xml_bytes=SAMPLE_XML)
    before = iati_state()

    with CaptureQueriesContext(connection) as queries:
        again = import_iati_activities(xml_bytes=SAMPLE_XML)
    assert not [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]
    assert (again.matched, again.updated) == (7, 0)
    assert iati_state() == before

    identifier = next(iter(proposals))
    changed = import_iati_activities(
        xml_bytes=activities_xml(activity(identifier, status="6", dates={"1": "2026-12-01"}))
    )
    assert (changed.matched, changed.updated) == (1, 1)
    proposal = Proposal.objects.get(pk=proposals[identifier].pk)
    assert (proposal.iati_status, proposal.iati_dates) == (
        IatiActivityStatus.SUSPENDED,
        {"planned_start": "2026-12-01"},
    )


def test_every_proposal_with_the_identifier_is_updated(db):
    first = make_proposal("P-1", iati_identifier="XM-SHARED")
    second = make_proposal("P-2", iati_identifier="XM-SHARED")

    result = import_iati_activities(xml_bytes=activities_xml(activity("XM-SHARED", status="4")))

    assert (result.matched, result.updated) == (2, 2)
    assert {Proposal.objects.get(pk=p.pk).iati_status for p in (first, second)} == {IatiActivityStatus.CLOSED}


def test_invalid_activities_are_reported_with_why_and_do_not_stop_the_others(db):
    good = make_proposal("P-1", iati_identifier="XM-GOOD")
    twice = make_proposal("P-2", iati_identifier="XM-TWICE")
    xml = activities_xml(
        activity(None),
        activity("XM-BAD-STATUS", status="9"),
        activity("XM-NO-STATUS", status=None),
        activity("XM-BAD-DATE", dates={"1": "2025-13-01"}),
        activity("XM-BAD-TYPE", dates={"7": "2025-01-01"}),
        activity("XM-TWO-STARTS", dates={"1": "2025-01-01"}, extra='<activity-date type="1" iso-date="2025-02-01"/>'),
        activity("XM-TWICE", status="2"),
        activity("XM-TWICE", status="3"),
        activity("XM-GOOD", status="3", dates={"4": "2026-06-30"}),
    )

    result = import_iati_activities(xml_bytes=xml)

    assert (result.activities, result.matched, result.updated) == (9, 1, 1)
    reasons = {(item.position, item.identifier): item.reason for item in result.invalid}
    assert reasons == {
        (1, ""): "no iati-identifier",
        (2, "XM-BAD-STATUS"): "activity-status code '9' is not one of 1 to 6",
        (3, "XM-NO-STATUS"): "0 activity-status elements, expected exactly one",
        (4, "XM-BAD-DATE"): "activity-date type 1 has no valid iso-date ('2025-13-01')",
        (5, "XM-BAD-TYPE"): "activity-date type '7' is not one of 1 to 4",
        (6, "XM-TWO-STARTS"): "two different activity-date elements of type 1",
        (7, "XM-TWICE"): "iati-identifier appears 2 times in the file",
        (8, "XM-TWICE"): "iati-identifier appears 2 times in the file",
    }
    good.refresh_from_db()
    twice.refresh_from_db()
    assert (good.iati_status, good.iati_dates) == (IatiActivityStatus.FINALISATION, {"actual_end": "2026-06-30"})
    assert twice.iati_status is None  # ambiguous: neither status applied


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (SAMPLE_XML[: len(SAMPLE_XML) // 2], "Not well-formed XML"),
        (b"", "Not well-formed XML"),
        (b"\x00\x01 not xml at all", "Not well-formed XML"),
        (BILLION_LAUGHS, "Refused: the file declares a DTD or entities"),
        (EXTERNAL_ENTITY, "Refused: the file declares a DTD or entities"),
        (b'<?xml version="1.0"?><activities><iati-activity/></activities>', "root element is <activities>"),
        (activities_xml(activity("XM-1"), version="1.05"), "IATI version 1.05 is not supported"),
    ],
    ids=["truncated", "empty", "binary", "billion-laughs", "external-entity", "not-iati", "iati-1"],
)
def test_an_unreadable_or_unsafe_file_is_refused_and_changes_nothing(proposals, xml, message):
    import_iati_activities(xml_bytes=activities_xml(activity(next(iter(proposals)), status="2")))
    before = iati_state()

    with pytest.raises(IatiImportError, match=message.replace("(", r"\(")):
        import_iati_activities(xml_bytes=xml)

    assert iati_state() == before


# The command, from a file and over HTTP


class XmlServer(LocalServer):
    def __init__(self) -> None:
        super().__init__(XmlHandler)
        self.requests: list[str] = []
        self.headers_seen: list[dict[str, str]] = []

    def url(self, path: str) -> str:
        return self.origin + path


class XmlHandler(BaseHTTPRequestHandler):
    server: XmlServer

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.requests.append(self.path)
        self.server.headers_seen.append(dict(self.headers))
        if self.path == "/activities.xml":
            self.answer(200, SAMPLE_XML)
        elif self.path == "/moved":
            self.answer(302, b"", location="/activities.xml")
        elif self.path == "/gzipped":
            self.answer(200, b"\x1f\x8b fake gzip", encoding="gzip")
        elif self.path == "/hang":
            self.server.stopping.wait(10)
        else:
            self.answer(404, b"not here")

    def answer(self, status: int, body: bytes, *, location: str = "", encoding: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    server = XmlServer().start()
    yield server
    server.stop()


def run_command(source: str) -> str:
    out = StringIO()
    call_command("sync_iati", source, stdout=out)
    return out.getvalue()


def assert_sample_imported(proposals: dict[str, Proposal]) -> None:
    stored = dict(
        Proposal.objects.filter(iati_identifier__in=proposals)
        .exclude(iati_status=None)
        .values_list("iati_identifier", "iati_status")
    )
    _total, activities, _invalid = parse_iati_activities(xml_bytes=SAMPLE_XML)
    assert stored == {item.identifier: item.status for item in activities if item.identifier != UNMATCHED}


def test_the_command_reads_a_file(proposals):
    output = run_command(str(SAMPLE / "iati-activities.xml"))

    assert "Read 8 IATI activities: 7 proposals matched, 7 updated, 1 unmatched, 0 invalid." in output
    assert f"  {UNMATCHED}" in output
    assert_sample_imported(proposals)
    assert "7 proposals matched, 0 updated" in run_command(str(SAMPLE / "iati-activities.xml"))


def test_the_command_reports_invalid_activities(db, tmp_path):
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_xml(activity(None), activity("XM-1", status="0")))

    output = run_command(str(path))

    assert "0 proposals matched, 0 updated, 0 unmatched, 2 invalid." in output
    assert "#1 (no identifier): no iati-identifier" in output
    assert "#2 XM-1: activity-status code '0' is not one of 1 to 6" in output


def test_the_command_fetches_over_http_following_redirects(proposals, server):
    output = run_command(server.url("/moved"))

    assert "Read 8 IATI activities: 7 proposals matched, 7 updated" in output
    assert server.requests == ["/moved", "/activities.xml"]
    assert server.headers_seen[-1]["Accept-Encoding"] == "identity"
    assert_sample_imported(proposals)


@override_settings(LINKCHECK_ALLOW_PRIVATE_ADDRESSES=False)
def test_private_addresses_are_refused_without_a_request(proposals, server):
    before = iati_state()

    with pytest.raises(CommandError, match="private network"):
        run_command(server.url("/activities.xml"))

    assert server.requests == []
    assert iati_state() == before


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/no/such/file.xml", "No such file: /no/such/file.xml"),
        ("ftp://example.org/activities.xml", "Only http and https addresses"),
        ("file:///etc/passwd", "Only http and https addresses"),
    ],
)
def test_the_command_refuses_what_it_cannot_read(db, source, message):
    with pytest.raises(CommandError, match=message):
        run_command(source)


def test_an_http_error_is_refused(db, server):
    with pytest.raises(CommandError, match=r"/missing answered HTTP 404"):
        run_command(server.url("/missing"))


def test_a_compressed_answer_is_refused(server):
    with pytest.raises(IatiImportError, match="compressed"):
        fetch_iati_xml(url=server.url("/gzipped"), allow_private_addresses=True)


def test_a_hanging_server_is_given_up_on(server):
    with pytest.raises(IatiImportError, match="took longer than 0.5 seconds"):
        fetch_iati_xml(url=server.url("/hang"), allow_private_addresses=True, timeout=0.5)


def test_a_file_too_large_is_refused_over_http_and_on_disk(server, tmp_path):
    with pytest.raises(IatiImportError, match="larger than 1,000 bytes"):
        fetch_iati_xml(url=server.url("/activities.xml"), allow_private_addresses=True, max_bytes=1000)

    path = tmp_path / "big.xml"
    path.write_bytes(SAMPLE_XML)
    with pytest.raises(IatiImportError, match="larger than 1,000 bytes"):
        iati.read_iati_source(source=str(path), allow_private_addresses=True, max_bytes=1000)
