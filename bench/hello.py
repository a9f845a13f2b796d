"""The fastest thing gunicorn can serve: the bench's ceiling, `bench.hello:application`."""

BODY = b"Hello, world!\n"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]
