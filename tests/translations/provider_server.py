"""A stand-in for LibreTranslate and DeepL on this machine: both APIs on one loopback server,
each text "translated" by prefixing the target language, with faults on demand."""

import json
import re
from http.server import BaseHTTPRequestHandler
from typing import Any, Literal

from tests.local_server import LocalServer

API_KEY = "test-provider-key"
FaultKind = Literal["status", "hang", "not_json", "wrong_count"]


def fake_translation(text: str, target: str) -> str:
    """`[fr] Hello`; in HTML the prefix goes inside the first element, so the markup stays."""
    if text.startswith("<"):
        return re.sub(r"^(<[^>]+>)", rf"\1[{target}] ", text, count=1)
    return f"[{target}] {text}"


class ProviderServer(LocalServer):
    def __init__(self) -> None:
        super().__init__(ProviderHandler)
        self.requests: list[dict[str, Any]] = []
        self.fault: FaultKind | None = None
        self.status = 500

    def record(self, request: dict[str, Any]) -> None:
        with self.lock:
            self.requests.append(request)


class ProviderHandler(BaseHTTPRequestHandler):
    server: ProviderServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.server.record({"path": self.path, "headers": dict(self.headers), "json": payload})
        fault = self.server.fault
        if fault == "hang":
            self.server.stopping.wait(5)
            return
        if fault == "status":
            return self._send(self.server.status, b'{"error": "Service unavailable"}')
        if fault == "not_json":
            return self._send(200, b"<html>Bad gateway</html>", "text/html")
        if self.path == "/translate":
            return self._libretranslate(payload, wrong_count=fault == "wrong_count")
        if self.path == "/v2/translate":
            return self._deepl(payload, wrong_count=fault == "wrong_count")
        return self._send(404, b'{"error": "Not found"}')

    def _libretranslate(self, payload: dict, *, wrong_count: bool) -> None:
        if payload.get("api_key") != API_KEY:
            return self._send(403, b'{"error": "Invalid API key"}')
        texts = payload["q"] if isinstance(payload["q"], list) else [payload["q"]]
        translated = [fake_translation(text, payload["target"]) for text in texts]
        if wrong_count:
            translated = translated[:-1]
        body = {"translatedText": translated if isinstance(payload["q"], list) else translated[0]}
        self._send(200, json.dumps(body).encode())

    def _deepl(self, payload: dict, *, wrong_count: bool) -> None:
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {API_KEY}":
            return self._send(403, b'{"message": "Wrong key"}')
        texts = payload["text"]
        target = payload["target_lang"]
        translations = [{"detected_source_language": "EN", "text": fake_translation(t, target)} for t in texts]
        if wrong_count:
            translations = translations[:-1]
        self._send(200, json.dumps({"translations": translations}).encode())
