"""Reads pages of proposals from the secretariat's grants API, or from a folder of JSON pages.

The API (`GRANTS_API_URL` starting with http:// or https://)::

    GET {GRANTS_API_URL}/v1/proposals?updated_since=<RFC 3339>&cursor=<opaque>&page_size=<n>
    Authorization: Bearer {GRANTS_API_TOKEN}
    200 {"data": [PROPOSAL, ...], "next_cursor": "..." or null}     ordered by updated_at

`updated_since` is read as inclusive (updated_at >= updated_since): records at the boundary come
again and are found unchanged, which is cheaper than losing one updated in the same second.
Connection errors, timeouts, 5xx and malformed pages are retried with exponential backoff and
jitter; 429 waits for its Retry-After (seconds or an HTTP date, capped); 401 and 403 fail at once,
as does any other status, since asking again would not change the answer. Redirects are not
followed, so the token never goes anywhere but GRANTS_API_URL.

A folder (`GRANTS_API_URL` a local path or a file:// URL; the demo's default) holds the same
pages as files::

    sample/
        page-0001.json    {"data": [PROPOSAL, ...], "next_cursor": "page-0002.json"}
        page-0002.json    {"data": [...], "next_cursor": "page-0003.json"}
        ...
        page-0007.json    {"data": [...], "next_cursor": null}

Reading starts at the first `page-*.json` in name order and follows each `next_cursor`, which
must name another `page-*.json` file in the same folder. Records are filtered by
`updated_since` as the API would (a record whose `updated_at` can't be read is passed on, for
the sync to reject and report); `page_size` is ignored: a page is what its file holds.

Settings, read when a client is made:

- GRANTS_API_URL: default the sample folder `members/grants/sample`
- GRANTS_API_TOKEN: default ""
- GRANTS_API_TIMEOUT_SECONDS: connect and each read, default 10
- GRANTS_API_TOTAL_TIMEOUT_SECONDS: a whole response, however slowly it trickles, default 60
- GRANTS_API_MAX_RETRIES: default 4 (so at most 5 attempts per page)
- GRANTS_API_BACKOFF_SECONDS: first backoff, doubled on each retry, default 0.5
- GRANTS_API_BACKOFF_MAX_SECONDS: default 30
- GRANTS_API_RETRY_AFTER_MAX_SECONDS: the longest Retry-After honoured, default 120
"""

import json
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import unquote, urlsplit

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 32 * 1024 * 1024
FOLDER_PAGE_NAME = re.compile(r"^page-[\w.-]+\.json$")
WEB_SCHEMES = ("http://", "https://")


class GrantsApiError(Exception):
    """The source could not give us a page: the sync stops there and resumes next time."""


class GrantsAuthError(GrantsApiError):
    """The API refused our token: retrying would not help, someone must fix the setting."""


class MalformedPage(GrantsApiError):
    pass


@dataclass(frozen=True)
class Page:
    records: list[Any]  # raw records, validated by the sync: one bad record must not cost the page
    next_cursor: str | None


def configured_source() -> str:
    # Development defaults to the sample folder; production leaves it empty until the real API is set.
    if not settings.GRANTS_API_URL:
        raise GrantsApiError("GRANTS_API_URL is not set: there is no grants API to sync from.")
    return settings.GRANTS_API_URL


def is_folder_source(source: str) -> bool:
    return not source.startswith(WEB_SCHEMES)


def source_key(source: str) -> str:
    """The name a source's checkpoint and runs are kept under: a folder by its absolute path."""
    return str(_folder_path(source)) if is_folder_source(source) else source


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_timestamp(value: Any) -> datetime | None:
    """An RFC 3339 timestamp with its offset, in UTC; None for anything else (a naive time is ambiguous)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC)


def parse_page(body: bytes) -> Page:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedPage(f"the page is not JSON: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise MalformedPage('the page has no "data" list')
    next_cursor = document.get("next_cursor")
    if next_cursor is not None and (not isinstance(next_cursor, str) or not next_cursor):
        raise MalformedPage('"next_cursor" is neither a string nor null')
    return Page(records=document["data"], next_cursor=next_cursor)


def retry_after_seconds(value: str | None, *, now: datetime | None = None, cap: float) -> float | None:
    """Retry-After as seconds to wait (RFC 9110: delay-seconds or an HTTP date), at most `cap`."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # the HTTP date format is always GMT
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), cap)


def backoff_seconds(*, attempt: int, base: float, cap: float) -> float:
    """Exponential, with jitter so that many clients that failed together don't retry together."""
    ceiling = min(cap, base * 2**attempt)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not a secret)


class HttpSource:
    """One httpx.Client for a whole sync, so its pages share a connection."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        timeout: float,
        total_timeout: float,
        max_retries: int,
        backoff: float,
        backoff_max: float,
        retry_after_max: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = base_url.rstrip("/") + "/v1/proposals"
        self.total_timeout = total_timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max
        self.sleep = sleep
        headers = {"Accept": "application/json", "User-Agent": "AlliancePortalGrantsSync/1.0"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers=headers,
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch_page(self, *, updated_since: datetime | None, cursor: str | None, page_size: int) -> Page:
        params = {"page_size": str(page_size)}
        if updated_since is not None:
            params["updated_since"] = rfc3339(updated_since)
        if cursor:
            params["cursor"] = cursor
        for attempt in range(self.max_retries + 1):
            delay = None
            try:
                status, headers, body = self._get(params)
            except httpx.RequestError as error:  # refused or reset connections, timeouts, bad HTTP, bad gzip
                problem = f"{type(error).__name__}: {error or 'no detail'}"
            else:
                if status in (401, 403):
                    raise GrantsAuthError(f"the grants API answered {status}: check GRANTS_API_TOKEN (not retried)")
                if status == 429:
                    problem = "the grants API answered 429 Too Many Requests"
                    delay = retry_after_seconds(headers.get("retry-after"), cap=self.retry_after_max)
                elif status >= 500:
                    problem = f"the grants API answered {status}"
                elif status != 200:
                    raise GrantsApiError(f"the grants API answered {status} (not retried)")
                else:
                    try:
                        return parse_page(body)
                    except MalformedPage as error:
                        problem = str(error)
            if attempt == self.max_retries:
                raise GrantsApiError(f"{problem} (gave up after {attempt + 1} attempts)")
            if delay is None:
                delay = backoff_seconds(attempt=attempt, base=self.backoff, cap=self.backoff_max)
            logger.warning("Grants API: %s; retrying in %.2f s", problem, delay)
            self.sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _get(self, params: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        # httpx times each read; a server trickling a byte at a time would never trip that, so the
        # whole answer also has a deadline, and a size cap.
        deadline = time.monotonic() + self.total_timeout
        with self.client.stream("GET", self.endpoint, params=params) as response:
            if response.status_code != 200:
                return response.status_code, response.headers, b""
            chunks = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > MAX_PAGE_BYTES:
                    raise httpx.RemoteProtocolError(f"page larger than {MAX_PAGE_BYTES} bytes")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"page took longer than {self.total_timeout} s")
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)


class FolderSource:
    def __init__(self, *, path: Path) -> None:
        self.path = path
        if not path.is_dir():
            raise GrantsApiError(f"no folder of grants pages at {path}")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        pass

    def fetch_page(self, *, updated_since: datetime | None, cursor: str | None, page_size: int) -> Page:
        name = cursor or self._first_page()
        if not FOLDER_PAGE_NAME.match(name):  # a cursor is a file name here: never a path out of the folder
            raise MalformedPage(f"{name!r} is not the name of a page file")
        try:
            body = (self.path / name).read_bytes()
        except OSError as error:
            raise GrantsApiError(f"cannot read {name}: {error.strerror}") from error
        page = parse_page(body)
        if updated_since is None:
            return page
        kept = [record for record in page.records if not _updated_before(record, updated_since)]
        return Page(records=kept, next_cursor=page.next_cursor)

    def _first_page(self) -> str:
        names = sorted(child.name for child in self.path.iterdir() if FOLDER_PAGE_NAME.match(child.name))
        if not names:
            raise GrantsApiError(f"no page-*.json files in {self.path}")
        return names[0]


def _updated_before(record: Any, moment: datetime) -> bool:
    updated_at = parse_timestamp(record.get("updated_at")) if isinstance(record, dict) else None
    return updated_at is not None and updated_at < moment


def _folder_path(source: str) -> Path:
    if source.startswith("file://"):
        source = unquote(urlsplit(source).path)
    return Path(source).expanduser().resolve()


def open_source(source: str) -> HttpSource | FolderSource:
    """The client for a source, configured from settings; use it as a context manager."""
    if is_folder_source(source):
        return FolderSource(path=_folder_path(source))
    return HttpSource(
        base_url=source,
        token=getattr(settings, "GRANTS_API_TOKEN", ""),
        timeout=float(getattr(settings, "GRANTS_API_TIMEOUT_SECONDS", 10)),
        total_timeout=float(getattr(settings, "GRANTS_API_TOTAL_TIMEOUT_SECONDS", 60)),
        max_retries=int(getattr(settings, "GRANTS_API_MAX_RETRIES", 4)),
        backoff=float(getattr(settings, "GRANTS_API_BACKOFF_SECONDS", 0.5)),
        backoff_max=float(getattr(settings, "GRANTS_API_BACKOFF_MAX_SECONDS", 30)),
        retry_after_max=float(getattr(settings, "GRANTS_API_RETRY_AFTER_MAX_SECONDS", 120)),
    )
