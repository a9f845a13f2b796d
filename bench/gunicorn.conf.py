"""The one gunicorn configuration `make bench` serves the hello world, the bare Wagtail page and
the portal with: two sync workers (the machine has two cores), no access log."""

import os

bind = os.environ.get("BENCH_BIND", "127.0.0.1:8765")
workers = 2
worker_class = "sync"
timeout = 120  # the first request to a cold page of 20,000 events may be slow; a hang still ends
accesslog = None
loglevel = "warning"
