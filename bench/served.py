"""`make bench`: the portal's key pages and API lists served by gunicorn and loaded by wrk, with
the page cache off (cold) and on and warm (cached), against a bare WSGI hello world and a bare
Wagtail page served by the same gunicorn configuration in the same run. Writes bench/REPORT.md.

The large site (bench/dataset.py) is built once into var/bench/large/ and reused; a small one
(a tenth the size) only serves to check that query counts do not grow with the data.
BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (8) change the load; DATABASE_URL, when set,
holds the large site instead of SQLite. Compare ratios within one run: the machines are noisy.
"""

import contextlib
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2  # before each measurement: renditions made, templates compiled, the cache filled
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = 2
HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_PORT", "8765"))
PAGE_CACHE_SECONDS = "300"
REPORT = ROOT / "bench" / "REPORT.md"
# wrk prints its own summary; this adds one machine-readable line (latencies in microseconds).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p95_us\\": %d, "
    .. "\\"bad_status\\": %d, \\"errors\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""
# Pages whose uncached throughput the spec holds to the bare Wagtail page's.
AT_LEAST_BARE = ["home (en)", "home (ar)", "a member", "a showcase", "diary"]
CACHED_SHARE_OF_HELLO = 0.6


def say(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def dataset(folder: Path, *, scale: float, out: Path, page_cache_seconds: str, database_url: str = "") -> dict:
    command = [PYTHON, str(ROOT / "bench" / "dataset.py"), str(folder), "--scale", str(scale), "--out", str(out)]
    if database_url:
        command += ["--database-url", database_url]
    subprocess.run(command, check=True, env={**os.environ, "PAGE_CACHE_SECONDS": page_cache_seconds})  # noqa: S603
    return json.loads(out.read_text())


@contextlib.contextmanager
def serve(app: str, environment: dict, first_path: str = "/"):
    """gunicorn serving `app` with bench/gunicorn.conf.py until the block ends."""
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        [GUNICORN, "-c", str(ROOT / "bench" / "gunicorn.conf.py"), "--chdir", str(ROOT), app],
        env={**os.environ, **environment, "BENCH_BIND": f"{HOST}:{PORT}"},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError):
                status(first_path)
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start serving {app}")
            time.sleep(0.5)
        yield
    finally:
        server.terminate()
        server.wait(timeout=60)


def status(path: str) -> int:
    """One GET, redirects not followed: every measured URL must answer 200 itself."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load(path: str) -> dict:
    """Throughput and latency of `path` under wrk after a short warm-up."""
    if (answer := status(path)) != 200:
        raise SystemExit(f"{path} answered {answer}")
    script = VAR / "summary.lua"
    script.write_text(WRK_SCRIPT)
    url = f"http://{HOST}:{PORT}{path}"
    base = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", "--timeout", "30s", "-s", str(script)]
    subprocess.run([*base, f"-d{WARM_UP_SECONDS}s", url], check=True, capture_output=True)  # noqa: S603
    output = subprocess.run([*base, f"-d{SECONDS}s", url], check=True, capture_output=True, text=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    result = {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "median_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "requests": figures["requests"],
        "failed": figures["bad_status"] + figures["errors"],
    }
    say(f"  {path}: {result['rps']:.0f} req/s, median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
    return result


def baselines() -> dict:
    measured = {}
    with serve("bench.hello:application", {}):
        measured["hello"] = load("/")
    with serve("bench.bare_wagtail.wsgi:application", {"DJANGO_SETTINGS_MODULE": "bench.bare_wagtail.settings"}):
        measured["bare"] = load("/")
    return measured


def portal_phase(urls: dict[str, str], environment: dict) -> dict:
    results = {}
    with serve("portal.wsgi:application", environment, first_path=urls["home (en)"]):
        for label, path in urls.items():
            results[label] = load(path)
    return results


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    started = time.monotonic()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it with apt-get")
    VAR.mkdir(parents=True, exist_ok=True)
    load_before = load_average()
    database_url = os.environ.get("DATABASE_URL", "")
    say("the small site (query counts only)")
    small = dataset(VAR / "small", scale=0.1, out=VAR / "small" / "queries.json", page_cache_seconds="0")
    say("the large site")
    large = dataset(
        VAR / "large", scale=1, out=VAR / "large" / "queries.json", page_cache_seconds="0", database_url=database_url
    )
    cached_queries = dataset(
        VAR / "large",
        scale=1,
        out=VAR / "large" / "queries-cached.json",
        page_cache_seconds=PAGE_CACHE_SECONDS,
        database_url=database_url,
    )["queries"]
    subprocess.run([PYTHON, str(ROOT / "bench" / "bare_wagtail" / "build.py")], check=True)  # noqa: S603

    portal = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url or f"sqlite:///{VAR / 'large' / 'site.sqlite3'}",
        "MEDIA_ROOT": str(VAR / "large" / "media"),
        "API_ANON_RATE": "1000000/minute",  # wrk is one address asking thousands of times a minute
    }
    say("baselines")
    first = baselines()
    say("portal, page cache off (cold)")
    cold = portal_phase(large["urls"], {**portal, "PAGE_CACHE_SECONDS": "0"})
    say(f"portal, page cache on ({PAGE_CACHE_SECONDS} s) and warm")
    cached = portal_phase(large["urls"], {**portal, "PAGE_CACHE_SECONDS": PAGE_CACHE_SECONDS})
    say("baselines again")
    second = baselines()

    results = {
        "baselines": [first, second],
        "cold": cold,
        "cached": cached,
        "queries": {"small": small["queries"], "large": large["queries"], "cached": cached_queries},
        "sizes": {"small": small["sizes"], "large": large["sizes"]},
        "urls": large["urls"],
        "load": [load_before, load_average()],
        "minutes": (time.monotonic() - started) / 60,
    }
    (VAR / "results.json").write_text(json.dumps(results, indent=1))
    REPORT.write_text(report(results, database="PostgreSQL" if database_url else "SQLite"))
    say(f"wrote {REPORT.relative_to(ROOT)} in {results['minutes']:.1f} min")


def report(results: dict, *, database: str) -> str:
    hello = statistics.mean(run["hello"]["rps"] for run in results["baselines"])
    bare = statistics.mean(run["bare"]["rps"] for run in results["baselines"])
    bare_median = statistics.mean(run["bare"]["median_ms"] for run in results["baselines"])
    queries = results["queries"]
    sizes = results["sizes"]
    lines = [
        "# Benchmark: the portal on gunicorn, against a hello world and a bare Wagtail page",
        "",
        f"Run by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC in {results['minutes']:.0f} minutes: "
        f"Python {platform.python_version()}, {database}, gunicorn with 2 sync workers (bench/gunicorn.conf.py) "
        f"for all three applications, loaded by wrk with {CONNECTIONS} connections on {THREADS} threads for "
        f"{SECONDS} s per URL after a {WARM_UP_SECONDS} s warm-up, on the same machine "
        f"({os.cpu_count()} cores). Load average before and after: {results['load'][0]} / {results['load'][1]}.",
        "",
        "The machine is shared with other work, so absolute figures are noisy; the ratios to the two "
        "baselines, measured in the same run before and after the portal, are what to compare. "
        "Latency is wrk's at that concurrency: it includes the time a request waits for a free worker.",
        "",
        "Large site: " + ", ".join(f"{count:,} {name}" for name, count in sizes["large"].items()) + ". "
        "Small site, for query counts only: "
        + ", ".join(f"{count:,} {name}" for name, count in sizes["small"].items())
        + ". Queries are counted in process (Django's test client, CaptureQueriesContext) on the third request "
        "to each URL.",
        "",
        "## Baselines",
        "",
        "| | req/s (before, after) | median ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for key, name in (("hello", "bare WSGI hello world (`bench/hello.py`)"), ("bare", "bare Wagtail page")):
        runs = [run[key] for run in results["baselines"]]
        lines.append(
            f"| {name} | {runs[0]['rps']:.0f}, {runs[1]['rps']:.0f} | "
            f"{statistics.mean(r['median_ms'] for r in runs):.1f} | {statistics.mean(r['p95_ms'] for r in runs):.1f} |"
        )
    lines += ["", f"Ratios below are to the means: hello world {hello:.0f} req/s, bare Wagtail {bare:.0f} req/s.", ""]
    for phase, title in (
        ("cold", "page cache off (cold)"),
        ("cached", f"page cache on ({PAGE_CACHE_SECONDS} s), warm"),
    ):
        query_heading = "queries (small → large)" if phase == "cold" else "queries"
        lines += [
            f"## Portal, {title}",
            "",
            f"| page | path | req/s | × hello | × bare | median ms | median × bare | p95 ms | {query_heading} |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, figures in results[phase].items():
            if phase == "cold":
                counted = f"{queries['small'][label]} → {queries['large'][label]}"
            else:
                counted = str(queries["cached"][label])
            failed = f" ({figures['failed']} failed)" if figures["failed"] else ""
            lines.append(
                f"| {label} | `{results['urls'][label]}` | {figures['rps']:.0f}{failed} | "
                f"{figures['rps'] / hello:.2f} | {figures['rps'] / bare:.2f} | {figures['median_ms']:.1f} | "
                f"{figures['median_ms'] / bare_median:.2f} | {figures['p95_ms']:.1f} | {counted} |"
            )
        lines.append("")
    lines += ["## Targets", ""] + targets(results, hello=hello, bare=bare)
    return "\n".join(lines) + "\n"


def targets(results: dict, *, hello: float, bare: float) -> list[str]:
    queries = results["queries"]
    growing = [label for label in queries["large"] if queries["small"][label] != queries["large"][label]]
    pages = [label for label, path in results["urls"].items() if not path.startswith("/api/")]
    cached_share = {label: results["cached"][label]["rps"] / hello for label in pages}
    slow_cached = [f"{label} ({share:.2f})" for label, share in cached_share.items() if share < CACHED_SHARE_OF_HELLO]
    cold_share = {label: results["cold"][label]["rps"] / bare for label in AT_LEAST_BARE}
    slow_cold = [f"{label} ({share:.2f})" for label, share in cold_share.items() if share < 1]

    def verdict(failures: list[str]) -> str:
        return "**met**" if not failures else "**not met**: " + ", ".join(failures)

    return [
        f"- Every page and list in a constant number of queries (the same on the small and the large site): "
        f"{verdict(growing)}.",
        f"- A cached page at least {CACHED_SHARE_OF_HELLO} × the hello world's throughput (a stock Wagtail site "
        f"with Django's per-site cache reaches 0.35-0.49 here): {verdict(slow_cached)}; "
        f"the cached pages range from {min(cached_share.values()):.2f} to {max(cached_share.values()):.2f} × hello.",
        f"- The uncached home, member, showcase and diary pages at least as fast as the bare Wagtail page: "
        f"{verdict(slow_cold)}; they reach "
        + ", ".join(f"{label} {share:.2f}" for label, share in cold_share.items())
        + " × bare Wagtail.",
    ]


if __name__ == "__main__":
    main()
