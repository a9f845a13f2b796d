"""Members' calendar feeds on a real local HTTP server, with the ways a feed can go wrong."""

import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from tests.local_server import LocalServer

HUGE_BODY_BYTES = 50 * 1024**2


class CalendarServer(LocalServer):
    """Serves `feeds[path]`; /loop redirects to itself, /huge streams 50 MB without saying so,
    /huge-declared announces it, /hang never answers, /trickle sends a byte at a time."""

    def __init__(self) -> None:
        super().__init__(CalendarHandler)
        self.feeds: dict[str, bytes] = {}
        self.requests: list[str] = []
        self.huge_bytes_sent = 0

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        with self.lock:
            return list(self.requests)


class CalendarHandler(BaseHTTPRequestHandler):
    server: CalendarServer

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.requests.append(path)
        if path in self.server.feeds:
            self.answer(200, self.server.feeds[path])
        elif path == "/loop":
            self.answer(302, location="/loop")
        elif path == "/huge":
            self.stream(b"x" * 65536, total=HUGE_BODY_BYTES, declare=False)
        elif path == "/huge-declared":
            self.stream(b"x" * 65536, total=HUGE_BODY_BYTES, declare=True)
        elif path == "/hang":
            self.server.stopping.wait(10)
        elif path == "/trickle":
            self.stream(b"B", total=200, declare=True, pause=0.05)
        else:
            self.answer(404, b"not found")

    def answer(self, status: int, body: bytes = b"", *, location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self, chunk: bytes, *, total: int, declare: bool, pause: float = 0.0) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        if declare:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        sent = 0
        try:
            while sent < total and not self.server.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass  # the importer hung up, as it should
        finally:
            with self.server.lock:
                self.server.huge_bytes_sent += sent
