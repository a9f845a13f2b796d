"""Audits of the rendered site in Debian's Chromium: Lighthouse and axe-core from `frontend/node_modules`."""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class LighthouseReport:
    url: str
    scores: dict[str, int]  # category id -> 0..100
    failures: dict[str, list[str]]  # category id -> titles of the audits that lost points

    def below(self, threshold: int) -> dict[str, int]:
        return {category: score for category, score in self.scores.items() if score < threshold}


def lighthouse(url: str, categories: tuple[str, ...], *, timeout: int = 180) -> LighthouseReport:
    """Lighthouse's mobile audit of one address (simulated slow 4G and a 4x slower CPU)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    # One more try: a run here once exited with an error that the next run did not repeat.
    for attempt in (1, 2):
        completed = subprocess.run(  # noqa: S603 (a fixed command line)
            command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=timeout
        )
        if completed.returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"Lighthouse failed on {url}: {completed.stderr[-2000:]}")
    result = json.loads(completed.stdout)
    scores, failures = {}, {}
    for category_id, category in result["categories"].items():
        scores[category_id] = round(category["score"] * 100)
        failures[category_id] = [
            result["audits"][ref["id"]]["title"]
            for ref in category["auditRefs"]
            if ref["weight"]
            and (result["audits"][ref["id"]]["score"] or 0) < 1
            and result["audits"][ref["id"]]["scoreDisplayMode"] in {"binary", "numeric"}
        ]
    return LighthouseReport(url=url, scores=scores, failures=failures)
