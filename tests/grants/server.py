"""A stand-in for the secretariat's grants API on this machine: the contract, served from
proposals the test controls, with faults on demand. The sync tests and bench/grants_sync.py use it."""

import base64
import bisect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from tests.local_server import LocalServer

TOKEN = "test-grants-token"
STATUS_ORDER = [
    "received",
    "eligibility_screening",
    "technical_review",
    "secretariat_decision",
    "approved",
    "grant_agreement_signed",
    "in_implementation",
    "completed",
]
EPOCH = datetime(2008, 1, 1, tzinfo=UTC)
FaultKind = Literal["status", "hang", "not_json", "wrong_shape", "drop"]


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def proposal(
    number: int,
    *,
    updated_at: datetime | None = None,
    status: str = "technical_review",
    sponsors: Iterable[tuple[str, str]] = (("WB", "lead"), ("AFD", "co-sponsor")),
    **fields: Any,
) -> dict[str, Any]:
    """A valid record as the API sends it, its history running through the statuses up to `status`.

    A step's date depends on the proposal and the step only, so a later version extends the history."""
    updated_at = updated_at or EPOCH + timedelta(hours=number)
    steps = STATUS_ORDER[: STATUS_ORDER.index(status) + 1] if status in STATUS_ORDER else ["received", status]
    start = EPOCH - timedelta(days=30) + timedelta(hours=number)
    return {
        "id": f"P-{number:05d}",
        "title": f"Proposal {number}",
        "language": "en",
        "programme": "slum_upgrading",
        "country": "BJ",
        "city": "Cotonou",
        "sponsors": [{"org": org, "role": role} for org, role in sponsors],
        "amount_requested": {"amount": f"{1000 + number}.50", "currency": "USD"},
        "amount_approved": None,
        "status": status,
        "status_history": [
            {"status": step, "at": timestamp(start + timedelta(days=index))} for index, step in enumerate(steps)
        ],
        "iati_identifier": None,
        "updated_at": timestamp(updated_at),
        "deleted": False,
    } | fields


@dataclass(frozen=True)
class PageRequest:
    number: int  # counted from 1 over the server's life
    updated_since: str | None
    cursor: str | None
    page_size: int
    authorization: str


@dataclass
class Fault:
    kind: FaultKind
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    when: Callable[[PageRequest], bool] = lambda request: True
    times: int | None = 1  # None: until cleared


def _sort_key(record: Any) -> tuple[datetime, str]:
    try:
        updated_at = datetime.fromisoformat(record["updated_at"])
    except (KeyError, TypeError, ValueError):
        updated_at = EPOCH
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=UTC)
    return updated_at, str(record.get("id", "")) if isinstance(record, dict) else ""


def encode_cursor(key: tuple[datetime, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps([key[0].isoformat(), key[1]]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    moment, identifier = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    return datetime.fromisoformat(moment), identifier


class GrantsServer(LocalServer):
    """Keyset pagination in (updated_at, id) order; `updated_since` is inclusive."""

    def __init__(self, *, token: str = TOKEN, max_page_size: int = 1000) -> None:
        super().__init__(GrantsHandler)
        self.token = token
        self.max_page_size = max_page_size
        self.requests: list[PageRequest] = []
        self.faults: list[Fault] = []
        self._records: dict[str, Any] = {}
        self._sorted: list[tuple[tuple[datetime, str], Any]] | None = None

    @property
    def url(self) -> str:
        return self.origin

    # The data

    def put(self, *records: Any) -> None:
        """Add or replace records (by id; a record without one is always added)."""
        with self.lock:
            for record in records:
                key = record.get("id") if isinstance(record, dict) else None
                self._records[key if isinstance(key, str) else f"\0{len(self._records)}"] = record
            self._sorted = None

    def records(self) -> list[Any]:
        with self.lock:
            return list(self._records.values())

    def page(self, *, updated_since: str | None, cursor: str | None, page_size: int) -> dict[str, Any]:
        with self.lock:
            if self._sorted is None:
                self._sorted = sorted(((_sort_key(record), record) for record in self._records.values()), key=_first)
            rows = self._sorted
        keys = [key for key, _record in rows]
        start = 0
        if updated_since:
            start = bisect.bisect_left(keys, (datetime.fromisoformat(updated_since), ""))
        if cursor:
            start = max(start, bisect.bisect_right(keys, decode_cursor(cursor)))
        chunk = rows[start : start + page_size]
        more = start + page_size < len(rows)
        next_cursor = encode_cursor(chunk[-1][0]) if more else None
        return {"data": [record for _key, record in chunk], "next_cursor": next_cursor}

    # Faults

    def inject(
        self,
        kind: FaultKind,
        *,
        status: int = 500,
        headers: dict[str, str] | None = None,
        on_request: int | None = None,
        when: Callable[[PageRequest], bool] | None = None,
        times: int | None = 1,
    ) -> None:
        """Answer with a fault: on request number `on_request`, or on requests `when` says, `times` times."""

        def matches(request: PageRequest) -> bool:
            return (on_request is None or request.number == on_request) and (when is None or when(request))

        with self.lock:
            self.faults.append(Fault(kind=kind, status=status, headers=headers or {}, when=matches, times=times))

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def take_fault(self, request: PageRequest) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times != 0 and fault.when(request):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def record_request(self, **fields: Any) -> PageRequest:
        with self.lock:
            request = PageRequest(number=len(self.requests) + 1, **fields)
            self.requests.append(request)
            return request


def _first(row: tuple[tuple[datetime, str], Any]) -> tuple[datetime, str]:
    return row[0]


class GrantsHandler(BaseHTTPRequestHandler):
    server: GrantsServer
    protocol_version = "HTTP/1.1"  # keep-alive, as a real API would

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        request = self.server.record_request(
            updated_since=query.get("updated_since"),
            cursor=query.get("cursor"),
            page_size=int(query.get("page_size", "100")),
            authorization=self.headers.get("Authorization", ""),
        )
        if url.path != "/v1/proposals":
            return self.answer(404, {"error": "not found"})
        if request.authorization != f"Bearer {self.server.token}":
            return self.answer(401, {"error": "unauthorised"})
        fault = self.server.take_fault(request)
        if fault is not None:
            return self.fail(fault)
        page_size = max(1, min(request.page_size, self.server.max_page_size))
        self.answer(
            200, self.server.page(updated_since=request.updated_since, cursor=request.cursor, page_size=page_size)
        )

    def fail(self, fault: Fault) -> None:
        if fault.kind == "status":
            self.answer(fault.status, {"error": "injected"}, headers=fault.headers)
        elif fault.kind == "hang":
            self.server.stopping.wait(30)
            self.close_connection = True
        elif fault.kind == "not_json":
            self.answer_bytes(200, b'{"data": [{"id": "P-1"')
        elif fault.kind == "wrong_shape":
            self.answer(200, {"items": [], "next": None})
        elif fault.kind == "drop":
            self.close_connection = True  # no answer at all

    def answer(self, status: int, document: Any, *, headers: dict[str, str] | None = None) -> None:
        self.answer_bytes(status, json.dumps(document).encode(), headers=headers)

    def answer_bytes(self, status: int, body: bytes, *, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
