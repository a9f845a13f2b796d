from django.conf import settings
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class StablePagination(CursorPagination):
    """Cursor pagination: pages stay put while items are added. The order is the view's
    `ordering`, ending with a unique field so that ties never reorder."""

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_ordering(self, request, queryset, view):
        return view.ordering

    def decode_cursor(self, request):
        """A cursor that cannot be read is the client's mistake (400), not a missing page (DRF's 404)."""
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({self.cursor_query_param: [str(error.detail)]}, code="invalid") from None
