def showcase_context(request, showcase) -> dict:
    return {}
