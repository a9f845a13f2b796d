"""CORS for /api/: any site may read; only the origins in the API settings may write."""

from corsheaders.signals import check_request_enabled

READS = {"GET", "HEAD"}


def _is_read(request) -> bool:
    if request.method == "OPTIONS":  # a preflight names the method that will follow
        return request.headers.get("Access-Control-Request-Method", "").upper() in READS
    return request.method in READS


def allow_reads_from_anywhere_and_writes_from_allowed_origins(sender, request, **kwargs) -> bool:
    if _is_read(request):
        return True
    from .models import ApiSettings

    return request.headers.get("Origin", "").rstrip("/") in ApiSettings.load(request_or_site=request).write_origin_list


check_request_enabled.connect(allow_reads_from_anywhere_and_writes_from_allowed_origins)
