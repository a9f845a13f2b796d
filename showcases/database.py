def database_context(request, index_page) -> dict:
    return {}


def export_csv(request, index_page):
    raise NotImplementedError
