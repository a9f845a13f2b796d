def public_endpoints_only(endpoints):
    """drf-spectacular's preprocessing hook: the schema describes /api/ only; Wagtail's admin and
    its API v2 (documented by Wagtail) are left out."""
    return [
        endpoint for endpoint in endpoints if endpoint[0].startswith("/api/") and not endpoint[0].startswith("/api/v2/")
    ]
