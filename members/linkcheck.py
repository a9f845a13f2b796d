"""The member link checker: which member links still work, and who to tell when one breaks."""

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Coroutine, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

import httpcore
import httpx
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from .models import LinkCheck, LinkProblem, MemberLink, MemberPage

T = TypeVar("T")
MAX_BODY_BYTES = 64 * 1024
PERMANENT_REDIRECTS = {301, 308}
WEB_SCHEMES = {"http", "https"}


@dataclass(frozen=True)
class CheckOutcome:
    url: str
    status_code: int | None = None
    final_url: str = ""
    moved_to: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.status_code is not None and 200 <= self.status_code < 400


@dataclass(frozen=True)
class LinkCheckRun:
    checked: int
    ok: int
    failed: int
    newly_broken: set[str] = field(default_factory=set)


class CheckStopped(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


async def _resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        answers = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise CheckStopped(LinkProblem.HOST_NOT_FOUND) from error
    return list(dict.fromkeys(sockaddr[0].split("%")[0] for *_rest, sockaddr in answers))


class _VettingBackend(httpcore.AsyncNetworkBackend):
    """Resolves each host once, refuses internal addresses, and connects to the very addresses it vetted,
    so every redirect hop is checked and a DNS answer that changes between check and connect can't slip by.
    TLS still verifies the certificate against the host name: httpcore passes it on after we connect."""

    def __init__(self, *, allow_private_addresses: bool) -> None:
        self._allow_private_addresses = allow_private_addresses
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await _resolve(host, port)
        if not self._allow_private_addresses and any(_is_internal(ipaddress.ip_address(a)) for a in addresses):
            raise CheckStopped(LinkProblem.BLOCKED_ADDRESS)
        last_error: Exception = CheckStopped(LinkProblem.HOST_NOT_FOUND)
        for address in addresses:
            try:
                return await self._backend.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as error:
                last_error = error
        raise last_error

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def guarded_transport(*, allow_private_addresses: bool, concurrency: int) -> httpx.AsyncHTTPTransport:
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx 0.28 has no public way to hand httpcore a network backend, so we replace the pool it built.
    # test_linkcheck.py::test_connects_to_the_address_it_vetted fails if this stops taking effect.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=concurrency,
        network_backend=_VettingBackend(allow_private_addresses=allow_private_addresses),
    )
    return transport


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def problem_for(error: BaseException) -> LinkProblem:
    if isinstance(error, CheckStopped):
        return error.problem
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return LinkProblem.TIMEOUT
    if isinstance(error, httpx.ConnectError):
        causes = list(islice(_causes(error), 10))
        if any(isinstance(cause, ssl.SSLCertVerificationError) for cause in causes):
            return LinkProblem.INVALID_CERTIFICATE
        if any(isinstance(cause, ssl.SSLError) for cause in causes):
            return LinkProblem.TLS_ERROR
        if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
            return LinkProblem.CONNECTION_REFUSED
        return LinkProblem.CONNECTION_FAILED
    if isinstance(error, httpx.ReadError | httpx.WriteError):
        return LinkProblem.CONNECTION_RESET
    if isinstance(error, httpx.RemoteProtocolError):
        return LinkProblem.INVALID_RESPONSE
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return LinkProblem.INVALID_ADDRESS
    return LinkProblem.CONNECTION_FAILED


async def _read_some(response: httpx.Response) -> None:
    # Reading the start of the body catches servers that fail mid-answer; the cap keeps a huge
    # or endless body from costing us. Raw bytes, so a compressed bomb is never inflated.
    received = 0
    async with aclosing(response.aiter_raw()) as chunks:
        async for chunk in chunks:
            received += len(chunk)
            if received >= MAX_BODY_BYTES:
                break


async def _check(client: httpx.AsyncClient, url: str, *, timeout: float, max_redirects: int) -> CheckOutcome:
    current = url
    status_code = None
    first_hop_permanent = False
    try:
        async with asyncio.timeout(timeout):  # the whole chain, however slowly a server trickles bytes
            for hop in range(max_redirects + 1):
                target = httpx.URL(current)
                if target.scheme not in WEB_SCHEMES:
                    raise CheckStopped(LinkProblem.NOT_A_WEB_ADDRESS)
                async with client.stream("GET", target) as response:
                    status_code = response.status_code
                    if not response.has_redirect_location:
                        await _read_some(response)
                        # Only suggest a new address that works.
                        moved = first_hop_permanent and current != url and 200 <= status_code < 400
                        return CheckOutcome(
                            url=url, status_code=status_code, final_url=current, moved_to=current if moved else ""
                        )
                    if hop == 0:
                        first_hop_permanent = status_code in PERMANENT_REDIRECTS
                    try:
                        current = str(response.url.join(response.headers["location"]))
                    except httpx.InvalidURL as error:
                        raise CheckStopped(LinkProblem.INVALID_RESPONSE) from error
            raise CheckStopped(LinkProblem.TOO_MANY_REDIRECTS)
    except (CheckStopped, TimeoutError, httpx.HTTPError, httpx.InvalidURL, OSError) as error:
        return CheckOutcome(url=url, status_code=status_code, final_url=current, error=problem_for(error).value)


async def check_urls(
    urls: Iterable[str],
    *,
    timeout: float,
    concurrency: int,
    allow_private_addresses: bool,
    max_redirects: int = 5,
) -> dict[str, CheckOutcome]:
    """Fetch each address (following redirects ourselves) and say what a visitor would get."""
    distinct = list(dict.fromkeys(urls))
    slots = asyncio.Semaphore(concurrency)
    transport = guarded_transport(allow_private_addresses=allow_private_addresses, concurrency=concurrency)
    user_agent = f"AlliancePortalLinkChecker/1.0 (+{settings.WAGTAILADMIN_BASE_URL})"

    async with httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent},
        follow_redirects=False,
        trust_env=False,
    ) as client:

        async def check_when_free(url: str) -> CheckOutcome:
            async with slots:  # the timeout starts once a slot is ours, not while waiting for one
                return await _check(client, url, timeout=timeout, max_redirects=max_redirects)

        outcomes = await asyncio.gather(*(check_when_free(url) for url in distinct))
    return {outcome.url: outcome for outcome in outcomes}


def _fitting(value: str, *, field_name: str) -> str:
    # A cut-off address would lead nowhere: store nothing rather than a wrong one.
    return value if len(value) <= LinkCheck._meta.get_field(field_name).max_length else ""


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own, so callers that already run an event loop
    (an async worker, a browser-driving test) can call the checker too."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def check_member_links(*, now: datetime | None = None) -> LinkCheckRun:
    """Check every distinct member link address once and record what we saw."""
    now = now or timezone.now()
    urls = list(MemberLink.objects.order_by("url").values_list("url", flat=True).distinct())
    outcomes = run_in_own_loop(
        check_urls(
            urls,
            timeout=settings.LINKCHECK_TIMEOUT_SECONDS,
            concurrency=settings.LINKCHECK_CONCURRENCY,
            allow_private_addresses=settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES,
        )
    )
    previous = {check.url: check for check in LinkCheck.objects.filter(url__in=urls)}
    rows = []
    newly_broken = set()
    for url, outcome in outcomes.items():
        before = previous.get(url)
        failures = 0 if outcome.ok else (before.consecutive_failures if before else 0) + 1
        if failures == LinkCheck.BROKEN_AFTER_FAILURES:
            newly_broken.add(url)
        rows.append(
            LinkCheck(
                url=url,
                checked_at=now,
                last_ok_at=now if outcome.ok else (before.last_ok_at if before else None),
                status_code=outcome.status_code,
                final_url=_fitting(outcome.final_url, field_name="final_url"),
                moved_to=_fitting(outcome.moved_to, field_name="moved_to"),
                error=outcome.error[:200],
                consecutive_failures=failures,
            )
        )
    LinkCheck.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=[
            "checked_at",
            "last_ok_at",
            "status_code",
            "final_url",
            "moved_to",
            "error",
            "consecutive_failures",
        ],
    )
    ok = sum(outcome.ok for outcome in outcomes.values())
    return LinkCheckRun(checked=len(outcomes), ok=ok, failed=len(outcomes) - ok, newly_broken=newly_broken)


def _language_for(user: AbstractBaseUser) -> str:
    # Outside a request the active language is whatever ran last: a user who never chose gets the default.
    with translation.override(settings.LANGUAGE_CODE):
        language = UserProfile.get_for_user(user).get_preferred_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _members_area_url() -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse("members:dashboard")
    except NoReverseMatch:
        return base + "/"


def _digest(
    *, member: MemberPage, broken: list[tuple[MemberLink, LinkCheck]], user: AbstractBaseUser, language: str
) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {
            "member": member,
            "links": [
                {
                    "title": link.title,
                    "url": link.url,
                    "problem": check.problem,
                    "last_ok_at": check.last_ok_at,
                }
                for link, check in broken
            ],
            "members_area_url": _members_area_url(),
        }
        subject = render_to_string("members/email/broken_links_digest_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("members/email/broken_links_digest_body.txt", context),
            to=[user.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(
            render_to_string("members/email/broken_links_digest_body.html", context), "text/html"
        )
    return message


def send_broken_link_digests(*, urls: set[str]) -> int:
    """Email each member team that has one of these addresses a digest of all its broken links."""
    if not urls:
        return 0
    members = (
        MemberPage.objects.filter(pk__in=MemberLink.objects.filter(url__in=urls).values("member_id"))
        .select_related("team")
        .prefetch_related("links")
        .order_by("pk")
    )
    members = [member for member in members if hasattr(member, "team")]
    links_by_member = {member.pk: list(member.links.all()) for member in members}
    every_url = {link.url for links in links_by_member.values() for link in links}
    checks = {check.url: check for check in LinkCheck.objects.filter(url__in=every_url)}

    messages = []
    for member in members:
        broken = [
            (link, checks[link.url])
            for link in links_by_member[member.pk]
            if link.url in checks and checks[link.url].is_broken
        ]
        if not broken:
            continue
        recipients = (
            get_user_model()
            .objects.filter(is_active=True, groups__in=[member.team.editors_id, member.team.admins_id])
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        for user in recipients:
            messages.append(_digest(member=member, broken=broken, user=user, language=_language_for(user)))
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
