"""The member link checker, against a real HTTP server on this machine."""

import io
import socket
import struct
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import httpcore
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from members import linkcheck
from members.linkcheck import check_member_links, check_urls, run_in_own_loop, send_broken_link_digests
from members.models import LinkCheck, MemberLink
from members.selectors import public_links
from tests.local_server import LocalServer

HUGE_BODY_BYTES = 1024**3
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class LocalSite(LocalServer):
    def __init__(self) -> None:
        super().__init__(LocalSiteHandler)
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.flaky_ok = False
        self.huge_bytes_sent = 0
        self.huge_done = threading.Event()

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _host in self.requests]


class LocalSiteHandler(BaseHTTPRequestHandler):
    server: LocalSite

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        with self.server.lock:
            self.server.requests.append((self.path, self.headers.get("Host", "")))
        path = urlsplit(self.path).path
        if path == "/ok":
            self.answer(200)
        elif path == "/moved":
            self.answer(301, location="/ok")
        elif path == "/temporary":
            self.answer(302, location="/ok")
        elif path == "/moved-to-nowhere":
            self.answer(301, location="/missing")
        elif path == "/loop":
            self.answer(301, location="/loop")
        elif path == "/to-private":
            self.answer(302, location="http://10.0.0.1/admin")
        elif path == "/error":
            self.answer(500)
        elif path == "/flaky":
            self.answer(200 if self.server.flaky_ok else 503)
        elif path == "/hang":
            self.server.stopping.wait(10)
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif path == "/garbage":
            self.wfile.write(b"this is not HTTP\r\n\r\n")
        elif path == "/huge":
            self.stream_huge_body()
        else:
            self.answer(404)

    def answer(self, status: int, *, location: str = "") -> None:
        body = b"<!doctype html><title>test</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_huge_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(HUGE_BODY_BYTES))
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while self.server.huge_bytes_sent < HUGE_BODY_BYTES and not self.server.stopping.is_set():
                self.wfile.write(chunk)
                self.server.huge_bytes_sent += len(chunk)
        except OSError:
            pass  # the checker hung up, as it should
        finally:
            self.server.huge_done.set()


@pytest.fixture
def site():
    server = LocalSite().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def connections(monkeypatch) -> list[str]:
    """Every address the checker connects to. One off this machine fails the test rather than leave it."""
    attempted: list[str] = []
    connect = httpcore.AnyIOBackend.connect_tcp

    async def connect_on_this_machine_only(self, host, port, *args, **kwargs):
        attempted.append(host)
        if host not in LOOPBACK_HOSTS:
            raise AssertionError(f"the checker tried to connect to {host}")
        return await connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", connect_on_this_machine_only)
    return attempted


def check(urls: list[str], *, timeout: float = 1.0, concurrency: int = 10, allow_private_addresses: bool = True):
    return run_in_own_loop(
        check_urls(urls, timeout=timeout, concurrency=concurrency, allow_private_addresses=allow_private_addresses)
    )


def add_link(member, url: str, *, title: str = "Link") -> MemberLink:
    with translation.override("en"):  # a previous request may have left another language active
        return MemberLink.objects.create(member=member, title=title, url=url, sort_order=member.links.count())


def add_links(member, *urls: str) -> None:
    for url in urls:
        add_link(member, url)


def make_user(username: str, *, groups, language: str = "", **fields):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.test", **fields)
    user.groups.add(*groups)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def test_each_answer_is_recorded(site, make_member):
    lagos, cotonou = make_member("Lagos City", links=0), make_member("Cotonou", links=0)
    paths = ["/ok", "/moved", "/temporary", "/moved-to-nowhere", "/missing", "/error"]
    paths += ["/hang", "/reset", "/garbage", "/loop", "/huge"]
    add_links(lagos, *[site.url(path) for path in paths], site.url("/ok?shared"))
    add_links(cotonou, site.url("/ok?shared"))
    now = datetime(2025, 3, 12, 6, 0, tzinfo=UTC)

    run = check_member_links(now=now)

    checks = {urlsplit(check.url).path: check for check in LinkCheck.objects.exclude(url__endswith="?shared")}
    seen = {
        path: (
            check.status_code,
            urlsplit(check.final_url).path,
            urlsplit(check.moved_to).path,
            check.error,
            check.consecutive_failures,
            check.last_ok_at,
        )
        for path, check in checks.items()
    }
    assert seen == {
        "/ok": (200, "/ok", "", "", 0, now),
        "/moved": (200, "/ok", "/ok", "", 0, now),
        "/temporary": (200, "/ok", "", "", 0, now),
        "/huge": (200, "/huge", "", "", 0, now),
        "/moved-to-nowhere": (404, "/missing", "", "", 1, None),  # no point suggesting a dead address
        "/missing": (404, "/missing", "", "", 1, None),
        "/error": (500, "/error", "", "", 1, None),
        "/hang": (None, "/hang", "", "timeout", 1, None),
        "/reset": (None, "/reset", "", "connection reset", 1, None),
        "/garbage": (None, "/garbage", "", "invalid response", 1, None),
        "/loop": (301, "/loop", "", "too many redirects", 1, None),
    }
    assert checks["/moved"].moved_to == site.url("/ok")
    assert (run.checked, run.ok, run.failed, run.newly_broken) == (12, 5, 7, set())
    assert site.paths().count("/ok?shared") == 1, "an address two members share is fetched once"


def test_three_failures_in_a_row_make_a_link_broken_and_one_success_mends_it(site, make_member):
    member = make_member("Lagos City", links=0)
    url = site.url("/flaky")
    add_links(member, url)
    start = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)

    runs = [check_member_links(now=start + timedelta(days=day)) for day in range(4)]

    assert [run.newly_broken for run in runs] == [set(), set(), {url}, set()]
    check = LinkCheck.objects.get(url=url)
    assert (check.is_broken, check.consecutive_failures, check.status_code) == (True, 4, 503)
    assert public_links(member=member) == [], "visitors no longer see a broken link"

    site.flaky_ok = True
    mended_at = start + timedelta(days=4)
    run = check_member_links(now=mended_at)

    check.refresh_from_db()
    assert (run.ok, run.newly_broken) == (1, set())
    assert (check.is_broken, check.consecutive_failures, check.last_ok_at, check.error) == (False, 0, mended_at, "")
    assert [item.link.url for item in public_links(member=member)] == [url]


def test_private_addresses_are_refused_without_a_request(site, connections):
    port = site.server_address[1]
    urls = [
        f"http://127.0.0.1:{port}/ok",
        f"http://localhost:{port}/ok",
        f"http://[::1]:{port}/ok",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
    ]

    outcomes = check(urls, allow_private_addresses=False)

    assert {url: outcome.error for url, outcome in outcomes.items()} == dict.fromkeys(urls, "blocked address")
    assert not any(outcome.ok for outcome in outcomes.values())
    assert site.requests == []
    assert connections == []


def test_a_closed_port_is_a_refused_connection():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))  # holds the port, never listens
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/"

        assert check([url])[url].error == "connection refused"


def test_other_schemes_are_refused(connections):
    outcomes = check(["ftp://files.example/report.pdf", "file:///etc/passwd"], allow_private_addresses=False)

    assert {outcome.error for outcome in outcomes.values()} == {"not a web address"}
    assert connections == []


def test_every_redirect_hop_is_vetted(site, connections, monkeypatch):
    is_internal = linkcheck._is_internal
    monkeypatch.setattr(linkcheck, "_is_internal", lambda address: str(address) != "127.0.0.1" and is_internal(address))

    outcome = check([site.url("/to-private")], allow_private_addresses=False)[site.url("/to-private")]

    assert (outcome.status_code, outcome.final_url, outcome.error) == (302, "http://10.0.0.1/admin", "blocked address")
    assert connections == ["127.0.0.1"]


def test_connects_to_the_address_it_vetted(site, connections, monkeypatch):
    """The host is resolved once, and the connection goes to the address that passed the check."""
    answers = {"members.example": ["127.0.0.1"], "rebound.example": ["93.184.215.14", "127.0.0.1"]}

    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    monkeypatch.setattr(linkcheck, "_resolve", resolve)
    port = site.server_address[1]
    pinned, rebound = f"http://members.example:{port}/ok", f"http://rebound.example:{port}/ok"

    assert check([pinned])[pinned].status_code == 200
    assert site.requests == [("/ok", f"members.example:{port}")]
    assert check([rebound], allow_private_addresses=False)[rebound].error == "blocked address"
    assert connections == ["127.0.0.1"]


def test_hanging_sites_are_waited_for_side_by_side(site):
    urls = [site.url(f"/hang?{number}") for number in range(5)]

    started = time.monotonic()
    outcomes = check(urls, timeout=1.0, concurrency=5)
    elapsed = time.monotonic() - started

    assert {outcome.error for outcome in outcomes.values()} == {"timeout"}
    assert elapsed < 2.5


def test_concurrency_is_capped_and_waiting_does_not_eat_the_timeout(site):
    urls = [site.url(f"/hang?{number}") for number in range(3)]

    started = time.monotonic()
    outcomes = check(urls, timeout=0.3, concurrency=1)
    elapsed = time.monotonic() - started

    assert {outcome.error for outcome in outcomes.values()} == {"timeout"}
    assert elapsed >= 0.85


def test_a_huge_page_is_not_downloaded(site):
    started = time.monotonic()
    outcome = check([site.url("/huge")], timeout=5.0)[site.url("/huge")]
    elapsed = time.monotonic() - started

    assert (outcome.ok, outcome.status_code) == (True, 200)
    assert elapsed < 1.0
    assert site.huge_done.wait(5), "the checker hung up"
    assert site.huge_bytes_sent < 64 * 1024**2


@pytest.fixture
def broken_member(make_member):
    """Lagos City: two broken links, one working one."""
    member = make_member("Lagos City", links=0, title_fr="Ville de Lagos")
    report, old_page, home = "https://lagos.example/report", "https://lagos.example/old", "https://lagos.example/"
    add_link(member, report, title="Annual report")
    add_link(member, old_page, title="Old projects")
    add_link(member, home, title="Home")
    checked_at = datetime(2025, 3, 15, 6, 0, tzinfo=UTC)
    last_ok_at = datetime(2025, 3, 12, 6, 0, tzinfo=UTC)
    LinkCheck.objects.create(
        url=report, checked_at=checked_at, last_ok_at=last_ok_at, error="timeout", consecutive_failures=3
    )
    LinkCheck.objects.create(url=old_page, checked_at=checked_at, status_code=404, consecutive_failures=7)
    LinkCheck.objects.create(url=home, checked_at=checked_at, last_ok_at=checked_at, status_code=200)
    return member


def test_the_digest_reaches_each_editor_once_in_their_language(broken_member, make_member):
    team = broken_member.team
    editor = make_user("editeur", groups=[team.editors], language="fr")
    admin = make_user("admin", groups=[team.admins, team.editors])
    make_user("former", groups=[team.editors], is_active=False)
    get_user_model().objects.create_user(username="no-email").groups.add(team.editors)
    cotonou = make_member("Cotonou", links=0)
    add_links(cotonou, "https://cotonou.example/")
    LinkCheck.objects.create(url="https://cotonou.example/", status_code=200)
    make_user("cotonou-editor", groups=[cotonou.team.editors])

    sent = send_broken_link_digests(urls={"https://lagos.example/report", "https://cotonou.example/"})

    assert sent == 2
    assert sorted(message.to[0] for message in mail.outbox) == [admin.email, editor.email]
    french = next(message for message in mail.outbox if message.to == [editor.email])
    english = next(message for message in mail.outbox if message.to == [admin.email])
    french_html = french.alternatives[0].content
    assert "Ville de Lagos" in french.subject
    assert french.extra_headers["Content-Language"] == "fr"
    assert 'lang="fr"' in french_html
    for text in ("Annual report", "https://lagos.example/report", "12 mars 2025", "Old projects", "404"):
        assert text in french.body
        assert text in french_html
    assert "https://lagos.example/\n" not in french.body, "a working link is not listed"
    assert f"{settings.WAGTAILADMIN_BASE_URL}/fr/" in french.body, "the members' area opens in French"
    assert "Lagos City" in english.subject
    assert "March 12, 2025" in english.body
    assert "took too long" in english.body


def test_no_digest_without_broken_links(broken_member):
    make_user("editeur", groups=[broken_member.team.editors])
    LinkCheck.objects.filter(url__startswith="https://lagos.example/").update(consecutive_failures=0)

    assert send_broken_link_digests(urls={"https://lagos.example/report"}) == 0
    assert mail.outbox == []


def test_check_links_command_emails_the_team_when_a_link_breaks(site, make_member):
    member = make_member("Lagos City", links=0)
    add_links(member, site.url("/missing"))
    editor = make_user("editor", groups=[member.team.editors])

    outputs = []
    for _day in range(LinkCheck.BROKEN_AFTER_FAILURES):
        out = io.StringIO()
        call_command("check_links", stdout=out)
        outputs.append(out.getvalue().strip())

    assert outputs[-1] == "Checked 1 addresses: 0 ok, 1 failed, 1 newly broken; 1 digest emails sent."
    assert "0 digest emails sent" in outputs[0]
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert site.url("/missing") in mail.outbox[0].body


def test_results_show_on_the_public_page_and_in_the_members_area(site, make_member, client, login_as, member_a):
    editor = get_user_model().objects.get(email="member@demo.test")
    editor.groups.add(member_a.team.admins)
    MemberLink.objects.filter(member=member_a).delete()
    with translation.override("en"):
        for title, path in [("Plan", "/ok"), ("Old portal", "/moved"), ("Report", "/missing")]:
            add_link(member_a, site.url(path), title=title)

    for _day in range(LinkCheck.BROKEN_AFTER_FAILURES):
        call_command("check_links", stdout=io.StringIO())

    public = client.get(member_a.url).content.decode()
    assert site.url("/ok") in public and "Verified" in public
    assert site.url("/missing") not in public
    login_as("member@demo.test")
    area = client.get("/en/members-area/").content.decode()
    assert "Links to fix" in area and site.url("/missing") in area
    assert "The page no longer exists (error 404)." in area
    assert (
        f'<bdi dir="ltr">{site.url("/moved")}</bdi> now sends visitors to <bdi dir="ltr">{site.url("/ok")}</bdi>'
        in area
    )
